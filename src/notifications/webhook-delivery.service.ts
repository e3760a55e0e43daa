import { createHmac } from 'node:crypto';
import type { Logger } from '../shared/logger';
import type { NotificationRepository } from './notification.repository';
import type { WebhookTransport } from './webhook-transport.port';

export type WebhookDeliverySettings = { baseDelayMs: number; maxDelayMs: number; maxAttempts: number; pollMs: number };

/** `sha256=<hex>` HMAC over `<timestamp>.<body>`: the timestamp is signed too, so an old delivery cannot be replayed as new. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Delay before attempt n+1 after n failed attempts: base·2^(n−1), capped. */
export function backoffDelayMs(failedAttempts: number, s: Pick<WebhookDeliverySettings, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * The outbox worker: POSTs each due delivery (the same event id on every attempt, so a receiver drops
 * repeats), marks it delivered on 2xx and otherwise schedules the next attempt with exponential backoff in the
 * row itself (a restart resumes where it stopped), giving up after the configured attempts. Started by the
 * server, never by CLIs; `runOnce` lets tests trigger it without waiting.
 */
export class WebhookDeliveryService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      notifications: Pick<NotificationRepository, 'dueDeliveries' | 'updateDelivery'>;
      transport: WebhookTransport;
      logger: Logger;
      settings: WebhookDeliverySettings;
    },
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Delivers what is due now; the number of deliveries attempted. Concurrent calls share one run. */
  runOnce(): Promise<number> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.deps.logger.error({ err }, 'webhook delivery run failed'));
    }, this.deps.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async deliverDue(): Promise<number> {
    const { settings, notifications, transport } = this.deps;
    const due = notifications.dueDeliveries(new Date(this.now()).toISOString(), 100);
    for (const { delivery, endpoint } of due) {
      const timestamp = String(Math.floor(this.now() / 1000));
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'kjfz-webhooks/1',
        'x-kjfz-event-id': delivery.eventId,
        'x-kjfz-event-type': delivery.eventType,
        'x-kjfz-timestamp': timestamp,
        'x-kjfz-delivery-attempt': String(delivery.attempts + 1),
        'x-kjfz-signature': signWebhook(endpoint.secret, timestamp, delivery.payload),
      };
      const res = endpoint.deletedAt ? { error: 'endpoint deleted' } : await transport.post(endpoint.url, headers, delivery.payload);
      const attempts = delivery.attempts + 1;
      const at = new Date(this.now()).toISOString();
      if ('status' in res && res.status >= 200 && res.status < 300) {
        notifications.updateDelivery(delivery.id, { status: 'delivered', attempts, deliveredAt: at, lastStatus: res.status, lastError: null });
        continue;
      }
      const lastError = 'error' in res ? res.error : `HTTP ${res.status}`;
      const lastStatus = 'status' in res ? res.status : null;
      const givesUp = attempts >= settings.maxAttempts || Boolean(endpoint.deletedAt);
      notifications.updateDelivery(delivery.id, {
        status: givesUp ? 'failed' : 'pending',
        attempts,
        lastStatus,
        lastError,
        nextAttemptAt: givesUp ? at : new Date(this.now() + backoffDelayMs(attempts, settings)).toISOString(),
      });
      this.deps.logger.warn({ eventId: delivery.eventId, endpointId: endpoint.id, attempts, lastError, givesUp }, 'webhook delivery failed');
    }
    return due.length;
  }
}
