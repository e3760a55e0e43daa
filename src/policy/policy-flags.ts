import type { Demand, RuleResult } from './evaluation.types';
import type { Clause } from './policy.schema';

/** A rule verdict as shown to people: which rule, its reason code and message, and the clause it applies. */
export type RuleFlag = { ruleId: string; code: string; message: string; clause: Clause };

export const toPolicyFlag = (r: Pick<RuleResult, 'ruleId' | 'code' | 'message' | 'clause'>): RuleFlag => ({ ruleId: r.ruleId, code: r.code, message: r.message, clause: r.clause });

/** The failing hard rules of a verdict, for messages and stored reasons. */
export const failedHardRules = <R extends Pick<RuleResult, 'effect' | 'outcome'>>(ev: { results: readonly R[] }): R[] =>
  ev.results.filter((r) => r.effect === 'hard' && r.outcome === 'fail');

/** Rules passed only through a relaxation: a person must review them. */
export const relaxedRules = <R extends Pick<RuleResult, 'outcome'>>(ev: { results: readonly R[] }): R[] => ev.results.filter((r) => r.outcome === 'relaxed');

/** Experts the demand names by id as already agreed (附件1 "是否已经协商一致"), in the demand's order. */
export function agreedExpertIds(demand: Pick<Demand, 'namedCandidates'>): string[] {
  return demand.namedCandidates.filter((c) => c.agreed && c.expertExternalId).map((c) => c.expertExternalId!);
}
