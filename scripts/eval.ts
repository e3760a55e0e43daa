// Expert-finding quality of the shipped ranking on public data, two tasks in one run (docs/evaluation.md):
//
//   npm run eval -- --data ../shared/eval/nsfc-management/projects.csv --csl ../shared/eval/csl-dev/papers.jsonl
//     [--data-dir DIR] [--queries 2000] [--dev 1000] [--seed 1] [--tune] [--tune-csl] [--prepare-only] [--dump DIR]
//     [--pool-sizes 50,100,200,500]
//
// NSFC (scripts/lib/nsfc-task.ts): an expert is a (PI, institution) pair; each PI's latest project title is
// held out as the query. 2,000 TEST queries (reported) and 1,000 disjoint DEV queries (what the shipped method
// was chosen on; `--tune` repeats the weight search on them and prints the grid to stderr). CSL
// (scripts/lib/csl-task.ts): pseudo-experts are groups of papers sharing a discipline and a keyword, one title
// held out of each; all its queries are reported and none was used to choose the method (`--tune-csl` tunes
// the weights on CSL instead and reports NSFC TEST with them, the cross-check). Experts go through the
// project's bulk import, portraits, vectors and HNSW index, and are ranked with the open policy profile.
// One JSON line per (task, method) on stdout: bm25, dense, rrf (plain fusion) and shipped.
//
// Neither source carries birth date, region, title or degree: records get documented placeholders
// (birthDate 1970-01-01, region 110000, institution type university) that the open profile never reads.
// `--data-dir DIR` keeps DIR/nsfc and DIR/csl (database, embedding cache keyed by text hash, index) for the next
// run: the first run embeds ~30k NSFC texts (minutes on 2 cores), later runs embed nothing.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SHIPPED_WEIGHTS } from '../src/ranking/fusion';
import { tuneFusion } from '../src/ranking/fusion-tuning';
import { buildCslTask, readCslPapers } from './lib/csl-task';
import { dumpPools, evaluateMethods, measurePoolSizes, prepareTask, type PreparedTask, titleQuery } from './lib/eval-runner';
import { readNsfcProjects } from './lib/nsfc-projects';
import { buildNsfcTask } from './lib/nsfc-task';

const USAGE =
  'usage: npm run eval -- --data <projects.csv> --csl <papers.jsonl> [--data-dir DIR] [--queries 2000] [--dev 1000] [--seed 1] [--tune] [--tune-csl] [--prepare-only] [--dump DIR] [--pool-sizes 50,100,200,500]';
/** The NSFC listing is of 2017; projects start in 2018. Strength indicators count back from here. */
const REFERENCE_YEAR = 2018;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (name: string) => process.argv.includes(`--${name}`);

function requireFile(path: string | undefined, flag: string, what: string): string {
  if (path && existsSync(path)) return path;
  process.stderr.write(`eval: ${path ? `no file at ${path}` : `missing --${flag}`}.\n${what}\nThe project's tests never need it.\n${USAGE}\n`);
  process.exit(2);
}

const print = (task: string, split: string, model: string, experts: number, results: Record<string, object>) => {
  for (const [method, m] of Object.entries(results)) process.stdout.write(`${JSON.stringify({ task, method, ...m, split, experts, model })}\n`);
};

async function main() {
  const nsfcFile = requireFile(
    arg('data'),
    'data',
    'It needs the public NSFC management-science project list (../shared/eval/nsfc-management/projects.csv next to this repository).',
  );
  const cslFile = requireFile(arg('csl'), 'csl', 'It needs the CSL papers (../shared/eval/csl-dev/papers.jsonl next to this repository).');
  const dataDir = resolve(arg('data-dir') ?? mkdtempSync(join(tmpdir(), 'kjfz-eval-')));
  const seed = Number(arg('seed') ?? 1);
  const t0 = performance.now();

  const nsfcTask = buildNsfcTask(readNsfcProjects(nsfcFile));
  const cslTask = buildCslTask(readCslPapers(cslFile));
  const nsfc = await prepareTask('nsfc', nsfcTask, {
    dataDir: join(dataDir, 'nsfc'),
    referenceYear: REFERENCE_YEAR,
    seed,
    test: Number(arg('queries') ?? 2000),
    dev: Number(arg('dev') ?? 1000),
  });
  const csl = await prepareTask('csl', cslTask, { dataDir: join(dataDir, 'csl'), referenceYear: REFERENCE_YEAR, seed, test: cslTask.queries.length, dev: 0 });
  const close = async () => Promise.all([nsfc.runtime.close(), csl.runtime.close()]);
  if (has('prepare-only')) return close();
  const dump = arg('dump');
  if (dump) {
    await dumpPools(nsfc.matching.ranker, nsfc.dev, join(dump, 'nsfc-dev.jsonl'));
    await dumpPools(nsfc.matching.ranker, nsfc.test, join(dump, 'nsfc-test.jsonl'));
    await dumpPools(csl.matching.ranker, csl.test, join(dump, 'csl.jsonl'));
    return close();
  }

  // Pool recall and cost per pool size, on DEV only (NSFC DEV; CSL has no DEV split, so all its queries).
  const sizes = arg('pool-sizes');
  if (sizes) {
    const per = sizes.split(',').map(Number);
    for (const [task, p, queries] of [
      ['nsfc-management', nsfc, nsfc.dev],
      ['csl-dev', csl, csl.test],
    ] as const)
      for (const f of await measurePoolSizes(p.matching.ranker, queries, per))
        process.stdout.write(`${JSON.stringify({ task, method: 'pool', ...f, split: task === 'csl-dev' ? 'all' : 'dev' })}\n`);
    return close();
  }

  const tune = async (p: PreparedTask, queries: PreparedTask['test'], label: string) => {
    const t = performance.now();
    const tuned = await tuneFusion(
      p.matching.rankerWith({ weights: SHIPPED_WEIGHTS }),
      queries.map((q) => ({ query: titleQuery(q.title), relevant: q.expertId })),
      { policy: 'open', log: (line) => process.stderr.write(`${JSON.stringify({ on: label, ...line })}\n`) },
    );
    process.stderr.write(`${JSON.stringify({ step: `tune:${label}`, seconds: Math.round((performance.now() - t) / 1000), best: tuned })}\n`);
    return tuned.weights;
  };
  const extra = {
    ...(has('tune') ? { 'tuned-on-nsfc-dev': await tune(nsfc, nsfc.dev, 'nsfc-dev') } : {}),
    ...(has('tune-csl') ? { 'tuned-on-csl': await tune(csl, csl.test, 'csl') } : {}),
  };

  const model = nsfc.matching.retrieval.index.modelId;
  let t = performance.now();
  print('nsfc-management', `test(seed=${seed})`, model, nsfcTask.experts.length, await evaluateMethods(nsfc.matching.ranker, nsfc.test, extra));
  process.stderr.write(`${JSON.stringify({ step: 'nsfc:rank', seconds: Math.round((performance.now() - t) / 1000) })}\n`);
  t = performance.now();
  print('csl-dev', 'all', model, cslTask.experts.length, await evaluateMethods(csl.matching.ranker, csl.test, extra));
  process.stderr.write(
    `${JSON.stringify({ step: 'csl:rank', seconds: Math.round((performance.now() - t) / 1000), total: Math.round((performance.now() - t0) / 1000), dataDir })}\n`,
  );
  await close();
}

await main();
