/**
 * Seat quotas per region for one 科技副总 cycle.
 *
 * Implements Hubei 鄂经信科技〔2020〕73号 四(二): "各地选派企业'科技副总'名额，原则上按照当地
 * 征集需求数量占全省征集需求总量的比例分配" — seats are shared in proportion to each region's
 * share of the collected demands, using the largest-remainder (Hamilton) method so that every
 * region gets either the floor or the ceiling of its exact proportional quota.
 *
 * "原则上" leaves room for per-region floors and ceilings (min/max); a region is also never given
 * more seats than it has demands, because an unusable seat is a seat another region loses.
 *
 * Pure module: no I/O. All proportional arithmetic that decides seats is done in exact integer
 * (BigInt) arithmetic, so float rounding can never move a seat between regions.
 */
import { AppError } from '../shared/errors';

export interface QuotaRegionInput {
  region: string;
  demands: number;
  min?: number;
  max?: number;
}

export interface QuotaInput {
  totalSeats: number;
  regions: readonly QuotaRegionInput[];
}

/**
 * Which limit fixed a region's seats, if any. `null` means the seats came from proportional
 * rounding; otherwise the region was pinned at its min, its max, or its demand count.
 */
export type QuotaBound = 'min' | 'max' | 'demands' | null;

export interface RegionQuota {
  region: string;
  demands: number;
  /** demands / total demands (0 when there are no demands anywhere). */
  share: number;
  /** share × totalSeats, before any min/max/demand limits. */
  exactQuota: number;
  /** floor(exactQuota). */
  floor: number;
  /** exactQuota − floor. */
  remainder: number;
  /**
   * The quota actually rounded after limits were applied: for unpinned regions the leftover seats
   * are re-shared in proportion to demands among themselves; for pinned regions it is the bound.
   * Equals exactQuota whenever no limit binds.
   */
  adjustedQuota: number;
  bound: QuotaBound;
  seats: number;
}

export interface QuotaResult {
  totalSeats: number;
  /** Less than totalSeats only when every region is pinned at its max or its demand count. */
  seatsAssigned: number;
  /** Sorted by region code ascending (code-unit order), independent of input order. */
  regions: RegionQuota[];
  tieBreak: string;
}

export type QuotaErrorCode = 'INVALID_INPUT' | 'DUPLICATE_REGION' | 'MIN_ABOVE_MAX' | 'MINS_EXCEED_TOTAL';

export class QuotaAllocationError extends AppError {
  declare readonly code: QuotaErrorCode;

  constructor(code: QuotaErrorCode, message: string) {
    super(code, message);
  }
}

/*
 * Tie-break for leftover seats, in order:
 *   1. larger remainder first (remainders are compared exactly as integer numerators over a
 *      common denominator, so 0.1+0.2-style drift cannot reorder them);
 *   2. then the region with more demands (a seat is worth more where more enterprises wait);
 *   3. then region code ascending in UTF-16 code-unit order (locale-independent, so every
 *      machine produces the same list).
 */
export const QUOTA_TIE_BREAK =
  'leftover seats go to the largest remainder first; equal remainders go to the region with more demands; ' +
  'still-equal go to the smaller region code (ascending, code-unit order)';

interface PreparedRegion {
  region: string;
  demands: bigint;
  lower: bigint;
  upper: bigint;
  upperSource: 'max' | 'demands';
  input: QuotaRegionInput;
}

interface Fraction {
  num: bigint;
  den: bigint;
}

/**
 * Splits `totalSeats` among regions by the largest-remainder method, honouring per-region
 * min/max and never giving a region more seats than it has demands.
 *
 * @throws QuotaAllocationError `MINS_EXCEED_TOTAL` when the (demand-capped) minimums alone need
 *   more seats than exist; `INVALID_INPUT` / `DUPLICATE_REGION` / `MIN_ABOVE_MAX` for bad input.
 */
