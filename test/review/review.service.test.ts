import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleRuns } from '../../src/db/schema';
import type { ReviewActor, ReviewService } from '../../src/review/review.service';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { cloneRun, createRunFixture, type FixtureDemand, type RunFixture } from './run-fixture';

let t: TestApp;
let base: RunFixture;
let review: ReviewService;
let runs = 0;

const reviewer: ReviewActor = { actor: 'reviewer-a', actorRole: 'reviewer' };
const admin: ReviewActor = { actor: 'city-admin', actorRole: 'admin' };

beforeAll(async () => {
  t = await createTestApp();
  base = createRunFixture(t);
  review = t.services.review;
});
afterAll(async () => t.cleanup());

/** A fresh copy of the run, so every test starts from an unreviewed region. */
function freshRun(): RunFixture {
  runs += 1;
  return cloneRun(t, base, `run-svc-${runs}`);
}

const proposedIn = (f: RunFixture, region = f.main) => f.inRegion(region).filter((d) => d.proposed);
const unfilledIn = (f: RunFixture, region = f.main) => f.inRegion(region).filter((d) => !d.proposed && d.alternates.length);
const auditOf = (f: RunFixture, d: FixtureDemand) => t.services.auth.audit.list({ entity: 'review_decision', entityId: `${f.runId}/${d.demandId}`, limit: 50 });
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { statusCode: number; code: string; message: string; details: unknown };
  }
  throw new Error('expected an error');
};

describe('reading a run for review', () => {
  it('lists every region of the run with demands, seats, proposals and pending counts', () => {
    const f = freshRun();
    const { run, items } = review.listRegions(f.runId);
    expect(run).toMatchObject({ id: f.runId, cycleId: 'wenzhou-demo', status: 'completed' });
    expect(items.map((i) => i.code)).toEqual(f.regions);
    const main = items.find((i) => i.code === f.main)!;
    expect(main).toMatchObject({
      name: '鹿城区',
      demands: f.inRegion(f.main).length,
      seats: 2,
      proposed: 2,
      assigned: 0,
      pending: 2,
      unfilled: f.inRegion(f.main).length - 2,
      status: 'open',
    });
    expect(review.listRegions(f.runId, f.other).items.map((i) => i.code)).toEqual([f.other]);
  });

  it('shows each demand with the proposed expert, alternates, score breakdown, evidence and exclusions', () => {
    const f = freshRun();
    const r = review.getRegionReview(f.runId, f.main);
    expect(r.decisionsOpen).toBe(true);
    expect(r.items).toHaveLength(f.inRegion(f.main).length);
    const first = r.items.find((i) => i.demandId === proposedIn(f)[0].demandId)!;
    expect(first.enterprise.name).toMatch(/公司/);
    expect(first.title.length).toBeGreaterThan(0);
    expect(first.proposed).toMatchObject({ expertId: proposedIn(f)[0].proposed, breakdown: { semantic: expect.any(Number), lexical: expect.any(Number) } });
    expect(first.proposed!.evidence.length).toBeGreaterThan(0);
    expect(first.alternates.map((a) => a.expertId)).toEqual(proposedIn(f)[0].alternates);
    expect(first.excluded[0].reasons[0].clause.document).toBe('温州市深化科技副总派驻工作实施方案');
    expect(first.decision).toEqual({ status: 'pending', expertId: null, reason: null, decidedBy: null, decidedAt: null });
    const unfilled = r.items.find((i) => !i.proposed)!;
    expect(unfilled.unfilledReason).toBe('本区县名额已用完');
  });

  it('answers 404 for an unknown run or a region without demands, and 409 for a run still running', () => {
    expect(errorOf(() => review.getRegionReview('no-such-run', '330302'))).toMatchObject({ statusCode: 404 });
    const f = freshRun();
    expect(errorOf(() => review.getRegionReview(f.runId, '330183'))).toMatchObject({ statusCode: 404 });
    t.db.insert(cycleRuns).values({ id: 'run-running', cycleId: 'wenzhou-demo', policy: 'wenzhou-2025', seats: 1, params: {}, inputHash: 'x', status: 'running' }).run();
    expect(errorOf(() => review.listRegions('run-running'))).toMatchObject({ statusCode: 409, code: 'RUN_NOT_COMPLETED' });
    expect(review.listRuns().map((r) => r.id)).not.toContain('run-running');
  });
});

