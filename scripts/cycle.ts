// npm run cycle -- --cycle ID [--policy ID] [--seats N] [--dry-run]
//                  [--top 20] [--alternates 5] [--excluded 5] [--min REGION=N ...] [--max REGION=N ...]
//
// One batch run of a 科技副总 cycle: brings portraits, vectors and the HNSW index up to date (stale ones only),
// re-ranks every open demand of the cycle, shares the seats among quota units as the profile's clause says
// (Hubei 鄂经信科技〔2020〕73号 四(二): 市州, counting enterprises) or the cycle's `allocation` setting says
// (largest remainder over eligible demands or enterprises), else one pool, solves the one-to-one assignment
// exactly and stores it as a new immutable run (`<cycle>-r<N>`) for county review. --min/--max take quota
// unit codes (a county, a city, or the pool's code), as the run's summary lists them. A progress bar per long step goes to stderr
// (structured log lines when stderr is not a terminal); the last stdout line is the JSON summary.
//
// Killed at any point (even kill -9) and started again with the same input, it resumes the unfinished run
// from its per-demand checkpoints and ends with exactly the result an uninterrupted run would have had.
// --dry-run computes and prints everything but writes nothing to the run tables.
//
// Exit codes: 0 done; 1 the run failed (it can be resumed) or another run of the cycle is in progress
// (CYCLE_RUN_IN_PROGRESS: run it again once that one ended); 2 bad arguments, configuration, cycle or policy.
//
// Test hook, not for operators: --test-throttle-ms N waits N ms before each ranking call, so the kill -9 test
// (test/cycles/cycle-cli.kill.test.ts) can reliably SIGKILL the process while it is ranking.
import { parseArgs } from 'node:util';
import type { CycleRunOptions } from '../src/cycles/cycle-run.schema';
import { CycleRunError } from '../src/cycles/cycle-run.service';
import { createTerminalProgress } from '../src/cycles/terminal-progress.adapter';
import type { Ranker } from '../src/ranking/ranker.port';
import { createCliLogger } from '../src/shared/logger';
import { fail, openCli, writeJsonLine } from './lib/cli';

const USAGE = 'usage: npm run cycle -- --cycle ID [--policy ID] [--seats N] [--dry-run] [--top N] [--alternates N] [--excluded N] [--min REGION=N] [--max REGION=N]';
/** Failures that running again will not fix: exit 2. */
const INPUT_ERRORS = new Set(['INVALID_OPTIONS', 'CYCLE_NOT_FOUND', 'CYCLE_CLOSED', 'POLICY_NOT_FOUND', 'REGION_LIMIT_UNKNOWN', 'QUOTA_INVALID']);

function readArgs(): { options: CycleRunOptions; throttleMs: number } {
  const { values } = parseArgs({
    options: {
      cycle: { type: 'string' },
      policy: { type: 'string' },
      seats: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      top: { type: 'string' },
      alternates: { type: 'string' },
      excluded: { type: 'string' },
      min: { type: 'string', multiple: true },
      max: { type: 'string', multiple: true },
      'test-throttle-ms': { type: 'string' },
    },
  });
  if (!values.cycle) fail(`--cycle 为必填项\n${USAGE}`);
  const count = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) fail(`--${name} 应为非负整数：${raw}`);
    return n;
  };
  const regionLimits: Record<string, { min?: number; max?: number }> = {};
  for (const kind of ['min', 'max'] as const) {
    for (const item of values[kind] ?? []) {
      const m = /^(\d{6})=(\d+)$/.exec(item);
      if (!m) fail(`--${kind} 应为 地区代码=名额，例如 330302=2：${item}`);
      regionLimits[m[1]] = { ...regionLimits[m[1]], [kind]: Number(m[2]) };
    }
  }
  return {
    options: {
      cycleId: values.cycle,
      policy: values.policy,
      seats: count('seats', values.seats),
      dryRun: values['dry-run'],
      top: count('top', values.top),
      alternates: count('alternates', values.alternates),
      excluded: count('excluded', values.excluded),
      regionLimits,
    },
    throttleMs: count('test-throttle-ms', values['test-throttle-ms']) ?? 0,
  };
}

const { options, throttleMs } = (() => {
  try {
    return readArgs();
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
})();
const { config, logger, runtime, close } = openCli('cycle');
// Progress lines are the point of a non-interactive run's stderr, so they log at info even when the rest is quieter.
const progressLogger = createCliLogger(config.logLevel === 'silent' ? 'silent' : 'info', 'cycle');

let exitCode = 0;
const matching = await runtime.matching().catch((err: Error) => fail(err.message));
try {
  const hybrid = matching.ranker;
  const ranker: Ranker =
    throttleMs > 0
      ? {
          rank: async (q, o) => {
            await new Promise((r) => setTimeout(r, throttleMs));
            return hybrid.rank(q, o);
          },
        }
      : hybrid;
  // The shipped ranker's id (model and fusion weights) goes into the input hash: a run is only resumed by the same ranker.
  const service = matching.cycleRuns({
    ranker,
    progress: createTerminalProgress({ stream: process.stderr, logger: progressLogger }),
    logger: progressLogger,
  });
  const outcome = await service.execute(options);
  progressLogger.info(
    { run: outcome.runId, resumed: outcome.resumed, abandoned: outcome.abandoned, timings: outcome.timings },
    outcome.dryRun ? 'dry run (nothing stored)' : 'run stored',
  );
  writeJsonLine(outcome.summary);
} catch (err) {
  if (err instanceof CycleRunError) {
    process.stderr.write(`${err.code}: ${err.message}${err.details ? `\n${JSON.stringify(err.details)}` : ''}\n`);
    exitCode = INPUT_ERRORS.has(err.code) ? 2 : 1;
  } else {
    logger.error({ err }, 'cycle run failed; run the same command again to resume it');
    exitCode = 1;
  }
} finally {
  await close();
}
process.exit(exitCode);
