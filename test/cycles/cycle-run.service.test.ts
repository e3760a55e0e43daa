import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime';
import { CycleRunError } from '../../src/cycles/cycle-run.service';
import { cycleRuns, runProposals, runQuotas, runRankings } from '../../src/db/schema';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { createRunService, createSeededWorld, demoData, FakeRanker } from './fixtures';

let world: ReturnType<typeof createSeededWorld>;
let services: Runtime;
beforeEach(() => {
  world = createSeededWorld();
  services = world.services;
});
afterEach(async () => {
  await world.cleanup();
});

const edge = (kind: string) => demoData().edgeCases.find((e) => e.kind === kind)!;
const wenzhouDemands = () => demoData().demands.filter((d) => d.cycle === DEMO_CYCLE_ID);
const enterpriseOf = (code: string) => demoData().enterprises.find((e) => e.creditCode === code)!;

/** The two Wenzhou counties with the most eligible demands (limits that the demands can meet). */
const busiestRegions = (): [string, string] => {
  const counts = new Map<string, number>();
  for (const d of wenzhouDemands()) {
    const region = enterpriseOf(d.enterpriseCreditCode).region;
    if (region.startsWith('3303')) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  const [a, b] = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([r]) => r);
  return [a, b];
};

const tableCounts = (s: Runtime) => ({
  runs: s.db.select().from(cycleRuns).all().length,
  rankings: s.db.select().from(runRankings).all().length,
  quotas: s.db.select().from(runQuotas).all().length,
  proposals: s.db.select().from(runProposals).all().length,
});

