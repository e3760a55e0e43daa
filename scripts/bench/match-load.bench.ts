// POST /v1/match (a stored demand) under load at 100k experts: one server process against WORKERS server
// processes over the same DATA_DIR (node:cluster, src/http/server-cluster.adapter.ts), each next to GET /healthz
// of the same server, in the same run:
//   npm run bench -- match-load [--quick] [--experts 100000] [--workers 2] [--duration 10] [--connections 10]
//     [--data-dir DIR]   (a DATA_DIR seeded by `npm run bench -- match --data-dir DIR` is reused)
// Data and server: as `npm run bench -- match` (scripts/bench/match.bench.ts, match-server.ts). Every answer of
// the multi-process server is compared with the single process's answer to the same request (all but the
// timing field must be equal), and the peak memory (VmHWM) of every process of each server is summed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { DEMO_CYCLE_ID, generateDemoData } from '../../src/demo/demo-data.generator';
import { createRuntime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';
import { emit, flag, numberOption, option } from './bench.types';
import { drive, seed, startServer, type Server } from './match.bench';

const log = (what: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(what)}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Peak resident memory of a process (MB), from /proc (Linux). */
function peakMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** The answer without what differs between two computations of the same result (timing). */
function comparable(body: string): string {
  const r = JSON.parse(body) as { stats?: { ms?: number } };
  if (r.stats) delete r.stats.ms;
  return JSON.stringify(r);
}

export async function run(args: string[]): Promise<void> {
  const quick = flag(args, 'quick');
  const nExperts = numberOption(args, 'experts', quick ? 20_000 : 100_000);
  const nTemplates = numberOption(args, 'templates', quick ? 300 : 600);
  const workers = numberOption(args, 'workers', 2);
  const duration = numberOption(args, 'duration', quick ? 5 : 10);
  const connections = numberOption(args, 'connections', 10);
  const dataDir = option(args, 'data-dir') ?? mkdtempSync(join(tmpdir(), 'kjfz-bench-match-'));
  {
    const probe = createRuntime(loadConfig({ ...process.env, DATA_DIR: dataDir }), { logger: createCliLogger('warn', 'bench-match-load') });
    const have = probe.repositories.experts.count();
    await probe.close();
    if (have < nExperts) await seed(dataDir, nExperts, nTemplates);
  }
  const demo = generateDemoData({ experts: nTemplates, enterprises: 300 });
  const demand = demo.demands.find((d) => d.cycle === DEMO_CYCLE_ID)!;
  // The same requests to both servers: the stored demand, and ad-hoc problems of the cycle (texts embedded once).
  const probes = [
    JSON.stringify({ demandId: demand.externalId }),
    ...demo.demands.slice(0, 12).map((d) => JSON.stringify({ title: d.title, description: d.description, cycle: DEMO_CYCLE_ID })),
  ];

  const answers = new Map<number, string[]>();
  const results: Array<Record<string, unknown>> = [];
  for (const n of [1, workers]) {
    const server: Server = await startServer(dataDir, { WORKERS: String(n), PORT: String(await freePort()) });
    log({ step: 'server-ready', workers: n, port: server.port, pids: server.pids, rss_mb: server.rss_mb });
    const auth = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };
    const post = async (body: string) => (await fetch(`http://127.0.0.1:${server.port}/v1/match`, { method: 'POST', headers: auth, body })).text();
    // Every process answers some of these (connections are spread over the workers): warm-up and the equality check.
    const got: string[] = [];
    for (let round = 0; round < 3 * n; round++) for (const [i, p] of probes.entries()) got[i + round * probes.length] = comparable(await post(p));
    answers.set(n, got);
    const stored = { method: 'POST' as const, path: '/v1/match', body: () => probes[0], headers: auth };
    await drive(server.port, stored, 2, connections);
    const healthz = await drive(server.port, { path: '/healthz' }, duration, connections);
    const match = await drive(server.port, stored, duration, connections);
    results.push({ workers: n, match, healthz, peak_mb: server.pids.reduce((s, pid) => s + peakMb(pid), 0), processes: server.pids.length });
    server.stop();
    await new Promise((r) => setTimeout(r, 1500));
  }
  const [one, many] = results as Array<{ workers: number; match: { rps: number; p50_ms: number; p99_ms: number }; healthz: { rps: number; p99_ms: number }; peak_mb: number }>;
  const single = answers.get(1)!;
  const multi = answers.get(workers)!;
  const differing = multi.filter((a, i) => a !== single[i % probes.length]).length;
  emit({
    bench: 'match-load',
    quick,
    experts: nExperts,
    connections,
    duration_s: duration,
    workers,
    route: 'POST /v1/match {demandId} (stored demand)',
    rps: many.match.rps,
    p50_ms: many.match.p50_ms,
    p99_ms: many.match.p99_ms,
    healthz_rps: many.healthz.rps,
    healthz_p99_ms: many.healthz.p99_ms,
    peak_mb: many.peak_mb,
    baseline_workers: 1,
    baseline_rps: one.match.rps,
    baseline_p50_ms: one.match.p50_ms,
    baseline_p99_ms: one.match.p99_ms,
    baseline_healthz_rps: one.healthz.rps,
    baseline_healthz_p99_ms: one.healthz.p99_ms,
    baseline_peak_mb: one.peak_mb,
    rps_ratio: Math.round((many.match.rps / one.match.rps) * 100) / 100,
    answers_compared: multi.length,
    answers_differing: differing,
    details: results,
  });
}
