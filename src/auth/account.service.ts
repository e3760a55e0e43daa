import { type AuditActor, type AuditTrail, SYSTEM_ACTOR } from '../shared/audit-trail.port';
import { AppError } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import { STAFF_ROLES, type StaffRole } from './auth.types';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.service';
import type { NewUser, UserRepository, UserRow } from './user.repository';

/** The regions a reviewer may belong to (reference data; intake owns it, auth only reads it). */
export type RegionDirectory = { listRegions(): ReadonlyArray<{ code: string; name: string; level: string }> };

export type NewAccount = { username: string; displayName: string; role: StaffRole; region?: string | null; password: string };
export type StaffUser = { username: string; displayName: string; role: StaffRole; region: string | null };

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

const invalid = (message: string, field: string) => new AppError('INVALID_ACCOUNT', message, [{ field, message }]);

export function toStaffUser(u: UserRow): StaffUser {
  return { username: u.username, displayName: u.displayName, role: u.role, region: u.regionCode };
}

/** Staff accounts: creation rules (a reviewer has exactly one county; city roles have none) and credential checks. */
export class AccountService {
  // Hashing a throwaway password when the user does not exist keeps "no such user" as slow as "wrong password".
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly deps: {
      users: Pick<UserRepository, 'findByUsername' | 'findById' | 'insert' | 'setPasswordHash'>;
      reference: RegionDirectory;
      audit: AuditTrail;
      transaction: Transaction;
    },
    private readonly hashParams: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  /** Creates the account and its audit entry (never the password hash) in one transaction. */
  async createUser(a: NewAccount, by: AuditActor = SYSTEM_ACTOR): Promise<StaffUser> {
    const row = await this.prepareUser(a);
    return this.deps.transaction(() => {
      const user = toStaffUser(this.deps.users.insert(row));
      this.deps.audit.append({ ...by, action: 'user.create', entity: 'user', entityId: user.username, regionCode: user.region, before: {}, after: user });
      return user;
    });
  }

  /** Checks a new account and hashes its password: the row to insert (the caller inserts it with its audit entry). */
  async prepareUser(a: NewAccount): Promise<NewUser> {
    if (!USERNAME.test(a.username)) throw invalid('用户名须为 2–64 位小写字母、数字或 . _ -', 'username');
    if (!STAFF_ROLES.includes(a.role)) throw invalid(`未知的角色：${a.role}`, 'role');
    if (!a.displayName.trim() || a.displayName.length > 100) throw invalid('显示名称不能为空且不超过 100 字', 'displayName');
    if (a.password.length < MIN_PASSWORD_LENGTH || a.password.length > 256) throw invalid(`密码长度须为 ${MIN_PASSWORD_LENGTH}–256 位`, 'password');
    const region = a.region ?? null;
    if (a.role === 'reviewer') {
      if (!region) throw invalid('区县审核员必须指定一个区县', 'region');
      const found = this.deps.reference.listRegions().find((r) => r.code === region);
      if (!found) throw invalid(`未知的行政区划代码：${region}`, 'region');
      if (found.level !== 'county') throw invalid(`区县审核员只能属于一个区县，${found.name}（${region}）不是区县`, 'region');
    } else if (region !== null) {
      throw invalid('市级管理员和只读用户不属于某个区县，请勿指定区县', 'region');
    }
    if (this.deps.users.findByUsername(a.username)) throw new AppError('ALREADY_EXISTS', `用户已存在：${a.username}`);
    const passwordHash = await hashPassword(a.password, this.hashParams);
    return { username: a.username, displayName: a.displayName.trim(), role: a.role, regionCode: region, passwordHash };
  }

  /** The same length rule as at creation, for a password reset. */
  async hashNewPassword(password: string): Promise<string> {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 256) throw invalid(`密码长度须为 ${MIN_PASSWORD_LENGTH}–256 位`, 'password');
    return hashPassword(password, this.hashParams);
  }

  getUser(userId: number): StaffUser | undefined {
    const u = this.deps.users.findById(userId);
    return u && toStaffUser(u);
  }

  exists(username: string): boolean {
    return this.deps.users.findByUsername(username) !== undefined;
  }

  /** The enabled user whose password matches, else undefined (same work either way). */
  async verifyCredentials(username: string, password: string): Promise<UserRow | undefined> {
    const user = this.deps.users.findByUsername(username);
    if (!user) {
      this.dummyHash ??= hashPassword('not-a-real-password', this.hashParams);
      await verifyPassword(password, await this.dummyHash);
      return undefined;
    }
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok || user.disabled) return undefined;
    // The one moment the plaintext is at hand: a hash from before the parameters were raised is replaced.
    if (needsRehash(user.passwordHash, this.hashParams)) this.deps.users.setPasswordHash(user.id, await hashPassword(password, this.hashParams));
    return user;
  }
}
