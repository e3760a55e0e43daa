// The server of `npm run bench -- match` and `match-load`, in its own process so the load generator does not
// share its event loop: the app exactly as src/server.ts builds it (real model, index loaded from DATA_DIR,
// ranker warmed for the open cycle) on 127.0.0.1, except that the portal key's rate limit is lifted for the load
// test. WORKERS > 1 runs it as src/server.ts does: node:cluster workers over the same database, the first one
// alone until ready (src/http/server-cluster.adapter.ts). Prints one JSON line {port, key, pids, …} when ready.
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { announceReady, isClusterPrimary, isFirstWorker, superviseWorkers } from '../../src/http/server-cluster.adapter';
import { createRuntime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';

const config = loadConfig({ ...process.env, DEMO: 'off' });
const logger = createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'bench-server');
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (isClusterPrimary(config.workers)) {
  await superviseWorkers({
    workers: config.workers,
    logger,
    onAllReady: (infos) => print({ ...infos[0], pids: [process.pid, ...infos.map((i) => i.pid)], workers: infos, rss_mb: infos.reduce((n, i) => n + Number(i.rss_mb), 0) }),
  });
}

const runtime = createRuntime(config, { logger });
const { services } = runtime;
const t0 = performance.now();
const { retrieval, ranker } = await runtime.matching();
const synced = await retrieval.sync();
const loadS = (performance.now() - t0) / 1000;
const open = runtime.repositories.reference
  .listCycles()
  .filter((c) => c.status === 'open')
  .at(-1);
const warm = ranker.warm({ cycleId: open?.id });
const app = await buildApp({ services, logger, ranker, auth: { portalRateLimit: { max: 1e9, timeWindowMs: 60_000 } } });
// One key for the bench (any worker accepts it: keys live in the database).
const key = isFirstWorker() ? services.apiKeys.create('bench', { actor: 'bench', actorRole: 'bench' }).key : undefined;
await app.listen({ port: config.port, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const info = {
  port,
  key,
  cycle: open?.id ?? null,
  load_s: Math.round(loadS * 10) / 10,
  sync: synced,
  warm_ms: warm.ms,
  corpus: ranker.corpus.stats(),
  index: retrieval.index.stats(),
  rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
};
if (config.workers > 1) announceReady(info);
else print({ ...info, pids: [process.pid] });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
