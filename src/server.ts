// Entry point: builds the runtime (src/runtime.ts), seeds the demo when the database is empty, and listens.
import { buildApp } from './app';
import { describeDemoAccounts, ensureDemoAccounts } from './auth/demo-accounts.service';
import { ConfigError, loadConfig, type Config } from './config';
import { DEMO_CYCLE_ID, generateDemoData } from './demo/demo-data.generator';
import { seedDemoPlacements } from './demo/seed-demo-placements.service';
import { seedDemoIfEmpty } from './demo/seed-demo.service';
import type { ProgressTask } from './cycles/progress.port';
import { createTerminalProgress } from './cycles/terminal-progress.adapter';
import { StartupState } from './http/startup-state';
import { announceReady, isClusterPrimary, superviseWorkers } from './http/server-cluster.adapter';
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
// WORKERS > 1: this process only supervises; the rest of this file runs in each worker (src/http/server-cluster.adapter.ts).
if (isClusterPrimary(config.workers)) await superviseWorkers({ workers: config.workers, logger });
// Staged start: the model runs in a worker thread, so this thread answers requests while it embeds.
const runtime = createRuntime(config, { logger, embedInWorker: config.startup === 'staged' });
const { services, repositories: repos } = runtime;

const seeded = seedDemoIfEmpty({ intake: services.intake, transaction: runtime.transaction, counts: repos }, config.demo);
if (seeded) {
  logger.info({ experts: seeded.experts, enterprises: seeded.enterprises, demands: seeded.demands, ms: seeded.durationMs }, 'demo data seeded');
  // Placements in every state, walked through the placement use-cases on the demo's calendar (once: none when some exist).
  const planted = seedDemoPlacements({ ...services.demoPlacements(), transaction: runtime.transaction }, generateDemoData());
  if (planted.created) logger.info({ placements: planted.created }, 'demo placements seeded');
}
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
const startup = new StartupState({ modelError, database: runtime.probeDatabase });
const app = await buildApp({
  services,
  logger,
  ranker,
  matchingUnavailable: modelError,
  trustProxy: config.trustProxy,
  security: { hsts: config.cookieSecure },
  auth: { cookieSecure: config.cookieSecure },
  readiness: startup.readiness,
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
// Without a model the other workers have nothing to wait for (they serve everything but matching).
if (!retrieval) announceReady();
const startupProgress = createTerminalProgress({ stream: process.stderr, logger, logIntervalMs: 5000 });
let startupTask: { stage: string; task: ProgressTask } | undefined;
// The lexical index and the open cycle's eligibility are built before /readyz says ready, so the first
// match does not pay for them.
const warmRanker = () => {
  const open = repos.reference
    .listCycles()
    .filter((c) => c.status === 'open')
    .at(-1);
  const warmed = ranker!.warm({ cycleId: open?.id });
  logger.info({ ...warmed, cycle: open?.id ?? null, ...ranker!.corpus.stats() }, 'ranking ready');
};
retrieval
  ?.sync({
    onProgress: (p) => {
      startup.progress = p;
      if (startupTask?.stage !== p.stage) {
        startupTask?.task.finish();
        startupTask = { stage: p.stage, task: startupProgress.start(`start-up: ${p.stage}`, p.total) };
      }
      startupTask.task.update(p.done, p.total);
    },
    onFirstPass:
      config.startup === 'staged'
        ? (p) => {
            warmRanker();
            startup.stage = 'first-pass';
            logger.info({ ...p, uptimeS: Math.round(process.uptime()) }, 'matching ready on the first pass (portraits); the other evidence follows');
          }
        : undefined,
  })
  .then((r) => {
    startupTask?.task.finish();
    logger.info({ ...r }, 'retrieval index ready');
    if (startup.stage === 'starting') warmRanker();
    startup.stage = 'complete';
    logger.info({ uptimeS: Math.round(process.uptime()) }, 'start-up complete');
    // The other workers start only now, over the complete index files, so they embed nothing themselves.
    announceReady();
  })
  .catch((err: Error) => {
    // A shutdown during the background fill stops the sync on purpose (src/retrieval/retrieval.service.ts).
    if (shuttingDown) return;
    startup.error = err.message;
    logger.error({ err }, 'retrieval sync failed');
    announceReady();
  });

const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
logger.info({ url, docs: `${url}/docs` }, 'listening');
if (demoAccounts.length && !config.production) {
  // Printed for the person at the terminal (not a log line): how to get into the review page. A password is
  // shown only by the start that created it; the 0600 file keeps it.
  process.stdout.write(describeDemoAccounts(demoAccounts, { url, dataDir: config.dataDir }));
}
