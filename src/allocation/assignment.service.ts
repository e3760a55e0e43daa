/**
 * City-wide one-to-one assignment of experts (科技副总 candidates) to enterprise demands.
 *
 * Implements the matching step after seats are shared out by region (Hubei 鄂经信科技〔2020〕73号
 * 四(二)): every demand gets at most one expert, every expert serves at most its capacity, and every
 * region fills at most its seats. Pairs the enterprise named and already agreed with the expert
 * come first — same clause 四(二): "企业有意向人选并已与其协商一致的，可优先考虑、直接安排" — and,
 * subject to that, the total match score is maximised.
 *
 * The objective is lexicographic (most priority pairs, then highest total score) and is solved
 * exactly as one min-cost flow: source → region (cap = seats) → demand (cap 1) → expert
 * (cost = −score, minus a bonus on priority pairs) → sink (cap = expert capacity).
 *
 * Pure module: no I/O.
 */

import { createFlowNetwork } from './min-cost-flow.solver';
import { AppError } from '../shared/errors';

export interface AssignmentDemand {
  demandId: string;
  region: string;
}

export interface AssignmentExpert {
  expertId: string;
  /** How many enterprises the expert may serve at once; usually 1. */
  capacity: number;
}

export interface AssignmentEdge {
  demandId: string;
  expertId: string;
  score: number;
  /** The enterprise named this expert and both sides agreed (企业有意向人选并已协商一致). */
  priority?: boolean;
}

export interface AssignmentInput {
  demands: readonly AssignmentDemand[];
  experts: readonly AssignmentExpert[];
  /** Only allowed pairs; conflicts and hard-rule exclusions are simply absent. */
  edges: readonly AssignmentEdge[];
  /** Seats per region; a region missing here has no seats. */
  regionSeats: Readonly<Record<string, number>>;
}

export interface Assignment {
  demandId: string;
  expertId: string;
  score: number;
  region: string;
  priority: boolean;
}

/**
 * Why a demand got no expert, checked in this order:
 * - NO_ELIGIBLE_CANDIDATE: no allowed pair with an expert who has any capacity.
 * - QUOTA_EXHAUSTED: the region's seats are all used (or it has none).
 * - NO_POSITIVE_SCORE: every candidate pair scores ≤ 0 and is not a priority pair, so making it
 *   would not raise the total score.
 * - CANDIDATES_TAKEN: seats remained, but every worthwhile candidate is at capacity, serving pairs
 *   that together score better.
 */
export type UnfilledReason = 'NO_ELIGIBLE_CANDIDATE' | 'QUOTA_EXHAUSTED' | 'NO_POSITIVE_SCORE' | 'CANDIDATES_TAKEN';

export interface UnfilledDemand {
  demandId: string;
  region: string;
  reason: UnfilledReason;
}

export interface AssignmentResult {
  /** Sorted by region, then demandId (code-unit order). */
  assignments: Assignment[];
  totalScore: number;
  /** Number of named-and-agreed pairs placed. */
  priorityCount: number;
  /** Sorted by region, then demandId (code-unit order). */
  unfilled: UnfilledDemand[];
}

export type AssignmentErrorCode = 'INVALID_INPUT' | 'DUPLICATE_DEMAND' | 'DUPLICATE_EXPERT' | 'DUPLICATE_EDGE' | 'UNKNOWN_REFERENCE' | 'SCORE_RANGE';

export class AssignmentInputError extends AppError {
  declare readonly code: AssignmentErrorCode;

  constructor(code: AssignmentErrorCode, message: string) {
    super(code, message);
  }
}

/**
 * Scores are turned into integer costs at this resolution so the flow works in exact integer
 * arithmetic; scores closer together than 1e-6 are treated as equal.
 */
export const SCORE_SCALE = 1_000_000;

interface CanonicalEdge {
  demandIndex: number;
  expertIndex: number;
  score: number;
  scaledScore: number;
  priority: boolean;
}

interface CanonicalInput {
  demands: AssignmentDemand[];
  experts: AssignmentExpert[];
  /** Sorted by demandId, then expertId. */
  edges: CanonicalEdge[];
  edgesByDemand: CanonicalEdge[][];
  regions: string[];
  seatsByRegion: Map<string, number>;
}