describe('decisions', () => {
  it('approves a proposed pair and records who, when, what, before and after in the audit log', () => {
    const f = freshRun();
    const d = proposedIn(f)[0];
    const res = review.decide(f.runId, d.demandId, { action: 'approve' }, reviewer);
    expect(res.demand.decision).toMatchObject({ status: 'approved', expertId: d.proposed, decidedBy: 'reviewer-a' });
    expect(res.demand.assigned?.expertId).toBe(d.proposed);
    expect(res.region).toMatchObject({ assigned: 1, approved: 1, pending: 1 });
    const [entry] = auditOf(f, d);
    expect(entry).toMatchObject({
      actor: 'reviewer-a',
      actorRole: 'reviewer',
      action: 'review.approve',
      regionCode: f.main,
      before: { status: 'pending', expertId: null },
      after: { status: 'approved', expertId: d.proposed },
    });
    expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('writes nothing when the same decision is repeated (a double click is not two actions)', () => {
    const f = freshRun();
    const d = proposedIn(f)[0];
    review.decide(f.runId, d.demandId, { action: 'approve' }, reviewer);
    review.decide(f.runId, d.demandId, { action: 'approve' }, reviewer);
    expect(auditOf(f, d)).toHaveLength(1);
  });

  it('rejects only with a reason, frees the seat and the expert, and keeps the reason', () => {
    const f = freshRun();
    const d = proposedIn(f)[0];
    expect(errorOf(() => review.decide(f.runId, d.demandId, { action: 'reject', reason: '  ' }, reviewer))).toMatchObject({ statusCode: 400, code: 'REASON_REQUIRED' });
    review.decide(f.runId, d.demandId, { action: 'approve' }, reviewer);
    const res = review.decide(f.runId, d.demandId, { action: 'reject', reason: '专家研究方向与企业需求不符' }, reviewer);
    expect(res.demand.decision).toMatchObject({ status: 'rejected', expertId: null, reason: '专家研究方向与企业需求不符' });
    expect(res.region).toMatchObject({ assigned: 0, rejected: 1 });
    expect(auditOf(f, d)[0]).toMatchObject({
      action: 'review.reject',
      before: { status: 'approved', expertId: d.proposed },
      after: { status: 'rejected', expertId: null, reason: '专家研究方向与企业需求不符' },
    });
  });

  it('cannot approve a demand that has no proposal', () => {
    const f = freshRun();
    const d = unfilledIn(f)[0];
    expect(errorOf(() => review.decide(f.runId, d.demandId, { action: 'approve' }, reviewer))).toMatchObject({ statusCode: 409, code: 'NO_PROPOSAL' });
  });
});

describe('swapping in an alternate', () => {
  it('swaps in an alternate that passes every hard rule, with before/after in the audit log', () => {
    const f = freshRun();
    const d = proposedIn(f)[1];
    const res = review.decide(f.runId, d.demandId, { action: 'swap', expertId: d.freeAlternate!, reason: '企业更需要工艺方向的专家' }, reviewer);
    expect(res.demand.decision).toMatchObject({ status: 'swapped', expertId: d.freeAlternate });
    expect(res.demand.assigned?.expertId).toBe(d.freeAlternate);
    expect(res.region).toMatchObject({ assigned: 1, swapped: 1 });
    const [entry] = auditOf(f, d);
    expect(entry).toMatchObject({ action: 'review.swap', before: { status: 'pending' }, after: { status: 'swapped', expertId: d.freeAlternate } });
    expect(entry.note).toContain(d.proposed!);
    expect(entry.note).toContain(d.freeAlternate!);
  });

  it('only accepts the demand’s own alternates', () => {
    const f = freshRun();
    const a = proposedIn(f)[0];
    const stranger = f.demands.flatMap((d) => d.alternates).find((x) => !a.alternates.includes(x) && x !== a.proposed)!;
    for (const expertId of [stranger, a.proposed!, 'wz-exp-99999']) {
      expect(errorOf(() => review.decide(f.runId, a.demandId, { action: 'swap', expertId }, reviewer))).toMatchObject({ statusCode: 400, code: 'NOT_AN_ALTERNATE' });
    }
  });

  it('re-checks every hard rule and names the failing rules and their clauses', () => {
    const f = freshRun();
    const d = proposedIn(f)[0];
    const err = errorOf(() => review.decide(f.runId, d.demandId, { action: 'swap', expertId: d.staleAlternate! }, reviewer));
    expect(err).toMatchObject({ statusCode: 409, code: 'SWAP_RULE_FAILED' });
    const details = err.details as { expertId: string; failed: Array<{ code: string; clause: { document: string; article: string } }> };
    expect(details.expertId).toBe(d.staleAlternate);
    expect(details.failed.length).toBeGreaterThan(0);
    expect(details.failed[0].clause).toMatchObject({ document: '温州市深化科技副总派驻工作实施方案', article: expect.any(String) });
    expect(err.message).toMatch(/不符合选派条件/);
    expect(auditOf(f, d)).toEqual([]);
  });

  it('refuses an expert another demand of the run holds (one expert, one enterprise) until that demand lets go', () => {
    const f = freshRun();
    const [first, second] = proposedIn(f);
    expect(second.heldAlternate).toBe(first.proposed);
    const err = errorOf(() => review.decide(f.runId, second.demandId, { action: 'swap', expertId: second.heldAlternate! }, reviewer));
    expect(err).toMatchObject({ statusCode: 409, code: 'EXPERT_ALREADY_ASSIGNED', details: { expertId: first.proposed, demandId: first.demandId } });
    review.decide(f.runId, first.demandId, { action: 'reject', reason: '企业已另行联系专家' }, reviewer);
    expect(review.decide(f.runId, second.demandId, { action: 'swap', expertId: second.heldAlternate! }, reviewer).demand.decision.status).toBe('swapped');
    // …and now the first demand cannot take its proposal back.
    expect(errorOf(() => review.decide(f.runId, first.demandId, { action: 'approve' }, reviewer))).toMatchObject({ code: 'EXPERT_ALREADY_ASSIGNED' });
  });

  it('never lets approved and swapped pairs exceed the region’s seats', () => {
    const f = freshRun();
    const [a, b] = proposedIn(f);
    const extra = unfilledIn(f)[0];
    review.decide(f.runId, a.demandId, { action: 'approve' }, reviewer);
    review.decide(f.runId, b.demandId, { action: 'approve' }, reviewer);
    const err = errorOf(() => review.decide(f.runId, extra.demandId, { action: 'swap', expertId: extra.freeAlternate! }, reviewer));
    expect(err).toMatchObject({ statusCode: 409, code: 'QUOTA_EXCEEDED', details: { seats: 2, assigned: 2 } });
    // Swapping within an already assigned demand does not need another seat.
    expect(review.decide(f.runId, b.demandId, { action: 'swap', expertId: b.freeAlternate! }, reviewer).region.assigned).toBe(2);
    review.decide(f.runId, a.demandId, { action: 'reject', reason: '名额让给更急需的企业' }, reviewer);
    expect(review.decide(f.runId, extra.demandId, { action: 'swap', expertId: extra.freeAlternate! }, reviewer).region).toMatchObject({ assigned: 2, seats: 2 });
  });
});

describe('region workflow (open → submitted → confirmed | returned)', () => {
  it('refuses to submit while proposals are pending and names them', () => {
    const f = freshRun();
    const [a, b] = proposedIn(f);
    review.decide(f.runId, a.demandId, { action: 'approve' }, reviewer);
    const err = errorOf(() => review.submitRegion(f.runId, f.main, reviewer));
    expect(err).toMatchObject({ statusCode: 409, code: 'REVIEW_INCOMPLETE', details: { pending: [b.demandId] } });
  });

  it('locks decisions once submitted, reopens them when returned, and is final once confirmed', () => {
    const f = freshRun();
    const [a, b] = proposedIn(f);
    expect(errorOf(() => review.confirmRegion(f.runId, f.main, admin))).toMatchObject({ statusCode: 409, code: 'REGION_NOT_SUBMITTED' });
    review.decide(f.runId, a.demandId, { action: 'approve' }, reviewer);
    review.decide(f.runId, b.demandId, { action: 'swap', expertId: b.freeAlternate! }, reviewer);
    expect(review.submitRegion(f.runId, f.main, reviewer)).toMatchObject({ status: 'submitted', submittedBy: 'reviewer-a', assigned: 2 });
    expect(review.getRegionReview(f.runId, f.main).decisionsOpen).toBe(false);
    expect(errorOf(() => review.decide(f.runId, a.demandId, { action: 'reject', reason: '改主意' }, reviewer))).toMatchObject({ statusCode: 409, code: 'REGION_LOCKED' });
    expect(errorOf(() => review.submitRegion(f.runId, f.main, reviewer))).toMatchObject({ code: 'REGION_LOCKED' });

    expect(errorOf(() => review.returnRegion(f.runId, f.main, ' ', admin))).toMatchObject({ statusCode: 400, code: 'NOTE_REQUIRED' });
    expect(review.returnRegion(f.runId, f.main, '请核实第二家企业的替换理由', admin)).toMatchObject({
      status: 'returned',
      decidedBy: 'city-admin',
      note: '请核实第二家企业的替换理由',
    });
    expect(review.getRegionReview(f.runId, f.main).decisionsOpen).toBe(true);
    review.decide(f.runId, b.demandId, { action: 'approve' }, reviewer);
    expect(review.submitRegion(f.runId, f.main, reviewer)).toMatchObject({ status: 'submitted', note: null, decidedBy: null });

    expect(review.confirmRegion(f.runId, f.main, admin)).toMatchObject({ status: 'confirmed', decidedBy: 'city-admin' });
    expect(errorOf(() => review.decide(f.runId, a.demandId, { action: 'reject', reason: '改主意' }, reviewer))).toMatchObject({ code: 'REGION_LOCKED' });
    expect(errorOf(() => review.returnRegion(f.runId, f.main, '再看看', admin))).toMatchObject({ code: 'REGION_NOT_SUBMITTED' });
    expect(errorOf(() => review.submitRegion(f.runId, f.main, reviewer))).toMatchObject({ code: 'REGION_LOCKED' });

    const trail = review.listAudit(f.runId, f.main).map((e) => [e.action, e.actor, (e.before as { status: string }).status, (e.after as { status: string }).status]);
    expect(trail).toEqual([
      ['review.confirm', 'city-admin', 'submitted', 'confirmed'],
      ['review.submit', 'reviewer-a', 'returned', 'submitted'],
      ['review.approve', 'reviewer-a', 'swapped', 'approved'],
      ['review.return', 'city-admin', 'submitted', 'returned'],
      ['review.submit', 'reviewer-a', 'open', 'submitted'],
      ['review.swap', 'reviewer-a', 'pending', 'swapped'],
      ['review.approve', 'reviewer-a', 'pending', 'approved'],
    ]);
    // Other regions of the run are untouched.
    expect(review.listRegions(f.runId, f.other).items[0].status).toBe('open');
  });

  it('lets a region with nothing proposed be submitted at once', () => {
    const f = freshRun();
    const empty = f.regions.find((r) => f.inRegion(r).every((d) => !d.proposed))!;
    expect(review.submitRegion(f.runId, empty, reviewer).status).toBe('submitted');
  });
});

describe('audit trail', () => {
  it('keeps each run’s entries apart and cannot be edited or deleted', () => {
    const f1 = freshRun();
    const f2 = freshRun();
    review.decide(f1.runId, proposedIn(f1)[0].demandId, { action: 'approve' }, reviewer);
    expect(review.listAudit(f1.runId, f1.main)).toHaveLength(1);
    expect(review.listAudit(f2.runId, f2.main)).toEqual([]);
    const sqlite = t.db.$client;
    expect(() => sqlite.prepare("update audit_log set after = '{}' where entity = 'review_decision'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from audit_log where entity = 'review_decision'").run()).toThrow(/append-only/);
    expect(review.listAudit(f1.runId, f1.main)[0].after).toMatchObject({ status: 'approved' });
  });

  it('rolls back the decision when the audit entry cannot be written (never a change without its entry)', () => {
    const f = freshRun();
    const d = proposedIn(f)[0];
    const sqlite = t.db.$client;
    sqlite.exec("create temp trigger block_audit before insert on audit_log begin select raise(abort, 'audit unavailable'); end");
    try {
      expect(() => review.decide(f.runId, d.demandId, { action: 'approve' }, reviewer)).toThrow(/audit unavailable/);
    } finally {
      sqlite.exec('drop trigger block_audit');
    }
    expect(review.getRegionReview(f.runId, f.main).items.find((i) => i.demandId === d.demandId)!.decision.status).toBe('pending');
  });
});
