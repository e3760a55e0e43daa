// npm run bench -- soak [--duration 60] [--rows 2000] [--connections 8]
//
// Everything that writes, at once, on one database file for a bounded time: bulk imports (child processes of
// `npm run import`, one file of --rows new experts after another), the server (a child process) under
// autocannon load mixing GET /healthz, GET /v1/cycles and intake POST /v1/experts with a new id each, and a
// cycle run (`npm run cycle`, the real model) started at the same time. Then it checks that every input row —
// each imported file's and each POST answered 201 — is stored exactly once, that no request got a 5xx, that
// every import exited 0 and the cycle run stored its run, and that the audit chain verifies. The baseline is
// the same load mix for a few seconds on the quiet database, before the soak (same run, same machine).
// Prints one JSON line; exit 1 when a check fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config';
import { DEMO_CYCLE_ID, generateDemoData } from '../../src/demo/demo-data.generator';
import { seedDemo } from '../../src/demo/seed-demo.service';
import { createRuntime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';
import { emit, numberOption, round } from './bench.types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (what: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(what)}\n`);

type Exit = { code: number | null; ms: number; stderrTail: string; stdoutTail: string };
function runChild(script: string, args: string[], env: Record<string, string>): Promise<Exit> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let err = '';
    let out = '';
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
    child.stdout.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-4000)));
    child.on('error', fail);
    child.on('close', (code) => done({ code, ms: Math.round(performance.now() - t0), stderrTail: err.slice(-400), stdoutTail: out }));
  });
}

function expertJson(id: string) {
  return {
    externalId: id,
    name: '压测专家',
    title: '副高级',
    degree: '博士',
    institution: { name: '温州大学', type: 'university', region: '330302' },
    region: '330302',
    fields: ['储能材料'],
    workStartYear: 2012,
    workStartDate: '2012-07-01',
    projects: [{ title: `储能材料研究 ${id}`, abstract: '研究电池材料。', keywords: ['储能'], startYear: 2021, endYear: 2024 }],
  };
}

/** The load mix: 1 in 3 requests is an intake POST with a fresh id; the ids answered 201 are collected. */
async function load(port: number, key: string, seconds: number, connections: number, prefix: string, created: string[]) {
  let n = 0;
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      { method: 'GET', path: '/healthz' },
      { method: 'GET', path: '/v1/cycles', headers: auth },
      {
        method: 'POST',
        path: '/v1/experts',
        headers: auth,
        setupRequest: (req) => ({ ...req, body: JSON.stringify(expertJson(`${prefix}-${n++}`)) }),
        onResponse: (status: number, body: string) => {
          if (status === 201) created.push((JSON.parse(body) as { key: string }).key);
        },
      },
    ],
  });
  const counts = r as unknown as Record<string, number>;
  return {
    rps: round(r.requests.average, 1),
    requests: r.requests.total,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    s2xx: counts['2xx'],
    s4xx: counts['4xx'],
    s5xx: counts['5xx'],
    errors: r.errors,
    timeouts: r.timeouts,
    posts201: created.length,
  };
}