/**
 * Optimal assignment: maximises the number of priority pairs placed, then the total score.
 * Pairs that score ≤ 0 (and are not priority) are never made, since they cannot raise the score.
 *
 * Determinism: inputs are sorted by id before the network is built, and the solver breaks
 * equal-cost choices by insertion order, so the same input in any order gives the same answer.
 * Among equally good alternatives this usually favours smaller ids (e.g. two demands tied for one
 * expert: the smaller demandId wins), but the only hard guarantee is reproducibility — with
 * re-routing, "smaller ids first" is not a strict lexicographic rule over whole assignments.
 */
export function assignPairs(input: AssignmentInput): AssignmentResult {
  const canonical = canonicaliseInput(input);
  const usable = canonical.edges.filter(isWorthPairing(canonical));
  const bonus = computePriorityBonus(canonical, usable);

  const regionCount = canonical.regions.length;
  const demandCount = canonical.demands.length;
  const expertCount = canonical.experts.length;
  const SOURCE = 0;
  const SINK = 1;
  const regionNode = (r: number): number => 2 + r;
  const demandNode = (d: number): number => 2 + regionCount + d;
  const expertNode = (e: number): number => 2 + regionCount + demandCount + e;
  const network = createFlowNetwork(2 + regionCount + demandCount + expertCount);

  canonical.regions.forEach((region, r) => {
    const seats = canonical.seatsByRegion.get(region) ?? 0;
    if (seats > 0) network.addEdge(SOURCE, regionNode(r), seats, 0);
  });
  const regionIndex = new Map(canonical.regions.map((region, r) => [region, r]));
  canonical.demands.forEach((demand, d) => {
    network.addEdge(regionNode(regionIndex.get(demand.region) ?? 0), demandNode(d), 1, 0);
  });
  const pairEdgeIds = usable.map((edge) => network.addEdge(demandNode(edge.demandIndex), expertNode(edge.expertIndex), 1, -(edge.scaledScore + (edge.priority ? bonus : 0))));
  canonical.experts.forEach((expert, e) => {
    if (expert.capacity > 0) network.addEdge(expertNode(e), SINK, expert.capacity, 0);
  });

  network.solveMinCostFlow(SOURCE, SINK, { stopWhenPathCostNonNegative: true });

  const chosen = usable.filter((_, i) => network.getEdgeFlow(pairEdgeIds[i]) > 0);
  return buildResult(canonical, chosen);
}

/**
 * Naive baseline for benchmarks: take pairs in order of priority, then score (ties by ids), as
 * long as the demand, the expert and the region still have room. Not optimal.
 */
export function assignGreedy(input: AssignmentInput): AssignmentResult {
  const canonical = canonicaliseInput(input);
  const ordered = canonical.edges.filter(isWorthPairing(canonical)).sort((a, b) => {
    if (a.priority !== b.priority) return a.priority ? -1 : 1;
    if (a.scaledScore !== b.scaledScore) return b.scaledScore - a.scaledScore;
    // Edges are already id-sorted, so index order is the id tie-break.
    return a.demandIndex - b.demandIndex || a.expertIndex - b.expertIndex;
  });

  const demandTaken = new Uint8Array(canonical.demands.length);
  const expertLoad = new Int32Array(canonical.experts.length);
  const regionLoad = new Map<string, number>();
  const chosen: CanonicalEdge[] = [];
  for (const edge of ordered) {
    const region = canonical.demands[edge.demandIndex].region;
    const used = regionLoad.get(region) ?? 0;
    if (demandTaken[edge.demandIndex]) continue;
    if (expertLoad[edge.expertIndex] >= canonical.experts[edge.expertIndex].capacity) continue;
    if (used >= (canonical.seatsByRegion.get(region) ?? 0)) continue;
    demandTaken[edge.demandIndex] = 1;
    expertLoad[edge.expertIndex] += 1;
    regionLoad.set(region, used + 1);
    chosen.push(edge);
  }
  return buildResult(canonical, chosen);
}

