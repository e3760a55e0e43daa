import type { DemandRepository } from '../intake/demand.repository';
import { type Demand, requestsVicePresident } from '../intake/demand.schema';
import type { Enterprise } from '../intake/enterprise.schema';
import type { ReferenceRepository } from '../intake/reference.repository';
import { compileProfile } from '../policy/compile-profile';
import type { PolicyContext } from '../policy/evaluation.types';
import type { CycleAssignments, PolicyContextRepository } from '../policy/policy-context.repository';
import type { PolicyProfile } from '../policy/policy.schema';
import type { PolicyService } from '../policy/policy.service';
import { AppError, notFound } from '../shared/errors';
import type { RankOptions, RankQuery } from './ranker.port';
import type { RecordCache } from './record.cache';

/** Everything a request resolved before ranking: the demand, its enterprise, the profile and the context facts. */
export type RankContext = {
  demand: Demand;
  stored: boolean;
  enterprise?: Enterprise;
  profile: PolicyProfile;
  ctx: PolicyContext;
  assignments?: CycleAssignments;
  /** Sum of the profile's soft-rule boosts: a pair's priority signal is its boost over this. */
  maxBoost: number;
};

export type RankContextDeps = {
  demands: Pick<DemandRepository, 'getByExternalId'>;
  enterprises: { getByCreditCode(creditCode: string): Enterprise | undefined };
  reference: Pick<ReferenceRepository, 'getCycle'>;
  policies: Pick<PolicyService, 'resolve' | 'cycleContext'>;
  policyContext: Pick<PolicyContextRepository, 'loadEnterpriseFacts'>;
  records: RecordCache;
  /** 'YYYY-MM-DD' for requests with neither a cycle nor a reference date. */
  today: () => string;
};

export type ResolveOptions = Omit<RankOptions, 'top'> & { top?: number; referenceDate?: string };

/**
 * Resolves demand, enterprise, profile and context facts of a request (404 for an unknown demand, cycle,
 * policy or enterprise; 400 when neither a cycle nor a policy says which rules apply). The caller has brought
 * the record cache up to the current watermark.
 */
export class RankContextResolver {
  constructor(private readonly deps: RankContextDeps) {}

  resolve(query: RankQuery, opts: ResolveOptions): RankContext {
    const { deps } = this;
    let demand: Demand;
    let stored = false;
    if (query.demandId) {
      const id = query.demandId;
      const found = deps.records.demand(id, () => deps.demands.getByExternalId(id));
      if (!found) throw notFound('需求', id);
      if (found.review !== 'approved') {
        throw new AppError('DEMAND_NOT_APPROVED', `需求 ${id} 尚未通过区县科技部门审核，审核通过后才进入匹配`, { demandId: id, review: found.review });
      }
      if (opts.cycleId && opts.cycleId !== found.demand.cycle) {
        throw new AppError('DEMAND_CYCLE_MISMATCH', `需求 ${id} 属于选派周期 ${found.demand.cycle}，与所给周期不一致`);
      }
      if (!requestsVicePresident(found.demand)) {
        throw new AppError('DEMAND_NOT_MATCHABLE', `需求 ${id} 只填报了技术创新难题（附件1 四），未申请科技副总，不参与匹配`, { demandId: id });
      }
      demand = found.demand;
      stored = true;
    } else {
      demand = {
        externalId: 'ad-hoc',
        enterpriseCreditCode: query.enterpriseCreditCode ?? '',
        cycle: opts.cycleId ?? '',
        title: query.title,
        description: query.description ?? '',
        expectedField: query.expectedField ?? '',
        namedCandidates: (query.namedCandidates ?? []).map((c) => ({ ...c, agreed: c.agreed ?? false })),
        // An ad-hoc problem has answered nothing: a rule on the demand's answers says unknown, never yes.
        keyCommonTech: false,
        cooperationModes: [],
      };
    }
    const cycleId = opts.cycleId ?? (stored ? demand.cycle : undefined);
    let ctx: PolicyContext;
    let assignments: CycleAssignments | undefined;
    let profile: PolicyProfile;
    if (cycleId) {
      const cc = this.cycleContext(cycleId, opts.referenceDate);
      ctx = { ...cc.ctx };
      assignments = cc.assignments;
      // An explicit policy overrides the cycle's profile; dates and history stay the cycle's.
      profile = opts.policy ? deps.policies.resolve(opts.policy) : cc.profile;
    } else {
      if (!opts.policy) throw new AppError('POLICY_REQUIRED', '需要指定策略配置（policy，不设条件时用 open）或选派周期（cycle）');
      ctx = { referenceDate: opts.referenceDate ?? deps.today() };
      profile = deps.policies.resolve(opts.policy);
    }
    let enterprise: Enterprise | undefined;
    if (demand.enterpriseCreditCode) {
      const code = demand.enterpriseCreditCode;
      const referenceDate = ctx.referenceDate;
      const facts = deps.records.enterprise(`${code}|${referenceDate}|${cycleId ?? ''}`, () => {
        const e = deps.enterprises.getByCreditCode(code);
        if (!e) throw notFound('企业', code);
        return { enterprise: e, hadTechVp: deps.policyContext.loadEnterpriseFacts([e.creditCode], { referenceDate, cycleId }).get(e.creditCode)!.hadTechVp };
      });
      enterprise = facts.enterprise;
      ctx.enterpriseHadTechVp = facts.hadTechVp;
    }
    const maxBoost = compileProfile(profile).rules.reduce((s, r) => (r.rule.effect === 'soft' ? s + r.rule.boost : s), 0);
    return { demand, stored, enterprise, profile, ctx, assignments, maxBoost };
  }

  /** A cycle's shared context, cached until the records (or the cycle itself, which the change log does not track) change. */
  private cycleContext(cycleId: string, referenceDate?: string) {
    const key = `${cycleId}|${referenceDate ?? ''}|${JSON.stringify(this.deps.reference.getCycle(cycleId) ?? null)}`;
    return this.deps.records.cycle(key, () => this.deps.policies.cycleContext(cycleId, referenceDate));
  }
}
