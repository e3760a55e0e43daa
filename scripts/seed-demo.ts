// npm run seed:demo [-- --seed N --experts N --enterprises N]
// Seeds the deterministic Wenzhou demo into DATA_DIR/app.db and prints one JSON summary line on stdout;
// exits 1 if any record was rejected, 2 on bad configuration or arguments.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';
import { generateDemoData } from '../src/demo/demo-data.generator';
import { seedReviewQueue } from '../src/demo/demo-review-queue.service';
import { seedDemoPlacements } from '../src/demo/seed-demo-placements.service';
import { seedDemo, type SeedDemoOptions } from '../src/demo/seed-demo.service';
import { createRuntime } from '../src/runtime';
import { createCliLogger } from '../src/shared/logger';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readOptions(): SeedDemoOptions {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, experts: { type: 'string' }, enterprises: { type: 'string' } } });
  const opts: SeedDemoOptions = {};
  for (const key of ['seed', 'experts', 'enterprises'] as const) {
    const raw = values[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) fail(`--${key} 应为非负整数：${raw}`);
    opts[key] = n;
  }
  return opts;
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
const opts = (() => {
  try {
    return readOptions();
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
})();

const logger = createCliLogger(config.logLevel, 'seed-demo');
const runtime = createRuntime(config, { logger });
try {
  const data = generateDemoData(opts);
  const summary = seedDemo({ intake: runtime.services.intake, transaction: runtime.transaction }, { ...opts, data });
  // A few forms waiting in 鹿城区's intake queue (submitted, returned, a duplicate expert): the county's check before matching.
  const queued = seedReviewQueue({ intake: runtime.services.intake, intakeReview: runtime.services.intakeReview, transaction: runtime.transaction }, data);
  // Placements in every state (agreement, service time, termination, grades, a renewal), once per database.
  const placements = seedDemoPlacements({ ...runtime.services.demoPlacements(), transaction: runtime.transaction }, data);
  process.stdout.write(`${JSON.stringify({ ...summary, reviewQueue: queued, placements: placements.created })}\n`);
  if (summary.rejected.length) {
    logger.error({ rejected: summary.rejected.length }, 'some demo records were rejected');
    process.exitCode = 1;
  }
} catch (err) {
  logger.error({ err }, 'demo seeding failed');
  process.exitCode = 2;
} finally {
  await runtime.close();
}
