import type { AuditRepository } from '../auth/audit.repository';
import type { CycleRunRepository, RunProposal, StoredRun } from '../cycles/cycle-run.repository';
import type { DemandRepository } from '../intake/demand.repository';
import type { Demand } from '../intake/demand.schema';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import { factLabel } from '../intake/fact-labels';
import type { IntakeService } from '../intake/intake.service';
import type { EligibilityResponse } from '../policy/policy-api.schema';
import type { PolicyService } from '../policy/policy.service';
import type { VerificationRepository } from '../policy/verification.repository';
import { AppError, notFound } from '../shared/errors';
import { pinnedReferenceDate } from './live-check';
import { REGION_STATUS_LABELS } from './review-labels';
import type { ReviewRepository } from './review.repository';
import type { RuleLine, VerifyInput } from './review.schema';
import type { ReviewActor } from './review.service';

export interface VerificationServiceDeps {
  reviews: Pick<ReviewRepository, 'transaction' | 'getRegionReview'>;
  /** The completed run whose demand is being resolved: read only. */
  runs: Pick<CycleRunRepository, 'getRun' | 'getProposal'>;
  audit: Pick<AuditRepository, 'append'>;
  /** The intake write path (validation, region check, content hash, change log) for entered facts. */
  intake: Pick<IntakeService, 'saveExpert' | 'saveEnterprise' | 'saveDemand'>;
  experts: Pick<ExpertRepository, 'getByExternalId'>;
  enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
  demands: Pick<DemandRepository, 'getByExternalId'>;
  verifications: Pick<VerificationRepository, 'get' | 'save'>;
  policies: Pick<PolicyService, 'checkEligibility'>;
  now?: () => string;
}

type FactKind = 'date' | 'title' | 'degree' | 'region' | 'count' | 'amount' | 'boolean';

/** The facts a reviewer may enter, by record path, with how the value is read. Others are resolved by a verdict. */
export const ENTERABLE_FACTS: Record<string, FactKind> = {
  'expert.birthDate': 'date',
  'expert.title': 'title',
  'expert.degree': 'degree',
  'expert.region': 'region',
  'expert.institution.region': 'region',
  'expert.workStartDate': 'date',
  'enterprise.registeredAt': 'date',
  'enterprise.employees': 'count',
  'enterprise.revenue': 'amount',
  'demand.providesConditions': 'boolean',
};

const TRUE = new Set(['true', '是', '1', 'yes']);
const FALSE = new Set(['false', '否', '0', 'no']);

function readFact(path: string, raw: string | number | boolean): string | number | boolean {
  const kind = ENTERABLE_FACTS[path];
  if (kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const s = String(raw).trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    throw new AppError('INVALID_FACT', `${factLabel(path)}应为“是”或“否”`, [{ path, message: '应为 是/否' }]);
  }
  if (kind === 'count' || kind === 'amount') {
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (!Number.isFinite(n) || n < 0 || (kind === 'count' && !Number.isInteger(n))) {
      throw new AppError('INVALID_FACT', `${factLabel(path)}应为${kind === 'count' ? '非负整数' : '非负数'}`, [{ path, message: `无效的数值：${String(raw)}` }]);
    }
    return n;
  }
  return String(raw).trim();
}

/** Sets `path` (without its record prefix) on a copy of the record. */
function withFact<T extends object>(record: T, path: string, value: unknown): T {
  const keys = path.split('.').slice(1);
  const copy = structuredClone(record) as Record<string, unknown>;
  let target = copy;
  for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return copy as T;
}

function readPath(record: object, path: string): unknown {
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
}

const line = (r: EligibilityResponse['results'][number]): RuleLine => ({
  ruleId: r.ruleId,
  effect: r.effect,
  outcome: r.outcome,
  code: r.code,
  message: r.message,
  clause: r.clause,
  ...(r.missing ? { missing: r.missing } : {}),
  ...(r.verification ? { verification: r.verification } : {}),
});

