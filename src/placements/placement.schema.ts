import { z } from 'zod';
import { creditCodeSchema, dateSchema, externalIdSchema, GRADES, regionCodeSchema, text } from '../intake/common.schema';
import { IP_TYPES, OUTCOME_KINDS } from '../policy/policy.schema';

// Placements: one 科技副总 appointment from its creation (a confirmed region, an agreed pair, a renewal, or a
// service declared at intake) to its end. Request and response formats of /v1/placements/…; the pages render
// the same shapes. Every step traces to a clause quoted in docs/policies.md ("Placements").

/**
 * pending_agreement: created, the tripartite agreement is not filed yet (Wenzhou 四(三) 协议报县（市、区）科技部门备案).
 * active: the agreement is filed; service is logged. terminated: early termination filed (Wenzhou 六(二)).
 * evaluated: the city confirmed the term grade (Wenzhou 六(二), Xinxiang 六(四)). renewed: the next term was
 * created from it (Xinxiang 六(四) 直接予以续聘). historical: service declared at intake (kind 'historical').
 */
export const PLACEMENT_STATES = ['pending_agreement', 'active', 'terminated', 'evaluated', 'renewed', 'historical'] as const;
export type PlacementState = (typeof PLACEMENT_STATES)[number];
export const PLACEMENT_KINDS = ['programme', 'historical'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
/** review: a confirmed region's pair; agreed_pair: fixed by the selection flow; renewal: the next term; import: declared at intake. */
export const PLACEMENT_ORIGINS = ['review', 'agreed_pair', 'renewal', 'import'] as const;
export type PlacementOrigin = (typeof PLACEMENT_ORIGINS)[number];

export const AGREEMENT_STATUSES = ['none', 'submitted', 'filed', 'returned'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const SERVICE_LOG_STATUSES = ['pending', 'confirmed', 'disputed'] as const;
export type ServiceLogStatus = (typeof SERVICE_LOG_STATUSES)[number];
export const PARTY_SIDES = ['enterprise', 'expert'] as const;
export type PartySide = (typeof PARTY_SIDES)[number];

/**
 * What the documents count (Wenzhou 一 破解技术难题/技术攻关项目/申报发明专利; Liaocheng 第七条 新技术新工艺新产品/
 * 知识产权/培训/培养人才; Wenzhou 三(一)4 and Xinxiang 六(四) 平台载体).
 */
export { OUTCOME_KINDS, type OutcomeKind } from '../policy/policy.schema';
/** The kinds of intellectual property a filing may be (Liaocheng 第七条第2项: 发明专利、实用新型专利、软件著作权等). */
export { IP_TYPES, type IpType } from '../policy/policy.schema';

export const EVALUATION_KINDS = ['annual', 'term'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
/** assessed: the enterprise's assessment is in; graded: the county graded it; confirmed: the city confirmed; returned: the city sent it back. */
export const EVALUATION_STATUSES = ['assessed', 'graded', 'confirmed', 'returned'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const gradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof gradeSchema>;

export const TERMINATION_STATUSES = ['requested', 'filed'] as const;
export type TerminationStatus = (typeof TERMINATION_STATUSES)[number];
export const RENEWAL_STATUSES = ['requested', 'accepted'] as const;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];

/** Per-placement service-time verdict against the rule of its own profile. */
export const SERVICE_TIME_STATUSES = ['on_track', 'behind', 'missed', 'not_started', 'not_applicable'] as const;
export type ServiceTimeStatus = (typeof SERVICE_TIME_STATUSES)[number];
export const PERIOD_STATUSES = ['met', 'on_track', 'behind', 'missed', 'upcoming'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** Signed agreements and evidence: PDF or a scan (PNG/JPEG), recognised by their first bytes, never by the name. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

const clauseOut = z.object({ document: z.string(), article: z.string(), text: z.string().optional() });
export type ClauseOut = z.infer<typeof clauseOut>;
const reasonText = text().trim().min(1, '请填写理由').max(1000);
const noteText = text().trim().max(1000);

export const placementIdSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
export const placementParamsSchema = z.object({ placementId: placementIdSchema });
export const placementItemParamsSchema = z.object({
  placementId: placementIdSchema,
  itemId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31),
});

// ── stored parts ────────────────────────────────────────────────────────────────────────────────────────

export const documentSchema = z.object({
  id: z.number().int(),
  purpose: z.enum(['agreement', 'evidence']),
  fileName: z.string(),
  mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type PlacementDocument = z.infer<typeof documentSchema>;

export const agreementSchema = z.object({
  status: z.enum(AGREEMENT_STATUSES),
  /** The signed tripartite agreement (enterprise, expert, sending unit). */
  document: documentSchema.nullable(),
  signedOn: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** 备案 by the county, or its return with a reason. */
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** Not filed `overdueAfterDays` after the placement was created (config PLACEMENT_AGREEMENT_DAYS). */
  overdue: z.boolean(),
  dueOn: z.string(),
  clause: clauseOut.nullable(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const serviceLogEntrySchema = z.object({
  id: z.number().int(),
  date: z.string(),
  days: z.number(),
  /** What was done. */
  activity: z.string(),
  /** With whom (the enterprise's people, a team). */
  participants: z.string(),
  status: z.enum(SERVICE_LOG_STATUSES),
  loggedBy: z.string(),
  loggedAt: z.string(),
  /** The enterprise's confirmation or dispute. */
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  disputeReason: z.string().nullable(),
});
export type ServiceLogEntry = z.infer<typeof serviceLogEntrySchema>;

export const outcomeSchema = z.object({
  id: z.number().int(),
  kind: z.enum(OUTCOME_KINDS),
  /** How many (problems, projects, filings, sessions, people, platforms). */
  quantity: z.number().int(),
  date: z.string(),
  title: z.string(),
  ipType: z.enum(IP_TYPES).nullable(),
  /** Evidence: a description (application number, certificate, minutes) and optionally a document. */
  evidence: z.string(),
  document: documentSchema.nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const evaluationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EVALUATION_KINDS),
  /** annual: the service year (1, 2, …); term: null. */
  year: z.number().int().nullable(),
  status: z.enum(EVALUATION_STATUSES),
  enterprise: z.object({ grade: gradeSchema, comment: z.string(), by: z.string(), at: z.string() }),
  county: z.object({ grade: gradeSchema, reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  city: z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
  returnNote: z.string().nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const terminationSchema = z.object({
  status: z.enum(TERMINATION_STATUSES),
  requestedSide: z.enum(PARTY_SIDES),
  reason: z.string(),
  /** The last day of service. */
  effectiveOn: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  filedBy: z.string().nullable(),
  filedAt: z.string().nullable(),
  note: z.string().nullable(),
  clause: clauseOut.nullable(),
});
export type Termination = z.infer<typeof terminationSchema>;

export const renewalSchema = z.object({
  status: z.enum(RENEWAL_STATUSES),
  requestedSide: z.enum(PARTY_SIDES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  acceptedBy: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  nextPlacementId: z.number().int().nullable(),
  clause: clauseOut.nullable(),
});
export type Renewal = z.infer<typeof renewalSchema>;

export const servicePeriodSchema = z.object({
  index: z.number().int(),
  from: z.string(),
  to: z.string(),
  requiredDays: z.number(),
  requiredVisits: z.number().int().nullable(),
  confirmedDays: z.number(),
  confirmedVisits: z.number().int(),
  pendingDays: z.number(),
  /** The pro-rata share of the minimum due by the reference date (the period's minimum once it ended). */
  expectedByNow: z.number(),
  status: z.enum(PERIOD_STATUSES),
});
export type ServicePeriod = z.infer<typeof servicePeriodSchema>;

export const serviceTimeSchema = z.object({
  status: z.enum(SERVICE_TIME_STATUSES),
  /** The profile's minimum, with the clause it comes from; null when the profile sets none. */
  rule: z
    .object({
      period: z.enum(['month', 'year']),
      minDays: z.number(),
      minVisits: z.number().int().nullable(),
      clause: clauseOut,
    })
    .nullable(),
  referenceDate: z.string(),
  confirmedDays: z.number(),
  pendingDays: z.number(),
  disputedDays: z.number(),
  periods: z.array(servicePeriodSchema),
  /** One line for the county: the verdict, the figures and the clause. */
  message: z.string(),
});
export type ServiceTime = z.infer<typeof serviceTimeSchema>;

// ── the placement ───────────────────────────────────────────────────────────────────────────────────────

export const placementSummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(PLACEMENT_KINDS),
  origin: z.enum(PLACEMENT_ORIGINS),
  state: z.enum(PLACEMENT_STATES),
  stateLabel: z.string(),
  profile: z.object({ id: z.string(), version: z.number().int(), name: z.string() }).nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  enterprise: z.object({ creditCode: z.string(), name: z.string() }),
  expert: z.object({ externalId: z.string(), name: z.string() }),
  demandId: z.string().nullable(),
  cycleId: z.string().nullable(),
  runId: z.string().nullable(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  /** The last day of service: termEnd, or the termination's effective day. */
  endsOn: z.string().nullable(),
  /** The city-confirmed term grade (the one the rules read). */
  grade: gradeSchema.nullable(),
  renewalOf: z.number().int().nullable(),
  renewedTo: z.number().int().nullable(),
  agreementStatus: z.enum(AGREEMENT_STATUSES),
  agreementOverdue: z.boolean(),
  serviceTimeStatus: z.enum(SERVICE_TIME_STATUSES),
  createdAt: z.string(),
});
export type PlacementSummary = z.infer<typeof placementSummarySchema>;

/** What the caller may do next (the pages show these buttons; the API enforces the same). */
export const placementActionsSchema = z.object({
  uploadAgreement: z.boolean(),
  fileAgreement: z.boolean(),
  logService: z.boolean(),
  reviewServiceLog: z.boolean(),
  recordOutcome: z.boolean(),
  assess: z.boolean(),
  grade: z.boolean(),
  confirmGrade: z.boolean(),
  requestTermination: z.boolean(),
  fileTermination: z.boolean(),
  requestRenewal: z.boolean(),
  acceptRenewal: z.boolean(),
});
export type PlacementActions = z.infer<typeof placementActionsSchema>;

export const placementDetailSchema = placementSummarySchema.extend({
  agreement: agreementSchema,
  serviceLog: z.array(serviceLogEntrySchema),
  serviceTime: serviceTimeSchema,
  outcomes: z.array(outcomeSchema),
  evaluations: z.array(evaluationSchema),
  termination: terminationSchema.nullable(),
  renewal: renewalSchema.nullable(),
  /** Term evaluation opens this day (a month before the term ends: Xinxiang 六(四), Hubei 六(四)). */
  evaluationOpensOn: z.string().nullable(),
  actions: placementActionsSchema,
});
export type PlacementDetail = z.infer<typeof placementDetailSchema>;

// ── requests ────────────────────────────────────────────────────────────────────────────────────────────

export const placementListQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  state: z.enum(PLACEMENT_STATES).optional(),
  kind: z.enum(PLACEMENT_KINDS).default('programme'),
  expertId: externalIdSchema.optional(),
  enterpriseCreditCode: creditCodeSchema.optional(),
  cycle: z.string().trim().min(1).max(100).optional(),
  serviceTime: z.enum(SERVICE_TIME_STATUSES).optional(),
  agreementOverdue: z.coerce.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type PlacementListQuery = z.infer<typeof placementListQuerySchema>;
export const placementListResponseSchema = z.object({ total: z.number().int(), items: z.array(placementSummarySchema) });
export type PlacementList = z.infer<typeof placementListResponseSchema>;

/** An agreed pair fixed outside a cycle run's review (the selection flow): the county of the enterprise creates it. */
export const agreedPairBodySchema = z.object({
  expertId: externalIdSchema,
  enterpriseCreditCode: creditCodeSchema,
  demandId: externalIdSchema.optional(),
  cycle: z.string().trim().min(1).max(100),
  termStart: dateSchema.optional(),
});
export type AgreedPairInput = z.infer<typeof agreedPairBodySchema>;

/** Upload query (the body is the file itself: application/pdf, image/png or image/jpeg). */
export const uploadQuerySchema = z.object({
  fileName: text().trim().min(1).max(200),
  signedOn: dateSchema.optional(),
});
export const agreementDecisionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('file'), note: noteText.optional() }),
  z.object({ action: z.literal('return'), reason: reasonText }),
]);
export type AgreementDecisionInput = z.infer<typeof agreementDecisionBodySchema>;

export const serviceLogBodySchema = z.object({
  date: dateSchema,
  days: z
    .number()
    .min(0.5)
    .max(31)
    .refine((d) => Number.isInteger(d * 2), '服务天数以半天为单位'),
  activity: text().trim().min(1, '请填写服务内容').max(2000),
  participants: text().trim().min(1, '请填写服务对象（与谁）').max(500),
});
export type ServiceLogInput = z.infer<typeof serviceLogBodySchema>;
export const serviceLogReviewBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm') }),
  z.object({ action: z.literal('dispute'), reason: reasonText }),
]);
export type ServiceLogReviewInput = z.infer<typeof serviceLogReviewBodySchema>;

export const outcomeBodySchema = z
  .object({
    kind: z.enum(OUTCOME_KINDS),
    quantity: z.number().int().min(1).max(10_000).default(1),
    date: dateSchema,
    title: text().trim().min(1, '请填写成果名称').max(300),
    ipType: z.enum(IP_TYPES).optional(),
    evidence: text().trim().min(1, '请填写佐证材料说明（如申请号、证书编号、培训签到表）').max(2000),
    /** A document uploaded before with purpose 'evidence' (POST …/documents). */
    documentId: z.number().int().min(1).optional(),
  })
  .refine((o) => o.kind !== 'ip_filing' || o.ipType !== undefined, { path: ['ipType'], message: '知识产权申请须注明类型' });
export type OutcomeInput = z.input<typeof outcomeBodySchema>;

export const assessmentBodySchema = z.object({
  kind: z.enum(EVALUATION_KINDS),
  /** annual only: the service year assessed. */
  year: z.number().int().min(1).max(10).optional(),
  grade: gradeSchema,
  comment: text().trim().min(1, '请填写评价意见').max(2000),
});
export type AssessmentInput = z.infer<typeof assessmentBodySchema>;
export const gradeBodySchema = z.object({ grade: gradeSchema, reason: reasonText });
export type GradeInput = z.infer<typeof gradeBodySchema>;
export const gradeConfirmBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), note: noteText.optional() }),
  z.object({ action: z.literal('return'), note: reasonText }),
]);
export type GradeConfirmInput = z.infer<typeof gradeConfirmBodySchema>;

