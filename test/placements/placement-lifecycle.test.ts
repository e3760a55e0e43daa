import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleRuns } from '../../src/db/schema';
import type { PlacementNotification } from '../../src/placements/placement.types';
import type { PlacementDetail } from '../../src/placements/placement.schema';
import { createRunService, FakeRanker } from '../cycles/fixtures';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';

// One placement walked through its life over HTTP (real temp database, real policy): agreement upload → filing →
// service log confirmed → outcome → term evaluation 不合格 → the next cycle run excludes the expert under
// Liaocheng's ban with its clause; another one graded 优秀 under Xinxiang renews without a matching round.
let t: TestApp;
let clock = '2025-07-01T02:00:00.000Z';
const notices: PlacementNotification[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: () => clock, notifier: { notify: (e) => notices.push(e) } });
});
afterAll(async () => t.cleanup());

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PUT', url: string, headers: AuthHeaders, payload?: unknown, contentType?: string) {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
    payload: payload as never,
  });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? (res.json() as Json) : {}, raw: res.rawPayload, headers: res.headers };
}

/** An eligible (expert, demand) of the cycle: the first expert who passes every hard rule for the demand. */
function eligiblePair(cycle: string, skip: Set<string> = new Set()) {
  const { policies } = t.services;
  const demands = t.repos.demands.listByCycle(cycle);
  const experts = t.repos.experts.list({ limit: 500, offset: 0 }).items;
  for (const d of demands) {
    for (const x of experts) {
      if (skip.has(x.externalId)) continue;
      const ev = policies.checkEligibility({ cycle, expertId: x.externalId, demandId: d.demand.externalId });
      if (ev.status === 'eligible') return { expertId: x.externalId, demandId: d.demand.externalId, enterprise: d.demand.enterpriseCreditCode, region: d.region! };
    }
  }
  throw new Error(`no eligible pair in ${cycle}`);
}

