import type { Expert } from '../intake/expert.schema';
import type { Evaluation } from '../policy/evaluation.types';
import { relaxedRules, toPolicyFlag } from '../policy/policy-flags';
import type { PoolCandidate } from './candidate-pool.builder';
import { byScore } from './candidate-pool.builder';
import { type FusionWeights, fuse, roundBreakdown } from './fusion';
import type { ExpertMeta } from './ranking-corpus';
import type { RankedCandidate } from './ranking.schema';

/** A shortlist entry with the pool member it came from (for evidence and tie-breaks). */
export type Shortlisted = RankedCandidate & { meta: ExpertMeta; cand: PoolCandidate };
/** A pool member the pair rules excluded, with the verdict that says why. */
export type PairExcluded = { cand: PoolCandidate; ev: Evaluation };

export type WalkInput = {
  /** The fused pool, best first. */
  pool: PoolCandidate[];
  top: number;
  /** Internal ids of the experts the demand names. */
  named: ReadonlySet<number>;
  /** External ids of the experts the demand names as already agreed. */
  namedAgreed: ReadonlySet<string>;
  /** The profile has no rules at all: nobody needs a record, everyone passes. */
  noRules: boolean;
  /** Sum of the profile's soft-rule boosts (0: priorities cannot move anyone). */
  maxBoost: number;
  weights: FusionWeights;
};

export type WalkDeps = {
  /** Full records for the pair rules, by internal id (one query per batch). */
  records: (ids: number[]) => Map<number, Expert>;
  /** The pair rules for this expert and the request's demand and enterprise. */
  evaluate: (expert: Expert) => Evaluation;
  /** External id of an internal id (named candidates the walk stopped before). */
  externalIdOf: (id: number) => string | undefined;
};

export type WalkResult = { shortlist: Shortlisted[]; pairExcluded: PairExcluded[]; evaluated: number };

const NO_RECORD = {} as Expert;

/**
 * Pair rules in fused-score order. The walk stops once no later candidate could overtake the k-th even with
 * full priority (without soft rules: at the k-th base score), so only the best few are evaluated; candidates
 * are taken in batches (one records query each) but never past the stopping point. Named and agreed experts
 * who pass the rules are always shown (Hubei 四(二): 可优先考虑、直接安排), taking the last slots of others.
 */
export function walkShortlist(input: WalkInput, deps: WalkDeps): WalkResult {
  const { pool, top, named, namedAgreed, maxBoost, weights } = input;
  const out: Shortlisted[] = [];
  const pairExcluded: PairExcluded[] = [];
  const maxPriority = maxBoost > 0 ? weights.priority : 0;
  const consider = (cand: PoolCandidate, expert: Expert) => {
    const ev = deps.evaluate(expert);
    if (!ev.eligible) {
      pairExcluded.push({ cand, ev });
      return;
    }
    const signals = { ...cand.signals, priority: maxBoost > 0 ? Math.min(1, ev.priorityBoost / maxBoost) : 0 };
    const { score, breakdown } = roundBreakdown(fuse(signals, weights).breakdown);
    out.push({
      meta: cand.meta,
      cand,
      expertId: cand.meta.externalId,
      name: cand.meta.name,
      institution: cand.meta.institution,
      region: cand.meta.region,
      score,
      breakdown,
      evidence: [],
      flags: relaxedRules(ev).map(toPolicyFlag),
      priorities: ev.priorities.map(toPolicyFlag),
      namedAgreed: namedAgreed.has(cand.meta.externalId),
    });
  };
  const BATCH = Math.max(16, top + 8);
  const evaluated = new Set<number>();
  const run = (batch: PoolCandidate[]) => {
    const records = input.noRules ? new Map(batch.map((c) => [c.id, NO_RECORD])) : deps.records(batch.map((c) => c.id));
    for (const cand of batch) {
      const e = records.get(cand.id);
      evaluated.add(cand.id);
      if (e) consider(cand, e);
    }
  };
  for (let i = 0; i < pool.length;) {
    if (out.length >= top && pool[i].base + maxPriority < out.sort(byScore)[top - 1].score) break;
    let end = i + 1;
    while (
      end < pool.length &&
      end - i < BATCH &&
      (out.length + (end - i) < top || pool[end].base + maxPriority >= (out.length >= top ? out.sort(byScore)[top - 1].score : -Infinity))
    )
      end++;
    run(pool.slice(i, end));
    i = end;
  }
  // Named and agreed experts are evaluated even when the walk stopped before them (they may be pinned below).
  run(pool.filter((c) => !evaluated.has(c.id) && namedAgreed.has(c.meta.externalId)));
  out.sort(byScore);
  const shortlist = out.slice(0, top);
  const missingNamed = [...named].filter((id) => namedAgreed.has(deps.externalIdOf(id) ?? '') && !shortlist.some((c) => c.meta.id === id));
  for (const id of missingNamed) {
    const c = out.find((x) => x.meta.id === id);
    if (!c) continue;
    const slot = [...shortlist.keys()].reverse().find((k) => !shortlist[k].namedAgreed);
    if (shortlist.length < top) shortlist.push(c);
    else if (slot !== undefined) shortlist[slot] = c;
  }
  return { shortlist: shortlist.sort(byScore), pairExcluded, evaluated: evaluated.size };
}