export const terminationBodySchema = z.object({
  reason: reasonText,
  effectiveOn: dateSchema.optional(),
});
export type TerminationInput = z.infer<typeof terminationBodySchema>;
export const terminationFileBodySchema = z.object({ note: noteText.optional() });

export const renewalAcceptBodySchema = z.object({ termStart: dateSchema.optional() });

/** Staff and portals record a party's step on its behalf (paper forms): they name the side. */
export const onBehalfSchema = z.object({ side: z.enum(PARTY_SIDES).optional() });

// ── read models for the dashboards ──────────────────────────────────────────────────────────────────────

export const outcomeTargetLineSchema = z.object({
  kind: z.union([z.enum(OUTCOME_KINDS), z.literal('enterprises'), z.literal('placements')]),
  label: z.string(),
  /** perPlacementYear: each placement each service year; programme: the whole programme by `until`. */
  scope: z.enum(['perPlacementYear', 'programme']),
  target: z.number(),
  actual: z.number(),
  /** perPlacementYear: placement-years that met it, of those that ended. */
  met: z.number().int().nullable(),
  of: z.number().int().nullable(),
  until: z.string().nullable(),
  clause: clauseOut,
});
export type OutcomeTargetLine = z.infer<typeof outcomeTargetLineSchema>;
export const profileTargetsSchema = z.object({
  profile: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  placements: z.number().int(),
  lines: z.array(outcomeTargetLineSchema),
});
export type ProfileTargets = z.infer<typeof profileTargetsSchema>;

