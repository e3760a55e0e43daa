// The server of `npm run bench -- soak`, in its own process (a real second writer on the database file): the
// app as src/server.ts builds it but without the matching half (the soak loads intake and reads, not the
// model), on 127.0.0.1, with the portal key's rate limit lifted. Prints {port, key} on stdout when ready.
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createCliLogger } from '../../src/shared/logger';

const config = loadConfig({ ...process.env, DEMO: 'off' });
const logger = createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'soak-server');
const runtime = createRuntime(config, { logger });
const app = await buildApp({ services: runtime.services, logger, auth: { portalRateLimit: { max: 1e9, timeWindowMs: 60_000 } } });
const { key } = runtime.services.apiKeys.create('soak', { actor: 'bench', actorRole: 'bench' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, key })}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => runtime.close())
    .then(() => process.exit(0));
});
