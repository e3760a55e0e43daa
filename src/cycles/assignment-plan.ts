/**
 * From ranked candidates to proposed pairs: regional quotas, then the city-wide one-to-one assignment.
 *
 * Seats are shared among quota units (PlanDemand.unit: a 市州, a 区县, or one pool for the whole cycle, as the
 * run's allocation setting says — src/policy/allocation-setting.ts) in proportion to the demands, or the
 * enterprises, whose enterprise passes the enterprise rules (Hubei 鄂经信科技〔2020〕73号 四(二) "名额原则上
 * 按照当地征集需求数量占全省征集需求总量的比例分配"); the assignment is the exact min-cost flow of src/allocation
 * (named-and-agreed pairs first where the profile says so, then the highest total score). Candidates with a
 * hard rule still unknown (PlanDemand.pending) are never edges: they are listed apart for county review.
 *
 * The solver knows demands, experts and regions but not enterprises, while the profile also caps the experts
 * one enterprise may take (enterpriseCapacity, "一企一人"). An enterprise with more open demands than remaining
 * capacity is therefore given to the solver as fewer units: with capacity 1 (every shipped profile) all its
 * demands form one unit whose edge to an expert is the best of its demands' edges — exact. With capacity k
 * between 1 and the number of demands they are dealt round-robin into k units: never more than k experts, but
 * not guaranteed optimal (no shipped profile does this).
 *
 * Pure module: no I/O.
 */
import { type AssignmentEdge, type AssignmentInput, type AssignmentResult, assignPairs, type UnfilledReason } from '../allocation/assignment.service';
import { allocateQuotas, type QuotaResult } from '../allocation/quota.service';
import type { ExcludedCandidate, RankedCandidate } from '../ranking/ranking.schema';
import type { RegionRunSummary, RunAssignment } from './cycle-run.schema';
import type { UnfilledCode } from './unfilled-reasons';
import { AppError } from '../shared/errors';

export type FailedRule = { ruleId: string; code: string; message: string };

export type PlanDemand = {
  demandId: string;
  enterpriseCreditCode: string;
  /** The demand's county (review scope). */
  region: string;
  /** The quota unit the demand's seats come from (its county, its city, or the cycle's one pool). */
  unit: string;
  /** Hard enterprise rules the enterprise fails; null when it is eligible. */
  ineligible: FailedRule[] | null;
  /** Hard enterprise or demand rules that are unknown (the demand waits for verification); null when none. */
  unverified?: Array<FailedRule & { missing: string[] }> | null;
  /** Eligible candidates that passed the pair re-check, in the ranker's order (best first). */
  candidates: RankedCandidate[];
  /** 待核实: candidates passing every decided rule, with some hard rule unknown; never assigned. */
  pending?: RankedCandidate[];
  excluded: ExcludedCandidate[];
  /** An agreed pair of two-way selection: its one candidate is placed before any other pair. */
  fixed?: boolean;
};

export type PlanInput = {
  totalSeats: number;
  regionLimits: Readonly<Record<string, { min?: number; max?: number }>>;
  demands: readonly PlanDemand[];
  /** Enterprises an expert may still serve in this cycle (profile cap minus appointments already recorded). */
  expertCapacity: (expertId: string) => number;
  /** Experts an enterprise may still take in this cycle. */
  enterpriseCapacity: (creditCode: string) => number;
  /** Alternates kept per demand besides the proposed expert. */
  alternates: number;
  /** What a unit's share is counted in (Hubei counts enterprises: one form and one expert per enterprise). */
  quotaCount: 'demands' | 'enterprises';
  /** Named-and-agreed pairs are placed before any other (the profile's allocation.namedAgreedFirst). */
  namedAgreedFirst: boolean;
};

export type PlannedUnfilled = { code: UnfilledCode; details: Record<string, unknown> };

export type ProposalRecord = {
  demandId: string;
  enterpriseCreditCode: string;
  region: string;
  unit: string;
  expertId: string | null;
  score: number | null;
  namedAgreed: boolean;
  proposed: RankedCandidate | null;
  alternates: RankedCandidate[];
  excluded: ExcludedCandidate[];
  pending: RankedCandidate[];
  unfilled: PlannedUnfilled | null;
};

