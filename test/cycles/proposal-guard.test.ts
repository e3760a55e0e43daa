import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalRecord } from '../../src/cycles/assignment-plan';
import { verifyProposals } from '../../src/cycles/proposal-guard';
import { RunPolicy } from '../../src/cycles/run-policy';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import type { Demand, Enterprise, Expert } from '../../src/policy/evaluation.types';
import { createRunService, createSeededWorld, demoData, FakeRanker } from './fixtures';

let world: ReturnType<typeof createSeededWorld>;
let policy: RunPolicy;
let records: { experts: Map<string, Expert>; enterprises: Map<string, Enterprise>; demands: Map<string, Demand> };

beforeAll(() => {
  world = createSeededWorld();
  const repos = world.services.repositories;
  const { policies } = world.services.services;
  const cc = policies.cycleContext(DEMO_CYCLE_ID);
  policy = new RunPolicy(cc.profile, cc.ctx, cc.assignments, new Map());
  const demands = repos.demands.listByCycle(DEMO_CYCLE_ID);
  records = {
    experts: new Map([...repos.experts.iterate()].map((r) => [r.expert.externalId, r.expert])),
    enterprises: new Map([...repos.enterprises.iterate()].map((r) => [r.enterprise.creditCode, r.enterprise])),
    demands: new Map(demands.map((d) => [d.demand.externalId, d.demand])),
  };
});
afterAll(async () => {
  await world.cleanup();
});

const proposal = (demandId: string, expertId: string): ProposalRecord => {
  const d = records.demands.get(demandId)!;
  const region = records.enterprises.get(d.enterpriseCreditCode)!.region;
  return {
    demandId,
    enterpriseCreditCode: d.enterpriseCreditCode,
    region,
    unit: region,
    expertId,
    score: 0.5,
    namedAgreed: false,
    proposed: null,
    alternates: [],
    excluded: [],
    pending: [],
    unfilled: null,
  };
};
/** Two Wenzhou demands no planted case touches (any expert of the pool may serve them). */
const ordinaryDemands = () => {
  const planted = new Set(demoData().edgeCases.map((e) => e.demand));
  const codes = new Set(demoData().edgeCases.map((e) => e.subject));
  return [...records.demands.values()]
    .filter((d) => d.cycle === DEMO_CYCLE_ID && !planted.has(d.externalId) && !codes.has(d.enterpriseCreditCode))
    .map((d) => d.externalId)
    .slice(0, 2);
};
/** An expert plainly eligible for every given demand on their own. */
const eligibleFor = (...demandIds: string[]) =>
  [...records.experts.values()].find((x) =>
    demandIds.every((id) => {
      const d = records.demands.get(id)!;
      return policy.checkPair(x, records.enterprises.get(d.enterpriseCreditCode)!, d).status === 'eligible';
    }),
  )!.externalId;
const seatsEverywhere = (n: number) => new Map([...records.enterprises.values()].map((e) => [e.region, n]));

describe('final guard over proposed pairs', () => {
  it('passes the proposals of a real run', async () => {
    const out = await createRunService(world.services, new FakeRanker(world.services)).execute({ cycleId: DEMO_CYCLE_ID, dryRun: true });
    const seats = new Map(out.summary.regions.map((r) => [r.region, r.seats]));
    expect(verifyProposals(policy, out.plan.proposals, records, seats)).toEqual([]);
  });

  it('catches one expert proposed to two enterprises (capacity counts the run’s own proposals), though Wenzhou’s rule is only advisory', () => {
    const [a, b] = ordinaryDemands();
    const x = eligibleFor(a, b);
    const v = verifyProposals(policy, [proposal(a, x), proposal(b, x)], records, seatsEverywhere(5));
    expect(v).toHaveLength(2);
    // 尽量避免多头任职 flags the pair (advisory, no failed rule); the run itself still never proposes one expert twice.
    for (const x of v) expect(x.codes).toEqual(['EXPERT_OVER_CAPACITY']);
  });

  it('catches an enterprise given two experts through its two demands', () => {
    const code = demoData().edgeCases.find((e) => e.kind === 'enterprise-two-demands')!.subject;
    const [d1, d2] = [...records.demands.values()].filter((d) => d.enterpriseCreditCode === code).map((d) => d.externalId);
    const v = verifyProposals(policy, [proposal(d1, 'wz-exp-00001'), proposal(d2, 'wz-exp-00002')], records, seatsEverywhere(5));
    for (const x of v) expect(x.codes).toEqual(expect.arrayContaining(['PAIR_ENTERPRISE_AT_CAPACITY', 'ENTERPRISE_OVER_CAPACITY']));
    expect(v).toHaveLength(2);
  });

  it('catches a conflict of interest and a region over its seats', () => {
    const planted = demoData().edgeCases.find((e) => e.kind === 'enterprise-founded-by-expert')!.subject;
    const founder = records.enterprises.get(planted)!.relatedParties.find((p) => p.kind === 'founder')!.expertExternalId!;
    const founded = [...records.demands.values()].find((d) => d.enterpriseCreditCode === planted)!;
    const v = verifyProposals(policy, [proposal(founded.externalId, founder)], records, seatsEverywhere(0));
    expect(v).toEqual([{ demandId: founded.externalId, expertId: founder, codes: expect.arrayContaining(['PAIR_CONFLICT_OF_INTEREST', 'REGION_SEATS_EXCEEDED']) }]);
  });

  it('refuses a pair with a hard rule still unknown (待核实), naming the rule’s code', () => {
    const e = demoData().edgeCases.find((x) => x.kind === 'expert-work-start-year-only' && x.cycle === DEMO_CYCLE_ID)!;
    const v = verifyProposals(policy, [proposal(e.demand, e.subject)], records, seatsEverywhere(5));
    expect(v).toEqual([{ demandId: e.demand, expertId: e.subject, codes: ['EXPERT_WORK_YEARS_UNKNOWN'] }]);
  });
});
