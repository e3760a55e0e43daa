import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { importRows } from '../../src/intake/bulk-import.service';
import { loadConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';
import { createTestRuntime, silentLogger } from '../helpers/test-runtime';
import { expertRecord } from '../fixtures/records';

// The county checks every form before it enters the pool (Wenzhou 四(一): 经科技部门审核后入库).
let t: TestApp;
let portal: AuthHeaders;
let enterprise: { creditCode: string; region: string };
beforeAll(async () => {
  t = await createTestApp({ matching: { embedder: new HashingEmbedder() }, ranking: { today: () => '2026-06-30' } });
  portal = await t.asPortal();
  const e = t.demo!.enterprises.find((x) => x.region === '330302')!;
  enterprise = { creditCode: e.creditCode, region: e.region };
}, 120_000);
afterAll(async () => t?.cleanup());

const demand = (over: Record<string, unknown> = {}) => ({
  externalId: 'REV-D1',
  enterpriseCreditCode: enterprise.creditCode,
  cycle: DEMO_CYCLE_ID,
  title: '高压直流继电器触点电弧侵蚀抑制',
  description: '新能源汽车高压直流继电器在分断大电流时触点电弧侵蚀严重，寿命不足，需要灭弧结构与触点材料方案。',
  expectedField: '电工材料',
  namedCandidates: [],
  keyCommonTech: false,
  cooperationModes: [],
  providesConditions: true,
  ...over,
});
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: AuthHeaders, payload?: object) => t.app.inject({ method, url, headers, payload });
const match = (demandId: string) => inject('POST', '/v1/match', portal, { demandId, top: 3 });
const auditOf = (entityId: string) => t.services.auth.audit.list({ entityId, limit: 50 }).filter((a) => a.action.startsWith('intake.'));

