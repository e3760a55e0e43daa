import type { EmbeddingService } from '../embeddings/embedding.service';
import type { HnswParams } from '../index/hnsw.adapter';
import type { ExpertRepository } from '../intake/expert.repository';
import type { KeywordExtractor } from '../portraits/keyword-extractor.port';
import type { PortraitPorts } from '../portraits/portrait.service';
import type { PortraitRepository, StoredEvidence } from '../portraits/portrait.repository';
import type { Logger } from '../shared/logger';
import { RetrievalIndex } from './retrieval-index';
import { type RetrievalSyncResult, type SyncOptions, syncRetrieval } from './retrieval-sync.service';
import type { RetrievalRepository } from './retrieval.repository';

export type RetrievalServiceDeps = {
  /** The cached embedder (same vector space as the index): documents at sync, query texts at match time. */
  embedder: EmbeddingService;
  keywords: KeywordExtractor;
  retrieval: Pick<RetrievalRepository, 'listEvidenceMeta' | 'cachedVectors' | 'texts' | 'watermark' | 'maxEvidenceId'>;
  portraits: PortraitPorts & Pick<PortraitRepository, 'getEvidence'>;
  experts: Pick<ExpertRepository, 'getByIds'>;
  indexDir: string;
  hnsw: HnswParams;
  /** Texts per embedding call during a sync. */
  embedChunk: number;
  logger: Logger;
  /** Pins the portraits' "last five years" (evaluations on historic data); default: the current year. */
  referenceYear?: number;
  /** Called on close: releases the model the composition root loaded. */
  onClose?: () => Promise<void>;
};

/**
 * The retrieval state of the service: the in-memory vectors and HNSW index of every evidence item, kept in
 * step with the database by sync() (portraits, vectors and index, only what changed; calls are serialised),
 * and the query side ranking reads (the index, query embeddings, evidence rows to explain a score).
 */
export class RetrievalService {
  /** Query side: evidence search, per-expert max-over-evidence scores. Current after each sync. */
  readonly index: RetrievalIndex;
  private running: Promise<unknown> = Promise.resolve();
  private readonly closing = new AbortController();
  /** The newest evidence row when the last sync started (-1: never synced in this process). */
  private syncedEvidence = -1;

  constructor(private readonly deps: RetrievalServiceDeps) {
    this.index = new RetrievalIndex(deps.embedder.modelId, deps.embedder.dim);
  }

  get embedder(): EmbeddingService {
    return this.deps.embedder;
  }

  /** Portraits, vectors and index up to date with the database; concurrent calls run one after the other. */
  sync(opts: SyncOptions = {}): Promise<RetrievalSyncResult> {
    const { deps } = this;
    const next = this.running.then(() =>
      syncRetrieval(
        {
          retrieval: deps.retrieval,
          portraits: deps.portraits,
          experts: deps.experts,
          embeddings: deps.embedder,
          keywords: deps.keywords,
          state: this.index,
          indexDir: deps.indexDir,
          hnsw: deps.hnsw,
          logger: deps.logger,
          embedChunk: deps.embedChunk,
          referenceYear: deps.referenceYear,
        },
        { ...opts, signal: opts.signal ? AbortSignal.any([opts.signal, this.closing.signal]) : this.closing.signal },
      ).then((r) => {
        // Including the rows this sync wrote itself (rebuilt portraits).
        this.syncedEvidence = deps.retrieval.maxEvidenceId();
        return r;
      }),
    );
    this.running = next.catch(() => {});
    return next;
  }

  /**
   * Syncs when the database holds evidence this process's index has not seen — another server process (or a
   * cycle run's CLI) synced since. One O(1) query per request; a process that never synced does nothing here
   * (its start-up sync is what makes it ready).
   */
  async catchUp(): Promise<void> {
    if (this.syncedEvidence < 0 || this.deps.retrieval.maxEvidenceId() === this.syncedEvidence) return;
    await this.sync();
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.deps.embedder.embed([text]);
    return v;
  }

  /** Evidence rows (label, kind, year, text) by id, to explain a score. */
  describeEvidence(ids: number[]): Map<number, StoredEvidence> {
    return this.deps.portraits.getEvidence(ids);
  }

  /** Stops a sync under way at its next chunk (what was embedded stays cached), then releases the model. */
  async close(): Promise<void> {
    this.closing.abort(new Error('retrieval closed'));
    await this.running;
    await this.deps.onClose?.();
  }
}
