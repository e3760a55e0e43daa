export type Bm25Hit = { key: number; score: number };

/** One query's scores; valid until the next score() call or index change (they share scratch buffers). */
export type Bm25Scores = {
  /** Best score over all documents (0 when nothing matched). */
  readonly max: number;
  /** Documents sharing at least one term with the query. */
  readonly matched: number;
  of(key: number): number;
  /** The k best documents passing `allow`, best first; equal scores by key, so the order is deterministic. */
  top(k: number, allow?: (key: number) => boolean): Bm25Hit[];
};

/** The postings of one term with their BM25 impacts for the current length norms. */
export type TermPostings = {
  docs: Int32Array;
  /** (k1 + 1) · tf / (tf + norm(doc)), per posting: the query only multiplies by idf · qtf. */
  impacts: Float32Array;
  length: number;
  /** Largest impact of the term: its best possible contribution is weight · maxImpact. */
  maxImpact: number;
};

/** What a query reads of the index (its arrays, not copies): see Bm25Index.score. */
export type Bm25View = {
  k1p1: number;
  norms: Float32Array;
  alive: Uint8Array;
  anyDead: boolean;
  docKey: Int32Array;
  docOf: ReadonlyMap<number, number>;
  docTerms: ReadonlyArray<{ terms: Int32Array; tfs: Float32Array } | null>;
  /** Shared scratch, zero wherever a document is not on the touched list. */
  acc: Float32Array;
  touched: Int32Array;
  /** Per document: the query generation its `final` score belongs to. */
  finalGen: Int32Array;
  final: Float32Array;
  /** Per vocabulary term: the query generation that set `slot` (the term's position in the query, else stale). */
  slotGen: Int32Array;
  slot: Int32Array;
};

/** A query term: id, weight (idf · query tf), postings. Sorted by best contribution, largest first. */
export type QueryTerm = { term: number; weight: number; postings: TermPostings; bound: number };

/**
 * A prune check (two scans of the touched list) is tried only while this many postings per touched document are
 * left: on the demo-derived corpus (npm run bench -- bm25) checks at 2× and 8× cost more than they saved (the
 * touched list is nearly as long as the postings), so pruning is kept for the queries where it clearly pays.
 */
export const PRUNE_CHECK_VOLUME = 16;
/** Rounding slack of a float32 sum of up to 64 terms: bounds are compared with this much headroom. */
const SLACK = 1 + 1e-5;

/**
 * The scores of one query, computed only as far as the callers' questions need (exact top-k with term-level
 * MaxScore). Terms are processed term-at-a-time, best possible contribution first, into the shared float32
 * accumulator. Before a long tail of postings, once the k-th best partial score of the allowed documents exceeds
 * the most the remaining terms can add, no untouched document can still enter the top k: the documents that can
 * are finished from their own term lists (the forward index) instead of walking the long postings. Every
 * document's score is the same float32 sum in the same term order on either path, so the pruned top-k equals
 * the exhaustive one exactly, ties included.
 */
export class Bm25Query implements Bm25Scores {
  /** Terms [0, next) are in `acc` for every document. */
  private next = 0;
  private nTouched = 0;
  /** Largest partial score so far (float32, as stored): the max itself once every term is in. */
  private maxAcc = 0;
  /** Σ bound of terms [i, n): what they can add at most. */
  private readonly rest: Float64Array;
  /** Σ postings of terms [i, n): the work a prune would save. */
  private readonly volume: Float64Array;
  private cachedMax?: number;
  /** The last prune check that failed: where it was and the threshold it found. */
  private lastCheck?: { volume: number; touched: number; threshold: number };
  /** Scratch of finalOf: a document's matches among the remaining terms. */
  private readonly ownSlots: Int32Array;
  private readonly ownTfs: Float32Array;

