import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { createServices, type Services } from '../../src/container';
import { createLogger } from '../../src/shared/logger';
import { createTempDb } from './temp-db';

/** The real app on a real temp database, for app.inject tests. */
export async function createTestApp(): Promise<{ app: FastifyInstance; services: Services; cleanup: () => Promise<void> }> {
  const tmp = createTempDb();
  const services = createServices(tmp.db);
  const app = await buildApp({ services, logger: createLogger('silent') });
  return { app, services, cleanup: async () => { await app.close(); tmp.cleanup(); } };
}
