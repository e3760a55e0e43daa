// Latency of POST /v1/match over HTTP at 100k experts, next to a trivial route (GET /healthz) of the same server
// in the same run:
//   npm run bench -- match [--quick] [--experts 100000] [--templates 600] [--duration 10] [--connections 10]
//     [--data-dir DIR]   (reuse a seeded DATA_DIR: seeding and index building are skipped)
//
// Data: the demo generator's experts, enterprises, demands and cycles (`--templates` experts, 300 enterprises),
// embedded by the real model; then synthetic experts up to `--experts`, each a copy of a template expert with
// its portrait and one project (or patent or paper), its texts made unique by a marker. Their vectors are
// injected into the embedding cache: the template item's real vector plus Gaussian noise (cosine ≈ 0.92), so
// 100k experts cost no model time and the HNSW graph holds no duplicate points. The server (a child process:
// scripts/bench/match-server.ts) loads them like any DATA_DIR. autocannon then drives, in this process:
// baseline GET /healthz; `stored` POST {demandId} of the open cycle; `adhoc` POST with a new problem text on
// every request (so each request embeds its text with the real model); `adhoc-cached` a fixed set of 50 texts.
// The server handles one request at a time on its event loop, so with 10 connections latency is mostly queueing
// (≈ 10 × the service time); `--connections 1` measures the service time itself.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config';
import { DEMO_CYCLE_ID, generateDemoData } from '../../src/demo/demo-data.generator';
import { seedDemo } from '../../src/demo/seed-demo.service';
import type { ExpertInput } from '../../src/intake/expert.schema';
import { createJiebaKeywordExtractor } from '../../src/portraits/jieba-keyword.adapter';
import { rebuildStalePortraits } from '../../src/portraits/portrait.service';
import { createRuntime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';
import { emit, flag, numberOption, option, round } from './bench.types';
import { createGaussian } from '../../src/index/clustered-vectors.generator';

const REFERENCE_YEAR = 2026;

const log = (what: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(what)}\n`);

/** A copy of a template expert with one evidence item, unique texts and no policy history. */
function cloneOf(t: ExpertInput, i: number): ExpertInput {
  const marker = `（样本${i}）`;
  const item = t.projects?.[0] ? 'projects' : t.patents?.[0] ? 'patents' : 'papers';
  const first = (t[item] as Array<{ abstract?: string }> | undefined)?.[0];
  return {
    ...t,
    externalId: `bench-${String(i).padStart(6, '0')}`,
    name: `${t.name}${i % 1000}`.slice(0, 50),
    fields: [...(t.fields ?? []).slice(0, 4), `课题组${i}`],
    projects: item === 'projects' ? [{ ...t.projects![0], abstract: `${first?.abstract ?? ''}${marker}` }] : [],
    patents: item === 'patents' ? [{ ...t.patents![0], number: `CN${String(300000000000 + i)}.X`, abstract: `${first?.abstract ?? ''}${marker}` }] : [],
    papers: item === 'papers' ? [{ ...t.papers![0], abstract: `${first?.abstract ?? ''}${marker}` }] : [],
    serviceHistory: [],
    cooperations: [],
    badRecords: [],
    contact: {},
  };
}

/** Seeds templates (embedded by the model) and synthetic copies (injected vectors); returns timings. */
export async function seed(dataDir: string, nExperts: number, nTemplates: number): Promise<Record<string, number>> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'off' });
  const logger = createCliLogger('warn', 'bench-match');
  const runtime = createRuntime(config, { logger, referenceYear: REFERENCE_YEAR });
  const { services, repositories: repos } = runtime;
  const times: Record<string, number> = {};
  let t = performance.now();
  const lap = (k: string) => {
    times[k] = round((performance.now() - t) / 1000, 1);
    log({ step: k, seconds: times[k] });
    t = performance.now();
  };

  const demo = generateDemoData({ experts: nTemplates, enterprises: 300 });
  const seeded = seedDemo({ intake: services.intake, transaction: runtime.transaction }, { data: demo });
  if (seeded.rejected.length) throw new Error(`demo seed rejected ${JSON.stringify(seeded.rejected.slice(0, 2))}`);
  lap('seed_templates_s');
  const { retrieval } = await runtime.matching();
  const first = await retrieval.sync();
  times.templates_embedded = first.textsEmbedded;
  lap('embed_templates_s');

  const templateIds = demo.experts.map((e) => repos.experts.findIdByExternalId(e.externalId)!);
  const nClones = Math.max(0, nExperts - nTemplates);
  for (let i = 0; i < nClones; i += 1000) {
    runtime.transaction(() => {
      for (let j = i; j < Math.min(nClones, i + 1000); j++) {
        const r = services.intake.saveExpert(cloneOf(demo.experts[j % nTemplates], j));
        if (!r.ok) throw new Error(`clone ${j} rejected: ${JSON.stringify(r.errors)}`);
      }
    });
  }
  lap('import_synthetic_s');
  rebuildStalePortraits({ portraits: repos.portraits, experts: repos.experts, keywords: createJiebaKeywordExtractor() }, { referenceYear: REFERENCE_YEAR });
  lap('portraits_s');

  // Injected vectors: the template's real vector of the same item (or portrait) plus noise, under the copy's text hash.
  const portraits = repos.portraits;
  const cache = repos.embeddingCache;
  const modelId = retrieval.index.modelId;
  const dim = retrieval.index.dim;
  const tplEvidence = templateIds.map((id) => portraits.listEvidence(id));
  const tplVectors = cache.getMany(
    modelId,
    tplEvidence.flat().map((e) => e.textHash),
  );
  const gauss = createGaussian(7);
  const sigma = 0.02; // ‖noise‖ ≈ 0.45 on 512 dimensions
  let injected = 0;
  for (let i = 0; i < nClones; i += 1000) {
    const entries: Array<{ textHash: string; vector: Float32Array }> = [];
    for (let j = i; j < Math.min(nClones, i + 1000); j++) {
      const id = repos.experts.findIdByExternalId(`bench-${String(j).padStart(6, '0')}`)!;
      const tpl = tplEvidence[j % nTemplates];
      const other = tplEvidence[(j * 7919 + 13) % nTemplates];
      const vectorOf = (list: typeof tpl, kind: string) => {
        const source =
          kind === 'portrait' ? list.find((x) => x.kind === 'portrait') : (list.find((x) => x.kind === kind && x.ordinal === 0) ?? list.find((x) => x.kind !== 'portrait'));
        return source && tplVectors.get(source.textHash);
      };
      for (const ev of portraits.listEvidence(id)) {
        const base = vectorOf(tpl, ev.kind);
        if (!base) continue;
        const mix = vectorOf(other, ev.kind) ?? base;
        const w = 0.25 + (0.5 * Math.abs(gauss())) / 3;
        const v = new Float32Array(dim);
        let n = 0;
        for (let d = 0; d < dim; d++) {
          v[d] = base[d] + w * mix[d] + sigma * gauss();
          n += v[d] * v[d];
        }
        n = Math.sqrt(n);
        for (let d = 0; d < dim; d++) v[d] /= n;
        entries.push({ textHash: ev.textHash, vector: v });
      }
    }
    cache.putMany(modelId, entries);
    injected += entries.length;
  }
  times.vectors_injected = injected;
  lap('inject_vectors_s');
  const second = await retrieval.sync();
  times.sync_texts_embedded = second.textsEmbedded;
  times.evidence = second.evidence;
  lap('hnsw_build_s');
  await runtime.close();
  return times;
}

export type Server = {
  port: number;
  key: string;
  cycle: string | null;
  load_s: number;
  warm_ms: number;
  rss_mb: number;
  corpus: unknown;
  index: { experts: number; evidence: number };
  pids: number[];
  stop: () => void;
};

export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'match-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    lines.once('line', (l) => resolve(JSON.parse(l)));
  });
  return { ...(ready as Omit<Server, 'stop'>), stop: () => child.kill('SIGTERM') };
}

export type Drive = { method?: 'GET' | 'POST'; path: string; body?: () => string; headers?: Record<string, string> };

export async function drive(port: number, d: Drive, duration: number, connections: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: d.method ?? 'GET',
        path: d.path,
        headers: { 'content-type': 'application/json', ...d.headers },
        ...(d.body ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: d.body!() }) } : {}),
      },
    ],
  });
  return {
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    rps: round(result.requests.average, 1),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export async function run(args: string[]): Promise<void> {
  const quick = flag(args, 'quick');
  const nExperts = numberOption(args, 'experts', quick ? 20_000 : 100_000);
  const nTemplates = numberOption(args, 'templates', quick ? 300 : 600);
  const duration = numberOption(args, 'duration', quick ? 5 : 10);
  const connections = numberOption(args, 'connections', 10);
  const reuse = option(args, 'data-dir');
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'kjfz-bench-match-'));

  let setup: Record<string, number> = {};
  {
    const probe = createRuntime(loadConfig({ ...process.env, DATA_DIR: dataDir }), { logger: createCliLogger('warn', 'bench-match') });
    const have = probe.repositories.experts.count();
    await probe.close();
    if (have < nExperts) setup = await seed(dataDir, nExperts, nTemplates);
    else log({ step: 'reuse', dataDir, experts: have });
  }

  const server = await startServer(dataDir);
  log({ step: 'server-ready', port: server.port, load_s: server.load_s, warm_ms: server.warm_ms, rss_mb: server.rss_mb, corpus: server.corpus, index: server.index });
  const auth = { authorization: `Bearer ${server.key}` };
  const demo = generateDemoData({ experts: nTemplates, enterprises: 300 });
  const demand = demo.demands.find((d) => d.cycle === DEMO_CYCLE_ID)!;
  const titles = demo.demands.map((d) => d.title);
  let n = 0;
  const fresh = () =>
    JSON.stringify({ title: `${titles[n % titles.length]}（第${n++}次咨询）`, description: demo.demands[n % demo.demands.length].description, cycle: DEMO_CYCLE_ID });
  const cached = () => JSON.stringify({ title: titles[n++ % 50], description: '', cycle: DEMO_CYCLE_ID });

  const common = {
    bench: 'match',
    quick,
    experts: server.index.experts,
    evidence: server.index.evidence,
    connections,
    duration_s: duration,
    vectors: `templates embedded by the model (${nTemplates} experts), ${Math.max(0, nExperts - nTemplates)} synthetic copies with injected vectors (template vector + noise)`,
  };
  // Warm-up: the first stored request also embeds the demand text once; ad-hoc cached texts get embedded here too.
  await drive(server.port, { method: 'POST', path: '/v1/match', body: () => JSON.stringify({ demandId: demand.externalId }), headers: auth }, 2, 2);
  for (let i = 0; i < 50; i++)
    await fetch(`http://127.0.0.1:${server.port}/v1/match`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: cached() });

  const baseline = await drive(server.port, { path: '/healthz' }, duration, connections);
  emit({ ...common, mode: 'baseline', route: 'GET /healthz', ...baseline });
  const modes: Array<[string, Drive]> = [
    ['stored', { method: 'POST', path: '/v1/match', body: () => JSON.stringify({ demandId: demand.externalId }), headers: auth }],
    ['adhoc-cached', { method: 'POST', path: '/v1/match', body: cached, headers: auth }],
    ['adhoc', { method: 'POST', path: '/v1/match', body: fresh, headers: auth }],
  ];
  for (const [mode, d] of modes) {
    const r = await drive(server.port, d, duration, connections);
    emit({ ...common, mode, route: 'POST /v1/match', ...r, baseline_rps: baseline.rps, demand: mode === 'stored' ? demand.externalId : undefined });
  }
  emit({ bench: 'match', mode: 'setup', dataDir, ...setup, server_load_s: server.load_s, server_warm_ms: server.warm_ms, server_rss_mb: server.rss_mb });
  server.stop();
}
