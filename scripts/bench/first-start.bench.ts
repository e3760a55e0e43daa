// A new user's first start: `npm start` (src/server.ts through tsx) on an empty DATA_DIR with the demo, until
// the first explained shortlist of the demo comes back and until the start-up is complete. Run for each
// STARTUP mode in one run: `blocking` (the former path, the baseline: the model in the main thread, /readyz
// ready only once every evidence text is embedded and the HNSW graph built) and `staged` (the model in a
// worker thread, ready once every expert's portrait has its vector, the rest in the background).
// GET /healthz is polled every 100 ms until the start is complete: its worst latency says whether the event
// loop stayed free. The API key is created before the server starts, so the CLI's own start is not counted.
// Figures per mode: seconds to listening, to ready, to the first shortlist, to complete; /healthz max and p99;
// the /readyz progress stages seen; the shortlist's experts at first and after completion, which must be the
// same in both modes once complete.
// On a loaded machine the blocking start takes many minutes: `--until first-shortlist` stops each mode after
// its first shortlist (a line is printed then in any case), and a staged run's complete_s is the time the
// blocking start would wait for (the same work: every text embedded, the graph built).
//   npm run bench -- first-start [--modes blocking,staged] [--until first-shortlist|complete] [--port P] [--timeout-s S]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { emit, numberOption, option, round } from './bench.types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DEMO_QUERY = { title: '储能电池组热失控预警', description: '储能电池在高温工况下存在热失控风险，需要早期预警与阻断方案。', cycle: DEMO_CYCLE_ID };

type Fetched = { ms: number; status: number; body: unknown };
type ReadyBody = { status?: string; checks?: Record<string, string>; progress?: { stage: string; done: number; total: number } };
type MatchBody = { candidates?: Array<{ expertId: string }>; retrieval?: { note: string } };

async function timedFetch(url: string, init?: RequestInit): Promise<Fetched | undefined> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    const body: unknown = await res.json().catch(() => undefined);
    return { ms: performance.now() - t, status: res.status, body };
  } catch {
    return undefined;
  }
}

const quantile = (sorted: number[], q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))], 1) : null);

async function measure(mode: string, port: number, timeoutS: number, untilFirst: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-first-start-${mode}-`));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: 'on', LOG_LEVEL: 'info', STARTUP: mode };
  const created = await promisify(execFile)(tsx, [join(root, 'scripts/apikey.ts'), 'create', '--name', 'first-start-bench'], { env, encoding: 'utf8' });
  const { key } = JSON.parse(created.stdout.trim().split('\n').pop()!) as { key: string };
  const match = async () => {
    const m = await timedFetch(`http://127.0.0.1:${port}/v1/match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_QUERY),
    });
    const body = m?.body as MatchBody | undefined;
    return { status: m?.status ?? null, ms: m ? round(m.ms, 0) : null, experts: body?.candidates?.map((c) => c.expertId) ?? [], partial: body?.retrieval !== undefined };
  };

  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  const server = spawn(tsx, [join(root, 'src/server.ts')], { env, stdio: ['ignore', 'ignore', 'ignore'] });
  const base = `http://127.0.0.1:${port}`;
  const health: number[] = [];
  let listeningS: number | undefined;
  let stop = false;
  const poller = (async () => {
    while (!stop) {
      const h = await timedFetch(`${base}/healthz`);
      if (h) {
        listeningS ??= since();
        health.push(h.ms);
      }
      await sleep(100);
    }
  })();
  const stages: Record<string, number> = {};
  let readyS: number | undefined;
  let completeS: number | undefined;
  let first: Awaited<ReturnType<typeof match>> | undefined;
  let firstS: number | undefined;
  try {
    while (completeS === undefined) {
      if (since() > timeoutS) throw new Error(`${mode}: not complete after ${timeoutS} s`);
      if (server.exitCode !== null) throw new Error(`${mode}: server exited with ${server.exitCode}`);
      const r = await timedFetch(`${base}/readyz`);
      const body = r?.body as ReadyBody | undefined;
      if (body?.progress) stages[body.progress.stage] ??= round(since(), 1);
      if (r?.status === 200 && readyS === undefined) {
        readyS = since();
        first = await match();
        firstS = since();
        const sorted = [...health].sort((a, b) => a - b);
        emit({
          bench: 'first-start',
          mode,
          phase: 'first-shortlist',
          listening_s: listeningS === undefined ? null : round(listeningS, 1),
          ready_s: round(readyS, 1),
          first_shortlist_s: round(firstS, 1),
          first_shortlist: { status: first.status, ms: first.ms, partial: first.partial, top10: first.experts.slice(0, 10) },
          stage_first_seen_s: stages,
          healthz_polls: sorted.length,
          healthz_max_ms: quantile(sorted, 1),
          healthz_p99_ms: quantile(sorted, 0.99),
        });
        if (untilFirst) return undefined;
      }
      if (r?.status === 200 && body?.checks?.index === 'ok') completeS = since();
      else await sleep(500);
    }
    const healthDuringStart = [...health].sort((a, b) => a - b);
    const final = await match();
    return {
      mode,
      listening_s: listeningS === undefined ? null : round(listeningS, 1),
      ready_s: round(readyS!, 1),
      first_shortlist_s: round(firstS!, 1),
      first_shortlist: { status: first!.status, ms: first!.ms, partial: first!.partial, top10: first!.experts.slice(0, 10) },
      complete_s: round(completeS, 1),
      final_shortlist: { status: final.status, ms: final.ms, partial: final.partial, top10: final.experts.slice(0, 10) },
      stage_first_seen_s: stages,
      healthz_polls: healthDuringStart.length,
      healthz_max_ms: quantile(healthDuringStart, 1),
      healthz_p99_ms: quantile(healthDuringStart, 0.99),
      healthz_over_50ms: healthDuringStart.filter((x) => x > 50).length,
    };
  } finally {
    stop = true;
    await poller;
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const port = numberOption(args, 'port', 3917);
  const timeoutS = numberOption(args, 'timeout-s', 1800);
  const modes = (option(args, 'modes') ?? 'blocking,staged').split(',');
  const results = [];
  for (const mode of modes) {
    const r = await measure(mode, port, timeoutS, option(args, 'until') === 'first-shortlist');
    if (!r) continue;
    emit({ bench: 'first-start', phase: 'complete', ...r });
    results.push(r);
  }
  const before = results.find((r) => r.mode === 'blocking');
  const after = results.find((r) => r.mode === 'staged');
  if (before && after)
    emit({
      bench: 'first-start',
      summary: true,
      first_shortlist_s: { before: before.first_shortlist_s, after: after.first_shortlist_s, ratio: round(after.first_shortlist_s / before.first_shortlist_s, 3) },
      complete_s: { before: before.complete_s, after: after.complete_s },
      healthz_max_ms: { before: before.healthz_max_ms, after: after.healthz_max_ms },
      final_shortlists_identical: JSON.stringify(before.final_shortlist.top10) === JSON.stringify(after.final_shortlist.top10),
      first_vs_final_top10_overlap: after.first_shortlist.top10.filter((e) => after.final_shortlist.top10.includes(e)).length,
    });
}
