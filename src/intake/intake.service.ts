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

export type { FieldError } from '../shared/zod-issues';
export type SaveResult<K> = { ok: true; key: K; id: number; status: UpsertStatus } | { ok: false; errors: FieldError[] };
export type EntityKind = 'experts' | 'enterprises' | 'demands';
export type IntakeRepositories = {
  experts: ExpertRepository;
  enterprises: EnterpriseRepository;
  demands: DemandRepository;
  reference: ReferenceRepository;
};

/**
 * Validates and stores intake records. Shape errors come from the zod schemas; reference errors
 * (unknown region, enterprise or cycle) are checked here so every rejection names its field.
 */
export class IntakeService {
  constructor(private readonly deps: IntakeRepositories) {}

  saveExpert(input: unknown): SaveResult<string> {
    const parsed = expertSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const e: Expert = parsed.data;
    const missing = this.missingRegions([
      ['region', e.region],
      ['institution.region', e.institution.region],
    ]);
    if (missing.length) return { ok: false, errors: missing };
    return { ok: true, key: e.externalId, ...this.deps.experts.upsert(e) };
  }

  saveEnterprise(input: unknown): SaveResult<string> {
    const parsed = enterpriseSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const e: Enterprise = parsed.data;
    const missing = this.missingRegions([['region', e.region]]);
    if (missing.length) return { ok: false, errors: missing };
    return { ok: true, key: e.creditCode, ...this.deps.enterprises.upsert(e) };
  }

  saveDemand(input: unknown): SaveResult<string> {
    const parsed = demandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error.issues) };
    const d: Demand = parsed.data;
    const errors: FieldError[] = [];
    const enterpriseId = this.deps.enterprises.findIdByCreditCode(d.enterpriseCreditCode);
    if (enterpriseId === undefined) errors.push({ field: 'enterpriseCreditCode', message: `企业不存在：${d.enterpriseCreditCode}（请先导入企业）` });
    if (!this.deps.reference.getCycle(d.cycle)) errors.push({ field: 'cycle', message: `选派周期不存在：${d.cycle}` });
    if (errors.length || enterpriseId === undefined) return { ok: false, errors };
    return { ok: true, key: d.externalId, ...this.deps.demands.upsert(d, enterpriseId) };
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

  save(kind: EntityKind, input: unknown): SaveResult<string> {
    if (kind === 'experts') return this.saveExpert(input);
    if (kind === 'enterprises') return this.saveEnterprise(input);
    return this.saveDemand(input);
  }

  private missingRegions(pairs: Array<[string, string | undefined]>): FieldError[] {
    const codes = pairs.map(([, c]) => c).filter((c): c is string => !!c);
    const known = this.deps.reference.existingRegionCodes(codes);
    return pairs.filter(([, c]) => c && !known.has(c)).map(([field, c]) => ({ field, message: `未知的行政区划代码：${c}` }));
  }
}
