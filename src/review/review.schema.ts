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
  seats: z.number().int(),
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
  items: z.array(demandReviewSchema),
});

export const decisionResponseSchema = z.object({ demand: demandReviewSchema, region: regionSummarySchema });

export type RunInfo = z.infer<typeof runInfoSchema>;
export type RegionSummary = z.infer<typeof regionSummarySchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type DemandReview = z.infer<typeof demandReviewSchema>;
export type RegionReview = z.infer<typeof regionReviewResponseSchema>;
export type RegionList = z.infer<typeof regionListResponseSchema>;
