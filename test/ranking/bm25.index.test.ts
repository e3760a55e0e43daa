import { describe, expect, it } from 'vitest';
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
