import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import type { AuthOptions } from '../../src/auth/auth.plugin';
import type { StaffRole } from '../../src/auth/auth.types';
import type { DemoData, DemoDataOptions } from '../../src/demo/demo-data.generator';
import type { Embedder } from '../../src/embeddings/embedder.port';
import type { HybridRanker } from '../../src/ranking/hybrid-ranker.service';
import type { RetrievalService } from '../../src/retrieval/retrieval.service';
import type { Runtime, RuntimeOverrides } from '../../src/runtime';
import { createTestRuntime, silentLogger } from './test-runtime';

/** Extra headers for app.inject: session cookie + CSRF token, or a bearer API key. */
export type AuthHeaders = Record<string, string>;

export const TEST_PASSWORD = 'test-password-0123456789';

export type TestApp = {
  app: FastifyInstance;
  runtime: Runtime;
  services: Runtime['services'];
  repos: Runtime['repositories'];
  /** The raw database, for tests that inspect or damage stored rows. */
  db: Runtime['db'];
  /** The temp folder holding the database (usable as a data dir). */
  dir: string;
  demo?: DemoData;
  /** Only with `matching`: the synced retrieval state and the ranker behind POST /v1/match. */
  retrieval?: RetrievalService;
  ranker?: HybridRanker;
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

export type TestAppOptions = RuntimeOverrides & {
  auth?: AuthOptions;
  /** Seeds the demo (small by default) before the app is built. */
  demo?: DemoData | DemoDataOptions | true;
  /**
   * Registers POST /v1/match: the real retrieval (synced) and ranker over the seeded records, with this embedder
   * (the real model, or the HashingEmbedder for tests above the embedding layer).
   */
  matching?: { embedder: Embedder };
};

/** The real app on a real temp database (built by the runtime), for app.inject tests, with authenticated callers. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { auth, matching, ...rest } = options;
  const t = createTestRuntime({ ...rest, embedder: matching?.embedder ?? rest.embedder, demo: rest.demo ?? (matching ? true : undefined) });
  const { runtime } = t;
  const { services } = runtime;
  let retrieval: RetrievalService | undefined;
  let ranker: HybridRanker | undefined;
  if (matching) {
    ({ retrieval, ranker } = await runtime.matching());
    await retrieval.sync();
  }
  const app = await buildApp({ services, logger: silentLogger, auth, ranker });
  // Not ready()-ed unless matching: some tests register extra routes first (app.inject readies it).
  if (matching) await app.ready();
  const cache = new Map<string, Promise<AuthHeaders>>();

  const createStaff = async (username: string, role: StaffRole, region: string | null = null) => {
    if (!services.accounts.exists(username)) {
      await services.accounts.createUser({ username, displayName: username, role, region, password: TEST_PASSWORD });
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
      headers = createStaff(username, role, region)
        .then(() => login(username))
        .then((r) => r.headers);
      cache.set(username, headers);
    }
    return headers;
  };

  const asPortal = async (name = 'test-portal') => {
    let headers = cache.get(`portal:${name}`);
    if (!headers) {
      const { key } = services.apiKeys.create(name, { actor: 'test', actorRole: 'test' });
      headers = Promise.resolve({ authorization: `Bearer ${key}` });
      cache.set(`portal:${name}`, headers);
    }
    return headers;
  };

  return {
    app,
    runtime,
    services,
    repos: runtime.repositories,
    db: runtime.db,
    dir: t.dir,
    demo: t.demo,
    retrieval,
    ranker,
    cleanup: async () => {
      await app.close();
      await t.cleanup();
    },
    asAdmin: () => staff('test-admin', 'admin'),
    asReviewer: (region = '330302') => staff(`test-reviewer-${region}`, 'reviewer', region),
    asViewer: () => staff('test-viewer', 'viewer'),
    asPortal,
    createStaff,
    login,
  };
}
