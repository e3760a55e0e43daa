import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Custom policy profiles loaded by an administrator; built-in profiles live in code. Versions are kept, never overwritten. */
export const policyProfiles = sqliteTable(
  'policy_profiles',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>().notNull(),
    loadedBy: text('loaded_by'),
    loadedAt: text('loaded_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/**
 * A county reviewer's verdict on a hard rule that was `unknown` for one subject (a fact the record lacks):
 * who decided, when, and why. Read into PolicyContext.verifications for evaluations of the same cycle; it
 * only stands in while the rule stays unknown (once the fact is entered, the record decides). One row per
 * (cycle, subject, rule); a new verdict replaces it, and every change is in audit_log with before/after.
 */
export const factVerifications = sqliteTable(
  'fact_verifications',
  {
    cycleId: text('cycle_id').notNull(),
    subjectKind: text('subject_kind', { enum: ['expert', 'enterprise', 'demand'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    ruleId: text('rule_id').notNull(),
    verdict: text('verdict', { enum: ['pass', 'fail'] }).notNull(),
    /** The facts that were missing when the verdict was given. */
    missing: text('missing', { mode: 'json' }).$type<string[]>().notNull(),
    reason: text('reason').notNull(),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: text('verified_at').notNull(),
    /** The run and county the verdict was given in (for the audit trail and the page). */
    runId: text('run_id'),
    regionCode: text('region_code'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.subjectKind, t.subjectId, t.ruleId] }), index('fact_verifications_cycle_idx').on(t.cycleId)],
);
