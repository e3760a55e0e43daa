// Entry point: builds the runtime (src/runtime.ts), seeds the demo when the database is empty, and listens.
import { buildApp } from './app';
import { describeDemoAccounts, ensureDemoAccounts } from './auth/demo-accounts.service';
import { ConfigError, loadConfig, type Config } from './config';
import { DEMO_CYCLE_ID } from './demo/demo-data.generator';
import { seedDemoIfEmpty } from './demo/seed-demo.service';
import type { ProgressTask } from './cycles/progress.port';
import { createTerminalProgress } from './cycles/terminal-progress.adapter';
import type { StartupProgress } from './http/health.routes';
import { createRuntime } from './runtime';
import { createLogger } from './shared/logger';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const runtime = createRuntime(config, { logger });
const { services, repositories: repos } = runtime;

const seeded = seedDemoIfEmpty({ intake: services.intake, transaction: runtime.transaction, counts: repos }, config.demo);
if (seeded) logger.info({ experts: seeded.experts, enterprises: seeded.enterprises, demands: seeded.demands, ms: seeded.durationMs }, 'demo data seeded');
// config.demo is 'off' in production whatever DEMO says (src/config.ts), so no demo account is made there.
const demoMode = config.demo === 'on' || (config.demo === 'auto' && repos.reference.getCycle(DEMO_CYCLE_ID) !== undefined);
const demoAccounts = demoMode
  ? await ensureDemoAccounts(
      services,
      repos.reference.listRegions().filter((r) => r.level === 'county' && r.parentCode === '330300'),
      { dataDir: config.dataDir },
    )
  : [];

// A missing or corrupt model disables matching only: intake, review, audit and the pages do not need it.
const matching = await runtime.matching().catch((err: Error) => {
  logger.error({ err, modelDir: config.modelDir }, 'embedding model missing or corrupt: matching is disabled until `npm run setup` and a restart');
  return { modelError: err.message };
});
const modelError = 'modelError' in matching ? matching.modelError : undefined;
const { retrieval, ranker } = 'modelError' in matching ? { retrieval: undefined, ranker: undefined } : matching;
const readiness = { synced: false, error: modelError, progress: undefined as StartupProgress | undefined };
const app = await buildApp({
  services,
  logger,
  ranker,
  matchingUnavailable: modelError,
  trustProxy: config.trustProxy,
  security: { hsts: config.cookieSecure },
  auth: { cookieSecure: config.cookieSecure },
  readiness: () => ({
    ready: readiness.synced,
    checks: {
      database: 'ok',
      model: modelError ? `missing: ${modelError} (run npm run setup)` : 'ok',
      index: readiness.synced ? 'ok' : readiness.error ? `failed: ${readiness.error}` : 'building',
    },
    progress: readiness.synced ? undefined : readiness.progress,
  }),
});

// Portal webhooks are delivered by the server only (CLIs write outbox rows; the next server run sends them).
runtime.webhookDelivery.start();

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  try {
    await app.close();
  } finally {
    await runtime.close();
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
// Portraits, vectors and the index catch up with the database after we listen, so /healthz answers at
// once and /readyz says when matching is ready; an unchanged database re-embeds nothing.
// A first start embeds every evidence text (minutes): a bar with count and ETA on a terminal, a structured
// line every few seconds otherwise, and the same figures on /readyz.
const startupProgress = createTerminalProgress({ stream: process.stderr, logger, logIntervalMs: 5000 });
let startupTask: { stage: string; task: ProgressTask } | undefined;
retrieval
  ?.sync({
    onProgress: (p) => {
      readiness.progress = p;
      if (startupTask?.stage !== p.stage) {
        startupTask?.task.finish();
        startupTask = { stage: p.stage, task: startupProgress.start(`start-up: ${p.stage}`, p.total) };
      }
      startupTask.task.update(p.done, p.total);
    },
  })
  .then((r) => {
    startupTask?.task.finish();
    logger.info({ ...r }, 'retrieval index ready');
    // The lexical index and the open cycle's eligibility are built before /readyz says ready, so the first
    // match does not pay for them.
    const open = repos.reference
      .listCycles()
      .filter((c) => c.status === 'open')
      .at(-1);
    const warmed = ranker!.warm({ cycleId: open?.id });
    logger.info({ ...warmed, cycle: open?.id ?? null, ...ranker!.corpus.stats() }, 'ranking ready');
    readiness.synced = true;
  })
  .catch((err: Error) => {
    readiness.error = err.message;
    logger.error({ err }, 'retrieval sync failed');
  });

const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
logger.info({ url, docs: `${url}/docs` }, 'listening');
if (demoAccounts.length && !config.production) {
  // Printed for the person at the terminal (not a log line): how to get into the review page. A password is
  // shown only by the start that created it; the 0600 file keeps it.
  process.stdout.write(describeDemoAccounts(demoAccounts, { url, dataDir: config.dataDir }));
}
