// Expert-finding quality of the shipped ranking on public data (NSFC management-science projects):
//
//   npm run eval -- --data ../shared/eval/nsfc-management/projects.csv [--data-dir DIR] [--queries 2000]
//     [--dev 1000] [--seed 1] [--tune]
//
// An expert is a (PI, institution) pair. For every PI with ≥ 2 projects the project with the largest approval
// number is held out and its title is the query; all experts are built from the remaining projects, imported
// through the project's own bulk import (JSON Lines), given portraits, vectors and an HNSW index by the
// retrieval sync, and ranked by the project's ranker with the open policy profile. 2,000 queries are sampled
// with a fixed seed (TEST); `--dev` more, disjoint from them, are the DEV split the fusion weights were tuned
// on (`--tune` repeats that search and prints the grid to stderr). One JSON line per method on stdout.
//
// NSFC rows carry no birth date, region, title or degree: the records get documented placeholders
// (birthDate 1970-01-01, region 110000, institution type university). The open profile has no rules, so no
// rule ever reads them; they only satisfy the import schema.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config';
import type { ExpertInput } from '../src/intake/expert.schema';
import { importRows } from '../src/intake/bulk-import.service';
import { readImportFile } from '../src/intake/import-file.reader';
import { BM25_ONLY, DENSE_ONLY, SHIPPED_WEIGHTS, type FusionWeights } from '../src/ranking/fusion';
import { tuneFusion } from '../src/ranking/fusion-tuning';
import { createRuntime } from '../src/runtime';
import { createCliLogger } from '../src/shared/logger';
import { mulberry32 } from '../src/demo/prng';
import { readNsfcProjects, type NsfcProject } from './lib/nsfc-projects';

const USAGE = 'usage: npm run eval -- --data <projects.csv> [--data-dir DIR] [--queries 2000] [--dev 1000] [--seed 1] [--tune]';
const PLACEHOLDER = { birthDate: '1970-01-01', region: '110000', institutionType: 'university' } as const;
/** The listing is of 2017; projects start in 2018. Strength indicators count back from here. */
const REFERENCE_YEAR = 2018;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (name: string) => process.argv.includes(`--${name}`);

export type NsfcTask = { experts: ExpertInput[]; queries: Array<{ expertId: string; title: string }> };

/** The expert-finding task: experts from all but each PI's latest project, that project's title as the query. */
function buildTask(rows: NsfcProject[]): NsfcTask {
  const byExpert = new Map<string, NsfcProject[]>();
  for (const r of rows) {
    const key = `${r.pi}|${r.institution}`;
    const list = byExpert.get(key);
    if (list) list.push(r);
    else byExpert.set(key, [r]);
  }
  const level = (cat: string) => (/重点|重大|面上|青年|国际|杰出|优秀|专项/.test(cat) ? ('national' as const) : ('other' as const));
  const experts: ExpertInput[] = [];
  const queries: NsfcTask['queries'] = [];
  [...byExpert.keys()].sort().forEach((key, idx) => {
    const list = [...byExpert.get(key)!].sort((x, y) => (x.approval < y.approval ? -1 : x.approval > y.approval ? 1 : 0));
    const externalId = `nsfc-${String(idx + 1).padStart(5, '0')}`;
    if (list.length >= 2) queries.push({ expertId: externalId, title: list[list.length - 1].title });
    const kept = list.length >= 2 ? list.slice(0, -1) : list;
    const [pi, institution] = key.split('|');
    experts.push({
      externalId,
      name: pi.slice(0, 50),
      birthDate: PLACEHOLDER.birthDate,
      region: PLACEHOLDER.region,
      institution: { name: institution.slice(0, 200), type: PLACEHOLDER.institutionType },
      projects: kept.map((p) => ({ title: p.title.slice(0, 200), role: 'leader' as const, level: level(p.category), startYear: p.start, endYear: p.end })),
    });
  });
  return { experts, queries };
}

type Metrics = { recall1: number; recall10: number; mrr10: number };
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

