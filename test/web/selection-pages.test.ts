import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('selection pages: who may open what', () => {
  let t: TestApp;
  let creditCode: string;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const d = t.repos.demands.listByCycle('wenzhou-demo').find((x) => x.review === 'approved' && !x.region.endsWith('00'))!;
    creditCode = d.demand.enterpriseCreditCode;
  });
  afterAll(async () => t.cleanup());
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { ...browser, ...headers } });

  it('sends a browser without a session on participant pages to the participant sign-in', async () => {
    const res = await get('/participant/talks/1');
    expect([res.statusCode, res.headers.location]).toEqual([303, '/participant/login']);
    expect((await get('/selection')).headers.location).toBe('/login?next=%2Fselection');
  });

  it('shows the enterprise its own pages with the selection script and stylesheet, and refuses the county pages', async () => {
    const ent = await t.asEnterprise(creditCode);
    const home = await get('/participant', ent);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>我的需求</h1>');
    expect(home.body).toMatch(/<script src="\/assets\/selection\.js\?v=[0-9a-f]+" defer><\/script>/);
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/assets/selection.css')).headers['content-type']).toContain('text/css');
    const county = await get('/selection', ent);
    expect(county.statusCode).toBe(403);
    expect(county.body).toContain('无权访问');
    // Somebody else's (or a missing) talk is a 404 page, never a hint that it exists.
    const missing = await get('/participant/talks/999999', ent);
    expect(missing.statusCode).toBe(404);
    // Notification links name /selection/talks/<id>: a participant is sent to their own page for it.
    expect((await get('/selection/talks/5', ent)).headers.location).toBe('/participant/talks/5');
    // Experts' pages are not the enterprise's.
    expect((await get('/participant/demands', ent)).statusCode).toBe(403);
  });

  it('refuses participant pages to staff, and shows the county reviewer the oversight and invitation pages', async () => {
    const reviewer = await t.asReviewer('330302');
    expect((await get('/participant', reviewer)).statusCode).toBe(403);
    const ov = await get('/selection', reviewer);
    expect(ov.statusCode).toBe(200);
    expect(ov.body).toContain('鹿城区双向选择与洽谈');
    expect(ov.body).toContain('href="/selection/invitations"');
    const inv = await get('/selection/invitations', reviewer);
    expect(inv.body).toContain('data-api="/v1/participant-invitations"');
    expect((await get('/selection/invitations', await t.asViewer())).statusCode).toBe(403);
  });
});
