import { z } from 'zod';
import { regionCodeSchema } from '../intake/common.schema';
import { runAllocationSchema } from '../policy/allocation-setting';
import { excludedCandidateSchema, rankedCandidateSchema } from '../ranking/ranking.schema';
import { UNFILLED_CODES } from './unfilled-reasons';

// Formats of a cycle run: what the batch accepts, the summary it prints and stores, and the read API.

export const regionLimitSchema = z.object({
  min: z.number().int().min(0).max(100_000).optional(),
  max: z.number().int().min(0).max(100_000).optional(),
});

export const cycleRunOptionsSchema = z.object({
  cycleId: z.string().trim().min(1).max(64),
  /** Policy profile reference ('wenzhou-2025', 'id@version'); default: the cycle's. */
  policy: z.string().trim().min(1).max(64).optional(),
  /** Overrides cycle.seats. */
  seats: z.number().int().min(0).max(100_000).optional(),
  /** Compute and print, write nothing to the run tables. */
  dryRun: z.boolean().default(false),
  /** Eligible candidates asked of the ranker per demand: the assignment's edges. */
  top: z.number().int().min(1).max(200).default(20),
  /** Alternates stored per demand next to the proposed expert. */
  alternates: z.number().int().min(0).max(50).default(5),
  /** Best-scoring excluded experts stored per demand, with their reasons (staff explanation). */
  excluded: z.number().int().min(0).max(50).default(5),
  /** Per-region seat floor and ceiling ("原则上" leaves room for them). */
  regionLimits: z.record(regionCodeSchema, regionLimitSchema).default({}),
});
export type CycleRunOptions = z.input<typeof cycleRunOptionsSchema>;
export type ResolvedRunOptions = z.output<typeof cycleRunOptionsSchema>;

export const unfilledCodeSchema = z.enum(UNFILLED_CODES);

export const unfilledEntrySchema = z.object({
  demandId: z.string(),
  reason: unfilledCodeSchema,
  /** ENTERPRISE_INELIGIBLE / ENTERPRISE_UNVERIFIED: the codes of the enterprise rules it fails or cannot decide. */
  rules: z.array(z.string()).optional(),
});

export const regionRunSummarySchema = z.object({
  region: z.string().describe('the quota unit: a county, a city (市州) or the whole cycle, as the allocation setting says'),
  /** All demands of the unit in the cycle. */
  demands: z.number().int(),
  /** Demands whose enterprise does not fail the enterprise rules. */
  eligibleDemands: z.number().int(),
  /** What the share is computed from: eligible demands, or the enterprises filing them (allocation.count). */
  counted: z.number().int(),
  share: z.number().describe('counted / all counted'),
  exactQuota: z.number().describe('share × seats before limits'),
  floor: z.number().int(),
  remainder: z.number(),
  adjustedQuota: z.number().describe('the quota actually rounded once min/max/demand limits are applied'),
  bound: z.enum(['min', 'max', 'demands']).nullable().describe('which limit fixed the seats, if any'),
  seats: z.number().int(),
  assigned: z.number().int(),
  unfilled: z.array(unfilledEntrySchema),
  /** 待核实 candidates listed apart in the unit's demands. */
  pending: z.number().int(),
});

export { runAllocationSchema, type RunAllocation } from '../policy/allocation-setting';

export const runAssignmentSchema = z.object({
  demandId: z.string(),
  enterpriseCreditCode: z.string(),
  expertId: z.string(),
  score: z.number(),
  region: z.string(),
  namedAgreed: z.boolean(),
});

/** The batch's last stdout line and cycle_runs.summary: identical for an interrupted-and-resumed run and a clean one. */
/** An agreed pair from two-way selection and what the run made of it (fixed, or refused with the clauses). */
export const fixedPairReportSchema = z.object({
  demandId: z.string(),
  expertId: z.string(),
  interestId: z.number().int(),
  status: z.enum(['fixed', 'refused', 'unverified']),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      code: z.string(),
      message: z.string(),
      clause: z.object({ document: z.string(), article: z.string(), text: z.string().optional() }).optional(),
    }),
  ),
});
export type FixedPairReport = z.infer<typeof fixedPairReportSchema>;

