// BM25 per query at 100k documents: the shipped index (exact top-k with term-level pruning, precomputed
// impacts) against the index as it was before (scripts/bench/bm25-legacy.ts: exhaustive, a division per
// posting) on the same corpus and queries, in the same run; every answer is checked equal to the exhaustive one.
//   npm run bench -- bm25 [--quick] [--docs 100000] [--templates 600] [--rounds 5]
//
// Corpus: like the match bench, the demo generator's experts (`--templates`) plus copies of them up to `--docs`,
// each copy one of its template's items with a marker; tokenised by the real jieba + bigram tokenizer. Queries:
// the BM25 text of every demo demand (its technical core). Each query asks what the ranker asks: the top
// 4 × 10 among ~90 % of the experts (a policy filter), the max, and the scores of the dense side's ~50 others.
import { generateDemoData } from '../../src/demo/demo-data.generator';
import type { ExpertInput } from '../../src/intake/expert.schema';
import { createJiebaKeywordExtractor } from '../../src/portraits/jieba-keyword.adapter';
import { Bm25Index } from '../../src/ranking/bm25.index';
import type { Bm25Query } from '../../src/ranking/bm25-query';
import { lexicalQueryText } from '../../src/ranking/candidate-pool.builder';
import { createLexicalTokenizer } from '../../src/ranking/lexical-tokenizer';
import { LegacyBm25Index } from './bm25-legacy';
import { emit, flag, numberOption, round, rssMb } from './bench.types';

type Item = { title?: string; abstract?: string };
const textsOf = (e: ExpertInput): string[] => [...(e.projects ?? []), ...(e.patents ?? []), ...(e.papers ?? [])].map((x: Item) => `${x.title ?? ''} ${x.abstract ?? ''}`);

export async function run(args: string[]): Promise<void> {
  const quick = flag(args, 'quick');
  const nDocs = numberOption(args, 'docs', quick ? 20_000 : 100_000);
  const nTemplates = numberOption(args, 'templates', quick ? 300 : 600);
  const rounds = numberOption(args, 'rounds', quick ? 2 : 5);
  const tokenizer = createLexicalTokenizer(createJiebaKeywordExtractor());
  const demo = generateDemoData({ experts: nTemplates, enterprises: 300 });

  const t = performance.now();
  const current = new Bm25Index();
  const legacy = new LegacyBm25Index();
  const tplTokens = demo.experts.map((e) => textsOf(e).flatMap((x) => tokenizer.tokenize(x)));
  for (let i = 0; i < nDocs; i++) {
    const tpl = demo.experts[i % nTemplates];
    const tokens = i < nTemplates ? tplTokens[i] : tokenizer.tokenize(`${textsOf(tpl)[0] ?? tpl.name}（样本${i}）`);
    current.upsert(i + 1, tokens);
    legacy.upsert(i + 1, tokens);
  }
  process.stderr.write(`indexed ${nDocs} documents twice in ${round((performance.now() - t) / 1000, 1)} s\n`);

  const queries = demo.demands.map((d) => tokenizer.tokenize(lexicalQueryText({ ...d, expectedField: d.expectedField ?? '' })));
  const allow = (key: number) => key % 10 !== 3;
  const probesOf = (q: number) => Array.from({ length: 50 }, (_, i) => 1 + ((q * 7919 + i * 104729) % nDocs));
  const K = 40;
  type Answer = { top: Array<{ key: number; score: number }>; max: number; of: number[] };
  const ask = (s: { top: (k: number, a?: (k: number) => boolean) => Answer['top']; max: number; of: (k: number) => number }, q: number): Answer => {
    const top = s.top(K, allow);
    return { top, max: s.max, of: probesOf(q).map((p) => s.of(p)) };
  };

  // Warm-up (impacts and norms computed, JIT), then alternate the two in each round so load noise hits both.
  for (let q = 0; q < queries.length; q++) {
    ask(current.score(queries[q]), q);
    ask(legacy.score(queries[q]), q);
  }
  let mismatches = 0;
  let legacyMismatches = 0;
  let skipped = 0;
  let postings = 0;
  for (let q = 0; q < queries.length; q++) {
    const s = current.score(queries[q]) as Bm25Query;
    postings += s.skippedPostings;
    const got = ask(s, q);
    skipped += s.skippedPostings;
    const want = ask(current.scoreExhaustive(queries[q]), q);
    if (JSON.stringify(got) !== JSON.stringify(want)) mismatches++;
    const old = ask(legacy.score(queries[q]), q);
    // The legacy sum runs in query order, the current one in bound order: float32 rounding may differ by an ulp.
    if (old.top.map((h) => h.key).join() !== got.top.map((h) => h.key).join() || Math.abs(old.max - got.max) > 1e-4 * got.max) legacyMismatches++;
  }
  const time = (fn: () => void) => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  let msCurrent = 0;
  let msLegacy = 0;
  let msExhaustive = 0;
  for (let r = 0; r < rounds; r++) {
    msLegacy += time(() => queries.forEach((tokens, q) => ask(legacy.score(tokens), q)));
    msCurrent += time(() => queries.forEach((tokens, q) => ask(current.score(tokens), q)));
    msExhaustive += time(() => queries.forEach((tokens, q) => ask(current.scoreExhaustive(tokens), q)));
  }
  const per = (ms: number) => round(ms / (rounds * queries.length), 3);
  emit({
    bench: 'bm25',
    quick,
    docs: nDocs,
    queries: queries.length,
    rounds,
    k: K,
    ms_per_query: per(msCurrent),
    baseline_ms_per_query: per(msLegacy),
    exhaustive_ms_per_query: per(msExhaustive),
    speedup: round(msLegacy / msCurrent, 2),
    skipped_postings_share: round(skipped / Math.max(1, postings), 3),
    mismatches_vs_exhaustive: mismatches,
    top_differs_from_legacy: legacyMismatches,
    rss_mb: rssMb(),
  });
}
