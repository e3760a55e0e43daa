import { and, asc, count, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys, inboxItems, users, webhookDeliveries, webhookEndpoints } from '../db/schema';

export type InboxItemRow = typeof inboxItems.$inferSelect;
export type NewInboxItem = typeof inboxItems.$inferInsert;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
/** An active endpoint with what its key allows (scopes, regions, validity). */
export type EndpointWithKey = WebhookEndpointRow & { scopes: string[]; regions: string[] | null; keyRevokedAt: string | null; keyExpiresAt: string | null };

/** Inbox items, webhook endpoints and the webhook outbox (one table family: notifications). */
export class NotificationRepository {
  constructor(private readonly db: Db) {}

  insertInboxItems(items: NewInboxItem[]): void {
    if (items.length) this.db.insert(inboxItems).values(items).run();
  }

  listInbox(recipient: string, q: { limit: number; offset: number; unreadOnly?: boolean }): InboxItemRow[] {
    return this.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.recipient, recipient), q.unreadOnly ? isNull(inboxItems.readAt) : undefined))
      .orderBy(desc(inboxItems.id))
      .limit(q.limit)
      .offset(q.offset)
      .all();
  }

  countUnread(recipient: string): number {
    return this.db
      .select({ n: count() })
      .from(inboxItems)
      .where(and(eq(inboxItems.recipient, recipient), isNull(inboxItems.readAt)))
      .get()!.n;
  }

  /** Marks the recipient's own item read (an item of someone else is not found); the item, or undefined. */
  markRead(recipient: string, id: number, atIso: string): InboxItemRow | undefined {
    const item = this.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.id, id), eq(inboxItems.recipient, recipient)))
      .get();
    if (!item) return undefined;
    if (item.readAt) return item;
    this.db.update(inboxItems).set({ readAt: atIso }).where(eq(inboxItems.id, id)).run();
    return { ...item, readAt: atIso };
  }

  /** The enabled county reviewers of a region (a county recipient reaches each of them). */
  reviewerIdsOf(regionCode: string): number[] {
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'reviewer'), eq(users.regionCode, regionCode), eq(users.disabled, false)))
      .all()
      .map((r) => r.id);
  }

  insertEndpoint(e: { keyId: string; url: string; secret: string }): WebhookEndpointRow {
    return this.db.insert(webhookEndpoints).values(e).returning().get();
  }

  listEndpoints(keyId: string): WebhookEndpointRow[] {
    return this.db
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.keyId, keyId), isNull(webhookEndpoints.deletedAt)))
      .orderBy(asc(webhookEndpoints.id))
      .all();
  }

  findEndpoint(id: number): WebhookEndpointRow | undefined {
    return this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
  }

  deleteEndpoint(id: number, atIso: string): void {
    this.db.update(webhookEndpoints).set({ deletedAt: atIso }).where(eq(webhookEndpoints.id, id)).run();
  }

  /** Every endpoint not deleted, with its key's scopes, regions and validity. */
  activeEndpointsWithKeys(): EndpointWithKey[] {
    return this.db
      .select({ e: webhookEndpoints, scopes: apiKeys.scopes, regions: apiKeys.regions, keyRevokedAt: apiKeys.revokedAt, keyExpiresAt: apiKeys.expiresAt })
      .from(webhookEndpoints)
      .innerJoin(apiKeys, eq(apiKeys.id, webhookEndpoints.keyId))
      .where(isNull(webhookEndpoints.deletedAt))
      .all()
      .map((r) => ({ ...r.e, scopes: r.scopes, regions: r.regions ?? null, keyRevokedAt: r.keyRevokedAt, keyExpiresAt: r.keyExpiresAt }));
  }

  insertDeliveries(rows: Array<{ eventId: string; endpointId: number; eventType: string; payload: string; nextAttemptAt: string }>): void {
    if (rows.length) this.db.insert(webhookDeliveries).values(rows).onConflictDoNothing().run();
  }

  /** Pending deliveries due by now, oldest first, with their endpoint (URL and secret). */
  dueDeliveries(nowIso: string, limit: number): Array<{ delivery: WebhookDeliveryRow; endpoint: WebhookEndpointRow }> {
    return this.db
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, nowIso)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(limit)
      .all();
  }

  updateDelivery(id: number, set: Partial<Pick<WebhookDeliveryRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt'>>): void {
    this.db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id)).run();
  }

  listDeliveries(endpointIds: number[], limit: number): WebhookDeliveryRow[] {
    if (!endpointIds.length) return [];
    return this.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.endpointId, endpointIds)).orderBy(desc(webhookDeliveries.id)).limit(limit).all();
  }
}
