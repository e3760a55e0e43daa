import { describe, expect, it } from 'vitest';
import { allocateQuotas, QuotaAllocationError, type QuotaInput, type QuotaRegionInput, type QuotaResult } from '../../src/allocation/quota.service';
import { createRandom, pickInt, shuffleCopy } from './seeded-random.helper';

function seatsOf(result: QuotaResult): Record<string, number> {
  return Object.fromEntries(result.regions.map((r) => [r.region, r.seats]));
}

function regionOf(result: QuotaResult, region: string) {
  const found = result.regions.find((r) => r.region === region);
  if (!found) throw new Error(`region ${region} missing from result`);
  return found;
}

function expectAllocationError(run: () => unknown, code: QuotaAllocationError['code']): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuotaAllocationError);
    expect((error as QuotaAllocationError).code).toBe(code);
    return;
  }
  throw new Error(`expected QuotaAllocationError ${code}`);
}

describe('allocateQuotas — plain largest-remainder method', () => {
  it('reproduces the textbook Hare/Hamilton example (10 seats, 100,000 votes)', () => {
    const result = allocateQuotas({
      totalSeats: 10,
      regions: [
        { region: 'yellows', demands: 47_000 },
        { region: 'whites', demands: 16_000 },
        { region: 'reds', demands: 15_800 },
        { region: 'greens', demands: 12_000 },
        { region: 'blues', demands: 6_100 },
        { region: 'pinks', demands: 3_100 },
      ],
    });

    expect(seatsOf(result)).toEqual({ yellows: 5, whites: 2, reds: 1, greens: 1, blues: 1, pinks: 0 });
    expect(result.seatsAssigned).toBe(10);
    const yellows = regionOf(result, 'yellows');
    expect(yellows.share).toBeCloseTo(0.47, 12);
    expect(yellows.exactQuota).toBeCloseTo(4.7, 12);
    expect(yellows.floor).toBe(4);
    expect(yellows.remainder).toBeCloseTo(0.7, 12);
    // Blues (0.61) beat Reds (0.58) for the last leftover seat although Reds have more votes.
    expect(regionOf(result, 'blues').remainder).toBeCloseTo(0.61, 12);
    expect(regionOf(result, 'reds').remainder).toBeCloseTo(0.58, 12);
    expect(result.regions.every((r) => r.bound === null)).toBe(true);
  });

  it('splits a province-wide quota by each city’s share of collected demands', () => {
    const result = allocateQuotas({
      totalSeats: 50,
      regions: [
        { region: '420100', demands: 120 },
        { region: '420200', demands: 35 },
        { region: '420300', demands: 40 },
        { region: '420500', demands: 55 },
        { region: '420600', demands: 60 },
      ],
    });
    // Floors 19+5+6+8+9 = 47; the 3 leftovers go to remainders .871, .677 and .645.
    expect(seatsOf(result)).toEqual({ '420100': 19, '420200': 6, '420300': 6, '420500': 9, '420600': 10 });
    expect(result.regions.map((r) => r.floor)).toEqual([19, 5, 6, 8, 9]);
  });

  it('gives the leftover seat to the larger remainder, not the larger region', () => {
    const result = allocateQuotas({
      totalSeats: 3,
      regions: [
        { region: 'big', demands: 60 },
        { region: 'small', demands: 40 },
      ],
    });
    // 1.8 vs 1.2: floors 1+1, leftover to the .8 remainder.
    expect(seatsOf(result)).toEqual({ big: 2, small: 1 });
  });

  it('keeps Hamilton’s known Alabama paradox: a region can lose a seat when the total grows', () => {
    const regions = [
      { region: 'A', demands: 6 },
      { region: 'B', demands: 6 },
      { region: 'C', demands: 2 },
    ];
    expect(seatsOf(allocateQuotas({ totalSeats: 10, regions }))).toEqual({ A: 4, B: 4, C: 2 });
    expect(seatsOf(allocateQuotas({ totalSeats: 11, regions }))).toEqual({ A: 5, B: 5, C: 1 });
  });

  it('gives 0 seats when there are 0 seats to give', () => {
    const result = allocateQuotas({ totalSeats: 0, regions: [{ region: 'A', demands: 5 }] });
    expect(result.seatsAssigned).toBe(0);
    expect(regionOf(result, 'A').seats).toBe(0);
  });

  it('returns an empty allocation for no regions', () => {
    const result = allocateQuotas({ totalSeats: 7, regions: [] });
    expect(result).toMatchObject({ totalSeats: 7, seatsAssigned: 0, regions: [] });
  });
});

