import { describe, expect, it } from 'vitest';
import { assignGreedy, assignPairs, type AssignmentEdge, type AssignmentInput } from '../../src/allocation/assignment.service';
import { allocateQuotas } from '../../src/allocation/quota.service';
import { createRandom, pickInt } from './seeded-random.helper';

/** A city-scale cycle: 2,000 demands, 20,000 experts, ~20 allowed experts per demand. */
function buildCityScaleInput(): AssignmentInput {
  const random = createRandom(2020_73);
  const regions = ['420100', '420200', '420300', '420500', '420600', '420700'];
  const demands = Array.from({ length: 2_000 }, (_, i) => ({
    demandId: `D${String(i).padStart(5, '0')}`,
    // Skewed so regions differ in size, as they do in practice.
    region: regions[Math.min(regions.length - 1, Math.floor(random() ** 1.6 * regions.length))],
  }));
  const experts = Array.from({ length: 20_000 }, (_, i) => ({
    expertId: `E${String(i).padStart(6, '0')}`,
    capacity: random() < 0.1 ? 2 : 1,
  }));
  const edges: AssignmentEdge[] = [];
  for (const demand of demands) {
    const chosen = new Set<number>();
    while (chosen.size < 20) chosen.add(pickInt(random, 0, experts.length - 1));
    for (const e of chosen) {
      edges.push({
        demandId: demand.demandId,
        expertId: experts[e].expertId,
        score: Math.round(random() * 1e6) / 1e6,
        priority: random() < 0.01,
      });
    }
  }
  const counts = new Map<string, number>();
  for (const d of demands) counts.set(d.region, (counts.get(d.region) ?? 0) + 1);
  const quotas = allocateQuotas({
    totalSeats: 1_600,
    regions: regions.map((region) => ({ region, demands: counts.get(region) ?? 0 })),
  });
  const regionSeats = Object.fromEntries(quotas.regions.map((r) => [r.region, r.seats]));
  return { demands, experts, edges, regionSeats };
}

describe('assignPairs — city-scale sanity', () => {
  it('solves 2,000 demands × 20,000 experts (~40,000 pairs) and never does worse than greedy', () => {
    const input = buildCityScaleInput();
    expect(input.edges).toHaveLength(40_000);

    const optimal = assignPairs(input);
    const greedy = assignGreedy(input);

    const seatsUsed = new Map<string, number>();
    const expertLoad = new Map<string, number>();
    for (const a of optimal.assignments) {
      seatsUsed.set(a.region, (seatsUsed.get(a.region) ?? 0) + 1);
      expertLoad.set(a.expertId, (expertLoad.get(a.expertId) ?? 0) + 1);
    }
    for (const [region, used] of seatsUsed) expect(used).toBeLessThanOrEqual(input.regionSeats[region]);
    const capacity = new Map(input.experts.map((e) => [e.expertId, e.capacity]));
    for (const [expertId, load] of expertLoad) expect(load).toBeLessThanOrEqual(capacity.get(expertId) ?? 0);
    expect(new Set(optimal.assignments.map((a) => a.demandId)).size).toBe(optimal.assignments.length);
    expect(optimal.assignments.length + optimal.unfilled.length).toBe(2_000);

    expect(optimal.priorityCount).toBeGreaterThanOrEqual(greedy.priorityCount);
    if (optimal.priorityCount === greedy.priorityCount) {
      expect(optimal.totalScore).toBeGreaterThanOrEqual(greedy.totalScore - 1e-6);
    }
  });
});
