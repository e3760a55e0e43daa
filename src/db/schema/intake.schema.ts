import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
  parentCode: text('parent_code'),
});

export const institutions = sqliteTable('institutions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  type: text('type').notNull(),
  regionCode: text('region_code'),
});

export const experts = sqliteTable(
  'experts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalId: text('external_id').notNull().unique(),
    name: text('name').notNull(),
    gender: text('gender'),
    birthDate: text('birth_date'),
    title: text('title'),
    degree: text('degree'),
    education: text('education'),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    regionCode: text('region_code').references(() => regions.code),
    fields: json<string[]>('fields').notNull(),
    workStartYear: integer('work_start_year'),
    workStartDate: text('work_start_date'),
    honours: json<string[]>('honours').notNull(),
    contact: json<{ phone?: string; email?: string }>('contact').notNull(),
    sendingUnit: json<{ consents?: boolean; opinion?: string; date?: string }>('sending_unit'),
    commitment: json<{ daysPerMonth?: number; daysPerYear?: number; note?: string }>('commitment'),
    /** sha256 of the canonical record: an unchanged re-import is a no-op and portraits know when they are stale. */
    contentHash: text('content_hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index('experts_region_idx').on(t.regionCode), index('experts_institution_idx').on(t.institutionId)],
);

export const expertProjects = sqliteTable(
  'expert_projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    title: text('title').notNull(),
    abstract: text('abstract').notNull(),
    keywords: json<string[]>('keywords').notNull(),
    role: text('role').notNull(),
    level: text('level').notNull(),
    startYear: integer('start_year'),
    endYear: integer('end_year'),
  },
  (t) => [index('expert_projects_expert_idx').on(t.expertId)],
);

export const expertPatents = sqliteTable(
  'expert_patents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    abstract: text('abstract').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    ipc: json<string[]>('ipc').notNull(),
    filedAt: text('filed_at'),
    grantedAt: text('granted_at'),
  },
  (t) => [index('expert_patents_expert_idx').on(t.expertId)],
);

export const expertPapers = sqliteTable(
  'expert_papers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    title: text('title').notNull(),
    abstract: text('abstract').notNull(),
    keywords: json<string[]>('keywords').notNull(),
    venue: text('venue'),
    year: integer('year'),
  },
  (t) => [index('expert_papers_expert_idx').on(t.expertId)],
);

export const expertBadRecords = sqliteTable(
  'expert_bad_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    date: text('date').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  (t) => [index('expert_bad_records_expert_idx').on(t.expertId)],
);

// 科技副总 appointments (current, past and declared at intake) are placements: src/db/schema/placement.schema.ts.

export const expertCooperations = sqliteTable(
  'expert_cooperations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    enterpriseCreditCode: text('enterprise_credit_code').notNull(),
    year: integer('year'),
    note: text('note'),
  },
  (t) => [index('expert_cooperations_enterprise_idx').on(t.enterpriseCreditCode)],
);

export const enterprises = sqliteTable(
  'enterprises',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    creditCode: text('credit_code').notNull().unique(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    registeredAt: text('registered_at'),
    employees: integer('employees'),
    revenue: real('revenue'),
    qualifications: json<string[]>('qualifications').notNull(),
    industry: text('industry').notNull(),
    legalRepresentative: text('legal_representative'),
    legalRepresentativePhone: text('legal_representative_phone'),
    contact: json<{ name?: string; phone?: string }>('contact').notNull(),
    address: text('address'),
    rdInstitutions: json<Array<{ name: string; kind?: string; level?: string; mode?: string }>>('rd_institutions').notNull(),
    rdAreaM2: real('rd_area_m2'),
    rdStaff: integer('rd_staff'),
    rdEquipmentValue: real('rd_equipment_value'),
    rdSpendingBand: text('rd_spending_band'),
    rdProjectModes: json<string[]>('rd_project_modes').notNull(),
    contentHash: text('content_hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index('enterprises_region_idx').on(t.regionCode)],
);

export const enterpriseCreditIssues = sqliteTable(
  'enterprise_credit_issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    date: text('date').notNull(),
    kind: text('kind').notNull(),
    serious: integer('serious', { mode: 'boolean' }).notNull(),
    category: text('category'),
    note: text('note'),
  },
  (t) => [index('enterprise_credit_issues_enterprise_idx').on(t.enterpriseId)],
);

export const enterpriseRelatedParties = sqliteTable(
  'enterprise_related_parties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    kind: text('kind').notNull(),
    expertExternalId: text('expert_external_id'),
    institutionName: text('institution_name'),
    name: text('name'),
  },
  (t) => [index('enterprise_related_parties_enterprise_idx').on(t.enterpriseId), index('enterprise_related_parties_expert_idx').on(t.expertExternalId)],
);

export const cycles = sqliteTable('cycles', {
  id: text('id').primaryKey(),
  year: integer('year').notNull(),
  policy: text('policy').notNull(),
  seats: integer('seats').notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  referenceDate: text('reference_date').notNull(),
  previousCycles: json<string[]>('previous_cycles').notNull(),
  allocation: json<{ level: 'city' | 'county'; count: 'demands' | 'enterprises' }>('allocation'),
});

export const demands = sqliteTable(
  'demands',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalId: text('external_id').notNull().unique(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    expectedField: text('expected_field').notNull(),
    expectedSource: text('expected_source'),
    keyCommonTech: integer('key_common_tech', { mode: 'boolean' }).notNull(),
    expectedCooperation: text('expected_cooperation'),
    cooperationModes: json<string[]>('cooperation_modes').notNull(),
    partnerRequirements: text('partner_requirements'),
    expectedFunding: real('expected_funding'),
    providesConditions: integer('provides_conditions', { mode: 'boolean' }),
    conditionsNote: text('conditions_note'),
    candidatesNote: text('candidates_note'),
    requestsVicePresident: integer('requests_vice_president', { mode: 'boolean' }),
    problem: text('problem'),
    externalCooperationNeeded: integer('external_cooperation_needed', { mode: 'boolean' }),
    otherCooperationMode: text('other_cooperation_mode'),
    contentHash: text('content_hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index('demands_cycle_idx').on(t.cycleId), index('demands_enterprise_idx').on(t.enterpriseId)],
);

export const demandCandidates = sqliteTable(
  'demand_candidates',
  {
    demandId: integer('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    expertExternalId: text('expert_external_id'),
    name: text('name'),
    institution: text('institution'),
    contact: text('contact'),
    agreed: integer('agreed', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.ordinal] }), index('demand_candidates_expert_idx').on(t.expertExternalId)],
);

/** Every write bumps this so derived state (portraits, vectors, index) can tell how far it is behind. */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity', { enum: ['expert', 'enterprise', 'demand'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    at: text('at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('change_log_entity_idx').on(t.entity, t.entityId)],
);
