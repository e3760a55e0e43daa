import { evaluateEnterprise, evaluateExpert, evaluatePair } from '../policy/evaluate';
import type { Demand, Enterprise, Evaluation, Expert, ExpertEvaluation, PolicyContext } from '../policy/evaluation.types';
import type { CycleAssignments } from '../policy/policy-context.repository';
import type { PolicyProfile } from '../policy/policy.schema';

/** In-run appointments to count on top of the recorded ones (the final guard's capacity check). */
export type ExtraAppointments = { enterprisesOfExpert?: readonly string[]; expertsOfEnterprise?: readonly string[] };

/**
 * The policy as one run applies it: the profile, the cycle's base context, the appointments already
 * recorded for the cycle and each enterprise's "had a 科技副总 before" fact. Expert and enterprise verdicts
 * are cached, so re-checking thousands of pairs costs only their pair rules.
 */
export class RunPolicy {
  private readonly expertCache = new Map<string, ExpertEvaluation>();
  private readonly enterpriseCache = new Map<string, Evaluation>();

  constructor(
    readonly profile: PolicyProfile,
    private readonly baseCtx: PolicyContext,
    private readonly recorded: CycleAssignments,
    private readonly hadTechVp: ReadonlyMap<string, boolean>,
  ) {}

  enterpriseVerdict(enterprise: Enterprise): Evaluation {
    let ev = this.enterpriseCache.get(enterprise.creditCode);
    if (!ev) {
      ev = evaluateEnterprise(this.profile, enterprise, this.enterpriseCtx(enterprise.creditCode));
      this.enterpriseCache.set(enterprise.creditCode, ev);
    }
    return ev;
  }

  /** Every rule of the profile on the pair, with the recorded appointments (plus `extra`) as capacity facts. */
  checkPair(expert: Expert, enterprise: Enterprise, demand: Demand, extra: ExtraAppointments = {}): Evaluation {
    let ex = this.expertCache.get(expert.externalId);
    if (!ex) {
      ex = evaluateExpert(this.profile, expert, this.baseCtx);
      this.expertCache.set(expert.externalId, ex);
    }
    const union = (a: readonly string[], b: readonly string[] = []) => [...new Set([...a, ...b])];
    const ctx: PolicyContext = {
      ...this.enterpriseCtx(enterprise.creditCode),
      assignedEnterprisesOfExpert: union(this.recorded.byExpert.get(expert.externalId) ?? [], extra.enterprisesOfExpert),
      assignedExpertsOfEnterprise: union(this.recorded.byEnterprise.get(enterprise.creditCode) ?? [], extra.expertsOfEnterprise),
    };
    return evaluatePair(this.profile, expert, enterprise, demand, ctx, { expert: ex, enterprise: this.enterpriseVerdict(enterprise) });
  }

  /** Enterprises the expert may still serve in this cycle: the profile's cap minus recorded appointments. */
  expertSlotsLeft(expertId: string): number {
    return this.profile.expertCapacity - (this.recorded.byExpert.get(expertId)?.length ?? 0);
  }

  /** Experts the enterprise may still take in this cycle. */
  enterpriseSlotsLeft(creditCode: string): number {
    return this.profile.enterpriseCapacity - (this.recorded.byEnterprise.get(creditCode)?.length ?? 0);
  }

  recordedExperts(creditCode: string): readonly string[] {
    return this.recorded.byEnterprise.get(creditCode) ?? [];
  }

  recordedEnterprises(expertId: string): readonly string[] {
    return this.recorded.byExpert.get(expertId) ?? [];
  }

  private enterpriseCtx(creditCode: string): PolicyContext {
    return { ...this.baseCtx, enterpriseHadTechVp: this.hadTechVp.get(creditCode) ?? false };
  }
}
