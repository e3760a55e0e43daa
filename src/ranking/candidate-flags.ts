import type { Evaluation, RuleResult } from '../policy/evaluation.types';
import type { PolicyFlag, RankedCandidate, UnknownFlag } from './ranking.schema';

export const toPolicyFlag = (r: Pick<RuleResult, 'ruleId' | 'code' | 'message' | 'clause'>): PolicyFlag =>
  ({ ruleId: r.ruleId, code: r.code, message: r.message, clause: r.clause });

export const toUnknownFlag = (r: RuleResult): UnknownFlag => ({ ...toPolicyFlag(r), missing: r.missing ?? [] });

/** What a candidate entry shows of its evaluation: relaxed rules, unknown hard rules and priorities. */
export function candidateFlags(ev: Evaluation): Pick<RankedCandidate, 'flags' | 'unknown' | 'priorities'> {
  return {
    flags: ev.results.filter((r) => r.outcome === 'relaxed').map(toPolicyFlag),
    unknown: ev.results.filter((r) => r.effect === 'hard' && r.outcome === 'unknown').map(toUnknownFlag),
    priorities: ev.priorities.map((p) => ({ ruleId: p.ruleId, code: p.code, message: p.message, clause: p.clause })),
  };
}

/** A candidate the rules do not exclude but cannot admit either: some hard rule is unknown. */
export const isPendingCandidate = (c: Pick<RankedCandidate, 'unknown'>): boolean => (c.unknown?.length ?? 0) > 0;
