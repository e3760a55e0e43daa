import { describe, expect, it } from 'vitest';
import { HnswIndex } from '../../src/index/hnsw.adapter';
import { type AllowSet, searchAllowedExperts } from '../../src/ranking/filtered-search';
import { RetrievalIndex } from '../../src/retrieval/retrieval-index';
import { ClusteredVectors, DEFAULT_CLUSTERS } from '../../src/index/clustered-vectors.generator';

// 20,000 experts with two evidence vectors each (a portrait and a project), clustered like sentence embeddings.
const dim = 32;
const EXPERTS = 20_000;
const gen = new ClusteredVectors({ ...DEFAULT_CLUSTERS, topics: 60, subtopicsPerTopic: 8, dim, seed: 11 });
const index = new RetrievalIndex('synthetic', dim);
const ann = HnswIndex.create(dim, { m: 16, efConstruction: 80, efSearch: 64 }, EXPERTS * 2);
gen.take(EXPERTS * 2).forEach((v, i) => {
  const id = i + 1;
  index.putEvidence(id, Math.floor(i / 2) + 1, i % 2 === 0 ? 'portrait' : 'project', v);
  ann.add(id, v);
});
index.setAnn(ann);
const queries = gen.take(20);

/** Keeps every expert whose id is ≡ r (mod m): a filter unrelated to the vectors, as a policy filter is. */
function allowEvery(m: number, r = 0): AllowSet & { list: number[] } {
  const list = Array.from({ length: EXPERTS }, (_, i) => i + 1).filter((id) => id % m === r);
  const set = new Set(list);
  return { all: false, has: (id) => set.has(id), ids: () => list, evidence: list.length * 2, list };
}

/** Brute force: every allowed expert scored over all its evidence, best first. */
const bruteForce = (q: Float32Array, k: number, list: number[]) =>
  index
    .scoreExpertsExact(q, list)
    .slice(0, k)
    .map((s) => s.expertId);

describe('filtered expert search', () => {
  it('returns exactly the brute-force filtered top-k when the filter keeps 1% of the experts', () => {
    const allow = allowEvery(100);
    expect(allow.list).toHaveLength(200);
    let lostByPostFiltering = 0;
    for (const q of queries) {
      const res = searchAllowedExperts(index, q, 10, allow);
      expect(res.experts.slice(0, 10).map((s) => s.expertId)).toEqual(bruteForce(q, 10, allow.list));
      expect(res.exact).toBe(true);
      // What plain post-filtered HNSW would have returned: the best 100 items overall, then the filter.
      const post = new Set(
        ann
          .search(q, 100)
          .map((n) => index.expertOf(n.label)!)
          .filter((e) => allow.has(e)),
      );
      lostByPostFiltering += 10 - Math.min(10, post.size);
    }
    // The silent loss the adaptive search exists for: post-filtering finds almost none of the ten.
    expect(lostByPostFiltering).toBeGreaterThan(queries.length * 8);
  });

  it('widens the filtered graph walk until it finds k allowed experts, and falls back to the exact scan when the walk runs dry', () => {
    const allow = allowEvery(100, 7);
    let overlap = 0;
    for (const q of queries) {
      // Force the graph path: no exact scan for narrow allow-lists.
      const res = searchAllowedExperts(index, q, 10, allow, { exactMaxEvidence: 0, exactMaxShare: 0, perExpert: 1 });
      const got = res.experts.slice(0, 10).map((s) => s.expertId);
      expect(got).toHaveLength(10);
      expect(got.every((e) => allow.has(e))).toBe(true);
      const truth = new Set(bruteForce(q, 10, allow.list));
      overlap += got.filter((e) => truth.has(e)).length;
    }
    expect(overlap / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
    // Fewer allowed experts than asked for: the walk comes back short, so the answer is the exact scan of all of them.
    const tiny = allowEvery(EXPERTS / 3, 1);
    const res = searchAllowedExperts(index, queries[0], 10, tiny, { exactMaxEvidence: 0, exactMaxShare: 0 });
    expect(res.exact).toBe(true);
    expect(res.experts.map((s) => s.expertId)).toEqual(bruteForce(queries[0], 10, tiny.list));
  });

  it('agrees with brute force on a broad filter through the graph walk', () => {
    const allow = allowEvery(2);
    let overlap = 0;
    for (const q of queries) {
      const res = searchAllowedExperts(index, q, 10, allow);
      expect(res.exact).toBe(false);
      const truth = new Set(bruteForce(q, 10, allow.list));
      overlap += res.experts.slice(0, 10).filter((s) => truth.has(s.expertId)).length;
    }
    expect(overlap / (queries.length * 10)).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic', () => {
    const allow = allowEvery(3);
    const a = searchAllowedExperts(index, queries[3], 20, allow).experts.map((s) => [s.expertId, s.score]);
    const b = searchAllowedExperts(index, queries[3], 20, allow).experts.map((s) => [s.expertId, s.score]);
    expect(a).toEqual(b);
  });
});
