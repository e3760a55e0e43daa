import { AppError } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import { type AccountService, type NewAccount, type StaffUser, toStaffUser } from './account.service';
import type { AuditActor } from './api-key.service';
import type { AuditRepository } from './audit.repository';
import type { SessionRepository } from './session.repository';
import type { UserRepository, UserRow } from './user.repository';

export type UserListing = StaffUser & { disabled: boolean; createdAt: string };

/**
 * What an operator does to staff accounts (`npm run user`): create, disable, enable, reset a password, list, end
 * sessions. Each change and its audit entry are written in one transaction; passwords are hashed before it.
 */
export class UserAdminService {
  constructor(
    private readonly deps: {
      accounts: Pick<AccountService, 'prepareUser' | 'hashNewPassword'>;
      users: Pick<UserRepository, 'findByUsername' | 'insert' | 'setDisabled' | 'setPasswordHash' | 'list'>;
      sessions: Pick<SessionRepository, 'deleteForUser'>;
      audit: Pick<AuditRepository, 'append'>;
      transaction: Transaction;
    },
  ) {}

  async create(a: NewAccount, by: AuditActor): Promise<StaffUser> {
    const row = await this.deps.accounts.prepareUser(a);
    return this.deps.transaction(() => {
      if (this.deps.users.findByUsername(row.username)) throw new AppError('ALREADY_EXISTS', `用户已存在：${row.username}`);
      const user = toStaffUser(this.deps.users.insert(row));
      this.deps.audit.append({ ...by, action: 'user.create', entity: 'user', entityId: user.username, regionCode: user.region, after: user });
      return user;
    });
  }

  /** Disabling also ends the user's sessions: a disabled account is out at once, not when its cookie expires. */
  setDisabled(username: string, disabled: boolean, by: AuditActor): { username: string; disabled: boolean; sessionsEnded: number } {
    return this.deps.transaction(() => {
      const u = this.require(username);
      this.deps.users.setDisabled(u.id, disabled);
      const sessionsEnded = disabled ? this.deps.sessions.deleteForUser(u.id) : 0;
      this.deps.audit.append({
        ...by,
        action: disabled ? 'user.disable' : 'user.enable',
        entity: 'user',
        entityId: u.username,
        regionCode: u.regionCode,
        before: { disabled: u.disabled },
        after: { disabled },
        note: disabled ? `ended ${sessionsEnded} session(s)` : undefined,
      });
      return { username: u.username, disabled, sessionsEnded };
    });
  }

  /** A new password ends every session of the user (whoever knew the old one is logged out). */
  async resetPassword(username: string, password: string, by: AuditActor): Promise<{ username: string; sessionsEnded: number }> {
    this.require(username);
    const hash = await this.deps.accounts.hashNewPassword(password);
    return this.deps.transaction(() => {
      const u = this.require(username);
      this.deps.users.setPasswordHash(u.id, hash);
      const sessionsEnded = this.deps.sessions.deleteForUser(u.id);
      // The hash itself is never audited: only that it changed.
      this.deps.audit.append({ ...by, action: 'user.reset-password', entity: 'user', entityId: u.username, regionCode: u.regionCode, note: `ended ${sessionsEnded} session(s)` });
      return { username: u.username, sessionsEnded };
    });
  }

  endSessions(username: string, by: AuditActor): { username: string; sessionsEnded: number } {
    return this.deps.transaction(() => {
      const u = this.require(username);
      const sessionsEnded = this.deps.sessions.deleteForUser(u.id);
      this.deps.audit.append({ ...by, action: 'user.end-sessions', entity: 'user', entityId: u.username, regionCode: u.regionCode, after: { sessionsEnded } });
      return { username: u.username, sessionsEnded };
    });
  }

  list(): UserListing[] {
    return this.deps.users
      .list()
      .map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, region: u.regionCode, disabled: u.disabled, createdAt: u.createdAt }));
  }

  private require(username: string): UserRow {
    const u = this.deps.users.findByUsername(username);
    if (!u) throw new AppError('NOT_FOUND', `用户不存在：${username}`, { username });
    return u;
  }
}
