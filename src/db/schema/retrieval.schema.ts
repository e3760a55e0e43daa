import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { experts } from './intake.schema';

/** One portrait per expert; sourceHash is the expert's contentHash it was built from (stale when they differ). */
export const portraits = sqliteTable('portraits', {
  expertId: integer('expert_id')
    .primaryKey()
    .references(() => experts.id, { onDelete: 'cascade' }),
  sourceHash: text('source_hash').notNull(),
  builderVersion: integer('builder_version').notNull(),
  summary: text('summary').notNull(),
  keywords: text('keywords', { mode: 'json' }).$type<Array<{ term: string; weight: number }>>().notNull(),
  fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
  ipcClasses: text('ipc_classes', { mode: 'json' }).$type<string[]>().notNull(),
  strength: text('strength', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  builtAt: text('built_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * The units that get embedded and indexed: the portrait summary and each project, patent and paper.
 * Their ids are the labels of the HNSW index, so a rebuilt portrait gets fresh ids and the index
 * marks the old ones deleted.
 */
export const evidenceItems = sqliteTable(
  'evidence_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['portrait', 'project', 'patent', 'paper'] }).notNull(),
    ordinal: integer('ordinal').notNull(),
    label: text('label').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    year: integer('year'),
  },
  (t) => [index('evidence_items_expert_idx').on(t.expertId), index('evidence_items_hash_idx').on(t.textHash)],
);

/** Vectors keyed by (model, text hash): an unchanged text is never embedded twice. */
export const embeddingCache = sqliteTable(
  'embedding_cache',
  {
    modelId: text('model_id').notNull(),
    textHash: text('text_hash').notNull(),
    dim: integer('dim').notNull(),
    vector: blob('vector', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.textHash] })],
);
