import { ConfigError, loadConfig, type Config } from '../../src/config';
import { userInfo } from 'node:os';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/runtime';
import { AppError } from '../../src/shared/errors';
import { createCliLogger, type Logger } from '../../src/shared/logger';

/** Shared start-up of the command-line tools: config (fail fast), stderr logger, the runtime over the database. */
export function openCli(
  name: string,
  overrides: RuntimeOverrides & { env?: Record<string, string | undefined> } = {},
): {
  config: Config;
  logger: Logger;
  runtime: Runtime;
  close: () => Promise<void>;
} {
  let config: Config;
  try {
    config = loadConfig(overrides.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = overrides.logger ?? createCliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, name);
  const runtime = createRuntime(config, { ...overrides, logger });
  return { config, logger, runtime, close: () => runtime.close() };
}

export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Changes made from the shell are audited under the operating-system account that ran them. */
export function operatorActor(): { actor: string; actorRole: string } {
  return { actor: `cli:${userInfo().username}`, actorRole: 'cli' };
}

/** Runs a command's work and closes the runtime; a refused change (AppError) exits 1 with its Chinese message. */
export async function runCommand(cli: { close: () => Promise<void> }, work: () => Promise<void> | void): Promise<void> {
  try {
    await work();
  } catch (err) {
    await cli.close();
    if (err instanceof AppError) fail(err.message, 1);
    throw err;
  }
  await cli.close();
}