describe('allocateQuotas — tie-break', () => {
  it('gives a tied leftover seat to the region with more demands', () => {
    // Exact quotas 0.5 and 1.5: equal remainders; region code order alone would favour 420100.
    const result = allocateQuotas({
      totalSeats: 2,
      regions: [
        { region: '420100', demands: 1 },
        { region: '420200', demands: 3 },
      ],
    });
    expect(seatsOf(result)).toEqual({ '420100': 0, '420200': 2 });
  });

  it('gives a fully tied leftover seat to the smaller region code', () => {
    const result = allocateQuotas({
      totalSeats: 1,
      regions: [
        { region: '420200', demands: 1 },
        { region: '420100', demands: 1 },
      ],
    });
    expect(seatsOf(result)).toEqual({ '420100': 1, '420200': 0 });
  });

  it('describes the tie-break in the result', () => {
    const { tieBreak } = allocateQuotas({ totalSeats: 1, regions: [{ region: 'A', demands: 1 }] });
    expect(tieBreak).toMatch(/largest remainder/);
    expect(tieBreak).toMatch(/more demands/);
    expect(tieBreak).toMatch(/region code/);
  });

  it('compares remainders exactly, not as floats', () => {
    // Remainders are all exactly 1/3, but share×seats in floats gives A 0.3333333333333333 and
    // B 0.33333333333333326 — a float comparison would wrongly hand A the seat.
    const result = allocateQuotas({
      totalSeats: 2,
      regions: [
        { region: 'A', demands: 1 },
        { region: 'B', demands: 4 },
        { region: 'C', demands: 1 },
      ],
    });
    expect(seatsOf(result)).toEqual({ A: 0, B: 2, C: 0 });
  });
});

