import { z } from 'zod';
import { externalIdSchema } from '../intake/common.schema';
import { policyRefSchema } from '../policy/policy-api.schema';
import { adHocDemandSchema, excludedCandidateSchema, rankedCandidateSchema } from './ranking.schema';

export const MATCH_TOP_MAX = 100;
export const MATCH_TOP_DEFAULT = 10;
/** How many excluded experts staff see explained. */
export const MATCH_EXCLUDED_FOR_STAFF = 10;

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

// Lone surrogates and control characters are refused by the shared text schema (src/intake/common.schema.ts).
export const adHocMatchSchema = adHocDemandSchema
  .extend(common)
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
  /** Only while a staged start is still embedding: the shortlist rests on the experts' portraits (see note). */
  retrieval: z.object({ complete: z.literal(false), note: z.string() }).optional(),
});
export type MatchResponse = z.infer<typeof matchResponseSchema>;
