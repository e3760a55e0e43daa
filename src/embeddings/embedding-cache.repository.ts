import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { embeddingCache } from '../db/schema';

/** Float32Array ↔ blob. Copies on read: SQLite buffers need not be 4-byte aligned. */
export const vectorToBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
export const blobToVector = (b: Buffer): Float32Array => {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
};

/** Vectors keyed by (model id, text hash). */
export class EmbeddingCacheRepository {
  constructor(private readonly db: Db) {}

  getMany(modelId: string, textHashes: string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    const unique = [...new Set(textHashes)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = this.db
        .select({ textHash: embeddingCache.textHash, vector: embeddingCache.vector })
        .from(embeddingCache)
        .where(and(eq(embeddingCache.modelId, modelId), inArray(embeddingCache.textHash, unique.slice(i, i + 500))))
        .all();
      for (const r of rows) out.set(r.textHash, blobToVector(r.vector));
    }
    return out;
  }

  putMany(modelId: string, entries: Array<{ textHash: string; vector: Float32Array }>): void {
    if (entries.length === 0) return;
    this.db.transaction((tx) => {
      for (const e of entries) {
        tx.insert(embeddingCache)
          .values({ modelId, textHash: e.textHash, dim: e.vector.length, vector: vectorToBlob(e.vector) })
          .onConflictDoNothing()
          .run();
      }
    });
  }
}
