import type { EmbeddingService } from '../embeddings/embedding.service';
import { type IndexManifest, loadIndex, readManifest, saveIndexAtomically, type Watermark, writeManifestWatermark } from '../index/ann-persistence';
import { type HnswParams, HnswIndex } from '../index/hnsw.adapter';
import type { KeywordExtractor } from '../portraits/keyword-extractor.port';
import type { ExpertRepository } from '../intake/expert.repository';
import { type PortraitPorts, rebuildStalePortraitsPausing } from '../portraits/portrait.service';
import { createTimeSlicer } from '../shared/event-loop';
import type { Logger } from '../shared/logger';
import type { RetrievalIndex } from './retrieval-index';
import type { RetrievalRepository } from './retrieval.repository';

export type SyncStage = 'portraits' | 'vectors' | 'embed-first' | 'embed' | 'index' | 'save';
export type SyncProgress = (p: { stage: SyncStage; done: number; total: number }) => void;

export type SyncOptions = {
  onProgress?: SyncProgress;
  /**
   * Called once every expert's portrait has its vector (the first pass), before the project, patent and
   * paper texts are embedded: from then on a search finds every expert, scored on its portrait only until
   * the sync ends (the server's staged start). Without it the sync is one step, as for a CLI.
   */
  onFirstPass?: (p: { embedded: number; remaining: number }) => void;
  /** Stops the sync between two chunks (the server shutting down during a first start's background fill). */
  signal?: AbortSignal;
};

export type RetrievalSyncDeps = {
  retrieval: Pick<RetrievalRepository, 'listEvidenceMeta' | 'cachedVectors' | 'texts' | 'watermark'>;
  portraits: PortraitPorts;
  experts: Pick<ExpertRepository, 'getByIds'>;
  /** The cached embedder: texts it has seen under this model id are never embedded again. */
  embeddings: EmbeddingService;
  keywords: KeywordExtractor;
  state: RetrievalIndex;
  indexDir: string;
  hnsw: HnswParams;
  logger: Logger;
  /** Texts per embedding call (the embedder batches further by EMBED_BATCH). */
  embedChunk?: number;
  /** Reference year for the "last five years" indicators; default: the current UTC year. */
  referenceYear?: number;
};

export type RetrievalSyncResult = {
  portraitsBuilt: number;
  /** Distinct texts sent to the model. */
  textsEmbedded: number;
  /** Evidence vectors read from the cache instead. */
  cacheHits: number;
  indexAdded: number;
  indexDeleted: number;
  rebuilt: boolean;
  /** Why the index was rebuilt rather than loaded or updated. */
  rebuildReason?: string;
  saved: boolean;
  evidence: number;
  ms: number;
};

/** Deleted slots above this share of the graph make an update a rebuild: searches stay fast and memory bounded. */
const COMPACT_DELETED_SHARE = 0.3;

const sameWatermark = (a: Watermark, b: Watermark) => a.changeSeq === b.changeSeq && a.maxEvidenceId === b.maxEvidenceId && a.evidenceCount === b.evidenceCount;

/**
 * Brings derived retrieval state up to date with the database, doing only what changed:
 * (a) rebuilds stale portraits and their evidence items, (b) loads the vectors of new evidence from the
 * cache and embeds the rest in batches, (c) loads the saved HNSW index (or rebuilds it when the model
 * changed or the files are unusable), adds and deletes the difference and saves it atomically.
 */