  constructor(
    private readonly v: Bm25View,
    private readonly terms: readonly QueryTerm[],
    private readonly gen: number,
    private readonly isCurrent: () => boolean,
    private readonly checkVolume = PRUNE_CHECK_VOLUME,
  ) {
    const n = terms.length;
    this.rest = new Float64Array(n + 1);
    this.volume = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      this.rest[i] = this.rest[i + 1] + terms[i].bound;
      this.volume[i] = this.volume[i + 1] + terms[i].postings.length;
      v.slotGen[terms[i].term] = gen;
      v.slot[terms[i].term] = i;
    }
    this.ownSlots = new Int32Array(n);
    this.ownTfs = new Float32Array(n);
  }

  /** Postings not walked so far (diagnostics: what pruning saved). */
  get skippedPostings(): number {
    return this.volume[this.next];
  }

  get matched(): number {
    this.check();
    this.accumulateThrough(this.terms.length);
    return this.nTouched;
  }

  get max(): number {
    this.check();
    if (this.cachedMax === undefined) {
      if (this.next === this.terms.length) this.cachedMax = this.maxAcc;
      else this.top(1);
    }
    return this.cachedMax ?? this.maxAcc;
  }

  of(key: number): number {
    this.check();
    const doc = this.v.docOf.get(key);
    return doc === undefined ? 0 : this.finalOf(doc);
  }

  top(k: number, allow?: (key: number) => boolean): Bm25Hit[] {
    this.check();
    const { acc, touched, docKey } = this.v;
    const n = this.terms.length;
    for (;;) {
      if (this.next === n) {
        this.cachedMax = this.maxAcc;
        return this.partialTop(k, allow).result();
      }
      if (this.worthChecking()) {
        const partial = this.partialTop(k, allow);
        const threshold = partial.threshold;
        // The k-th best partial score is a lower bound of the k-th best final one; a document can reach it
        // only if its partial score plus everything the remaining terms can add does.
        const rest = this.rest[this.next] * SLACK;
        if (partial.full && rest < threshold) {
          // The best document overall (the max) is a candidate too, allowed or not: it needs no second pass.
          const needMax = this.cachedMax === undefined;
          const cands: number[] = [];
          for (let i = 0; i < this.nTouched; i++) {
            const doc = touched[i];
            const reach = (acc[doc] + rest) * SLACK;
            if (reach < threshold) continue;
            if ((needMax && reach >= this.maxAcc) || !allow || allow(docKey[doc])) cands.push(doc);
          }
          if (this.completionCost(cands.length) < this.volume[this.next]) {
            this.complete(cands);
            const heap = new KeyedTopK(k);
            let max = 0;
            for (const doc of cands) {
              const s = this.v.final[doc];
              if (s > max) max = s;
              if (!allow || allow(docKey[doc])) heap.push(docKey[doc], s);
            }
            if (needMax) this.cachedMax = max;
            return heap.result();
          }
        }
        this.lastCheck = { volume: this.volume[this.next], touched: this.nTouched, threshold };
      }
      this.accumulateThrough(this.next + 1);
    }
  }

  /** Zeroes what this query accumulated (the next query reuses the buffers). */
  clear(): void {
    const { acc, touched } = this.v;
    for (let i = 0; i < this.nTouched; i++) acc[touched[i]] = 0;
    this.nTouched = 0;
  }

  /** The k best partial scores (terms accumulated so far) among the allowed touched documents. */
  private partialTop(k: number, allow?: (key: number) => boolean): KeyedTopK {
    const { acc, touched, docKey } = this.v;
    const heap = new KeyedTopK(k);
    // The threshold only moves on a push: read once per push, not once per matched document.
    let threshold = heap.threshold;
    for (let i = 0; i < this.nTouched; i++) {
      const doc = touched[i];
      const s = acc[doc];
      if (s >= threshold && (!allow || allow(docKey[doc]))) {
        heap.push(docKey[doc], s);
        threshold = heap.threshold;
      }
    }
    return heap;
  }

  /**
   * A prune check scans the touched list: only worth it when the postings left are long next to it and the
   * remaining terms cannot reach the best partial score; after a failed check, only once the last threshold
   * suffices or enough postings were walked since to pay for another scan.
   */
  private worthChecking(): boolean {
    const volume = this.volume[this.next];
    const rest = this.rest[this.next] * SLACK;
    if (volume <= this.checkVolume * this.nTouched || rest >= this.maxAcc) return false;
    const last = this.lastCheck;
    return !last || rest < last.threshold || last.volume - volume >= this.checkVolume * last.touched;
  }

  /** Postings probes to finish `c` candidates by galloping through each remaining term (≈ c · log(len / c)). */
  private completionCost(c: number): number {
    let cost = 0;
    for (let i = this.next; i < this.terms.length; i++) cost += c * (2 + Math.log2(1 + this.terms[i].postings.length / Math.max(1, c)));
    return 2 * cost;
  }

  /**
   * Final scores of the candidates not finished yet: each remaining term, in order, adds to every candidate it
   * contains — postings and candidates are both sorted by document, so each term is one galloping merge.
   */
  private complete(cands: number[]): void {
    const v = this.v;
    const todo = Int32Array.from(cands.filter((d) => v.finalGen[d] !== this.gen)).sort();
    if (todo.length === 0) return;
    // Float32 like the accumulator: each addition rounds exactly as it would have there.
    const score = new Float32Array(todo.length);
    for (let c = 0; c < todo.length; c++) score[c] = v.acc[todo[c]];
    for (let t = this.next; t < this.terms.length; t++) {
      const { weight, postings } = this.terms[t];
      const { docs, impacts, length } = postings;
      let p = 0;
      for (let c = 0; c < todo.length && p < length; c++) {
        const doc = todo[c];
        if (docs[p] < doc) {
          // Gallop to a posting ≥ doc, then binary search the last step.
          let lo = p + 1;
          let step = 1;
          while (lo + step < length && docs[lo + step] < doc) {
            lo += step;
            step *= 2;
          }
          let hi = Math.min(length, lo + step + 1);
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (docs[mid] < doc) lo = mid + 1;
            else hi = mid;
          }
          p = lo;
          if (p >= length) break;
        }
        if (docs[p] === doc) score[c] = score[c] + weight * impacts[p];
      }
    }
    for (let c = 0; c < todo.length; c++) {
      v.finalGen[todo[c]] = this.gen;
      v.final[todo[c]] = score[c];
    }
  }

  private check(): void {
    if (!this.isCurrent()) throw new Error('Bm25Scores used after a later score() call or an index change');
  }

  /** Adds terms [next, end) to the accumulator, exhaustively over their postings. */
  private accumulateThrough(end: number): void {
    const { acc, touched, alive, anyDead } = this.v;
    let nTouched = this.nTouched;
    let maxAcc = this.maxAcc;
    for (; this.next < end; this.next++) {
      const { weight, postings } = this.terms[this.next];
      const { docs, impacts, length } = postings;
      for (let i = 0; i < length; i++) {
        const doc = docs[i];
        // Without tombstones every posting is live: the hot loop skips the per-posting alive lookup.
        if (anyDead && alive[doc] === 0) continue;
        const a = acc[doc];
        if (a === 0) touched[nTouched++] = doc;
        acc[doc] = a + weight * impacts[i];
        if (acc[doc] > maxAcc) maxAcc = acc[doc];
      }
    }
    this.nTouched = nTouched;
    this.maxAcc = maxAcc;
  }

  /** A document's exact score: the accumulated terms plus the others from its own term list, in term order. */
  private finalOf(doc: number): number {
    const v = this.v;
    if (this.next === this.terms.length) return v.acc[doc];
    if (v.finalGen[doc] === this.gen) return v.final[doc];
    let score = v.acc[doc];
    const own = v.docTerms[doc];
    if (own) {
      // The doc's matches among the remaining terms, ordered by query position (insertion sort: they are few).
      const slots = this.ownSlots;
      const tfs = this.ownTfs;
      let m = 0;
      for (let i = 0; i < own.terms.length; i++) {
        const t = own.terms[i];
        if (v.slotGen[t] !== this.gen) continue;
        const s = v.slot[t];
        if (s < this.next) continue;
        let j = m++;
        while (j > 0 && slots[j - 1] > s) {
          slots[j] = slots[j - 1];
          tfs[j] = tfs[j - 1];
          j--;
        }
        slots[j] = s;
        tfs[j] = own.tfs[i];
      }
      const norm = v.norms[doc];
      // Math.fround twice, as the typed arrays round: the impact as stored, the sum as accumulated.
      for (let j = 0; j < m; j++) score = Math.fround(score + this.terms[slots[j]].weight * Math.fround((v.k1p1 * tfs[j]) / (tfs[j] + norm)));
    }
    v.finalGen[doc] = this.gen;
    v.final[doc] = score;
    return score;
  }
}

/**
 * The k best (key, score) pairs in a min-heap ordered by score, then by key descending, so that among equal
 * scores the smaller keys are kept whatever order the documents come in.
 */
export class KeyedTopK {
  private readonly keys: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;
  constructor(private readonly k: number) {
    this.keys = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  get full(): boolean {
    return this.k > 0 && this.n >= this.k;
  }

  get threshold(): number {
    return this.n < this.k ? -Infinity : this.scores[0];
  }

  /** entry i is worse than entry j */
  private worse(i: number, j: number): boolean {
    const si = this.scores[i];
    const sj = this.scores[j];
    return si < sj || (si === sj && this.keys[i] > this.keys[j]);
  }

  private swap(i: number, j: number): void {
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
    const s = this.scores[i];
    this.scores[i] = this.scores[j];
    this.scores[j] = s;
  }

  push(key: number, score: number): void {
    if (this.k <= 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      this.keys[i] = key;
      this.scores[i] = score;
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
    const n = this.n;
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
    const out: Bm25Hit[] = [];
    for (let i = 0; i < this.n; i++) out.push({ key: this.keys[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.key - b.key);
  }
}
