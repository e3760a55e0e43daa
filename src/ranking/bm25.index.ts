import { Bm25Query, type Bm25Scores, type QueryTerm, type TermPostings } from './bm25-query';

export type { Bm25Hit, Bm25Scores } from './bm25-query';
export type Bm25Params = { k1: number; b: number };

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

/** A growable list of (doc, tf) pairs for one term, with the impacts of the norms they were computed for. */
class Postings implements TermPostings {
  docs = new Int32Array(4);
  tfs = new Float32Array(4);
  impacts = new Float32Array(0);
  length = 0;
  maxImpact = 0;
  /** The norms version `impacts` belong to (-1: never computed). */
  impactsVersion = -1;
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
  /** (k1 + 1) · tf / (tf + norm) per posting, recomputed only when the norms changed since the last query. */
  refreshImpacts(norms: Float32Array, k1p1: number, version: number): void {
    if (this.impactsVersion === version) return;
    if (this.impacts.length < this.length) this.impacts = new Float32Array(this.docs.length);
    const { docs, tfs, impacts } = this;
    let max = 0;
    for (let i = 0; i < this.length; i++) {
      const tf = tfs[i];
      const x = (impacts[i] = (k1p1 * tf) / (tf + norms[docs[i]]));
      if (x > max) max = x;
    }
    // The largest stored (float32) impact, not the double before rounding: it bounds what a query adds exactly.
    this.maxImpact = Math.fround(max);
    this.impactsVersion = version;
  }
}

/**
 * Okapi BM25 over pre-tokenised documents, keyed by the caller's numeric key (an expert id). Pure and
 * in memory: an inverted index of growable postings. Replacing or removing a document leaves a tombstone that
 * searches skip; the postings are compacted once a third of them are dead, so updates stay cheap.
 */
export class Bm25Index {
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
  private normsVersion = -1;
  private acc = new Float32Array(0);
  private touched = new Int32Array(0);
  private finalGen = new Int32Array(0);
  private final = new Float32Array(0);
  private slotGen = new Int32Array(0);
  private slot = new Int32Array(0);
  /** The query whose scores the scratch buffers hold, and its generation. */
  private current?: Bm25Query;
  private gen = 0;

  /** `pruneCheckVolume`: see PRUNE_CHECK_VOLUME (tests lower it to exercise pruning on small corpora). */
  constructor(
    readonly params: Bm25Params = DEFAULT_BM25,
    private readonly tuning: { pruneCheckVolume?: number } = {},
  ) {}

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
   * The scores of a query. `max` is the best score over all documents, whatever the caller filters later: it
   * normalises scores to 0..1 the same way for every policy. Nothing is scored until asked: `top` computes an
   * exact top-k with term-level pruning (Bm25Query), `of` one document's exact score.
   */
  score(tokens: readonly string[]): Bm25Scores {
    const ids = this.queryTerms(tokens);
    const n = this.nDocs;
    // Scratch buffers are reused across queries (no 100k-float allocation per request): the previous
    // query's scores are cleared here, which is why a Bm25Scores is only valid until the next score().
    if (this.acc.length < n) {
      const cap = Math.max(n, this.acc.length * 2);
      this.acc = new Float32Array(cap);
      this.touched = new Int32Array(cap);
      this.finalGen = new Int32Array(cap);
      this.final = new Float32Array(cap);
    } else this.current?.clear();
    if (this.slot.length < this.postings.length) {
      const cap = Math.max(this.postings.length, this.slot.length * 2);
      this.slot = new Int32Array(cap);
      this.slotGen = new Int32Array(cap);
    }
    const gen = ++this.gen;
    const version = this.version;
    const k1p1 = this.params.k1 + 1;
    const norms = this.live ? this.lengthNorms() : new Float32Array(0);
    const terms: QueryTerm[] = [];
    if (this.live)
      for (const [term, qtf] of ids) {
        const postings = this.postings[term];
        postings.refreshImpacts(norms, k1p1, this.normsVersion);
        const weight = this.idf(term) * qtf;
        terms.push({ term, weight, postings, bound: weight * postings.maxImpact });
      }
    // Best possible contribution first: the rare, heavy terms (short postings) are accumulated before the
    // common ones (long postings) that pruning may skip. The order is also the summation order of every score.
    terms.sort((x, y) => y.bound - x.bound || x.term - y.term);
    const view = {
      k1p1,
      norms,
      alive: this.docAlive,
      anyDead: this.live !== this.nDocs,
      docKey: this.docKey,
      docOf: this.docOf,
      docTerms: this.docTerms,
      acc: this.acc,
      touched: this.touched,
      finalGen: this.finalGen,
      final: this.final,
      slotGen: this.slotGen,
      slot: this.slot,
    };
    const query = new Bm25Query(view, terms, gen, () => this.gen === gen && this.version === version, this.tuning.pruneCheckVolume);
    this.current = query;
    return query;
  }

  /** Every document's score exhaustively (reference for tests and the bench: equal to score(), only slower). */
  scoreExhaustive(tokens: readonly string[]): Bm25Scores {
    const q = this.score(tokens);
    void q.matched;
    return q;
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
