import type { Demand } from '../intake/demand.schema';
import type { ExpertScore, RetrievalIndex } from '../retrieval/retrieval-index';
import type { Bm25Scores } from './bm25.index';
import { coreLexicalText, coreQueryText, extractDemandCore } from './demand-core';
import { type AllowSet, type FilteredSearchOptions, searchAllowedExperts } from './filtered-search';
import { type FusionWeights, fuse, type Signals } from './fusion';
import type { ExpertMeta, Tokenizer } from './ranking-corpus';

/** A pool member: raw signals (priority still 0) and the dense score with its best evidence. */
export type PoolCandidate = { id: number; meta: ExpertMeta; signals: Signals; dense?: ExpertScore; base: number };

/** What a query contributes to every pool: its vector, its BM25 scores and the terms overlap is measured on. */
export type PoolQuery = { qv: Float32Array; bm: Bm25Scores; terms: DemandTerms };
export type DemandTerms = { field: Set<string>; ipc: Set<string> };

export type PoolRequest = {
  allow: AllowSet;
  /** Candidates asked of each retriever (dense and BM25). */
  perRetriever: number;
  /** Evidence hits kept per expert (the shortlist explains 3; the excluded list needs none). */
  topEvidence: number;
  /** Experts that join the pool whatever their scores (named candidates who pass the expert rules). */
  always?: readonly number[];
};

export type BuiltPool = {
  /** Sorted by fused score, then external id. */
  candidates: PoolCandidate[];
  /** The dense search scanned exactly (rather than walking the graph). */
  exact: boolean;
  /** Each retriever returned fewer than asked: there is nothing more to find in this allow set. */
  retrieversExhausted: boolean;
};

export type PoolDeps = {
  index: RetrievalIndex;
  meta: ReadonlyMap<number, ExpertMeta>;
  weights: FusionWeights;
  search?: FilteredSearchOptions;
};

const IPC_SUBCLASS = /\b([A-H]\d{2}[A-Z])(?=[\s\d/]|$)/g;

/** Higher score first, then external id: a total order, so every list is deterministic. */
export const byScore = (a: { score: number; meta: ExpertMeta }, b: { score: number; meta: ExpertMeta }) =>
  b.score - a.score || (a.meta.externalId < b.meta.externalId ? -1 : a.meta.externalId > b.meta.externalId ? 1 : 0);

/**
 * The one candidate pool of the ranker, for the shortlist (experts the expert-only rules allow) and for the
 * excluded list (experts they excluded) alike: the best `perRetriever` of dense search and of BM25 among the
 * allowed experts (plus `always`), every signal except priority, fused and sorted.
 */
export function buildCandidatePool(deps: PoolDeps, query: PoolQuery, req: PoolRequest): BuiltPool {
  const { index, meta, weights } = deps;
  const { qv, bm } = query;
  const dense = searchAllowedExperts(index, qv, req.perRetriever, req.allow, { topEvidence: req.topEvidence, ...deps.search });
  const denseTop = dense.experts.slice(0, req.perRetriever);
  const lexTop = bm.top(req.perRetriever, (id) => req.allow.has(id));
  const denseOf = new Map(denseTop.map((d) => [d.expertId, d]));
  const ids = new Set<number>([...denseOf.keys(), ...lexTop.map((h) => h.key), ...(req.always ?? [])]);
  const missing = [...ids].filter((id) => !denseOf.has(id));
  for (const d of index.scoreExpertsExact(qv, missing, { topEvidence: req.topEvidence })) denseOf.set(d.expertId, d);
  const candidates: PoolCandidate[] = [];
  for (const id of ids) {
    const m = meta.get(id);
    if (!m) continue;
    const d = denseOf.get(id);
    const signals: Signals = {
      maxEvidence: d?.maxEvidence ?? 0,
      centroid: d?.centroid ?? 0,
      lexical: bm.max > 0 ? bm.of(id) / bm.max : 0,
      overlap: overlapOf(m, query.terms),
      strength: m.strength,
      priority: 0,
    };
    candidates.push({ id, meta: m, signals, dense: d, base: fuse(signals, weights).score });
  }
  candidates.sort((a, b) => byScore({ score: a.base, meta: a.meta }, { score: b.base, meta: b.meta }));
  return { candidates, exact: dense.exact, retrieversExhausted: denseTop.length < req.perRetriever && lexTop.length < req.perRetriever };
}

/**
 * The text embedded for a demand: its technical core (title, problem, targets, then the field; company
 * boilerplate left out, see demand-core.ts). The embedder cuts it by tokens.
 */
export function queryText(d: Pick<Demand, 'title' | 'description' | 'expectedField'>): string {
  return coreQueryText(extractDemandCore(d));
}

/** The whole text of a demand as embedded before the core extractor (comparisons only). */
export function fullQueryText(d: Pick<Demand, 'title' | 'description' | 'expectedField'>): string {
  return [d.title, d.description, d.expectedField ? `期望领域：${d.expectedField}` : ''].filter(Boolean).join('\n');
}

/** The whole text of a demand as matched by BM25 before the core extractor (comparisons only). */
export function fullLexicalText(d: Pick<Demand, 'title' | 'description' | 'expectedField'>): string {
  return `${d.title} ${d.description} ${d.expectedField}`;
}

/** The BM25 query of a demand: the same technical core. */
export function lexicalQueryText(d: Pick<Demand, 'title' | 'description' | 'expectedField'>): string {
  return coreLexicalText(extractDemandCore(d));
}

/** The expected field (and its tokens) and the IPC subclasses a demand names: what overlap is measured on. */
export function demandTerms(d: Pick<Demand, 'title' | 'description' | 'expectedField'>, tokenizer: Tokenizer): DemandTerms {
  const field = new Set<string>();
  if (d.expectedField) {
    field.add(d.expectedField);
    for (const t of tokenizer.tokenize(d.expectedField)) field.add(t);
  }
  const ipc = new Set<string>();
  for (const m of `${d.expectedField} ${d.title} ${d.description}`.toUpperCase().matchAll(IPC_SUBCLASS)) ipc.add(m[1]);
  return { field, ipc };
}

/**
 * Field overlap: the share of the demand's expected-field terms found among the expert's fields and portrait
 * keywords; IPC overlap: the share of IPC subclasses named in the demand that the expert's patents carry. The
 * better of the two (0 when the demand names neither).
 */
export function overlapOf(meta: ExpertMeta, terms: DemandTerms): number {
  let field = 0;
  if (terms.field.size) {
    let hit = 0;
    for (const t of terms.field) if (meta.fieldTerms.has(t) || meta.keywords.has(t)) hit++;
    field = hit / terms.field.size;
  }
  let ipc = 0;
  if (terms.ipc.size) {
    let hit = 0;
    for (const c of terms.ipc) if (meta.ipc.has(c)) hit++;
    ipc = hit / terms.ipc.size;
  }
  return Math.max(field, ipc);
}
