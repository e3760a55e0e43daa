import { describe, expect, it } from 'vitest';
import { assignGreedy, assignPairs, AssignmentInputError, type AssignmentEdge, type AssignmentInput, type AssignmentResult } from '../../src/allocation/assignment.service';
import { allocateQuotas } from '../../src/allocation/quota.service';
import { createRandom, pickInt, shuffleCopy, type Random } from './seeded-random.helper';

interface Objective {
  priorityCount: number;
  totalScore: number;
}

/**
 * Exhaustive reference: every demand takes one of its allowed experts or none, subject to expert
 * capacity and region seats. Scores are summed as integers (they have ≤ 4 decimals) so the
 * reference itself has no float drift.
 */
function bruteForceBest(input: AssignmentInput): Objective {
  const regionLeft = new Map(Object.entries(input.regionSeats));
  const expertLeft = new Map(input.experts.map((e) => [e.expertId, e.capacity]));
  const edgesByDemand = input.demands.map((d) => input.edges.filter((e) => e.demandId === d.demandId));
  let best = { priority: 0, score: 0 };
  const visit = (i: number, priority: number, score: number): void => {
    if (i === input.demands.length) {
      if (priority > best.priority || (priority === best.priority && score > best.score)) best = { priority, score };
      return;
    }
    visit(i + 1, priority, score);
    const region = input.demands[i].region;
    if ((regionLeft.get(region) ?? 0) <= 0) return;
    for (const edge of edgesByDemand[i]) {
      const left = expertLeft.get(edge.expertId) ?? 0;
      if (left <= 0) continue;
      expertLeft.set(edge.expertId, left - 1);
      regionLeft.set(region, (regionLeft.get(region) ?? 0) - 1);
      visit(i + 1, priority + (edge.priority ? 1 : 0), score + Math.round(edge.score * 1e4));
      regionLeft.set(region, (regionLeft.get(region) ?? 0) + 1);
      expertLeft.set(edge.expertId, left);
    }
  };
  visit(0, 0, 0);
  return { priorityCount: best.priority, totalScore: best.score / 1e4 };
}

/** Every rule the assignment must obey, checked independently of the solver. */
function expectFeasible(input: AssignmentInput, result: AssignmentResult): void {
  const demandRegion = new Map(input.demands.map((d) => [d.demandId, d.region]));
  const capacity = new Map(input.experts.map((e) => [e.expertId, e.capacity]));
  const edgeByPair = new Map(input.edges.map((e) => [`${e.demandId}|${e.expertId}`, e]));
  const expertLoad = new Map<string, number>();
  const regionLoad = new Map<string, number>();
  const seen = new Set<string>();
  for (const a of result.assignments) {
    const edge = edgeByPair.get(`${a.demandId}|${a.expertId}`);
    expect(edge, `pair ${a.demandId}|${a.expertId} must be an allowed edge`).toBeDefined();
    expect(a.score).toBe(edge?.score);
    expect(a.priority).toBe(edge?.priority === true);
    expect(a.region).toBe(demandRegion.get(a.demandId));
    expect(seen.has(a.demandId)).toBe(false);
    seen.add(a.demandId);
    expertLoad.set(a.expertId, (expertLoad.get(a.expertId) ?? 0) + 1);
    regionLoad.set(a.region, (regionLoad.get(a.region) ?? 0) + 1);
  }
  for (const [expertId, load] of expertLoad) expect(load).toBeLessThanOrEqual(capacity.get(expertId) ?? 0);
  for (const [region, load] of regionLoad) expect(load).toBeLessThanOrEqual(input.regionSeats[region] ?? 0);
  for (const u of result.unfilled) {
    expect(seen.has(u.demandId)).toBe(false);
    seen.add(u.demandId);
  }
  expect(seen.size).toBe(input.demands.length);
  const sum = result.assignments.reduce((acc, a) => acc + a.score, 0);
  expect(result.totalScore).toBeCloseTo(sum, 9);
  expect(result.priorityCount).toBe(result.assignments.filter((a) => a.priority).length);
}

function lexicographicallyAtLeast(a: Objective, b: Objective): boolean {
  if (a.priorityCount !== b.priorityCount) return a.priorityCount > b.priorityCount;
  return a.totalScore >= b.totalScore - 1e-6;
}

