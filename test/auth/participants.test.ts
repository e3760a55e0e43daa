import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';

let t: TestApp;
const OWN = '330302';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => t.cleanup());

const enterpriseIn = (own: boolean) => t.demo!.enterprises.find((e) => (e.region === OWN) === own)!;
const expertWithRegion = () => t.demo!.experts.find((x) => x.region)!;
const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/participants/me', headers });
const invite = async (headers: Record<string, string>, side: 'enterprise' | 'expert', key: string) =>
  t.app.inject({ method: 'POST', url: '/v1/participant-invitations', headers, payload: { side, key } });
const lastAudit = (action: string) => t.services.auth.audit.list({ limit: 500, offset: 0 }).filter((e) => e.action === action)[0];

describe('participants: own sessions and portals acting for them', () => {
  it('gives an enterprise user a real session that reaches participant routes and nothing staff-only', async () => {
    const e = enterpriseIn(true);
    const headers = await t.asEnterprise(e.creditCode);
    const res = await me(headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ side: 'enterprise', enterpriseCreditCode: e.creditCode, regionCode: e.region, via: null });
    expect((await t.app.inject({ method: 'GET', url: '/v1/experts', headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/participant-accounts', headers })).statusCode).toBe(403);
  });

  it('gives an expert user a session too', async () => {
    const x = expertWithRegion();
    const res = await me(await t.asExpert(x.externalId));
    expect(res.json()).toMatchObject({ side: 'expert', expertExternalId: x.externalId, enterpriseCreditCode: null });
  });

  it('lets a portal with the participants scope act for an enterprise, audited via the portal', async () => {
    const e = enterpriseIn(false);
    const res = await me(await t.asPortalFor('enterprise', e.creditCode));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ side: 'enterprise', enterpriseCreditCode: e.creditCode, accountId: null, via: { name: 'test-participants-portal' } });
  });

  it('refuses acting for a participant without the scope, outside the key’s regions, or for an unknown record', async () => {
    const own = enterpriseIn(true);
    const other = enterpriseIn(false);
    const matchOnly = await t.asPortal('match-only', { scopes: ['match'] });
    const countyKey = await t.asPortal('county-portal', { scopes: ['participants'], regions: [OWN] });
    const ask = async (headers: Record<string, string>, who: string) => {
      const res = await me({ ...headers, 'x-participant': who });
      return `${res.statusCode} ${res.statusCode === 200 ? '' : res.json().code}`.trim();
    };
    expect({
      noScope: await ask(matchOnly, `enterprise:${own.creditCode}`),
      ownRegion: await ask(countyKey, `enterprise:${own.creditCode}`),
      otherRegion: await ask(countyKey, `enterprise:${other.creditCode}`),
      unknown: await ask(countyKey, 'enterprise:91330300MA00000000'),
      malformed: await ask(countyKey, 'someone'),
    }).toEqual({ noScope: '403 FORBIDDEN', ownRegion: '200', otherRegion: '403 FORBIDDEN_REGION', unknown: '404 NOT_FOUND', malformed: '400 VALIDATION_FAILED' });
  });

  it('requires the CSRF token on a participant session’s writes', async () => {
    const headers = await t.asEnterprise(enterpriseIn(true).creditCode);
    const res = await t.app.inject({ method: 'POST', url: '/v1/participants/logout', headers: { cookie: headers.cookie } });
    expect(res.json()).toMatchObject({ code: 'CSRF_FAILED' });
  });
});

describe('invitations', () => {
  it('lets a county reviewer invite only their own county’s enterprises; the link works once and is never logged', async () => {
    const reviewer = await t.asReviewer(OWN);
    expect((await invite(reviewer, 'enterprise', enterpriseIn(false).creditCode)).json()).toMatchObject({ code: 'FORBIDDEN_REGION' });
    const e = t.demo!.enterprises.filter((x) => x.region === OWN)[1];
    const res = await invite(reviewer, 'enterprise', e.creditCode);
    expect(res.statusCode).toBe(200);
    const { token, link, account } = res.json();
    expect(link).toBe(`/invite/${token}`);
    expect(JSON.stringify(t.services.auth.audit.list({ limit: 500, offset: 0 }))).not.toContain(token);
    expect(lastAudit('participant.invite')).toMatchObject({ actor: `test-reviewer-${OWN}`, entityId: String(account.id), regionCode: OWN });

    expect((await t.app.inject({ method: 'GET', url: `/v1/invitations/${token}` })).json()).toMatchObject({ side: 'enterprise', displayName: e.name });
    const weak = await t.app.inject({ method: 'POST', url: `/v1/invitations/${token}/accept`, payload: { username: 'ent-two', password: 'short' } });
    expect(weak.json()).toMatchObject({ code: 'INVALID_ACCOUNT' });
    const ok = await t.app.inject({ method: 'POST', url: `/v1/invitations/${token}/accept`, payload: { username: 'ent-two', password: TEST_PASSWORD } });
    expect(ok.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/v1/invitations/${token}/accept`, payload: { username: 'ent-two', password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(410);
    expect(lastAudit('participant.activate')).toMatchObject({ actor: `enterprise:${e.creditCode}`, after: { username: 'ent-two', activated: true } });

    const login = await t.app.inject({ method: 'POST', url: '/v1/participants/login', payload: { username: 'ent-two', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/participants/login', payload: { username: 'ent-two', password: 'wrong-password-123' } });
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('disabling an account ends its sessions; a re-invite replaces the old link and enables it again on acceptance', async () => {
    const admin = await t.asAdmin();
    const e = t.demo!.enterprises.filter((x) => x.region === OWN)[2];
    const first = (await invite(admin, 'enterprise', e.creditCode)).json();
    const second = (await invite(admin, 'enterprise', e.creditCode)).json();
    expect((await t.app.inject({ method: 'GET', url: `/v1/invitations/${first.token}` })).statusCode).toBe(410);
    const accepted = await t.app.inject({ method: 'POST', url: `/v1/invitations/${second.token}/accept`, payload: { username: 'ent-three', password: TEST_PASSWORD } });
    const cookie = `kjfz_session=${accepted.cookies.find((c) => c.name === 'kjfz_session')!.value}`;
    expect((await me({ cookie })).statusCode).toBe(200);

    const disabled = await t.app.inject({ method: 'POST', url: `/v1/participant-accounts/${second.account.id}/disable`, headers: admin });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await me({ cookie })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/v1/participants/login', payload: { username: 'ent-three', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(401);

    const third = (await invite(admin, 'enterprise', e.creditCode)).json();
    const back = await t.app.inject({ method: 'POST', url: `/v1/invitations/${third.token}/accept`, payload: { password: TEST_PASSWORD } });
    expect(back.json()).toMatchObject({ account: { username: 'ent-three', disabled: false } });
  });

  it('lists a reviewer’s own county’s accounts with the state of their invitations, never a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/participant-accounts', headers: await t.asReviewer(OWN) });
    const list = res.json() as Array<{ regionCode: string; invitations: Array<{ state: string }> }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a) => a.regionCode === OWN)).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/token/i);
    const other = await t.app.inject({ method: 'GET', url: '/v1/participant-accounts?region=330303', headers: await t.asReviewer(OWN) });
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN_REGION' });
  });
});

describe('invitation and sign-in pages (plain forms, mobile-first)', () => {
  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams(fields).toString() });

  it('shows the invitation, sets the password from the form, signs in and then refuses the used link', async () => {
    const e = t.demo!.enterprises.filter((x) => x.region === OWN)[3];
    const { token } = (await invite(await t.asAdmin(), 'enterprise', e.creditCode)).json();
    const page = await t.app.inject({ method: 'GET', url: `/invite/${token}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(e.name);
    expect(page.body).toContain('name="viewport"');
    expect((await form(`/invite/${token}`, { username: 'ent-four', password: 'short' })).body).toContain('密码长度须为');
    const done = await form(`/invite/${token}`, { username: 'ent-four', password: TEST_PASSWORD });
    expect(done.statusCode).toBe(303);
    const cookie = `kjfz_session=${done.cookies.find((c) => c.name === 'kjfz_session')!.value}`;
    expect((await me({ cookie })).json()).toMatchObject({ enterpriseCreditCode: e.creditCode });
    expect((await t.app.inject({ method: 'GET', url: `/invite/${token}`, headers: { accept: 'text/html' } })).statusCode).toBe(410);

    const bad = await form('/participant/login', { username: 'ent-four', password: 'wrong-password-000' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('用户名或密码错误');
    expect((await form('/participant/login', { username: 'ent-four', password: TEST_PASSWORD })).statusCode).toBe(303);
  });
});
