import type { AuditActor, AuditTrail } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import { MIN_PASSWORD_LENGTH } from './account.service';
import type { ParticipantSide, StaffPrincipal } from './auth.types';
import { hashPassword } from './password.service';
import type { ParticipantDirectory } from './participant.port';
import type { ParticipantAccountRow, ParticipantRepository } from './participant.repository';
import { type ParticipantAccount, toParticipantAccount } from './participant-session.service';
import { assertRegion, regionFilter } from './region-scope.policy';
import { randomToken, sha256Hex } from './token.util';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export type InvitationCreated = { account: ParticipantAccount; invitationId: number; token: string; link: string; expiresAt: string };

const invalid = (message: string, field: string) => new AppError('INVALID_ACCOUNT', message, [{ field, message }]);
const invitationInvalid = () => new AppError('INVITATION_INVALID', '邀请链接无效、已使用或已过期，请联系区县科技部门重新邀请');

/**
 * Enterprise and expert accounts created by a county's invitation (one-time link, only its hash stored, 7 days,
 * single use); the user sets the password. A county reviewer invites for their own county, the city for any.
 */
export class ParticipantAccountService {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      participants: Pick<
        ParticipantRepository,
        | 'findAccount'
        | 'findAccountById'
        | 'findAccountByUsername'
        | 'insertAccount'
        | 'updateAccount'
        | 'listAccounts'
        | 'insertInvitation'
        | 'findInvitation'
        | 'listInvitations'
        | 'consumeInvitation'
        | 'revokeOpenInvitations'
        | 'deleteSessionsOf'
      >;
      directory: ParticipantDirectory;
      /** Staff login names are taken too: one name, one person across both kinds of account. */
      staffNames: { exists(username: string): boolean };
      audit: AuditTrail;
      transaction: Transaction;
    },
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A new invitation link (the account is created on the first one); earlier open links of the account stop working. */
  invite(by: StaffPrincipal, actor: AuditActor, side: ParticipantSide, key: string): InvitationCreated {
    const subjectKey = side === 'enterprise' ? key.trim().toUpperCase() : key.trim();
    const subject = this.deps.directory.findSubject(side, subjectKey);
    if (!subject) throw notFound(side === 'enterprise' ? '企业' : '专家', subjectKey);
    assertRegion(by, subject.regionCode);
    const nowMs = this.now();
    const at = new Date(nowMs).toISOString();
    const token = randomToken();
    const expiresAt = new Date(nowMs + INVITATION_TTL_MS).toISOString();
    return this.deps.transaction(() => {
      let account = this.deps.participants.findAccount(side, subjectKey);
      if (!account) {
        account = this.deps.participants.insertAccount({ side, subjectKey, displayName: subject.displayName, regionCode: subject.regionCode ?? '' });
      } else {
        // A re-invite replaces the open links; a disabled account is enabled again only once the new link is accepted.
        this.deps.participants.revokeOpenInvitations(account.id, at);
      }
      const inv = this.deps.participants.insertInvitation({ accountId: account.id, tokenHash: sha256Hex(token), createdBy: actor.actor, expiresAt });
      // The token never enters the audit trail: whoever reads the log could otherwise take over the account.
      this.deps.audit.append({
        ...actor,
        action: 'participant.invite',
        entity: 'participant',
        entityId: String(account.id),
        regionCode: account.regionCode,
        before: {},
        after: { invitationId: inv.id, side, subjectKey, expiresAt },
      });
      return { account: toParticipantAccount(account), invitationId: inv.id, token, link: `/invite/${token}`, expiresAt };
    });
  }

  /** What the invitation page shows before the password is set; undefined for an unknown, used or expired link. */
  peek(token: string): { side: ParticipantSide; displayName: string; expiresAt: string; username: string | null } | undefined {
    const inv = this.openInvitation(token);
    if (!inv) return undefined;
    const account = this.deps.participants.findAccountById(inv.accountId)!;
    return { side: account.side, displayName: account.displayName, expiresAt: inv.expiresAt, username: account.username };
  }

  /** Sets the login name (first time) and password, uses the link up and enables the account. */
  async accept(token: string, input: { username: string; password: string }, meta: { ip: string }): Promise<ParticipantAccountRow> {
    const inv = this.openInvitation(token);
    if (!inv) throw invitationInvalid();
    const account = this.deps.participants.findAccountById(inv.accountId)!;
    const username = account.username ?? input.username.trim().toLowerCase();
    if (!account.username) {
      if (!USERNAME.test(username)) throw invalid('用户名须为 2–64 位小写字母、数字或 . _ -', 'username');
      if (this.deps.participants.findAccountByUsername(username) || this.deps.staffNames.exists(username)) {
        throw new AppError('ALREADY_EXISTS', `用户名已被使用：${username}`, [{ field: 'username', message: '用户名已被使用' }]);
      }
    }
    if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > 256) throw invalid(`密码长度须为 ${MIN_PASSWORD_LENGTH}–256 位`, 'password');
    const passwordHash = await hashPassword(input.password);
    const at = new Date(this.now()).toISOString();
    return this.deps.transaction(() => {
      // Checked again inside the transaction: two tabs submitting the same link, only one wins.
      if (!this.deps.participants.consumeInvitation(inv.id, at)) throw invitationInvalid();
      this.deps.participants.updateAccount(account.id, { username, passwordHash, disabled: false });
      this.deps.audit.append({
        actor: `${account.side}:${account.subjectKey}`,
        actorRole: account.side,
        action: 'participant.activate',
        entity: 'participant',
        entityId: String(account.id),
        regionCode: account.regionCode,
        before: { username: account.username, activated: account.passwordHash !== null, disabled: account.disabled },
        after: { username, activated: true, disabled: false },
        clientIp: meta.ip,
      });
      return this.deps.participants.findAccountById(account.id)!;
    });
  }

  /** Disables the account, ends its sessions and revokes its open invitations (re-invite to enable again). */
  disable(by: StaffPrincipal, actor: AuditActor, accountId: number): ParticipantAccount {
    const account = this.deps.participants.findAccountById(accountId);
    if (!account) throw notFound('参与方账号', String(accountId));
    assertRegion(by, account.regionCode);
    const at = new Date(this.now()).toISOString();
    return this.deps.transaction(() => {
      this.deps.participants.updateAccount(account.id, { disabled: true });
      const sessions = this.deps.participants.deleteSessionsOf(account.id);
      const invitations = this.deps.participants.revokeOpenInvitations(account.id, at);
      this.deps.audit.append({
        ...actor,
        action: 'participant.disable',
        entity: 'participant',
        entityId: String(account.id),
        regionCode: account.regionCode,
        before: { disabled: account.disabled },
        after: { disabled: true },
        note: `ended ${sessions} session(s), revoked ${invitations} invitation(s)`,
      });
      return toParticipantAccount({ ...account, disabled: true });
    });
  }

  /** Accounts with their invitations' state (never a token), of the caller's county or the one asked for. */
  list(by: StaffPrincipal, region?: string) {
    const accounts = this.deps.participants.listAccounts(regionFilter(by, region));
    const invitations = this.deps.participants.listInvitations(accounts.map((a) => a.id));
    const nowIso = new Date(this.now()).toISOString();
    return accounts.map((a) => ({
      ...toParticipantAccount(a),
      invitations: invitations
        .filter((i) => i.accountId === a.id)
        .map((i) => ({
          id: i.id,
          createdBy: i.createdBy,
          createdAt: i.createdAt,
          expiresAt: i.expiresAt,
          state: i.usedAt ? ('used' as const) : i.revokedAt ? ('revoked' as const) : i.expiresAt <= nowIso ? ('expired' as const) : ('open' as const),
        })),
    }));
  }

  private openInvitation(token: string) {
    if (!token || token.length > 200) return undefined;
    const inv = this.deps.participants.findInvitation(sha256Hex(token));
    if (!inv || inv.usedAt || inv.revokedAt || inv.expiresAt <= new Date(this.now()).toISOString()) return undefined;
    return inv;
  }
}