function randomScore(random: Random): number {
  const roll = random();
  if (roll < 0.04) return 0;
  if (roll < 0.07) return -Math.round(random() * 1e4) / 1e4;
  // Few distinct values make equal-score ties (and hence the tie-break) common.
  if (roll < 0.3) return [0.5, 0.75, 0.9][pickInt(random, 0, 2)];
  return Math.round(random() * 1e4) / 1e4;
}

function randomSmallInstance(random: Random): AssignmentInput {
  const regionCount = pickInt(random, 2, 3);
  const regions = Array.from({ length: regionCount }, (_, r) => `R${r + 1}`);
  const demands = Array.from({ length: pickInt(random, 1, 6) }, (_, i) => ({
    demandId: `D${i + 1}`,
    region: regions[pickInt(random, 0, regionCount - 1)],
  }));
  const experts = Array.from({ length: pickInt(random, 1, 6) }, (_, i) => ({
    expertId: `E${i + 1}`,
    capacity: random() < 0.15 ? 2 : random() < 0.08 ? 0 : 1,
  }));
  const edges: AssignmentEdge[] = [];
  for (const d of demands) {
    for (const e of experts) {
      if (random() < 0.45) continue;
      edges.push({ demandId: d.demandId, expertId: e.expertId, score: randomScore(random), priority: random() < 0.15 });
    }
  }
  const regionSeats: Record<string, number> = {};
  for (const r of regions) regionSeats[r] = pickInt(random, 0, 3);
  return { demands, experts, edges, regionSeats };
}

function shuffleInput(random: Random, input: AssignmentInput): AssignmentInput {
  const seatEntries = shuffleCopy(random, Object.entries(input.regionSeats));
  return {
    demands: shuffleCopy(random, input.demands),
    experts: shuffleCopy(random, input.experts),
    edges: shuffleCopy(random, input.edges),
    regionSeats: Object.fromEntries(seatEntries),
  };
}

