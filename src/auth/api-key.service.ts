import { randomBytes } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { ApiKeyInfo, ApiKeyRepository } from './api-key.repository';
import type { AuditRepository } from './audit.repository';
import type { Transaction } from '../shared/transaction.port';
import type { PortalPrincipal } from './auth.types';
import { constantTimeEqual, randomToken, sha256Hex } from './token.util';

export type AuditActor = { actor: string; actorRole: string };

const KEY_FORMAT = /^kjfz_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
// lastUsedAt is informational: writing it at most once a minute keeps a busy portal from writing on every request.
const TOUCH_INTERVAL_MS = 60_000;

/** Portal API keys `kjfz_<id>_<secret>`: 256-bit secrets, only sha256 stored, shown once, revocable. */
export class ApiKeyService {
  constructor(
    private readonly deps: { apiKeys: ApiKeyRepository; audit: Pick<AuditRepository, 'append'>; transaction: Transaction },
    private readonly now: () => number = Date.now,
  ) {}

  create(name: string, by: AuditActor): { id: string; key: string } {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new AppError('INVALID_NAME', 'API 密钥名称不能为空且不超过 100 字');
    const id = randomBytes(6).toString('hex');
    const key = `kjfz_${id}_${randomToken(32)}`;
    this.deps.transaction(() => {
      this.deps.apiKeys.insert({ id, name: trimmed, keyHash: sha256Hex(key) });
      this.deps.audit.append({ ...by, action: 'apikey.create', entity: 'api_key', entityId: id, before: {}, after: { name: trimmed }, note: trimmed });
    });
    return { id, key };
  }

  /** False when no active key has this id. */
  revoke(id: string, by: AuditActor): boolean {
    const at = new Date(this.now()).toISOString();
    return this.deps.transaction(() => {
      const done = this.deps.apiKeys.revoke(id, at);
      if (done) this.deps.audit.append({ ...by, action: 'apikey.revoke', entity: 'api_key', entityId: id, before: { revokedAt: null }, after: { revokedAt: at } });
      return done;
    });
  }

  list(): ApiKeyInfo[] {
    return this.deps.apiKeys.list();
  }

  /** The portal behind an active key, or undefined for a malformed, unknown or revoked key. */
  authenticate(key: string): PortalPrincipal | undefined {
    const m = KEY_FORMAT.exec(key);
    if (!m) return undefined;
    const row = this.deps.apiKeys.findById(m[1]);
    if (!row || row.revokedAt || !constantTimeEqual(row.keyHash, sha256Hex(key))) return undefined;
    const nowMs = this.now();
    if (!row.lastUsedAt || Date.parse(row.lastUsedAt) + TOUCH_INTERVAL_MS < nowMs) {
      this.deps.apiKeys.touch(row.id, new Date(nowMs).toISOString());
    }
    return { kind: 'portal', keyId: row.id, name: row.name };
  }
}
