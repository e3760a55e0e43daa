import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import type { AuthOptions } from '../../src/auth/auth.plugin';
import type { StaffRole } from '../../src/auth/auth.types';
import { createServices, type Services } from '../../src/container';
import { createLogger } from '../../src/shared/logger';
import { createTempDb } from './temp-db';

/** Extra headers for app.inject: session cookie + CSRF token, or a bearer API key. */
export type AuthHeaders = Record<string, string>;

export const TEST_PASSWORD = 'test-password-0123456789';

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  /** The temp folder holding the database (usable as a data dir). */
  dir: string;
  cleanup: () => Promise<void>;
  /** City administrator `test-admin` (created on first use; the session is reused across calls). */
  asAdmin: () => Promise<AuthHeaders>;
  /** County reviewer `test-reviewer-<region>`. */
  asReviewer: (region?: string) => Promise<AuthHeaders>;
  /** Read-only `test-viewer`. */
  asViewer: () => Promise<AuthHeaders>;
  /** A portal API key (one per name). */
  asPortal: (name?: string) => Promise<AuthHeaders>;
  /** Creates a staff account if it does not exist yet (password TEST_PASSWORD). */
  createStaff: (username: string, role: StaffRole, region?: string | null) => Promise<void>;
  /** A fresh login (never cached), for tests that log out or inspect the response. */
  login: (username: string, password?: string) => Promise<{ headers: AuthHeaders; csrfToken: string; token: string }>;
};

/** The real app on a real temp database, for app.inject tests, with helpers for authenticated callers. */
export async function createTestApp(options: { auth?: AuthOptions } = {}): Promise<TestApp> {
  const tmp = createTempDb();
  const services = createServices(tmp.db);
  const app = await buildApp({ services, logger: createLogger('silent'), auth: options.auth });
  const cache = new Map<string, Promise<AuthHeaders>>();

  const createStaff = async (username: string, role: StaffRole, region: string | null = null) => {
    if (!services.auth.accounts.exists(username)) {
      await services.auth.accounts.createUser({ username, displayName: username, role, region, password: TEST_PASSWORD });
    }
  };

  const login = async (username: string, password = TEST_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const token = res.cookies.find((c) => c.name === 'kjfz_session')!.value;
    const csrfToken = res.json().csrfToken as string;
    return { headers: { cookie: `kjfz_session=${token}`, 'x-csrf-token': csrfToken }, csrfToken, token };
  };

  const staff = (username: string, role: StaffRole, region: string | null = null) => {
    let headers = cache.get(username);
    if (!headers) {
      headers = createStaff(username, role, region).then(() => login(username)).then((r) => r.headers);
      cache.set(username, headers);
    }
    return headers;
  };

  const asPortal = async (name = 'test-portal') => {
    let headers = cache.get(`portal:${name}`);
    if (!headers) {
      const { key } = services.auth.apiKeys.create(name, { actor: 'test', actorRole: 'test' });
      headers = Promise.resolve({ authorization: `Bearer ${key}` });
      cache.set(`portal:${name}`, headers);
    }
    return headers;
  };

  return {
    app,
    services,
    dir: tmp.dir,
    cleanup: async () => { await app.close(); tmp.cleanup(); },
    asAdmin: () => staff('test-admin', 'admin'),
    asReviewer: (region = '330302') => staff(`test-reviewer-${region}`, 'reviewer', region),
    asViewer: () => staff('test-viewer', 'viewer'),
    asPortal,
    createStaff,
    login,
  };
}