describe('assignPairs — optimality', () => {
  it('matches an exhaustive search on 300 random small instances (priority pairs first, then score)', () => {
    const random = createRandom(424242);
    let greedyWorse = 0;
    for (let instance = 0; instance < 300; instance++) {
      const input = randomSmallInstance(random);
      const best = bruteForceBest(input);
      const result = assignPairs(input);
      expectFeasible(input, result);
      expect(result.priorityCount, `instance ${instance}`).toBe(best.priorityCount);
      expect(Math.abs(result.totalScore - best.totalScore), `instance ${instance}`).toBeLessThanOrEqual(1e-6);

      const greedy = assignGreedy(input);
      expectFeasible(input, greedy);
      expect(lexicographicallyAtLeast(result, greedy), `instance ${instance}`).toBe(true);
      if (!lexicographicallyAtLeast(greedy, result)) greedyWorse += 1;
    }
    // The random set is only a meaningful optimality test if greedy actually gets some wrong.
    expect(greedyWorse).toBeGreaterThan(5);
  });

  it('beats greedy when the best-scoring pair blocks a better combination', () => {
    const input: AssignmentInput = {
      demands: [
        { demandId: 'D1', region: 'R' },
        { demandId: 'D2', region: 'R' },
      ],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 0.9 },
        { demandId: 'D1', expertId: 'E2', score: 0.8 },
        { demandId: 'D2', expertId: 'E1', score: 0.85 },
      ],
      regionSeats: { R: 2 },
    };
    const greedy = assignGreedy(input);
    const optimal = assignPairs(input);

    // Greedy grabs D1–E1 (0.9) and strands D2; optimal pairs D1–E2 and D2–E1 for 1.65.
    expect(greedy.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['D1-E1']);
    expect(greedy.totalScore).toBeCloseTo(0.9, 9);
    expect(greedy.unfilled).toEqual([{ demandId: 'D2', region: 'R', reason: 'CANDIDATES_TAKEN' }]);
    expect(optimal.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['D1-E2', 'D2-E1']);
    expect(optimal.totalScore).toBeCloseTo(1.65, 9);
    expect(optimal.totalScore - greedy.totalScore).toBeCloseTo(0.75, 9);
    expect(optimal.unfilled).toEqual([]);
  });

  it('beats greedy when spending a region’s last seat on the top pair strands other demands', () => {
    // R1 has one seat. Greedy spends it on D1–E1 (0.95), which also takes E1 away from D3 in R2.
    // Optimal gives R1's seat to D2–E2 and E1 to D3: 0.9 + 0.9.
    const input: AssignmentInput = {
      demands: [
        { demandId: 'D1', region: 'R1' },
        { demandId: 'D2', region: 'R1' },
        { demandId: 'D3', region: 'R2' },
      ],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 0.95 },
        { demandId: 'D2', expertId: 'E2', score: 0.9 },
        { demandId: 'D3', expertId: 'E1', score: 0.9 },
      ],
      regionSeats: { R1: 1, R2: 1 },
    };
    const greedy = assignGreedy(input);
    expect(greedy.totalScore).toBeCloseTo(0.95, 9);
    expect(greedy.unfilled.map((u) => `${u.demandId}:${u.reason}`)).toEqual(['D2:QUOTA_EXHAUSTED', 'D3:CANDIDATES_TAKEN']);
    const optimal = assignPairs(input);
    expect(optimal.totalScore).toBeCloseTo(1.8, 9);
    expect(optimal.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['D2-E2', 'D3-E1']);
    expect(optimal.unfilled).toEqual([{ demandId: 'D1', region: 'R1', reason: 'QUOTA_EXHAUSTED' }]);
  });

  it('places named-and-agreed pairs first even at a large cost in score', () => {
    const input: AssignmentInput = {
      demands: [
        { demandId: 'D1', region: 'R' },
        { demandId: 'D2', region: 'R' },
      ],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 0.1, priority: true },
        { demandId: 'D1', expertId: 'E2', score: 0.99 },
        { demandId: 'D2', expertId: 'E1', score: 0.98 },
      ],
      regionSeats: { R: 2 },
    };
    const result = assignPairs(input);
    expect(result.assignments).toEqual([{ demandId: 'D1', expertId: 'E1', score: 0.1, region: 'R', priority: true }]);
    expect(result.priorityCount).toBe(1);
    expect(result.unfilled).toEqual([{ demandId: 'D2', region: 'R', reason: 'CANDIDATES_TAKEN' }]);
  });

  it('places as many priority pairs as possible, even when greedy places fewer', () => {
    // Greedy takes the higher-scoring priority pair D1–E1 and blocks D2's only priority pair.
    const input: AssignmentInput = {
      demands: [
        { demandId: 'D1', region: 'R' },
        { demandId: 'D2', region: 'R' },
      ],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 0.9, priority: true },
        { demandId: 'D1', expertId: 'E2', score: 0.2, priority: true },
        { demandId: 'D2', expertId: 'E1', score: 0.5, priority: true },
      ],
      regionSeats: { R: 2 },
    };
    expect(assignGreedy(input).priorityCount).toBe(1);
    const result = assignPairs(input);
    expect(result.priorityCount).toBe(2);
    expect(result.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['D1-E2', 'D2-E1']);
  });

  it('prefers a higher total score over filling more demands', () => {
    const input: AssignmentInput = {
      demands: [
        { demandId: 'D1', region: 'R' },
        { demandId: 'D2', region: 'R' },
      ],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 1.0 },
        { demandId: 'D1', expertId: 'E2', score: 0.2 },
        { demandId: 'D2', expertId: 'E1', score: 0.7 },
      ],
      regionSeats: { R: 2 },
    };
    // Two pairs would score 0.9; the single pair D1–E1 scores 1.0.
    const result = assignPairs(input);
    expect(result.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['D1-E1']);
    expect(result.totalScore).toBe(1);
  });

  it('lets an expert with capacity 2 serve two enterprises', () => {
    const input: AssignmentInput = {
      demands: [
        { demandId: 'D1', region: 'R1' },
        { demandId: 'D2', region: 'R2' },
        { demandId: 'D3', region: 'R2' },
      ],
      experts: [
        { expertId: 'E1', capacity: 2 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 0.9 },
        { demandId: 'D2', expertId: 'E1', score: 0.8 },
        { demandId: 'D3', expertId: 'E1', score: 0.7 },
        { demandId: 'D3', expertId: 'E2', score: 0.1 },
      ],
      regionSeats: { R1: 1, R2: 2 },
    };
    const result = assignPairs(input);
    expect(result.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['D1-E1', 'D2-E1', 'D3-E2']);
    expect(result.totalScore).toBeCloseTo(1.8, 9);
  });

  it('never uses an expert with capacity 0', () => {
    const input: AssignmentInput = {
      demands: [{ demandId: 'D1', region: 'R' }],
      experts: [{ expertId: 'E1', capacity: 0 }],
      edges: [{ demandId: 'D1', expertId: 'E1', score: 0.9, priority: true }],
      regionSeats: { R: 1 },
    };
    const result = assignPairs(input);
    expect(result.assignments).toEqual([]);
    expect(result.unfilled).toEqual([{ demandId: 'D1', region: 'R', reason: 'NO_ELIGIBLE_CANDIDATE' }]);
  });
});

