import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