/**
 * A county reviewer resolves a hard rule that is `unknown` for a subject of one of the run's demands: by
 * entering the missing facts into the record (the normal intake write path), or by recording a verdict with a
 * written reason (fact_verifications, read into PolicyContext for the cycle). Either way the before/after is
 * appended to the audit log in the same transaction, and the rule's new verdict is returned.
 */
export class VerificationService {
  private readonly now: () => string;

  constructor(private readonly deps: VerificationServiceDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  resolve(runId: string, demandId: string, input: VerifyInput, by: ReviewActor): { rule: RuleLine; resolvedBy: 'facts' | 'verdict' } {
    return this.deps.reviews.transaction(() => {
      const run = this.deps.runs.getRun(runId);
      if (!run) throw notFound('匹配批次', runId);
      if (run.status !== 'completed') throw new AppError('RUN_NOT_COMPLETED', `匹配批次 ${runId} 尚未完成，完成后才能审核`);
      const p = this.deps.runs.getProposal(runId, demandId);
      if (!p) throw notFound('本批次中的需求', demandId);
      const state = this.deps.reviews.getRegionReview(runId, p.regionCode)?.status ?? 'open';
      if (state !== 'open' && state !== 'returned') {
        throw new AppError('REGION_LOCKED', `本区县审核状态为“${REGION_STATUS_LABELS[state]}”，不能再核实`, { status: state });
      }
      const demand = this.deps.demands.getByExternalId(demandId)?.demand;
      if (!demand) throw notFound('需求', demandId);
      this.assertSubjectOfDemand(input, p, demand);

      const before = this.ruleNow(run, demandId, input);
      if (before.outcome !== 'unknown' && !before.verification) {
        throw new AppError('NOT_UNKNOWN', `条件 ${input.ruleId} 对该${SUBJECT_LABELS[input.subject]}不是待核实状态（当前：${before.message}）`, { outcome: before.outcome });
      }
      const entityId = `${runId}/${demandId}/${input.subject}:${input.subjectId}/${input.ruleId}`;
      if (input.facts && Object.keys(input.facts).length) {
        const changed = this.enterFacts(input, before.missing ?? [], input.facts, by);
        this.deps.audit.append({
          ...by,
          action: 'review.enter_fact',
          entity: 'fact_entry',
          entityId,
          regionCode: p.regionCode,
          before: changed.before,
          after: changed.after,
          note: `补录${Object.keys(changed.after).map(factLabel).join('、')}（${SUBJECT_LABELS[input.subject]} ${input.subjectId}，条件 ${input.ruleId}）`,
        });
        return { rule: line(this.ruleNow(run, demandId, input)), resolvedBy: 'facts' as const };
      }
      const ref = { cycleId: run.cycleId, subjectKind: input.subject, subjectId: input.subjectId, ruleId: input.ruleId };
      const previous = this.deps.verifications.get(ref) ?? null;
      const saved = this.deps.verifications.save({
        ...ref,
        verdict: input.verdict!,
        missing: before.missing ?? previous?.missing ?? [],
        reason: input.reason!.trim(),
        verifiedBy: by.actor,
        verifiedAt: this.now(),
        runId,
        regionCode: p.regionCode,
      });
      this.deps.audit.append({
        ...by,
        action: 'review.verify',
        entity: 'fact_verification',
        entityId,
        regionCode: p.regionCode,
        before: previous,
        after: saved,
        note: `核实${SUBJECT_LABELS[input.subject]} ${input.subjectId} 的条件 ${input.ruleId}：${input.verdict === 'pass' ? '符合' : '不符合'}（${saved.reason}）`,
      });
      return { rule: line(this.ruleNow(run, demandId, input)), resolvedBy: 'verdict' as const };
    });
  }

  /** The rule's verdict now, for the pair (expert subject) or the demand with its enterprise. */
  private ruleNow(run: StoredRun, demandId: string, input: VerifyInput): EligibilityResponse['results'][number] {
    const ev = this.deps.policies.checkEligibility({
      policy: run.policy,
      cycle: run.cycleId,
      demandId,
      referenceDate: pinnedReferenceDate(run),
      ...(input.subject === 'expert' ? { expertId: input.subjectId } : {}),
    });
    const r = ev.results.find((x) => x.ruleId === input.ruleId);
    if (!r) throw notFound('本批次策略中的条件', input.ruleId);
    return r;
  }

  /** Only what the demand's row shows may be resolved from it: the demand, its enterprise, and the experts listed for it. */
  private assertSubjectOfDemand(input: VerifyInput, p: RunProposal, demand: Demand): void {
    const ok =
      input.subject === 'demand'
        ? input.subjectId === p.demandExternalId
        : input.subject === 'enterprise'
          ? input.subjectId === p.enterpriseCreditCode
          : listedExperts(p, demand).has(input.subjectId);
    if (!ok) {
      throw new AppError('SUBJECT_NOT_IN_DEMAND', `${SUBJECT_LABELS[input.subject]} ${input.subjectId} 不属于需求 ${p.demandExternalId} 的推荐、备选、待核实或指定名单`);
    }
  }

  private enterFacts(input: VerifyInput, missing: string[], facts: Record<string, string | number | boolean>, by: { actor: string; actorRole: string }) {
    // The county's reviewer enters the fact: an approved record stays approved (the reviewer vouches for it).
    const review = { by: { actor: by.actor, actorRole: by.actorRole }, keepApproval: true };
    const paths = Object.keys(facts);
    for (const path of paths) {
      if (!path.startsWith(`${input.subject}.`) || !(path in ENTERABLE_FACTS)) {
        throw new AppError('FACT_NOT_ENTERABLE', `不能在此补录“${factLabel(path)}”，请改为记录核实结论`, [{ path, message: '不可补录的信息' }]);
      }
      if (!missing.includes(path)) {
        throw new AppError('FACT_NOT_MISSING', `条件 ${input.ruleId} 不缺少“${factLabel(path)}”`, [{ path, message: `缺少的是：${missing.map(factLabel).join('、') || '无'}` }]);
      }
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const apply = <T extends object>(record: T): T => {
      let next = record;
      for (const path of paths) {
        const value = readFact(path, facts[path]);
        before[path] = readPath(record, path) ?? null;
        after[path] = value;
        next = withFact(next, path, value);
        // A start date fixes the start year too (the two must agree).
        if (path === 'expert.workStartDate') next = withFact(next, 'expert.workStartYear', Number(String(value).slice(0, 4)));
      }
      return next;
    };
    let saved;
    if (input.subject === 'expert') {
      const record = this.deps.experts.getByExternalId(input.subjectId);
      if (!record) throw notFound('专家', input.subjectId);
      saved = this.deps.intake.saveExpert(apply(record), review);
    } else if (input.subject === 'enterprise') {
      const record = this.deps.enterprises.getByCreditCode(input.subjectId);
      if (!record) throw notFound('企业', input.subjectId);
      saved = this.deps.intake.saveEnterprise(apply(record));
    } else {
      const record = this.deps.demands.getByExternalId(input.subjectId)?.demand;
      if (!record) throw notFound('需求', input.subjectId);
      saved = this.deps.intake.saveDemand(apply(record), review);
    }
    if (!saved.ok) {
      throw new AppError(
        'INVALID_FACT',
        '补录的信息无效',
        saved.errors.map((e) => ({ path: `${input.subject}.${e.field}`, message: e.message })),
      );
    }
    return { before, after };
  }
}

const SUBJECT_LABELS = { expert: '专家', enterprise: '企业', demand: '需求' } as const;

/** The experts a demand's row lists: named by the enterprise, proposed, alternates, 待核实 and excluded (parsed by the run repository). */
function listedExperts(p: RunProposal, demand: Demand): Set<string> {
  const ids = new Set<string>(demand.namedCandidates.flatMap((c) => (c.expertExternalId ? [c.expertExternalId] : [])));
  for (const c of [...(p.proposed ? [p.proposed] : []), ...p.alternates, ...p.pending, ...p.excluded]) ids.add(c.expertId);
  return ids;
}
