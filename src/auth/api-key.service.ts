import { randomBytes } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { ApiKeyInfo, ApiKeyRepository } from './api-key.repository';
import type { AuditRepository } from './audit.repository';
import type { Transaction } from '../shared/transaction.port';
import type { RegionDirectory } from './account.service';
import { PORTAL_SCOPES, type PortalPrincipal, type PortalScope } from './auth.types';
import { constantTimeEqual, randomToken, sha256Hex } from './token.util';

export type AuditActor = { actor: string; actorRole: string };
/** Optional limits of a key: scopes (default all), county codes (default city-wide), expiry (ISO date/time, default none). */
export type ApiKeyLimits = { scopes?: readonly PortalScope[]; regions?: readonly string[]; expiresAt?: string };

const KEY_FORMAT = /^kjfz_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
// lastUsedAt is informational: writing it at most once a minute keeps a busy portal from writing on every request.
const TOUCH_INTERVAL_MS = 60_000;

/** Portal API keys `kjfz_<id>_<secret>`: 256-bit secrets, only sha256 stored, shown once, revocable. */
export class ApiKeyService {
  constructor(
    private readonly deps: { apiKeys: ApiKeyRepository; audit: Pick<AuditRepository, 'append'>; transaction: Transaction; reference?: RegionDirectory },
    private readonly now: () => number = Date.now,
  ) {}

  /** A new key; without limits it has every scope, every region and no expiry (as keys had before scopes existed). */
  create(name: string, by: AuditActor, limits: ApiKeyLimits = {}): { id: string; key: string } {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new AppError('INVALID_NAME', 'API 密钥名称不能为空且不超过 100 字');
    const scopes = [...new Set(limits.scopes ?? PORTAL_SCOPES)];
    const unknown = scopes.filter((s) => !PORTAL_SCOPES.includes(s));
    if (!scopes.length || unknown.length) throw new AppError('INVALID_SCOPE', `API 密钥权限范围须为 ${PORTAL_SCOPES.join('、')} 中的一项或多项`, { unknown });
    const regions = limits.regions ? [...new Set(limits.regions)] : null;
    if (regions) {
      const counties = new Set((this.deps.reference?.listRegions() ?? []).filter((r) => r.level === 'county').map((r) => r.code));
      const bad = regions.filter((r) => !counties.has(r));
      if (!regions.length || bad.length) throw new AppError('INVALID_REGION', '区域限制须为已知的区县代码', { unknown: bad });
    }
    const expiresAt = limits.expiresAt ?? null;
    if (expiresAt !== null && (Number.isNaN(Date.parse(expiresAt)) || Date.parse(expiresAt) <= this.now())) {
      throw new AppError('INVALID_EXPIRY', 'API 密钥的有效期须为将来的日期时间');
    }
    const expiresIso = expiresAt === null ? null : new Date(Date.parse(expiresAt)).toISOString();
    const id = randomBytes(6).toString('hex');
    const key = `kjfz_${id}_${randomToken(32)}`;
    const after = { name: trimmed, scopes, regions, expiresAt: expiresIso };
    this.deps.transaction(() => {
      this.deps.apiKeys.insert({ id, name: trimmed, keyHash: sha256Hex(key), scopes, regions, expiresAt: expiresIso });
      this.deps.audit.append({ ...by, action: 'apikey.create', entity: 'api_key', entityId: id, before: {}, after, note: trimmed });
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

  /** The portal behind an active key, or undefined for a malformed, unknown, revoked or expired key. */
  authenticate(key: string): PortalPrincipal | undefined {
    const m = KEY_FORMAT.exec(key);
    if (!m) return undefined;
    const row = this.deps.apiKeys.findById(m[1]);
    if (!row || row.revokedAt || !constantTimeEqual(row.keyHash, sha256Hex(key))) return undefined;
    const nowMs = this.now();
    if (row.expiresAt && Date.parse(row.expiresAt) <= nowMs) return undefined;
    if (!row.lastUsedAt || Date.parse(row.lastUsedAt) + TOUCH_INTERVAL_MS < nowMs) {
      this.deps.apiKeys.touch(row.id, new Date(nowMs).toISOString());
    }
    const scopes = PORTAL_SCOPES.filter((s) => row.scopes.includes(s));
    return { kind: 'portal', keyId: row.id, name: row.name, scopes, regions: row.regions ?? null };
  }
}
