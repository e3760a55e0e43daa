// Does company boilerplate still move the shortlist? (issue 17, docs/evaluation.md)
//
//   npx tsx scripts/boilerplate-check.ts --requirements ../shared/eval/enterprise-requirements/requirements.csv
//     --csl ../shared/eval/csl-dev/papers.jsonl [--data-dir DIR] [--demo-experts 600]
//
// Two demand sets, each ranked twice — without and with a company paragraph — by the shipped ranker (which
// embeds and matches the demand's technical core, src/ranking/demand-core.ts) and by the same ranker on the
// demand's whole text (as before the core extractor):
// - the 371 real enterprise demands (CCF BDCI 2019), against the CSL pseudo-experts of `npm run eval` (papers of
//   all disciplines, 1,314 experts; DIR/csl is shared with the eval, so nothing is embedded twice); "with"
//   prepends one of three company paragraphs in the style of real forms (rotating);
// - the demo's generated demands (their description opens with 我公司主要从事…，上年营业收入…，现有员工…),
//   against the demo's experts; "without" removes that opening sentence.
// Prints one JSON object: per set and mode, the mean top-10 overlap, the share of demands whose top 10 is the
// same set and the same order, and the lowest overlap.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config';
import { generateDemoData } from '../src/demo/demo-data.generator';
import { importRows } from '../src/intake/bulk-import.service';
import { readImportFile } from '../src/intake/import-file.reader';
import { queryText } from '../src/ranking/candidate-pool.builder';
import type { RankQuery } from '../src/ranking/ranker.port';
import { createRuntime, type Runtime } from '../src/runtime';
import { createCliLogger } from '../src/shared/logger';
import { buildCslTask, readCslPapers } from './lib/csl-task';
import { prepareTask } from './lib/eval-runner';

const COMPANY_PARAGRAPHS = [
  '我公司成立于2008年，位于温州市瓯海经济开发区，主要从事汽摩配件的研发、生产和销售，是国家高新技术企业。上年营业收入1.2亿元，利润总额1500万元，现有员工260人，其中研发人员35人，拥有标准化厂房2万平方米。',
  '本公司是一家专业从事阀门、管件制造的民营企业，注册资本5000万元，现有职工180余人，2019年被评为浙江省专精特新企业，年产值8000万元，产品远销欧美等30多个国家和地区。',
  '企业简介：公司创建于2012年，坐落于乐清市经济开发区，占地面积50亩，主营电气开关及配套元件，上年销售收入3.5亿元，纳税2100万元，现有员工420人，先后荣获“浙江名牌产品”等荣誉称号。',
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The CCF BDCI file: `'id' , 'title' , 'content'` per line, single-quoted, `\n` written out. */
function readRequirements(file: string): Array<{ title: string; description: string }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => /^'(.*?)' , '(.*?)' , '(.*)'\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ title: m[2].trim().slice(0, 200), description: m[3].replace(/\\n/g, '\n').trim().slice(0, 20_000) }));
}

type Pair = { without: RankQuery; with: RankQuery };
const query = (title: string, description: string): RankQuery => ({ title, description, expectedField: '', namedCandidates: [] });

async function compare(runtime: Runtime, pairs: Pair[]) {
  const matching = await runtime.matching();
  const core = (q: RankQuery) => queryText({ title: q.title, description: q.description, expectedField: q.expectedField });
  // How many demands embed to the very same core text with and without the paragraph (no model needed).
  const out: Record<string, unknown> = { sameCoreText: pairs.filter((p) => core(p.without) === core(p.with)).length };
  for (const [mode, ranker] of [
    ['core (shipped)', matching.ranker],
    ['full text', matching.rankerWith({ fullText: true })],
  ] as const) {
    let overlap = 0;
    let same = 0;
    let min = 10;
    for (const p of pairs) {
      const a = (await ranker.rank(p.without, { policy: 'open', top: 10 })).candidates.map((c) => c.expertId);
      const b = (await ranker.rank(p.with, { policy: 'open', top: 10 })).candidates.map((c) => c.expertId);
      const shared = a.filter((id) => b.includes(id)).length;
      overlap += shared;
      min = Math.min(min, shared);
      if (a.join() === b.join()) same++;
    }
    out[mode] = { meanOverlapTop10: Math.round((overlap / pairs.length / 10) * 1e4) / 1e4, identicalTop10: Math.round((same / pairs.length) * 1e4) / 1e4, minOverlap: min };
  }
  return { demands: pairs.length, ...out };
}

async function main() {
  const reqFile = arg('requirements');
  const cslFile = arg('csl');
  if (!reqFile || !cslFile) {
    process.stderr.write('usage: npx tsx scripts/boilerplate-check.ts --requirements <requirements.csv> --csl <papers.jsonl> [--data-dir DIR] [--demo-experts 600]\n');
    process.exit(2);
  }
  const dataDir = resolve(arg('data-dir') ?? '/work/cache/i17-eval');
  const result: Record<string, unknown> = {};

  const cslTask = buildCslTask(readCslPapers(cslFile));
  const csl = await prepareTask('csl', cslTask, { dataDir: join(dataDir, 'csl'), referenceYear: 2018, seed: 1, test: 0, dev: 0 });
  const real = readRequirements(reqFile).map((d, i) => ({ without: query(d.title, d.description), with: query(d.title, `${COMPANY_PARAGRAPHS[i % 3]}\n${d.description}`) }));
  result['enterprise-requirements (vs CSL experts)'] = await compare(csl.runtime, real);
  await csl.runtime.close();

  // The demo's experts and demands (fixed seed), the experts imported into DIR/demo.
  const demoDir = join(dataDir, 'demo');
  mkdirSync(demoDir, { recursive: true });
  const demo = generateDemoData({ experts: Number(arg('demo-experts') ?? 600), enterprises: 100 });
  const config = loadConfig({ ...process.env, DATA_DIR: demoDir, DEMO: 'off' });
  const runtime = createRuntime(config, { logger: createCliLogger('warn', 'boilerplate-check') });
  const file = join(demoDir, 'demo-experts.jsonl');
  writeFileSync(file, demo.experts.map((e) => JSON.stringify(e)).join('\n'));
  importRows({ intake: runtime.services.intake, transaction: runtime.transaction }, 'experts', await readImportFile('experts', file));
  await (await runtime.matching()).retrieval.sync();
  const demoPairs = demo.demands.map((d) => {
    const description = d.description ?? '';
    const cut = description.indexOf('。');
    const rest = /^(我|本)公司/.test(description) && cut >= 0 ? description.slice(cut + 1) : description;
    return { without: query(d.title, rest), with: query(d.title, description) };
  });
  result[`demo demands (vs ${demo.experts.length} demo experts)`] = await compare(runtime, demoPairs);
  await runtime.close();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