describe('cycle run on the demo data', () => {
  it('proposes only pairs that pass every hard rule, one expert per enterprise and per expert, within each region’s seats', async () => {
    const out = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    const { summary } = out;
    expect(summary.assignments.length).toBeGreaterThan(0);
    for (const a of summary.assignments) {
      // Checked through the public eligibility path, independent of the run's own re-check.
      const ev = services.services.policies.checkEligibility({ cycle: DEMO_CYCLE_ID, expertId: a.expertId, demandId: a.demandId });
      expect(ev.eligible, `${a.demandId} → ${a.expertId}`).toBe(true);
    }
    const experts = summary.assignments.map((a) => a.expertId);
    expect(new Set(experts).size).toBe(experts.length);
    const enterprises = summary.assignments.map((a) => a.enterpriseCreditCode);
    expect(new Set(enterprises).size).toBe(enterprises.length);
    for (const r of summary.regions) {
      expect(r.assigned).toBeLessThanOrEqual(r.seats);
      expect(summary.assignments.filter((a) => a.region === r.region)).toHaveLength(r.assigned);
    }
  });

  it('fills each region’s seats as far as eligible demand allows and gives every unfilled demand a reason', async () => {
    const { summary } = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    const allDemands = wenzhouDemands().length;
    expect(summary.regions.reduce((n, r) => n + r.demands, 0)).toBe(allDemands);
    for (const r of summary.regions) {
      expect(r.assigned + r.unfilled.length).toBe(r.demands);
      for (const u of r.unfilled) expect(u.reason).toMatch(/^[A-Z_]+$/);
      // A seat left empty means no unfilled demand of the region could take it.
      if (r.assigned < r.seats) expect(r.unfilled.filter((u) => u.reason === 'QUOTA_EXHAUSTED')).toEqual([]);
      // A demand left out for lack of seats means the seats are all used.
      if (r.unfilled.some((u) => u.reason === 'QUOTA_EXHAUSTED')) expect(r.assigned).toBe(r.seats);
    }
    const stored = services.db.select().from(runProposals).all();
    expect(stored).toHaveLength(allDemands);
    for (const p of stored.filter((x) => x.expertExternalId === null)) {
      expect(p.unfilledCode).toBeTruthy();
      expect(p.unfilledReason).toBeTruthy();
    }
  });

  it('leaves a problem-only demand (附件1 四 without 三) out of matching, quotas and assignment', async () => {
    const d = wenzhouDemands()[0];
    const saved = services.services.intake.save('demands', {
      externalId: 'PROBLEM-ONLY',
      enterpriseCreditCode: d.enterpriseCreditCode,
      cycle: DEMO_CYCLE_ID,
      title: '涂布厚度一致性差',
      description: '极片涂布厚度波动超过 ±3 μm。',
      problem: '涂布厚度一致性差',
      requestsVicePresident: false,
    });
    expect(saved.ok).toBe(true);
    const { summary } = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    expect(summary.regions.reduce((n, r) => n + r.demands, 0)).toBe(wenzhouDemands().length);
    expect(summary.regions.flatMap((r) => r.unfilled).map((u) => u.demandId)).not.toContain('PROBLEM-ONLY');
    expect(summary.assignments.map((a) => a.demandId)).not.toContain('PROBLEM-ONLY');
    expect(
      services.db
        .select()
        .from(runProposals)
        .all()
        .map((p) => p.demandExternalId),
    ).not.toContain('PROBLEM-ONLY');
  });

  it('puts the quota arithmetic in the output: share of eligible demands, exact quota, floor, remainder and seats', async () => {
    const { summary, runId } = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    const eligible = summary.regions.reduce((n, r) => n + r.eligibleDemands, 0);
    expect(summary.seats).toBe(12);
    expect(summary.tieBreak).toMatch(/largest remainder/);
    expect(summary.regions.reduce((n, r) => n + r.seats, 0)).toBe(summary.seatsAssigned);
    expect(summary.seatsAssigned).toBe(Math.min(12, eligible));
    for (const r of summary.regions) {
      expect(r.share).toBeCloseTo(r.eligibleDemands / eligible, 12);
      expect(r.exactQuota).toBeCloseTo(r.share * 12, 9);
      expect(r.floor + r.remainder).toBeCloseTo(r.exactQuota, 9);
      if (r.bound === null) expect([Math.floor(r.adjustedQuota), Math.ceil(r.adjustedQuota)]).toContain(r.seats);
    }
    const quotas = services.db
      .select()
      .from(runQuotas)
      .all()
      .filter((r) => r.runId === runId!);
    expect(quotas.map((q) => [q.regionCode, q.seats, q.demands])).toEqual(summary.regions.map((r) => [r.region, r.seats, r.eligibleDemands]));
    // The plan sets no quota: the county split is the cycle's own setting, and the run says so.
    expect(summary.allocation).toMatchObject({ source: 'cycle', level: 'county', count: 'demands', clause: null, namedAgreedFirst: null });
  });

  it('leaves demands of ineligible enterprises unfilled as ENTERPRISE_INELIGIBLE with the rule codes, without ranking them', async () => {
    const ranker = new FakeRanker(services);
    const { summary } = await createRunService(services, ranker).execute({ cycleId: DEMO_CYCLE_ID });
    const unfilled = summary.regions.flatMap((r) => r.unfilled);
    const outsideCodes = demoData()
      .edgeCases.filter((e) => e.kind === 'enterprise-registered-outside-wenzhou')
      .map((e) => e.subject);
    const outsideWenzhou = demoData().demands.filter((d) => outsideCodes.includes(d.enterpriseCreditCode));
    expect(outsideWenzhou.length).toBeGreaterThan(0);
    for (const d of outsideWenzhou) {
      expect(unfilled.find((u) => u.demandId === d.externalId)).toEqual({ demandId: d.externalId, reason: 'ENTERPRISE_INELIGIBLE', rules: ['ENTERPRISE_OUTSIDE_JURISDICTION'] });
      expect(ranker.calls).not.toContain(d.externalId);
    }
    const serious = demoData().demands.find((d) => d.enterpriseCreditCode === edge('enterprise-serious-credit-issue-recent').subject)!;
    expect(unfilled.find((u) => u.demandId === serious.externalId)?.rules).toEqual(['ENTERPRISE_SERIOUS_ISSUE']);
    const row = services.db
      .select()
      .from(runProposals)
      .all()
      .find((r) => r.demandExternalId === serious.externalId)!;
    expect(row.unfilledReason).toMatch(/^企业不符合选派条件：/);
  });

  it('鄂经信科技〔2020〕73号 四(二): places the named-and-agreed candidate even when other pairs score higher (Hubei demo)', async () => {
    const { demand, subject } = edge('demand-named-agreed-first');
    // Everyone else scores 0.9; the agreed expert only 0.3 (+0.2 for being named), yet is placed first.
    const ranker = new FakeRanker(services, { score: (_d, x) => (x === subject ? 0.3 : 0.9) });
    const { summary } = await createRunService(services, ranker).execute({ cycleId: 'hubei-demo', top: 100 });
    expect(summary.allocation?.namedAgreedFirst).toMatchObject({ document: '鄂经信科技〔2020〕73号', article: '四(二)' });
    expect(summary.assignments.find((a) => a.demandId === demand)).toMatchObject({ expertId: subject, namedAgreed: true, score: 0.5 });
  });

  it('鄂经信科技〔2020〕73号 四(二): still places an eligible named-and-agreed expert that the ranker’s top list left out, unscored', async () => {
    const { demand, subject } = edge('demand-named-agreed-first');
    const ranker = new FakeRanker(services, { score: (_d, x) => (x === subject ? 0.01 : 0.9) });
    const { summary, runId } = await createRunService(services, ranker).execute({ cycleId: 'hubei-demo', top: 5 });
    expect(summary.assignments.find((a) => a.demandId === demand)).toMatchObject({ expertId: subject, namedAgreed: true, score: 0 });
    const row = services.db
      .select()
      .from(runProposals)
      .all()
      .filter((r) => r.demandExternalId === demand)
      .find((r) => r.runId === runId)!;
    expect(row).toMatchObject({ expertExternalId: subject, namedAgreed: true });
  });

  it('温州 方案 sets no named-first rule: an agreed candidate competes on score like anyone else', async () => {
    const { demand } = edge('demand-named-agreed');
    const agreed = demoData()
      .demands.find((d) => d.externalId === demand)!
      .namedCandidates!.find((c) => c.agreed)!.expertExternalId!;
    const ranker = new FakeRanker(services, { score: (_d, x) => (x === agreed ? 0.01 : 0.9) });
    const { summary } = await createRunService(services, ranker).execute({ cycleId: DEMO_CYCLE_ID, top: 100, seats: 30 });
    expect(summary.allocation?.namedAgreedFirst).toBeNull();
    expect(summary.assignments.find((a) => a.demandId === demand)?.expertId).not.toBe(agreed);
  });

  it('gives no priority to a named expert who has not agreed, nor to an agreed one who fails a hard rule (Hubei demo)', async () => {
    const notAgreed = edge('expert-age-boundary-45');
    const beyond = edge('demand-named-agreed-beyond-bound');
    const low = (_d: string, x: string) => (x === notAgreed.subject || x === beyond.subject ? 0.01 : 0.9);
    const { summary } = await createRunService(services, new FakeRanker(services, { score: low })).execute({ cycleId: 'hubei-demo', top: 5, seats: 30 });
    expect(summary.assignments.filter((a) => a.expertId === notAgreed.subject || a.expertId === beyond.subject)).toEqual([]);
  });

  it('鄂经信科技〔2020〕73号 四(二): shares seats among 市州 counting enterprises, and shows it on the run', async () => {
    const { summary } = await createRunService(services, new FakeRanker(services)).execute({ cycleId: 'hubei-demo', seats: 6 });
    expect(summary.allocation).toMatchObject({ source: 'profile', level: 'city', count: 'enterprises', clause: { article: '四(二)' } });
    const units = Object.fromEntries(summary.regions.map((r) => [r.region, r]));
    // Wuhan: five enterprises (one of them with two demands), Yichang one, Xiangyang's only enterprise is not an SME.
    expect(Object.keys(units).sort()).toEqual(['420100', '420500', '420600']);
    expect(units['420100']).toMatchObject({ demands: 6, counted: 5 });
    expect(units['420600']).toMatchObject({ counted: 0, seats: 0 });
    for (const a of summary.assignments) expect(a.region.startsWith('42')).toBe(true);
  });

  it('gives an enterprise with two demands at most one expert and says the other demand is served', async () => {
    const { summary } = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID, seats: 30 });
    const code = edge('enterprise-two-demands').subject;
    const two = wenzhouDemands()
      .filter((d) => d.enterpriseCreditCode === code)
      .map((d) => d.externalId);
    expect(two).toHaveLength(2);
    const placed = summary.assignments.filter((a) => two.includes(a.demandId));
    expect(placed).toHaveLength(1);
    const other = two.find((d) => d !== placed[0].demandId)!;
    const reason = summary.regions.flatMap((r) => r.unfilled).find((u) => u.demandId === other);
    expect(reason).toEqual({ demandId: other, reason: 'ENTERPRISE_SERVED' });
  });

  it('drops a ranked candidate that fails a hard rule, even if the ranker calls it eligible and scores it best', async () => {
    // The founder of this enterprise: a conflict of interest the ranker "missed".
    const planted = edge('enterprise-founded-by-expert');
    const founder = enterpriseOf(planted.subject).relatedParties!.find((p) => p.kind === 'founder')!.expertExternalId!;
    const demand = demoData().demands.find((d) => d.enterpriseCreditCode === planted.subject)!;
    const ranker = new FakeRanker(services, { inject: (d) => (d === demand.externalId ? [{ expertId: founder, score: 5 }] : []) });
    const { summary, runId } = await createRunService(services, ranker).execute({ cycleId: DEMO_CYCLE_ID, seats: 30 });
    expect(summary.assignments.find((a) => a.expertId === founder && a.demandId === demand.externalId)).toBeUndefined();
    const row = services.db
      .select()
      .from(runProposals)
      .all()
      .filter((r) => r.demandExternalId === demand.externalId)
      .find((r) => r.runId === runId)!;
    const excluded = row.excluded as Array<{ expertId: string; reasons: Array<{ code: string }> }>;
    expect(excluded.find((x) => x.expertId === founder)?.reasons.map((r) => r.code)).toContain('PAIR_CONFLICT_OF_INTEREST');
    expect((row.alternates as Array<{ expertId: string }>).map((a) => a.expertId)).not.toContain(founder);
  });

  it('honours --seats and per-region minimum and maximum', async () => {
    const [big, other] = busiestRegions();
    const { summary } = await createRunService(services, new FakeRanker(services)).execute({
      cycleId: DEMO_CYCLE_ID,
      seats: 12,
      regionLimits: { [big]: { max: 1 }, [other]: { min: 1 } },
    });
    expect(summary.seats).toBe(12);
    const r = Object.fromEntries(summary.regions.map((x) => [x.region, x]));
    expect(r[big]).toMatchObject({ seats: 1, bound: 'max' });
    expect(r[other].seats).toBeGreaterThanOrEqual(1);
    expect(summary.regions.reduce((n, x) => n + x.seats, 0)).toBe(12);
  });

  it('refuses, before opening a run, a limit for a region without demands, minimums above the seats, a closed cycle and an unknown cycle', async () => {
    const svc = createRunService(services, new FakeRanker(services));
    await expect(svc.execute({ cycleId: DEMO_CYCLE_ID, regionLimits: { '110000': { min: 1 } } })).rejects.toMatchObject({ code: 'REGION_LIMIT_UNKNOWN' });
    const [big, other] = busiestRegions();
    await expect(svc.execute({ cycleId: DEMO_CYCLE_ID, seats: 2, regionLimits: { [big]: { min: 2 }, [other]: { min: 1 } } })).rejects.toMatchObject({ code: 'QUOTA_INVALID' });
    await expect(svc.execute({ cycleId: 'wenzhou-2024' })).rejects.toMatchObject({ code: 'CYCLE_CLOSED' });
    await expect(svc.execute({ cycleId: 'nope' })).rejects.toBeInstanceOf(CycleRunError);
    expect(tableCounts(services).runs).toBe(0);
  });

  it('writes nothing to the run tables on a dry run', async () => {
    const out = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID, dryRun: true });
    expect(out.runId).toBeNull();
    expect(out.summary.run).toBeNull();
    expect(out.summary.assignments.length).toBeGreaterThan(0);
    expect(tableCounts(services)).toEqual({ runs: 0, rankings: 0, quotas: 0, proposals: 0 });
  });
});

