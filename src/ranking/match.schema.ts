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
// Without policy or cycle the route applies the open cycle of the enterprise's county, else MATCH_DEFAULT_PROFILE,
// else refuses with 400 POLICY_REQUIRED (src/ranking/match-defaults.service.ts).
export const adHocMatchSchema = adHocDemandSchema.extend(common);

/** POST /v1/match: a stored demand by id, or an ad-hoc problem with the demand import's field names. */
export const matchRequestSchema = z.union([storedMatchSchema, adHocMatchSchema]);
export type MatchRequest = z.infer<typeof matchRequestSchema>;

export const matchResponseSchema = z.object({
  demandId: z.string().nullable(),
  policy: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  cycle: z.string().nullable(),
  referenceDate: z.string(),
  /** Which cycle and profile the match ran under, and why (asked for, the demand's cycle, the county's open cycle, the default profile). */
  applied: z.object({
    cycle: z.string().nullable(),
    profile: z.string(),
    source: z.enum(['request', 'demand', 'region-cycle', 'default-profile']),
  }),
  candidates: z.array(rankedCandidateSchema),
  /** Staff only: the best-scoring experts the rules excluded, with the rule codes and clauses. */
  excluded: z.array(excludedCandidateSchema).optional(),
  stats: z.object({ pool: z.number(), eligible: z.number(), scored: z.number(), exact: z.boolean(), ms: z.number() }),
});
export type MatchResponse = z.infer<typeof matchResponseSchema>;
