import { describe, expect, it } from 'vitest';
import { HnswIndex } from '../../src/index/hnsw.adapter';
import { EXACT_POOL_MAX, RetrievalIndex } from '../../src/retrieval/retrieval-index';
import { ClusteredVectors, DEFAULT_CLUSTERS } from '../../src/index/clustered-vectors.generator';

const dim = 48;
const gen = new ClusteredVectors({ ...DEFAULT_CLUSTERS, topics: 30, subtopicsPerTopic: 6, dim, seed: 5 });
const N = EXACT_POOL_MAX + 1500;
// 4 evidence items per expert; every 4th is the portrait
const index = new RetrievalIndex('synthetic', dim);
const ann = HnswIndex.create(dim, { m: 16, efConstruction: 100, efSearch: 96 }, N);
gen.take(N).forEach((v, i) => {
  const id = i + 1;
  index.putEvidence(id, Math.floor(i / 4) + 1, i % 4 === 0 ? 'portrait' : 'project', v);
  ann.add(id, v);
});
index.setAnn(ann);
const queries = gen.take(30);

describe('RetrievalIndex', () => {
  it('uses HNSW above the small-pool size and agrees with the exact path', () => {
    let overlap = 0;
    for (const q of queries) {
      const approx = index.searchEvidence(q, 10);
      const exact = new Set(index.searchEvidence(q, 10, { exact: true }).map((h) => h.evidenceId));
      overlap += approx.filter((h) => exact.has(h.evidenceId)).length;
      for (const h of approx) expect(h.expertId).toBe(Math.floor((h.evidenceId - 1) / 4) + 1);
    }
    expect(overlap / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('scores experts by the best of their evidence items and evidence centroid, listing the best items first', () => {
    const q = queries[0];
    const dot = (v: Float32Array) => v.reduce((acc, x, d) => acc + x * q[d], 0);
    const scores = index.scoreExpertsExact(q, [1, 2, 3], { topEvidence: 2 });
    expect(scores.map((s) => s.expertId).sort()).toEqual([1, 2, 3]);
    for (const s of scores) {
      const ids = index.evidenceOf(s.expertId);
      const sims = ids.map((id) => dot(index.vectorOf(id)!));
      expect(s.maxEvidence).toBeCloseTo(Math.max(...sims), 5);
      // centroid of the non-portrait items (ids 2..4 of each group of four)
      const items = ids.filter((id) => (id - 1) % 4 !== 0).map((id) => index.vectorOf(id)!);
      const mean = new Float32Array(dim).map((_, d) => items.reduce((acc, v) => acc + v[d], 0));
      const norm = Math.hypot(...mean);
      expect(s.centroid).toBeCloseTo(dot(mean.map((x) => x / norm)), 5);
      expect(s.score).toBeCloseTo(Math.max(s.maxEvidence, s.centroid!), 6);
      expect(index.scoreExpertsExact(q, [s.expertId], { centroid: false })[0].score).toBeCloseTo(s.maxEvidence, 6);
      expect(s.evidence).toHaveLength(2);
      expect(s.evidence[0].similarity).toBeGreaterThanOrEqual(s.evidence[1].similarity);
    }
    expect(scores[0].score).toBeGreaterThanOrEqual(scores[2].score);
  });

  it('restricts searches to allowed experts, evidence ids and kinds', () => {
    const q = queries[1];
    const allowed = [5, 77, 300];
    const hits = index.searchEvidence(q, 20, { allowExpertIds: allowed });
    expect(hits).toHaveLength(12);
    expect(hits.every((h) => allowed.includes(h.expertId))).toBe(true);
    expect(
      index
        .searchEvidence(q, 5, { allowEvidenceIds: [1, 2, 3] })
        .map((h) => h.evidenceId)
        .sort(),
    ).toEqual([1, 2, 3]);
    const portraits = index.searchEvidence(q, 10, { kinds: ['portrait'] });
    expect(portraits).toHaveLength(10);
    expect(portraits.every((h) => h.kind === 'portrait')).toBe(true);
    expect(index.searchEvidence(q, 5, { allowExpertIds: [] })).toEqual([]);
  });

  it('finds the same top experts through the ANN path as by exact scoring', () => {
    for (const q of queries.slice(0, 10)) {
      const viaAnn = index.searchExperts(q, 5).map((s) => s.expertId);
      const exact = index
        .scoreExpertsExact(q)
        .slice(0, 5)
        .map((s) => s.expertId);
      expect(viaAnn[0]).toBe(exact[0]);
      expect(new Set(viaAnn.filter((e) => exact.includes(e))).size).toBeGreaterThanOrEqual(4);
    }
  });

  it('forgets removed evidence and experts without evidence', () => {
    const small = new RetrievalIndex('s', dim);
    const [a, b] = gen.take(2);
    small.putEvidence(1, 10, 'project', a);
    small.putEvidence(2, 11, 'patent', b);
    small.removeEvidence(2);
    expect(small.stats()).toMatchObject({ experts: 1, evidence: 1 });
    expect(small.scoreExpertsExact(b).map((s) => s.expertId)).toEqual([10]);
  });
});
