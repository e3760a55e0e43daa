import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/ranking/bm25.index';

// The pruned scorer (MaxScore) must return exactly what scoring every posting returns: the same keys in the
// same order, bit-identical scores, the same best score and the same per-key scores, on any corpus, with
// tombstones, filters and repeated or unknown query terms.
const VOCAB = Array.from({ length: 30 }, (_, i) => `词${i}`);
// Skewed term frequencies, as in real text: low ids are common, so some queries hit the 20 % common-term cut.
const token = fc.nat({ max: 29 * 29 }).map((n) => VOCAB[Math.floor(Math.sqrt(n))]);
const doc = fc.array(token, { minLength: 1, maxLength: 25 });
const corpus = fc.record({
  docs: fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), doc), { minLength: 1, maxLength: 300 }),
  removed: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 80 }),
});
const query = fc.record({
  tokens: fc.array(fc.oneof(token, fc.constant('未知')), { minLength: 0, maxLength: 8 }),
  k: fc.integer({ min: 0, max: 60 }),
  filterMod: fc.integer({ min: 1, max: 5 }),
});

function build(c: { docs: Array<[number, string[]]>; removed: number[] }): Bm25Index {
  const index = new Bm25Index();
  for (const [key, tokens] of c.docs) index.upsert(key, tokens);
  for (const key of c.removed) index.remove(key);
  return index;
}

describe('Bm25Index.scorePruned (MaxScore) against score (every posting)', () => {
  it('returns the same top-k, ties, best score and per-key scores', () => {
    fc.assert(
      fc.property(corpus, fc.array(query, { minLength: 1, maxLength: 5 }), (c, queries) => {
        const index = build(c);
        for (const q of queries) {
          const allow = q.filterMod === 1 ? undefined : (key: number) => key % q.filterMod !== 0;
          const ref = index.score(q.tokens);
          const refTop = ref.top(q.k, allow);
          const refMax = ref.max;
          const refOf = index.keys().map((key) => ref.of(key));
          const refMatched = ref.matched;
          const got = index.scorePruned(q.tokens);
          expect(got.top(q.k, allow)).toEqual(refTop);
          expect(got.max).toBe(refMax);
          expect(index.keys().map((key) => got.of(key))).toEqual(refOf);
          expect(got.matched).toBe(refMatched);
        }
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('stays exact with many equal scores (identical documents) and after compaction', () => {
    const index = new Bm25Index();
    for (let key = 1; key <= 3000; key++) index.upsert(key, key % 3 === 0 ? ['电池', '隔膜'] : key % 3 === 1 ? ['电池'] : ['隔膜', '隔膜', '涂层']);
    for (let key = 1; key <= 1200; key++) if (key % 2 === 0) index.remove(key);
    for (const [q, k] of [
      [['电池', '隔膜'], 25],
      [['涂层', '电池'], 7],
      [['隔膜'], 1],
    ] as const) {
      const ref = index.score(q);
      const refTop = ref.top(k);
      expect(index.scorePruned(q).top(k)).toEqual(refTop);
      expect(refTop.length).toBe(k);
    }
  });

  it('refuses to be read after the index changed (its postings would be stale)', () => {
    const index = new Bm25Index();
    index.upsert(1, ['电池']);
    const s = index.scorePruned(['电池']);
    index.upsert(2, ['电池']);
    expect(() => s.top(5)).toThrow(/index changed/);
  });
});