async function main() {
  const data = arg('data');
  if (!data || !existsSync(data)) {
    process.stderr.write(
      `eval: ${data ? `no file at ${data}` : 'missing --data <projects.csv>'}.\n` +
        'It needs the public NSFC management-science project list (../shared/eval/nsfc-management/projects.csv next to\n' +
        "this repository; columns 项目批准号, 项目类别, 项目名称, 依托单位, 负责人, 金额, 起止年月, 总评). The project's tests never\n" +
        'need it. The first run imports ~12.7k experts and embeds ~30k short texts (about 10 minutes on 2 cores);\n' +
        'pass the same --data-dir again to reuse the database, vectors and index.\n' +
        `${USAGE}\n`,
    );
    process.exit(2);
  }
  const dataDir = resolve(arg('data-dir') ?? mkdtempSync(join(tmpdir(), 'kjfz-eval-')));
  mkdirSync(dataDir, { recursive: true });
  const nTest = Number(arg('queries') ?? 2000);
  const nDev = Number(arg('dev') ?? 1000);
  const seed = Number(arg('seed') ?? 1);
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'off' });
  const logger = createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'eval');
  const t0 = performance.now();
  const lap = (what: string, since: number, extra: Record<string, unknown> = {}) =>
    process.stderr.write(`${JSON.stringify({ step: what, seconds: Math.round((performance.now() - since) / 100) / 10, ...extra })}\n`);

  const task = buildTask(readNsfcProjects(data));
  // The listing is of 2017: strength indicators count back from REFERENCE_YEAR, not from today.
  const runtime = createRuntime(config, { logger, referenceYear: REFERENCE_YEAR });

  // The project's own bulk import, as `npm run import -- experts FILE` does it. Unchanged records are no-ops.
  let t = performance.now();
  const file = join(dataDir, 'nsfc-experts.jsonl');
  writeFileSync(file, task.experts.map((e) => JSON.stringify(e)).join('\n'));
  const summary = importRows({ intake: runtime.services.intake, transaction: runtime.transaction }, 'experts', await readImportFile('experts', file));
  if (summary.rejected.length) throw new Error(`import rejected rows: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
  lap('import', t, { experts: task.experts.length, inserted: summary.inserted, unchanged: summary.unchanged });

  t = performance.now();
  const matching = await runtime.matching();
  const { retrieval } = matching;
  let lastLog = 0;
  const synced = await retrieval.sync({
    onProgress: (p) => {
      if (performance.now() - lastLog < 15_000) return;
      lastLog = performance.now();
      process.stderr.write(`${JSON.stringify({ progress: p.stage, done: p.done, total: p.total, seconds: Math.round((performance.now() - t) / 1000) })}\n`);
    },
  });
  lap('retrieval-sync', t, { ...synced });

  // Fixed-seed split of the held-out queries: TEST (reported) first, DEV (tuning) after it, disjoint.
  const rnd = mulberry32(seed);
  const shuffled = task.queries
    .map((q) => ({ q, r: rnd() }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.q);
  const test = shuffled.slice(0, Math.min(nTest, shuffled.length));
  const dev = shuffled.slice(test.length, test.length + nDev);

  t = performance.now();
  const qEmbed = await retrieval.embedder.embedWithStats([...test, ...dev].map((q) => q.title));
  lap('embed-queries', t, { queries: test.length + dev.length, embedded: qEmbed.embedded });
  if (has('prepare-only')) {
    await runtime.close();
    return;
  }

  t = performance.now();
  const rankerFor = (weights: FusionWeights) => matching.rankerWith({ weights });
  const query = (title: string) => ({ title, description: '', expectedField: '', namedCandidates: [] });

  if (has('tune')) {
    const tuned = await tuneFusion(
      rankerFor(SHIPPED_WEIGHTS),
      dev.map((q) => ({ query: query(q.title), relevant: q.expertId })),
      {
        policy: 'open',
        log: (line) => process.stderr.write(`${JSON.stringify(line)}\n`),
      },
    );
    lap('tune', t, { dev: dev.length, best: tuned });
    t = performance.now();
  }

  const methods: Array<[string, FusionWeights]> = [
    ['bm25', BM25_ONLY],
    ['dense', DENSE_ONLY],
    ['hybrid', SHIPPED_WEIGHTS],
  ];
  for (const [method, weights] of methods) {
    const ranker = rankerFor(weights);
    const m: Metrics = { recall1: 0, recall10: 0, mrr10: 0 };
    const started = performance.now();
    for (const q of test) {
      const res = await ranker.rank(query(q.title), { policy: 'open', top: 10 });
      const rank = res.candidates.findIndex((c) => c.expertId === q.expertId) + 1;
      if (rank === 1) m.recall1++;
      if (rank >= 1) {
        m.recall10++;
        m.mrr10 += 1 / rank;
      }
    }
    const n = test.length;
    process.stdout.write(
      `${JSON.stringify({
        method,
        recall1: r4(m.recall1 / n),
        recall10: r4(m.recall10 / n),
        mrr10: r4(m.mrr10 / n),
        queries: n,
        experts: task.experts.length,
        data: 'nsfc-management',
        split: `test(seed=${seed})`,
        model: retrieval.index.modelId,
        ms_per_query: Math.round(((performance.now() - started) / n) * 100) / 100,
      })}\n`,
    );
  }
  lap('rank', t);
  lap('total', t0, { dataDir });
  await runtime.close();
}

await main();
