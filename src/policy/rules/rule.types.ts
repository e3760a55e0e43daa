import type { Subject } from '../evaluation.types';
import type { PolicyProfile, PolicyRule, RuleKind } from '../policy.schema';
import type { ReasonCode } from '../reason-codes';

/** Which records a check reads; a rule whose records are not all given is 'not_applicable'. */
export interface Needs {
  expert: boolean;
  enterprise: boolean;
  demand: boolean;
}

export interface Verdict {
  ok: boolean;
  code: ReasonCode;
  message: string;
}

/** A rule with its parameters resolved once per profile; `check` runs per candidate and must stay cheap. */
export interface CheckSpec {
  needs: Needs;
  check: (s: Subject) => Verdict;
}

export type RuleCompiler<K extends RuleKind> = (rule: Extract<PolicyRule, { kind: K }>, profile: PolicyProfile) => CheckSpec;
export type RuleCompilers<K extends RuleKind> = { [P in K]: RuleCompiler<P> };

export const needs = (expert: boolean, enterprise: boolean, demand: boolean): Needs => ({ expert, enterprise, demand });
export const verdict = (ok: boolean, code: ReasonCode, message: string): Verdict => ({ ok, code, message });
