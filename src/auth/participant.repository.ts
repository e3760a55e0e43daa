import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { participantAccounts, participantInvitations, participantSessions } from '../db/schema';

export type ParticipantAccountRow = typeof participantAccounts.$inferSelect;
export type ParticipantInvitationRow = typeof participantInvitations.$inferSelect;
export type ParticipantSessionWithAccount = { tokenHash: string; csrfToken: string; expiresAt: string; account: ParticipantAccountRow };

/** Participant accounts with their invitations and sessions (one table family). */
export class ParticipantRepository {
  constructor(private readonly db: Db) {}

  findAccount(side: 'enterprise' | 'expert', subjectKey: string): ParticipantAccountRow | undefined {
    return this.db
      .select()
      .from(participantAccounts)
      .where(and(eq(participantAccounts.side, side), eq(participantAccounts.subjectKey, subjectKey)))
      .get();
  }

  findAccountById(id: number): ParticipantAccountRow | undefined {
    return this.db.select().from(participantAccounts).where(eq(participantAccounts.id, id)).get();
  }

  findAccountByUsername(username: string): ParticipantAccountRow | undefined {
    return this.db.select().from(participantAccounts).where(eq(participantAccounts.username, username)).get();
  }

  insertAccount(a: { side: 'enterprise' | 'expert'; subjectKey: string; displayName: string; regionCode: string }): ParticipantAccountRow {
    return this.db.insert(participantAccounts).values(a).returning().get();
  }

  updateAccount(id: number, set: Partial<Pick<ParticipantAccountRow, 'username' | 'passwordHash' | 'disabled' | 'displayName' | 'regionCode'>>): void {
    this.db.update(participantAccounts).set(set).where(eq(participantAccounts.id, id)).run();
  }

  listAccounts(region?: string): ParticipantAccountRow[] {
    return this.db
      .select()
      .from(participantAccounts)
      .where(region === undefined ? undefined : eq(participantAccounts.regionCode, region))
      .orderBy(asc(participantAccounts.id))
      .all();
  }

  insertInvitation(i: { accountId: number; tokenHash: string; createdBy: string; expiresAt: string }): ParticipantInvitationRow {
    return this.db.insert(participantInvitations).values(i).returning().get();
  }

  findInvitation(tokenHash: string): ParticipantInvitationRow | undefined {
    return this.db.select().from(participantInvitations).where(eq(participantInvitations.tokenHash, tokenHash)).get();
  }

  listInvitations(accountIds: number[] | undefined): ParticipantInvitationRow[] {
    const rows = this.db.select().from(participantInvitations).orderBy(asc(participantInvitations.id)).all();
    if (!accountIds) return rows;
    const ids = new Set(accountIds);
    return rows.filter((r) => ids.has(r.accountId));
  }

  /** Marks an unused invitation used; false when it was used, revoked or expired meanwhile (a second click). */
  consumeInvitation(id: number, atIso: string): boolean {
    return (
      this.db
        .update(participantInvitations)
        .set({ usedAt: atIso })
        .where(and(eq(participantInvitations.id, id), isNull(participantInvitations.usedAt), isNull(participantInvitations.revokedAt), gt(participantInvitations.expiresAt, atIso)))
        .run().changes === 1
    );
  }

  /** Revokes the account's open invitations (a re-invite or a disable replaces them); the number revoked. */
  revokeOpenInvitations(accountId: number, atIso: string): number {
    return this.db
      .update(participantInvitations)
      .set({ revokedAt: atIso })
      .where(and(eq(participantInvitations.accountId, accountId), isNull(participantInvitations.usedAt), isNull(participantInvitations.revokedAt)))
      .run().changes;
  }

  insertSession(s: { tokenHash: string; accountId: number; csrfToken: string; expiresAt: string }): void {
    this.db.insert(participantSessions).values(s).run();
  }

  /** The live session with its enabled account, or undefined when unknown, expired or the account is disabled. */
  findValidSession(tokenHash: string, nowIso: string): ParticipantSessionWithAccount | undefined {
    const row = this.db
      .select({ s: participantSessions, a: participantAccounts })
      .from(participantSessions)
      .innerJoin(participantAccounts, eq(participantAccounts.id, participantSessions.accountId))
      .where(and(eq(participantSessions.tokenHash, tokenHash), gt(participantSessions.expiresAt, nowIso), eq(participantAccounts.disabled, false)))
      .get();
    return row && { tokenHash: row.s.tokenHash, csrfToken: row.s.csrfToken, expiresAt: row.s.expiresAt, account: row.a };
  }

  deleteSession(tokenHash: string): void {
    this.db.delete(participantSessions).where(eq(participantSessions.tokenHash, tokenHash)).run();
  }

  deleteSessionsOf(accountId: number): number {
    return this.db.delete(participantSessions).where(eq(participantSessions.accountId, accountId)).run().changes;
  }

  deleteExpiredSessions(nowIso: string): number {
    return this.db.delete(participantSessions).where(lte(participantSessions.expiresAt, nowIso)).run().changes;
  }
}
