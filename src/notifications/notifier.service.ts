import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../shared/errors';
import { inboxChannel, type LiveEvents } from './live-events.port';
import type { NotificationEvent, Notifier, Recipient } from './notification.port';
import type { InboxItemRow, NotificationRepository } from './notification.repository';

/** How inboxes, channels and audit entries name a recipient: `enterprise:<code>`, `expert:<id>`, `staff:<user id>`. */
export const recipientKey = (r: Exclude<Recipient, { kind: 'county' }>) => (r.kind === 'staff' ? `staff:${r.userId}` : `${r.side}:${r.key}`);

export type InboxItem = Omit<InboxItemRow, 'recipient'>;
const toItem = ({ recipient: _r, ...item }: InboxItemRow): InboxItem => item;

type Repo = Pick<NotificationRepository, 'insertInboxItems' | 'reviewerIdsOf' | 'activeEndpointsWithKeys' | 'insertDeliveries' | 'listInbox' | 'countUnread' | 'markRead'>;

/**
 * The Notifier: one event becomes an inbox item per recipient (a county fans out to its reviewers) and one
 * webhook delivery per portal endpoint allowed to hear of it, written in the caller's transaction, under one
 * event id. Open pages hear of it through the live-event hub (a hint to reload: the rows are the record).
 */
export class NotificationService implements Notifier {
  private readonly now: () => number;

  constructor(
    private readonly deps: { notifications: Repo; live?: LiveEvents },
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  notify(event: NotificationEvent): void {
    if (!event.type || !event.subject) throw new AppError('VALIDATION_FAILED', '通知须有类型和标题');
    const eventId = randomUUID();
    const createdAt = new Date(this.now()).toISOString();
    const keys = new Set<string>();
    for (const r of event.recipients) {
      if (r.kind === 'county') for (const id of this.deps.notifications.reviewerIdsOf(r.regionCode)) keys.add(`staff:${id}`);
      else keys.add(recipientKey(r));
    }
    const base = {
      eventId,
      type: event.type,
      regionCode: event.regionCode,
      subject: event.subject,
      body: event.body,
      link: event.link ?? null,
      data: event.data ?? null,
      createdAt,
    };
    this.deps.notifications.insertInboxItems([...keys].map((recipient) => ({ ...base, recipient })));
    this.enqueueWebhooks(eventId, createdAt, event);
    for (const k of keys) this.deps.live?.publish(inboxChannel(k), { type: 'inbox', data: { eventId, type: event.type, subject: event.subject } });
  }

  /** The recipient's own items, newest first, and how many are unread. */
  inbox(recipient: string, q: { limit: number; offset: number; unreadOnly?: boolean }): { items: InboxItem[]; unread: number } {
    return { items: this.deps.notifications.listInbox(recipient, q).map(toItem), unread: this.deps.notifications.countUnread(recipient) };
  }

  markRead(recipient: string, id: number): InboxItem {
    const item = this.deps.notifications.markRead(recipient, id, new Date(this.now()).toISOString());
    if (!item) throw notFound('通知', id);
    this.deps.live?.publish(inboxChannel(recipient), { type: 'inbox.read', data: { id } });
    return toItem(item);
  }

  // Portals hear of events of their counties that concern participants (they relay them by SMS or WeChat);
  // a key needs the 'participants' scope, and a revoked or expired key's endpoints get nothing new.
  private enqueueWebhooks(eventId: string, createdAt: string, event: NotificationEvent): void {
    const participants = event.recipients.filter((r) => r.kind === 'participant');
    if (!participants.length) return;
    const endpoints = this.deps.notifications
      .activeEndpointsWithKeys()
      .filter((e) => e.scopes.includes('participants') && !e.keyRevokedAt && !(e.keyExpiresAt && e.keyExpiresAt <= createdAt))
      .filter((e) => !e.regions || e.regions.includes(event.regionCode));
    if (!endpoints.length) return;
    const payload = JSON.stringify({
      id: eventId,
      type: event.type,
      createdAt,
      regionCode: event.regionCode,
      subject: event.subject,
      body: event.body,
      link: event.link ?? null,
      recipients: participants.map((r) => ({ side: r.side, key: r.key })),
      data: event.data ?? null,
    });
    this.deps.notifications.insertDeliveries(endpoints.map((e) => ({ eventId, endpointId: e.id, eventType: event.type, payload, nextAttemptAt: createdAt })));
  }
}