const countsByState = z.record(z.enum(PLACEMENT_STATES), z.number().int());
const countsByServiceTime = z.record(z.enum(SERVICE_TIME_STATUSES), z.number().int());
const outcomeSums = z.record(z.enum(OUTCOME_KINDS), z.number().int());

export const regionFiguresSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  placements: z.number().int(),
  byState: countsByState,
  byServiceTime: countsByServiceTime,
  agreementOverdue: z.number().int(),
  confirmedServiceDays: z.number(),
  outcomes: outcomeSums,
  grades: z.record(gradeSchema, z.number().int()),
  pendingTerminations: z.number().int(),
  pendingGrades: z.number().int(),
});
export type RegionFigures = z.infer<typeof regionFiguresSchema>;

export const countyDashboardSchema = z.object({
  referenceDate: z.string(),
  figures: regionFiguresSchema,
  targets: z.array(profileTargetsSchema),
  /** Placements that need the county: behind or missed service time, overdue agreements, steps waiting for it. */
  attention: z.array(placementSummarySchema.extend({ reasons: z.array(z.string()) })),
  placements: z.array(placementSummarySchema.extend({ serviceTimeMessage: z.string() })),
});
export type CountyDashboard = z.infer<typeof countyDashboardSchema>;

export const cityDashboardSchema = z.object({
  referenceDate: z.string(),
  totals: regionFiguresSchema.omit({ regionCode: true, regionName: true }),
  counties: z.array(regionFiguresSchema),
  targets: z.array(profileTargetsSchema),
});
export type CityDashboard = z.infer<typeof cityDashboardSchema>;

