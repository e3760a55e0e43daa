// HNSW (hnswlib, inner product) against the project's exact search on the same vectors: recall@10, the
// speed-up per query, build time and memory, at 10k and 100k 512-d vectors (quick: 10k only).
//   npm run bench -- ann [--quick] [--n 10000,100000] [--queries Q] [--m M] [--ef-construction E] [--ef-search S]
//     [--sweep-ef 64,128,256]   (extra lines for other efSearch values on the same graph)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { ExactIndex } from '../../src/index/exact.index';
import { HnswIndex } from '../../src/index/hnsw.adapter';
import { VectorMatrix } from '../../src/index/vector-matrix';
import { emit, flag, numberOption, option, round, rssMb } from './bench.types';
import { ClusteredVectors, DEFAULT_CLUSTERS, describeSpec } from '../../src/index/clustered-vectors.generator';

const K = 10;

export async function run(args: string[]): Promise<void> {
  const config = loadConfig();
  const quick = flag(args, 'quick');
  const sizes = (option(args, 'n') ?? (quick ? '10000' : '10000,100000')).split(',').map(Number);
  const nQueries = numberOption(args, 'queries', quick ? 200 : 500);
  const dim = numberOption(args, 'dim', 512);
  const m = numberOption(args, 'm', config.hnsw.m);
  const efConstruction = numberOption(args, 'ef-construction', config.hnsw.efConstruction);
  const efSearch = numberOption(args, 'ef-search', config.hnsw.efSearch);
  const sweep = (option(args, 'sweep-ef') ?? '').split(',').filter(Boolean).map(Number);

  for (const n of sizes) {
    const spec = { ...DEFAULT_CLUSTERS, dim };
    const gen = new ClusteredVectors(spec);
    const data = gen.take(n);
    const queries = gen.take(nQueries);
    const matrix = new VectorMatrix(dim, n);
    data.forEach((v, i) => matrix.set(i + 1, v));
    const exact = new ExactIndex(matrix);

    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const index = HnswIndex.create(dim, { m, efConstruction, efSearch }, n);
    data.forEach((v, i) => index.add(i + 1, v));
    const buildS = (performance.now() - t0) / 1000;
    const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    const dir = mkdtempSync(join(tmpdir(), 'ann-bench-'));
    index.save(join(dir, 'g.bin'));
    const indexMb = statSync(join(dir, 'g.bin')).size / 2 ** 20;
    rmSync(dir, { recursive: true, force: true });

    let t = performance.now();
    const truth = queries.map((q) => exact.search(q, K));
    const exactMs = (performance.now() - t) / queries.length;
    const truthSets = truth.map((r) => new Set(r.map((x) => x.label)));
    const nnSim = truth.reduce((s, r) => s + r[0].similarity, 0) / truth.length;
    const tenthSim = truth.reduce((s, r) => s + r[K - 1].similarity, 0) / truth.length;

    for (const ef of [efSearch, ...sweep.filter((e) => e !== efSearch)]) {
      index.setEfSearch(ef);
      index.search(queries[0], K); // warm
      t = performance.now();
      const got = queries.map((q) => index.search(q, K));
      const annMs = (performance.now() - t) / queries.length;
      const recall = got.reduce((s, r, i) => s + r.filter((x) => truthSets[i].has(x.label)).length, 0) / (queries.length * K);
      emit({
        bench: 'ann',
        n,
        dim,
        vectors: describeSpec(spec),
        queries: queries.length,
        k: K,
        quick,
        m,
        ef_construction: efConstruction,
        ef_search: ef,
        recall10: round(recall, 4),
        ann_ms: round(annMs, 3),
        exact_ms: round(exactMs, 2),
        speedup: round(exactMs / annMs, 1),
        build_s: round(buildS, 1),
        index_mb: round(indexMb, 1),
        vectors_mb: round((n * dim * 4) / 2 ** 20, 1),
        build_rss_growth_mb: round(rssGrowth, 1),
        rss_mb: rssMb(),
        nn1_sim: round(nnSim, 3),
        nn10_sim: round(tenthSim, 3),
      });
    }
  }
}
