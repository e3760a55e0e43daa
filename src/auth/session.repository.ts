import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import type { UserRow } from './user.repository';

export type SessionWithUser = { tokenHash: string; csrfToken: string; expiresAt: string; user: UserRow };

export class SessionRepository {
  constructor(private readonly db: Db) {}

  insert(s: { tokenHash: string; userId: number; csrfToken: string; expiresAt: string }): void {
    this.db.insert(sessions).values(s).run();
  }

  /** The live session with its enabled user, or undefined when unknown, expired or the user is disabled. */
  findValid(tokenHash: string, nowIso: string): SessionWithUser | undefined {
    const row = this.db
      .select({ s: sessions, u: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, nowIso), eq(users.disabled, false)))
      .get();
    return row && { tokenHash: row.s.tokenHash, csrfToken: row.s.csrfToken, expiresAt: row.s.expiresAt, user: row.u };
  }

  delete(tokenHash: string): void {
    this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
  }

  /** Ends every session of one user; the number ended. */
  deleteForUser(userId: number): number {
    return this.db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
  }

  deleteExpired(nowIso: string): number {
    return this.db.delete(sessions).where(lte(sessions.expiresAt, nowIso)).run().changes;
  }
}
