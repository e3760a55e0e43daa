import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { apiKeys } from './auth.schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** In-app inbox: one row per recipient of an event (a county recipient is fanned out to its reviewers). */
export const inboxItems = sqliteTable(
  'inbox_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The event this item came from (the same id as the webhook deliveries of that event). */
    eventId: text('event_id').notNull(),
    /** `enterprise:<credit code>`, `expert:<external id>` or `staff:<user id>`. */
    recipient: text('recipient').notNull(),
    type: text('type').notNull(),
    regionCode: text('region_code').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: text('created_at').notNull().default(now),
    readAt: text('read_at'),
  },
  (t) => [index('inbox_items_recipient_idx').on(t.recipient, t.id)],
);

/** A portal's webhook receiver; the signing secret is kept to sign deliveries (shown to the portal once). */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    keyId: text('key_id')
      .notNull()
      .references(() => apiKeys.id),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    createdAt: text('created_at').notNull().default(now),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('webhook_endpoints_key_idx').on(t.keyId)],
);

/** The outbox: one delivery per event and endpoint, retried with backoff until delivered or out of attempts. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventType: text('event_type').notNull(),
    /** The exact JSON body sent (signed as `timestamp.body`). */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('webhook_deliveries_event_endpoint_idx').on(t.eventId, t.endpointId), index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);
