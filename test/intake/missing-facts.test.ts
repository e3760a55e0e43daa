import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRows } from '../../src/intake/bulk-import.service';
import { readJsonLines } from '../../src/intake/import-file.reader';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { cycleRecord, demandRecord, enterpriseRecord, expertRecord } from '../fixtures/records';

// Issue 11 item 2 (intake): a real talent pool imported from another system lacks facts; such records are
// stored, each row warned with the facts it lacks, and the rules that need them say `unknown`.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  expect(t.services.intake.saveCycle(cycleRecord({ id: 'xx-test', policy: 'xinxiang-2025', referenceDate: '2025-06-30' }))).toMatchObject({ ok: true });
  expect(t.services.intake.saveCycle(cycleRecord({ id: 'hb-test', policy: 'hubei-2020', referenceDate: '2024-06-30' }))).toMatchObject({ ok: true });
});
afterAll(async () => t.cleanup());

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const lacking = (id: string, ...fields: string[]) => {
  const r: Record<string, unknown> = expertRecord({ externalId: id, workStartDate: '2012-07-01' });
  for (const f of fields) delete r[f];
  return r;
};

describe('importing records that lack facts a rule needs', () => {
  it('stores experts lacking birth date, degree or region, with a warning per row naming the missing facts', () => {
    const rows = readJsonLines(
      jsonl([lacking('M1', 'birthDate'), lacking('M2', 'degree'), lacking('M3', 'region'), lacking('M4'), lacking('M5', 'birthDate', 'degree', 'region')]),
    );
    const summary = importRows({ intake: t.services.intake, transaction: t.runtime.transaction }, 'experts', rows);
    expect(summary).toMatchObject({ inserted: 5, rejected: [] });
    expect(summary.warnings.map((w) => [w.line, w.key, w.missing])).toEqual([
      [1, 'M1', ['expert.birthDate']],
      [2, 'M2', ['expert.degree']],
      [3, 'M3', ['expert.region']],
      [5, 'M5', ['expert.birthDate', 'expert.degree', 'expert.region']],
    ]);
    expect(summary.warnings[4 - 1].message).toContain('出生日期、学位、所在地区');
    const stored = t.repos.experts.getByExternalId('M5')!;
    expect([stored.birthDate, stored.degree, stored.region]).toEqual([undefined, undefined, undefined]);
  });

  it('says unknown for the rules that need the missing facts (POST /v1/eligibility), never pass', async () => {
    const headers = await t.asAdmin();
    const check = async (expertId: string, cycle: string) => (await t.app.inject({ method: 'POST', url: '/v1/eligibility', headers, payload: { cycle, expertId } })).json();
    const age = await check('M1', 'hb-test');
    expect(age.status).toBe('unknown');
    expect(age.eligible).toBe(false);
    expect(age.missing).toEqual(['expert.birthDate']);
    expect(age.results.find((r: { ruleId: string }) => r.ruleId === 'hb-age')).toMatchObject({ outcome: 'unknown', code: 'EXPERT_AGE_UNKNOWN', missing: ['expert.birthDate'] });
    // Degree missing, title 副高级: Xinxiang's 硕士学位或副高级 is met by the title, so nothing is unknown.
    expect((await check('M2', 'xx-test')).results.find((r: { ruleId: string }) => r.ruleId === 'xx-qualification').outcome).toBe('pass');
    const degree = lacking('M6', 'degree');
    // No granted invention patent either, or the core-IP relaxation (三(一)5) would relax it for review.
    expect(t.services.intake.saveExpert({ ...degree, title: '中级', patents: [] })).toMatchObject({ ok: true });
    expect((await check('M6', 'xx-test')).results.find((r: { ruleId: string }) => r.ruleId === 'xx-qualification')).toMatchObject({
      outcome: 'unknown',
      missing: ['expert.degree'],
    });
    // Region missing but the institution's own region known: Xinxiang's 在新 test reads the institution's.
    expect((await check('M3', 'xx-test')).results.find((r: { ruleId: string }) => r.ruleId === 'xx-institution').outcome).toBe('fail');
  });

  it('stores a demand that never answered 是否提供工作条件 and enterprises without size or registration date', () => {
    const ent = importRows(
      { intake: t.services.intake, transaction: t.runtime.transaction },
      'enterprises',
      readJsonLines(jsonl([enterpriseRecord({ creditCode: '91410702MA9G00001A', region: '410702', employees: undefined, revenue: undefined, registeredAt: undefined })])),
    );
    expect(ent).toMatchObject({ inserted: 1, rejected: [] });
    expect(ent.warnings[0].missing).toEqual(['enterprise.registeredAt', 'enterprise.employees', 'enterprise.revenue']);
    // The shared fixture never answers the conditions question (附件1 三).
    const unanswered = demandRecord({ externalId: 'XD-1', enterpriseCreditCode: '91410702MA9G00001A', cycle: 'xx-test' });
    const dem = importRows({ intake: t.services.intake, transaction: t.runtime.transaction }, 'demands', readJsonLines(jsonl([unanswered])));
    expect(dem).toMatchObject({ inserted: 1, rejected: [] });
    expect(dem.warnings[0].missing).toEqual(['demand.providesConditions']);
    expect(t.repos.demands.getByExternalId('XD-1')!.demand.providesConditions).toBeUndefined();
    const ev = t.services.policies.checkEligibility({ demandId: 'XD-1' });
    expect(ev.results.find((r) => r.ruleId === 'xx-provides-conditions')).toMatchObject({ outcome: 'unknown', code: 'DEMAND_CONDITIONS_UNKNOWN' });
  });

  it('answers the REST create with the facts the record lacks', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: await t.asAdmin(), payload: lacking('M9', 'birthDate', 'title') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ key: 'M9', status: 'inserted', missing: ['expert.birthDate', 'expert.title'], review: { status: 'submitted', reason: null } });
  });
});

describe('npm run import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kjfz-import-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (kind: string, file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', kind, file], {
      env: { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  it('exits non-zero when it stored no row at all, and zero when it stored some (warnings included)', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, jsonl([expertRecord({ externalId: 'B1', title: '教授' }), expertRecord({ externalId: 'B2', birthDate: '1985-13-01' })]));
    const none = run('experts', bad);
    expect(none.status, none.stderr).toBe(1);
    expect(JSON.parse(none.stdout.trim().split('\n').at(-1)!)).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(none.stderr).toContain('没有保存任何记录');
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(run('experts', empty).status).toBe(1);
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, jsonl([lacking('G1', 'birthDate'), expertRecord({ externalId: 'G2', title: '教授' })]));
    const some = run('experts', good);
    expect(some.status, some.stderr).toBe(0);
    expect(JSON.parse(some.stdout.trim().split('\n').at(-1)!)).toMatchObject({ inserted: 1, warnings: [{ line: 1, key: 'G1', missing: ['expert.birthDate'] }] });
  }, 60_000);
});