export const topListQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100), region: regionCodeSchema.optional() });
export const topListSchema = z.object({
  year: z.number().int(),
  size: z.number().int(),
  clause: clauseOut,
  items: z.array(
    z.object({
      rank: z.number().int(),
      placement: placementSummarySchema,
      /** The city-confirmed grade the ranking starts from (优秀 before 良好 before 合格; 不合格 never listed). */
      grade: gradeSchema,
      outcomeCount: z.number().int(),
      confirmedServiceDays: z.number(),
      /** Also in the previous year's list (Wenzhou 五(一) 连续两年评价排名前十). */
      consecutive: z.boolean(),
    }),
  ),
});
export type TopList = z.infer<typeof topListSchema>;

export const dashboardQuerySchema = z.object({ referenceDate: dateSchema.optional() });
export const countyDashboardParamsSchema = z.object({ region: regionCodeSchema });

/** After a filed termination: who is free again, from when. */
export const terminationResultSchema = z.object({
  placement: placementDetailSchema,
  expertAvailableFrom: z.string().nullable(),
  enterpriseMayFileDemand: z.boolean(),
});
export type TerminationResult = z.infer<typeof terminationResultSchema>;

export const renewalResultSchema = z.object({ placement: placementDetailSchema, next: placementDetailSchema.nullable() });
export type RenewalResult = z.infer<typeof renewalResultSchema>;
