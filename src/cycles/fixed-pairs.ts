import type { StoredDemand } from '../intake/demand.repository';
import type { Demand, Enterprise, Expert } from '../policy/evaluation.types';
import { candidateFlags, failedHardRules, toPolicyFlag, unknownHardRules } from '../policy/policy-flags';
import type { ExcludedCandidate, RankedCandidate } from '../ranking/ranking.schema';
import type { AgreedPair } from '../selection/selection.schema';
import type { FixedPairReport } from './cycle-run.schema';
import type { RunPolicy } from './run-policy';

// Agreed pairs from two-way selection (the enterprise chose, the expert confirmed: Hubei 四(三) 确认双方意向;
// 四(二) 企业有意向人选并已与其协商一致的，可优先考虑、直接安排) enter a cycle run as fixed pairs. Pure module.

/**
 * The demands with their agreed expert added as a named-and-agreed candidate (附件1 "是否已经协商一致"), so the
 * ranker always scores them and the pair rules see the agreement. Demands without an agreed pair are unchanged.
 */
export function withAgreedPairs(stored: readonly StoredDemand[], pairs: readonly AgreedPair[]): StoredDemand[] {
  const byDemand = new Map(pairs.map((p) => [p.demandId, p]));
  return stored.map((d) => {
    const pair = byDemand.get(d.demand.externalId);
    if (!pair) return d;
    const others = d.demand.namedCandidates.filter((c) => c.expertExternalId !== pair.expertId);
    return { ...d, demand: { ...d.demand, namedCandidates: [{ expertExternalId: pair.expertId, agreed: true }, ...others] } };
  });
}

type Recheck = { candidates: RankedCandidate[]; pending: RankedCandidate[]; excluded: ExcludedCandidate[] };

/**
 * Re-checks the agreed pair against every hard rule of the run's profile. Passing, it is the demand's only
 * candidate (the solver places it before any other pair); failing or undecidable, the run reports the clause and
 * the demand stays in the pool with its other candidates.
 */
export function fixAgreedPair(
  policy: RunPolicy,
  pair: AgreedPair,
  ctx: { demand: Demand; enterprise: Enterprise; expert: Expert | undefined },
  checked: Recheck,
): { entry: Recheck; fixed: boolean; report: FixedPairReport } {
  const base = { demandId: pair.demandId, expertId: pair.expertId, interestId: pair.interestId };
  const without = (list: RankedCandidate[]) => list.filter((c) => c.expertId !== pair.expertId);
  if (!ctx.expert) {
    const rule = { ruleId: 'record', code: 'EXPERT_NOT_FOUND', message: `专家 ${pair.expertId} 的记录不存在或未通过审核`, clause: { document: '专家库', article: '入库审核' } };
    return {
      entry: { ...checked, candidates: without(checked.candidates), pending: without(checked.pending) },
      fixed: false,
      report: { ...base, status: 'refused', rules: [rule] },
    };
  }
  const ev = policy.checkPair(ctx.expert, ctx.enterprise, ctx.demand);
  if (ev.status === 'ineligible' || ev.status === 'unknown') {
    const rules = (ev.status === 'ineligible' ? failedHardRules(ev) : unknownHardRules(ev)).map(toPolicyFlag);
    const excluded = checked.excluded.some((x) => x.expertId === pair.expertId)
      ? checked.excluded
      : [{ expertId: pair.expertId, name: ctx.expert.name, score: 0, reasons: rules }, ...checked.excluded];
    return {
      entry: { candidates: without(checked.candidates), pending: without(checked.pending), excluded },
      fixed: false,
      report: { ...base, status: ev.status === 'ineligible' ? 'refused' : 'unverified', rules },
    };
  }
  const ranked = [...checked.candidates, ...checked.pending].find((c) => c.expertId === pair.expertId);
  const entry: RankedCandidate = {
    ...(ranked ?? {
      expertId: pair.expertId,
      name: ctx.expert.name,
      institution: ctx.expert.institution.name,
      region: ctx.expert.region ?? '',
      score: 0,
      breakdown: { semantic: 0, lexical: 0, overlap: 0, strength: 0, priority: 0 },
      evidence: [],
    }),
    ...candidateFlags(ev),
    namedAgreed: true,
  };
  return { entry: { candidates: [entry], pending: [], excluded: checked.excluded }, fixed: true, report: { ...base, status: 'fixed', rules: [] } };
}
