import type { ExpertScore, RetrievalIndex } from '../retrieval/retrieval-index';

/** The experts a search may return, with an estimate of how many evidence vectors they hold. */
export type AllowSet = {
  /** Everyone allowed: no filter at all. */
  all: boolean;
  has(expertId: number): boolean;
  /** Allowed expert ids (only read on the exact path; may be large). */
  ids(): Iterable<number>;
  /** Share of all experts allowed, 0..1 (1 when `all`). */
  share?: number;
  /** Evidence vectors of the allowed experts (for choosing exact search over a filtered graph walk). */
  evidence: number;
};

export type FilteredSearchOptions = {
  /** Allow-lists with at most this many evidence vectors are scanned exactly (≈ 1 ms per 2,000 on one core). */
  exactMaxEvidence?: number;
  /** Also scan exactly when the allowed share of the index is this small: a graph walk would mostly visit excluded items. */
  exactMaxShare?: number;
  /** First graph-walk breadth in evidence items, per wanted expert. */
  perExpert?: number;
  /** Widening stops here and falls back to the exact scan. */
  maxEvidence?: number;
  exact?: boolean;
  topEvidence?: number;
};

export type FilteredSearchResult = {
  /** Allowed experts found, scored exactly over all their evidence, best first (at least k when k exist). */
  experts: ExpertScore[];
  exact: boolean;
  /** Graph walks made before answering (0 on the exact path). */
  rounds: number;
};

/** Allow-lists keeping at least this share of the experts are applied after the walk, not inside it. */
export const POST_FILTER_SHARE = 0.5;

export const FILTERED_SEARCH_DEFAULTS: Required<Omit<FilteredSearchOptions, 'exact'>> = {
  exactMaxEvidence: 12_000,
  exactMaxShare: 0.02,
  perExpert: 3,
  maxEvidence: 8192,
  topEvidence: 3,
};

/**
 * The k best experts among the allowed ones, never silently fewer. A filter that removes most of the pool
 * starves an HNSW walk (its ef best items are mostly excluded), so: narrow allow-lists are scanned exactly;
 * otherwise the walk is filtered (inside the graph for narrow lists, after it for broad ones) and widened fourfold while it finds
 * fewer than k distinct allowed experts; a walk that comes back short (the graph ran out of allowed items) or
 * reaches maxEvidence falls back to the exact scan over the allowed set. The result then equals exact filtered
 * top-k on every path that scans, and is as good as the unfiltered HNSW recall otherwise.
 */
export function searchAllowedExperts(index: RetrievalIndex, query: Float32Array, k: number, allow: AllowSet, options: FilteredSearchOptions = {}): FilteredSearchResult {
  const o = { ...FILTERED_SEARCH_DEFAULTS, ...options };
  const total = index.matrix.size;
  const ann = index.ann;
  const scoreOpts = { topEvidence: o.topEvidence };
  const exact = (): FilteredSearchResult => ({
    experts: index.scoreExpertsExact(query, allow.all ? undefined : allow.ids(), scoreOpts),
    exact: true,
    rounds: 0,
  });
  if (k <= 0 || total === 0) return { experts: [], exact: true, rounds: 0 };
  if (options.exact || !ann || ann.size() === 0 || total <= o.exactMaxEvidence) return exact();
  if (!allow.all && (allow.evidence <= o.exactMaxEvidence || allow.evidence <= o.exactMaxShare * total)) return exact();

  // A broad allow-list is cheaper to apply after an unfiltered walk (hnswlib calls a JS filter for every node
  // it visits) with the breadth scaled up by the share; a narrow one is applied inside the walk.
  const share = allow.all ? 1 : Math.min(1, Math.max(allow.share ?? 0, 1e-6));
  const postFilter = share >= POST_FILTER_SHARE;
  const filter =
    allow.all || postFilter
      ? undefined
      : {
          predicate: (label: number) => {
            const e = index.expertOf(label);
            return e !== undefined && allow.has(e);
          },
        };
  let breadth = Math.min(total, Math.ceil(Math.max(64, k * o.perExpert) / (postFilter ? share : 1)));
  for (let rounds = 1; ; rounds++) {
    const hits = ann.search(query, breadth, filter);
    const found: number[] = [];
    const seen = new Set<number>();
    for (const h of hits) {
      const e = index.expertOf(h.label);
      if (e === undefined || seen.has(e) || !(allow.all || allow.has(e))) continue;
      seen.add(e);
      found.push(e);
    }
    // Rescored exactly over all their evidence: the first 2k distinct experts in walk order are plenty.
    if (found.length >= k) return { experts: index.scoreExpertsExact(query, found.slice(0, 2 * k), scoreOpts), exact: false, rounds };
    // Short: the walk exhausted what it could reach, or the allowed set is smaller than k.
    if (hits.length < breadth || breadth >= Math.min(o.maxEvidence, total)) return { ...exact(), rounds };
    breadth = Math.min(total, o.maxEvidence, breadth * 4);
  }
}
