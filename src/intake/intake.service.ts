import { type AuditActor, type AuditTrail, diffFields, SYSTEM_ACTOR } from '../shared/audit-trail.port';
import { hashRecord } from '../shared/hash';
import type { Transaction } from '../shared/transaction.port';
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
/** The write side also records each change in the audit trail, in the change's own transaction. */
export type IntakeDeps = IntakeRepositories & { audit: AuditTrail; transaction: Transaction; review: Pick<IntakeReviewService, 'afterSave' | 'stateOf'> };
/** Who saves (the audit actor), or that plus how the form enters the county's review. */
export type SaveAs = AuditActor | ReviewOnSave;

/** A save nobody in particular made (scripts without an operator): the form waits for the county. */
export const SYSTEM_SUBMIT: ReviewOnSave = { by: SYSTEM_ACTOR };
const toReview = (as: SaveAs): ReviewOnSave => ('by' in as ? as : { by: as });

/**
 * Validates and stores intake records. Shape errors come from the zod schemas; reference errors
 * (unknown region, enterprise or cycle) are checked here so every rejection names its field. Every stored
 * change writes its audit entry (the changed fields before and after) in the same transaction; an unchanged
 * record writes nothing.
 */
export class IntakeService {
  constructor(private readonly deps: IntakeDeps) {}

  saveExpert(input: unknown, as: SaveAs = SYSTEM_SUBMIT): SaveResult<string> {
    const parsed = expertSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const e: Expert = parsed.data;
    const missing = this.missingRegions([
      ['region', e.region],
      ['institution.region', e.institution.region],
    ]);
    if (missing.length) return { ok: false, errors: missing };
    const review = toReview(as);
    return this.store(
      review.by,
      'experts',
      e.externalId,
      e.region ?? null,
      e,
      () => this.deps.experts.getByExternalId(e.externalId),
      (stored) => {
        const previous = stored && this.approvedVersion('experts', this.deps.experts.findIdByExternalId(e.externalId), stored);
        const saved = this.deps.experts.upsert(e);
        return { ...saved, review: this.deps.review.afterSave({ kind: 'experts', id: saved.id, key: e.externalId }, e, saved.status, previous, review) };
      },
    );
  }

  saveEnterprise(input: unknown, by: AuditActor = SYSTEM_ACTOR): SaveResult<string> {
    const parsed = enterpriseSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const e: Enterprise = parsed.data;
    const missing = this.missingRegions([['region', e.region]]);
    if (missing.length) return { ok: false, errors: missing };
    return this.store(
      by,
      'enterprises',
      e.creditCode,
      e.region,
      e,
      () => this.deps.enterprises.getByCreditCode(e.creditCode),
      () => this.deps.enterprises.upsert(e),
    );
  }

  saveDemand(input: unknown, as: SaveAs = SYSTEM_SUBMIT): SaveResult<string> {
    const parsed = demandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const d: Demand = parsed.data;
    const errors: FieldError[] = [];
    const enterpriseId = this.deps.enterprises.findIdByCreditCode(d.enterpriseCreditCode);
    if (enterpriseId === undefined) errors.push({ field: 'enterpriseCreditCode', message: `企业不存在：${d.enterpriseCreditCode}（请先导入企业）` });
    if (!this.deps.reference.getCycle(d.cycle)) errors.push({ field: 'cycle', message: `选派周期不存在：${d.cycle}` });
    if (errors.length || enterpriseId === undefined) return { ok: false, errors };
    const region = this.deps.enterprises.getByCreditCode(d.enterpriseCreditCode)?.region ?? null;
    const review = toReview(as);
    return this.store(
      review.by,
      'demands',
      d.externalId,
      region,
      d,
      () => this.deps.demands.getByExternalId(d.externalId),
      (stored) => {
        const previous = stored && this.approvedVersion('demands', stored.id, stored.demand);
        const saved = this.deps.demands.upsert(d, enterpriseId);
        return { ...saved, review: this.deps.review.afterSave({ kind: 'demands', id: saved.id, key: d.externalId }, d, saved.status, previous, review) };
      },
      (stored) => stored.demand,
    );
  }

  saveCycle(input: unknown, by: AuditActor = SYSTEM_ACTOR): SaveResult<string> {
    const parsed = cycleSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const c: Cycle = parsed.data;
    return this.store(
      by,
      'cycles',
      c.id,
      null,
      c,
      () => this.deps.reference.getCycle(c.id),
      (stored) => {
        if (stored && hashRecord(stored) === hashRecord(c)) return { id: 0, status: 'unchanged' as const };
        this.deps.reference.upsertCycle(c);
        return { id: 0, status: stored ? ('updated' as const) : ('inserted' as const) };
      },
    );
  }

  /** `as` says who saves and, for experts and demands, whether the save approves at once (enterprises are not reviewed). */
  save(kind: EntityKind, input: unknown, as: SaveAs = SYSTEM_SUBMIT): SaveResult<string> {
    if (kind === 'experts') return this.saveExpert(input, as);
    if (kind === 'enterprises') return this.saveEnterprise(input, toReview(as).by);
    return this.saveDemand(input, as);
  }

  /** The stored record when it is approved: only then can a save change what the county approved. */
  private approvedVersion<T>(kind: 'experts' | 'demands', id: number | undefined, stored: T): T | undefined {
    return id !== undefined && this.deps.review.stateOf(kind, id)?.status === 'approved' ? stored : undefined;
  }

  /**
   * Reads the stored version, writes, and appends the audit entry of a real change — one transaction (a
   * savepoint inside an import chunk), so a change never commits without its entry, nor an entry without it.
   * The stored version is read once: `write` gets it too, and `recordOf` picks the part the audit compares.
   */
  private store<S extends object>(
    by: AuditActor,
    entity: EntityKind | 'cycles',
    key: string,
    regionCode: string | null,
    record: object,
    readStored: () => S | undefined,
    write: (stored: S | undefined) => { id: number; status: UpsertStatus; review?: ReviewState },
    recordOf: (stored: S) => object = (stored) => stored,
  ): SaveResult<string> {
    return this.deps.transaction(() => {
      const stored = readStored();
      const res = write(stored);
      if (res.status !== 'unchanged') {
        this.deps.audit.append({
          ...by,
          action: res.status === 'inserted' ? 'create' : 'update',
          entity,
          entityId: key,
          regionCode,
          ...diffFields(stored && recordOf(stored), record),
          note: res.status,
        });
      }
      return { ok: true, key, ...res };
    });
  }

  private missingRegions(pairs: Array<[string, string | undefined]>): FieldError[] {
    const codes = pairs.map(([, c]) => c).filter((c): c is string => !!c);
    const known = this.deps.reference.existingRegionCodes(codes);
    return pairs.filter(([, c]) => c && !known.has(c)).map(([field, c]) => ({ field, message: `未知的行政区划代码：${c}` }));
  }
}
