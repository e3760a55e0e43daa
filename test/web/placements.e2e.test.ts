// Issue 15's done-when, in a real browser (Debian's Chromium via playwright-core) against the app on 127.0.0.1:
// one placement goes agreement upload → county filing → the expert logs service → the enterprise confirms →
// outcomes → the county grades 不合格 → the city confirms, and the next cycle run under a profile with the ban
// excludes that expert with the clause on the review page; another graded 优秀 renews without a matching round;
// a placement behind its profile's minimum shows as behind on the county dashboard with the clause.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { wenzhou2025 } from '../../src/policy/profiles/wenzhou-2025.profile';
import { createRunService, FakeRanker, pairScore } from '../cycles/fixtures';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`[placements.e2e] 跳过浏览器测试：未找到 ${CHROMIUM}。CI 中不会跳过。`);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'];
// Screenshots for a person to look at go where SHOTS_DIR says (none otherwise).
const SHOTS = process.env.SHOTS_DIR;

// The day the test runs on: the first placement's two-year term (2024–2025) has just ended, the third one's
// first service year is half gone.
const TODAY = '2026-01-05';
const NOW = `${TODAY}T02:00:00.000Z`;
const BAN_CLAUSE = { document: '聊城市“科技副总”管理办法（征求意见稿）', article: '第十七条', text: '对评定为不合格的，撤销其“科技副总”选派资格……且两年内不得再次申报' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

describe.skipIf(skip)('placements in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  let pairs: Array<{ expertId: string; expertName: string; enterprise: string; region: string; demandId: string; cycle: string }>;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, today: () => TODAY, now: () => NOW });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 20_000 });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    // Two eligible pairs in one Wenzhou county, and one in Xinxiang (whose profile renews 优秀 directly, 六(四)).
    pairs = [...findPairs(DEMO_CYCLE_ID, 2), ...findPairs('xinxiang-demo', 1)];
    pairs = [pairs[0], pairs[2], pairs[1]];
    const region = pairs[0].region;
    await t.createStaff('county-e2e', 'reviewer', region);
    await t.createStaff('city-e2e', 'admin');
    for (const p of pairs) {
      await t.asExpert(p.expertId);
      await t.asEnterprise(p.enterprise);
    }
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.cleanup();
  });

  /** `n` eligible pairs of one county of the cycle, each expert and enterprise once. */
  function findPairs(cycle: string, n: number) {
    const { policies } = t.services;
    const experts = t.repos.experts.list({ limit: 500, offset: 0 }).items;
    const demands = t.repos.demands.listByCycle(cycle);
    const counts = new Map<string, number>();
    for (const d of demands) counts.set(d.region, (counts.get(d.region) ?? 0) + 1);
    for (const [region] of [...counts].sort((a, b) => b[1] - a[1])) {
      const used = new Set<string>();
      const found: typeof pairs = [];
      for (const d of demands.filter((x) => x.region === region)) {
        if (found.length === n || used.has(d.demand.enterpriseCreditCode)) continue;
        const x = experts.find((e) => !used.has(e.externalId) && policies.checkEligibility({ cycle, expertId: e.externalId, demandId: d.demand.externalId }).status === 'eligible');
        if (!x) continue;
        used.add(x.externalId).add(d.demand.enterpriseCreditCode);
        found.push({ expertId: x.externalId, expertName: x.name, enterprise: d.demand.enterpriseCreditCode, region, demandId: d.demand.externalId, cycle });
      }
      if (found.length === n) return found;
    }
    throw new Error(`no ${n} eligible pairs in ${cycle}`);
  }

  const shoot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    await page.screenshot({ path: `${SHOTS}/i15b-${name}-${page.viewportSize()!.width}.png`, fullPage: true });
  };

  /** A signed-in browser: staff through /login, an enterprise or expert through its own sign-in page. */
  async function signIn(who: { staff: string } | { side: 'enterprise' | 'expert'; key: string }, width = 1366): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 }, ...(width < 500 ? { isMobile: true, hasTouch: true } : {}) });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => {
      throw e;
    });
    if ('staff' in who) {
      await page.goto(`${base}/login`);
      await page.getByLabel('用户名').fill(who.staff);
    } else {
      await page.goto(`${base}/participant/login`);
      const username = `p-${who.side}-${who.key}`
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '-')
        .slice(0, 64);
      await page.getByLabel('用户名').fill(username);
    }
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.getByRole('button', { name: '登录' }).click()]);
    return page;
  }

  /** Submits one action form and waits for the page to come back with its notice. */
  async function act(page: Page, form: string, fill: Record<string, string> = {}, button?: string) {
    const f = page.locator(form);
    for (const [label, value] of Object.entries(fill)) {
      const field = f.getByLabel(label, { exact: false });
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    const loaded = page.waitForEvent('load').then(() => '');
    await (button ? f.getByRole('button', { name: button, exact: true }) : f.locator('button[type="submit"]').first()).click();
    // Either the page reloads with its notice, or the form shows why the service refused.
    const refused = f
      .locator('.form-error:not(:empty)')
      .textContent()
      .catch(() => '');
    const why = await Promise.race([loaded, refused]);
    expect(why, form).toBe('');
    await expect.poll(() => page.locator('#status').textContent()).not.toBe('');
  }

  const createPlacement = async (i: number, termStart: string) => {
    const p = pairs[i];
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/placements/agreed-pairs',
      headers: await t.asReviewer(p.region),
      payload: { expertId: p.expertId, enterpriseCreditCode: p.enterprise, demandId: p.demandId, cycle: p.cycle, termStart },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as number;
  };

  it('walks a placement from the agreement to 不合格, and the next run under the ban excludes the expert citing the clause', async () => {
    const id = await createPlacement(0, '2024-01-01');
    const [county, expert, enterprise, city] = [
      await signIn({ staff: 'county-e2e' }),
      await signIn({ side: 'expert', key: pairs[0].expertId }),
      await signIn({ side: 'enterprise', key: pairs[0].enterprise }),
      await signIn({ staff: 'city-e2e' }),
    ];
    const url = `${base}/placements/${id}`;

    // The enterprise uploads the signed agreement; a wrong type and an oversized file are refused in Chinese first.
    await enterprise.goto(url);
    await expect.poll(() => enterprise.locator('#placement-state').textContent()).toBe('待备案协议');
    const upload = enterprise.locator('#form-upload-agreement');
    await upload.getByLabel('协议扫描件或照片').setInputFiles({ name: '协议.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf') });
    await upload.getByRole('button', { name: '上传协议' }).click();
    await expect.poll(() => upload.locator('.form-error').textContent()).toContain('文件类型不支持');
    await upload.getByLabel('协议扫描件或照片').setInputFiles({ name: '协议.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 0x20) });
    await upload.getByRole('button', { name: '上传协议' }).click();
    await expect.poll(() => upload.locator('.form-error').textContent()).toContain('文件过大');
    await upload.getByLabel('协议扫描件或照片').setInputFiles({ name: '三方协议.pdf', mimeType: 'application/pdf', buffer: PDF });
    await act(enterprise, '#form-upload-agreement', { 签订日期: '2023-12-28' });
    await shoot(enterprise, 'placement-enterprise');

    // The county files it.
    await county.goto(url);
    await act(county, '#form-file-agreement', {}, '备案');
    await expect.poll(() => county.locator('#placement-state').textContent()).toBe('服务中');

    // The expert logs service over the term; the enterprise confirms each entry.
    await expert.goto(url);
    for (const [date, days] of [
      ['2024-03-05', '30'],
      ['2024-09-10', '31'],
      ['2025-04-02', '30'],
    ]) {
      await act(expert, '#form-log-service', { 服务日期: date, 服务天数: days, 服务对象: '工艺部', 服务内容: `${date} 现场技术服务` });
    }
    await act(expert, '#form-record-outcome', { 成效类别: 'problem_solved', 日期: '2025-05-01', 成果名称: '注塑件翘曲', 佐证材料说明: '验收报告' });
    await shoot(expert, 'placement-expert');
    await enterprise.goto(url);
    for (let k = 0; k < 3; k++) await act(enterprise, 'tr[data-log] form[data-placement-form] >> nth=0', {}, '确认');
    expect(await enterprise.locator('.badge.log-confirmed').count()).toBe(3);

    // The enterprise assesses, the county grades 不合格 with a reason, the city confirms.
    await act(enterprise, '#form-assess', { 评价类型: 'term', 企业评价等次: '合格', 评价意见: '基本完成约定工作' });
    await county.goto(url);
    await act(county, '#form-grade', { 评定等次: '不合格', 评定理由: '三方协议约定的关键技术未解决' });
    await shoot(county, 'placement-county');
    await city.goto(url);
    await act(city, '#form-confirm-grade', {}, '确认评价');
    await expect.poll(() => city.locator('#placement-state').textContent()).toBe('已完成期满评价');
    await shoot(city, 'placement-city');

    // The next cycle run under a profile with the 不合格 ban (Liaocheng 第十七条 on the Wenzhou rules).
    const admin = await t.asAdmin();
    const banned = {
      ...wenzhou2025,
      id: 'wenzhou-ban',
      name: '温州规则加不合格两年禁选',
      rules: [...wenzhou2025.rules, { id: 'ban-failed-grade', kind: 'expert.noRecentGrade', effect: 'hard', withinYears: 2, grades: ['不合格'], clause: BAN_CLAUSE }],
    };
    const loaded = await t.app.inject({ method: 'POST', url: '/v1/policies', headers: admin, payload: banned });
    expect(loaded.statusCode, loaded.body).toBeLessThan(300);
    const first = pairs[0].expertId;
    // The banned expert scores best everywhere, so every demand's excluded list names them first.
    const ranker = new FakeRanker(t.runtime, { score: (d, x) => (x === first ? 0.99 : pairScore(d, x)) });
    const { summary } = await createRunService(t.runtime, ranker).execute({ cycleId: DEMO_CYCLE_ID, policy: 'wenzhou-ban' });
    expect(summary.assignments.map((a) => a.expertId)).not.toContain(first);
    await county.goto(`${base}/runs/${summary.run}/regions/${pairs[0].region}`);
    const excluded = county.locator('details.excluded').first();
    await excluded.locator('summary').click();
    const item = excluded.locator('li', { hasText: pairs[0].expertName }).first();
    await expect.poll(() => item.textContent()).toContain('《聊城市“科技副总”管理办法（征求意见稿）》第十七条');
  }, 240_000);

  it('renews a placement graded 优秀 without a matching round', async () => {
    const id = await createPlacement(1, '2024-01-01');
    const api = async (url: string, payload: object, as: Record<string, string>) => {
      const res = await t.app.inject({ method: 'POST', url: `/v1/placements/${id}${url}`, headers: as, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const county = await t.asReviewer(pairs[1].region);
    const enterpriseApi = await t.asEnterprise(pairs[1].enterprise);
    const upload = await t.app.inject({
      method: 'PUT',
      url: `/v1/placements/${id}/agreement?fileName=${encodeURIComponent('协议.pdf')}`,
      headers: { ...enterpriseApi, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    expect(upload.statusCode, upload.body).toBe(200);
    await api('/agreement/decision', { action: 'file' }, county);
    await api('/evaluations', { kind: 'term', grade: '优秀', comment: '成效显著' }, enterpriseApi);
    const detail = (await t.app.inject({ method: 'GET', url: `/v1/placements/${id}`, headers: county })).json();
    await api(`/evaluations/${detail.evaluations[0].id}/grade`, { grade: '优秀', reason: '解决多项关键技术难题' }, county);
    await api(`/evaluations/${detail.evaluations[0].id}/confirm`, { action: 'confirm' }, await t.asAdmin());
    const runsBefore = t.services.review.listRuns().length;

    // On the pages: the enterprise asks, the expert agrees.
    const enterprise = await signIn({ side: 'enterprise', key: pairs[1].enterprise }, 390);
    await enterprise.goto(`${base}/placements/${id}`);
    await act(enterprise, '#form-request-renewal');
    const expert = await signIn({ side: 'expert', key: pairs[1].expertId }, 390);
    await expert.goto(`${base}/placements/${id}`);
    await act(expert, '#form-accept-renewal');
    await expect.poll(() => expert.locator('#end-h + p a').getAttribute('href')).toMatch(/^\/placements\/\d+$/);
    await shoot(expert, 'placement-renewed');
    const next = (await t.app.inject({ method: 'GET', url: `/v1/placements/${id}`, headers: county })).json().renewedTo as number;
    const renewed = (await t.app.inject({ method: 'GET', url: `/v1/placements/${next}`, headers: county })).json();
    expect(renewed).toMatchObject({ origin: 'renewal', renewalOf: id, runId: null, expert: { externalId: pairs[1].expertId } });
    expect(t.services.review.listRuns().length).toBe(runsBefore);
  }, 120_000);

  it('shows a placement behind its profile’s minimum as behind on the county dashboard, with the clause', async () => {
    const id = await createPlacement(2, '2025-07-01');
    const county = await t.asReviewer(pairs[2].region);
    await t.app.inject({
      method: 'PUT',
      url: `/v1/placements/${id}/agreement?fileName=a.pdf&side=enterprise`,
      headers: { ...county, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    await t.app.inject({ method: 'POST', url: `/v1/placements/${id}/agreement/decision`, headers: county, payload: { action: 'file' } });
    for (const width of [1366, 390]) {
      const page = await signIn({ staff: 'county-e2e' }, width);
      await page.goto(`${base}/placements/dashboard`);
      const row = page.locator(`table.lagging tr[data-placement="${id}"]`);
      await expect.poll(() => row.locator('.badge').textContent()).toBe('滞后');
      expect(await row.textContent()).toContain('《温州市深化科技副总派驻工作实施方案》六(四)');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
      await shoot(page, 'dashboard-county');
      await page.goto(`${base}/placements`);
      await shoot(page, 'list-county');
    }
    const city = await signIn({ staff: 'city-e2e' });
    await city.goto(`${base}/placements/dashboard`);
    await expect.poll(() => city.locator('#chart-service-title').textContent()).toBe('各区县服务时长进度');
    await shoot(city, 'dashboard-city');
    const xlsx = await t.app.inject({ method: 'GET', url: `/v1/placement-dashboards/counties/${pairs[2].region}/export.xlsx`, headers: county });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  }, 120_000);
});
