import type { Subject } from '../evaluation.types';
import type { PolicyProfile, PolicyRule, RuleKind } from '../policy.schema';
import type { ReasonCode } from '../reason-codes';

/** Which records a check reads; a rule whose records are not all given is 'not_applicable'. */
export interface Needs {
  expert: boolean;
  enterprise: boolean;
  demand: boolean;
}

/**
 * A check's answer. `ok: null` is the third outcome: the record lacks a fact the rule needs, so the rule
 * can neither pass nor fail; `missing` names those facts ('expert.birthDate', 'demand.providesConditions').
 */
export type Verdict = { ok: boolean; code: ReasonCode; message: string; missing?: undefined } | { ok: null; code: ReasonCode; message: string; missing: string[] };

/** A rule with its parameters resolved once per profile; `check` runs per candidate and must stay cheap. */
export interface CheckSpec {
  needs: Needs;
  check: (s: Subject) => Verdict;
}

export type RuleCompiler<K extends RuleKind> = (rule: Extract<PolicyRule, { kind: K }>, profile: PolicyProfile) => CheckSpec;
export type RuleCompilers<K extends RuleKind> = { [P in K]: RuleCompiler<P> };

export const needs = (expert: boolean, enterprise: boolean, demand: boolean): Needs => ({ expert, enterprise, demand });
export const verdict = (ok: boolean, code: ReasonCode, message: string): Verdict => ({ ok, code, message });
/** The rule cannot be decided: `missing` are the facts (record paths) it would need. */
export const unknown = (code: ReasonCode, missing: string[], message: string): Verdict => ({ ok: null, code, missing, message });
