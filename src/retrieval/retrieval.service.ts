import type { Config } from '../config';
import type { Db } from '../db/client';
import { EmbeddingService } from '../embeddings/embedding.service';
import type { Embedder } from '../embeddings/embedder.port';
import { TransformersEmbedder } from '../embeddings/transformers.embedder';
import { createJiebaKeywordExtractor } from '../portraits/jieba-keyword.adapter';
import { PortraitRepository, type StoredEvidence } from '../portraits/portrait.repository';
import type { Logger } from '../shared/logger';
import { RetrievalIndex } from './retrieval-index';
import { type RetrievalSyncResult, type SyncProgress, syncRetrieval } from './retrieval-sync.service';

export type Retrieval = {
  /** Query side: evidence search, per-expert max-over-evidence scores. Current after each sync. */
  index: RetrievalIndex;
  /** The cached embedder (same vector space as the index): use it for query texts. */
  embedder: EmbeddingService;
  /** Portraits, vectors and index up to date with the database; calls are serialised. */
  sync(opts?: { onProgress?: SyncProgress }): Promise<RetrievalSyncResult>;
  embedQuery(text: string): Promise<Float32Array>;
  /** Evidence rows (label, kind, year, text) by id, to explain a score. */
  describeEvidence(ids: number[]): Map<number, StoredEvidence>;
  close(): Promise<void>;
};

/**
 * Wires the real adapters (local transformers.js model, jieba, hnswlib) from the config. Loads the model
 * (fails with a message that says to run `npm run setup` when it is missing); does not sync by itself.
 * `embedder` may be replaced, e.g. by a counting wrapper in tests.
 */
export async function createRetrieval(
  deps: { db: Db; config: Config; logger: Logger },
  overrides: { embedder?: Embedder; referenceYear?: number } = {},
): Promise<Retrieval> {
  const { db, config, logger } = deps;
  const owned = overrides.embedder ? undefined : await TransformersEmbedder.load({
    modelDir: config.modelDir, model: config.embedModel, maxTokens: config.embedMaxTokens, batchSize: config.embedBatch,
  });
  const base = overrides.embedder ?? owned!;
  const embedder = new EmbeddingService(base, db);
  const index = new RetrievalIndex(embedder.modelId, embedder.dim);
  const keywords = createJiebaKeywordExtractor();
  const portraits = new PortraitRepository(db);
  let running: Promise<unknown> = Promise.resolve();

  return {
    index,
    embedder,
    sync(opts = {}) {
      const next = running.then(() => syncRetrieval({
        db, embeddings: embedder, keywords, state: index, indexDir: config.indexDir, hnsw: config.hnsw,
        logger, embedChunk: Math.max(config.embedBatch * 8, 64), referenceYear: overrides.referenceYear,
      }, opts));
      running = next.catch(() => {});
      return next;
    },
    async embedQuery(text: string) {
      const [v] = await embedder.embed([text]);
      return v;
    },
    describeEvidence: (ids) => portraits.getEvidence(ids),
    async close() {
      await running;
      await owned?.dispose();
    },
  };
}