function isWorthPairing(canonical: CanonicalInput): (edge: CanonicalEdge) => boolean {
  return (edge) => canonical.experts[edge.expertIndex].capacity > 0 && (edge.priority || edge.scaledScore > 0);
}

/**
 * A priority pair must outweigh any possible score difference, so the bonus exceeds the spread
 * between the best and worst total score any assignment could reach (each demand contributes at
 * most one pair). Keeping it this tight, rather than "a big number", keeps costs exact as integers.
 */
function computePriorityBonus(canonical: CanonicalInput, usable: CanonicalEdge[]): number {
  const best = new Float64Array(canonical.demands.length);
  const worst = new Float64Array(canonical.demands.length);
  let priorityEdges = 0;
  for (const edge of usable) {
    best[edge.demandIndex] = Math.max(best[edge.demandIndex], edge.scaledScore);
    worst[edge.demandIndex] = Math.min(worst[edge.demandIndex], edge.scaledScore);
    if (edge.priority) priorityEdges += 1;
  }
  let spread = 0;
  for (let d = 0; d < best.length; d++) spread += best[d] - worst[d];
  const bonus = spread + 1;
  const maxPriorityPairs = Math.min(priorityEdges, canonical.demands.length);
  if (!Number.isSafeInteger(bonus * (maxPriorityPairs + 2))) {
    throw new AssignmentInputError('SCORE_RANGE', 'scores are too large to optimise exactly; rescale them (e.g. to 0..1) before assigning');
  }
  return bonus;
}

function buildResult(canonical: CanonicalInput, chosen: CanonicalEdge[]): AssignmentResult {
  const demandTaken = new Uint8Array(canonical.demands.length);
  const expertLoad = new Int32Array(canonical.experts.length);
  const regionLoad = new Map<string, number>();
  const assignments: Assignment[] = chosen.map((edge) => {
    const demand = canonical.demands[edge.demandIndex];
    demandTaken[edge.demandIndex] = 1;
    expertLoad[edge.expertIndex] += 1;
    regionLoad.set(demand.region, (regionLoad.get(demand.region) ?? 0) + 1);
    return {
      demandId: demand.demandId,
      expertId: canonical.experts[edge.expertIndex].expertId,
      score: edge.score,
      region: demand.region,
      priority: edge.priority,
    };
  });
  const byRegionThenDemand = (a: { region: string; demandId: string }, b: { region: string; demandId: string }): number =>
    compareIds(a.region, b.region) || compareIds(a.demandId, b.demandId);
  assignments.sort(byRegionThenDemand);

  const unfilled: UnfilledDemand[] = [];
  canonical.demands.forEach((demand, d) => {
    if (demandTaken[d]) return;
    const candidates = canonical.edgesByDemand[d].filter((e) => canonical.experts[e.expertIndex].capacity > 0);
    const worthwhile = candidates.filter((e) => e.priority || e.scaledScore > 0);
    const seatsLeft = (canonical.seatsByRegion.get(demand.region) ?? 0) - (regionLoad.get(demand.region) ?? 0);
    let reason: UnfilledReason;
    if (candidates.length === 0) reason = 'NO_ELIGIBLE_CANDIDATE';
    else if (seatsLeft <= 0) reason = 'QUOTA_EXHAUSTED';
    else if (worthwhile.length === 0) reason = 'NO_POSITIVE_SCORE';
    else if (worthwhile.every((e) => expertLoad[e.expertIndex] >= canonical.experts[e.expertIndex].capacity)) {
      reason = 'CANDIDATES_TAKEN';
    } else {
      // A free seat, a free worthwhile expert and an idle demand means the pairing was not even
      // maximal — a solver bug, not an input problem, so fail loudly rather than mislabel it.
      throw new Error(`internal: demand ${demand.demandId} left unfilled although a candidate was free`);
    }
    unfilled.push({ demandId: demand.demandId, region: demand.region, reason });
  });
  unfilled.sort(byRegionThenDemand);

  // Summed in output order so the float total is reproducible bit for bit.
  const totalScore = assignments.reduce((acc, a) => acc + a.score, 0);
  const priorityCount = assignments.reduce((acc, a) => acc + (a.priority ? 1 : 0), 0);
  return { assignments, totalScore, priorityCount, unfilled };
}

