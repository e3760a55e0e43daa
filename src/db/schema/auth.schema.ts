import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Staff accounts: city administrator (all regions), county reviewer (exactly one region), viewer. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'reviewer', 'viewer'] }).notNull(),
  /** Required for reviewers, null for city-wide roles. */
  regionCode: text('region_code'),
  /** scrypt$N$r$p$salt$hash */
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
});

/** Server-side sessions; the cookie carries only a random token whose sha256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Portal API keys: only a hash is stored; the key is shown once at creation. */
export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: text('created_at').notNull().default(now),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
  /** What the key may call (PortalScope[]); keys from before scopes existed got every scope (migration 0010). */
  scopes: text('scopes', { mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default(sql`'["match","intake","participants"]'`),
  /** County codes whose records the key may read and write; null = city-wide. */
  regions: text('regions', { mode: 'json' }).$type<string[]>(),
  /** After this instant the key is refused; null = no expiry. */
  expiresAt: text('expires_at'),
});

/**
 * Append-only audit trail of every write (triggers refuse updates, deletes, replaced ids, back-dated and
 * unchained rows; rows created before the chain, migration 0006, have no hash).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    regionCode: text('region_code'),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    note: text('note'),
    /** Hash chain (npm run audit:verify): the previous row's hash, and sha256 of it plus this row's canonical content. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /** The client's address (req.ip: behind a trusted proxy, from X-Forwarded-For); null for CLI and batch writes. */
    clientIp: text('client_ip'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_region_idx').on(t.regionCode)],
);
