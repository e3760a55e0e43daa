import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicRoute, isWriteRoute } from '../../src/auth/access.policy';
import { listRoutes, type RegisteredRoute } from '../../src/auth/auth.plugin';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { jurisdictionCovers, MatchDefaultsService } from '../../src/ranking/match-defaults.service';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';

let t: TestApp;
let routes: RegisteredRoute[];
let privateRoutes: RegisteredRoute[];
let as: { admin: AuthHeaders; viewer: AuthHeaders; reviewer: AuthHeaders; portal: AuthHeaders };

beforeAll(async () => {
  // With the ranker, so POST /v1/match is in the matrix: the real retrieval and ranker over the small seeded demo,
  // with the deterministic hashing embedder instead of the model (access is what is tested here).
  t = await createTestApp({ matching: { embedder: new HashingEmbedder(64) } });
  routes = listRoutes(t.app);
  privateRoutes = routes.filter((r) => !isPublicRoute(r.method, r.url));
  as = { admin: await t.asAdmin(), viewer: await t.asViewer(), reviewer: await t.asReviewer('330302'), portal: await t.asPortal() };
});
afterAll(async () => t.cleanup(), 60_000);

/** Fills path parameters so the request reaches the route; the access hook answers before validation. */
const concrete = (url: string) => url.replace(/:\w+/g, 'X').replace(/\*/g, 'x');
const call = (r: RegisteredRoute, headers: AuthHeaders = {}) =>
  t.app.inject({ method: r.method as 'GET', url: concrete(r.url), headers, ...(isWriteMethod(r.method) ? { payload: {} } : {}) });
const isWriteMethod = (m: string) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m);
const name = (r: RegisteredRoute) => `${r.method} ${r.url}`;
// Calling logout would end the shared session the later requests use; the session tests cover it. GET /v1/events
// is a stream that stays open (test/notifications/live-events.test.ts covers it over a real connection).
const keepsSession = (r: RegisteredRoute) => !['POST /v1/auth/logout', 'POST /v1/participants/logout'].includes(name(r)) && !r.url.startsWith('/v1/events');

async function statuses(list: RegisteredRoute[], headers?: AuthHeaders): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of list) out[name(r)] = (await call(r, headers)).statusCode;
  return out;
}
const all = (list: RegisteredRoute[], status: number) => Object.fromEntries(list.map((r) => [name(r), status]));

