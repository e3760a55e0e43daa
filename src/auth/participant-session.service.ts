import type { AuditTrail } from '../shared/audit-trail.port';
import { participantKeyOf } from './access.policy';
import type { ParticipantPrincipal } from './auth.types';
import { hashPassword, needsRehash, verifyPassword } from './password.service';
import type { ParticipantAccountRow, ParticipantRepository, ParticipantSessionWithAccount } from './participant.repository';
import { SESSION_TTL_MS } from './session.service';
import { randomToken, sha256Hex } from './token.util';

export type ParticipantLoginResult = { token: string; csrfToken: string; expiresAt: string; account: ParticipantAccountRow };

export function toParticipantPrincipal(a: ParticipantAccountRow): ParticipantPrincipal {
  return {
    kind: 'participant',
    side: a.side,
    accountId: a.id,
    displayName: a.displayName,
    enterpriseCreditCode: a.side === 'enterprise' ? a.subjectKey : null,
    expertExternalId: a.side === 'expert' ? a.subjectKey : null,
    regionCode: a.regionCode,
    via: null,
  };
}

/** The account as the participant and the county see it (never the password hash). */
export function toParticipantAccount(a: ParticipantAccountRow) {
  return {
    id: a.id,
    side: a.side,
    subjectKey: a.subjectKey,
    username: a.username,
    displayName: a.displayName,
    regionCode: a.regionCode,
    disabled: a.disabled,
    activated: a.passwordHash !== null,
    createdAt: a.createdAt,
  };
}
export type ParticipantAccount = ReturnType<typeof toParticipantAccount>;

type Repo = Pick<ParticipantRepository, 'findAccountByUsername' | 'updateAccount' | 'insertSession' | 'findValidSession' | 'deleteSession' | 'deleteExpiredSessions'>;

/** Sessions of enterprise and expert users: the same cookie, token hashing, lifetime and CSRF rule as staff sessions. */
export class ParticipantSessionService {
  private dummyHash: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly deps: { participants: Repo; audit: AuditTrail },
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A fresh session for an activated, enabled account whose password matches; audited either way. */
  async login(username: string, password: string, meta: { ip: string }): Promise<ParticipantLoginResult | undefined> {
    const account = this.deps.participants.findAccountByUsername(username);
    const ok = account?.passwordHash ? await verifyPassword(password, account.passwordHash) : await this.burnTime(password);
    if (!account || !ok || account.disabled) {
      this.deps.audit.append({ actor: username, actorRole: 'anonymous', action: 'participant.login_failed', entity: 'participant', entityId: username, clientIp: meta.ip });
      return undefined;
    }
    if (account.passwordHash && needsRehash(account.passwordHash)) this.deps.participants.updateAccount(account.id, { passwordHash: await hashPassword(password) });
    return this.start(account, meta, 'participant.login');
  }

  /** Opens a session for an account (after login, or right after the invitation was accepted). */
  start(account: ParticipantAccountRow, meta: { ip: string }, action = 'participant.login'): ParticipantLoginResult {
    const nowMs = this.now();
    this.deps.participants.deleteExpiredSessions(new Date(nowMs).toISOString());
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(nowMs + SESSION_TTL_MS).toISOString();
    this.deps.participants.insertSession({ tokenHash: sha256Hex(token), accountId: account.id, csrfToken, expiresAt });
    const p = toParticipantPrincipal(account);
    this.deps.audit.append({
      actor: participantKeyOf(p),
      actorRole: p.side,
      action,
      entity: 'participant',
      entityId: String(account.id),
      regionCode: account.regionCode,
      clientIp: meta.ip,
    });
    return { token, csrfToken, expiresAt, account };
  }

  resolve(token: string): ParticipantSessionWithAccount | undefined {
    if (!token || token.length > 200) return undefined;
    return this.deps.participants.findValidSession(sha256Hex(token), new Date(this.now()).toISOString());
  }

  logout(tokenHash: string, who: ParticipantPrincipal): void {
    this.deps.participants.deleteSession(tokenHash);
    this.deps.audit.append({
      actor: participantKeyOf(who),
      actorRole: who.side,
      action: 'participant.logout',
      entity: 'participant',
      entityId: String(who.accountId),
      regionCode: who.regionCode,
    });
  }

  /** Ends a session by its raw token without auditing (replacing an old cookie at login). */
  discard(token: string): void {
    if (token && token.length <= 200) this.deps.participants.deleteSession(sha256Hex(token));
  }

  // "No such user" costs as much as "wrong password", so timing reveals no login names.
  private async burnTime(password: string): Promise<false> {
    this.dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(password, await this.dummyHash);
    return false;
  }
}
