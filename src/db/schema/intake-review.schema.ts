import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const INTAKE_REVIEW_STATUSES = ['submitted', 'approved', 'returned', 'withdrawn'] as const;

/**
 * The county's check of a demand or an expert intention form before it enters the pool (Wenzhou 四(一):
 * 经科技部门审核后入库). Only `approved` records are matching candidates. Kept apart from the record tables so
 * the forms can change without touching the review trail; the transitions themselves are in the audit log.
 */
export const intakeReviews = sqliteTable(
  'intake_reviews',
  {
    entity: text('entity', { enum: ['expert', 'demand'] }).notNull(),
    /** experts.id or demands.id (no foreign key: the table serves both). */
    entityId: integer('entity_id').notNull(),
    status: text('status', { enum: INTAKE_REVIEW_STATUSES }).notNull(),
    /** The return (or withdrawal) reason the submitter sees; null once resubmitted or approved. */
    reason: text('reason'),
    /** The record as approved, for the side-by-side view of a resubmission. */
    approvedRecord: text('approved_record', { mode: 'json' }).$type<unknown>(),
    submittedAt: text('submitted_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    submittedBy: text('submitted_by').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] }), index('intake_reviews_status_idx').on(t.status, t.submittedAt)],
);
