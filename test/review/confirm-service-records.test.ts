import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExpert } from '../../src/policy/evaluate';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import { ReviewService, type ReviewActor } from '../../src/review/review.service';
import { serviceTermEnd } from '../../src/review/service-term';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createRunFixture, type RunFixture } from './run-fixture';

// Its own database: confirmed pairs become service records, which later swap re-checks of other tests would see.
let t: TestApp;
let f: RunFixture;
let review: ReviewService;

const reviewer: ReviewActor = { actor: 'reviewer-a', actorRole: 'reviewer' };
const admin: ReviewActor = { actor: 'city-admin', actorRole: 'admin' };
// 17:30 UTC on 31 March is already 1 April in China.
const NOW = '2026-03-31T17:30:00.000Z';

beforeAll(async () => {
  t = await createTestApp();
  f = createRunFixture(t, { runId: 'run-confirm', seatsFor: (_r, n) => Math.min(3, n) });
  // The review use-case over the same repositories, with its clock pinned.
  const r = t.repos;
  review = new ReviewService({
    reviews: r.reviews,
    runs: r.runs,
    audit: r.audit,
    demands: r.demands,
    enterprises: r.enterprises,
    placements: t.services.placements.placements,
    reference: r.reference,
    policies: t.services.policies,
    now: () => NOW,
  });
});
afterAll(async () => t.cleanup());

const staffCaller = { actor: { actor: 'city-admin', actorRole: 'admin' }, role: 'admin' as const, region: null, party: null };
const historyOf = (expertId: string) => t.repos.experts.getByExternalId(expertId)!.serviceHistory;
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { statusCode: number; code: string };
  }
  throw new Error('expected an error');
};

describe('service term', () => {
  it('lasts two years less a day', () => {
    expect(serviceTermEnd('2026-04-01')).toBe('2028-03-31');
    expect(serviceTermEnd('2026-01-01')).toBe('2027-12-31');
    expect(serviceTermEnd('2024-02-29')).toBe('2026-02-28');
    expect(serviceTermEnd('2027-03-01')).toBe('2029-02-28');
  });
});

