import type { AccountService } from './account.service';
import type { AuditRepository } from './audit.repository';
import type { StaffPrincipal } from './auth.types';
import type { SessionRepository, SessionWithUser } from './session.repository';
import { randomToken, sha256Hex } from './token.util';
import type { UserRow } from './user.repository';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export type LoginResult = { token: string; csrfToken: string; expiresAt: string; user: UserRow };

export function toStaffPrincipal(u: UserRow): StaffPrincipal {
  return { kind: 'staff', userId: u.id, username: u.username, role: u.role, region: u.regionCode };
}

/** Server-side staff sessions: the cookie holds a random token, the table only its sha256. */
export class SessionService {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly deps: { sessions: SessionRepository; accounts: Pick<AccountService, 'verifyCredentials'>; audit: Pick<AuditRepository, 'append'> },
    options: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? SESSION_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** A fresh session for valid credentials (never reusing one, so a planted cookie cannot be adopted); audited either way. */
  async login(username: string, password: string, meta: { ip: string }): Promise<LoginResult | undefined> {
    const user = await this.deps.accounts.verifyCredentials(username, password);
    if (!user) {
      this.deps.audit.append({
        actor: username,
        actorRole: 'anonymous',
        action: 'auth.login_failed',
        entity: 'user',
        entityId: username,
        note: `ip=${meta.ip}`,
        clientIp: meta.ip,
      });
      return undefined;
    }
    const nowMs = this.now();
    this.deps.sessions.deleteExpired(new Date(nowMs).toISOString());
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(nowMs + this.ttlMs).toISOString();
    this.deps.sessions.insert({ tokenHash: sha256Hex(token), userId: user.id, csrfToken, expiresAt });
    this.deps.audit.append({
      actor: user.username,
      actorRole: user.role,
      action: 'auth.login',
      entity: 'user',
      entityId: user.username,
      regionCode: user.regionCode,
      note: `ip=${meta.ip}`,
      clientIp: meta.ip,
    });
    return { token, csrfToken, expiresAt, user };
  }

  resolve(token: string): SessionWithUser | undefined {
    if (!token || token.length > 200) return undefined;
    return this.deps.sessions.findValid(sha256Hex(token), new Date(this.now()).toISOString());
  }

  logout(tokenHash: string, who: StaffPrincipal): void {
    this.deps.sessions.delete(tokenHash);
    this.deps.audit.append({ actor: who.username, actorRole: who.role, action: 'auth.logout', entity: 'user', entityId: who.username, regionCode: who.region });
  }

  /** Ends a session by its raw token without auditing (replacing an old cookie at login). */
  discard(token: string): void {
    if (token && token.length <= 200) this.deps.sessions.delete(sha256Hex(token));
  }
}
