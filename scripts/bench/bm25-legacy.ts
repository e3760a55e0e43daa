// The BM25 index as it was before term-level pruning (commit fdf045b, src/ranking/bm25.index.ts), kept only as
// the same-run baseline of `npm run bench -- bm25`: exhaustive term-at-a-time scoring with a division per posting.
export type Bm25Params = { k1: number; b: number };
export type Bm25Hit = { key: number; score: number };

/** One query's scores; valid until the next score() call or index change (they share scratch buffers). */
export type Bm25Scores = {
  /** Best score over all documents (0 when nothing matched). */
  max: number;
  /** Documents sharing at least one term with the query. */
  matched: number;
  of(key: number): number;
  /** The k best documents passing `allow`, best first; equal scores by key, so the order is deterministic. */
  top(k: number, allow?: (key: number) => boolean): Bm25Hit[];
};

/**
 * Chosen on the DEV split of the NSFC expert-finding task (1,000 queries, words + bigrams, per-expert
 * documents): BM25 alone recall@10 0.272 at b 0.75, 0.287 at b 0.5, 0.294 at b 0.3 (k1 1.2); k1 2.0 at b 0.5
 * gave 0.282. A low b stops one-project experts from beating prolific ones on document length alone.
 */
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.3 };

/** Longer queries (20k-character descriptions) are cut to their first distinct terms: the cost stays bounded. */
export const MAX_QUERY_TERMS = 64;
/**
 * Query terms found in more than this share of the documents are skipped (when the query has others): their
 * idf is near zero, so they barely move a score, but their postings are the longest — at 100k experts they
 * were most of the time a query took.
 */
export const COMMON_TERM_SHARE = 0.2;
const COMPACT_DEAD_SHARE = 0.3;

/** A growable list of (doc, tf) pairs for one term. */
class Postings {
  docs = new Int32Array(4);
  tfs = new Float32Array(4);
  length = 0;
  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Float32Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length++] = tf;
  }
}

/**
 * Okapi BM25 over pre-tokenised documents, keyed by the caller's numeric key (an expert id). Pure and
 * in memory: an inverted index of growable postings. Replacing or removing a document leaves a tombstone that
 * searches skip; the postings are compacted once a third of them are dead, so updates stay cheap.
 */
export class LegacyBm25Index {
  private readonly vocab = new Map<string, number>();
  private postings: Postings[] = [];
  /** Live documents containing the term. */
  private df: number[] = [];
  private docKey = new Int32Array(1024);
  private docLen = new Float32Array(1024);
  private docAlive = new Uint8Array(1024);
  private docTerms: Array<{ terms: Int32Array; tfs: Float32Array } | null> = [];
  private readonly docOf = new Map<number, number>();
  private nDocs = 0;
  private live = 0;
  private totalLen = 0;
  /** Bumped by every change: cached length norms are stale when it moves. */
  private version = 0;
  private norms?: Float32Array;
  private acc = new Float32Array(0);
  private touched = new Int32Array(0);
  private nTouched = 0;
  private normsVersion = -1;

  constructor(readonly params: Bm25Params = DEFAULT_BM25) {}

  get size(): number {
    return this.live;
  }
  has(key: number): boolean {
    return this.docOf.has(key);
  }
  keys(): number[] {
    return [...this.docOf.keys()];
  }

