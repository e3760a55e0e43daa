import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import type { AuthOptions } from '../../src/auth/auth.plugin';
import type { ApiKeyLimits } from '../../src/auth/api-key.service';
import type { ParticipantSide, StaffPrincipal, StaffRole } from '../../src/auth/auth.types';
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
  /** A portal API key (one per name; the limits of its first creation stick: scopes, regions, expiry). */
  asPortal: (name?: string, limits?: ApiKeyLimits) => Promise<AuthHeaders>;
  /**
   * An enterprise (credit code) or expert (external id) user with a real participant session: invited by the
   * city, the invitation accepted with TEST_PASSWORD (login name `p-<side>-<key>`), logged in. Cached per participant.
   */
  asParticipant: (side: ParticipantSide, key: string) => Promise<AuthHeaders>;
  asEnterprise: (creditCode: string) => Promise<AuthHeaders>;
  asExpert: (externalId: string) => Promise<AuthHeaders>;
  /** A portal key with the 'participants' scope acting for the participant (X-Participant header). */
  asPortalFor: (side: ParticipantSide, key: string, portalName?: string) => Promise<AuthHeaders>;
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

  const asPortal = async (name = 'test-portal', limits?: ApiKeyLimits) => {
    let headers = cache.get(`portal:${name}`);
    if (!headers) {
      const { key } = services.apiKeys.create(name, { actor: 'test', actorRole: 'test' }, limits);
      headers = Promise.resolve({ authorization: `Bearer ${key}` });
      cache.set(`portal:${name}`, headers);
    }
    return headers;
  };

  const harnessAdmin: StaffPrincipal = { kind: 'staff', userId: 0, username: 'test-harness', role: 'admin', region: null };
  const asParticipant = (side: ParticipantSide, key: string) => {
    let headers = cache.get(`participant:${side}:${key}`);
    if (!headers) {
      headers = (async () => {
        const invited = services.participantAccounts.invite(harnessAdmin, { actor: 'test', actorRole: 'test' }, side, key);
        const username = `p-${side}-${key}`
          .toLowerCase()
          .replace(/[^a-z0-9._-]/g, '-')
          .slice(0, 64);
        const res = await app.inject({ method: 'POST', url: `/v1/invitations/${invited.token}/accept`, payload: { username, password: TEST_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`accepting the invitation of ${side}:${key} failed: ${res.statusCode} ${res.body}`);
        const token = res.cookies.find((c) => c.name === 'kjfz_session')!.value;
        return { cookie: `kjfz_session=${token}`, 'x-csrf-token': res.json().csrfToken as string };
      })();
      cache.set(`participant:${side}:${key}`, headers);
    }
    return headers;
  };

  const asPortalFor = async (side: ParticipantSide, key: string, portalName = 'test-participants-portal') => ({
    ...(await asPortal(portalName)),
    'x-participant': `${side}:${key}`,
  });

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
    asParticipant,
    asEnterprise: (creditCode) => asParticipant('enterprise', creditCode),
    asExpert: (externalId) => asParticipant('expert', externalId),
    asPortalFor,
    createStaff,
    login,
  };
}
