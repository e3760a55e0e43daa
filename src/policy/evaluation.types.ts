import type { Demand } from '../intake/demand.schema';
import type { Enterprise } from '../intake/enterprise.schema';
import type { Expert } from '../intake/expert.schema';
import type { Clause, RelaxationKind, RuleKind } from './policy.schema';
import type { ReasonCode, RelaxationCode } from './reason-codes';

/** Whose record a rule reads alone: the subject a reviewer's verdict on an unknown fact is recorded for. */
export type SubjectKind = 'expert' | 'enterprise' | 'demand';

/** A county reviewer's verdict on a rule that was unknown for one subject (fact_verifications). */
export interface Verification {
  verdict: 'pass' | 'fail';
  by: string;
  /** ISO timestamp. */
  at: string;
  reason: string;
}

/** `${subjectKind}|${subjectId}|${ruleId}` → the verdict recorded for it in this cycle. */
export type VerificationIndex = ReadonlyMap<string, Verification>;
export const verificationKey = (kind: SubjectKind, subjectId: string, ruleId: string): string => `${kind}|${subjectId}|${ruleId}`;

/**
 * Facts the records alone do not carry, computed by PolicyContextRepository for one cycle.
 * Everything else (service history, cooperations, related parties) is read from the records.
 */
export interface PolicyContext {
  /** 'YYYY-MM-DD': ages and "近 N 年内" windows are measured at this date (the cycle's referenceDate). */
  referenceDate: string;
  cycleId?: string;
  /** The cycles whose experts may not be named (cycle.previousCycles), for messages. */
  previousCycleIds?: readonly string[];
  /** External ids of experts who served in previousCycleIds. */
  previousCycleExpertIds?: ReadonlySet<string>;
  /** The enterprise had a 科技副总 before this cycle (a service_history row for its credit code). */
  enterpriseHadTechVp?: boolean;
  /** Enterprises (credit codes) the expert already serves in this cycle. */
  assignedEnterprisesOfExpert?: readonly string[];
  /** Experts (external ids) the enterprise already has in this cycle. */
  assignedExpertsOfEnterprise?: readonly string[];
  /** Reviewer verdicts on unknown facts recorded for this cycle; they decide a rule only while it is unknown. */
  verifications?: VerificationIndex;
}

/**
 * pass / fail: the records decide. relaxed: failed, but a documented exception holds (a person confirms).
 * unknown: the records lack a fact the rule needs (`missing`); never a pass. not_applicable: the rule's
 * subject (expert, enterprise or demand) was not given at all.
 */
export type Outcome = 'pass' | 'fail' | 'relaxed' | 'unknown' | 'not_applicable';

export interface RuleResult {
  ruleId: string;
  kind: RuleKind;
  effect: 'hard' | 'soft';
  outcome: Outcome;
  /** The rule's verdict; a relaxed result keeps the failing code (e.g. EXPERT_TOO_OLD), an unknown one its *_UNKNOWN code. */
  code: ReasonCode;
  message: string;
  clause: Clause;
  /** Facts the record lacks (outcome unknown, or a verified result that was unknown). */
  missing?: string[];
  relaxation?: { kind: RelaxationKind; code: RelaxationCode; message: string; clause: Clause };
  /** The unknown was decided by a reviewer (outcome pass or fail). */
  verification?: Verification & { subject: SubjectKind; subjectId: string };
  /** Only on expert-only evaluations: the failure may still be relaxed by a demand (named and agreed, renewal). */
  relaxableInPair?: boolean;
}

export interface PriorityHit {
  ruleId: string;
  code: ReasonCode;
  boost: number;
  message: string;
  clause: Clause;
}

/**
 * eligible: every hard rule passed or was relaxed. review: eligible, but through a relaxation (a person
 * confirms). unknown: nothing failed, but some hard rule could not be decided — to be verified, never
 * assigned as it stands. ineligible: some hard rule failed.
 */
export type EvaluationStatus = 'eligible' | 'review' | 'unknown' | 'ineligible';

export interface Evaluation {
  /** status eligible or review: no hard rule failed or is unknown (relaxed ones pass). */
  eligible: boolean;
  status: EvaluationStatus;
  /** Some hard rule passed only through a relaxation, or is unknown: a person must look. */
  needsReview: boolean;
  /** The facts the unknown hard rules need, sorted (empty unless status is unknown or ineligible with unknowns). */
  missing: string[];
  results: RuleResult[];
  priorityBoost: number;
  priorities: PriorityHit[];
}

export interface ExpertEvaluation extends Evaluation {
  /** Not eligible on its own, but every hard failure may be relaxed by a particular demand. */
  pairRelaxable: boolean;
}

export interface Subject {
  expert?: Expert;
  enterprise?: Enterprise;
  demand?: Demand;
  ctx: PolicyContext;
}

export type { Demand, Enterprise, Expert };