export async function run(args: string[]): Promise<void> {
  const duration = numberOption(args, 'duration', 60);
  const rowsPerImport = numberOption(args, 'rows', 2000);
  const connections = numberOption(args, 'connections', 8);
  const dir = mkdtempSync(join(tmpdir(), 'kjfz-soak-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'warn', DEMO: 'off' };

  // A small demo world (its cycle is what the run ranks).
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const seedRuntime = createRuntime(config, { logger: createCliLogger('silent', 'soak') });
  seedDemo({ intake: seedRuntime.services.intake, transaction: seedRuntime.transaction }, { data: generateDemoData({ experts: 80, enterprises: 30 }) });
  await seedRuntime.close();

  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench/soak-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = JSON.parse(await new Promise<string>((res) => createInterface({ input: server.stdout }).once('line', res))) as { port: number; key: string };
  log({ soak: 'server ready', dir, port: ready.port });

  const baselineCreated: string[] = [];
  const baseline = await load(ready.port, ready.key, 5, connections, 'SOAK-BASE', baselineCreated);
  log({ soak: 'baseline', ...baseline });

  // The soak: imports back to back, the load, and the cycle run, all started now.
  const started = performance.now();
  const deadline = started + duration * 1000;
  const cycle = runChild('scripts/cycle.ts', ['--cycle', DEMO_CYCLE_ID], env);
  const imports: Array<{ file: string; prefix: string; exit: Exit }> = [];
  const importing = (async () => {
    for (let i = 0; performance.now() < deadline; i++) {
      const prefix = `SOAK-IMP${i}`;
      const file = join(dir, `${prefix}.jsonl`);
      writeFileSync(file, Array.from({ length: rowsPerImport }, (_, j) => JSON.stringify(expertJson(`${prefix}-${j}`))).join('\n'));
      imports.push({ file, prefix, exit: await runChild('scripts/import.ts', ['experts', file], env) });
      log({ soak: 'import done', prefix, exit: imports.at(-1)!.exit.code, ms: imports.at(-1)!.exit.ms });
    }
  })();
  const created: string[] = [];
  const loaded = await load(ready.port, ready.key, duration, connections, 'SOAK-API', created);
  await importing;
  const cycleExit = await cycle;
  const soakMs = Math.round(performance.now() - started);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));

  // Checks, on the database as left behind.
  const rt = createRuntime(config, { logger: createCliLogger('silent', 'soak') });
  const ids = (rt.db.$client.prepare(`SELECT external_id AS id FROM experts WHERE external_id LIKE 'SOAK-%'`).all() as Array<{ id: string }>).map((r) => r.id);
  const stored = new Map<string, number>();
  for (const id of ids) stored.set(id, (stored.get(id) ?? 0) + 1);
  const duplicates = [...stored.values()].filter((c) => c > 1).length;
  const missingImported = imports.reduce((n, im) => n + Array.from({ length: rowsPerImport }, (_, j) => `${im.prefix}-${j}`).filter((id) => !stored.has(id)).length, 0);
  const missingPosted = [...baselineCreated, ...created].filter((id) => !stored.has(id)).length;
  const runs = rt.db.$client.prepare(`SELECT count(*) AS n FROM cycle_runs WHERE status = 'completed'`).get() as { n: number };
  const audit = rt.repositories.audit.verifyChain();
  await rt.close();

  const checks = {
    every_row_once: duplicates === 0 && missingImported === 0 && missingPosted === 0,
    no_5xx: (baseline.s5xx ?? 0) + (loaded.s5xx ?? 0) === 0 && loaded.errors === 0,
    imports_exit_0: imports.every((im) => im.exit.code === 0),
    cycle_run_stored: cycleExit.code === 0 && runs.n === 1,
    audit_verifies: audit.ok,
  };
  const importedRows = imports.length * rowsPerImport;
  emit({
    bench: 'soak',
    duration_s: duration,
    soak_ms: soakMs,
    baseline_quiet: baseline,
    under_soak: loaded,
    rps_ratio_vs_baseline: round(loaded.rps / Math.max(baseline.rps, 1e-9), 3),
    imports: imports.map((im) => ({ rows: rowsPerImport, exit: im.exit.code, ms: im.exit.ms })),
    imported_rows: importedRows,
    import_rows_per_s: round(importedRows / (imports.reduce((s, im) => s + im.exit.ms, 0) / 1000 || 1), 1),
    api_rows_created: created.length + baselineCreated.length,
    stored_soak_rows: ids.length,
    duplicates,
    missing_imported: missingImported,
    missing_posted: missingPosted,
    cycle: { exit: cycleExit.code, ms: cycleExit.ms, completed_runs: runs.n, stderr_tail: cycleExit.code === 0 ? undefined : cycleExit.stderrTail },
    audit,
    checks,
    ok: Object.values(checks).every(Boolean),
  });
  for (const im of imports) if (im.exit.code !== 0) log({ soak: 'import failed', prefix: im.prefix, stderr: im.exit.stderrTail });
  if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
}
