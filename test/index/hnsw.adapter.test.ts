import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExactIndex } from '../../src/index/exact.index';
import { HnswIndex } from '../../src/index/hnsw.adapter';
import { VectorMatrix } from '../../src/index/vector-matrix';
import { ClusteredVectors, DEFAULT_CLUSTERS } from '../../src/index/clustered-vectors.generator';

const dim = 64;
const params = { m: 16, efConstruction: 100, efSearch: 64 };
const gen = new ClusteredVectors({ ...DEFAULT_CLUSTERS, topics: 20, subtopicsPerTopic: 5, dim, seed: 3 });
const data = gen.take(3000);
const queries = gen.take(50);
const dir = mkdtempSync(join(tmpdir(), 'hnsw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recall(index: HnswIndex, exact: ExactIndex, k = 10) {
  let hit = 0;
  for (const q of queries) {
    const truth = new Set(exact.search(q, k).map((n) => n.label));
    hit += index.search(q, k).filter((n) => truth.has(n.label)).length;
  }
  return hit / (queries.length * k);
}

describe('HnswIndex', () => {
  it('finds nearly the same neighbours as exact search, with similarities = inner products, and grows past its capacity', () => {
    const index = HnswIndex.create(dim, params, 100);
    const matrix = new VectorMatrix(dim);
    data.forEach((v, i) => {
      index.add(i + 1, v);
      matrix.set(i + 1, v);
    });
    expect(index.size()).toBe(3000);
    expect(index.capacity()).toBeGreaterThanOrEqual(3000);
    const exact = new ExactIndex(matrix);
    expect(recall(index, exact)).toBeGreaterThanOrEqual(0.97);
    const [best] = index.search(queries[0], 1);
    const ref = exact.search(queries[0], 1)[0];
    expect(best.similarity).toBeCloseTo(ref.similarity, 4);
  });

  it('hides marked-deleted labels, filters by label, and survives save and load with the live set', () => {
    const index = HnswIndex.create(dim, params);
    data.slice(0, 500).forEach((v, i) => index.add(i + 1, v));
    const top = index.search(data[9], 1)[0];
    expect(top.label).toBe(10);
    index.markDelete(10);
    expect(index.has(10)).toBe(false);
    expect(index.search(data[9], 5).map((n) => n.label)).not.toContain(10);
    expect(index.deletedCount()).toBe(1);
    const filtered = index.search(data[9], 5, { labels: [1, 2, 3] });
    expect(filtered.map((n) => n.label).every((l) => [1, 2, 3].includes(l))).toBe(true);

    const file = join(dir, 'g.bin');
    index.save(file);
    const loaded = HnswIndex.load(file, dim, params, index.labels());
    expect(loaded.size()).toBe(499);
    expect(loaded.deletedCount()).toBe(1);
    expect(loaded.search(data[20], 3)).toEqual(index.search(data[20], 3));
    loaded.add(10, data[9]);
    expect(loaded.search(data[9], 1)[0].label).toBe(10);
    expect(loaded.deletedCount()).toBe(0);
  });

  it('searching for more neighbours than live items returns what there is', () => {
    const index = HnswIndex.create(dim, params);
    index.add(1, data[0]);
    index.add(2, data[1]);
    expect(index.search(data[0], 10)).toHaveLength(2);
    expect(HnswIndex.create(dim, params).search(data[0], 10)).toEqual([]);
  });
});
