import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createRunFixture, type RunFixture } from '../review/run-fixture';

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('web pages without a run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.cleanup());

  it('serves the login page and its assets publicly, in Chinese, with a strict content security policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/login', headers: browser });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('<label for="username">用户名</label>');
    expect(res.body).toContain('<label for="password">密码</label>');
    for (const [name, type] of [
      ['app.js', 'text/javascript'],
      ['app.css', 'text/css'],
    ]) {
      const a = await t.app.inject({ method: 'GET', url: `/assets/${name}` });
      expect(a.statusCode).toBe(200);
      expect(a.headers['content-type']).toContain(type);
    }
    expect((await t.app.inject({ method: 'GET', url: '/assets/secret.txt' })).statusCode).toBe(400);
  });

  it('sends a browser without a session to the login page, and an API client a JSON 401', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/runs/r1/regions/330302', headers: browser });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fruns%2Fr1%2Fregions%2F330302');
    const stale = await t.app.inject({ method: 'GET', url: '/', headers: { ...browser, cookie: 'kjfz_session=expired' } });
    expect([stale.statusCode, stale.headers.location]).toEqual([303, '/login?next=%2F']);
    const api = await t.app.inject({ method: 'GET', url: '/' });
    expect(api.statusCode).toBe(401);
    expect(api.json().code).toBe('UNAUTHORIZED');
  });

  it('tells the administrator how to create a run when there is none', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: { ...browser, ...(await t.asAdmin()) } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('还没有已完成的匹配批次');
    expect(res.body).toContain('npm run cycle -- --cycle wenzhou-demo');
  });
});

describe('web pages over a run', () => {
  let t: TestApp;
  let f: RunFixture;
  beforeAll(async () => {
    t = await createTestApp();
    f = createRunFixture(t);
  });
  afterAll(async () => t.cleanup());

  const get = async (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers: { ...browser, ...headers } });

  it('shows the administrator every region with a chart of seats vs demands and its text alternative', async () => {
    const res = await get('/', await t.asAdmin());
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg role="img" aria-labelledby="chart-title chart-desc"');
    expect(res.body).toMatch(/<desc id="chart-desc">[^<]*鹿城区：需求 6 条，名额 2 个/);
    expect(res.body.match(/<th scope="row">/g)!.length).toBe(f.regions.length + 1);
    expect(res.body).toContain(`<meta name="csrf-token" content="`);
  });

  it('shows a county reviewer only their county, without the city chart', async () => {
    const res = await get('/', await t.asReviewer(f.main));
    expect(res.body).toContain(`/runs/${f.runId}/regions/${f.main}"`);
    expect(res.body).not.toContain(`/regions/${f.other}"`);
    expect(res.body).not.toContain('<svg');
    expect(res.body).toContain('开始审核');
  });

  it('renders the review view with decision controls for the county reviewer only', async () => {
    const own = await get(`/runs/${f.runId}/regions/${f.main}`, await t.asReviewer(f.main));
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('data-action="approve"');
    expect(own.body).toContain('data-action="swap"');
    expect(own.body).toContain('data-region-action="submit"');
    expect(own.body).toContain('<th scope="col">推荐专家</th>');
    expect(own.body).toMatch(/<details class="excluded"><summary>不符合条件而排除的专家（\d+）<\/summary>/);
    const viewer = await get(`/runs/${f.runId}/regions/${f.main}`, await t.asViewer());
    expect(viewer.statusCode).toBe(200);
    expect(viewer.body).not.toContain('data-action=');
    expect(viewer.body).not.toContain('审核记录</a>');
    const admin = await get(`/runs/${f.runId}/regions/${f.main}`, await t.asAdmin());
    expect(admin.body).not.toContain('data-action=');
    expect(admin.body).not.toContain('data-region-action="confirm"');
  });

  it('refuses another county’s review page and audit page with a Chinese error page', async () => {
    const other = await t.asReviewer(f.other);
    for (const url of [`/runs/${f.runId}/regions/${f.main}`, `/runs/${f.runId}/regions/${f.main}/audit`]) {
      const res = await get(url, other);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('无权访问其他区县的数据');
    }
    expect((await get(`/runs/${f.runId}/regions/${f.main}/audit`, await t.asViewer())).statusCode).toBe(403);
    expect((await get('/runs/no-such-run', await t.asAdmin())).statusCode).toBe(404);
  });

  it('escapes record data on the page', async () => {
    const d = f.inRegion(f.main).find((x) => x.proposed)!;
    const ent = t.repos.enterprises.getByCreditCode(d.enterprise)!;
    const id = t.repos.enterprises.findIdByCreditCode(d.enterprise)!;
    t.repos.enterprises.upsert({ ...ent, name: '<img src=x onerror=alert(1)>有限公司' });
    expect(id).toBeGreaterThan(0);
    const res = await get(`/runs/${f.runId}/regions/${f.main}`, await t.asAdmin());
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;有限公司');
    expect(res.body).not.toContain('<img src=x');
  });
});