export function allocateQuotas(input: QuotaInput): QuotaResult {
  const totalSeats = requireCount(input.totalSeats, 'totalSeats');
  const prepared = prepareRegions(input.regions);
  const total = BigInt(totalSeats);

  const sumLower = prepared.reduce((acc, r) => acc + r.lower, 0n);
  if (sumLower > total) {
    throw new QuotaAllocationError('MINS_EXCEED_TOTAL', `regional minimums need ${sumLower} seats but only ${totalSeats} are available`);
  }

  const seats = distributeSeats(prepared, total);
  const totalDemands = prepared.reduce((acc, r) => acc + r.demands, 0n);

  const regions = prepared.map((r, i): RegionQuota => {
    const plain = describeQuota(r.demands * total, totalDemands);
    const outcome = seats[i];
    return {
      region: r.region,
      demands: r.input.demands,
      share: totalDemands === 0n ? 0 : Number(r.demands) / Number(totalDemands),
      exactQuota: plain.exact,
      floor: plain.floor,
      remainder: plain.remainder,
      adjustedQuota: outcome.adjustedQuota,
      bound: outcome.bound,
      seats: outcome.seats,
    };
  });

  return {
    totalSeats,
    seatsAssigned: regions.reduce((acc, r) => acc + r.seats, 0),
    regions,
    tieBreak: QUOTA_TIE_BREAK,
  };
}

function prepareRegions(regions: readonly QuotaRegionInput[]): PreparedRegion[] {
  if (!Array.isArray(regions)) {
    throw new QuotaAllocationError('INVALID_INPUT', 'regions must be an array');
  }
  const seen = new Set<string>();
  const prepared = regions.map((input): PreparedRegion => {
    if (typeof input.region !== 'string' || input.region.length === 0) {
      throw new QuotaAllocationError('INVALID_INPUT', 'region code must be a non-empty string');
    }
    if (seen.has(input.region)) {
      throw new QuotaAllocationError('DUPLICATE_REGION', `region ${input.region} appears more than once`);
    }
    seen.add(input.region);
    const demands = BigInt(requireCount(input.demands, `demands of ${input.region}`));
    const min = input.min === undefined ? 0n : BigInt(requireCount(input.min, `min of ${input.region}`));
    const max = input.max === undefined ? undefined : BigInt(requireCount(input.max, `max of ${input.region}`));
    if (max !== undefined && min > max) {
      throw new QuotaAllocationError('MIN_ABOVE_MAX', `region ${input.region} has min ${min} above max ${max}`);
    }
    const cappedByMax = max !== undefined && max < demands;
    const upper = cappedByMax ? max : demands;
    // A min larger than the demand count cannot be honoured: the extra seats would stay empty.
    const lower = min < upper ? min : upper;
    return { region: input.region, demands, lower, upper, upperSource: cappedByMax ? 'max' : 'demands', input };
  });
  return prepared.sort((a, b) => compareCodes(a.region, b.region));
}

interface SeatOutcome {
  seats: number;
  adjustedQuota: number;
  bound: QuotaBound;
}

/**
 * Bounded proportional split. The continuous answer is q_i = clamp(λ·d_i, lower_i, upper_i) with
 * λ chosen so Σq_i = total; regions strictly inside their bounds share the seats left after the
 * pinned ones in proportion to demands — i.e. "leftover redistributed by the same method among
 * regions not at a bound". Pinned quotas are integers, so only interior regions have remainders,
 * and Hamilton rounding of interior quotas cannot push a region across either bound.
 */
