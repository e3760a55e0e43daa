// Entry point: wires the real adapters, seeds the demo when the database is empty, and listens.
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createServices } from './container';
import { closeDatabase, openDatabase } from './db/client';
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
const db = openDatabase(config.dbFile);
const services = createServices(db);
const app = await buildApp({ services, logger });

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  try {
    await app.close();
  } finally {
    closeDatabase(db);
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
logger.info({ url: `http://${config.host}:${config.port}`, docs: `http://${config.host}:${config.port}/docs` }, 'listening');
