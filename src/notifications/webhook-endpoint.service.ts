import { randomBytes } from 'node:crypto';
import type { AuditActor, AuditTrail } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import type { NotificationRepository, WebhookDeliveryRow, WebhookEndpointRow } from './notification.repository';

const toEndpoint = ({ secret: _s, keyId: _k, deletedAt: _d, ...e }: WebhookEndpointRow) => e;
export type WebhookEndpoint = ReturnType<typeof toEndpoint>;
const toDelivery = ({ payload: _p, ...d }: WebhookDeliveryRow) => d;
export type WebhookDelivery = ReturnType<typeof toDelivery>;

/** A portal's webhook receivers: URL and a signing secret shown once; the state of every delivery. */
export class WebhookEndpointService {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      notifications: Pick<NotificationRepository, 'insertEndpoint' | 'listEndpoints' | 'findEndpoint' | 'deleteEndpoint' | 'listDeliveries'>;
      audit: AuditTrail;
      transaction: Transaction;
    },
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  create(keyId: string, url: string, by: AuditActor): WebhookEndpoint & { secret: string } {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('INVALID_WEBHOOK', '回调地址须为完整的 http(s) 网址', [{ field: 'url', message: '网址无效' }]);
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) {
      throw new AppError('INVALID_WEBHOOK', '回调地址须为 http(s) 网址，且不含用户名和密码', [{ field: 'url', message: '网址无效' }]);
    }
    if (this.deps.notifications.listEndpoints(keyId).length >= 5) throw new AppError('INVALID_WEBHOOK', '每个 API 密钥最多登记 5 个回调地址');
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.deps.transaction(() => {
      const row = this.deps.notifications.insertEndpoint({ keyId, url: parsed.toString(), secret });
      // The secret stays out of the audit trail: it signs deliveries.
      this.deps.audit.append({ ...by, action: 'webhook.create', entity: 'webhook_endpoint', entityId: String(row.id), before: {}, after: { url: row.url, keyId } });
      return { ...toEndpoint(row), secret };
    });
  }

  list(keyId: string): WebhookEndpoint[] {
    return this.deps.notifications.listEndpoints(keyId).map(toEndpoint);
  }

  delete(keyId: string, id: number, by: AuditActor): void {
    const row = this.ownEndpoint(keyId, id);
    this.deps.transaction(() => {
      const at = new Date(this.now()).toISOString();
      this.deps.notifications.deleteEndpoint(row.id, at);
      this.deps.audit.append({
        ...by,
        action: 'webhook.delete',
        entity: 'webhook_endpoint',
        entityId: String(id),
        before: { url: row.url, deletedAt: null },
        after: { deletedAt: at },
      });
    });
  }

  /** The newest deliveries to one of the key's endpoints (or all of them): attempts, status, next attempt. */
  deliveries(keyId: string, endpointId?: number): WebhookDelivery[] {
    const ids = endpointId === undefined ? this.deps.notifications.listEndpoints(keyId).map((e) => e.id) : [this.ownEndpoint(keyId, endpointId).id];
    return this.deps.notifications.listDeliveries(ids, 200).map(toDelivery);
  }

  // Another key's endpoint is "not found", never "forbidden": a portal learns nothing about other portals.
  private ownEndpoint(keyId: string, id: number): WebhookEndpointRow {
    const row = this.deps.notifications.findEndpoint(id);
    if (!row || row.keyId !== keyId || row.deletedAt) throw notFound('回调地址', id);
    return row;
  }
}