function distributeSeats(regions: PreparedRegion[], total: bigint): SeatOutcome[] {
  const pinnedAt = (r: PreparedRegion, at: 'lower' | 'upper'): SeatOutcome =>
    at === 'upper' ? { seats: Number(r.upper), adjustedQuota: Number(r.upper), bound: r.upperSource } : { seats: Number(r.lower), adjustedQuota: Number(r.lower), bound: 'min' };

  const sumUpper = regions.reduce((acc, r) => acc + r.upper, 0n);
  if (sumUpper <= total) {
    return regions.map((r) => pinnedAt(r, 'upper'));
  }
  const sumLower = regions.reduce((acc, r) => acc + r.lower, 0n);
  if (sumLower === total) {
    return regions.map((r) => pinnedAt(r, 'lower'));
  }

  // Here sumLower < total < sumUpper, so some region has upper > 0 and hence demands > 0.
  const active = regions.filter((r) => r.upper > 0n);
  const breakpoints = collectBreakpoints(active);
  const evaluate = (lambda: Fraction): bigint => active.reduce((acc, r) => acc + clamp(r.demands * lambda.num, r.lower * lambda.den, r.upper * lambda.den), 0n);

  // f(λ)=Σclamp(λd, lower, upper) is continuous and non-decreasing; find the first breakpoint
  // where it reaches the total. λ then lies in (previous, that breakpoint].
  let k = 0;
  while (evaluate(breakpoints[k]) < total * breakpoints[k].den) k += 1;
  const right = breakpoints[k];
  const left: Fraction = k === 0 ? { num: 0n, den: 1n } : breakpoints[k - 1];

  const placement = new Map<PreparedRegion, 'lower' | 'upper' | 'interior'>();
  let seatsLeft = total;
  let interiorDemands = 0n;
  for (const r of regions) {
    if (r.upper === 0n || compareFractions({ num: r.upper, den: r.demands }, left) <= 0) {
      placement.set(r, 'upper');
      seatsLeft -= r.upper;
    } else if (compareFractions({ num: r.lower, den: r.demands }, right) >= 0) {
      placement.set(r, 'lower');
      seatsLeft -= r.lower;
    } else {
      placement.set(r, 'interior');
      interiorDemands += r.demands;
    }
  }

  const interior = regions.filter((r) => placement.get(r) === 'interior');
  const floors = new Map<PreparedRegion, bigint>();
  const remainders = new Map<PreparedRegion, bigint>();
  let leftover = seatsLeft;
  for (const r of interior) {
    const scaled = r.demands * seatsLeft;
    floors.set(r, scaled / interiorDemands);
    remainders.set(r, scaled % interiorDemands);
    leftover -= scaled / interiorDemands;
  }
  const ranked = [...interior].sort((a, b) => {
    const byRemainder = compareBig(remainders.get(b) ?? 0n, remainders.get(a) ?? 0n);
    if (byRemainder !== 0) return byRemainder;
    const byDemands = compareBig(b.demands, a.demands);
    if (byDemands !== 0) return byDemands;
    return compareCodes(a.region, b.region);
  });
  const bonus = new Set(ranked.slice(0, Number(leftover)));

  return regions.map((r): SeatOutcome => {
    const where = placement.get(r);
    if (where === 'upper' || where === 'lower') return pinnedAt(r, where);
    const floor = floors.get(r) ?? 0n;
    return {
      seats: Number(floor) + (bonus.has(r) ? 1 : 0),
      adjustedQuota: describeQuota(r.demands * seatsLeft, interiorDemands).exact,
      bound: null,
    };
  });
}

function collectBreakpoints(active: PreparedRegion[]): Fraction[] {
  const points: Fraction[] = [];
  for (const r of active) {
    if (r.lower > 0n) points.push({ num: r.lower, den: r.demands });
    points.push({ num: r.upper, den: r.demands });
  }
  return points.sort(compareFractions);
}

function describeQuota(numerator: bigint, denominator: bigint): { exact: number; floor: number; remainder: number } {
  if (denominator === 0n) return { exact: 0, floor: 0, remainder: 0 };
  const floor = numerator / denominator;
  // Derive the fraction from the exact integer remainder so floor + remainder never disagree.
  const remainder = Number(numerator % denominator) / Number(denominator);
  return { exact: Number(floor) + remainder, floor: Number(floor), remainder };
}

function requireCount(value: number, label: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new QuotaAllocationError('INVALID_INPUT', `${label} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  if (value < low) return low;
  if (value > high) return high;
  return value;
}

function compareFractions(a: Fraction, b: Fraction): number {
  return compareBig(a.num * b.den, b.num * a.den);
}

function compareBig(a: bigint, b: bigint): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function compareCodes(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
