import { hashText } from '../shared/hash';
import type { EmbeddingCacheRepository } from './embedding-cache.repository';
import type { Embedder } from './embedder.port';

export type EmbeddingStats = { hits: number; embedded: number };

/**
 * An Embedder that asks the model only for texts it has never seen under this model id: vectors are
 * cached in SQLite by (model id, sha256 of the text). Duplicate texts in one call are embedded once.
 */
export class EmbeddingService implements Embedder {
  readonly stats: EmbeddingStats = { hits: 0, embedded: 0 };
  constructor(
    private readonly embedder: Embedder,
    private readonly cache: Pick<EmbeddingCacheRepository, 'getMany' | 'putMany'>,
  ) {}

  get modelId(): string {
    return this.embedder.modelId;
  }
  get dim(): number {
    return this.embedder.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return (await this.embedWithStats(texts)).vectors;
  }

  /** Same as embed, also telling how many distinct texts came from the cache and how many went to the model. */
  async embedWithStats(texts: string[]): Promise<{ vectors: Float32Array[]; hits: number; embedded: number }> {
    const hashes = texts.map(hashText);
    const cached = this.cache.getMany(this.modelId, hashes);
    const todo = new Map<string, string>();
    hashes.forEach((h, i) => {
      if (!cached.has(h) && !todo.has(h)) todo.set(h, texts[i]);
    });
    if (todo.size) {
      const keys = [...todo.keys()];
      const vectors = await this.embedder.embed([...todo.values()]);
      if (vectors.length !== keys.length) throw new Error(`embedder returned ${vectors.length} vectors for ${keys.length} texts`);
      const entries = keys.map((textHash, i) => ({ textHash, vector: vectors[i] }));
      this.cache.putMany(this.modelId, entries);
      for (const e of entries) cached.set(e.textHash, e.vector);
    }
    const hits = new Set(hashes).size - todo.size;
    this.stats.hits += hits;
    this.stats.embedded += todo.size;
    return { vectors: hashes.map((h) => cached.get(h)!), hits, embedded: todo.size };
  }
}