export async function syncRetrieval(deps: RetrievalSyncDeps, opts: SyncOptions = {}): Promise<RetrievalSyncResult> {
  const started = performance.now();
  const { state, logger } = deps;
  const repo = deps.retrieval;
  const progress = opts.onProgress ?? (() => {});
  const referenceYear = deps.referenceYear ?? new Date().getUTCFullYear();

  // The loops below run on the caller's thread: they give the event loop a turn every few milliseconds.
  const pause = createTimeSlicer();
  const portraits = await rebuildStalePortraitsPausing(
    { portraits: deps.portraits, experts: deps.experts, keywords: deps.keywords },
    { referenceYear, onProgress: progress, batchSize: 16, pause },
  );
  if (portraits.built) logger.info({ ...portraits }, 'portraits rebuilt');

  // (b) the in-memory vector store follows the evidence table
  const evidence = repo.listEvidenceMeta();
  const inDb = new Set(evidence.map((e) => e.id));
  for (const id of state.evidenceIds()) if (!inDb.has(id)) state.removeEvidence(id);
  const missing = evidence.filter((e) => !state.hasEvidence(e.id));
  const metaOf = new Map(missing.map((e) => [e.id, e]));
  let cacheHits = 0;
  let textsEmbedded = 0;
  const cached = repo.cachedVectors(
    state.modelId,
    missing.map((e) => e.id),
  );
  for (const [id, vector] of cached) {
    const m = metaOf.get(id)!;
    if (vector.length !== state.dim) continue;
    state.putEvidence(id, m.expertId, m.kind, vector);
    cacheHits++;
  }
  progress({ stage: 'vectors', done: cacheHits, total: missing.length });
  // Portraits first: one per expert, each summing up the whole record, they make every expert findable
  // long before the other texts are embedded (the first pass of a staged start).
  const pending = missing.filter((e) => !state.hasEvidence(e.id));
  const firstPass = pending.filter((e) => e.kind === 'portrait').map((e) => e.id);
  const rest = pending.filter((e) => e.kind !== 'portrait').map((e) => e.id);
  if (pending.length) logger.info({ items: pending.length, firstPass: firstPass.length, model: state.modelId }, 'embedding evidence texts');
  const embedIds = async (ids: number[], stage: SyncStage) => {
    const chunk = deps.embedChunk ?? 256;
    let done = 0;
    for (let i = 0; i < ids.length; i += chunk) {
      opts.signal?.throwIfAborted();
      const rows = repo.texts(ids.slice(i, i + chunk));
      const res = await deps.embeddings.embedWithStats(rows.map((r) => r.text));
      textsEmbedded += res.embedded;
      cacheHits += res.hits;
      rows.forEach((r, j) => {
        const m = metaOf.get(r.id)!;
        state.putEvidence(r.id, m.expertId, m.kind, res.vectors[j]);
      });
      done += rows.length;
      progress({ stage, done, total: ids.length });
    }
  };
  // Always in these two runs, staged or not: int8 activations are scaled per batch, so the same batches give
  // a staged start the very vectors of a one-step start.
  await embedIds(firstPass, 'embed-first');
  opts.onFirstPass?.({ embedded: state.matrix.size, remaining: rest.length });
  await embedIds(rest, 'embed');

  // (c) the ANN index follows the vector store
  let rebuildReason: string | undefined;
  let manifest: IndexManifest | undefined;
  if (!state.ann) {
    const loaded = loadIndex(deps.indexDir, { modelId: state.modelId, dim: state.dim, params: deps.hnsw });
    if ('index' in loaded) {
      state.setAnn(loaded.index);
      manifest = loaded.manifest;
      logger.info(
        { count: loaded.manifest.count, generation: loaded.manifest.generation, upToDate: sameWatermark(loaded.manifest.watermark, repo.watermark()) },
        'ANN index loaded',
      );
    } else {
      rebuildReason = loaded.reason;
    }
  } else {
    manifest = readManifest(deps.indexDir).manifest;
  }
  let indexAdded = 0;
  let indexDeleted = 0;
  const ann = state.ann;
  if (ann && !rebuildReason) {
    for (const label of ann.labels())
      if (!state.hasEvidence(label)) {
        ann.markDelete(label);
        indexDeleted++;
      }
    const toAdd = state
      .evidenceIds()
      .filter((id) => !ann.has(id))
      .sort((a, b) => a - b);
    for (const [i, id] of toAdd.entries()) {
      ann.add(id, state.vectorOf(id)!);
      if (i % 1000 === 999) progress({ stage: 'index', done: i + 1, total: toAdd.length });
      await pause();
    }
    indexAdded = toAdd.length;
    const slots = ann.size() + ann.deletedCount();
    if (ann.deletedCount() > 1000 && ann.deletedCount() > COMPACT_DELETED_SHARE * slots) rebuildReason = 'compaction: too many deleted slots';
  }
  const rebuilt = !!rebuildReason;
  if (rebuilt) {
    logger.info({ reason: rebuildReason, items: state.matrix.size }, 'building ANN index');
    const fresh = HnswIndex.create(state.dim, deps.hnsw, Math.ceil(state.matrix.size * 1.25));
    // In id order, whatever order the vectors came in: a staged and a one-step start build the same graph.
    const ids = state.evidenceIds().sort((a, b) => a - b);
    for (const [i, id] of ids.entries()) {
      fresh.add(id, state.vectorOf(id)!);
      if (i % 500 === 499) {
        progress({ stage: 'index', done: i + 1, total: ids.length });
        opts.signal?.throwIfAborted();
      }
      await pause();
    }
    // Searches use the exact scan until the whole graph is there.
    state.setAnn(fresh);
    indexAdded = ids.length;
    indexDeleted = 0;
  }

  const watermark = repo.watermark();
  let saved = false;
  if (rebuilt || indexAdded || indexDeleted || !manifest) {
    progress({ stage: 'save', done: 0, total: 1 });
    saveIndexAtomically(deps.indexDir, state.ann!, { modelId: state.modelId, watermark });
    saved = true;
  } else if (!sameWatermark(manifest.watermark, watermark)) {
    // Records changed without touching any evidence text (e.g. a phone number): only the watermark moves.
    writeManifestWatermark(deps.indexDir, manifest, watermark);
  }
  const result: RetrievalSyncResult = {
    portraitsBuilt: portraits.built,
    textsEmbedded,
    cacheHits,
    indexAdded,
    indexDeleted,
    rebuilt,
    rebuildReason,
    saved,
    evidence: state.matrix.size,
    ms: Math.round(performance.now() - started),
  };
  logger.info(result, 'retrieval in sync');
  return result;
}