describe('assignPairs — unfilled reasons', () => {
  it('explains each unfilled demand', () => {
    const input: AssignmentInput = {
      demands: [
        { demandId: 'A1', region: 'RA' }, // no candidates at all
        { demandId: 'B1', region: 'RB' }, // gets RB's only seat
        { demandId: 'B2', region: 'RB' }, // has a free candidate but RB is full
        { demandId: 'C1', region: 'RC' }, // takes E1
        { demandId: 'C2', region: 'RC' }, // only wants E1, which C1 uses better
        { demandId: 'D1', region: 'RD' }, // only candidate scores 0
        { demandId: 'X1', region: 'RX' }, // region has no seats listed
      ],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
        { expertId: 'E3', capacity: 1 },
        { expertId: 'E4', capacity: 1 },
      ],
      edges: [
        { demandId: 'B1', expertId: 'E2', score: 0.9 },
        { demandId: 'B2', expertId: 'E3', score: 0.8 },
        { demandId: 'C1', expertId: 'E1', score: 0.9 },
        { demandId: 'C2', expertId: 'E1', score: 0.5 },
        { demandId: 'D1', expertId: 'E4', score: 0 },
        { demandId: 'X1', expertId: 'E4', score: 0.6 },
      ],
      regionSeats: { RA: 1, RB: 1, RC: 2, RD: 1 },
    };
    const result = assignPairs(input);
    expect(result.assignments.map((a) => `${a.demandId}-${a.expertId}`)).toEqual(['B1-E2', 'C1-E1']);
    expect(result.unfilled).toEqual([
      { demandId: 'A1', region: 'RA', reason: 'NO_ELIGIBLE_CANDIDATE' },
      { demandId: 'B2', region: 'RB', reason: 'QUOTA_EXHAUSTED' },
      { demandId: 'C2', region: 'RC', reason: 'CANDIDATES_TAKEN' },
      { demandId: 'D1', region: 'RD', reason: 'NO_POSITIVE_SCORE' },
      { demandId: 'X1', region: 'RX', reason: 'QUOTA_EXHAUSTED' },
    ]);
  });

  it('still places a zero-score pair when it is a named-and-agreed one', () => {
    const input: AssignmentInput = {
      demands: [{ demandId: 'D1', region: 'R' }],
      experts: [{ expertId: 'E1', capacity: 1 }],
      edges: [{ demandId: 'D1', expertId: 'E1', score: 0, priority: true }],
      regionSeats: { R: 1 },
    };
    expect(assignPairs(input).assignments).toEqual([{ demandId: 'D1', expertId: 'E1', score: 0, region: 'R', priority: true }]);
  });

  it('gives a reason that matches the final state for every unfilled demand in random instances', () => {
    const random = createRandom(777);
    for (let instance = 0; instance < 200; instance++) {
      const input = randomSmallInstance(random);
      for (const result of [assignPairs(input), assignGreedy(input)]) {
        const expertLoad = new Map<string, number>();
        const regionLoad = new Map<string, number>();
        for (const a of result.assignments) {
          expertLoad.set(a.expertId, (expertLoad.get(a.expertId) ?? 0) + 1);
          regionLoad.set(a.region, (regionLoad.get(a.region) ?? 0) + 1);
        }
        const capacity = new Map(input.experts.map((e) => [e.expertId, e.capacity]));
        for (const u of result.unfilled) {
          const candidates = input.edges.filter((e) => e.demandId === u.demandId && (capacity.get(e.expertId) ?? 0) > 0);
          const full = (expertId: string) => (expertLoad.get(expertId) ?? 0) >= (capacity.get(expertId) ?? 0);
          const worthwhile = candidates.filter((e) => e.priority === true || Math.round(e.score * 1e6) > 0);
          switch (u.reason) {
            case 'NO_ELIGIBLE_CANDIDATE':
              expect(candidates).toEqual([]);
              break;
            case 'QUOTA_EXHAUSTED':
              expect(regionLoad.get(u.region) ?? 0).toBe(input.regionSeats[u.region] ?? 0);
              break;
            case 'NO_POSITIVE_SCORE':
              expect(worthwhile).toEqual([]);
              break;
            case 'CANDIDATES_TAKEN':
              expect(worthwhile.length).toBeGreaterThan(0);
              expect(worthwhile.every((e) => full(e.expertId))).toBe(true);
              expect(regionLoad.get(u.region) ?? 0).toBeLessThan(input.regionSeats[u.region] ?? 0);
              break;
          }
        }
      }
    }
  });
});

