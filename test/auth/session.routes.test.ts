import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieOptions } from '../../src/auth/auth.plugin';
import { SessionService } from '../../src/auth/session.service';
import { SessionRepository } from '../../src/auth/session.repository';
import { sessions } from '../../src/db/schema';
import { expertRecord } from '../fixtures/records';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ auth: { loginRateLimit: { max: 5, timeWindowMs: 60_000 } } });
  await t.createStaff('alice', 'admin');
  await t.createStaff('bob', 'viewer');
  await t.createStaff('carol', 'reviewer', '330302');
  await t.createStaff('limited', 'viewer');
  // Separate accounts per test keep each under the per-username login limit.
  await t.createStaff('dave', 'admin');
  await t.createStaff('erin', 'admin');
  await t.createStaff('frank', 'viewer');
});
afterAll(async () => t.cleanup());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/auth/login', headers, payload: { username, password } });

describe('staff login, me and logout', () => {
  it('logs in, returning the user, a CSRF token and an httpOnly SameSite=Strict session cookie for path /', async () => {
    const res = await login('carol', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ username: 'carol', displayName: 'carol', role: 'reviewer', region: '330302' });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'kjfz_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 8 * 3600 });
    // Plain http here: Secure would stop the browser from ever sending it back.
    expect(cookie.secure).toBeUndefined();
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when the request came over https', () => {
    expect(sessionCookieOptions({ protocol: 'https' })).toEqual({ httpOnly: true, sameSite: 'strict', secure: true, path: '/' });
    expect(sessionCookieOptions({ protocol: 'http' }).secure).toBe(false);
  });

  it('stores only the sha256 of the session token, never the token itself', async () => {
    const { token } = await t.login('alice');
    const rows = t.db.select().from(sessions).all();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it('answers the same 401 for an unknown user and a wrong password, revealing nothing', async () => {
    const unknown = await login('nobody-here', 'whatever-password');
    const wrong = await login('bob', 'wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('tells the logged-in user who they are and repeats the CSRF token', async () => {
    const s = await t.login('bob');
    const me = await t.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie: s.headers.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'bob', role: 'viewer', region: null }, csrfToken: s.csrfToken });
  });

  it('logs out: the session ends server-side, the cookie is cleared and the old cookie no longer works', async () => {
    const s = await t.login('bob');
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'kjfz_session')!;
    expect(cleared.value).toBe('');
    expect(cleared.maxAge).toBe(0);
    const me = await t.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie: s.headers.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('answers 401 to a forged or garbage session cookie', async () => {
    for (const cookie of ['kjfz_session=forged', 'kjfz_session=', `kjfz_session=${'x'.repeat(500)}`]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('replaces the session at login instead of adopting the cookie the browser already had', async () => {
    const first = await t.login('erin');
    const again = await login('erin', TEST_PASSWORD, { cookie: first.headers.cookie });
    const newToken = again.cookies.find((c) => c.name === 'kjfz_session')!.value;
    expect(newToken).not.toBe(first.token);
    const old = await t.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie: first.headers.cookie } });
    expect(old.statusCode).toBe(401);
  });

  it('expires sessions after 8 hours', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const svc = new SessionService(
      {
        sessions: new SessionRepository(t.db),
        accounts: t.services.auth.accounts,
        audit: t.services.auth.audit,
      },
      { now: () => now },
    );
    const s = (await svc.login('alice', TEST_PASSWORD, { ip: '127.0.0.1' }))!;
    now += 8 * 3600 * 1000 - 1000;
    expect(svc.resolve(s.token)?.user.username).toBe('alice');
    now += 2000;
    expect(svc.resolve(s.token)).toBeUndefined();
  });
});

describe('CSRF protection of session writes', () => {
  it('refuses a session write without the x-csrf-token header or with a wrong one (403 CSRF_FAILED)', async () => {
    const s = await t.login('dave');
    const missing = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: { cookie: s.headers.cookie }, payload: expertRecord() });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: { cookie: s.headers.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: expertRecord() });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('CSRF_FAILED');
    const other = await t.login('frank');
    const crossed = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: { cookie: s.headers.cookie, 'x-csrf-token': other.csrfToken }, payload: expertRecord() });
    expect(crossed.json().code).toBe('CSRF_FAILED');
    const ok = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: s.headers, payload: expertRecord() });
    expect(ok.statusCode).toBe(201);
  });

  it('requires the token on logout too, and not on reads', async () => {
    const s = await t.login('frank');
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie: s.headers.cookie } });
    expect(out.json().code).toBe('CSRF_FAILED');
    const read = await t.app.inject({ method: 'GET', url: '/v1/experts', headers: { cookie: s.headers.cookie } });
    expect(read.statusCode).toBe(200);
  });

  it('does not ask bearer API key callers for a CSRF token', async () => {
    const portal = await t.asPortal();
    const res = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: portal, payload: expertRecord({ externalId: 'EXP-CSRF' }) });
    expect(res.statusCode).toBe(201);
  });
});

describe('login rate limit', () => {
  it('answers 429 RATE_LIMITED once an IP has tried one username too often, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('limited', `wrong-${i}-password`)).statusCode).toBe(401);
    const blocked = await login('limited', TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED', message: '登录尝试过于频繁，请稍后再试' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other usernames from the same IP are unaffected by this counter.
    expect((await login('alice', TEST_PASSWORD)).statusCode).toBe(200);
  });
});
