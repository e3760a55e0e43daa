import type { LabelFilter, Neighbor } from '../index/ann-index.port';
import { ExactIndex } from '../index/exact.index';
import type { HnswIndex } from '../index/hnsw.adapter';
import { VectorMatrix } from '../index/vector-matrix';
import type { EvidenceKind } from '../portraits/portrait.types';

export type EvidenceHit = { evidenceId: number; expertId: number; kind: EvidenceKind; similarity: number };
/**
 * An expert's score is the best similarity over its evidence items and its evidence centroid (the
 * normalised mean of its project, patent and paper vectors). On NSFC expert finding this beat both one
 * portrait vector and the plain max over items (scripts/eval-multivector.ts). `evidence` holds the best
 * few real items, best first, so a score can always point at a project or patent.
 */
export type ExpertScore = { expertId: number; score: number; maxEvidence: number; centroid: number | null; evidence: EvidenceHit[] };

export type EvidenceSearchOptions = {
  /** Only evidence of these experts (e.g. those that passed the eligibility rules). */
  allowExpertIds?: Iterable<number>;
  allowEvidenceIds?: Iterable<number>;
  kinds?: readonly EvidenceKind[];
  /** Force the brute-force path (verification, tests). */
  exact?: boolean;
};

/** Pools up to this size are searched exactly: a few milliseconds, and no approximation at all. */
export const EXACT_POOL_MAX = 5000;
/** An allow-list covering at most this share of the index is scanned exactly instead of filtering a graph walk. */
export const EXACT_SHARE_MAX = 0.2;

/**
 * The query side of retrieval: every evidence vector in memory (exact paths) plus the HNSW index
 * (approximate path), with the mapping from evidence ids back to experts. Kept current by syncRetrieval.
 */
export class RetrievalIndex {
  readonly matrix: VectorMatrix;
  private readonly exactIndex: ExactIndex;
  private readonly meta = new Map<number, { expertId: number; kind: EvidenceKind }>();
  private readonly byExpert = new Map<number, Set<number>>();
  private annIndex?: HnswIndex;
  private readonly centroids = new Map<number, Float32Array | null>();

  constructor(
    readonly modelId: string,
    readonly dim: number,
  ) {
    this.matrix = new VectorMatrix(dim);
    this.exactIndex = new ExactIndex(this.matrix);
  }

  get ann(): HnswIndex | undefined {
    return this.annIndex;
  }
  /** @internal used by the sync when it loads or rebuilds the graph. */
  setAnn(ann: HnswIndex | undefined): void {
    this.annIndex = ann;
  }

  /** @internal */
  putEvidence(id: number, expertId: number, kind: EvidenceKind, vector: Float32Array): void {
    this.matrix.set(id, vector);
    this.meta.set(id, { expertId, kind });
    let set = this.byExpert.get(expertId);
    if (!set) this.byExpert.set(expertId, (set = new Set()));
    set.add(id);
    this.centroids.delete(expertId);
  }

  /** @internal */
  removeEvidence(id: number): void {
    const m = this.meta.get(id);
    if (!m) return;
    this.matrix.delete(id);
    this.meta.delete(id);
    const set = this.byExpert.get(m.expertId);
    set?.delete(id);
    this.centroids.delete(m.expertId);
    if (set && set.size === 0) this.byExpert.delete(m.expertId);
  }

  hasEvidence(id: number): boolean {
    return this.meta.has(id);
  }
  evidenceIds(): number[] {
    return this.matrix.labels();
  }
  evidenceOf(expertId: number): number[] {
    return [...(this.byExpert.get(expertId) ?? [])];
  }
  expertOf(evidenceId: number): number | undefined {
    return this.meta.get(evidenceId)?.expertId;
  }
  vectorOf(evidenceId: number): Float32Array | undefined {
    return this.matrix.get(evidenceId);
  }
  stats() {
    return { experts: this.byExpert.size, evidence: this.matrix.size, annSize: this.annIndex?.size() ?? 0, annDeleted: this.annIndex?.deletedCount() ?? 0 };
  }

  /** Normalised mean of the expert's project/patent/paper vectors (not the portrait); cached until its evidence changes. */
  centroidOf(expertId: number): Float32Array | null {
    const cached = this.centroids.get(expertId);
    if (cached !== undefined) return cached;
    const c = new Float32Array(this.dim);
    let n = 0;
    for (const id of this.byExpert.get(expertId) ?? []) {
      if (this.meta.get(id)!.kind === 'portrait') continue;
      const v = this.matrix.get(id)!;
      for (let d = 0; d < this.dim; d++) c[d] += v[d];
      n++;
    }
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += c[d] * c[d];
    const out = n > 0 && norm > 0 ? c.map((x) => x / Math.sqrt(norm)) : null;
    this.centroids.set(expertId, out);
    return out;
  }

  private hit(n: Neighbor): EvidenceHit | undefined {
    const m = this.meta.get(n.label);
    return m && { evidenceId: n.label, expertId: m.expertId, kind: m.kind, similarity: n.similarity };
  }