describe('allocateQuotas — limits', () => {
  it('never gives a region more seats than it has demands, leaving seats unassigned if all are full', () => {
    const result = allocateQuotas({
      totalSeats: 10,
      regions: [
        { region: 'A', demands: 2 },
        { region: 'B', demands: 5 },
      ],
    });
    expect(seatsOf(result)).toEqual({ A: 2, B: 5 });
    expect(result.seatsAssigned).toBe(7);
    expect(result.totalSeats).toBe(10);
    expect(result.regions.map((r) => r.bound)).toEqual(['demands', 'demands']);
  });

  it('caps a region at its max and re-shares the leftover among the others by the same method', () => {
    const result = allocateQuotas({
      totalSeats: 10,
      regions: [
        { region: '420100', demands: 100, max: 3 },
        { region: '420200', demands: 50 },
        { region: '420300', demands: 50 },
      ],
    });
    // Unlimited: 5 / 2.5 / 2.5. Capped at 3, the other 7 split 3.5 / 3.5 and the tie goes by code.
    expect(seatsOf(result)).toEqual({ '420100': 3, '420200': 4, '420300': 3 });
    expect(regionOf(result, '420100')).toMatchObject({ exactQuota: 5, adjustedQuota: 3, bound: 'max' });
    expect(regionOf(result, '420200')).toMatchObject({ exactQuota: 2.5, adjustedQuota: 3.5, bound: null });
  });

  it('lifts a region to its min and takes those seats proportionally from the rest', () => {
    const result = allocateQuotas({
      totalSeats: 20,
      regions: [
        { region: 'A', demands: 100, max: 5 },
        { region: 'B', demands: 4, min: 3 },
        { region: 'C', demands: 60 },
        { region: 'D', demands: 36 },
      ],
    });
    // A pinned at 5, B at 3; C and D share 12 seats as 7.5 / 4.5, tie to C (more demands).
    expect(seatsOf(result)).toEqual({ A: 5, B: 3, C: 8, D: 4 });
    expect(result.regions.map((r) => r.bound)).toEqual(['max', 'min', null, null]);
    expect(regionOf(result, 'C').adjustedQuota).toBe(7.5);
    expect(result.seatsAssigned).toBe(20);
  });

  it('clamps a min above the demand count to the demand count', () => {
    const result = allocateQuotas({
      totalSeats: 3,
      regions: [
        { region: 'A', demands: 1, min: 2 },
        { region: 'B', demands: 5, min: 2 },
      ],
    });
    expect(seatsOf(result)).toEqual({ A: 1, B: 2 });
  });

  it('gives a region with no demands no seats, even with a min', () => {
    const result = allocateQuotas({
      totalSeats: 5,
      regions: [
        { region: 'A', demands: 0, min: 2 },
        { region: 'B', demands: 4 },
        { region: 'C', demands: 6 },
      ],
    });
    expect(seatsOf(result)).toEqual({ A: 0, B: 2, C: 3 });
    expect(regionOf(result, 'A')).toMatchObject({ share: 0, exactQuota: 0, seats: 0 });
  });

  it('gives nobody seats when nobody has demands', () => {
    const result = allocateQuotas({
      totalSeats: 5,
      regions: [
        { region: 'A', demands: 0 },
        { region: 'B', demands: 0 },
      ],
    });
    expect(result.seatsAssigned).toBe(0);
    expect(result.regions.map((r) => r.share)).toEqual([0, 0]);
  });

  it('pins every region at its min when the mins use up exactly all seats', () => {
    const result = allocateQuotas({
      totalSeats: 4,
      regions: [
        { region: 'A', demands: 90, min: 1 },
        { region: 'B', demands: 10, min: 3 },
      ],
    });
    expect(seatsOf(result)).toEqual({ A: 1, B: 3 });
  });

  it('throws MINS_EXCEED_TOTAL when the mins need more seats than exist', () => {
    expectAllocationError(
      () =>
        allocateQuotas({
          totalSeats: 3,
          regions: [
            { region: 'A', demands: 5, min: 2 },
            { region: 'B', demands: 5, min: 2 },
          ],
        }),
      'MINS_EXCEED_TOTAL',
    );
  });

  it('rejects a min above the max, duplicate regions and non-integer counts', () => {
    expectAllocationError(() => allocateQuotas({ totalSeats: 3, regions: [{ region: 'A', demands: 5, min: 3, max: 2 }] }), 'MIN_ABOVE_MAX');
    expectAllocationError(
      () =>
        allocateQuotas({
          totalSeats: 3,
          regions: [
            { region: 'A', demands: 5 },
            { region: 'A', demands: 2 },
          ],
        }),
      'DUPLICATE_REGION',
    );
    expectAllocationError(() => allocateQuotas({ totalSeats: 2.5, regions: [] }), 'INVALID_INPUT');
    expectAllocationError(() => allocateQuotas({ totalSeats: 3, regions: [{ region: 'A', demands: -1 }] }), 'INVALID_INPUT');
    expectAllocationError(() => allocateQuotas({ totalSeats: 3, regions: [{ region: '', demands: 1 }] }), 'INVALID_INPUT');
  });

  it('handles census-sized demand counts without losing precision', () => {
    const result = allocateQuotas({
      totalSeats: 435,
      regions: [
        { region: 'A', demands: 331_449_281 },
        { region: 'B', demands: 331_449_280 },
        { region: 'C', demands: 1 },
      ],
    });
    // 217.5000… vs 217.4999…: only exact arithmetic tells these remainders apart reliably.
    expect(seatsOf(result)).toEqual({ A: 218, B: 217, C: 0 });
  });
});