describe('route × role access matrix (every registered route)', () => {
  it('sees the application routes, HEAD twins included', () => {
    const names = routes.map(name);
    expect(names).toEqual(expect.arrayContaining(['POST /v1/experts', 'GET /v1/demands/:key', 'HEAD /v1/enterprises', 'GET /v1/audit', 'POST /v1/auth/login', 'POST /v1/match']));
    // County review (API and web pages).
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /v1/runs/:runId/regions',
        'GET /v1/runs/:runId/regions/:region/review',
        'POST /v1/runs/:runId/demands/:demandId/decision',
        'POST /v1/runs/:runId/regions/:region/submit',
        'POST /v1/runs/:runId/regions/:region/confirm',
        'POST /v1/runs/:runId/regions/:region/return',
        'GET /v1/runs/:runId/regions/:region/export.xlsx',
        'GET /v1/runs/:runId/regions/:region/audit',
        'GET /',
        'GET /login',
        'GET /assets/:name',
        'GET /runs/:runId',
        'GET /runs/:runId/regions/:region',
        'GET /runs/:runId/regions/:region/audit',
      ]),
    );
    expect(privateRoutes.length).toBeGreaterThan(15);
  });

  it('makes public only health, readiness, docs, the login pages and their assets, and the invitation link', () => {
    const publicOnes = routes.filter((r) => isPublicRoute(r.method, r.url)).map(name);
    for (const p of publicOnes) {
      expect(p).toMatch(
        /^(GET|HEAD) \/(healthz|readyz|docs.*|login|participant\/login|assets\/:name|invite\/:token|v1\/invitations\/:token)$|^POST \/(invite\/:token|participant\/login|v1\/auth\/login|v1\/participants\/login|v1\/invitations\/:token\/accept)$/,
      );
    }
    // The dashboard is not public: it needs a session like every other page.
    expect(publicOnes).not.toContain('GET /');
  });

  it('has an access declaration on every non-public route', () => {
    expect(privateRoutes.filter((r) => !r.access).map(name)).toEqual([]);
  });

  it('answers 401 to an unauthenticated caller on every non-public route', async () => {
    expect(await statuses(privateRoutes)).toEqual(all(privateRoutes, 401));
  });

  it('answers 403 to a viewer on every write', async () => {
    const writes = privateRoutes.filter((r) => isWriteRoute(r.method, r.access));
    expect(writes.length).toBeGreaterThan(5);
    expect(await statuses(writes, as.viewer)).toEqual(all(writes, 403));
  });

  it('answers 403 to a portal key on every route not declared for portals', async () => {
    const staffOnly = privateRoutes.filter((r) => !r.access?.portal);
    expect(staffOnly.map(name)).toEqual(expect.arrayContaining(['GET /v1/experts', 'GET /v1/enterprises/:key', 'GET /v1/audit', 'PUT /v1/cycles/:id']));
    expect(await statuses(staffOnly, as.portal)).toEqual(all(staffOnly, 403));
  });

  it('lets portals write intake records, read reference data and match, and nothing else', () => {
    const portalRoutes = privateRoutes
      .filter((r) => r.access?.portal)
      .map(name)
      .filter((n) => !n.startsWith('HEAD '));
    // New portal routes must be added here deliberately.
    expect(portalRoutes.sort()).toEqual(
      [
        'GET /v1/cycles',
        'GET /v1/demands/:key/review',
        'POST /v1/webhooks',
        'GET /v1/webhooks',
        'DELETE /v1/webhooks/:id',
        'GET /v1/webhooks/deliveries',
        'GET /v1/experts/:key/review',
        'GET /v1/regions',
        'POST /v1/demands/:key/withdraw',
        'POST /v1/experts/:key/withdraw',
        'POST /v1/demands',
        'POST /v1/enterprises',
        'POST /v1/experts',
        'POST /v1/match',
        'PUT /v1/demands/:key',
        'PUT /v1/enterprises/:key',
        'PUT /v1/experts/:key',
      ].sort(),
    );
  });

  it('never refuses the administrator for lack of rights on a route declared for admins', async () => {
    const forAdmin = privateRoutes.filter((r) => r.access?.staff?.includes('admin') && keepsSession(r));
    const got = await statuses(forAdmin, as.admin);
    expect(Object.entries(got).filter(([, s]) => s === 401 || s === 403)).toEqual([]);
  });

  it('admits each role where declared (no 401/403 for declared readers)', async () => {
    for (const [role, headers] of [
      ['viewer', as.viewer],
      ['reviewer', as.reviewer],
    ] as const) {
      const declared = privateRoutes.filter((r) => keepsSession(r) && r.access?.staff?.includes(role) && !(role === 'viewer' && isWriteRoute(r.method, r.access)));
      const got = await statuses(declared, headers);
      expect(Object.entries(got).filter(([, s]) => s === 401 || s === 403)).toEqual([]);
    }
  });

  it('refuses a county reviewer every run route of another county, API and pages (before the run is even looked up)', async () => {
    const regional = privateRoutes.filter((r) => r.url.includes(':region') && r.access?.staff?.includes('reviewer'));
    expect(regional.length).toBeGreaterThanOrEqual(10);
    const got: Record<string, string> = {};
    for (const r of regional) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: r.url.replace(':runId', 'run-x').replace(':region', '330303'),
        headers: as.reviewer,
        ...(isWriteMethod(r.method) ? { payload: {} } : {}),
      });
      got[name(r)] = `${res.statusCode} ${r.method === 'HEAD' ? 'FORBIDDEN_REGION' : res.json().code}`;
    }
    expect(got).toEqual(Object.fromEntries(regional.map((r) => [name(r), '403 FORBIDDEN_REGION'])));
  });

  it('offers no way to change or delete audit entries', () => {
    expect(routes.filter((r) => r.url.startsWith('/v1/audit') && !['GET', 'HEAD'].includes(r.method))).toEqual([]);
  });
});

