/** A document's key and score (re-exported by bm25.index.ts, which this module must not import). */
export type Bm25Hit = { key: number; score: number };

/** One query term as the pruned traversal sees it: its postings (ascending documents), weight and bound. */
export type TermCursor = {
  docs: Int32Array;
  tfs: Float32Array;
  length: number;
  /** idf · query tf · (k1 + 1). */
  w: number;
  /** An upper bound of the term's contribution to any live document: w · max tf / (tf + norm). */
  ub: number;
};

export type MaxScoreInput = {
  /** In the canonical order (rarest first): scores are summed in this order, as scoreExhaustive does. */
  terms: readonly TermCursor[];
  norm: Float32Array;
  /** Null when no document is dead. */
  alive: Uint8Array | null;
  docKey: Int32Array;
  k: number;
  allow?: (key: number) => boolean;
  /** Zeroed scratch of at least the document count; left zeroed. */
  scratch: { acc: Float32Array; touched: Int32Array; allowed: Int8Array };
};

/**
 * Bounds are sums of doubles while scores accumulate in float32: a document is dropped only when it falls
 * short of the threshold by more than any rounding could account for.
 */
const SLACK = 1 + 1e-5;

/**
 * Exact top-k BM25 by term-at-a-time MaxScore ("quit and continue", Moffat & Zobel; Turtle & Flood's bound):
 * terms are accumulated rarest first, where the high scores come from; once the bounds of the terms still to
 * come add up to less than the k-th best partial score among allowed documents, no document not yet touched can
 * enter the top k, so the remaining (long, common) postings are only probed, by galloping search, for the
 * touched documents that can still make it. Every surviving document gets all its terms added in the same
 * order and float32 arithmetic as the exhaustive scorer, so hits, scores and ties are identical. Also returns
 * the best score over all live documents, allowed or not (a dropped one cannot beat the k-th allowed score).
 */
export function topKMaxScore(input: MaxScoreInput): { hits: Bm25Hit[]; max: number } {
  const { terms, norm, alive, docKey, allow, scratch } = input;
  const { acc, touched, allowed } = scratch;
  const k = Math.max(0, input.k);
  const n = terms.length;
  const suffix = new Float64Array(n + 1);
  for (let j = n - 1; j >= 0; j--) suffix[j] = suffix[j + 1] + terms[j].ub;
  let nTouched = 0;
  let theta = -Infinity;
  let maxPartial = 0;
  const isAllowed = (d: number) => {
    if (!allow) return true;
    if (allowed[d] === 0) allowed[d] = allow(docKey[d]) ? 1 : 2;
    return allowed[d] === 1;
  };
  // The k-th best partial score among allowed touched documents (the best of all when k = 0).
  const kthPartial = () => {
    if (k === 0) return maxPartial;
    const heap = new KeyedTopK(k);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      if (acc[d] >= heap.threshold && isAllowed(d)) heap.push(d, acc[d]);
    }
    return heap.threshold;
  };

  let lastAt = Infinity;
  let j = 0;
  for (; j < n; j++) {
    if (suffix[j] * SLACK < theta) break;
    const { docs, tfs, length, w } = terms[j];
    for (let i = 0; i < length; i++) {
      const d = docs[i];
      if (alive && alive[d] === 0) continue;
      const tf = tfs[i];
      const a = acc[d];
      if (a === 0) touched[nTouched++] = d;
      const s = (acc[d] = a + (w * tf) / (tf + norm[d]));
      if (s > maxPartial) maxPartial = s;
    }
    // Worth computing the threshold only once the rest could no longer lift an untouched document to the best.
    // Recomputed (O(touched)) only after the remaining bound fell by a quarter since the last time.
    if (j + 1 < n && suffix[j + 1] * SLACK < maxPartial && suffix[j + 1] < 0.75 * lastAt) {
      theta = kthPartial();
      lastAt = suffix[j + 1];
    }
  }

  let cands: Int32Array;
  if (j < n) {
    // Continue: only touched documents that can still reach the threshold, in document order for galloping.
    const rest = suffix[j];
    let m = 0;
    const keep = new Int32Array(nTouched);
    for (let i = 0; i < nTouched; i++) if ((acc[touched[i]] + rest) * SLACK >= theta) keep[m++] = touched[i];
    cands = keep.subarray(0, m).sort();
    for (; j < n; j++) {
      const { docs, tfs, length, w } = terms[j];
      let pos = 0;
      for (let c = 0; c < m && pos < length; c++) {
        const d = cands[c];
        pos = seek(docs, length, pos, d);
        if (pos < length && docs[pos] === d) {
          const tf = tfs[pos];
          acc[d] = acc[d] + (w * tf) / (tf + norm[d]);
        }
      }
    }
  } else cands = touched.subarray(0, nTouched);

  const heap = new KeyedTopK(k);
  let max = 0;
  for (let c = 0; c < cands.length; c++) {
    const d = cands[c];
    const s = acc[d];
    if (s > max) max = s;
    if (k > 0 && s >= heap.threshold && isAllowed(d)) heap.push(docKey[d], s);
  }
  for (let i = 0; i < nTouched; i++) {
    acc[touched[i]] = 0;
    allowed[touched[i]] = 0;
  }
  return { hits: heap.result(), max };
}

/** The first index ≥ from whose document is ≥ d (galloping, then binary search). */
function seek(docs: Int32Array, length: number, from: number, d: number): number {
  if (from >= length || docs[from] >= d) return from;
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < length && docs[hi] < d) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > length) hi = length;
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of document d in ascending postings, or -1. */
export function findDoc(docs: Int32Array, length: number, d: number): number {
  const i = seek(docs, length, 0, d);
  return i < length && docs[i] === d ? i : -1;
}

/**
 * The k best (key, score) pairs in a min-heap ordered by score, then by key descending, so that among equal
 * scores the smaller keys are kept whatever order the documents come in.
 */
export class KeyedTopK {
  private readonly keys: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  get threshold(): number {
    return this.keys.length < this.k ? -Infinity : this.scores[0];
  }

  /** a is worse than b */
  private worse(i: number, j: number): boolean {
    return this.scores[i] < this.scores[j] || (this.scores[i] === this.scores[j] && this.keys[i] > this.keys[j]);
  }

  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
  }

  push(key: number, score: number): void {
    if (this.k <= 0) return;
    if (this.keys.length < this.k) {
      this.keys.push(key);
      this.scores.push(score);
      let i = this.keys.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (score < this.scores[0] || (score === this.scores[0] && key > this.keys[0])) return;
    this.keys[0] = key;
    this.scores[0] = score;
    let i = 0;
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  result(): Bm25Hit[] {
    return this.keys.map((key, i) => ({ key, score: this.scores[i] })).sort((a, b) => b.score - a.score || a.key - b.key);
  }
}
