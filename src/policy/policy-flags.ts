import type { Demand, Evaluation, RuleResult } from './evaluation.types';
import type { Clause } from './policy.schema';

/** A rule verdict as shown to people: which rule, its reason code and message, and the clause it applies. */
export type RuleFlag = { ruleId: string; code: string; message: string; clause: Clause };

export const toPolicyFlag = (r: Pick<RuleResult, 'ruleId' | 'code' | 'message' | 'clause'>): RuleFlag => ({ ruleId: r.ruleId, code: r.code, message: r.message, clause: r.clause });

/** A hard rule the record cannot decide, with the facts it lacks as record paths ('expert.birthDate'). */
export type UnknownRuleFlag = RuleFlag & { missing: string[] };

export const toUnknownFlag = (r: Pick<RuleResult, 'ruleId' | 'code' | 'message' | 'clause' | 'missing'>): UnknownRuleFlag => ({ ...toPolicyFlag(r), missing: r.missing ?? [] });

/** The failing hard rules of a verdict, for messages and stored reasons. */
export const failedHardRules = <R extends Pick<RuleResult, 'effect' | 'outcome'>>(ev: { results: readonly R[] }): R[] =>
  ev.results.filter((r) => r.effect === 'hard' && r.outcome === 'fail');

/** Rules passed only through a relaxation: a person must review them. */
export const relaxedRules = <R extends Pick<RuleResult, 'outcome'>>(ev: { results: readonly R[] }): R[] => ev.results.filter((r) => r.outcome === 'relaxed');

/** Hard rules the records cannot decide (outcome unknown): never a pass, a person must resolve them. */
export const unknownHardRules = <R extends Pick<RuleResult, 'effect' | 'outcome'>>(ev: { results: readonly R[] }): R[] =>
  ev.results.filter((r) => r.effect === 'hard' && r.outcome === 'unknown');

/** What a candidate entry shows of its evaluation: relaxed rules, unknown hard rules and priorities. */
export function candidateFlags(ev: Evaluation): { flags: RuleFlag[]; unknown: UnknownRuleFlag[]; priorities: RuleFlag[] } {
  return {
    flags: relaxedRules(ev).map(toPolicyFlag),
    unknown: unknownHardRules(ev).map(toUnknownFlag),
    priorities: ev.priorities.map(toPolicyFlag),
  };
}

/** A candidate the rules do not exclude but cannot admit either: some hard rule is unknown. */
export const isPendingCandidate = (c: { unknown?: readonly unknown[] }): boolean => (c.unknown?.length ?? 0) > 0;

/** Experts the demand names by id as already agreed (附件1 "是否已经协商一致"), in the demand's order. */
export function agreedExpertIds(demand: Pick<Demand, 'namedCandidates'>): string[] {
  return demand.namedCandidates.filter((c) => c.agreed && c.expertExternalId).map((c) => c.expertExternalId!);
}