describe('POST /v1/match in the matrix', () => {
  const match = (headers: AuthHeaders) => t.app.inject({ method: 'POST', url: '/v1/match', headers, payload: { title: '锂电池热失控', policy: 'open', top: 3 } });

  it('answers portals and city/county staff, refuses viewers and anonymous callers', async () => {
    const got = {
      anonymous: (await match({})).statusCode,
      viewer: (await match(as.viewer)).statusCode,
      portal: (await match(as.portal)).statusCode,
      reviewer: (await match(as.reviewer)).statusCode,
      admin: (await match(as.admin)).statusCode,
    };
    expect(got).toEqual({ anonymous: 401, viewer: 403, portal: 200, reviewer: 200, admin: 200 });
  });

  it('shows the excluded experts to staff only, never to a portal', async () => {
    expect((await match(as.portal)).json()).not.toHaveProperty('excluded');
    expect((await match(as.admin)).json()).toHaveProperty('excluded');
  });

  it('lets a county reviewer match only their own county’s stored demands', async () => {
    const own = t.demo!.demands.find((d) => t.demo!.enterprises.find((e) => e.creditCode === d.enterpriseCreditCode)?.region === '330302')!;
    const other = t.demo!.demands.find((d) => t.demo!.enterprises.find((e) => e.creditCode === d.enterpriseCreditCode)?.region !== '330302')!;
    const ask = (demandId: string) => t.app.inject({ method: 'POST', url: '/v1/match', headers: as.reviewer, payload: { demandId } });
    expect((await ask(own.externalId)).statusCode).toBe(200);
    expect((await ask(other.externalId)).json()).toMatchObject({ code: 'FORBIDDEN_REGION' });
  });
});