describe('assignPairs — determinism and output shape', () => {
  it('gives the same output for the same input in any order, ties included', () => {
    const random = createRandom(99);
    for (let instance = 0; instance < 150; instance++) {
      const input = randomSmallInstance(random);
      const baseline = assignPairs(input);
      const baselineGreedy = assignGreedy(input);
      for (let round = 0; round < 4; round++) {
        const shuffled = shuffleInput(random, input);
        expect(assignPairs(shuffled)).toEqual(baseline);
        expect(assignGreedy(shuffled)).toEqual(baselineGreedy);
      }
    }
  });

  it('gives a contested expert to the smaller demand id on an exact score tie, whatever the input order', () => {
    const demands = [
      { demandId: 'D1', region: 'R' },
      { demandId: 'D2', region: 'R' },
    ];
    const experts = [{ expertId: 'E1', capacity: 1 }];
    const edges = [
      { demandId: 'D2', expertId: 'E1', score: 0.5 },
      { demandId: 'D1', expertId: 'E1', score: 0.5 },
    ];
    const forward = assignPairs({ demands, experts, edges, regionSeats: { R: 1 } });
    const backward = assignPairs({
      demands: [...demands].reverse(),
      experts,
      edges: [...edges].reverse(),
      regionSeats: { R: 1 },
    });
    expect(forward).toEqual(backward);
    expect(forward.assignments.map((a) => a.demandId)).toEqual(['D1']);
  });

  it('sorts assignments and unfilled demands by region, then demand id', () => {
    const input: AssignmentInput = {
      demands: [
        { demandId: 'd-9', region: '420200' },
        { demandId: 'd-1', region: '420200' },
        { demandId: 'd-5', region: '420100' },
        { demandId: 'd-7', region: '420100' },
      ],
      experts: [
        { expertId: 'e-1', capacity: 1 },
        { expertId: 'e-2', capacity: 1 },
        { expertId: 'e-3', capacity: 1 },
      ],
      edges: [
        { demandId: 'd-9', expertId: 'e-1', score: 0.3 },
        { demandId: 'd-1', expertId: 'e-2', score: 0.4 },
        { demandId: 'd-5', expertId: 'e-3', score: 0.5 },
      ],
      regionSeats: { '420100': 2, '420200': 2 },
    };
    const result = assignPairs(input);
    expect(result.assignments.map((a) => `${a.region}/${a.demandId}`)).toEqual(['420100/d-5', '420200/d-1', '420200/d-9']);
    expect(result.unfilled.map((u) => `${u.region}/${u.demandId}`)).toEqual(['420100/d-7']);
  });

  it('treats scores closer than 1e-6 as equal but reports the original scores', () => {
    const input: AssignmentInput = {
      demands: [{ demandId: 'D1', region: 'R' }],
      experts: [
        { expertId: 'E1', capacity: 1 },
        { expertId: 'E2', capacity: 1 },
      ],
      edges: [
        { demandId: 'D1', expertId: 'E1', score: 0.123456789 },
        { demandId: 'D1', expertId: 'E2', score: 0.1234572 },
      ],
      regionSeats: { R: 1 },
    };
    const result = assignPairs(input);
    expect(result.assignments[0].score === 0.123456789 || result.assignments[0].score === 0.1234572).toBe(true);
  });

  it('works with seats from allocateQuotas', () => {
    const quotas = allocateQuotas({
      totalSeats: 3,
      regions: [
        { region: '420100', demands: 4 },
        { region: '420200', demands: 2 },
      ],
    });
    const regionSeats = Object.fromEntries(quotas.regions.map((r) => [r.region, r.seats]));
    expect(regionSeats).toEqual({ '420100': 2, '420200': 1 });
    const demands = [
      ...['a', 'b', 'c', 'd'].map((id) => ({ demandId: `420100-${id}`, region: '420100' })),
      ...['a', 'b'].map((id) => ({ demandId: `420200-${id}`, region: '420200' })),
    ];
    const experts = Array.from({ length: 6 }, (_, i) => ({ expertId: `E${i}`, capacity: 1 }));
    const edges = demands.map((d, i) => ({ demandId: d.demandId, expertId: `E${i}`, score: 0.5 + i / 100 }));
    const result = assignPairs({ demands, experts, edges, regionSeats });
    expect(result.assignments.map((a) => a.demandId)).toEqual(['420100-c', '420100-d', '420200-b']);
    expect(result.unfilled.every((u) => u.reason === 'QUOTA_EXHAUSTED')).toBe(true);
  });
});

