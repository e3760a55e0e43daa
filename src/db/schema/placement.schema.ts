import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { experts } from './intake.schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * Every 科技副总 appointment, the one source of "served / currently serving / graded": a programme placement is
 * created when a region is confirmed, an agreed pair is fixed or a term is renewed; a historical one is service
 * declared at intake (the expert record's serviceHistory, replaced with the record). Migration 0012 moved
 * service_history here.
 */
export const placements = sqliteTable(
  'placements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['programme', 'historical'] }).notNull(),
    origin: text('origin', { enum: ['review', 'agreed_pair', 'renewal', 'import'] }).notNull(),
    state: text('state', { enum: ['pending_agreement', 'active', 'terminated', 'evaluated', 'renewed', 'historical'] }).notNull(),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    /** Historical rows: the position in the expert record's serviceHistory. */
    ordinal: integer('ordinal').notNull().default(0),
    enterpriseCreditCode: text('enterprise_credit_code').notNull(),
    /** The county of the enterprise when the placement was made (historical: when known). */
    regionCode: text('region_code'),
    profileId: text('profile_id'),
    profileVersion: integer('profile_version'),
    cycleId: text('cycle_id'),
    runId: text('run_id'),
    demandExternalId: text('demand_external_id'),
    termStart: text('term_start').notNull(),
    termEnd: text('term_end'),
    /** The last day of service when a termination was filed. */
    endedOn: text('ended_on'),
    /** The city-confirmed term grade (historical: as declared). */
    grade: text('grade'),
    renewalOf: integer('renewal_of'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('placements_expert_idx').on(t.expertId),
    index('placements_enterprise_idx').on(t.enterpriseCreditCode),
    index('placements_region_idx').on(t.regionCode, t.state),
    index('placements_cycle_idx').on(t.cycleId),
  ],
);

/** Signed agreements and outcome evidence, stored under DATA_DIR/placements with their checksum. */
export const placementDocuments = sqliteTable(
  'placement_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    placementId: integer('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['agreement', 'evidence'] }).notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type', { enum: ['application/pdf', 'image/png', 'image/jpeg'] }).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Relative to DATA_DIR. */
    path: text('path').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [index('placement_documents_placement_idx').on(t.placementId)],
);

/** The tripartite agreement of a placement (one current version; earlier uploads stay as documents). */
export const placementAgreements = sqliteTable('placement_agreements', {
  placementId: integer('placement_id')
    .primaryKey()
    .references(() => placements.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['submitted', 'filed', 'returned'] }).notNull(),
  documentId: integer('document_id')
    .notNull()
    .references(() => placementDocuments.id),
  signedOn: text('signed_on'),
  submittedBy: text('submitted_by').notNull(),
  submittedAt: text('submitted_at').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: text('decided_at'),
  returnReason: text('return_reason'),
});

export const placementServiceLogs = sqliteTable(
  'placement_service_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    placementId: integer('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    days: real('days').notNull(),
    activity: text('activity').notNull(),
    participants: text('participants').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'disputed'] }).notNull(),
    loggedBy: text('logged_by').notNull(),
    loggedAt: text('logged_at').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: text('reviewed_at'),
    disputeReason: text('dispute_reason'),
  },
  (t) => [index('placement_service_logs_placement_idx').on(t.placementId, t.date)],
);

export const placementOutcomes = sqliteTable(
  'placement_outcomes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    placementId: integer('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    quantity: integer('quantity').notNull(),
    date: text('date').notNull(),
    title: text('title').notNull(),
    ipType: text('ip_type'),
    evidence: text('evidence').notNull(),
    documentId: integer('document_id').references(() => placementDocuments.id),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('placement_outcomes_placement_idx').on(t.placementId)],
);

/** Annual (year ≥ 1) and term (year 0) evaluations: the enterprise's assessment, the county's grade, the city's confirmation. */
export const placementEvaluations = sqliteTable(
  'placement_evaluations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    placementId: integer('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['annual', 'term'] }).notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: ['assessed', 'graded', 'confirmed', 'returned'] }).notNull(),
    enterpriseGrade: text('enterprise_grade').notNull(),
    enterpriseComment: text('enterprise_comment').notNull(),
    enterpriseBy: text('enterprise_by').notNull(),
    enterpriseAt: text('enterprise_at').notNull(),
    countyGrade: text('county_grade'),
    countyReason: text('county_reason'),
    countyBy: text('county_by'),
    countyAt: text('county_at'),
    cityBy: text('city_by'),
    cityAt: text('city_at'),
    cityNote: text('city_note'),
    returnNote: text('return_note'),
  },
  (t) => [uniqueIndex('placement_evaluations_period_uq').on(t.placementId, t.kind, t.year)],
);

export const placementTerminations = sqliteTable('placement_terminations', {
  placementId: integer('placement_id')
    .primaryKey()
    .references(() => placements.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['requested', 'filed'] }).notNull(),
  requestedSide: text('requested_side', { enum: ['enterprise', 'expert'] }).notNull(),
  reason: text('reason').notNull(),
  effectiveOn: text('effective_on').notNull(),
  requestedBy: text('requested_by').notNull(),
  requestedAt: text('requested_at').notNull(),
  filedBy: text('filed_by'),
  filedAt: text('filed_at'),
  note: text('note'),
});

export const placementRenewals = sqliteTable('placement_renewals', {
  placementId: integer('placement_id')
    .primaryKey()
    .references(() => placements.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['requested', 'accepted'] }).notNull(),
  requestedSide: text('requested_side', { enum: ['enterprise', 'expert'] }).notNull(),
  requestedBy: text('requested_by').notNull(),
  requestedAt: text('requested_at').notNull(),
  acceptedBy: text('accepted_by'),
  acceptedAt: text('accepted_at'),
  nextPlacementId: integer('next_placement_id'),
});
