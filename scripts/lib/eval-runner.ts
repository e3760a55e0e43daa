import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { importRows } from '../../src/intake/bulk-import.service';
import { readImportFile } from '../../src/intake/import-file.reader';
import type { PoolCandidate } from '../../src/ranking/candidate-pool.builder';
import { type FusionWeights, fuse } from '../../src/ranking/fusion';
import type { HybridRanker } from '../../src/ranking/hybrid-ranker.service';
import type { RankQuery } from '../../src/ranking/ranker.port';
import { createRuntime, type Matching, type Runtime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';
import { mulberry32 } from '../../src/demo/prng';
import { fuseReciprocalRanks, type Metrics, MetricsAccumulator } from './eval-metrics';
import type { ExpertTask } from './nsfc-task';

export type Query = ExpertTask['queries'][number];
export type PreparedTask = { runtime: Runtime; matching: Matching; test: Query[]; dev: Query[] };

const lap = (what: string, since: number, extra: Record<string, unknown> = {}) =>
  process.stderr.write(`${JSON.stringify({ step: what, seconds: Math.round((performance.now() - since) / 100) / 10, ...extra })}\n`);

/**
 * Imports a task's experts through the project's own bulk import into `dataDir` (unchanged records are no-ops,
 * and the embedding cache there keys vectors by text hash, so a second run embeds nothing), syncs portraits,
 * vectors and the HNSW index, splits the queries with a fixed seed (TEST first, DEV after it, disjoint) and
 * embeds them.
 */
export async function prepareTask(
  name: string,
  task: ExpertTask,
  opts: { dataDir: string; referenceYear: number; seed: number; test: number; dev: number },
): Promise<PreparedTask> {
  mkdirSync(opts.dataDir, { recursive: true });
  const config = loadConfig({ ...process.env, DATA_DIR: opts.dataDir, DEMO: 'off' });
  const logger = createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'eval');
  const runtime = createRuntime(config, { logger, referenceYear: opts.referenceYear });
  let t = performance.now();
  const file = join(opts.dataDir, `${name}-experts.jsonl`);
  writeFileSync(file, task.experts.map((e) => JSON.stringify(e)).join('\n'));
  const summary = importRows({ intake: runtime.services.intake, transaction: runtime.transaction }, 'experts', await readImportFile('experts', file));
  if (summary.rejected.length) throw new Error(`import rejected rows: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
  lap(`${name}:import`, t, { experts: task.experts.length, inserted: summary.inserted, unchanged: summary.unchanged });

  t = performance.now();
  const matching = await runtime.matching();
  let lastLog = 0;
  const synced = await matching.retrieval.sync({
    onProgress: (p) => {
      if (performance.now() - lastLog < 15_000) return;
      lastLog = performance.now();
      process.stderr.write(`${JSON.stringify({ task: name, progress: p.stage, done: p.done, total: p.total, seconds: Math.round((performance.now() - t) / 1000) })}\n`);
    },
  });
  lap(`${name}:retrieval-sync`, t, { ...synced });

  const rnd = mulberry32(opts.seed);
  const shuffled = task.queries
    .map((q) => ({ q, r: rnd() }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.q);
  const test = shuffled.slice(0, Math.min(opts.test, shuffled.length));
  const dev = shuffled.slice(test.length, test.length + opts.dev);
  t = performance.now();
  const emb = await matching.retrieval.embedder.embedWithStats([...test, ...dev].map((q) => q.title));
  lap(`${name}:embed-queries`, t, { queries: test.length + dev.length, embedded: emb.embedded });
  return { runtime, matching, test, dev };
}

export const titleQuery = (title: string): RankQuery => ({ title, description: '', expectedField: '', namedCandidates: [] });

/** Best similarity over the expert's projects, patents and papers (not the portrait): the plain dense baseline. */
const maxOverItems = (c: PoolCandidate) => c.dense?.evidence.find((h) => h.kind !== 'portrait')?.similarity ?? 0;

const rankBy = (pool: PoolCandidate[], value: (c: PoolCandidate) => number) =>
  pool
    .map((c) => ({ id: c.meta.externalId, v: value(c) }))
    .sort((a, b) => b.v - a.v || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.id);

/**
 * The four methods of the report on one query set. BM25, dense (max of best item and centroid, as the index
 * scores experts) and the plain fusion (RRF, k = 60, of the BM25 list and the dense max-over-items list) are
 * ranked within the shipped ranker's candidate pool (the union of both retrievers' top 50, so their top 10
 * are exact); the shipped ranking goes through `ranker.rank` itself, as /v1/match does.
 */
export async function evaluateMethods(
  ranker: HybridRanker,
  queries: Query[],
  weights: Record<string, FusionWeights> = {},
): Promise<Record<string, Metrics & { ms_per_query?: number }>> {
  const acc: Record<string, MetricsAccumulator> = {
    bm25: new MetricsAccumulator(),
    dense: new MetricsAccumulator(),
    rrf: new MetricsAccumulator(),
    shipped: new MetricsAccumulator(),
  };
  for (const k of Object.keys(weights)) acc[k] = new MetricsAccumulator();
  const rankOf = (list: string[], id: string) => list.indexOf(id) + 1;
  let rankMs = 0;
  for (const q of queries) {
    const pool = (await ranker.poolFor(titleQuery(q.title), { policy: 'open', top: 10 })).candidates;
    const bm25 = rankBy(pool, (c) => c.signals.lexical);
    const dense = rankBy(pool, (c) => Math.max(c.signals.maxEvidence, c.signals.centroid));
    const items = rankBy(pool, maxOverItems);
    acc.bm25.add(rankOf(bm25, q.expertId));
    acc.dense.add(rankOf(dense, q.expertId));
    acc.rrf.add(rankOf(fuseReciprocalRanks([bm25.slice(0, 50), items.slice(0, 50)]), q.expertId));
    for (const [k, w] of Object.entries(weights))
      acc[k].add(
        rankOf(
          rankBy(pool, (c) => fuse(c.signals, w).score),
          q.expertId,
        ),
      );
    const started = performance.now();
    const res = await ranker.rank(titleQuery(q.title), { policy: 'open', top: 10 });
    rankMs += performance.now() - started;
    acc.shipped.add(res.candidates.findIndex((c) => c.expertId === q.expertId) + 1);
  }
  const out: Record<string, Metrics & { ms_per_query?: number }> = {};
  for (const [k, a] of Object.entries(acc)) out[k] = a.result();
  out.shipped.ms_per_query = Math.round((rankMs / Math.max(1, queries.length)) * 100) / 100;
  return out;
}

/** Recall of the candidate pool and the fused ranking within it, at one pool size. */
export type PoolFigures = { perRetriever: number; poolRecall: number; meanPool: number; recall10: number; mrr10: number; ms_per_query: number };

/**
 * How often the relevant expert is in the shipped candidate pool (the union of each retriever's top
 * `perRetriever`) and what the shipped fusion makes of it, per pool size; ms_per_query is the cost of
 * building and fusing the pool (embedding cached), the part that grows with the pool.
 */
export async function measurePoolSizes(ranker: HybridRanker, queries: Query[], sizes: number[]): Promise<PoolFigures[]> {
  const out: PoolFigures[] = [];
  for (const perRetriever of sizes) {
    const acc = new MetricsAccumulator();
    let inPool = 0;
    let members = 0;
    let ms = 0;
    for (const q of queries) {
      const started = performance.now();
      const pool = (await ranker.poolFor(titleQuery(q.title), { policy: 'open', top: 10 }, perRetriever)).candidates;
      ms += performance.now() - started;
      const at = pool.findIndex((c) => c.meta.externalId === q.expertId);
      if (at >= 0) inPool++;
      members += pool.length;
      acc.add(at + 1);
    }
    const n = Math.max(1, queries.length);
    const m = acc.result();
    out.push({
      perRetriever,
      poolRecall: Math.round((inPool / n) * 1e4) / 1e4,
      meanPool: Math.round(members / n),
      recall10: m.recall10,
      mrr10: m.mrr10,
      ms_per_query: Math.round((ms / n) * 100) / 100,
    });
  }
  return out;
}

/**
 * Writes each query's candidate pool with its raw signals (one JSON line per query) for offline study of
 * aggregation and fusion variants: the pool is the shipped ranker's, so a variant ranked within it is exact.
 */
export async function dumpPools(ranker: HybridRanker, queries: Query[], file: string): Promise<void> {
  const lines: string[] = [];
  for (const q of queries) {
    const pool = (await ranker.poolFor(titleQuery(q.title), { policy: 'open', top: 10 })).candidates;
    const cands = pool.map((c) => ({
      id: c.meta.externalId,
      s: c.signals,
      ev: (c.dense?.evidence ?? []).map((h) => [h.kind === 'portrait' ? 0 : 1, Math.round(h.similarity * 1e5) / 1e5]),
      n: ranker.corpus.evidenceCountOf(c.id),
    }));
    lines.push(JSON.stringify({ q: q.title, rel: q.expertId, cands }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