describe('region scope of POST /v1/eligibility and ad-hoc POST /v1/match', () => {
  const OWN = '330302';
  const enterpriseIn = (own: boolean) => t.demo!.enterprises.find((e) => (e.region === OWN) === own)!;
  const demandIn = (own: boolean) => t.demo!.demands.find((d) => (t.demo!.enterprises.find((e) => e.creditCode === d.enterpriseCreditCode)?.region === OWN) === own)!;
  const post = (url: string, headers: AuthHeaders, payload: object) => t.app.inject({ method: 'POST', url, headers, payload });
  const outcome = async (url: string, headers: AuthHeaders, payload: object) => {
    const res = await post(url, headers, payload);
    return res.statusCode === 200 ? 200 : `${res.statusCode} ${res.json().code}`;
  };

  it('refuses a county reviewer the eligibility of another county’s enterprise or demand, and answers their own', async () => {
    const got = {
      ownEnterprise: await outcome('/v1/eligibility', as.reviewer, { policy: 'open', enterpriseCreditCode: enterpriseIn(true).creditCode }),
      otherEnterprise: await outcome('/v1/eligibility', as.reviewer, { policy: 'open', enterpriseCreditCode: enterpriseIn(false).creditCode }),
      ownDemand: await outcome('/v1/eligibility', as.reviewer, { policy: 'open', demandId: demandIn(true).externalId }),
      otherDemand: await outcome('/v1/eligibility', as.reviewer, { policy: 'open', demandId: demandIn(false).externalId }),
      unknownEnterprise: await outcome('/v1/eligibility', as.reviewer, { policy: 'open', enterpriseCreditCode: '91330300MA00000000' }),
      // Experts are the city's shared pool: a reviewer checks any of them.
      expert: await outcome('/v1/eligibility', as.reviewer, { policy: 'open', expertId: t.demo!.experts[0].externalId }),
      adminOther: await outcome('/v1/eligibility', as.admin, { policy: 'open', enterpriseCreditCode: enterpriseIn(false).creditCode }),
      viewerOther: await outcome('/v1/eligibility', as.viewer, { policy: 'open', demandId: demandIn(false).externalId }),
    };
    expect(got).toEqual({
      ownEnterprise: 200,
      otherEnterprise: '403 FORBIDDEN_REGION',
      ownDemand: 200,
      otherDemand: '403 FORBIDDEN_REGION',
      unknownEnterprise: '404 NOT_FOUND',
      expert: 200,
      adminOther: 200,
      viewerOther: 200,
    });
  });

  it('refuses a county reviewer an ad-hoc match for another county’s enterprise or region', async () => {
    const adHoc = (extra: object) => ({ title: '锂电池热失控', policy: 'open', top: 3, ...extra });
    const other = enterpriseIn(false);
    const got = {
      ownEnterprise: await outcome('/v1/match', as.reviewer, adHoc({ enterpriseCreditCode: enterpriseIn(true).creditCode })),
      otherEnterprise: await outcome('/v1/match', as.reviewer, adHoc({ enterpriseCreditCode: other.creditCode })),
      otherRegion: await outcome('/v1/match', as.reviewer, adHoc({ region: other.region })),
      ownRegion: await outcome('/v1/match', as.reviewer, adHoc({ region: OWN })),
      adminOther: await outcome('/v1/match', as.admin, adHoc({ enterpriseCreditCode: other.creditCode })),
      portalOther: await outcome('/v1/match', as.portal, adHoc({ enterpriseCreditCode: other.creditCode })),
    };
    expect(got).toEqual({ ownEnterprise: 200, otherEnterprise: '403 FORBIDDEN_REGION', otherRegion: '403 FORBIDDEN_REGION', ownRegion: 200, adminOther: 200, portalOther: 200 });
  });
});

