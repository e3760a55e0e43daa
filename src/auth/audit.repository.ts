import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import type { AuditTrailEntry } from '../shared/audit-trail.port';

export type AuditEntry = typeof auditLog.$inferSelect;
/** What a writer appends: the shared audit-trail entry (actor, client address, change, before/after). */
export type NewAuditEntry = AuditTrailEntry;
export type AuditQuery = { entity?: string; entityId?: string; regionCode?: string; limit: number; offset?: number };

/** A stored row as the chain hashes it: before/after as their stored JSON text. */
type ChainRow = {
  id: number;
  at: string;
  actor: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  region_code: string | null;
  before: string | null;
  after: string | null;
  note: string | null;
  client_ip: string | null;
  prev_hash: string | null;
  hash: string | null;
};

export type ChainReport = { ok: true; rows: number; legacyRows: number; head: string | null } | { ok: false; rows: number; brokenId: number; reason: string };

/** sha256 of the previous row's hash and this row's content, fields in a fixed order (the chain's definition). */
export function hashAuditRow(prevHash: string | null, r: Omit<ChainRow, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([r.id, r.at, r.actor, r.actor_role, r.action, r.entity, r.entity_id, r.region_code, r.before, r.after, r.note, r.client_ip ?? null]);
  return createHash('sha256')
    .update(`${prevHash ?? ''}\n${canonical}`)
    .digest('hex');
}

const toJsonText = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * The audit trail is append-only: this repository offers insert and read, and database triggers refuse the
 * rest (updates, deletes, replaced or back-dated rows, rows not chained to the newest hash).
 */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends one entry chained to the newest row. Inside the caller's transaction it is part of that unit of
   * work (the change and its entry commit together or not at all); alone it is its own IMMEDIATE transaction,
   * so reading the chain head and inserting after it cannot interleave with another writer.
   */
  append(e: NewAuditEntry): AuditEntry {
    return this.db.transaction(() => {
      const head = this.db.$client.prepare('SELECT id, at, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; at: string; hash: string | null } | undefined;
      const now = new Date().toISOString();
      // Never older than the newest row, even if this host's clock stepped back (the trigger would refuse it).
      const at = head && head.at > now ? head.at : now;
      const row = {
        id: (head?.id ?? 0) + 1,
        at,
        actor: e.actor,
        actor_role: e.actorRole,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        region_code: e.regionCode ?? null,
        before: toJsonText(e.before),
        after: toJsonText(e.after),
        note: e.note ?? null,
        client_ip: e.clientIp ?? null,
      };
      const prevHash = head?.hash ?? null;
      this.db.$client
        .prepare(
          `INSERT INTO audit_log (id, at, actor, actor_role, action, entity, entity_id, region_code, before, after, note, client_ip, prev_hash, hash)
           VALUES (@id, @at, @actor, @actor_role, @action, @entity, @entity_id, @region_code, @before, @after, @note, @client_ip, @prev_hash, @hash)`,
        )
        .run({ ...row, prev_hash: prevHash, hash: hashAuditRow(prevHash, row) });
      return this.db.select().from(auditLog).where(eq(auditLog.id, row.id)).get()!;
    });
  }

  /**
   * Walks the whole log in id order and recomputes every hash: the first row whose content, link or order
   * does not match is named. Rows from before the chain existed (no hash) may only precede the chained ones.
   */
  verifyChain(): ChainReport {
    let prev: ChainRow | undefined;
    let rows = 0;
    let legacyRows = 0;
    for (const r of this.db.$client.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<ChainRow>) {
      rows++;
      const fail = (reason: string): ChainReport => ({ ok: false, rows, brokenId: r.id, reason });
      if (prev && r.at < prev.at) return fail(`时间早于上一行（${r.at} < ${prev.at}）`);
      if (r.hash === null) {
        if (prev && prev.hash !== null) return fail('缺少哈希（在已链接的行之后）');
        legacyRows++;
        prev = r;
        continue;
      }
      const expectedPrev = prev?.hash ?? null;
      if (r.prev_hash !== expectedPrev) return fail(`prev_hash 与上一行的哈希不符（上一行 ${prev ? prev.id : '无'}）`);
      if (hashAuditRow(r.prev_hash, r) !== r.hash) return fail('内容与哈希不符（该行被改写）');
      prev = r;
    }
    return { ok: true, rows, legacyRows, head: prev?.hash ?? null };
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