describe('intake review of demands', () => {
  it('keeps a portal demand out of matching until a reviewer of its county approves it', async () => {
    const created = await inject('POST', '/v1/demands', portal, demand());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().review).toEqual({ status: 'submitted', reason: null });
    const refused = await match('REV-D1');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'DEMAND_NOT_APPROVED' });

    // Least privilege: another county, a viewer and the portal may not approve.
    expect((await inject('POST', '/v1/demands/REV-D1/approve', await t.asReviewer('330303'), {})).json().code).toBe('FORBIDDEN_REGION');
    expect((await inject('POST', '/v1/demands/REV-D1/approve', await t.asViewer(), {})).statusCode).toBe(403);
    expect((await inject('POST', '/v1/demands/REV-D1/approve', portal, {})).statusCode).toBe(403);

    const approved = await inject('POST', '/v1/demands/REV-D1/approve', await t.asReviewer('330302'), {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'test-reviewer-330302' });
    const matched = await match('REV-D1');
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json().candidates.length).toBeGreaterThan(0);
    // A second approval is a state conflict, not a silent repeat.
    expect((await inject('POST', '/v1/demands/REV-D1/approve', await t.asReviewer('330302'), {})).json().code).toBe('INTAKE_STATE_CONFLICT');
  });

  it('sends an approved demand back to review when its problem text changes, but not for other fields', async () => {
    const other = await inject('PUT', '/v1/demands/REV-D1', portal, demand({ partnerRequirements: '有汽车电器研发经验' }));
    expect(other.json().review.status).toBe('approved');
    expect((await match('REV-D1')).statusCode).toBe(200);
    const changed = await inject(
      'PUT',
      '/v1/demands/REV-D1',
      portal,
      demand({ partnerRequirements: '有汽车电器研发经验', description: `${demand().description}另需真空灭弧室仿真。` }),
    );
    expect(changed.json().review.status).toBe('submitted');
    expect((await match('REV-D1')).statusCode).toBe(409);
    const entry = auditOf('REV-D1')[0];
    expect(entry).toMatchObject({ action: 'intake.resubmit', before: { status: 'approved' }, after: { status: 'submitted' }, regionCode: '330302' });
    expect(entry.note).toContain('技术难题描述');
  });

  it('returns a demand with a reason the submitter sees, and takes the corrected form back into the queue', async () => {
    const reviewer = await t.asReviewer('330302');
    const noReason = await inject('POST', '/v1/demands/REV-D1/return', reviewer, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('REASON_REQUIRED');
    const returned = await inject('POST', '/v1/demands/REV-D1/return', reviewer, { reason: '请补充继电器额定电压与分断电流' });
    expect(returned.json()).toMatchObject({ status: 'returned', reason: '请补充继电器额定电压与分断电流' });
    const seen = await inject('GET', '/v1/demands/REV-D1/review', portal);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'returned', reason: '请补充继电器额定电压与分断电流', decidedBy: 'test-reviewer-330302' });
    const corrected = await inject('PUT', '/v1/demands/REV-D1', portal, demand({ description: `${demand().description}额定电压 800V，分断电流 600A。` }));
    expect(corrected.json().review).toEqual({ status: 'submitted', reason: '请补充继电器额定电压与分断电流' });
    const actions = auditOf('REV-D1').map((a) => a.action);
    expect(actions.slice(0, 3)).toEqual(['intake.resubmit', 'intake.return', 'intake.resubmit']);
    expect(auditOf('REV-D1').find((a) => a.action === 'intake.return')).toMatchObject({
      actor: 'test-reviewer-330302',
      actorRole: 'reviewer',
      note: '请补充继电器额定电压与分断电流',
      before: { status: 'submitted', reason: null },
      after: { status: 'returned', reason: '请补充继电器额定电压与分断电流' },
    });
  });

  it('lets the submitter withdraw a form once', async () => {
    await inject('POST', '/v1/demands', portal, demand({ externalId: 'REV-D2' }));
    const w = await inject('POST', '/v1/demands/REV-D2/withdraw', portal, { reason: '企业已自行解决' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', reason: '企业已自行解决' });
    expect((await inject('POST', '/v1/demands/REV-D2/withdraw', portal, {})).statusCode).toBe(409);
    expect((await match('REV-D2')).json().code).toBe('DEMAND_NOT_APPROVED');
  });

  it('runs a cycle over approved demands only', async () => {
    const matching = await t.runtime.matching();
    const outcome = await matching.cycleRuns({}).execute({ cycleId: DEMO_CYCLE_ID, dryRun: true });
    const ids = outcome.plan.proposals.map((p) => p.demandId);
    expect(ids).not.toContain('REV-D1');
    expect(ids).not.toContain('REV-D2');
    expect(ids.length).toBeGreaterThan(0);
    // Every demand the demo seed approved counts, and none of the two waiting or withdrawn ones.
    const demoInCycle = t.demo!.demands.filter((d) => d.cycle === DEMO_CYCLE_ID).length;
    expect(outcome.summary.regions.reduce((n, r) => n + r.demands, 0)).toBe(demoInCycle);
  });
});

