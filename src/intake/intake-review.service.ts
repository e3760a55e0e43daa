import type { AuditRepository } from '../auth/audit.repository';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import type { DemandRepository } from './demand.repository';
import type { EnterpriseRepository } from './enterprise.repository';
import { isCreditCodeValid } from './credit-code';
import { factList, missingFacts } from './fact-labels';
import type { Demand } from './demand.schema';
import type { Expert } from './expert.schema';
import type { ExpertRepository, UpsertStatus } from './expert.repository';
import type { ReviewState } from './intake-review.schema';
import type { IntakeReviewRepository, IntakeReviewRow, IntakeReviewStatus, ReviewEntity } from './intake-review.repository';

export type ReviewKind = 'experts' | 'demands';
/** Who acts, as the audit columns name them. */
export type ReviewActor = { actor: string; actorRole: string };
export type ReviewAction = 'approve' | 'return' | 'withdraw';
export type { ReviewState } from './intake-review.schema';
/** How a save enters review: as submitted (portal, forms, plain imports) or approved at once (an administrator's `--approve` import, the demo seed). */
export type ReviewOnSave = {
  by: ReviewActor;
  approve?: boolean;
  /** A county reviewer's own correction (a fact entered on the review page): an approved record stays approved. */
  keepApproval?: boolean;
};
/** The record a review is about, located. */
export type ReviewSubject = { kind: ReviewKind; id: number; key: string };

/** Below this many characters (title and description) a demand gives the ranker too little to match on. */
export const SHORT_PROBLEM_CHARS = 40;

/** A submitted form in the county's queue. */
export type QueueItem = {
  kind: ReviewKind;
  key: string;
  region: string | null;
  submittedAt: string;
  submittedBy: string;
  record: Expert | Demand;
  /** The approved version before this resubmission (null for a first submission). */
  approved: unknown;
  /** What is missing or suspicious, in Chinese. */
  flags: string[];
};

const ENTITY: Record<ReviewKind, ReviewEntity> = { experts: 'expert', demands: 'demand' };

/**
 * The fields matching reads: changing one of them on an approved record sends it back to review (the county
 * approved what is matched); other fields (contacts, addresses, honours) do not.
 */
const MATCH_FIELDS: Record<ReviewKind, readonly string[]> = {
  demands: ['title', 'description', 'expectedField'],
  experts: ['title', 'degree', 'projects', 'patents'],
};

export const MATCH_FIELD_LABELS: Record<string, string> = {
  'demands.title': '需求名称',
  'demands.description': '技术难题描述',
  'demands.expectedField': '期望领域',
  'experts.title': '职称',
  'experts.degree': '学位',
  'experts.projects': '科研项目',
  'experts.patents': '专利',
};

/** The matching-relevant fields that differ between two versions of a record. */
export function changedMatchFields(kind: ReviewKind, before: Expert | Demand, after: Expert | Demand): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return MATCH_FIELDS[kind].filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null));
}

const toState = (r: IntakeReviewRow): ReviewState => ({
  status: r.status,
  reason: r.reason,
  submittedAt: r.submittedAt,
  submittedBy: r.submittedBy,
  decidedAt: r.decidedAt,
  decidedBy: r.decidedBy,
});

const audited = (r: IntakeReviewRow | undefined) => (r ? { status: r.status, reason: r.reason } : null);

/**
 * The county's intake review of demands and expert intention forms (Wenzhou 四(一): 经科技部门审核后入库):
 * submitted → approved (enters matching) | returned with a reason (corrected and resubmitted → submitted) |
 * withdrawn. Every transition is one audit entry with who, when, why and the state before and after.
 */
export class IntakeReviewService {
  constructor(
    private readonly deps: {
      reviews: Pick<IntakeReviewRepository, 'get' | 'save' | 'regionOf'>;
      audit: Pick<AuditRepository, 'append'>;
      transaction: Transaction;
      experts: Pick<ExpertRepository, 'findIdByExternalId' | 'getByExternalId'>;
      demands: Pick<DemandRepository, 'getByExternalId'>;
      queue: Pick<IntakeReviewRepository, 'listSubmitted' | 'findExpertDuplicates'>;
      enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
      now?: () => string;
    },
  ) {}

  /** The stored record and its id by business key (undefined when there is none). */
  find(kind: ReviewKind, key: string): { id: number; record: Expert | Demand } | undefined {
    if (kind === 'demands') {
      const d = this.deps.demands.getByExternalId(key);
      return d ? { id: d.id, record: d.demand } : undefined;
    }
    const id = this.deps.experts.findIdByExternalId(key);
    const e = id === undefined ? undefined : this.deps.experts.getByExternalId(key);
    return id !== undefined && e ? { id, record: e } : undefined;
  }

