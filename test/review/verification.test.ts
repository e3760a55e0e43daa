import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.service';
import { createRunService, demoData, FakeRanker } from '../cycles/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Issue 11, done-when: a cycle run never assigns a pair with an unresolved unknown hard rule; a county reviewer
// resolves it (enters the fact, or records a verdict with a reason, audited), and the page shows such pairs apart.
let t: TestApp;
const edge = (kind: string) => demoData().edgeCases.find((e) => e.kind === kind)!;

beforeAll(async () => {
  t = await createTestApp();
  expect(seedDemo({ intake: t.services.intake, transaction: t.runtime.transaction }, { data: demoData() }).rejected).toEqual([]);
});
afterAll(async () => t.cleanup());

const post = async (url: string, region: string, payload: object) => t.app.inject({ method: 'POST', url, headers: await t.asReviewer(region), payload });
const regionOf = (runId: string, demandId: string) => t.services.review.regionOfDemand(runId, demandId);

describe('待核实: unknown hard rules in a cycle run and their resolution', () => {
  let runId: string;
  const noBirth = edge('expert-birth-date-missing');

  it('鄂经信科技〔2020〕73号 二(三): lists an expert without a birth date apart, never proposes them, even scored best', async () => {
    const ranker = new FakeRanker(t.runtime, { inject: (d) => (d === noBirth.demand ? [{ expertId: noBirth.subject, score: 5 }] : []) });
    const out = await createRunService(t.runtime, ranker).execute({ cycleId: 'hubei-demo' });
    runId = out.runId!;
    expect(out.summary.assignments.find((a) => a.expertId === noBirth.subject)).toBeUndefined();
    const review = t.services.review.getRegionReview(runId, regionOf(runId, noBirth.demand));
    const row = review.items.find((d) => d.demandId === noBirth.demand)!;
    const pending = row.pending.find((c) => c.expertId === noBirth.subject)!;
    expect(pending.unknown).toEqual([expect.objectContaining({ ruleId: 'hb-age', code: 'EXPERT_AGE_UNKNOWN', missing: ['expert.birthDate'] })]);
    expect(row.alternates.map((a) => a.expertId)).not.toContain(noBirth.subject);
    expect(review.region.unverified).toBeGreaterThan(0);
    // The assignments API shows them apart too.
    const api = await t.app.inject({ method: 'GET', url: `/v1/cycles/hubei-demo/assignments?run=${runId}`, headers: await t.asAdmin() });
    expect(
      api
        .json()
        .items.find((i: { demandId: string }) => i.demandId === noBirth.demand)
        .pending.map((c: { expertId: string }) => c.expertId),
    ).toContain(noBirth.subject);
  });

  it('refuses to swap in a 待核实 candidate before the unknown is resolved', async () => {
    const region = regionOf(runId, noBirth.demand);
    const res = await post(`/v1/runs/${runId}/demands/${noBirth.demand}/decision`, region, { action: 'swap', expertId: noBirth.subject });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SWAP_UNVERIFIED' });
    expect(res.json().message).toContain('出生日期');
  });

  it('checks a resolution: a reason for a verdict, a fact that is missing, a subject of the demand, a rule that is unknown', async () => {
    const region = regionOf(runId, noBirth.demand);
    const url = `/v1/runs/${runId}/demands/${noBirth.demand}/verifications`;
    const base = { subject: 'expert', subjectId: noBirth.subject, ruleId: 'hb-age' };
    expect((await post(url, region, { ...base, verdict: 'pass' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post(url, region, { ...base, facts: { 'expert.title': '正高级' } })).json()).toMatchObject({ code: 'FACT_NOT_MISSING' });
    expect((await post(url, region, { ...base, facts: { 'expert.birthDate': '1980-02-30' } })).json()).toMatchObject({ code: 'INVALID_FACT' });
    expect((await post(url, region, { ...base, subjectId: 'wz-exp-00001', verdict: 'pass', reason: '核实' })).json()).toMatchObject({ code: 'SUBJECT_NOT_IN_DEMAND' });
    expect((await post(url, region, { ...base, ruleId: 'hb-title', verdict: 'pass', reason: '核实' })).json()).toMatchObject({ code: 'NOT_UNKNOWN' });
    const other = await t.app.inject({ method: 'POST', url, headers: await t.asReviewer('330302'), payload: { ...base, verdict: 'pass', reason: '核实' } });
    expect(other.statusCode).toBe(403);
  });

  it('records a verdict with a reason, audited in the same transaction, and the evaluation then says who verified it', async () => {
    const region = regionOf(runId, noBirth.demand);
    const res = await post(`/v1/runs/${runId}/demands/${noBirth.demand}/verifications`, region, {
      subject: 'expert',
      subjectId: noBirth.subject,
      ruleId: 'hb-age',
      verdict: 'pass',
      reason: '核对身份证复印件，1983年生，未超过45周岁',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resolvedBy: 'verdict', rule: { ruleId: 'hb-age', outcome: 'pass', verification: { verdict: 'pass', by: `test-reviewer-${region}` } } });
    const ev = t.services.policies.checkEligibility({ cycle: 'hubei-demo', expertId: noBirth.subject, demandId: noBirth.demand });
    expect(ev.results.find((r) => r.ruleId === 'hb-age')!.message).toContain(`经 test-reviewer-${region} 于`);
    const audit = t.services.review.listAudit(runId, region);
    expect(audit[0]).toMatchObject({ action: 'review.verify', entity: 'fact_verification', actor: `test-reviewer-${region}`, before: null });
    expect(audit[0].after).toMatchObject({ verdict: 'pass', reason: '核对身份证复印件，1983年生，未超过45周岁', subjectId: noBirth.subject });
    // Now resolved: the reviewer may swap the candidate in (every hard rule re-checked).
    const swap = await post(`/v1/runs/${runId}/demands/${noBirth.demand}/decision`, region, { action: 'swap', expertId: noBirth.subject });
    expect(swap.statusCode, swap.body).toBe(200);
    expect(swap.json().demand.decision).toMatchObject({ status: 'swapped', expertId: noBirth.subject });
  });

  it('a new run after the verification is a new input, and proposes the verified pair', async () => {
    const ranker = new FakeRanker(t.runtime, { inject: (d) => (d === noBirth.demand ? [{ expertId: noBirth.subject, score: 5 }] : []) });
    const out = await createRunService(t.runtime, ranker).execute({ cycleId: 'hubei-demo' });
    expect(out.resumed).toBe(false);
    expect(out.runId).not.toBe(runId);
    expect(out.summary.assignments.find((a) => a.demandId === noBirth.demand)?.expertId).toBe(noBirth.subject);
  });

  it('新科〔2025〕12号 三(二)3: entering the missing answer into the demand record resolves it, audited with before and after', async () => {
    const unanswered = edge('demand-conditions-unanswered');
    const out = await createRunService(t.runtime, new FakeRanker(t.runtime)).execute({ cycleId: 'xinxiang-demo' });
    const xxRun = out.runId!;
    const item = (await t.app.inject({ method: 'GET', url: `/v1/cycles/xinxiang-demo/assignments?run=${xxRun}`, headers: await t.asAdmin() }))
      .json()
      .items.find((i: { demandId: string }) => i.demandId === unanswered.demand);
    expect(item.unfilled.code).toBe('ENTERPRISE_UNVERIFIED');
    expect(item.expertId).toBeNull();
    const region = regionOf(xxRun, unanswered.demand);
    const res = await post(`/v1/runs/${xxRun}/demands/${unanswered.demand}/verifications`, region, {
      subject: 'demand',
      subjectId: unanswered.demand,
      ruleId: 'xx-provides-conditions',
      facts: { 'demand.providesConditions': '是' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resolvedBy: 'facts', rule: { outcome: 'pass', code: 'DEMAND_PROVIDES_CONDITIONS' } });
    expect(t.repos.demands.getByExternalId(unanswered.demand)!.demand.providesConditions).toBe(true);
    const [entry] = t.services.review.listAudit(xxRun, region);
    expect(entry).toMatchObject({ action: 'review.enter_fact', entity: 'fact_entry', before: { 'demand.providesConditions': null }, after: { 'demand.providesConditions': true } });
  });

  it('鄂经信科技〔2020〕73号 二(三): approving a pair that passes only through the age relaxation needs a written reason', async () => {
    const relaxed = edge('demand-named-agreed-over-age');
    // Everyone else far ahead: the agreed 52-year-old is still proposed first (四(二)), through the relaxation.
    const ranker = new FakeRanker(t.runtime, { score: (_d, x) => (x === relaxed.subject ? 0.2 : 0.9) });
    const out = await createRunService(t.runtime, ranker).execute({ cycleId: 'hubei-demo', top: 100 });
    const id = out.runId!;
    const proposal = out.summary.assignments.find((a) => a.demandId === relaxed.demand)!;
    expect(proposal).toMatchObject({ expertId: relaxed.subject, namedAgreed: true });
    const region = regionOf(id, relaxed.demand);
    const bare = await post(`/v1/runs/${id}/demands/${relaxed.demand}/decision`, region, { action: 'approve' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    const ok = await post(`/v1/runs/${id}/demands/${relaxed.demand}/decision`, region, { action: 'approve', reason: '企业急需其电机控制经验，已协商一致，年龄放宽至52周岁' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(t.services.review.listAudit(id, region)[0].note).toContain('通过');
  });
});
