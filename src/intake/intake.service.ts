import { hashRecord } from '../shared/hash';
import { type FieldError, toFieldErrors } from '../shared/zod-issues';
import { cycleSchema, type Cycle } from './cycle.schema';
import type { DemandRepository } from './demand.repository';
import { demandSchema, type Demand } from './demand.schema';
import type { EnterpriseRepository } from './enterprise.repository';
import { enterpriseSchema, type Enterprise } from './enterprise.schema';
import type { ExpertRepository, UpsertStatus } from './expert.repository';
import { expertSchema, type Expert } from './expert.schema';
import type { ReferenceRepository } from './reference.repository';

import type { IntakeReviewService, ReviewOnSave, ReviewState } from './intake-review.service';

export type { FieldError } from '../shared/zod-issues';
/** `review` is the intake review state after the save (experts and demands only). */
export type SaveResult<K> = { ok: true; key: K; id: number; status: UpsertStatus; review?: ReviewState } | { ok: false; errors: FieldError[] };
export type EntityKind = 'experts' | 'enterprises' | 'demands';
export type IntakeRepositories = {
  experts: ExpertRepository;
  enterprises: EnterpriseRepository;
  demands: DemandRepository;
  reference: ReferenceRepository;
};

/** A save nobody in particular made (scripts without an operator): the form waits for the county. */
export const SYSTEM_SUBMIT: ReviewOnSave = { by: { actor: 'system', actorRole: 'system' } };

/**
 * Validates and stores intake records. Shape errors come from the zod schemas; reference errors
 * (unknown region, enterprise or cycle) are checked here so every rejection names its field.
 */
export class IntakeService {
  constructor(private readonly deps: IntakeRepositories & { review: Pick<IntakeReviewService, 'afterSave' | 'stateOf'> }) {}

  saveExpert(input: unknown, review: ReviewOnSave = SYSTEM_SUBMIT): SaveResult<string> {
    const parsed = expertSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const e: Expert = parsed.data;
    const missing = this.missingRegions([
      ['region', e.region],
      ['institution.region', e.institution.region],
    ]);
    if (missing.length) return { ok: false, errors: missing };
    const previous = this.approvedVersion('experts', this.deps.experts.findIdByExternalId(e.externalId), () => this.deps.experts.getByExternalId(e.externalId));
    const saved = this.deps.experts.upsert(e);
    return { ok: true, key: e.externalId, ...saved, review: this.deps.review.afterSave({ kind: 'experts', id: saved.id, key: e.externalId }, e, saved.status, previous, review) };
  }

  saveEnterprise(input: unknown): SaveResult<string> {
    const parsed = enterpriseSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const e: Enterprise = parsed.data;
    const missing = this.missingRegions([['region', e.region]]);
    if (missing.length) return { ok: false, errors: missing };
    return { ok: true, key: e.creditCode, ...this.deps.enterprises.upsert(e) };
  }

  saveDemand(input: unknown, review: ReviewOnSave = SYSTEM_SUBMIT): SaveResult<string> {
    const parsed = demandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const d: Demand = parsed.data;
    const errors: FieldError[] = [];
    const enterpriseId = this.deps.enterprises.findIdByCreditCode(d.enterpriseCreditCode);
    if (enterpriseId === undefined) errors.push({ field: 'enterpriseCreditCode', message: `企业不存在：${d.enterpriseCreditCode}（请先导入企业）` });
    if (!this.deps.reference.getCycle(d.cycle)) errors.push({ field: 'cycle', message: `选派周期不存在：${d.cycle}` });
    if (errors.length || enterpriseId === undefined) return { ok: false, errors };
    const stored = this.deps.demands.getByExternalId(d.externalId);
    const previous = this.approvedVersion('demands', stored?.id, () => stored?.demand);
    const saved = this.deps.demands.upsert(d, enterpriseId);
    return { ok: true, key: d.externalId, ...saved, review: this.deps.review.afterSave({ kind: 'demands', id: saved.id, key: d.externalId }, d, saved.status, previous, review) };
  }

  saveCycle(input: unknown): SaveResult<string> {
    const parsed = cycleSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const c: Cycle = parsed.data;
    const stored = this.deps.reference.getCycle(c.id);
    if (stored && hashRecord(stored) === hashRecord(c)) return { ok: true, key: c.id, id: 0, status: 'unchanged' };
    this.deps.reference.upsertCycle(c);
    return { ok: true, key: c.id, id: 0, status: stored ? 'updated' : 'inserted' };
  }

  /** `review` says who submits and whether the save approves at once (enterprises are not reviewed). */
  save(kind: EntityKind, input: unknown, review?: ReviewOnSave): SaveResult<string> {
    if (kind === 'experts') return this.saveExpert(input, review);
    if (kind === 'enterprises') return this.saveEnterprise(input);
    return this.saveDemand(input, review);
  }

  /** The stored record when it is approved: only then can a save change what the county approved. */
  private approvedVersion<T>(kind: 'experts' | 'demands', id: number | undefined, load: () => T | undefined): T | undefined {
    if (id === undefined || this.deps.review.stateOf(kind, id)?.status !== 'approved') return undefined;
    return load();
  }

  private missingRegions(pairs: Array<[string, string | undefined]>): FieldError[] {
    const codes = pairs.map(([, c]) => c).filter((c): c is string => !!c);
    const known = this.deps.reference.existingRegionCodes(codes);
    return pairs.filter(([, c]) => c && !known.has(c)).map(([field, c]) => ({ field, message: `未知的行政区划代码：${c}` }));
  }
}
