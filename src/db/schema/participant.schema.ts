import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * Enterprise and expert users of the service's own pages: one account per enterprise (credit code) or expert
 * record (external id), created by a county reviewer's invitation; the password is set by the user.
 */
export const participantAccounts = sqliteTable(
  'participant_accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    side: text('side', { enum: ['enterprise', 'expert'] }).notNull(),
    /** The credit code (enterprise) or experts.external_id (expert). */
    subjectKey: text('subject_key').notNull(),
    /** The login name the user chose when accepting the invitation; null until then. */
    username: text('username').unique(),
    displayName: text('display_name').notNull(),
    regionCode: text('region_code').notNull(),
    /** scrypt hash; null until the invitation is accepted. */
    passwordHash: text('password_hash'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('participant_accounts_subject_idx').on(t.side, t.subjectKey), index('participant_accounts_region_idx').on(t.regionCode)],
);

/** One-time invitation links: only the token's sha256 is stored; single use, with an expiry. */
export const participantInvitations = sqliteTable(
  'participant_invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => participantAccounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    /** Set when a newer invitation or a disable replaced this one before it was used. */
    revokedAt: text('revoked_at'),
  },
  (t) => [index('participant_invitations_account_idx').on(t.accountId)],
);

/** Participant sessions: same cookie and CSRF machinery as staff sessions, their own table. */
export const participantSessions = sqliteTable(
  'participant_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => participantAccounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('participant_sessions_account_idx').on(t.accountId)],
);