export const cycleRunSummarySchema = z.object({
  run: z.string().nullable().describe('run id; null for a dry run'),
  cycle: z.string(),
  policy: z.string().describe('profile id@version'),
  seats: z.number().int(),
  seatsAssigned: z.number().int().describe('seats handed to regions (less than seats only when every region is capped)'),
  tieBreak: z.string(),
  allocation: runAllocationSchema.optional(),
  score: z.number().describe('total match score of the proposed pairs'),
  regions: z.array(regionRunSummarySchema),
  assignments: z.array(runAssignmentSchema),
  /** Agreed pairs of two-way selection: fixed in the assignment, or refused (the demand stays in the pool). */
  fixedPairs: z.array(fixedPairReportSchema).optional(),
});
export type CycleRunSummary = z.infer<typeof cycleRunSummarySchema>;
export type RegionRunSummary = z.infer<typeof regionRunSummarySchema>;
export type RunAssignment = z.infer<typeof runAssignmentSchema>;
export type UnfilledEntry = z.infer<typeof unfilledEntrySchema>;

// ---- read API -------------------------------------------------------------------------------------------

export const RUN_STATUSES = ['running', 'completed', 'abandoned'] as const;

export const runInfoSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  policy: z.string(),
  seats: z.number().int(),
  status: z.enum(RUN_STATUSES),
  params: z.record(z.string(), z.unknown()),
  inputHash: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  abandonedAt: z.string().nullable(),
  timings: z.record(z.string(), z.number()).nullable(),
});
export type RunInfo = z.infer<typeof runInfoSchema>;

/** The short form county review shows: the same run, fewer fields (one schema, picked, not a second one). */
export const runHeaderSchema = runInfoSchema.pick({ id: true, cycleId: true, policy: true, seats: true, status: true, startedAt: true, finishedAt: true });
export type RunHeader = z.infer<typeof runHeaderSchema>;
export const toRunHeader = (r: RunInfo): RunHeader => ({
  id: r.id,
  cycleId: r.cycleId,
  policy: r.policy,
  seats: r.seats,
  status: r.status,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

export const runListResponseSchema = z.object({ items: z.array(runInfoSchema) });

export const runDetailResponseSchema = runInfoSchema.extend({
  /** Null until the run completes; a county reviewer sees only their region in it. */
  summary: cycleRunSummarySchema.nullable(),
});

export const unfilledDetailSchema = z.object({
  code: unfilledCodeSchema,
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const assignmentItemSchema = z.object({
  demandId: z.string(),
  enterpriseCreditCode: z.string(),
  region: z.string(),
  expertId: z.string().nullable(),
  score: z.number().nullable(),
  namedAgreed: z.boolean(),
  proposed: rankedCandidateSchema.nullable(),
  alternates: z.array(rankedCandidateSchema),
  excluded: z.array(excludedCandidateSchema),
  /** 待核实: candidates with a hard rule still unknown, never assigned until a county reviewer resolves it. */
  pending: z.array(rankedCandidateSchema),
  unfilled: unfilledDetailSchema.nullable(),
});
export type AssignmentItem = z.infer<typeof assignmentItemSchema>;

export const assignmentListResponseSchema = z.object({
  run: runInfoSchema,
  total: z.number().int(),
  items: z.array(assignmentItemSchema),
});

export const cycleParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const cycleRunParamsSchema = z.object({ id: z.string().min(1).max(64), run: z.string().min(1).max(100) });
export const assignmentQuerySchema = z.object({
  run: z.string().min(1).max(100).optional(),
  region: regionCodeSchema.optional(),
  /** Only demands without a proposal (to work through the reasons). */
  unfilled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