  /** Adds or replaces the document of `key`. */
  upsert(key: number, tokens: readonly string[]): void {
    this.remove(key);
    const tf = new Map<number, number>();
    for (const t of tokens) {
      let id = this.vocab.get(t);
      if (id === undefined) {
        id = this.postings.length;
        this.vocab.set(t, id);
        this.postings.push(new Postings());
        this.df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const doc = this.nDocs++;
    this.ensureDocCapacity(this.nDocs);
    const terms = Int32Array.from(tf.keys());
    const tfs = Float32Array.from(tf.values());
    for (let i = 0; i < terms.length; i++) {
      this.postings[terms[i]].push(doc, tfs[i]);
      this.df[terms[i]]++;
    }
    this.docKey[doc] = key;
    this.docLen[doc] = tokens.length;
    this.docAlive[doc] = 1;
    this.docTerms[doc] = { terms, tfs };
    this.docOf.set(key, doc);
    this.live++;
    this.totalLen += tokens.length;
    this.version++;
  }

  remove(key: number): void {
    const doc = this.docOf.get(key);
    if (doc === undefined) return;
    this.docOf.delete(key);
    this.docAlive[doc] = 0;
    const t = this.docTerms[doc]!;
    for (let i = 0; i < t.terms.length; i++) this.df[t.terms[i]]--;
    this.docTerms[doc] = null;
    this.live--;
    this.totalLen -= this.docLen[doc];
    this.version++;
    if (this.nDocs > 1000 && this.nDocs - this.live > COMPACT_DEAD_SHARE * this.nDocs) this.compact();
  }

  /** Distinct known query terms (first MAX_QUERY_TERMS), with how often each occurs in the query. */
  private queryTerms(tokens: readonly string[]): Array<[number, number]> {
    const q = new Map<number, number>();
    for (const t of tokens) {
      const id = this.vocab.get(t);
      if (id === undefined || this.df[id] === 0) continue;
      if (!q.has(id) && q.size >= MAX_QUERY_TERMS) continue;
      q.set(id, (q.get(id) ?? 0) + 1);
    }
    const all = [...q];
    const maxDf = COMMON_TERM_SHARE * this.live;
    const specific = all.filter(([id]) => this.df[id] <= maxDf);
    return specific.length ? specific : all;
  }

  /** k1 · (1 − b + b · len / avgdl) per document, recomputed only after the index changed. */
  private lengthNorms(): Float32Array {
    if (this.norms && this.normsVersion === this.version) return this.norms;
    const { k1, b } = this.params;
    const avgdl = this.totalLen / this.live || 1;
    const norms = new Float32Array(this.nDocs);
    for (let d = 0; d < this.nDocs; d++) norms[d] = k1 * (1 - b + (b * this.docLen[d]) / avgdl);
    this.norms = norms;
    this.normsVersion = this.version;
    return norms;
  }

  private idf(term: number): number {
    const df = this.df[term];
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /**
   * Scores every document sharing a term with the query. `max` is the best score over all documents, whatever
   * the caller filters later: it normalises scores to 0..1 the same way for every policy.
   */
  score(tokens: readonly string[]): Bm25Scores {
    const terms = this.queryTerms(tokens);
    const n = this.nDocs;
    // Scratch buffers are reused across queries (no 100k-float allocation per request): the previous
    // query's scores are cleared here, which is why a Bm25Scores is only valid until the next score().
    if (this.acc.length < n) {
      this.acc = new Float32Array(Math.max(n, this.acc.length * 2));
      this.touched = new Int32Array(this.acc.length);
    } else for (let i = 0; i < this.nTouched; i++) this.acc[this.touched[i]] = 0;
    this.nTouched = 0;
    const acc = this.acc;
    const touched = this.touched;
    let nTouched = 0;
    let max = 0;
    if (terms.length && this.live) {
      const norm = this.lengthNorms();
      const alive = this.docAlive;
      const k1p1 = this.params.k1 + 1;
      // Without tombstones every posting is live: the hot loop skips the per-posting alive lookup.
      const anyDead = this.live !== this.nDocs;
      for (const [term, qtf] of terms) {
        const w = this.idf(term) * qtf * k1p1;
        const { docs, tfs, length } = this.postings[term];
        for (let i = 0; i < length; i++) {
          const doc = docs[i];
          if (anyDead && alive[doc] === 0) continue;
          const tf = tfs[i];
          const a = acc[doc];
          if (a === 0) touched[nTouched++] = doc;
          acc[doc] = a + (w * tf) / (tf + norm[doc]);
        }
      }
      for (let i = 0; i < nTouched; i++) if (acc[touched[i]] > max) max = acc[touched[i]];
    }
    this.nTouched = nTouched;
    const docOf = this.docOf;
    const docKey = this.docKey;
    return {
      max,
      matched: nTouched,
      of: (key) => {
        const d = docOf.get(key);
        return d === undefined ? 0 : acc[d];
      },
      top: (k, allow) => {
        const heap = new KeyedTopK(k);
        // The threshold only moves on a push: read once per push, not once per matched document.
        let threshold = heap.threshold;
        for (let i = 0; i < nTouched; i++) {
          const doc = touched[i];
          const s = acc[doc];
          if (s >= threshold && (!allow || allow(docKey[doc]))) {
            heap.push(docKey[doc], s);
            threshold = heap.threshold;
          }
        }
        return heap.result();
      },
    };
  }

  private ensureDocCapacity(n: number): void {
    if (n <= this.docKey.length) return;
    const cap = Math.max(n, this.docKey.length * 2);
    const grow = <T extends Int32Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.docKey = grow(this.docKey, (c) => new Int32Array(c));
    this.docLen = grow(this.docLen, (c) => new Float32Array(c));
    this.docAlive = grow(this.docAlive, (c) => new Uint8Array(c));
  }

  /** Rewrites postings and document numbers without the dead documents. */
  private compact(): void {
    const docs = [...this.docOf.entries()].sort((a, b) => a[1] - b[1]);
    const old = { terms: this.docTerms, len: this.docLen };
    this.postings = this.postings.map(() => new Postings());
    this.docTerms = [];
    this.docKey = new Int32Array(Math.max(1024, docs.length));
    this.docLen = new Float32Array(this.docKey.length);
    this.docAlive = new Uint8Array(this.docKey.length);
    this.docOf.clear();
    docs.forEach(([key, oldDoc], doc) => {
      const t = old.terms[oldDoc]!;
      for (let i = 0; i < t.terms.length; i++) this.postings[t.terms[i]].push(doc, t.tfs[i]);
      this.docKey[doc] = key;
      this.docLen[doc] = old.len[oldDoc];
      this.docAlive[doc] = 1;
      this.docTerms[doc] = t;
      this.docOf.set(key, doc);
    });
    this.nDocs = docs.length;
    this.version++;
  }
}

/**
 * The k best (key, score) pairs in a min-heap ordered by score, then by key descending, so that among equal
 * scores the smaller keys are kept whatever order the documents come in.
 */
class KeyedTopK {
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
