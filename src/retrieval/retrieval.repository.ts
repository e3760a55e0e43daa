import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changeLog, evidenceItems } from '../db/schema';
import { EmbeddingCacheRepository } from '../embeddings/embedding-cache.repository';
import type { Watermark } from '../index/ann-persistence';
import type { EvidenceKind } from '../portraits/portrait.types';

export type EvidenceMeta = { id: number; expertId: number; kind: EvidenceKind };

/** Reads that join evidence items with their cached vectors, for keeping the in-memory store and index current. */
export class RetrievalRepository {
  private readonly cache: EmbeddingCacheRepository;
  constructor(private readonly db: Db) {
    this.cache = new EmbeddingCacheRepository(db);
  }

  listEvidenceMeta(): EvidenceMeta[] {
    return this.db.select({ id: evidenceItems.id, expertId: evidenceItems.expertId, kind: evidenceItems.kind }).from(evidenceItems).orderBy(asc(evidenceItems.id)).all();
  }

  /**
   * Vectors already cached for these evidence items under this model; items without one are absent.
   * Two keyed lookups rather than a join: without table statistics SQLite plans that join as a scan of
   * every cached vector of the model per chunk (a minute for 13k items instead of a second).
   */
  cachedVectors(modelId: string, ids: number[]): Map<number, Float32Array> {
    const out = new Map<number, Float32Array>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = this.db
        .select({ id: evidenceItems.id, textHash: evidenceItems.textHash })
        .from(evidenceItems)
        .where(inArray(evidenceItems.id, ids.slice(i, i + 500)))
        .all();
      const vectors = this.cache.getMany(
        modelId,
        rows.map((r) => r.textHash),
      );
      for (const r of rows) {
        const v = vectors.get(r.textHash);
        if (v) out.set(r.id, v);
      }
    }
    return out;
  }

  texts(ids: number[]): Array<{ id: number; text: string }> {
    const out: Array<{ id: number; text: string }> = [];
    for (let i = 0; i < ids.length; i += 500) {
      out.push(
        ...this.db
          .select({ id: evidenceItems.id, text: evidenceItems.text })
          .from(evidenceItems)
          .where(inArray(evidenceItems.id, ids.slice(i, i + 500)))
          .all(),
      );
    }
    return out;
  }

  /** The newest evidence row (rowid maximum: O(1)); only a retrieval sync writes evidence rows. */
  maxEvidenceId(): number {
    return (
      this.db
        .select({ max: sql<number | null>`max(${evidenceItems.id})` })
        .from(evidenceItems)
        .get()!.max ?? 0
    );
  }

  watermark(): Watermark {
    const seq =
      this.db
        .select({ n: sql<number | null>`max(${changeLog.seq})` })
        .from(changeLog)
        .get()!.n ?? 0;
    const ev = this.db
      .select({ max: sql<number | null>`max(${evidenceItems.id})`, n: sql<number>`count(*)` })
      .from(evidenceItems)
      .get()!;
    return { changeSeq: seq, maxEvidenceId: ev.max ?? 0, evidenceCount: ev.n };
  }
}
