import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = {
  actor: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  /** The HTTP client's address; absent for CLI and batch writes. */
  clientIp?: string | null;
};
export type AuditQuery = { entity?: string; entityId?: string; regionCode?: string; limit: number; offset?: number };

/** The audit trail is append-only: this repository offers insert and read, and database triggers refuse the rest. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  append(e: NewAuditEntry): AuditEntry {
    return this.db
      .insert(auditLog)
      .values({
        actor: e.actor,
        actorRole: e.actorRole,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        regionCode: e.regionCode ?? null,
        before: e.before ?? null,
        after: e.after ?? null,
        note: e.note ?? null,
        clientIp: e.clientIp ?? null,
      })
      .returning()
      .get();
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEntry[] {
    const conds: SQL[] = [];
    if (q.entity) conds.push(eq(auditLog.entity, q.entity));
    if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
    if (q.regionCode) conds.push(eq(auditLog.regionCode, q.regionCode));
    return this.db
      .select()
      .from(auditLog)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(q.limit)
      .offset(q.offset ?? 0)
      .all();
  }

  /**
   * Entries of some entities in one region whose entity id starts with `prefix` (e.g. `<runId>/`), newest first.
   * substr, not LIKE: an id may contain '_' (a LIKE wildcard).
   */
  listByEntityPrefix(q: { entities: readonly string[]; regionCode: string; prefix: string; limit: number }): AuditEntry[] {
    return this.db
      .select()
      .from(auditLog)
      .where(and(inArray(auditLog.entity, [...q.entities]), eq(auditLog.regionCode, q.regionCode), sql`substr(${auditLog.entityId}, 1, ${q.prefix.length}) = ${q.prefix}`))
      .orderBy(desc(auditLog.id))
      .limit(q.limit)
      .all();
  }
}
