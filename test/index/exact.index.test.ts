import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactIndex } from '../../src/index/exact.index';
import { TopK } from '../../src/index/top-k';
import { VectorMatrix } from '../../src/index/vector-matrix';
import { ClusteredVectors } from '../../src/index/clustered-vectors.generator';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

function naive(vectors: Map<number, Float32Array>, q: Float32Array, k: number, allow?: (l: number) => boolean) {
  return [...vectors]
    .filter(([l]) => !allow || allow(l))
    .map(([label, v]) => ({ label, similarity: dot(q, v) }))
    .sort((a, b) => b.similarity - a.similarity || a.label - b.label)
    .slice(0, k);
}

describe('TopK', () => {
  it('keeps exactly the k largest values, best first', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 200 }), fc.integer({ min: 0, max: 20 }), (xs, k) => {
        const top = new TopK(k);
        xs.forEach((x, i) => top.push(i, x));
        const expected = xs
          .map((x, i) => ({ label: i, similarity: x }))
          .sort((a, b) => b.similarity - a.similarity || a.label - b.label)
          .slice(0, k);
        expect(top.result().map((r) => r.similarity)).toEqual(expected.map((e) => e.similarity));
      }),
    );
  });
});

describe('VectorMatrix', () => {
  it('grows, overwrites and removes rows by label while staying dense', () => {
    const m = new VectorMatrix(3, 1);
    for (let i = 1; i <= 5; i++) m.set(i * 10, Float32Array.from([i, i, i]));
    m.set(30, Float32Array.from([7, 7, 7]));
    expect(m.delete(20)).toBe(true);
    expect(m.delete(20)).toBe(false);
    expect(m.size).toBe(4);
    expect([...m.get(30)!]).toEqual([7, 7, 7]);
    expect([...m.get(50)!]).toEqual([5, 5, 5]);
    expect(m.labels().sort((a, b) => a - b)).toEqual([10, 30, 40, 50]);
  });
});

describe('ExactIndex', () => {
  const gen = new ClusteredVectors({ dim: 32, topics: 10, subtopicsPerTopic: 4, shared: 0.5, topic: 0.6, subtopic: 0.5, noise: 0.6, seed: 7 });
  const vectors = new Map(gen.take(500).map((v, i) => [i * 3 + 1, v] as const));
  const matrix = new VectorMatrix(32);
  for (const [l, v] of vectors) matrix.set(l, v);
  const exact = new ExactIndex(matrix);
  const queries = gen.take(20);

  it('returns the same neighbours as a naive scan', () => {
    for (const q of queries) {
      const got = exact.search(q, 10);
      const want = naive(vectors, q, 10);
      expect(got.map((g) => g.label)).toEqual(want.map((w) => w.label));
      got.forEach((g, i) => expect(g.similarity).toBeCloseTo(want[i].similarity, 5));
    }
  });

  it('honours an allow-list of labels and a predicate', () => {
    const allowed = [...vectors.keys()].filter((l) => l % 2 === 0);
    const set = new Set(allowed);
    for (const q of queries.slice(0, 5)) {
      const want = naive(vectors, q, 5, (l) => set.has(l)).map((w) => w.label);
      expect(exact.search(q, 5, { labels: allowed }).map((g) => g.label)).toEqual(want);
      expect(exact.search(q, 5, { predicate: (l) => set.has(l) }).map((g) => g.label)).toEqual(want);
    }
    expect(exact.search(queries[0], 5, { labels: [999999] })).toEqual([]);
  });
});