function canonicaliseInput(input: AssignmentInput): CanonicalInput {
  const demands = [...input.demands].sort((a, b) => compareIds(a.demandId, b.demandId));
  const experts = [...input.experts].sort((a, b) => compareIds(a.expertId, b.expertId));

  const demandIndex = new Map<string, number>();
  demands.forEach((demand, i) => {
    if (typeof demand.demandId !== 'string' || typeof demand.region !== 'string') {
      throw new AssignmentInputError('INVALID_INPUT', 'demandId and region must be strings');
    }
    if (demandIndex.has(demand.demandId)) {
      throw new AssignmentInputError('DUPLICATE_DEMAND', `demand ${demand.demandId} appears more than once`);
    }
    demandIndex.set(demand.demandId, i);
  });
  const expertIndex = new Map<string, number>();
  experts.forEach((expert, i) => {
    if (typeof expert.expertId !== 'string') {
      throw new AssignmentInputError('INVALID_INPUT', 'expertId must be a string');
    }
    if (expertIndex.has(expert.expertId)) {
      throw new AssignmentInputError('DUPLICATE_EXPERT', `expert ${expert.expertId} appears more than once`);
    }
    if (!Number.isSafeInteger(expert.capacity) || expert.capacity < 0) {
      throw new AssignmentInputError('INVALID_INPUT', `capacity of ${expert.expertId} must be a non-negative integer`);
    }
    expertIndex.set(expert.expertId, i);
  });

  const edges = input.edges.map((edge): CanonicalEdge => {
    const d = demandIndex.get(edge.demandId);
    const e = expertIndex.get(edge.expertId);
    if (d === undefined || e === undefined) {
      throw new AssignmentInputError('UNKNOWN_REFERENCE', `edge ${edge.demandId} → ${edge.expertId} refers to an unknown ${d === undefined ? 'demand' : 'expert'}`);
    }
    if (!Number.isFinite(edge.score)) {
      throw new AssignmentInputError('INVALID_INPUT', `edge ${edge.demandId} → ${edge.expertId} has a non-finite score`);
    }
    const scaledScore = Math.round(edge.score * SCORE_SCALE);
    if (!Number.isSafeInteger(scaledScore)) {
      throw new AssignmentInputError('SCORE_RANGE', `score of ${edge.demandId} → ${edge.expertId} is too large`);
    }
    // `+ 0` folds Math.round's −0 into 0 so it compares and prints like any other zero.
    return { demandIndex: d, expertIndex: e, score: edge.score, scaledScore: scaledScore + 0, priority: edge.priority === true };
  });
  edges.sort((a, b) => a.demandIndex - b.demandIndex || a.expertIndex - b.expertIndex);
  for (let i = 1; i < edges.length; i++) {
    if (edges[i].demandIndex === edges[i - 1].demandIndex && edges[i].expertIndex === edges[i - 1].expertIndex) {
      throw new AssignmentInputError('DUPLICATE_EDGE', `pair ${demands[edges[i].demandIndex].demandId} → ${experts[edges[i].expertIndex].expertId} appears more than once`);
    }
  }
  const edgesByDemand: CanonicalEdge[][] = demands.map(() => []);
  for (const edge of edges) edgesByDemand[edge.demandIndex].push(edge);

  const regions = [...new Set(demands.map((d) => d.region))].sort(compareIds);
  const seatsByRegion = new Map<string, number>();
  for (const region of regions) {
    const seats = Object.prototype.hasOwnProperty.call(input.regionSeats, region) ? input.regionSeats[region] : 0;
    if (!Number.isSafeInteger(seats) || seats < 0) {
      throw new AssignmentInputError('INVALID_INPUT', `seats of region ${region} must be a non-negative integer`);
    }
    seatsByRegion.set(region, seats);
  }

  return { demands, experts, edges, edgesByDemand, regions, seatsByRegion };
}

/** Code-unit order: locale-independent, so every server sorts ids the same way. */
function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