  /**
   * The county's queue: submitted forms, newest first, each with what is missing or suspicious pointed out and,
   * for a resubmission, the version the county approved before.
   */
  queue(region: string | undefined, limit = 200): QueueItem[] {
    return this.deps.queue.listSubmitted({ region, limit }).flatMap((row): QueueItem[] => {
      const kind: ReviewKind = row.entity === 'expert' ? 'experts' : 'demands';
      const found = this.find(kind, row.externalId);
      if (!found) return [];
      return [
        {
          kind,
          key: row.externalId,
          region: row.region,
          submittedAt: row.submittedAt,
          submittedBy: row.submittedBy,
          record: found.record,
          approved: row.approvedRecord ?? null,
          flags: this.flagsOf(kind, found.record),
        },
      ];
    });
  }

  private flagsOf(kind: ReviewKind, record: Expert | Demand): string[] {
    const flags: string[] = [];
    if (kind === 'experts') {
      const e = record as Expert;
      const missing = missingFacts('experts', e);
      if (missing.length) flags.push(`缺少${factList(missing)}：相关政策条件将显示为“待核实”`);
      if (e.birthDate) {
        const dups = this.deps.queue.findExpertDuplicates({ externalId: e.externalId, name: e.name, institution: e.institution.name, birthDate: e.birthDate });
        if (dups.length) flags.push(`疑似重复填报：与专家 ${dups.join('、')} 姓名、单位、出生日期相同`);
      }
      return flags;
    }
    const d = record as Demand;
    const missing = missingFacts('demands', d);
    const enterprise = this.deps.enterprises.getByCreditCode(d.enterpriseCreditCode);
    if (enterprise) missing.push(...missingFacts('enterprises', enterprise));
    if (missing.length) flags.push(`缺少${factList(missing)}：相关政策条件将显示为“待核实”`);
    if (!isCreditCodeValid(d.enterpriseCreditCode)) flags.push(`统一社会信用代码 ${d.enterpriseCreditCode} 校验位不正确（GB 32100-2015），请核对`);
    const text = `${d.title}${d.description}`.replace(/\s/g, '');
    if (text.length < SHORT_PROBLEM_CHARS) flags.push(`技术难题描述过短（${text.length} 字）：请补充具体问题、指标与场景，否则难以匹配`);
    return flags;
  }

  /** A decision on the record with this business key; 404 when there is none. */
  decideByKey(kind: ReviewKind, key: string, action: ReviewAction, by: ReviewActor, reason: string | undefined): ReviewState {
    const found = this.find(kind, key);
    if (!found) throw notFound(kind === 'demands' ? '需求' : '专家', key);
    return this.decide({ kind, id: found.id, key }, found.record, action, by, reason);
  }

  /** The review state of the record with this business key; 404 when there is none. */
  stateByKey(kind: ReviewKind, key: string): ReviewState {
    const found = this.find(kind, key);
    if (!found) throw notFound(kind === 'demands' ? '需求' : '专家', key);
    const state = this.stateOf(kind, found.id);
    if (!state) throw notFound('审核记录', key);
    return state;
  }

  private now(): string {
    return this.deps.now?.() ?? new Date().toISOString();
  }

  stateOf(kind: ReviewKind, id: number): ReviewState | undefined {
    const r = this.deps.reviews.get(ENTITY[kind], id);
    return r ? toState(r) : undefined;
  }

  /** The record as last approved (null for records approved before reviews existed). */
  approvedRecordOf(kind: ReviewKind, id: number): unknown {
    return this.deps.reviews.get(ENTITY[kind], id)?.approvedRecord ?? null;
  }