describe('assignPairs — input errors', () => {
  function expectInputError(input: AssignmentInput, code: AssignmentInputError['code']): void {
    try {
      assignPairs(input);
    } catch (error) {
      expect(error).toBeInstanceOf(AssignmentInputError);
      expect((error as AssignmentInputError).code).toBe(code);
      return;
    }
    throw new Error(`expected AssignmentInputError ${code}`);
  }

  const base: AssignmentInput = {
    demands: [{ demandId: 'D1', region: 'R' }],
    experts: [{ expertId: 'E1', capacity: 1 }],
    edges: [{ demandId: 'D1', expertId: 'E1', score: 0.5 }],
    regionSeats: { R: 1 },
  };

  it('rejects duplicate ids and duplicate pairs', () => {
    expectInputError({ ...base, demands: [...base.demands, { demandId: 'D1', region: 'R' }] }, 'DUPLICATE_DEMAND');
    expectInputError({ ...base, experts: [...base.experts, { expertId: 'E1', capacity: 2 }] }, 'DUPLICATE_EXPERT');
    expectInputError({ ...base, edges: [...base.edges, { demandId: 'D1', expertId: 'E1', score: 0.7 }] }, 'DUPLICATE_EDGE');
  });

  it('rejects pairs that refer to unknown demands or experts', () => {
    expectInputError({ ...base, edges: [{ demandId: 'D2', expertId: 'E1', score: 0.5 }] }, 'UNKNOWN_REFERENCE');
    expectInputError({ ...base, edges: [{ demandId: 'D1', expertId: 'E9', score: 0.5 }] }, 'UNKNOWN_REFERENCE');
  });

  it('rejects non-finite scores, bad capacities and bad seat counts', () => {
    expectInputError({ ...base, edges: [{ demandId: 'D1', expertId: 'E1', score: Number.NaN }] }, 'INVALID_INPUT');
    expectInputError({ ...base, experts: [{ expertId: 'E1', capacity: -1 }] }, 'INVALID_INPUT');
    expectInputError({ ...base, experts: [{ expertId: 'E1', capacity: 1.5 }] }, 'INVALID_INPUT');
    expectInputError({ ...base, regionSeats: { R: -2 } }, 'INVALID_INPUT');
  });

  it('rejects scores too large to optimise exactly', () => {
    expectInputError({ ...base, edges: [{ demandId: 'D1', expertId: 'E1', score: 1e12, priority: true }] }, 'SCORE_RANGE');
  });
});
