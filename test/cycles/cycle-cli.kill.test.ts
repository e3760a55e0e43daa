// The batch as operators run it (`npx tsx scripts/cycle.ts`, real model, real ranker) on a small seeded DATA_DIR:
// a run SIGKILLed while ranking and started again ends with exactly the summary and rows of an uninterrupted run.
// The script's --test-throttle-ms hook slows each ranking call so the kill reliably lands mid-ranking.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { cycleRuns, runProposals, runQuotas, runRankings } from '../../src/db/schema';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { seedDataDir } from '../helpers/test-runtime';
import { demoData } from './fixtures';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const config = loadConfig({});
const modelInstalled = existsSync(join(config.modelDir, config.embedModel));

type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function startCycle(dataDir: string, args: string[]): { child: ChildProcess; done: Promise<Finished> } {
  // Own process group: npx → tsx → node, and SIGKILL must reach the node process that does the work.
  const child = spawn('npx', ['tsx', 'scripts/cycle.ts', '--cycle', DEMO_CYCLE_ID, ...args], {
    cwd: REPO,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => {
    stdout += b;
  });
  child.stderr!.on('data', (b) => {
    stderr += b;
  });
  const done = new Promise<Finished>((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })));
  return { child, done };
}

const lastJsonLine = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

function readRunTables(dataDir: string) {
  const db = openDatabase(join(dataDir, 'app.db'));
  try {
    return {
      runs: db.select().from(cycleRuns).all(),
      rankings: db.select().from(runRankings).all(),
      quotas: db.select().from(runQuotas).all(),
      proposals: db.select().from(runProposals).all(),
    };
  } finally {
    closeDatabase(db);
  }
}

describe.skipIf(!modelInstalled)('npm run cycle killed with SIGKILL and run again', () => {
  const dirs: string[] = [];
  let clean: string;
  let killed: string;

  beforeAll(async () => {
    clean = mkdtempSync(join(tmpdir(), 'cycle-cli-clean-'));
    dirs.push(clean);
    await seedDataDir(clean, demoData());
    // A dry run builds portraits, vectors and the index (the slow, model-bound part) once; both copies share them.
    const warm = await startCycle(clean, ['--dry-run']).done;
    expect(warm.code, warm.stderr).toBe(0);
    expect(readRunTables(clean).runs).toEqual([]);
    killed = mkdtempSync(join(tmpdir(), 'cycle-cli-killed-'));
    dirs.push(killed);
    cpSync(clean, killed, { recursive: true });
  }, 120_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('resumes from the checkpoints and ends with the same summary and rows as an uninterrupted run', async () => {
    const uninterrupted = await startCycle(clean, []).done;
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const expected = lastJsonLine(uninterrupted.stdout);
    expect(expected.run).toBe(`${DEMO_CYCLE_ID}-r1`);
    expect(expected.assignments.length).toBeGreaterThan(0);

    const victim = startCycle(killed, ['--test-throttle-ms', '250']);
    const db = openDatabase(join(killed, 'app.db'));
    let checkpointed: number;
    try {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        checkpointed = db.select().from(runRankings).all().length;
        if (checkpointed >= 5) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      closeDatabase(db);
    }
    process.kill(-victim.child.pid!, 'SIGKILL');
    const died = await victim.done;
    expect(died.signal).toBe('SIGKILL');
    const mid = readRunTables(killed);
    expect(mid.runs).toMatchObject([{ id: `${DEMO_CYCLE_ID}-r1`, status: 'running' }]);
    expect(mid.rankings.length).toBeGreaterThanOrEqual(5);
    expect(mid.rankings.length).toBeLessThan(expected.regions.reduce((n: number, r: { eligibleDemands: number }) => n + r.eligibleDemands, 0));
    expect(mid.proposals).toEqual([]);

    const resumed = await startCycle(killed, []).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(lastJsonLine(resumed.stdout)).toEqual(expected);

    const a = readRunTables(clean);
    const b = readRunTables(killed);
    expect(b.runs).toHaveLength(1);
    expect(b.runs[0]).toMatchObject({ status: 'completed', inputHash: a.runs[0].inputHash, summary: a.runs[0].summary });
    const byDemand = (rows: typeof a.rankings) => [...rows].sort((x, y) => (x.demandExternalId < y.demandExternalId ? -1 : 1));
    expect(byDemand(b.rankings)).toEqual(byDemand(a.rankings));
    expect(b.quotas).toEqual(a.quotas);
    expect(b.proposals).toEqual(a.proposals);
  }, 120_000);
});
