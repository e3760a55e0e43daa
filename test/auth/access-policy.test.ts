import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, isPublicRoute, isWriteRoute } from '../../src/auth/access.policy';
import type { Principal } from '../../src/auth/auth.types';
import { createTestApp, type TestApp } from '../helpers/test-app';

const staff = (role: 'admin' | 'reviewer' | 'viewer'): Principal => ({ kind: 'staff', userId: 1, username: role, role, region: role === 'reviewer' ? '330302' : null });
const portal: Principal = { kind: 'portal', keyId: 'abc', name: 'p', scopes: ['match', 'intake', 'participants'], regions: null };

describe('access policy', () => {
  it('matches public routes by pattern and method only', () => {
    expect(isPublicRoute('GET', '/healthz')).toBe(true);
    expect(isPublicRoute('HEAD', '/readyz')).toBe(true);
    expect(isPublicRoute('GET', '/docs/json')).toBe(true);
    expect(isPublicRoute('POST', '/v1/auth/login')).toBe(true);
    expect(isPublicRoute('POST', '/docs/json')).toBe(false);
    expect(isPublicRoute('GET', '/docsx')).toBe(false);
    expect(isPublicRoute('POST', '/healthz')).toBe(false);
    expect(isPublicRoute('GET', '/v1/auth/me')).toBe(false);
  });

  it('derives writes from the method unless the route says a POST changes nothing', () => {
    expect(isWriteRoute('POST', { portal: true })).toBe(true);
    expect(isWriteRoute('POST', { portal: true, write: false })).toBe(false);
    expect(isWriteRoute('GET', {})).toBe(false);
    expect(isWriteRoute('DELETE', undefined)).toBe(true);
  });

  it('admits only what a declaration lists, and never a viewer on a write', () => {
    const refused = (fn: () => void, code: string) => expect(fn).toThrow(expect.objectContaining({ statusCode: 403, code }));
    refused(() => authorize(undefined, staff('admin'), 'GET'), 'ACCESS_UNDECLARED');
    refused(() => authorize({}, staff('admin'), 'GET'), 'FORBIDDEN');
    refused(() => authorize({ staff: ['admin'] }, portal, 'GET'), 'FORBIDDEN');
    refused(() => authorize({ portal: true }, staff('admin'), 'POST'), 'FORBIDDEN');
    refused(() => authorize({ staff: ['admin', 'viewer'] }, staff('viewer'), 'PUT'), 'FORBIDDEN');
    expect(() => authorize({ staff: ['viewer'], write: false }, staff('viewer'), 'POST')).not.toThrow();
    expect(() => authorize({ staff: ['admin'], portal: true }, portal, 'POST')).not.toThrow();
    expect(() => authorize({ staff: ['reviewer'] }, staff('reviewer'), 'PUT')).not.toThrow();
  });
});

describe('a route that forgets its access declaration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Registered like any feature route, but without `config: { access }`.
    t.app.get('/v1/forgotten', async () => ({ secret: 'leaked' }));
    t.app.post('/v1/forgotten', async () => ({ secret: 'leaked' }));
  });
  afterAll(async () => t.cleanup());

  it('is refused to everyone, the administrator included (fails closed)', async () => {
    for (const headers of [await t.asAdmin(), await t.asPortal(), await t.asReviewer()]) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await t.app.inject({ method, url: '/v1/forgotten', headers });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('ACCESS_UNDECLARED');
        expect(res.body).not.toContain('leaked');
      }
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/forgotten' })).statusCode).toBe(401);
  });
});