export type PlanResult = {
  quotas: QuotaResult;
  /** Sorted by quota unit; every unit with a demand in the cycle. */
  regions: RegionRunSummary[];
  /** One per demand, sorted by region then demandId. */
  proposals: ProposalRecord[];
  /** Sorted by region then demandId. */
  assignments: RunAssignment[];
  totalScore: number;
  solver: { input: AssignmentInput; result: AssignmentResult; ms: number };
};

export class PlanInputError extends AppError {
  declare readonly code: 'REGION_LIMIT_UNKNOWN' | 'QUOTA_INVALID';
  constructor(code: 'REGION_LIMIT_UNKNOWN' | 'QUOTA_INVALID', message: string) {
    super(code, message);
  }
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byRegionThenDemand = (a: { region: string; demandId: string }, b: { region: string; demandId: string }) =>
  compareIds(a.region, b.region) || compareIds(a.demandId, b.demandId);
const pendingOf = (d: PlanDemand) => d.pending ?? [];

/** What the solver sees of one demand (or of several demands of one enterprise sharing its last seat). */
type Unit = {
  id: string;
  /** The quota unit (the solver's region). */
  region: string;
  members: PlanDemand[];
  /** expertId → the member demand this expert would serve and the edge. */
  edges: Map<string, { demand: PlanDemand; candidate: RankedCandidate; score: number; priority: boolean }>;
};

function buildUnits(input: PlanInput, eligible: PlanDemand[], unfilled: Map<string, PlannedUnfilled>): Unit[] {
  const byEnterprise = new Map<string, PlanDemand[]>();
  for (const d of eligible) {
    const list = byEnterprise.get(d.enterpriseCreditCode);
    if (list) list.push(d);
    else byEnterprise.set(d.enterpriseCreditCode, [d]);
  }
  const units: Unit[] = [];
  for (const code of [...byEnterprise.keys()].sort(compareIds)) {
    const list = byEnterprise.get(code)!.sort((a, b) => compareIds(a.demandId, b.demandId));
    const capacity = Math.max(0, Math.floor(input.enterpriseCapacity(code)));
    if (capacity === 0) {
      for (const d of list) unfilled.set(d.demandId, { code: 'ENTERPRISE_AT_CAPACITY', details: {} });
      continue;
    }
    const groups: PlanDemand[][] = capacity >= list.length ? list.map((d) => [d]) : Array.from({ length: capacity }, () => []);
    if (capacity < list.length) list.forEach((d, i) => groups[i % capacity].push(d));
    for (const members of groups) {
      const edges: Unit['edges'] = new Map();
      for (const demand of members) {
        for (const candidate of demand.candidates) {
          const score = Math.max(0, candidate.score);
          const priority = demand.fixed === true || (input.namedAgreedFirst && candidate.namedAgreed === true);
          const held = edges.get(candidate.expertId);
          // Members are in id order, so on a full tie the smaller demand id keeps the edge.
          if (!held || (priority && !held.priority) || (priority === held.priority && score > held.score)) {
            edges.set(candidate.expertId, { demand, candidate, score, priority });
          }
        }
      }
      units.push({ id: members[0].demandId, region: members[0].unit, members, edges });
    }
  }
  return units;
}

/**
 * Seats per quota unit in proportion to its eligible demands or, with count 'enterprises', the distinct
 * enterprises filing them (every unit with a demand is listed, with 0 seats if none is eligible). A demand
 * whose enterprise is only unverified counts: it is collected and not excluded. Throws PlanInputError for
 * limits the demands cannot meet.
 */
export function computeQuotas(
  demands: ReadonlyArray<Pick<PlanDemand, 'unit' | 'ineligible' | 'enterpriseCreditCode'>>,
  totalSeats: number,
  regionLimits: PlanInput['regionLimits'],
  count: PlanInput['quotaCount'] = 'demands',
): QuotaResult {
  const regionCodes = [...new Set(demands.map((d) => d.unit))].sort(compareIds);
  for (const r of Object.keys(regionLimits)) {
    if (!regionCodes.includes(r)) throw new PlanInputError('REGION_LIMIT_UNKNOWN', `名额单位（地区）${r} 在本周期没有需求，不能设置名额上下限`);
  }
  const counted = new Map<string, Set<string>>();
  demands.forEach((d, i) => {
    if (d.ineligible !== null) return;
    const set = counted.get(d.unit) ?? new Set<string>();
    set.add(count === 'enterprises' ? d.enterpriseCreditCode : `#${i}`);
    counted.set(d.unit, set);
  });
  const eligible = new Map([...counted].map(([unit, set]) => [unit, set.size]));
  try {
    return allocateQuotas({
      totalSeats,
      regions: regionCodes.map((region) => ({ region, demands: eligible.get(region) ?? 0, ...regionLimits[region] })),
    });
  } catch (err) {
    throw new PlanInputError('QUOTA_INVALID', err instanceof Error ? err.message : String(err));
  }
}

/**
 * Quotas over eligible demands, then the assignment, then one record per demand saying who is proposed or
 * why nobody is. Deterministic: every list is built in id order, whatever order the input came in.
 */
export function planAssignment(input: PlanInput): PlanResult {
  const demands = [...input.demands].sort(byRegionThenDemand);
  const quotas = computeQuotas(demands, input.totalSeats, input.regionLimits, input.quotaCount);
  // An enterprise whose own rules are unknown waits for verification: counted for seats, not given to the solver.
  const eligible = demands.filter((d) => d.ineligible === null && !d.unverified?.length);
  const seatsOf = new Map(quotas.regions.map((q) => [q.region, q.seats]));

  const unfilled = new Map<string, PlannedUnfilled>();
  for (const d of demands) {
    if (d.ineligible) unfilled.set(d.demandId, { code: 'ENTERPRISE_INELIGIBLE', details: { rules: d.ineligible } });
    else if (d.unverified?.length) unfilled.set(d.demandId, { code: 'ENTERPRISE_UNVERIFIED', details: { rules: d.unverified, pending: pendingOf(d).length } });
  }
  const units = buildUnits(input, eligible, unfilled);

  const experts = new Map<string, number>();
  const edges: AssignmentEdge[] = [];
  for (const unit of units) {
    for (const [expertId, e] of unit.edges) {
      if (!experts.has(expertId)) experts.set(expertId, Math.max(0, Math.floor(input.expertCapacity(expertId))));
      edges.push({ demandId: unit.id, expertId, score: e.score, priority: e.priority });
    }
  }
  const solverInput: AssignmentInput = {
    demands: units.map((u) => ({ demandId: u.id, region: u.region })),
    experts: [...experts].map(([expertId, capacity]) => ({ expertId, capacity })),
    edges,
    regionSeats: Object.fromEntries(seatsOf),
  };
  const started = performance.now();
  const result = assignPairs(solverInput);
  const solveMs = performance.now() - started;

  // Who holds each expert, to name the pairs that took a demand's candidates.
  const unitById = new Map(units.map((u) => [u.id, u]));
  const chosen = new Map<string, { expertId: string; demand: PlanDemand; candidate: RankedCandidate; score: number }>();
  const holders = new Map<string, string[]>();
  for (const a of result.assignments) {
    const edge = unitById.get(a.demandId)!.edges.get(a.expertId)!;
    chosen.set(edge.demand.demandId, { expertId: a.expertId, demand: edge.demand, candidate: edge.candidate, score: a.score });
    holders.set(a.expertId, [...(holders.get(a.expertId) ?? []), edge.demand.demandId]);
  }
  const servedBy = new Map<string, string>();
  for (const u of units) {
    const winner = u.members.find((m) => chosen.has(m.demandId));
    if (winner) for (const m of u.members) if (m !== winner) servedBy.set(m.demandId, winner.demandId);
  }
  for (const u of result.unfilled) {
    const unit = unitById.get(u.demandId)!;
    for (const m of unit.members) unfilled.set(m.demandId, explainSolverReason(u.reason, unit, input, seatsOf, holders));
  }
  for (const [demandId, winner] of servedBy) {
    const d = demands.find((x) => x.demandId === demandId)!;
    unfilled.set(demandId, { code: 'ENTERPRISE_SERVED', details: { servedBy: winner, enterpriseCapacity: Math.floor(input.enterpriseCapacity(d.enterpriseCreditCode)) } });
  }

  const proposals = demands.map((d): ProposalRecord => {
    const pick = chosen.get(d.demandId);
    const alternates = d.candidates.filter((c) => c.expertId !== pick?.expertId).slice(0, Math.max(0, input.alternates));
    const common = {
      demandId: d.demandId,
      enterpriseCreditCode: d.enterpriseCreditCode,
      region: d.region,
      unit: d.unit,
      alternates,
      excluded: d.excluded,
      pending: pendingOf(d),
    };
    if (pick) {
      return { ...common, expertId: pick.expertId, score: pick.score, namedAgreed: pick.candidate.namedAgreed === true, proposed: pick.candidate, unfilled: null };
    }
    const why = unfilled.get(d.demandId);
    if (!why) throw new Error(`internal: demand ${d.demandId} has neither a proposal nor a reason`);
    return { ...common, expertId: null, score: null, namedAgreed: false, proposed: null, unfilled: why };
  });

  const assignments: RunAssignment[] = proposals
    .filter((p) => p.expertId !== null)
    .map((p) => ({
      demandId: p.demandId,
      enterpriseCreditCode: p.enterpriseCreditCode,
      expertId: p.expertId!,
      score: p.score!,
      region: p.region,
      namedAgreed: p.namedAgreed,
    }));
  const regions = quotas.regions.map((q): RegionRunSummary => {
    const mine = proposals.filter((p) => p.unit === q.region);
    const eligibleDemands = mine.filter((p) => p.unfilled?.code !== 'ENTERPRISE_INELIGIBLE').length;
    return {
      region: q.region,
      demands: mine.length,
      eligibleDemands,
      counted: q.demands,
      share: q.share,
      exactQuota: q.exactQuota,
      floor: q.floor,
      remainder: q.remainder,
      adjustedQuota: q.adjustedQuota,
      bound: q.bound,
      seats: q.seats,
      assigned: mine.filter((p) => p.expertId !== null).length,
      unfilled: mine
        .filter((p) => p.unfilled)
        .map((p) => ({
          demandId: p.demandId,
          reason: p.unfilled!.code,
          ...(p.unfilled!.code === 'ENTERPRISE_INELIGIBLE' || p.unfilled!.code === 'ENTERPRISE_UNVERIFIED'
            ? { rules: (p.unfilled!.details.rules as FailedRule[]).map((r) => r.code) }
            : {}),
        })),
      pending: mine.reduce((n, p) => n + p.pending.length, 0),
    };
  });
  // Summed in output order so the float total is reproducible bit for bit.
  const totalScore = assignments.reduce((acc, a) => acc + a.score, 0);
  return { quotas, regions, proposals, assignments, totalScore, solver: { input: solverInput, result, ms: solveMs } };
}

function explainSolverReason(reason: UnfilledReason, unit: Unit, input: PlanInput, seatsOf: Map<string, number>, holders: Map<string, string[]>): PlannedUnfilled {
  switch (reason) {
    case 'QUOTA_EXHAUSTED':
      return { code: reason, details: { seats: seatsOf.get(unit.region) ?? 0 } };
    case 'CANDIDATES_TAKEN': {
      const takenBy = [...unit.edges.entries()]
        .filter(([expertId, e]) => (e.priority || e.score > 0) && holders.has(expertId))
        .sort((a, b) => b[1].score - a[1].score || compareIds(a[0], b[0]))
        .slice(0, 5)
        .map(([expertId, e]) => ({ expertId, score: e.score, heldBy: holders.get(expertId)! }));
      return { code: reason, details: { takenBy } };
    }
    case 'NO_ELIGIBLE_CANDIDATE': {
      const pending = unit.members.flatMap(pendingOf);
      if (unit.edges.size === 0 && pending.length) {
        // Nobody decided eligible, but some wait for a missing fact: say so, the county can resolve them.
        const missing = [...new Set(pending.flatMap((c) => (c.unknown ?? []).flatMap((u) => u.missing)))].sort();
        return { code: 'CANDIDATES_UNVERIFIED', details: { pending: pending.length, missing } };
      }
      const atCapacity = [...unit.edges.keys()].filter((id) => input.expertCapacity(id) <= 0).length;
      const excluded = unit.members
        .flatMap((m) => m.excluded)
        .slice(0, 3)
        .map((x) => ({ expertId: x.expertId, codes: x.reasons.map((r) => r.code) }));
      return { code: reason, details: { candidatesAtCapacity: atCapacity, excluded } };
    }
    case 'NO_POSITIVE_SCORE':
      return { code: reason, details: { candidates: unit.edges.size } };
  }
}
