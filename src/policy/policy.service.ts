import { type AuditActor, type AuditTrail, SYSTEM_ACTOR } from '../shared/audit-trail.port';
import type { Transaction } from '../shared/transaction.port';
import type { z } from 'zod';
import type { Cycle } from '../intake/cycle.schema';
import type { DemandRepository } from '../intake/demand.repository';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { ReferenceRepository } from '../intake/reference.repository';
import { AppError, notFound } from '../shared/errors';
import { toFieldErrors } from '../shared/zod-issues';
import { todayInChina } from './calendar';
import { evaluate } from './evaluate';
import type { Demand, Enterprise, Expert, PolicyContext } from './evaluation.types';
import type { EligibilityRequest, EligibilityResponse, PolicyDetail, PolicySummary } from './policy-api.schema';
import type { CycleAssignments, PolicyContextRepository } from './policy-context.repository';
import { BuiltInProfileError, type PolicyProfileRepository } from './policy-profile.repository';
import { policyProfileSchema, type PolicyProfile } from './policy.schema';
import { BUILT_IN_PROFILES } from './profiles';
import type { VerificationRepository } from './verification.repository';

export interface PolicyServiceDeps {
  profiles: PolicyProfileRepository;
  context: PolicyContextRepository;
  experts: Pick<ExpertRepository, 'getByExternalId'>;
  enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
  demands: Pick<DemandRepository, 'getByExternalId'>;
  reference: Pick<ReferenceRepository, 'getCycle'>;
  /** Reviewer verdicts on unknown facts; evaluations within a cycle read them. */
  verifications?: Pick<VerificationRepository, 'indexForCycle'>;
  /** 'YYYY-MM-DD' used when neither the request nor a cycle gives a reference date. */
  today?: () => string;
  /** A loaded profile and its audit entry commit together. */
  audit: AuditTrail;
  transaction: Transaction;
}

export type PolicyFieldError = { path: string; message: string };

/** Zod issues as { path, message } (the policy API's field name); an unknown rule kind names the kinds that exist. */
export function toPolicyErrors(error: z.ZodError): PolicyFieldError[] {
  return toFieldErrors(error.issues).map(({ field, message }) => ({ path: field, message }));
}

/** Base context of a cycle, shared by every candidate; per-enterprise and per-pair facts are added per call. */
export interface CycleContext {
  profile: PolicyProfile;
  ctx: PolicyContext;
  assignments: CycleAssignments;
}

/**
 * Policy profiles (built-in and administrator-loaded) and eligibility checks that load the records
 * and context facts, then call the pure evaluate().
 */
export class PolicyService {
  private readonly parsed = new Map<string, PolicyProfile>();
  private readonly today: () => string;

  constructor(private readonly deps: PolicyServiceDeps) {
    this.today = deps.today ?? (() => todayInChina());
  }

  list(): PolicySummary[] {
    const summary = (p: PolicyProfile, builtIn: boolean, loadedAt: string | null): PolicySummary => ({
      id: p.id,
      version: p.version,
      name: p.name,
      jurisdiction: p.jurisdiction,
      document: p.document ? { title: p.document.title, ...(p.document.number ? { number: p.document.number } : {}) } : null,
      builtIn,
      ruleCount: p.rules.length,
      loadedAt,
    });
    return [...[...BUILT_IN_PROFILES.values()].map((p) => summary(p, true, null)), ...this.deps.profiles.listLatest().map((s) => summary(s.profile, false, s.loadedAt))];
  }

  /** `ref` is an id or id@version; without a version the latest. */
  get(ref: string): PolicyDetail {
    const { id, version } = parseRef(ref);
    const builtIn = BUILT_IN_PROFILES.get(id);
    if (builtIn) {
      if (version !== undefined && version !== builtIn.version) throw notFound('策略配置版本', ref);
      return { builtIn: true, loadedAt: null, loadedBy: null, versions: [builtIn.version], profile: builtIn };
    }
    const stored = version === undefined ? this.deps.profiles.getLatest(id) : this.deps.profiles.getVersion(id, version);
    if (!stored) throw notFound('策略配置', ref);
    return {
      builtIn: false,
      loadedAt: stored.loadedAt,
      loadedBy: stored.loadedBy,
      versions: this.deps.profiles.listVersions(id).map((v) => v.version),
      profile: stored.profile,
    };
  }

  /** The profile to evaluate with; the same object per id@version, so its compiled form is reused. */
  resolve(ref: string): PolicyProfile {
    const { id, version } = parseRef(ref);
    const builtIn = BUILT_IN_PROFILES.get(id);
    if (builtIn) {
      if (version !== undefined && version !== builtIn.version) throw notFound('策略配置版本', ref);
      return builtIn;
    }
    const stored = version === undefined ? this.deps.profiles.getLatest(id) : this.deps.profiles.getVersion(id, version);
    if (!stored) throw notFound('策略配置', ref);
    const key = `${id}@${stored.profile.version}`;
    let p = this.parsed.get(key);
    if (!p) {
      p = stored.profile;
      this.parsed.set(key, p);
    }
    return p;
  }

