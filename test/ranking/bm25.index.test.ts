import { describe, expect, it } from 'vitest';
import type { Bm25Query } from '../../src/ranking/bm25-query';
import { Bm25Index } from '../../src/ranking/bm25.index';

const docs: Record<number, string[]> = {
  1: ['锂离子电池', '热失控', '正极材料', '锂离子电池'],
  2: ['印染', '废水处理', '活性染料'],
  3: ['锂离子电池', '隔膜'],
  4: ['数控机床', '热误差', '补偿', '主轴', '热变形', '精度'],
};

function build(entries: Record<number, string[]>) {
  const index = new Bm25Index();
  for (const [k, tokens] of Object.entries(entries)) index.upsert(Number(k), tokens);
  return index;
}

describe('Bm25Index', () => {
  it('ranks documents by BM25 with rare terms weighing more, and normalises by the best score', () => {
    const index = build(docs);
    const s = index.score(['热失控', '锂离子电池']);
    expect(s.matched).toBe(2);
    const top = s.top(10);
    expect(top.map((h) => h.key)).toEqual([1, 3]);
    expect(s.max).toBe(top[0].score);
    expect(s.of(2)).toBe(0);
    // idf: 热失控 (1 of 4 documents) outweighs 锂离子电池 (2 of 4)
    expect(index.score(['热失控']).max).toBeGreaterThan(index.score(['锂离子电池']).top(1)[0].score);
    expect(index.score(['未知词']).max).toBe(0);
  });

  it('filters without changing scores, breaking ties by key', () => {
    const index = build({ 5: ['隔膜'], 2: ['隔膜'], 9: ['隔膜'] });
    const s = index.score(['隔膜']);
    expect(s.top(2).map((h) => h.key)).toEqual([2, 5]);
    expect(s.top(5, (k) => k !== 2).map((h) => h.key)).toEqual([5, 9]);
  });

  it('after many replacements and removals scores exactly like an index built fresh from the final documents', () => {
    const index = new Bm25Index();
    const final: Record<number, string[]> = {};
    const vocab = ['电池', '电机', '染色', '模具', '焊接', '传感器', '芯片', '涂层', '催化剂', '机器人'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 5000; round++) {
      const key = 1 + Math.floor(rnd() * 1500);
      if (rnd() < 0.2) {
        index.remove(key);
        delete final[key];
        continue;
      }
      const tokens = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => vocab[Math.floor(rnd() * vocab.length)]);
      index.upsert(key, tokens);
      final[key] = tokens;
    }
    const fresh = build(final);
    expect(index.size).toBe(fresh.size);
    for (const q of [['电池', '芯片'], ['模具'], ['机器人', '涂层', '涂层']]) {
      const a = index.score(q).top(50);
      const b = fresh.score(q).top(50);
      expect(a.map((h) => h.key)).toEqual(b.map((h) => h.key));
      a.forEach((h, i) => expect(h.score).toBeCloseTo(b[i].score, 5));
    }
  });
});

describe('Bm25Index pruned top-k', () => {
  /** Zipf-like corpus: a few very common terms, a long tail of rare ones, documents of varied length. */
  function randomCorpus(seed: number, nDocs: number, vocab: number) {
    let s = seed;
    const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const term = () => `t${Math.floor(vocab * rnd() ** 3)}`;
    // Prune checks from 2 postings per touched document on (production waits for 16): most queries prune here.
    const index = new Bm25Index(undefined, { pruneCheckVolume: 2 });
    for (let d = 0; d < nDocs; d++) index.upsert(1 + Math.floor(rnd() * nDocs * 3), Array.from({ length: 3 + Math.floor(rnd() * 60) }, term));
    // Tombstones and replaced documents, as the ranking corpus leaves them.
    for (let d = 0; d < nDocs / 10; d++) index.remove(1 + Math.floor(rnd() * nDocs * 3));
    const query = () => Array.from({ length: 1 + Math.floor(rnd() * 30) }, term);
    return { index, query, rnd };
  }

  it('returns exactly the exhaustive top-k, scores and tie order included, for random corpora, queries, k and filters', () => {
    let pruned = 0;
    for (const seed of [1, 2, 3, 4]) {
      const { index, query, rnd } = randomCorpus(seed, 2000, 5000);
      for (let q = 0; q < 40; q++) {
        const tokens = query();
        const k = [1, 5, 20, 50, 200][q % 5];
        const mod = 2 + Math.floor(rnd() * 5);
        const allow = q % 3 === 0 ? undefined : (key: number) => key % mod !== 0;
        const probes = Array.from({ length: 30 }, () => 1 + Math.floor(rnd() * 9000));
        const exhaustive = index.scoreExhaustive(tokens);
        const want = { top: exhaustive.top(k, allow), wide: exhaustive.top(4 * k, allow), max: exhaustive.max, of: probes.map((p) => exhaustive.of(p)) };
        const s = index.score(tokens);
        // Same questions in the ranker's order: a top-k, the max, single documents, then a widened top-k.
        const first = s.top(k, allow);
        if ((s as Bm25Query).skippedPostings > 0) pruned++;
        const got = { top: first, max: s.max, of: probes.map((p) => s.of(p)), wide: s.top(4 * k, allow) };
        expect(got.top).toEqual(want.top);
        expect(got.max).toBe(want.max);
        expect(got.of).toEqual(want.of);
        expect(got.wide).toEqual(want.wide);
      }
    }
    // The check is only worth something if pruning actually happened on many of the queries.
    expect(pruned).toBeGreaterThan(15);
  });

  it('refuses scores read after a later query', () => {
    const index = build(docs);
    const first = index.score(['隔膜']);
    index.score(['热失控']);
    expect(() => first.top(1)).toThrow();
  });
});
