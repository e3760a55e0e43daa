// Measures single-vector portraits against multi-vector experts on public data: NSFC management-science
// projects (../shared/eval/nsfc-management/projects.csv). An expert is a (PI, institution) pair built from
// their projects; for each PI with ≥ 2 projects the latest (largest approval number) is held out and its
// title is the query; the relevant expert is that PI among all experts. Prints one JSON line per method.
//
//   npx tsx scripts/eval-multivector.ts --data ../shared/eval/nsfc-management/projects.csv [--queries 500|all]
//     [--cache <sqlite file>] [--seed 1]
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import type { Expert } from '../src/intake/expert.schema';
import { createJiebaKeywordExtractor } from '../src/portraits/jieba-keyword.adapter';
import { buildPortrait } from '../src/portraits/portrait.builder';
import { createRuntime } from '../src/runtime';
import { createCliLogger } from '../src/shared/logger';
import { mulberry32 } from '../src/demo/prng';
import { readNsfcProjects, type NsfcProject } from './lib/nsfc-projects';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

async function main() {
  const data = arg('data');
  if (!data || !existsSync(data)) {
    process.stderr.write(
      `eval-multivector: ${data ? `no file at ${data}` : 'missing --data <projects.csv>'}.\n` +
        'It needs the public NSFC project list (../shared/eval/nsfc-management/projects.csv next to this repo:\n' +
        "columns 项目批准号, 项目类别, 项目名称, 依托单位, 负责人, 金额, 起止年月, 总评). The project's tests never need it.\n" +
        'Usage: npx tsx scripts/eval-multivector.ts --data <projects.csv> [--queries 500|all] [--cache <sqlite file>] [--seed 1]\n',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createCliLogger(config.logLevel, 'eval-multivector');
  const seed = Number(arg('seed') ?? 1);
  const cacheFile = arg('cache') ?? join(tmpdir(), 'kejifuzong-eval-embedding-cache.db');

  const rows = readNsfcProjects(data);
  const byExpert = new Map<string, NsfcProject[]>();
  for (const r of rows) {
    const key = `${r.pi}|${r.institution}`;
    byExpert.set(key, [...(byExpert.get(key) ?? []), r]);
  }
  const expertKeys = [...byExpert.keys()].sort();
  const heldOut: Array<{ expert: number; title: string }> = [];
  const kept = new Map<number, NsfcProject[]>();
  expertKeys.forEach((key, idx) => {
    const list = [...byExpert.get(key)!].sort((x, y) => (x.approval < y.approval ? -1 : 1));
    if (list.length >= 2) heldOut.push({ expert: idx, title: list[list.length - 1].title });
    kept.set(idx, list.length >= 2 ? list.slice(0, -1) : list);
  });
  const rnd = mulberry32(seed);
  const shuffled = heldOut
    .map((q) => ({ q, r: rnd() }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.q);
  const nQueries = arg('queries') === 'all' ? shuffled.length : Math.min(Number(arg('queries') ?? 500), shuffled.length);
  const queries = shuffled.slice(0, nQueries);

  // Portraits through the project's own builder, as the service would build them.
  const keywords = createJiebaKeywordExtractor();
  const level = (cat: string): Expert['projects'][number]['level'] => (/重点|重大|面上|青年|国际|杰出|优秀|专项/.test(cat) ? 'national' : 'other');
  const portraits = expertKeys.map(
    (key, idx) =>
      buildPortrait(
        {
          externalId: `E${idx}`,
          name: key.split('|')[0],
          birthDate: '1980-01-01',
          region: '110000',
          institution: { name: key.split('|')[1], type: 'university' },
          fields: [],
          honours: [],
          contact: {},
          projects: kept
            .get(idx)!
            .map((p) => ({ title: p.title, abstract: '', keywords: [], role: 'leader' as const, level: level(p.category), startYear: p.start, endYear: p.end })),
          patents: [],
          papers: [],
          badRecords: [],
          serviceHistory: [],
          cooperations: [],
        },
        { referenceYear: 2017, keywords },
      ).summary,
  );

  // The runtime over the cache file: its embedding cache makes a second run embed nothing.
  const runtime = createRuntime({ ...config, dbFile: cacheFile }, { logger });
  const t0 = performance.now();
  const embeddings = (await runtime.matching()).retrieval.embedder;
  const model = embeddings;
  const embedAll = async (texts: string[], what: string) => {
    const out: Float32Array[] = [];
    const started = performance.now();
    let embedded = 0;
    for (let i = 0; i < texts.length; i += 1024) {
      const r = await embeddings.embedWithStats(texts.slice(i, i + 1024));
      out.push(...r.vectors);
      embedded += r.embedded;
      logger.info({ what, done: Math.min(i + 1024, texts.length), total: texts.length }, 'embedding');
    }
    const s = (performance.now() - started) / 1000;
    logger.info({ what, texts: texts.length, embedded, seconds: Math.round(s), textsPerSecond: embedded ? Math.round(embedded / s) : null }, 'embedded');
    return out;
  };
  const projectOwners: number[] = [];
  const projectTexts: string[] = [];
  for (const [idx, list] of kept)
    for (const p of list) {
      projectOwners.push(idx);
      projectTexts.push(p.title);
    }
  const projectVecs = await embedAll(projectTexts, 'project titles');
  const portraitVecs = await embedAll(portraits, 'portrait summaries');
  const queryVecs = await embedAll(
    queries.map((q) => q.title),
    'held-out titles',
  );
  const embedSeconds = (performance.now() - t0) / 1000;

  // Per-expert evidence lists and centroids (mean of unit vectors, renormalised).
  const evidenceOf = new Map<number, number[]>();
  projectOwners.forEach((e, i) => evidenceOf.set(e, [...(evidenceOf.get(e) ?? []), i]));
  const dim = model.dim;
  const centroids = expertKeys.map((_, e) => {
    const c = new Float32Array(dim);
    for (const i of evidenceOf.get(e) ?? []) for (let d = 0; d < dim; d++) c[d] += projectVecs[i][d];
    const n = Math.sqrt(dot(c, c)) || 1;
    return c.map((x) => x / n);
  });

  const methods = ['dense-portrait', 'dense-max-evidence', 'dense-max-evidence+portrait', 'dense-centroid', 'dense-max-evidence+centroid', 'dense-mean(max,centroid)'] as const;
  const stats = Object.fromEntries(methods.map((m) => [m, { r1: 0, r10: 0, mrr: 0, ndcg: 0 }]));
  const nExperts = expertKeys.length;
  for (let qi = 0; qi < queries.length; qi++) {
    const q = queryVecs[qi];
    const projSim = projectVecs.map((v) => dot(q, v));
    const maxEv = new Float64Array(nExperts).fill(-Infinity);
    projectOwners.forEach((e, i) => {
      if (projSim[i] > maxEv[e]) maxEv[e] = projSim[i];
    });
    const portraitSim = portraitVecs.map((v) => dot(q, v));
    const centroidSim = centroids.map((c) => dot(q, c));
    const scores: Record<(typeof methods)[number], ArrayLike<number>> = {
      'dense-portrait': portraitSim,
      'dense-max-evidence': maxEv,
      'dense-max-evidence+portrait': maxEv.map((s, e) => Math.max(s, portraitSim[e])),
      'dense-centroid': centroidSim,
      'dense-max-evidence+centroid': maxEv.map((s, e) => Math.max(s, centroidSim[e])),
      'dense-mean(max,centroid)': maxEv.map((s, e) => (s + centroidSim[e]) / 2),
    };
    for (const m of methods) {
      const s = scores[m];
      const target = s[queries[qi].expert];
      // rank = 1 + experts scoring strictly higher (ties resolved in the target's favour: rare with float scores)
      let higher = 0;
      for (let e = 0; e < nExperts; e++) if (s[e] > target) higher++;
      const rank = higher + 1;
      if (rank === 1) stats[m].r1++;
      if (rank <= 10) {
        stats[m].r10++;
        stats[m].mrr += 1 / rank;
        stats[m].ndcg += 1 / Math.log2(rank + 1);
      }
    }
  }
  const n = queries.length;
  for (const m of methods) {
    process.stdout.write(
      `${JSON.stringify({
        eval: 'multivector',
        method: m,
        data: 'nsfc-management',
        queries: n,
        experts: nExperts,
        model: model.modelId,
        recall1: +(stats[m].r1 / n).toFixed(4),
        recall10: +(stats[m].r10 / n).toFixed(4),
        mrr10: +(stats[m].mrr / n).toFixed(4),
        ndcg10: +(stats[m].ndcg / n).toFixed(4),
      })}\n`,
    );
  }
  logger.info({ embedSeconds: Math.round(embedSeconds), cacheFile }, 'done');
  await runtime.close();
}

await main();
