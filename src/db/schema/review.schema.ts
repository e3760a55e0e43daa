import { sql } from 'drizzle-orm';
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cycleRuns } from './cycle-run.schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * County review state of one demand in a run (the run itself stays immutable). Every change is also
 * appended to audit_log with before/after.
 */
export const reviewDecisions = sqliteTable(
  'review_decisions',
  {
    runId: text('run_id')
      .notNull()
      .references(() => cycleRuns.id),
    demandExternalId: text('demand_external_id').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'swapped'] }).notNull(),
    expertExternalId: text('expert_external_id'),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.runId, t.demandExternalId] })],
);

/** A region's review as a whole: the county submits, the city confirms or returns it. */
export const regionReviews = sqliteTable(
  'region_reviews',
  {
    runId: text('run_id')
      .notNull()
      .references(() => cycleRuns.id),
    regionCode: text('region_code').notNull(),
    status: text('status', { enum: ['open', 'submitted', 'confirmed', 'returned'] }).notNull(),
    submittedBy: text('submitted_by'),
    submittedAt: text('submitted_at'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.regionCode] })],
);