describe('immutability and resumability', () => {
  it('resumes a run that crashed after some demands from its checkpoints and ends with the same result as an uninterrupted run', async () => {
    const clean = createSeededWorld();
    try {
      const expected = await createRunService(clean.services, new FakeRanker(clean.services)).execute({ cycleId: DEMO_CYCLE_ID });

      const crashing = new FakeRanker(services, { failAfter: 11 });
      await expect(createRunService(services, crashing, { chunkSize: 4, concurrency: 2 }).execute({ cycleId: DEMO_CYCLE_ID })).rejects.toThrow('simulated crash');
      const run = services.db.select().from(cycleRuns).get()!;
      expect(run).toMatchObject({ id: `${DEMO_CYCLE_ID}-r1`, status: 'running', summary: null });
      const checkpointed = services.db
        .select()
        .from(runRankings)
        .all()
        .map((r) => r.demandExternalId);
      expect(checkpointed).toHaveLength(11);
      expect(tableCounts(services)).toMatchObject({ quotas: 0, proposals: 0 });

      const resumedRanker = new FakeRanker(services);
      const resumed = await createRunService(services, resumedRanker).execute({ cycleId: DEMO_CYCLE_ID });
      expect(resumed.resumed).toBe(true);
      expect(resumed.runId).toBe(`${DEMO_CYCLE_ID}-r1`);
      // Only what was not checkpointed is ranked again.
      expect(resumedRanker.calls.filter((d) => checkpointed.includes(d))).toEqual([]);
      expect(resumedRanker.calls.length + checkpointed.length).toBe(expected.timings.rankedNow);
      expect(resumed.summary).toEqual(expected.summary);
      expect(tableCounts(services)).toEqual(tableCounts(clean.services));
      const rows = (s: Runtime) => s.db.select().from(runProposals).all();
      expect(rows(services)).toEqual(rows(clean.services));
    } finally {
      await clean.cleanup();
    }
  });

  it('abandons an unfinished run whose input changed and starts a new one instead of resuming it', async () => {
    await expect(createRunService(services, new FakeRanker(services, { failAfter: 3 }), { chunkSize: 2 }).execute({ cycleId: DEMO_CYCLE_ID })).rejects.toThrow();
    const d = demoData().demands[0];
    const saved = services.services.intake.saveDemand({ ...d, title: `${d.title}（修订）` });
    expect(saved).toMatchObject({ ok: true, status: 'updated' });
    const ranker = new FakeRanker(services);
    const out = await createRunService(services, ranker).execute({ cycleId: DEMO_CYCLE_ID });
    expect(out).toMatchObject({ runId: `${DEMO_CYCLE_ID}-r2`, resumed: false, abandoned: [`${DEMO_CYCLE_ID}-r1`] });
    const r1 = services.db
      .select()
      .from(cycleRuns)
      .all()
      .find((r) => r.id === `${DEMO_CYCLE_ID}-r1`)!;
    expect(r1.status).toBe('running');
    expect(r1.abandonedAt).toBeTruthy();
    // A different --seats is a different input too.
    await expect(createRunService(services, new FakeRanker(services, { failAfter: 0 })).execute({ cycleId: DEMO_CYCLE_ID, seats: 5 })).rejects.toThrow();
    const again = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    expect(again.runId).toBe(`${DEMO_CYCLE_ID}-r4`);
    expect(again.abandoned).toEqual([`${DEMO_CYCLE_ID}-r3`]);
  });

  it('never modifies a completed run: running again stores a new run and leaves the first one byte for byte', async () => {
    const first = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    const snapshot = () => ({
      run: services.db
        .select()
        .from(cycleRuns)
        .all()
        .find((r) => r.id === first.runId!),
      proposals: services.db
        .select()
        .from(runProposals)
        .all()
        .filter((r) => r.runId === first.runId!),
      quotas: services.db
        .select()
        .from(runQuotas)
        .all()
        .filter((r) => r.runId === first.runId!),
    });
    const before = snapshot();
    const second = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    expect(second.runId).toBe(`${DEMO_CYCLE_ID}-r2`);
    expect(second.inputHash).toBe(first.inputHash);
    expect({ ...second.summary, run: first.runId }).toEqual(first.summary);
    expect(snapshot()).toEqual(before);
  });
});
