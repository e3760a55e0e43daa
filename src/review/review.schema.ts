import { z } from 'zod';
import { externalIdSchema, regionCodeSchema } from '../intake/common.schema';
import { runHeaderSchema } from '../cycles/cycle-run.schema';
import { excludedCandidateSchema, rankedCandidateSchema } from '../ranking/ranking.schema';

// County review of a completed cycle run (Wenzhou plan 四(二): 县（市、区）科技部门负责对匹配信息进行审核).
// Request and response formats of /v1/runs/:runId/… review routes; the web page renders the same shapes.

export const REVIEW_ACTIONS = ['approve', 'reject', 'swap'] as const;
export const DECISION_STATUSES = ['pending', 'approved', 'rejected', 'swapped'] as const;
export const REGION_STATUSES = ['open', 'submitted', 'confirmed', 'returned'] as const;

export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export type RegionStatus = (typeof REGION_STATUSES)[number];

export const runIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, '批次编号只能包含字母、数字、下划线、点、冒号和连字符');

export const runParamsSchema = z.object({ runId: runIdSchema });
export const runRegionParamsSchema = z.object({ runId: runIdSchema, region: regionCodeSchema });
export const runDemandParamsSchema = z.object({ runId: runIdSchema, demandId: externalIdSchema });

const clauseOut = z.object({ document: z.string(), article: z.string(), text: z.string().optional() });

/** One rule of a current verdict, as the county page shows it. */
export const ruleLineSchema = z.object({
  ruleId: z.string(),
  effect: z.enum(['hard', 'soft']),
  outcome: z.enum(['pass', 'fail', 'relaxed', 'unknown', 'not_applicable']),
  code: z.string(),
  message: z.string(),
  clause: clauseOut,
  missing: z.array(z.string()).optional(),
  verification: z
    .object({
      verdict: z.enum(['pass', 'fail']),
      by: z.string(),
      at: z.string(),
      reason: z.string(),
      subject: z.enum(['expert', 'enterprise', 'demand']),
      subjectId: z.string(),
    })
    .optional(),
});
export type RuleLine = z.infer<typeof ruleLineSchema>;

const evaluationStatus = z.enum(['eligible', 'review', 'unknown', 'ineligible']);

/** The enterprise and demand rules now: the notable lines (fail, unknown, relaxed, verified, soft), and the plain passes. */
export const enterpriseCheckSchema = z.object({
  status: evaluationStatus,
  missing: z.array(z.string()),
  lines: z.array(ruleLineSchema),
  passed: z.array(ruleLineSchema),
});
export type EnterpriseCheck = z.infer<typeof enterpriseCheckSchema>;

/** A candidate the enterprise named, evaluated now for this demand (its own rules beyond the enterprise's). */
export const namedCheckSchema = z.object({
  expertId: z.string(),
  name: z.string(),
  agreed: z.boolean(),
  status: evaluationStatus,
  missing: z.array(z.string()),
  lines: z.array(ruleLineSchema),
  passed: z.array(ruleLineSchema),
});
export type NamedCheck = z.infer<typeof namedCheckSchema>;

export const decisionBodySchema = z
  .object({
    action: z.enum(REVIEW_ACTIONS, '操作应为 approve（通过）、reject（驳回）或 swap（替换）'),
    reason: z.string().trim().max(500, '理由不超过 500 字').optional(),
    /** The alternate to swap in (an expert external id from the demand's alternates). */
    expertId: externalIdSchema.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.action === 'reject' && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回时必须填写理由' });
    if (b.action === 'swap' && !b.expertId) ctx.addIssue({ code: 'custom', path: ['expertId'], message: '替换时必须选择一名备选专家' });
  });
export type DecisionInput = z.infer<typeof decisionBodySchema>;

export const VERIFY_SUBJECTS = ['expert', 'enterprise', 'demand'] as const;

/**
 * Resolves an unknown hard rule for one subject: either enter the missing facts into the record (`facts`,
 * keyed by the missing fact's path) or record a verdict with a written reason. Both are audited.
 */
export const verifyBodySchema = z
  .object({
    subject: z.enum(VERIFY_SUBJECTS, '核实对象应为 expert（专家）、enterprise（企业）或 demand（需求）'),
    subjectId: z.string().trim().min(1).max(64),
    ruleId: z.string().trim().min(1).max(64),
    verdict: z.enum(['pass', 'fail'], '核实结论应为 pass（符合）或 fail（不符合）').optional(),
    reason: z.string().trim().max(1000, '理由不超过 1000 字').optional(),
    facts: z.record(z.string().max(64), z.union([z.string().max(64), z.number(), z.boolean()])).optional(),
  })
  .superRefine((b, ctx) => {
    const hasFacts = b.facts !== undefined && Object.keys(b.facts).length > 0;
    if (hasFacts === (b.verdict !== undefined)) ctx.addIssue({ code: 'custom', path: ['verdict'], message: '请补录缺少的信息（facts）或给出核实结论（verdict），二者选一' });
    if (b.verdict !== undefined && (!b.reason || b.reason.length < 2)) ctx.addIssue({ code: 'custom', path: ['reason'], message: '记录核实结论时必须填写理由' });
  });