  /**
   * The review consequence of a save. `previous` is the stored record before the save when it was approved
   * (the caller reads it only then): a change to a matching field sends it back; a returned or withdrawn form
   * saved again is resubmitted; a new record is submitted, or approved when the save says so.
   */
  afterSave(s: ReviewSubject, record: Expert | Demand, saved: UpsertStatus, previous: Expert | Demand | undefined, opts: ReviewOnSave): ReviewState {
    return this.deps.transaction(() => {
      const row = this.deps.reviews.get(ENTITY[s.kind], s.id);
      const at = this.now();
      if (opts.approve) {
        if (row?.status === 'approved' && saved === 'unchanged') return toState(row);
        return this.write(
          s,
          row,
          { status: 'approved', reason: null, approvedRecord: record, decidedAt: at, decidedBy: opts.by.actor },
          opts.by,
          'intake.approve_on_import',
          '管理员导入时直接审核通过',
        );
      }
      if (!row) {
        return this.write(
          s,
          row,
          { status: 'submitted', reason: null, submittedAt: at, submittedBy: opts.by.actor, decidedAt: null, decidedBy: null },
          opts.by,
          'intake.submit',
          null,
        );
      }
      if (row.status === 'approved') {
        if (opts.keepApproval) {
          if (saved !== 'unchanged') this.deps.reviews.save({ ...row, approvedRecord: record });
          return toState(row);
        }
        const changed = previous ? changedMatchFields(s.kind, previous, record) : [];
        if (!changed.length) return toState(row);
        const labels = changed.map((f) => MATCH_FIELD_LABELS[`${s.kind}.${f}`] ?? f).join('、');
        return this.write(
          s,
          row,
          { status: 'submitted', reason: null, submittedAt: at, submittedBy: opts.by.actor },
          opts.by,
          'intake.resubmit',
          `修改了匹配相关字段（${labels}），重新进入审核`,
        );
      }
      if ((row.status === 'returned' || row.status === 'withdrawn') && saved !== 'unchanged') {
        return this.write(
          s,
          row,
          { status: 'submitted', submittedAt: at, submittedBy: opts.by.actor },
          opts.by,
          'intake.resubmit',
          `${row.status === 'returned' ? '退回' : '撤回'}后修改并重新提交`,
        );
      }
      if (row.status === 'submitted' && saved !== 'unchanged') {
        // Still waiting: the newer version goes to the top of the queue, the state itself does not change.
        this.deps.reviews.save({ ...row, submittedAt: at, submittedBy: opts.by.actor });
        return toState({ ...row, submittedAt: at, submittedBy: opts.by.actor });
      }
      return toState(row);
    });
  }

  /** A reviewer's decision (the caller has checked role and county), or the submitter's withdrawal. */
  decide(s: ReviewSubject, record: Expert | Demand, action: ReviewAction, by: ReviewActor, reason: string | undefined): ReviewState {
    const why = reason?.trim() || null;
    return this.deps.transaction(() => {
      const row = this.deps.reviews.get(ENTITY[s.kind], s.id);
      const status = row?.status ?? 'submitted';
      const at = this.now();
      if (action === 'withdraw') {
        if (status === 'withdrawn') throw new AppError('INTAKE_STATE_CONFLICT', '该表单已撤回', { status });
        return this.write(s, row, { status: 'withdrawn', reason: why, decidedAt: at, decidedBy: by.actor }, by, 'intake.withdraw', why);
      }
      if (status !== 'submitted') {
        throw new AppError('INTAKE_STATE_CONFLICT', `只有待审核的表单可以${action === 'approve' ? '通过' : '退回'}（当前状态：${STATUS_LABELS[status]}）`, { status });
      }
      if (action === 'return') {
        if (!why || why.length < 2) throw new AppError('REASON_REQUIRED', '退回时须填写退回理由，提交人将据此修改');
        return this.write(s, row, { status: 'returned', reason: why, decidedAt: at, decidedBy: by.actor }, by, 'intake.return', why);
      }
      return this.write(s, row, { status: 'approved', reason: null, approvedRecord: record, decidedAt: at, decidedBy: by.actor }, by, 'intake.approve', why);
    });
  }

  private write(s: ReviewSubject, row: IntakeReviewRow | undefined, change: Partial<IntakeReviewRow>, by: ReviewActor, action: string, note: string | null): ReviewState {
    const at = this.now();
    const next: IntakeReviewRow = {
      entity: ENTITY[s.kind],
      entityId: s.id,
      status: 'submitted',
      reason: null,
      approvedRecord: null,
      submittedAt: at,
      submittedBy: by.actor,
      decidedAt: null,
      decidedBy: null,
      ...row,
      ...change,
    };
    this.deps.reviews.save(next);
    this.deps.audit.append({
      ...by,
      action,
      entity: s.kind,
      entityId: s.key,
      regionCode: this.deps.reviews.regionOf(ENTITY[s.kind], s.id),
      before: audited(row),
      after: audited(next),
      note,
    });
    return toState(next);
  }
}

export const STATUS_LABELS: Record<IntakeReviewStatus, string> = { submitted: '待审核', approved: '已通过', returned: '已退回', withdrawn: '已撤回' };