describe('allocateQuotas — invariants on random instances', () => {
  function randomInput(seed: number, withLimits: boolean): QuotaInput {
    const random = createRandom(seed);
    const regionCount = pickInt(random, 1, 9);
    const regions: QuotaRegionInput[] = [];
    for (let i = 0; i < regionCount; i++) {
      const demands = random() < 0.1 ? 0 : pickInt(random, 1, 60);
      const region: QuotaRegionInput = { region: `42${String(i).padStart(2, '0')}00`, demands };
      if (withLimits && random() < 0.3) region.min = pickInt(random, 0, 6);
      if (withLimits && random() < 0.3) region.max = pickInt(random, region.min ?? 0, 20);
      regions.push(region);
    }
    return { totalSeats: pickInt(random, 0, 120), regions };
  }

  it('hands every seat to a region with room, and each region gets floor or ceiling of its quota', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const input = randomInput(seed, false);
      const result = allocateQuotas(input);
      const totalDemands = input.regions.reduce((acc, r) => acc + r.demands, 0);
      expect(result.seatsAssigned).toBe(Math.min(input.totalSeats, totalDemands));
      expect(result.regions.reduce((acc, r) => acc + r.seats, 0)).toBe(result.seatsAssigned);
      if (input.totalSeats > totalDemands) continue;
      for (const r of result.regions) {
        expect(r.seats === r.floor || r.seats === r.floor + 1).toBe(true);
      }
      // Largest remainders win: every region that got the extra seat has a remainder at least as
      // large as every region that did not.
      const winners = result.regions.filter((r) => r.seats === r.floor + 1).map((r) => r.remainder);
      const losers = result.regions.filter((r) => r.seats === r.floor && r.remainder > 0).map((r) => r.remainder);
      if (winners.length > 0 && losers.length > 0) {
        expect(Math.min(...winners)).toBeGreaterThanOrEqual(Math.max(...losers) - 1e-12);
      }
    }
  });

  it('respects min, max and demand limits and assigns min(total, room) seats', () => {
    let checked = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const input = randomInput(seed * 7919, true);
      const lowers = input.regions.map((r) => Math.min(r.min ?? 0, r.max ?? Infinity, r.demands));
      const uppers = input.regions.map((r) => Math.min(r.max ?? Infinity, r.demands));
      if (lowers.reduce((a, b) => a + b, 0) > input.totalSeats) {
        expect(() => allocateQuotas(input)).toThrow(QuotaAllocationError);
        continue;
      }
      checked += 1;
      const result = allocateQuotas(input);
      expect(result.seatsAssigned).toBe(
        Math.min(
          input.totalSeats,
          uppers.reduce((a, b) => a + b, 0),
        ),
      );
      for (const r of result.regions) {
        const i = input.regions.findIndex((x) => x.region === r.region);
        expect(r.seats).toBeGreaterThanOrEqual(lowers[i]);
        expect(r.seats).toBeLessThanOrEqual(uppers[i]);
        if (r.bound === null) {
          expect(r.seats === Math.floor(r.adjustedQuota) || r.seats === Math.ceil(r.adjustedQuota)).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('gives the same answer whatever order the regions come in', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomInput(seed * 31, true);
      let baseline: QuotaResult | Error;
      try {
        baseline = allocateQuotas(input);
      } catch (error) {
        baseline = error as Error;
      }
      const random = createRandom(seed);
      for (let round = 0; round < 3; round++) {
        const reordered = { ...input, regions: shuffleCopy(random, input.regions) };
        if (baseline instanceof Error) {
          expect(() => allocateQuotas(reordered)).toThrow(baseline.message);
        } else {
          expect(allocateQuotas(reordered)).toEqual(baseline);
        }
      }
    }
  });
});