describe('portal key scopes, expiry and region limits', () => {
  const OWN = '330302';
  const portalRoutesOf = () => privateRoutes.filter((r) => r.access?.portal && r.method !== 'HEAD');
  const scopesOf = (r: RegisteredRoute) => (r.access?.portal === true ? 'any' : [...(r.access!.portal as readonly string[])].sort().join(','));

  it('declares on every portal route which scopes may call it', () => {
    const got = Object.fromEntries(portalRoutesOf().map((r) => [name(r), scopesOf(r)]));
    expect(got).toMatchObject({
      'POST /v1/match': 'match',
      'POST /v1/demands': 'intake',
      'PUT /v1/enterprises/:key': 'intake',
      'POST /v1/experts/:key/withdraw': 'intake',
      'GET /v1/demands/:key/review': 'intake',
      'GET /v1/regions': 'any',
      'GET /v1/cycles': 'any',
    });
  });

  it('refuses a key every route outside its scopes and admits it where declared', async () => {
    const matchOnly = await t.asPortal('scope-match', { scopes: ['match'] });
    const intakeOnly = await t.asPortal('scope-intake', { scopes: ['intake'] });
    const refusedFor = async (headers: AuthHeaders, scope: string) => {
      const outside = portalRoutesOf().filter((r) => r.access?.portal !== true && !(r.access!.portal as readonly string[]).includes(scope));
      const got = await statuses(outside, headers);
      return Object.entries(got).filter(([, s]) => s !== 403);
    };
    expect(await refusedFor(matchOnly, 'match')).toEqual([]);
    expect(await refusedFor(intakeOnly, 'intake')).toEqual([]);
    const match = (headers: AuthHeaders) => t.app.inject({ method: 'POST', url: '/v1/match', headers, payload: { title: '锂电池热失控', policy: 'open', top: 3 } });
    expect({ matchOnly: (await match(matchOnly)).statusCode, intakeOnly: (await match(intakeOnly)).statusCode }).toEqual({ matchOnly: 200, intakeOnly: 403 });
    expect((await t.app.inject({ method: 'GET', url: '/v1/regions', headers: matchOnly })).statusCode).toBe(200);
  });

  it('refuses an expired key with 401 and a revoked one too', async () => {
    const { key } = t.services.apiKeys.create('soon-expired', { actor: 'test', actorRole: 'test' }, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const headers = { authorization: `Bearer ${key}` };
    expect((await t.app.inject({ method: 'GET', url: '/v1/regions', headers })).statusCode).toBe(200);
    // The key's expiry moves into the past (as if a minute had gone by).
    t.db.$client.prepare('UPDATE api_keys SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), key.split('_')[1]);
    expect((await t.app.inject({ method: 'GET', url: '/v1/regions', headers })).statusCode).toBe(401);
    expect(() => t.services.apiKeys.create('past', { actor: 'test', actorRole: 'test' }, { expiresAt: '2020-01-01' })).toThrow(expect.objectContaining({ code: 'INVALID_EXPIRY' }));
    expect(() => t.services.apiKeys.create('bad', { actor: 'test', actorRole: 'test' }, { scopes: ['all' as 'match'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_SCOPE' }),
    );
    expect(() => t.services.apiKeys.create('bad', { actor: 'test', actorRole: 'test' }, { regions: ['330300'] })).toThrow(expect.objectContaining({ code: 'INVALID_REGION' }));
  });

  it('keeps a region-limited key to its counties’ enterprises, demands, experts and matches', async () => {
    const limited = await t.asPortal('county-only', { regions: [OWN] });
    const ownE = t.demo!.enterprises.find((e) => e.region === OWN)!;
    const otherE = t.demo!.enterprises.find((e) => e.region !== OWN)!;
    const demandOf = (own: boolean) => t.demo!.demands.find((d) => (t.demo!.enterprises.find((e) => e.creditCode === d.enterpriseCreditCode)?.region === OWN) === own)!;
    const otherExpert = t.demo!.experts.find((x) => x.region && x.region !== OWN)!;
    const outcome = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: limited, ...(payload ? { payload } : {}) });
      return res.statusCode < 300 ? 'ok' : `${res.statusCode} ${res.json().code}`;
    };
    const got = {
      ownDemandReview: await outcome('GET', `/v1/demands/${demandOf(true).externalId}/review`),
      otherDemandReview: await outcome('GET', `/v1/demands/${demandOf(false).externalId}/review`),
      otherExpertReview: await outcome('GET', `/v1/experts/${otherExpert.externalId}/review`),
      otherEnterpriseUpdate: await outcome('PUT', `/v1/enterprises/${otherE.creditCode}`, otherE),
      ownEnterpriseUpdate: await outcome('PUT', `/v1/enterprises/${ownE.creditCode}`, ownE),
      otherDemandCreate: await outcome('POST', '/v1/demands', { ...demandOf(false), externalId: 'NEW-OTHER-1' }),
      otherExpertUpdate: await outcome('PUT', `/v1/experts/${otherExpert.externalId}`, otherExpert),
      otherDemandMatch: await outcome('POST', '/v1/match', { demandId: demandOf(false).externalId }),
      ownDemandMatch: await outcome('POST', '/v1/match', { demandId: demandOf(true).externalId }),
      otherEnterpriseAdHoc: await outcome('POST', '/v1/match', { title: '锂电池热失控', policy: 'open', enterpriseCreditCode: otherE.creditCode }),
    };
    expect(got).toEqual({
      ownDemandReview: 'ok',
      otherDemandReview: '403 FORBIDDEN_REGION',
      otherExpertReview: '403 FORBIDDEN_REGION',
      otherEnterpriseUpdate: '403 FORBIDDEN_REGION',
      ownEnterpriseUpdate: 'ok',
      otherDemandCreate: '403 FORBIDDEN_REGION',
      otherExpertUpdate: '403 FORBIDDEN_REGION',
      otherDemandMatch: '403 FORBIDDEN_REGION',
      ownDemandMatch: 'ok',
      otherEnterpriseAdHoc: '403 FORBIDDEN_REGION',
    });
  });
});

describe('ad-hoc POST /v1/match without policy or cycle (portal defaults)', () => {
  const ask = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/match', headers: as.portal, payload: { title: '锂电池热失控', top: 3, ...payload } });

  it('applies the open cycle of the enterprise’s county and says so', async () => {
    const e = t.demo!.enterprises[0];
    const res = await ask({ enterpriseCreditCode: e.creditCode });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applied: { cycle: 'wenzhou-demo', profile: 'wenzhou-2025', source: 'region-cycle' }, cycle: 'wenzhou-demo' });
  });

  it('says "request" when the caller named the policy, and refuses with 400 when nothing applies', async () => {
    expect((await ask({ policy: 'open' })).json()).toMatchObject({ applied: { cycle: null, profile: 'open', source: 'request' } });
    const none = await ask({ region: '110101' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'POLICY_REQUIRED' });
    expect((await ask({})).json()).toMatchObject({ code: 'POLICY_REQUIRED' });
  });

  it('falls back to the configured default profile when the county has no open cycle', () => {
    const defaults = new MatchDefaultsService({
      cycles: t.repos.reference,
      policies: t.services.policies,
      enterpriseRegion: () => undefined,
      defaultProfile: 'open',
    });
    expect(defaults.resolve({ region: '110101' })).toEqual({ policy: 'open', applied: { cycle: null, profile: 'open', source: 'default-profile' } });
    expect(defaults.resolve({ region: '330302' })?.applied).toEqual({ cycle: 'wenzhou-demo', profile: 'wenzhou-2025', source: 'region-cycle' });
    expect(jurisdictionCovers('330300', '330302')).toBe(true);
    expect(jurisdictionCovers('420000', '420102')).toBe(true);
    expect(jurisdictionCovers('330300', '330402')).toBe(false);
  });
});

