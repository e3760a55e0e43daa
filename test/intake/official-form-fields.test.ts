import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRows } from '../../src/intake/bulk-import.service';
import { exportLines, exportRecords } from '../../src/intake/export.service';
import { readImportFile, readJsonLines } from '../../src/intake/import-file.reader';
import type { EntityKind } from '../../src/intake/intake.service';
import type { Runtime } from '../../src/runtime';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cycleRecord, demandRecord, enterpriseRecord, expertRecord } from '../fixtures/records';

// 武汉 附件1 fields added by issue 13 (item 3) and the expert-form fields: stored, read back and exported as given.
let tmp: TestRuntime;
beforeEach(() => {
  tmp = createTestRuntime();
  tmp.runtime.services.intake.saveCycle(cycleRecord());
});
afterEach(async () => {
  await tmp.cleanup();
});

const portsOf = (r: Runtime) => ({ intake: r.services.intake, transaction: r.transaction });
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

const sendingUnit = { consents: true, opinion: '同意推荐，申报材料属实', date: '2026-03-01' };
const commitment = { daysPerMonth: 8, daysPerYear: 96, note: '寒暑假集中驻企' };
const fullExpert = expertRecord({
  externalId: 'F-EXP',
  education: '硕士研究生',
  degree: '硕士',
  workStartYear: 2012,
  workStartDate: '2012-07-15',
  sendingUnit,
  commitment,
});
const fullEnterprise = enterpriseRecord({ legalRepresentative: '王强', legalRepresentativePhone: '13800000001', contact: { name: '李娜', phone: '13800000002' } });
const fullDemand = demandRecord({
  externalId: 'F-DEM',
  candidatesNote: '备选1已当面协商一致；备选2尚未联系',
  problem: '电池组热失控早期信号难以捕捉',
  externalCooperationNeeded: true,
  cooperationModes: ['联合开发', '其他'],
  otherCooperationMode: '共建联合实验室',
});
const problemOnly = {
  externalId: 'F-PROB',
  enterpriseCreditCode: fullEnterprise.creditCode,
  cycle: 'test-2026',
  title: '涂布工序厚度波动',
  description: '极片涂布厚度波动超过 ±3 μm，影响一致性。',
  problem: '涂布厚度一致性差',
  requestsVicePresident: false,
  externalCooperationNeeded: false,
};

function importAll(r: Runtime) {
  const s = [
    importRows(portsOf(r), 'experts', readJsonLines(jsonl([fullExpert]))),
    importRows(portsOf(r), 'enterprises', readJsonLines(jsonl([fullEnterprise]))),
    importRows(portsOf(r), 'demands', readJsonLines(jsonl([fullDemand, problemOnly]))),
  ];
  for (const x of s) expect(x.rejected).toEqual([]);
}

describe('official form fields (附件1 and the expert form)', () => {
  it('stores every new field and reads it back as given', () => {
    importAll(tmp.runtime);
    const repos = tmp.runtime.repositories;
    expect(repos.experts.getByExternalId('F-EXP')).toMatchObject({
      education: '硕士研究生',
      workStartDate: '2012-07-15',
      sendingUnit,
      commitment,
    });
    expect(repos.enterprises.getByCreditCode(fullEnterprise.creditCode)).toMatchObject({ legalRepresentativePhone: '13800000001', contact: { phone: '13800000002' } });
    expect(repos.demands.getByExternalId('F-DEM')!.demand).toMatchObject({
      candidatesNote: '备选1已当面协商一致；备选2尚未联系',
      problem: '电池组热失控早期信号难以捕捉',
      externalCooperationNeeded: true,
      otherCooperationMode: '共建联合实验室',
    });
    expect(repos.demands.getByExternalId('F-PROB')!.demand).toMatchObject({ requestsVicePresident: false, externalCooperationNeeded: false, problem: '涂布厚度一致性差' });
  });

  it('keeps an unanswered 有/无 box and an unknown consent absent, never yes', () => {
    importRows(portsOf(tmp.runtime), 'experts', readJsonLines(jsonl([expertRecord({ externalId: 'U-EXP', sendingUnit: { opinion: '待单位盖章' } })])));
    importRows(portsOf(tmp.runtime), 'enterprises', readJsonLines(jsonl([enterpriseRecord()])));
    importRows(portsOf(tmp.runtime), 'demands', readJsonLines(jsonl([demandRecord()])));
    const d = tmp.runtime.repositories.demands.getByExternalId('DEM-0001')!.demand;
    expect(d).not.toHaveProperty('externalCooperationNeeded');
    expect(d).not.toHaveProperty('requestsVicePresident');
    const e = tmp.runtime.repositories.experts.getByExternalId('U-EXP')!;
    expect(e.sendingUnit).toEqual({ opinion: '待单位盖章' });
    expect(e).not.toHaveProperty('education');
  });

  it('rejects a problem-only demand without its 问题难题 or with named candidates, and 其他合作方式 without 其他', () => {
    importRows(portsOf(tmp.runtime), 'enterprises', readJsonLines(jsonl([enterpriseRecord()])));
    const rows = readJsonLines(
      jsonl([
        { ...problemOnly, problem: undefined },
        { ...problemOnly, externalId: 'X2', namedCandidates: [{ name: '张三', agreed: false }] },
        demandRecord({ externalId: 'X3', otherCooperationMode: '共建实验室', cooperationModes: ['联合开发'] }),
        demandRecord({ externalId: 'X4', education: '本科' }),
      ]),
    );
    const s = importRows(portsOf(tmp.runtime), 'demands', rows);
    expect(s.rejected.map((r) => [r.line, r.field])).toEqual([
      [1, 'problem'],
      [2, 'namedCandidates'],
      [3, 'otherCooperationMode'],
    ]);
    expect(s.inserted).toBe(1);
    const bad = importRows(
      portsOf(tmp.runtime),
      'experts',
      readJsonLines(jsonl([expertRecord({ education: '本科' }), expertRecord({ externalId: 'E2', sendingUnit: { consents: '同意' } })])),
    );
    expect(bad.rejected.map((r) => [r.line, r.field])).toEqual([
      [1, 'education'],
      [2, 'sendingUnit.consents'],
    ]);
  });

  it('round-trips the new fields through CSV export → import into a fresh database', async () => {
    importAll(tmp.runtime);
    const copy = createTestRuntime();
    try {
      copy.runtime.services.intake.saveCycle(cycleRecord());
      for (const kind of ['experts', 'enterprises', 'demands'] as EntityKind[]) {
        const file = join(copy.dir, `${kind}.csv`);
        writeFileSync(file, [...exportLines(tmp.runtime.repositories, kind, 'csv')].join('\n'));
        const s = importRows(portsOf(copy.runtime), kind, await readImportFile(kind, file));
        expect(s.rejected).toEqual([]);
        expect([...exportRecords(copy.runtime.repositories, kind)]).toEqual([...exportRecords(tmp.runtime.repositories, kind)]);
      }
    } finally {
      await copy.cleanup();
    }
  });
});
