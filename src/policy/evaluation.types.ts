import type { Demand } from '../intake/demand.schema';
import type { Enterprise } from '../intake/enterprise.schema';
import type { Expert } from '../intake/expert.schema';
import type { Clause, RelaxationKind, RuleKind } from './policy.schema';
import type { ReasonCode, RelaxationCode } from './reason-codes';

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
}

export type Outcome = 'pass' | 'fail' | 'relaxed' | 'not_applicable';

export interface RuleResult {
  ruleId: string;
  kind: RuleKind;
  effect: 'hard' | 'soft';
  outcome: Outcome;
  /** The rule's verdict; a relaxed result keeps the failing code (e.g. EXPERT_TOO_OLD). */
  code: ReasonCode;
  message: string;
  clause: Clause;
  relaxation?: { kind: RelaxationKind; code: RelaxationCode; message: string; clause: Clause };
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

export interface Evaluation {
  /** No hard rule failed (relaxed ones pass). */
  eligible: boolean;
  /** Some rule passed only through a relaxation: a person must confirm. */
  needsReview: boolean;
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