describe('intake review of expert forms', () => {
  const TOPIC = '太赫兹超材料吸波体拓扑优化';
  const newcomer = expertRecord({
    externalId: 'REV-E1',
    name: '周太赫',
    region: '330302',
    projects: [{ title: TOPIC, abstract: `${TOPIC}与太赫兹超材料吸波体的实验验证。`, keywords: ['太赫兹', '超材料'], startYear: 2022, endYear: 2025 }],
  });
  const rank = () => t.ranker!.rank({ title: TOPIC, description: `${TOPIC}，太赫兹超材料`, expectedField: '', namedCandidates: [] }, { top: 5, policy: 'open' });

  it('ranks an expert only once approved, and again not after their projects change', async () => {
    expect((await inject('POST', '/v1/experts', portal, newcomer)).json().review.status).toBe('submitted');
    await t.retrieval!.sync();
    expect((await rank()).candidates.map((c) => c.expertId)).not.toContain('REV-E1');
    const approved = await inject('POST', '/v1/experts/REV-E1/approve', await t.asReviewer('330302'), { reason: '已核对职称证书' });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect((await rank()).candidates[0].expertId).toBe('REV-E1');
    // Contact details are not matching-relevant; the title is.
    expect((await inject('PUT', '/v1/experts/REV-E1', portal, { ...newcomer, contact: { phone: '13800000000' } })).json().review.status).toBe('approved');
    expect((await inject('PUT', '/v1/experts/REV-E1', portal, { ...newcomer, contact: { phone: '13800000000' }, title: '正高级' })).json().review.status).toBe('submitted');
    await t.retrieval!.sync();
    expect((await rank()).candidates.map((c) => c.expertId)).not.toContain('REV-E1');
  });

  it('leaves an expert without a region to the city', async () => {
    const created = await inject(
      'POST',
      '/v1/experts',
      portal,
      expertRecord({ externalId: 'REV-E2', region: undefined, institution: { name: '外市研究院', type: 'research_institute' } }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect((await inject('POST', '/v1/experts/REV-E2/approve', await t.asReviewer('330302'), {})).json().code).toBe('FORBIDDEN_REGION');
    expect((await inject('POST', '/v1/experts/REV-E2/approve', await t.asAdmin(), {})).json().status).toBe('approved');
  });

  it('approves an administrator import on import, audited as such', () => {
    const rows = [{ line: 1, record: expertRecord({ externalId: 'REV-E3' }) }];
    const summary = importRows({ intake: t.services.intake, transaction: t.runtime.transaction }, 'experts', rows, {
      by: { actor: 'cli:import', actorRole: 'admin' },
      review: { approve: true },
    });
    expect(summary.inserted).toBe(1);
    expect(auditOf('REV-E3')[0]).toMatchObject({ action: 'intake.approve_on_import', actor: 'cli:import', before: null, after: { status: 'approved' } });
  });
});

describe('existing records', () => {
  it('stay in the pool: the demo seed approves its records and migration 0009 approves rows older than it', async () => {
    expect(t.repos.intakeReviews.countByStatus('demand')).toMatchObject({ approved: t.demo!.demands.length });
    const r = createTestRuntime();
    try {
      const { intake } = r.runtime.services;
      expect(intake.saveExpert(expertRecord({ externalId: 'OLD-1' })).ok).toBe(true);
      expect(intake.saveExpert(expertRecord({ externalId: 'OLD-2' })).ok).toBe(true);
      // Back to the database as it was before 0009 (no review table), then 0009's own statements: later migrations
      // are applied already, so re-running it through the migrator (newest-first watermark) would skip it.
      r.runtime.db.$client.exec('DROP TABLE intake_reviews;');
      const migration = readFileSync(join('src', 'db', 'migrations', '0009_intake_review.sql'), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint')) if (statement.trim()) r.runtime.db.$client.exec(statement);
      const reopened = await r.reopen();
      expect(reopened.repositories.intakeReviews.countByStatus('expert')).toEqual({ approved: 2 });
      expect(reopened.services.intakeReview.stateByKey('experts', 'OLD-1')).toMatchObject({ status: 'approved', decidedBy: 'migration:0009' });
    } finally {
      await r.cleanup();
    }
  });
});

describe('npm run import --approve', () => {
  it('approves the imported rows, and without it they wait for review', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kjfz-approve-cli-'));
    try {
      const file = join(dir, 'experts.jsonl');
      writeFileSync(file, `${JSON.stringify(expertRecord({ externalId: 'CLI-1' }))}\n`);
      const env = { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
      const run = (...extra: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'experts', file, ...extra], { env, encoding: 'utf8' });
      expect(run().status).toBe(0);
      const statusOf = async () => {
        const rt = createRuntime(loadConfig({ DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }), { logger: silentLogger });
        try {
          return rt.services.intakeReview.stateByKey('experts', 'CLI-1');
        } finally {
          await rt.close();
        }
      };
      // The CLI audits as the operator's login on this host (cli:import:<login>).
      expect(await statusOf()).toMatchObject({ status: 'submitted', submittedBy: expect.stringMatching(/^cli:import:/) });
      expect(run('--approve').status).toBe(0);
      expect(await statusOf()).toMatchObject({ status: 'approved', decidedBy: expect.stringMatching(/^cli:import:/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
