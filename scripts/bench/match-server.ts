// The server of `npm run bench -- match`, in its own process so the load generator does not share its event
// loop: the app exactly as src/server.ts builds it (real model, index loaded from DATA_DIR, ranker warmed for the
// open cycle) on 127.0.0.1, except that the portal key's rate limit is lifted for the load test. Prints one JSON
// line {port, key, …} on stdout when ready.
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';

const config = loadConfig({ ...process.env, DEMO: 'off' });
const logger = createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'bench-server');
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
const { key } = services.apiKeys.create('bench', { actor: 'bench', actorRole: 'bench' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(
  `${JSON.stringify({
    port,
    key,
    cycle: open?.id ?? null,
    load_s: Math.round(loadS * 10) / 10,
    sync: synced,
    warm_ms: warm.ms,
    corpus: ranker.corpus.stats(),
    index: retrieval.index.stats(),
    rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
  })}\n`,
);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