export type VerifyInput = z.infer<typeof verifyBodySchema>;

export const verifyResponseSchema = z.object({
  /** The rule's verdict after the resolution. */
  rule: ruleLineSchema,
  /** How the unknown was resolved. */
  resolvedBy: z.enum(['facts', 'verdict']),
});

export const returnBodySchema = z.object({
  note: z.string().trim().min(1, '退回时必须填写意见').max(1000, '意见不超过 1000 字'),
});

export const auditListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** A run as county review shows it (cycles owns the run tables and their schema). */
export const runInfoSchema = runHeaderSchema;

export const regionSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Demands of this region in the run (one proposal row each). */
  demands: z.number().int(),
  /** The seats this county draws on: its own, or its quota unit's (city or cycle pool) when seatsShared. */
  seats: z.number().int(),
  /** The quota unit (this county, its city, or the cycle's one pool) and whether other counties share its seats. */
  seatUnit: z.string(),
  seatsShared: z.boolean(),
  /** Demands with 待核实 candidates or unverified own facts. */
  unverified: z.number().int(),
  /** Demands the run proposed an expert for. */
  proposed: z.number().int(),
  /** approved + swapped: what counts against the seats. */
  assigned: z.number().int(),
  approved: z.number().int(),
  swapped: z.number().int(),
  rejected: z.number().int(),
  /** Proposed pairs still waiting for a decision. */
  pending: z.number().int(),
  /** Demands without a proposal and without a decision. */
  unfilled: z.number().int(),
  status: z.enum(REGION_STATUSES),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const decisionSchema = z.object({
  status: z.enum(DECISION_STATUSES),
  /** The expert in effect: the proposed one when approved, the alternate when swapped, null when rejected or pending. */
  expertId: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const demandReviewSchema = z.object({
  demandId: z.string(),
  enterprise: z.object({
    creditCode: z.string(),
    name: z.string(),
    industry: z.string().nullable(),
    employees: z.number().nullable(),
    revenue: z.number().nullable(),
  }),
  title: z.string(),
  expectedField: z.string(),
  /** 期望“科技副总”帮助解决的技术创新难题. */
  problem: z.string(),
  /** 期望与“科技副总”派出单位开展的项目合作. */
  expectedCooperation: z.string(),
  /** 指定专家 (附件1 三): up to two, with whether they already agreed. */
  namedCandidates: z.array(
    z.object({
      expertId: z.string().nullable(),
      name: z.string().nullable(),
      institution: z.string().nullable(),
      agreed: z.boolean(),
    }),
  ),
  proposed: rankedCandidateSchema.nullable(),
  /** Why the run proposed nobody (quota used up, no eligible expert, …). */
  unfilledReason: z.string().nullable(),
  alternates: z.array(rankedCandidateSchema),
  excluded: z.array(excludedCandidateSchema),
  /** 待核实: candidates of the run with a hard rule unknown, never proposed; resolve, then swap one in or re-run. */
  pending: z.array(rankedCandidateSchema),
  /** Current verdicts (not the run's snapshot): the enterprise and demand rules, and each named candidate. */
  checks: z.object({ enterprise: enterpriseCheckSchema.nullable(), named: z.array(namedCheckSchema) }),
  decision: decisionSchema,
  /** The candidate entry of decision.expertId (proposed or alternate), for display. */
  assigned: rankedCandidateSchema.nullable(),
});

export const regionListResponseSchema = z.object({ run: runInfoSchema, items: z.array(regionSummarySchema) });

export const regionReviewResponseSchema = z.object({
  run: runInfoSchema,
  region: regionSummarySchema,
  /** Decisions are accepted while the region is open or returned. */
  decisionsOpen: z.boolean(),
  /** How the run shared its seats (the clause, the cycle's setting, or one pool), as stored on the run. */
  allocation: z.string().nullable(),
  items: z.array(demandReviewSchema),
});

export const decisionResponseSchema = z.object({ demand: demandReviewSchema, region: regionSummarySchema });

export type RunInfo = z.infer<typeof runInfoSchema>;
export type RegionSummary = z.infer<typeof regionSummarySchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type DemandReview = z.infer<typeof demandReviewSchema>;
export type RegionReview = z.infer<typeof regionReviewResponseSchema>;
export type RegionList = z.infer<typeof regionListResponseSchema>;
