import type { EmbeddingService } from '../embeddings/embedding.service';
import { type IndexManifest, loadIndex, readManifest, saveIndexAtomically, type Watermark, writeManifestWatermark } from '../index/ann-persistence';
import { type HnswParams, HnswIndex } from '../index/hnsw.adapter';
import type { KeywordExtractor } from '../portraits/keyword-extractor.port';
import type { ExpertRepository } from '../intake/expert.repository';
import { type PortraitPorts, rebuildStalePortraits } from '../portraits/portrait.service';
import type { Logger } from '../shared/logger';
import type { RetrievalIndex } from './retrieval-index';
import type { RetrievalRepository } from './retrieval.repository';

export type SyncStage = 'portraits' | 'vectors' | 'embed' | 'index' | 'save';
export type SyncProgress = (p: { stage: SyncStage; done: number; total: number }) => void;

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
export async function syncRetrieval(deps: RetrievalSyncDeps, opts: { onProgress?: SyncProgress } = {}): Promise<RetrievalSyncResult> {
  const started = performance.now();
  const { state, logger } = deps;
  const repo = deps.retrieval;
  const progress = opts.onProgress ?? (() => {});
  const referenceYear = deps.referenceYear ?? new Date().getUTCFullYear();

  const portraits = rebuildStalePortraits({ portraits: deps.portraits, experts: deps.experts, keywords: deps.keywords }, { referenceYear, onProgress: progress });
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
  const toEmbed = missing.filter((e) => !state.hasEvidence(e.id)).map((e) => e.id);
  if (toEmbed.length) {
    logger.info({ items: toEmbed.length, model: state.modelId }, 'embedding evidence texts');
    const chunk = deps.embedChunk ?? 256;
    let done = 0;
    for (let i = 0; i < toEmbed.length; i += chunk) {
      const rows = repo.texts(toEmbed.slice(i, i + chunk));
      const res = await deps.embeddings.embedWithStats(rows.map((r) => r.text));
      textsEmbedded += res.embedded;
      cacheHits += res.hits;
      rows.forEach((r, j) => {
        const m = metaOf.get(r.id)!;
        state.putEvidence(r.id, m.expertId, m.kind, res.vectors[j]);
      });
      done += rows.length;
      progress({ stage: 'embed', done, total: toEmbed.length });
    }
  }

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
    const toAdd = state.evidenceIds().filter((id) => !ann.has(id));
    toAdd.forEach((id, i) => {
      ann.add(id, state.vectorOf(id)!);
      if (i % 1000 === 999) progress({ stage: 'index', done: i + 1, total: toAdd.length });
    });
    indexAdded = toAdd.length;
    const slots = ann.size() + ann.deletedCount();
    if (ann.deletedCount() > 1000 && ann.deletedCount() > COMPACT_DELETED_SHARE * slots) rebuildReason = 'compaction: too many deleted slots';
  }
  const rebuilt = !!rebuildReason;
  if (rebuilt) {
    logger.info({ reason: rebuildReason, items: state.matrix.size }, 'building ANN index');
    const fresh = HnswIndex.create(state.dim, deps.hnsw, Math.ceil(state.matrix.size * 1.25));
    const ids = state.evidenceIds();
    ids.forEach((id, i) => {
      fresh.add(id, state.vectorOf(id)!);
      if (i % 1000 === 999) progress({ stage: 'index', done: i + 1, total: ids.length });
    });
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
