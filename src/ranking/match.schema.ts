import { z } from 'zod';
import { externalIdSchema } from '../intake/common.schema';
import { policyRefSchema } from '../policy/policy-api.schema';
import { adHocDemandSchema, excludedCandidateSchema, rankedCandidateSchema } from './ranking.schema';

export const MATCH_TOP_MAX = 100;
export const MATCH_TOP_DEFAULT = 10;
/** How many excluded experts staff see explained. */
export const MATCH_EXCLUDED_FOR_STAFF = 10;

/** Lone UTF-16 surrogates cannot be segmented, embedded or stored as UTF-8: refused at the edge. */
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const WELL_FORMED = '文本包含无效的 Unicode 字符（孤立代理项）';

const cycleRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/, '选派周期编号格式不正确');
const common = {
  /** A selection cycle: its profile, reference date and history apply. */
  cycle: cycleRef.optional(),
  /** A policy profile (id or id@version; 'open' for no eligibility rules); overrides the cycle's. */
  policy: policyRefSchema.optional(),
  top: z.number().int().min(1).max(MATCH_TOP_MAX).default(MATCH_TOP_DEFAULT),
};

export const storedMatchSchema = z.object({ demandId: externalIdSchema, ...common });

export const adHocMatchSchema = adHocDemandSchema
  .extend({
    ...common,
    title: adHocDemandSchema.shape.title.refine(wellFormed, WELL_FORMED),
    description: z.string().trim().max(20_000).refine(wellFormed, WELL_FORMED).default(''),
    expectedField: z.string().trim().max(100).refine(wellFormed, WELL_FORMED).default(''),
  })
  .refine((b) => b.cycle || b.policy, { message: '需要指定策略配置（policy，不设条件时用 open）或选派周期（cycle）', path: ['policy'] });

/** POST /v1/match: a stored demand by id, or an ad-hoc problem with the demand import's field names. */
export const matchRequestSchema = z.union([storedMatchSchema, adHocMatchSchema]);
export type MatchRequest = z.infer<typeof matchRequestSchema>;

export const matchResponseSchema = z.object({
  demandId: z.string().nullable(),
  policy: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  cycle: z.string().nullable(),
  referenceDate: z.string(),
  candidates: z.array(rankedCandidateSchema),
  /** Staff only: the best-scoring experts the rules excluded, with the rule codes and clauses. */
  excluded: z.array(excludedCandidateSchema).optional(),
  stats: z.object({ pool: z.number(), eligible: z.number(), scored: z.number(), exact: z.boolean(), ms: z.number() }),
});
export type MatchResponse = z.infer<typeof matchResponseSchema>;
