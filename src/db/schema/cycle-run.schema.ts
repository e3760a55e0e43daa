import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cycles } from './intake.schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

/**
 * One batch run of a cycle. A completed run is immutable; a run that was killed stays 'running' and
 * is resumed by the next invocation with the same input hash (its checkpointed rankings are reused).
 * A running run whose input has since changed is never resumed: it is marked abandoned (abandoned_at)
 * rather than given a third status, so readers that only know running/completed keep working.
 */
export const cycleRuns = sqliteTable(
  'cycle_runs',
  {
    id: text('id').primaryKey(),
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id),
    policy: text('policy').notNull(),
    seats: integer('seats').notNull(),
    params: json<Record<string, unknown>>('params').notNull(),
    inputHash: text('input_hash').notNull(),
    status: text('status', { enum: ['running', 'completed'] }).notNull(),
    startedAt: text('started_at').notNull().default(now),
    finishedAt: text('finished_at'),
    timings: json<Record<string, number>>('timings'),
    summary: json<unknown>('summary'),
    /** N of the run id `<cycle>-r<N>`: runs of a cycle in the order they were started. */
    seq: integer('seq'),
    /** Set when a later invocation found the input changed; the run then stays unfinished for good. */
    abandonedAt: text('abandoned_at'),
    abandonReason: text('abandon_reason'),
  },
  (t) => [index('cycle_runs_cycle_idx').on(t.cycleId, t.status)],
);

/** Checkpoint: the ranked eligible candidates of one demand within a run (resumability). */
export const runRankings = sqliteTable(
  'run_rankings',
  {
    runId: text('run_id')
      .notNull()
      .references(() => cycleRuns.id, { onDelete: 'cascade' }),
    demandExternalId: text('demand_external_id').notNull(),
    candidates: json<unknown[]>('candidates').notNull(),
    excluded: json<unknown[]>('excluded').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.demandExternalId] })],
);

/** Per-region seat arithmetic of a run (largest remainder). */
export const runQuotas = sqliteTable(
  'run_quotas',
  {
    runId: text('run_id')
      .notNull()
      .references(() => cycleRuns.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    demands: integer('demands').notNull(),
    share: real('share').notNull(),
    exactQuota: real('exact_quota').notNull(),
    remainder: real('remainder').notNull(),
    seats: integer('seats').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.regionCode] })],
);

/** The proposed pair (or the reason there is none) and the alternates, per demand of a completed run. */
export const runProposals = sqliteTable(
  'run_proposals',
  {
    runId: text('run_id')
      .notNull()
      .references(() => cycleRuns.id, { onDelete: 'cascade' }),
    demandExternalId: text('demand_external_id').notNull(),
    enterpriseCreditCode: text('enterprise_credit_code').notNull(),
    regionCode: text('region_code').notNull(),
    expertExternalId: text('expert_external_id'),
    score: real('score'),
    namedAgreed: integer('named_agreed', { mode: 'boolean' }).notNull().default(false),
    /** Why no expert was proposed, in Chinese for the county page (unfilled_code is the machine form). */
    unfilledReason: text('unfilled_reason'),
    /** ENTERPRISE_INELIGIBLE, QUOTA_EXHAUSTED, CANDIDATES_TAKEN, … (src/cycles/unfilled-reasons.ts). */
    unfilledCode: text('unfilled_code'),
    /** Rule codes, or the demands that took the candidates: whatever makes the reason checkable. */
    unfilledDetails: json<Record<string, unknown>>('unfilled_details'),
    /** The proposed candidate's full ranking entry (breakdown, evidence, flags). */
    proposed: json<unknown>('proposed'),
    alternates: json<unknown[]>('alternates').notNull(),
    excluded: json<unknown[]>('excluded').notNull(),
    /** 待核实: candidates passing every known hard rule but with some hard rule unknown (never assigned). */
    pending: json<unknown[]>('pending')
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [primaryKey({ columns: [t.runId, t.demandExternalId] }), index('run_proposals_region_idx').on(t.runId, t.regionCode)],
);

/**
 * Who is running a cycle right now: one row per cycle while a (non-dry) run executes, so a second run of the
 * same cycle is refused instead of ranking and storing a rival result. A holder that died (kill -9) leaves
 * its row; the next run takes it over once the holder is known dead or its heartbeat is stale.
 */
export const cycleRunLeases = sqliteTable('cycle_run_leases', {
  cycleId: text('cycle_id')
    .primaryKey()
    .references(() => cycles.id),
  /** `<host>:<pid>:<nonce>` of the running invocation. */
  holder: text('holder').notNull(),
  acquiredAt: text('acquired_at').notNull(),
  /** Renewed after every checkpoint chunk. */
  heartbeatAt: text('heartbeat_at').notNull(),
});
