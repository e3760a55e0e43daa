import { z } from 'zod';
import { creditCodeSchema, dateSchema, externalIdSchema } from '../intake/common.schema';
import { RULE_KINDS } from './policy.schema';
import { REASON_CODES, RELAXATION_CODES } from './reason-codes';

// Request and response formats of the policy endpoints. Response schemas are transform-free so the
// zod serializer can encode them.

export const policyRefSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}(@\d{1,6})?$/, '策略配置应为编号或“编号@版本”');

export const eligibilityRequestSchema = z
  .object({
    /** Profile id, or id@version; defaults to the cycle's profile. */
    policy: policyRefSchema.optional(),
    cycle: z.string().trim().min(1).max(64).optional(),
    expertId: externalIdSchema.optional(),
    enterpriseCreditCode: creditCodeSchema.optional(),
    /** The demand's enterprise is evaluated too; its cycle is the default cycle. */
    demandId: externalIdSchema.optional(),
    /** Overrides the cycle's reference date (what-if checks); defaults to the cycle's, else today in China. */
    referenceDate: dateSchema.optional(),
  })
  .refine((b) => b.expertId || b.enterpriseCreditCode || b.demandId, {
    message: '至少需要专家编号、企业统一社会信用代码或需求编号之一',
  });
export type EligibilityRequest = z.infer<typeof eligibilityRequestSchema>;

const clauseOut = z.object({ document: z.string(), article: z.string(), text: z.string().optional() });

export const ruleResultSchema = z.object({
  ruleId: z.string(),
  kind: z.enum(RULE_KINDS as [string, ...string[]]),
  effect: z.enum(['hard', 'soft']),
  outcome: z.enum(['pass', 'fail', 'relaxed', 'not_applicable']),
  code: z.enum(REASON_CODES),
  message: z.string(),
  clause: clauseOut,
  relaxation: z
    .object({
      kind: z.enum(['namedAgreed', 'coreIp', 'renewal', 'advisory']),
      code: z.enum(RELAXATION_CODES),
      message: z.string(),
      clause: clauseOut,
    })
    .optional(),
  relaxableInPair: z.boolean().optional(),
});

export const eligibilityResponseSchema = z.object({
  policy: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  cycle: z.string().nullable(),
  referenceDate: z.string(),
  subject: z.object({
    expertId: z.string().nullable(),
    enterpriseCreditCode: z.string().nullable(),
    demandId: z.string().nullable(),
  }),
  eligible: z.boolean(),
  needsReview: z.boolean(),
  priorityBoost: z.number(),
  priorities: z.array(z.object({ ruleId: z.string(), code: z.enum(REASON_CODES), boost: z.number(), message: z.string(), clause: clauseOut })),
  results: z.array(ruleResultSchema),
});
export type EligibilityResponse = z.infer<typeof eligibilityResponseSchema>;

export const policySummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  jurisdiction: z.object({ name: z.string(), regionCode: z.string().nullable() }),
  document: z.object({ title: z.string(), number: z.string().optional() }).nullable(),
  builtIn: z.boolean(),
  ruleCount: z.number().int(),
  loadedAt: z.string().nullable(),
});
export type PolicySummary = z.infer<typeof policySummarySchema>;

export const policyListResponseSchema = z.object({ items: z.array(policySummarySchema) });

export const policyDetailResponseSchema = z.object({
  builtIn: z.boolean(),
  loadedAt: z.string().nullable(),
  loadedBy: z.string().nullable(),
  /** All stored versions of a custom profile ([1] for a built-in). */
  versions: z.array(z.number().int()),
  /** The profile as validated (policyProfileSchema output). */
  profile: z.record(z.string(), z.unknown()),
});
export type PolicyDetail = z.infer<typeof policyDetailResponseSchema>;

export const policyLoadedResponseSchema = z.object({ id: z.string(), version: z.number().int(), ruleCount: z.number().int() });

export const errorResponseSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