describe('participants in the matrix', () => {
  it('refuses an enterprise or expert user (own session or via a portal) every route not declared for its side, and admits the declared ones (the pages only to their own sign-in)', async () => {
    const e = t.demo!.enterprises[0];
    const x = t.demo!.experts.find((ex) => ex.region)!;
    for (const [side, headers, via] of [
      ['enterprise', await t.asEnterprise(e.creditCode), 'session'],
      ['expert', await t.asExpert(x.externalId), 'session'],
      ['enterprise', await t.asPortalFor('enterprise', e.creditCode), 'portal'],
    ] as const) {
      const closed = privateRoutes.filter((r) => !r.access?.participant?.includes(side));
      expect(Object.entries(await statuses(closed, headers)).filter(([, s]) => s !== 403)).toEqual([]);
      const declared = privateRoutes.filter((r) => r.access?.participant?.includes(side) && keepsSession(r));
      // The pages are for the participant's own sign-in; a portal acting for one uses the /v1 API.
      const pages = declared.filter((r) => !r.url.startsWith('/v1/'));
      const open = via === 'portal' ? declared.filter((r) => r.url.startsWith('/v1/')) : declared;
      expect(open.length).toBeGreaterThan(0);
      expect(Object.entries(await statuses(open, headers)).filter(([, s]) => s === 401 || s === 403)).toEqual([]);
      if (via === 'portal') {
        expect(pages.length).toBeGreaterThan(0);
        // Refused by the page (403) or already by its parameter check (400/404): never served.
        expect(Object.entries(await statuses(pages, headers)).filter(([, s]) => s < 400 || s >= 500)).toEqual([]);
      }
    }
  });
});
