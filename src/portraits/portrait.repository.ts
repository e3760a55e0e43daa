import { and, asc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { evidenceItems, experts, portraits } from '../db/schema';
import type { EvidenceKind, PortraitDraft } from './portrait.types';

export type StoredPortrait = typeof portraits.$inferSelect;
export type StoredEvidence = typeof evidenceItems.$inferSelect;
export type EvidenceChange = { added: number; removed: number; kept: number };

/** Portraits and their evidence items. Evidence rows keep their id while their text is unchanged, so the ANN index does not churn. */
export class PortraitRepository {
  constructor(private readonly db: Db) {}

  /**
   * Experts whose portrait is missing or was built from another record version, builder version or
   * reference year. Cheap: compares hashes in SQL without loading any record.
   */
  findStale(opts: { builderVersion: number; referenceYear: number; limit: number; afterId?: number }): Array<{ expertId: number; contentHash: string }> {
    return this.db
      .select({ expertId: experts.id, contentHash: experts.contentHash })
      .from(experts)
      .leftJoin(portraits, eq(portraits.expertId, experts.id))
      .where(
        and(
          gt(experts.id, opts.afterId ?? 0),
          or(
            sql`${portraits.expertId} is null`,
            ne(portraits.sourceHash, experts.contentHash),
            ne(portraits.builderVersion, opts.builderVersion),
            sql`coalesce(json_extract(${portraits.strength}, '$.referenceYear'), -1) != ${opts.referenceYear}`,
          ),
        ),
      )
      .orderBy(asc(experts.id))
      .limit(opts.limit)
      .all();
  }

  countStale(opts: { builderVersion: number; referenceYear: number }): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(experts)
      .leftJoin(portraits, eq(portraits.expertId, experts.id))
      .where(
        or(
          sql`${portraits.expertId} is null`,
          ne(portraits.sourceHash, experts.contentHash),
          ne(portraits.builderVersion, opts.builderVersion),
          sql`coalesce(json_extract(${portraits.strength}, '$.referenceYear'), -1) != ${opts.referenceYear}`,
        ),
      )
      .get()!.n;
  }

  /** Stores the portrait and reconciles its evidence rows: unchanged texts keep their row id, others are replaced. */
  save(expertId: number, sourceHash: string, builderVersion: number, draft: PortraitDraft): EvidenceChange {
    return this.db.transaction((tx) => {
      const values = {
        sourceHash,
        builderVersion,
        summary: draft.summary,
        keywords: draft.keywords,
        fields: draft.fields,
        ipcClasses: draft.ipcClasses,
        strength: draft.strength as unknown as Record<string, number>,
        builtAt: new Date().toISOString(),
      };
      tx.insert(portraits)
        .values({ expertId, ...values })
        .onConflictDoUpdate({ target: portraits.expertId, set: values })
        .run();

      const existing = tx.select().from(evidenceItems).where(eq(evidenceItems.expertId, expertId)).all();
      const byKey = new Map<string, StoredEvidence[]>();
      for (const row of existing) {
        const key = `${row.kind}|${row.textHash}`;
        byKey.set(key, [...(byKey.get(key) ?? []), row]);
      }
      let added = 0;
      let kept = 0;
      for (const item of draft.evidence) {
        const match = byKey.get(`${item.kind}|${item.textHash}`)?.shift();
        if (match) {
          kept++;
          if (match.ordinal !== item.ordinal || match.label !== item.label || match.year !== item.year) {
            tx.update(evidenceItems).set({ ordinal: item.ordinal, label: item.label, year: item.year }).where(eq(evidenceItems.id, match.id)).run();
          }
          continue;
        }
        tx.insert(evidenceItems)
          .values({
            expertId,
            kind: item.kind,
            ordinal: item.ordinal,
            label: item.label,
            text: item.text,
            textHash: item.textHash,
            year: item.year,
          })
          .run();
        added++;
      }
      const leftovers = [...byKey.values()].flat().map((r) => r.id);
      for (let i = 0; i < leftovers.length; i += 500) {
        tx.delete(evidenceItems)
          .where(inArray(evidenceItems.id, leftovers.slice(i, i + 500)))
          .run();
      }
      return { added, removed: leftovers.length, kept };
    });
  }

  /** One transaction for a batch: thousands of small portrait writes are then one fsync, not thousands. */
  saveMany(entries: Array<{ expertId: number; sourceHash: string; builderVersion: number; draft: PortraitDraft }>): EvidenceChange {
    return this.db.transaction(() => {
      const total = { added: 0, removed: 0, kept: 0 };
      for (const e of entries) {
        const c = this.save(e.expertId, e.sourceHash, e.builderVersion, e.draft);
        total.added += c.added;
        total.removed += c.removed;
        total.kept += c.kept;
      }
      return total;
    });
  }

  get(expertId: number): StoredPortrait | undefined {
    return this.db.select().from(portraits).where(eq(portraits.expertId, expertId)).get();
  }

  listEvidence(expertId: number, kind?: EvidenceKind): StoredEvidence[] {
    const where = kind ? and(eq(evidenceItems.expertId, expertId), eq(evidenceItems.kind, kind)) : eq(evidenceItems.expertId, expertId);
    return this.db.select().from(evidenceItems).where(where).orderBy(asc(evidenceItems.kind), asc(evidenceItems.ordinal)).all();
  }

  /** Evidence rows by id, for explaining a score ("which project/patent"). */
  getEvidence(ids: number[]): Map<number, StoredEvidence> {
    const out = new Map<number, StoredEvidence>();
    if (ids.length === 0) return out;
    // Every match response explains its shortlist with this: one prepared statement over a JSON array of ids
    // instead of building an IN (…) query per call.
    this.evidenceByIds ??= this.prepareEvidenceByIds();
    for (const row of this.evidenceByIds.all({ ids: JSON.stringify(ids) })) out.set(row.id, row);
    return out;
  }

  private evidenceByIds?: ReturnType<PortraitRepository['prepareEvidenceByIds']>;

  private prepareEvidenceByIds() {
    return this.db
      .select()
      .from(evidenceItems)
      .where(sql`${evidenceItems.id} in (select value from json_each(${sql.placeholder('ids')}))`)
      .prepare();
  }

  count(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(portraits)
      .get()!.n;
  }
}
