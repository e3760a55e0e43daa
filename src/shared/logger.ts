import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'kejifuzong'): Logger {
  return pino({ name, level });
}

/** Logger for CLIs: structured logs go to stderr so stdout stays machine-readable JSON. */
export function createCliLogger(level: string, name: string): Logger {
  return pino({ name, level }, pino.destination(2));
}