  /** Labels an option set allows, or undefined when it allows everything but maybe some kinds. */
  private allowedLabels(opts: EvidenceSearchOptions): number[] | undefined {
    const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
    const keep = (id: number) => {
      const m = this.meta.get(id);
      return !!m && (!kinds || kinds.has(m.kind));
    };
    let list: number[] | undefined;
    if (opts.allowExpertIds) {
      list = [];
      for (const e of new Set(opts.allowExpertIds)) for (const id of this.byExpert.get(e) ?? []) if (keep(id)) list.push(id);
    }
    if (opts.allowEvidenceIds) {
      const ids = [...new Set(opts.allowEvidenceIds)].filter(keep);
      const byExpert = list && new Set(list);
      list = byExpert ? ids.filter((id) => byExpert.has(id)) : ids;
    }
    return list;
  }

  private usesExact(allowed: number[] | undefined, opts: EvidenceSearchOptions): boolean {
    if (opts.exact || !this.annIndex || this.annIndex.size() === 0) return true;
    if (this.matrix.size <= EXACT_POOL_MAX) return true;
    return !!allowed && allowed.length <= Math.max(EXACT_POOL_MAX, this.matrix.size * EXACT_SHARE_MAX);
  }

  /** The k most similar evidence items, exact for small pools and narrow allow-lists, HNSW otherwise. */
  searchEvidence(query: Float32Array, k: number, opts: EvidenceSearchOptions = {}): EvidenceHit[] {
    const allowed = this.allowedLabels(opts);
    const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
    let filter: LabelFilter | undefined;
    if (allowed) filter = { labels: allowed };
    else if (kinds) filter = { predicate: (label) => kinds.has(this.meta.get(label)?.kind as EvidenceKind) };
    if (allowed && allowed.length === 0) return [];
    const neighbors = this.usesExact(allowed, opts) ? this.exactIndex.search(query, k, filter) : this.annIndex!.search(query, k, allowed ? { labels: new Set(allowed) } : filter);
    return neighbors.map((n) => this.hit(n)).filter((h): h is EvidenceHit => !!h);
  }

  /**
   * Experts ranked by their best evidence. Exact when the pool is small, otherwise the HNSW hits are
   * over-fetched and grouped, and each found expert is then scored exactly over all its evidence.
   */
  searchExperts(query: Float32Array, k: number, opts: EvidenceSearchOptions & { topEvidence?: number } = {}): ExpertScore[] {
    const allowed = this.allowedLabels(opts);
    if (this.usesExact(allowed, opts)) {
      const experts = opts.allowExpertIds ?? (allowed ? allowed.map((id) => this.meta.get(id)!.expertId) : undefined);
      return this.scoreExpertsExact(query, experts, opts).slice(0, k);
    }
    const hits = this.searchEvidence(query, Math.min(this.matrix.size, Math.max(10 * k, 100)), opts);
    const found = [...new Set(hits.map((h) => h.expertId))];
    return this.scoreExpertsExact(query, found, opts).slice(0, k);
  }

  /**
   * Each expert's score (max over its evidence items and its centroid, see ExpertScore) with the best few
   * items, for all experts or the given ones; experts without vectors are left out. Sorted best first.
   * `centroid: false` gives the plain max over evidence.
   */
  scoreExpertsExact(query: Float32Array, expertIds?: Iterable<number>, opts: { topEvidence?: number; kinds?: readonly EvidenceKind[]; centroid?: boolean } = {}): ExpertScore[] {
    if (query.length !== this.dim) throw new Error(`query has ${query.length} dimensions, expected ${this.dim}`);
    const top = Math.max(1, opts.topEvidence ?? 3);
    const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
    const out: ExpertScore[] = [];
    for (const expertId of expertIds ? new Set(expertIds) : this.byExpert.keys()) {
      const hits: EvidenceHit[] = [];
      for (const id of this.byExpert.get(expertId) ?? []) {
        const m = this.meta.get(id)!;
        if (kinds && !kinds.has(m.kind)) continue;
        hits.push({ evidenceId: id, expertId, kind: m.kind, similarity: this.matrix.dotRow(query, this.matrix.rowIndex(id)!) });
      }
      if (hits.length === 0) continue;
      hits.sort((a, b) => b.similarity - a.similarity || a.evidenceId - b.evidenceId);
      const c = opts.centroid === false ? null : this.centroidOf(expertId);
      let centroid: number | null = null;
      if (c) {
        centroid = 0;
        for (let d = 0; d < this.dim; d++) centroid += c[d] * query[d];
      }
      const maxEvidence = hits[0].similarity;
      out.push({ expertId, score: centroid === null ? maxEvidence : Math.max(maxEvidence, centroid), maxEvidence, centroid, evidence: hits.slice(0, top) });
    }
    return out.sort((a, b) => b.score - a.score || a.expertId - b.expertId);
  }
}
