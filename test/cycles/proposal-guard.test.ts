import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalRecord } from '../../src/cycles/assignment-plan';
import { verifyProposals } from '../../src/cycles/proposal-guard';
import { RunPolicy } from '../../src/cycles/run-policy';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import type { Demand, Enterprise, Expert } from '../../src/policy/evaluation.types';
import { createRunService, createSeededWorld, FakeRanker } from './fixtures';

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
    expertId,
    score: 0.5,
    namedAgreed: false,
    proposed: null,
    alternates: [],
    excluded: [],
    unfilled: null,
  };
};
const seatsEverywhere = (n: number) => new Map([...records.enterprises.values()].map((e) => [e.region, n]));

describe('final guard over proposed pairs', () => {
  it('passes the proposals of a real run', async () => {
    const out = await createRunService(world.services, new FakeRanker(world.services)).execute({ cycleId: DEMO_CYCLE_ID, dryRun: true });
    const seats = new Map(out.summary.regions.map((r) => [r.region, r.seats]));
    expect(verifyProposals(policy, out.plan.proposals, records, seats)).toEqual([]);
  });

  it('catches one expert proposed to two enterprises (capacity counts the run’s own proposals)', () => {
    const v = verifyProposals(policy, [proposal('wz-dem-0001-1', 'wz-exp-00001'), proposal('wz-dem-0002-1', 'wz-exp-00001')], records, seatsEverywhere(5));
    expect(v).toHaveLength(2);
    for (const x of v) expect(x.codes).toEqual(expect.arrayContaining(['PAIR_EXPERT_AT_CAPACITY', 'EXPERT_OVER_CAPACITY']));
  });

  it('catches an enterprise given two experts through its two demands', () => {
    const v = verifyProposals(policy, [proposal('wz-dem-0006-1', 'wz-exp-00001'), proposal('wz-dem-0006-2', 'wz-exp-00002')], records, seatsEverywhere(5));
    for (const x of v) expect(x.codes).toEqual(expect.arrayContaining(['PAIR_ENTERPRISE_AT_CAPACITY', 'ENTERPRISE_OVER_CAPACITY']));
    expect(v).toHaveLength(2);
  });

  it('catches a conflict of interest and a region over its seats', () => {
    const founded = [...records.demands.values()].find((d) => d.enterpriseCreditCode === '91330324650530038T')!;
    const v = verifyProposals(policy, [proposal(founded.externalId, 'wz-exp-00005')], records, seatsEverywhere(0));
    expect(v).toEqual([{ demandId: founded.externalId, expertId: 'wz-exp-00005', codes: expect.arrayContaining(['PAIR_CONFLICT_OF_INTEREST', 'REGION_SEATS_EXCEEDED']) }]);
  });
});
