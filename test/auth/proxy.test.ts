import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import type { AuthOptions } from '../../src/auth/auth.plugin';
import { loadConfig } from '../../src/config';
import { enterpriseRecord } from '../fixtures/records';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { silentLogger } from '../helpers/test-runtime';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** The real app as server.ts builds it behind a TLS proxy on 10.0.0.1 (TRUST_PROXY=10.0.0.1). */
async function behindProxy(auth: AuthOptions = {}) {
  t = await createTestApp();
  await t.createStaff('proxy-admin', 'admin');
  const config = loadConfig({ TRUST_PROXY: '10.0.0.1' });
  const app = await buildApp({
    services: t.services,
    logger: silentLogger,
    trustProxy: config.trustProxy,
    security: { hsts: config.cookieSecure },
    auth: { cookieSecure: config.cookieSecure, ...auth },
  });
  const fromClient = (client: string, proto = 'https') => ({ remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client, 'x-forwarded-proto': proto } });
  const login = (client: string, password = TEST_PASSWORD) => {
    const via = fromClient(client);
    return app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: via.remoteAddress, headers: via.headers, payload: { username: 'proxy-admin', password } });
  };
  return { app, login, fromClient };
}

describe('behind a TLS-terminating proxy (TRUST_PROXY, COOKIE_SECURE)', () => {
  it('parses TRUST_PROXY and refuses nonsense naming the variable', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toBe('10.0.0.1, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone!' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });

  it('sets a Secure cookie and HSTS when the proxy says https, and records the client address in the audit', async () => {
    const { app, login, fromClient } = await behindProxy();
    try {
      const res = await login('203.0.113.7');
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'kjfz_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      const token = res.cookies.find((c) => c.name === 'kjfz_session')!.value;
      const via = fromClient('203.0.113.7');
      const saved = await app.inject({
        method: 'POST',
        url: '/v1/enterprises',
        remoteAddress: via.remoteAddress,
        headers: { ...via.headers, cookie: `kjfz_session=${token}`, 'x-csrf-token': res.json().csrfToken },
        payload: enterpriseRecord(),
      });
      expect(saved.statusCode).toBe(201);
      const entries = t!.services.auth.audit.list({ limit: 10 });
      expect(entries.find((e) => e.action === 'auth.login')?.clientIp).toBe('203.0.113.7');
      expect(entries.find((e) => e.entity === 'enterprises')?.clientIp).toBe('203.0.113.7');
      // Plain http through the proxy: no Secure flag, no HSTS.
      const plain = await app.inject({ method: 'GET', url: '/healthz', ...fromClient('203.0.113.7', 'http') });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('limits login attempts per client: one client’s bad tries do not lock out another', async () => {
    const { app, login } = await behindProxy({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const attacker = [];
      for (let i = 0; i < 4; i++) attacker.push((await login('198.51.100.9', 'wrong-password-x')).statusCode);
      expect(attacker).toEqual([401, 401, 401, 429]);
      expect((await login('203.0.113.7')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('ignores X-Forwarded-* from a peer that is not the configured proxy', async () => {
    t = await createTestApp();
    const app = await buildApp({ services: t.services, logger: silentLogger, trustProxy: loadConfig({ TRUST_PROXY: '10.0.0.1' }).trustProxy });
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '192.0.2.50', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '1.2.3.4' } });
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
