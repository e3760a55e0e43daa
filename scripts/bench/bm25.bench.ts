// BM25 top-k at 100k documents: the pruned scorer (MaxScore, Bm25Index.score) against scoring every posting
// (Bm25Index.score), the same queries in the same run, with a check that both return the same hits.
//   npm run bench -- bm25 [--quick] [--docs 100000] [--queries 300] [--k 40] [--query-terms 30]
//
// Corpus: Zipf-distributed terms (50k vocabulary, exponent 1.0) in documents of log-normal length (median ≈ 120
// tokens, as a per-expert document of a few projects); queries are `--query-terms` terms of one document plus 6 random ones
// (a demand text's tokens). What a request does with it is what the ranker does: top(k) among an allow set that
// keeps 80 % of the documents, then max and of() for 40 other keys (the dense candidates).
import { Bm25Index, type Bm25Scores } from '../../src/ranking/bm25.index';
import { emit, flag, numberOption, round, rssMb } from './bench.types';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function run(args: string[]): Promise<void> {
  const quick = flag(args, 'quick');
  const nDocs = numberOption(args, 'docs', quick ? 20_000 : 100_000);
  const nQueries = numberOption(args, 'queries', quick ? 100 : 300);
  const k = numberOption(args, 'k', 40);
  const fromDoc = numberOption(args, 'query-terms', 30);
  const r = rng(16);
  const vocab = 50_000;
  // Zipf sampling by inverse CDF over precomputed cumulative weights.
  const cum = new Float64Array(vocab);
  let acc = 0;
  for (let i = 0; i < vocab; i++) cum[i] = acc += 1 / (i + 1);
  const term = () => {
    const x = r() * acc;
    let lo = 0;
    let hi = vocab - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return `t${lo}`;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const docs: string[][] = [];
  const t0 = performance.now();
  const index = new Bm25Index();
  for (let d = 0; d < nDocs; d++) {
    const len = Math.max(5, Math.min(5000, Math.round(Math.exp(Math.log(120) + 0.9 * gauss()))));
    const tokens = Array.from({ length: len }, term);
    docs.push(tokens);
    index.upsert(d + 1, tokens);
  }
  const buildS = (performance.now() - t0) / 1000;
  const queries = Array.from({ length: nQueries }, () => {
    const src = docs[Math.floor(r() * nDocs)];
    return [...Array.from({ length: fromDoc }, () => src[Math.floor(r() * src.length)]), ...Array.from({ length: 6 }, term)];
  });
  const others = queries.map(() => Array.from({ length: 40 }, () => 1 + Math.floor(r() * nDocs)));
  const allow = (key: number) => key % 5 !== 0;
  const use = (s: Bm25Scores, i: number) => {
    const top = s.top(k, allow);
    const max = s.max;
    const ofs = others[i].map((key) => s.of(key) / (max || 1));
    return { top, max, ofs };
  };
  const time = (score: (q: string[]) => Bm25Scores) => {
    const out: Array<ReturnType<typeof use>> = [];
    const ms: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      const t = performance.now();
      out.push(use(score(queries[i]), i));
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    const q = (p: number) => round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))], 3);
    return { out, mean_ms: round(ms.reduce((a, b) => a + b, 0) / ms.length, 3), p50_ms: q(0.5), p99_ms: q(0.99) };
  };
  // Warm both paths (JIT, length norms, per-term bounds) before timing either.
  for (let i = 0; i < Math.min(20, queries.length); i++) {
    use(index.score(queries[i]), i);
    use(index.scorePruned(queries[i]), i);
  }
  const exhaustive = time((q) => index.score(q));
  const pruned = time((q) => index.scorePruned(q));
  const same = exhaustive.out.every((e, i) => JSON.stringify(e) === JSON.stringify(pruned.out[i]));
  const common = { bench: 'bm25', quick, docs: nDocs, queries: nQueries, k, query_terms: fromDoc + 6, build_s: round(buildS, 1), rss_mb: rssMb() };
  emit({
    ...common,
    mode: 'baseline',
    scorer: 'exhaustive (Bm25Index.score, what the ranker uses)',
    mean_ms: exhaustive.mean_ms,
    p50_ms: exhaustive.p50_ms,
    p99_ms: exhaustive.p99_ms,
  });
  emit({
    ...common,
    mode: 'maxscore',
    scorer: 'MaxScore (Bm25Index.scorePruned)',
    mean_ms: pruned.mean_ms,
    p50_ms: pruned.p50_ms,
    p99_ms: pruned.p99_ms,
    speedup_mean: round(exhaustive.mean_ms / pruned.mean_ms, 2),
    identical_results: same,
  });
  if (!same) process.exitCode = 1;
}
