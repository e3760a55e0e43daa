import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';
import { silentLogger } from '../helpers/test-runtime';

let t: TestApp;
let admin: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.asAdmin();
});
afterAll(async () => t.cleanup());

const get = (url: string, headers: AuthHeaders = {}) => t.app.inject({ method: 'GET', url, headers });

describe('security headers on every response', () => {
  it('sends nosniff, frame and referrer rules and a content-security-policy on API, docs, pages, XLSX, errors and 404s', async () => {
    const responses = {
      health: await get('/healthz'),
      unauthorized: await get('/v1/experts'),
      apiOk: await get('/v1/experts', admin),
      docs: await get('/docs/'),
      docsJson: await get('/docs/json'),
      notFound: await get('/no/such/route'),
      xlsx: await get('/v1/runs/no-run/regions/330302/export.xlsx', admin),
      loginPage: await get('/login'),
    };
    for (const [name, res] of Object.entries(responses)) {
      expect({ name, nosniff: res.headers['x-content-type-options'], frame: res.headers['x-frame-options'], referrer: res.headers['referrer-policy'] }).toEqual({
        name,
        nosniff: 'nosniff',
        frame: 'DENY',
        referrer: 'same-origin',
      });
      expect(res.headers['content-security-policy'], name).toBeTruthy();
      expect(res.headers['strict-transport-security'], name).toBeUndefined();
    }
    expect(responses.apiOk.headers['content-security-policy']).toContain("default-src 'none'");
    // swagger-ui keeps its own policy (it allows its scripts), without upgrading a plain-HTTP intranet to https.
    expect(responses.docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(responses.docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('adds HSTS when the service is served over TLS', async () => {
    const app = await buildApp({ services: t.services, logger: silentLogger, security: { hsts: 'always' } });
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    } finally {
      await app.close();
    }
  });
});

describe('login redirect target in the page', () => {
  it('drops a next that a browser would turn into another site (/%09/evil.example)', async () => {
    const page = (await get('/login?next=/%09/evil.example')).body;
    expect(page).toContain('data-next="/"');
    expect((await get('/login?next=%2Fruns%2Fr1')).body).toContain('data-next="/runs/r1"');
  });
});