  /** Validates and stores a custom profile as its id's next version. */
  load(input: unknown, by: AuditActor = SYSTEM_ACTOR): { id: string; version: number; ruleCount: number } {
    const parsed = policyProfileSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_POLICY', '策略配置无效', toPolicyErrors(parsed.error));
    try {
      const stored = this.deps.transaction(() => {
        const saved = this.deps.profiles.save(parsed.data, by.actor);
        const { profile } = saved;
        this.deps.audit.append({
          ...by,
          action: 'policy.load',
          entity: 'policy_profile',
          entityId: `${profile.id}@${profile.version}`,
          regionCode: null,
          before: profile.version > 1 ? { version: profile.version - 1 } : {},
          after: { version: profile.version, name: profile.name, ruleCount: profile.rules.length, rules: profile.rules.map((r) => r.id) },
        });
        return saved;
      });
      return { id: stored.profile.id, version: stored.profile.version, ruleCount: stored.profile.rules.length };
    } catch (e) {
      if (e instanceof BuiltInProfileError) {
        throw new AppError('POLICY_BUILT_IN', `内置策略配置不能覆盖：${e.profileId}`, [{ path: 'id', message: '该编号为内置策略配置，请使用其他编号' }]);
      }
      throw e;
    }
  }

  /** Everything a batch evaluation of one cycle shares (for the ranking layer). */
  cycleContext(cycleId: string, referenceDate?: string): CycleContext {
    const cycle = this.deps.reference.getCycle(cycleId);
    if (!cycle) throw notFound('选派周期', cycleId);
    return {
      profile: this.resolve(cycle.policy),
      ctx: this.baseContext(cycle, referenceDate ?? cycle.referenceDate),
      assignments: this.deps.context.loadCycleAssignments(cycle.id),
    };
  }

  /** POST /v1/eligibility: evaluates the expert, the enterprise, or the pair, whatever is given. */
  checkEligibility(req: EligibilityRequest): EligibilityResponse {
    if (!req.expertId && !req.enterpriseCreditCode && !req.demandId) {
      throw new AppError('SUBJECT_REQUIRED', '至少需要专家编号、企业统一社会信用代码或需求编号之一');
    }
    let demand: Demand | undefined;
    if (req.demandId) {
      demand = this.deps.demands.getByExternalId(req.demandId)?.demand;
      if (!demand) throw notFound('需求', req.demandId);
      if (req.enterpriseCreditCode && req.enterpriseCreditCode !== demand.enterpriseCreditCode) {
        throw new AppError('DEMAND_ENTERPRISE_MISMATCH', `需求 ${demand.externalId} 属于企业 ${demand.enterpriseCreditCode}，与所给企业不一致`);
      }
      if (req.cycle && req.cycle !== demand.cycle) {
        throw new AppError('DEMAND_CYCLE_MISMATCH', `需求 ${demand.externalId} 属于选派周期 ${demand.cycle}，与所给周期不一致`);
      }
    }
    const cycleId = req.cycle ?? demand?.cycle;
    let cycle: Cycle | undefined;
    if (cycleId) {
      cycle = this.deps.reference.getCycle(cycleId);
      if (!cycle) throw notFound('选派周期', cycleId);
    }
    const policyRef = req.policy ?? cycle?.policy;
    if (!policyRef) throw new AppError('POLICY_REQUIRED', '需要指定策略配置（policy）或选派周期（cycle）');
    const profile = this.resolve(policyRef);

    let expert: Expert | undefined;
    if (req.expertId) {
      expert = this.deps.experts.getByExternalId(req.expertId);
      if (!expert) throw notFound('专家', req.expertId);
    }
    const creditCode = req.enterpriseCreditCode ?? demand?.enterpriseCreditCode;
    let enterprise: Enterprise | undefined;
    if (creditCode) {
      enterprise = this.deps.enterprises.getByCreditCode(creditCode);
      if (!enterprise) throw notFound('企业', creditCode);
    }

    const referenceDate = req.referenceDate ?? cycle?.referenceDate ?? this.today();
    const ctx = this.baseContext(cycle, referenceDate);
    if (enterprise) {
      ctx.enterpriseHadTechVp = this.deps.context.loadEnterpriseFacts([enterprise.creditCode], { referenceDate, cycleId: cycle?.id }).get(enterprise.creditCode)!.hadTechVp;
    }
    if (cycle) {
      const a = this.deps.context.loadCycleAssignments(cycle.id);
      if (expert) ctx.assignedEnterprisesOfExpert = a.byExpert.get(expert.externalId) ?? [];
      if (enterprise) ctx.assignedExpertsOfEnterprise = a.byEnterprise.get(enterprise.creditCode) ?? [];
    }

    const ev = evaluate(profile, expert, enterprise, demand, ctx);
    return {
      policy: { id: profile.id, version: profile.version, name: profile.name },
      cycle: cycle?.id ?? null,
      referenceDate,
      subject: {
        expertId: expert?.externalId ?? null,
        enterpriseCreditCode: enterprise?.creditCode ?? null,
        demandId: demand?.externalId ?? null,
      },
      ...ev,
    };
  }

  private baseContext(cycle: Cycle | undefined, referenceDate: string): PolicyContext {
    const ctx: PolicyContext = { referenceDate };
    if (!cycle) return ctx;
    ctx.cycleId = cycle.id;
    ctx.previousCycleIds = cycle.previousCycles;
    ctx.previousCycleExpertIds = this.deps.context.loadPreviousCycleExperts(cycle.previousCycles);
    const verifications = this.deps.verifications?.indexForCycle(cycle.id);
    if (verifications?.size) ctx.verifications = verifications;
    return ctx;
  }
}

function parseRef(ref: string): { id: string; version?: number } {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { id: ref };
  const version = Number(ref.slice(at + 1));
  if (!Number.isInteger(version) || version < 1) throw new AppError('INVALID_POLICY_REF', `策略配置版本无效：${ref}`);
  return { id: ref.slice(0, at), version };
}