describe('confirming a region records the confirmed pairs as service', () => {
  it('appends one service record per approved or swapped pair, none for rejected ones, audits them, and adds nothing on a second confirm', () => {
    const proposed = f.inRegion(f.main).filter((d) => d.proposed);
    expect(proposed.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = proposed;
    expect(b.freeAlternate).not.toBeNull();
    const swappedTo = b.freeAlternate!;
    review.decide(f.runId, a.demandId, { action: 'approve' }, reviewer);
    review.decide(f.runId, b.demandId, { action: 'swap', expertId: swappedTo }, reviewer);
    review.decide(f.runId, c.demandId, { action: 'reject', reason: '企业暂无需求' }, reviewer);
    review.submitRegion(f.runId, f.main, reviewer);

    const profile = BUILT_IN_PROFILES.get('wenzhou-2025')!;
    // A later cycle, one year into the term: the appointment is earlier service there.
    const later = { referenceDate: '2027-04-01', cycleId: 'wenzhou-next' };
    const servingRule = (expertId: string) => evaluateExpert(profile, t.repos.experts.getByExternalId(expertId)!, later).results.find((r) => r.ruleId === 'wz-not-serving')!;
    const before = new Map([a.proposed!, swappedTo, c.proposed!].map((id) => [id, historyOf(id)]));
    for (const id of before.keys()) expect(servingRule(id).outcome).toBe('pass');

    expect(review.confirmRegion(f.runId, f.main, admin)).toMatchObject({ status: 'confirmed' });

    const record = (enterprise: string) => ({ enterpriseCreditCode: enterprise, cycle: f.cycleId, startDate: '2026-04-01', endDate: '2028-03-31' });
    expect(historyOf(a.proposed!)).toEqual([...before.get(a.proposed!)!, record(a.enterprise)]);
    expect(historyOf(swappedTo)).toEqual([...before.get(swappedTo)!, record(b.enterprise)]);
    expect(historyOf(c.proposed!)).toEqual(before.get(c.proposed!));
    // b's original proposal was swapped out: no record for it either.
    expect(historyOf(b.proposed!).filter((s) => s.cycle === f.cycleId)).toEqual([]);

    // Wenzhou 六(四) 尽量避免多头任职 is advisory: the failed check is flagged for review, not excluded.
    // Wuhan 二 (尚在服务期内的不得申报) has no relaxation: the same fact excludes.
    const wuhan = BUILT_IN_PROFILES.get('wuhan-2023')!;
    for (const id of [a.proposed!, swappedTo]) {
      expect(servingRule(id)).toMatchObject({ outcome: 'relaxed', code: 'EXPERT_CURRENTLY_SERVING', effect: 'hard' });
      expect(servingRule(id).message).toContain('2026-04-01 至 2028-03-31');
      expect(evaluateExpert(profile, t.repos.experts.getByExternalId(id)!, later).needsReview).toBe(true);
      const wh = evaluateExpert(wuhan, t.repos.experts.getByExternalId(id)!, later);
      expect(wh.results.find((r) => r.ruleId === 'wh-not-serving')).toMatchObject({ outcome: 'fail', code: 'EXPERT_CURRENTLY_SERVING' });
      expect(wh.eligible).toBe(false);
    }
    expect(servingRule(c.proposed!).outcome).toBe('pass');
    // After the term it is earlier service, not current.
    const after = evaluateExpert(profile, t.repos.experts.getByExternalId(a.proposed!)!, { referenceDate: '2028-04-01', cycleId: 'wenzhou-next' });
    expect(after.results.find((r) => r.ruleId === 'wz-not-serving')!.outcome).toBe('pass');

    const [entry] = review.listAudit(f.runId, f.main, 1);
    expect(entry).toMatchObject({ action: 'review.confirm' });
    // Each record names the placement it became (the one source of service the rules read).
    const placementOf = (expertId: string) => t.services.placements.placements.list({ kind: 'programme', expertId, limit: 10, offset: 0 }, staffCaller).items[0].id;
    expect((entry.after as { serviceRecords: unknown[] }).serviceRecords).toEqual([
      { expertId: a.proposed, demandId: a.demandId, ...record(a.enterprise), placementId: placementOf(a.proposed!) },
      { expertId: swappedTo, demandId: b.demandId, ...record(b.enterprise), placementId: placementOf(swappedTo) },
    ]);

    const snapshot = [a.proposed!, swappedTo].map(historyOf);
    expect(errorOf(() => review.confirmRegion(f.runId, f.main, admin))).toMatchObject({ statusCode: 409, code: 'REGION_NOT_SUBMITTED' });
    expect([a.proposed!, swappedTo].map(historyOf)).toEqual(snapshot);
  });

  it('adds nothing for a pair whose service record for the enterprise and cycle is already present', () => {
    const region = f.other;
    const [d] = f.inRegion(region).filter((x) => x.proposed);
    const s = t.services;
    const expert = t.repos.experts.getByExternalId(d.proposed!)!;
    const existing = { enterpriseCreditCode: d.enterprise, cycle: f.cycleId, startDate: '2026-02-01', endDate: '2028-01-31' };
    expect(s.intake.saveExpert({ ...expert, serviceHistory: [...expert.serviceHistory, existing] })).toMatchObject({ ok: true, status: 'updated' });
    for (const x of f.inRegion(region).filter((y) => y.proposed)) {
      review.decide(f.runId, x.demandId, x === d ? { action: 'approve' } : { action: 'reject', reason: '暂缓' }, reviewer);
    }
    review.submitRegion(f.runId, region, reviewer);
    const before = historyOf(d.proposed!);
    review.confirmRegion(f.runId, region, admin);
    expect(historyOf(d.proposed!)).toEqual(before);
    expect(review.listAudit(f.runId, region, 1)[0].after).toMatchObject({ status: 'confirmed', serviceRecords: [] });
  });
});
