// A new user's first start: `npm start` (src/server.ts through tsx) on an empty DATA_DIR with the demo, until
// /readyz says ready and the first explained shortlist of the demo comes back. Meanwhile GET /healthz is
// polled every 100 ms: its worst latency says whether the event loop stayed free during the embedding.
// Figures: seconds to listening, to ready, to the first shortlist; /healthz max and p99; the last /readyz
// progress seen (stage, done, total).
//   npm run bench -- first-start [--port P] [--timeout-s S]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { emit, numberOption, round } from './bench.types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timedFetch(url: string, init?: RequestInit): Promise<{ ms: number; status: number; body: unknown } | undefined> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const body: unknown = await res.json().catch(() => undefined);
    return { ms: performance.now() - t, status: res.status, body };
  } catch {
    return undefined;
  }
}

export async function run(args: string[]): Promise<void> {
  const port = numberOption(args, 'port', 3917);
  const timeoutS = numberOption(args, 'timeout-s', 900);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-first-start-'));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: 'on', LOG_LEVEL: 'info' };
  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  const server = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/server.ts')], { env, stdio: ['ignore', 'ignore', 'ignore'] });
  const base = `http://127.0.0.1:${port}`;
  const health: number[] = [];
  let listeningS: number | undefined;
  let readyS: number | undefined;
  let lastProgress: unknown;
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
  try {
    while (readyS === undefined) {
      if (since() > timeoutS) throw new Error(`not ready after ${timeoutS} s`);
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      const r = await timedFetch(`${base}/readyz`);
      if (r?.status === 200) readyS = since();
      else if (r && (r.body as { progress?: unknown })?.progress) lastProgress = (r.body as { progress?: unknown }).progress;
      await sleep(500);
    }
    const healthDuringStart = [...health];
    const created = execFileSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/apikey.ts'), 'create', '--name', 'first-start-bench'], { env, encoding: 'utf8' });
    const { key } = JSON.parse(created.trim().split('\n').pop()!) as { key: string };
    const match = await timedFetch(`${base}/v1/match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '储能电池组热失控预警', description: '储能电池在高温工况下存在热失控风险，需要早期预警与阻断方案。', cycle: DEMO_CYCLE_ID }),
    });
    const shortlistS = since();
    const sorted = healthDuringStart.sort((a, b) => a - b);
    emit({
      bench: 'first-start',
      listening_s: listeningS === undefined ? null : round(listeningS, 1),
      ready_s: round(readyS, 1),
      first_shortlist_s: round(shortlistS, 1),
      first_shortlist_status: match?.status ?? null,
      first_shortlist_ms: match ? round(match.ms, 0) : null,
      healthz_polls: sorted.length,
      healthz_max_ms: sorted.length ? round(sorted[sorted.length - 1], 1) : null,
      healthz_p99_ms: sorted.length ? round(sorted[Math.floor(sorted.length * 0.99)], 1) : null,
      last_progress: lastProgress ?? null,
    });
  } finally {
    stop = true;
    await poller;
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
