import { loadConfig, ConfigError, type Config } from '../../src/config';
import { createServices, type Services } from '../../src/container';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { createCliLogger, type Logger } from '../../src/shared/logger';

/** Shared start-up of the command-line tools: config (fail fast), stderr logger, database, services. */
export function openCli(name: string): { config: Config; logger: Logger; services: Services; close: () => void } {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, name);
  const db = openDatabase(config.dbFile);
  const services = createServices(db);
  return { config, logger, services, close: () => closeDatabase(db) };
}

export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