async function walkToTermEvaluation(cycle: string, pair: ReturnType<typeof eligiblePair>, reviewer: AuthHeaders, grade: string): Promise<PlacementDetail> {
  clock = '2025-07-01T02:00:00.000Z';
  const created = await call('POST', '/v1/placements/agreed-pairs', reviewer, {
    expertId: pair.expertId,
    enterpriseCreditCode: pair.enterprise,
    demandId: pair.demandId,
    cycle,
    termStart: '2025-07-01',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.id as number;
  expect(created.body).toMatchObject({ state: 'pending_agreement', termStart: '2025-07-01', termEnd: '2027-06-30', agreementStatus: 'none' });

  const upload = await call(
    'PUT',
    `/v1/placements/${id}/agreement?fileName=${encodeURIComponent('三方协议.pdf')}&side=enterprise&signedOn=2025-07-01`,
    reviewer,
    PDF,
    'application/pdf',
  );
  expect(upload.status, JSON.stringify(upload.body)).toBe(200);
  const filed = await call('POST', `/v1/placements/${id}/agreement/decision`, reviewer, { action: 'file' });
  expect(filed.body).toMatchObject({ state: 'active', agreement: { status: 'filed' } });

  clock = '2025-07-20T02:00:00.000Z';
  const logged = await call('POST', `/v1/placements/${id}/service-log?side=expert`, reviewer, {
    date: '2025-07-10',
    days: 3,
    activity: '产线工艺诊断',
    participants: '企业技术部 5 人',
  });
  expect(logged.status, JSON.stringify(logged.body)).toBe(200);
  const entry = (logged.body.serviceLog as Array<{ id: number }>)[0];
  const confirmed = await call('POST', `/v1/placements/${id}/service-log/${entry.id}/review?side=enterprise`, reviewer, { action: 'confirm' });
  expect(confirmed.body).toMatchObject({ serviceTime: { confirmedDays: 3 } });
  const outcome = await call('POST', `/v1/placements/${id}/outcomes?side=expert`, reviewer, {
    kind: 'training',
    quantity: 1,
    date: '2025-07-15',
    title: '质量管理培训',
    evidence: '签到表 23 人',
  });
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);

  clock = '2027-06-10T02:00:00.000Z';
  const assessed = await call('POST', `/v1/placements/${id}/evaluations?side=enterprise`, reviewer, { kind: 'term', grade, comment: '企业评价' });
  expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
  const evaluation = (assessed.body.evaluations as Array<{ id: number; kind: string }>).find((e) => e.kind === 'term')!;
  const graded = await call('POST', `/v1/placements/${id}/evaluations/${evaluation.id}/grade`, reviewer, { grade, reason: '按协议任务完成情况评定' });
  expect(graded.body).toMatchObject({ evaluations: [{ status: 'graded' }] });
  const done = await call('POST', `/v1/placements/${id}/evaluations/${evaluation.id}/confirm`, await t.asAdmin(), { action: 'confirm' });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(done.body).toMatchObject({ state: 'evaluated', grade });
  return done.body as unknown as PlacementDetail;
}

describe('a placement graded 不合格 under Liaocheng', () => {
  it('walks agreement → filing → confirmed service → outcome → 不合格, and the next cycle run excludes the expert citing 第十七条', async () => {
    const pair = eligiblePair('liaocheng-demo');
    const reviewer = await t.asReviewer(pair.region);
    const placement = await walkToTermEvaluation('liaocheng-demo', pair, reviewer, '不合格');
    expect(placement.outcomes).toHaveLength(1);

    // The expert's service history is the placement, graded: the rule reads it with its clause.
    const ev = t.services.policies.checkEligibility({ cycle: 'liaocheng-demo', expertId: pair.expertId });
    const ban = ev.results.find((r) => r.ruleId === 'lc-failed-grade')!;
    expect(ban).toMatchObject({ outcome: 'fail', code: 'EXPERT_RECENT_FAILED_GRADE', clause: { article: '第十七条' } });

    const runsBefore = t.db.select().from(cycleRuns).all().length;
    // The banned expert scores highest everywhere, so it heads every demand's excluded list.
    const ranker = new FakeRanker(t.runtime, { score: (_d, x) => (x === pair.expertId ? 0.99 : 0.5) });
    const { runId } = await createRunService(t.runtime, ranker).execute({ cycleId: 'liaocheng-demo' });
    expect(t.db.select().from(cycleRuns).all().length).toBe(runsBefore + 1);
    const proposals = t.repos.runs.proposalsOf(runId!);
    expect(proposals.some((p) => p.expertExternalId === pair.expertId)).toBe(false);
    const reasons = proposals.flatMap((p) => p.excluded.filter((x) => x.expertId === pair.expertId).flatMap((x) => x.reasons));
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.find((r) => r.ruleId === 'lc-failed-grade')).toMatchObject({ clause: { document: '聊城市“科技副总”管理办法（征求意见稿）', article: '第十七条' } });
  });
});

describe('a placement graded 优秀 under Xinxiang', () => {
  it('renews on request and acceptance: the next term is created without a matching round, checked against the rules', async () => {
    const pair = eligiblePair('xinxiang-demo');
    const reviewer = await t.asReviewer(pair.region);
    const placement = await walkToTermEvaluation('xinxiang-demo', pair, reviewer, '优秀');
    expect(placement.actions.requestRenewal).toBe(true);
    const runsBefore = t.db.select().from(cycleRuns).all().length;

    const asked = await call('POST', `/v1/placements/${placement.id}/renewal?side=enterprise`, reviewer);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const same = await call('POST', `/v1/placements/${placement.id}/renewal/accept?side=enterprise`, reviewer, {});
    expect(same).toMatchObject({ status: 403 });
    const accepted = await call('POST', `/v1/placements/${placement.id}/renewal/accept?side=expert`, reviewer, {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const next = accepted.body.next as PlacementDetail;
    expect(next).toMatchObject({ origin: 'renewal', state: 'pending_agreement', renewalOf: placement.id, termStart: '2027-07-01', termEnd: '2029-06-30', cycleId: null });
    expect(accepted.body.placement).toMatchObject({ state: 'renewed', renewedTo: next.id });
    expect(t.db.select().from(cycleRuns).all().length).toBe(runsBefore);
    expect(notices.some((n) => n.type === 'placement.renewed' && n.recipients.some((r) => r.kind === 'county'))).toBe(true);

    // The trail: every step audited with before/after.
    const trail = t.services.auth.audit.list({ entity: 'placement', entityId: String(placement.id), limit: 50 });
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'placement.create',
        'placement.agreement.upload',
        'placement.agreement.file',
        'placement.service.log',
        'placement.service.confirm',
        'placement.evaluation.confirm',
        'placement.renewal.accept',
      ]),
    );
  });
});
