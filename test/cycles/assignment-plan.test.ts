import { describe, expect, it } from 'vitest';
import { type PlanDemand, type PlanInput, planAssignment } from '../../src/cycles/assignment-plan';
import type { RankedCandidate } from '../../src/ranking/ranking.schema';

const cand = (expertId: string, score: number, namedAgreed = false): RankedCandidate => ({
  expertId,
  name: expertId,
  institution: 'X 大学',
  region: '330302',
  score,
  breakdown: { semantic: score, lexical: 0, overlap: 0, strength: 0, priority: 0 },
  evidence: [],
  flags: [],
  priorities: [],
  namedAgreed,
});
const demand = (demandId: string, enterprise: string, region: string, candidates: RankedCandidate[]): PlanDemand => ({
  demandId,
  enterpriseCreditCode: enterprise,
  region,
  ineligible: null,
  candidates,
  excluded: [],
});
const input = (demands: PlanDemand[], over: Partial<PlanInput> = {}): PlanInput => ({
  totalSeats: 10,
  regionLimits: {},
  demands,
  expertCapacity: () => 1,
  enterpriseCapacity: () => 1,
  alternates: 2,
  ...over,
});

describe('assignment plan', () => {
  it('treats the demands of an enterprise with one seat left as one unit that takes its best pair', () => {
    const plan = planAssignment(input([demand('d1', 'E1', '330302', [cand('x1', 0.4)]), demand('d2', 'E1', '330302', [cand('x2', 0.9)])]));
    expect(plan.assignments.map((a) => [a.demandId, a.expertId])).toEqual([['d2', 'x2']]);
    expect(plan.proposals.find((p) => p.demandId === 'd1')!.unfilled).toEqual({ code: 'ENTERPRISE_SERVED', details: { servedBy: 'd2', enterpriseCapacity: 1 } });
    // The quota still counts both demands ("按照当地征集需求数量").
    expect(plan.regions[0]).toMatchObject({ demands: 2, eligibleDemands: 2, seats: 2, assigned: 1 });
  });

  it('lets an enterprise with capacity for all its demands fill each of them', () => {
    const plan = planAssignment(input([demand('d1', 'E1', '330302', [cand('x1', 0.4)]), demand('d2', 'E1', '330302', [cand('x2', 0.9)])], { enterpriseCapacity: () => 2 }));
    expect(plan.assignments.map((a) => a.demandId)).toEqual(['d1', 'd2']);
  });

  it('says ENTERPRISE_AT_CAPACITY when the enterprise already has its experts for the cycle', () => {
    const plan = planAssignment(input([demand('d1', 'E1', '330302', [cand('x1', 0.4)])], { enterpriseCapacity: () => 0 }));
    expect(plan.proposals[0].unfilled?.code).toBe('ENTERPRISE_AT_CAPACITY');
  });

  it('names the better-scoring pairs that took a demand’s candidates', () => {
    const plan = planAssignment(input([demand('d1', 'E1', '330302', [cand('x1', 0.9)]), demand('d2', 'E2', '330302', [cand('x1', 0.5)])]));
    expect(plan.proposals.find((p) => p.demandId === 'd2')!.unfilled).toEqual({
      code: 'CANDIDATES_TAKEN',
      details: { takenBy: [{ expertId: 'x1', score: 0.5, heldBy: ['d1'] }] },
    });
  });

  it('keeps at most N alternates per demand, never the proposed expert, in the ranker’s order', () => {
    const plan = planAssignment(input([demand('d1', 'E1', '330302', [cand('x1', 0.9), cand('x2', 0.8), cand('x3', 0.7), cand('x4', 0.6)])]));
    expect(plan.proposals[0].expertId).toBe('x1');
    expect(plan.proposals[0].alternates.map((a) => a.expertId)).toEqual(['x2', 'x3']);
  });

  it('treats negative scores as zero (never a pair unless named and agreed)', () => {
    const plan = planAssignment(input([demand('d1', 'E1', '330302', [cand('x1', -0.3)]), demand('d2', 'E2', '330302', [cand('x2', -0.3, true)])]));
    expect(plan.assignments.map((a) => [a.demandId, a.score])).toEqual([['d2', 0]]);
    expect(plan.proposals[0].unfilled?.code).toBe('NO_POSITIVE_SCORE');
  });

  it('gives the same plan whatever order demands and candidates come in', () => {
    const demands = [
      demand('d3', 'E3', '330303', [cand('x1', 0.6), cand('x2', 0.6)]),
      demand('d1', 'E1', '330302', [cand('x1', 0.6), cand('x3', 0.2)]),
      demand('d2', 'E2', '330302', [cand('x2', 0.6), cand('x1', 0.6)]),
    ];
    const a = planAssignment(input(demands, { totalSeats: 2 }));
    const b = planAssignment(input([...demands].reverse(), { totalSeats: 2 }));
    expect(JSON.stringify({ ...b, solver: undefined })).toBe(JSON.stringify({ ...a, solver: undefined }));
    expect(a.regions.map((r) => [r.region, r.seats])).toEqual([
      ['330302', 1],
      ['330303', 1],
    ]);
  });

  it('reports a region limit for a region without demands as an input error', () => {
    expect(() => planAssignment(input([demand('d1', 'E1', '330302', [])], { regionLimits: { '330303': { min: 1 } } }))).toThrow(/330303/);
  });
});
