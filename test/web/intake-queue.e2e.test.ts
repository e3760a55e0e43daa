// In a real browser: a demand submitted through the portal API is not matched until the county's reviewer
// approves it on the intake queue page; a returned one shows its reason to the submitter's API.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { createTestApp, TEST_PASSWORD, type AuthHeaders, type TestApp } from '../helpers/test-app';
import { createRunFixture, type RunFixture } from '../review/run-fixture';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`[intake-queue.e2e] 跳过浏览器测试：未找到 ${CHROMIUM}。CI 中不会跳过。`);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Screenshots for a person to look at go where SHOTS_DIR says (none otherwise).
const SHOTS = process.env.SHOTS_DIR;

describe.skipIf(skip)('intake queue in headless Chromium', () => {
  let t: TestApp;
  let f: RunFixture;
  let portal: AuthHeaders;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ matching: { embedder: new HashingEmbedder() }, ranking: { today: () => '2026-06-30' } });
    f = createRunFixture(t);
    await t.createStaff('intake-e2e', 'reviewer', f.main);
    portal = await t.asPortal();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 20_000 });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const enterpriseOf = () => t.demo!.enterprises.find((e) => e.region === f.main)!.creditCode;
  const demand = (externalId: string, description: string) => ({
    externalId,
    enterpriseCreditCode: enterpriseOf(),
    cycle: DEMO_CYCLE_ID,
    title: '注塑件翘曲变形控制',
    description,
    expectedField: '高分子材料',
    namedCandidates: [],
    keyCommonTech: false,
    cooperationModes: [],
    providesConditions: true,
  });
  const api = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: portal, payload });
  const shoot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  it('matches a portal demand only after the reviewer approves it on the page, and shows a return reason to the submitter', async () => {
    const long = '汽车内饰大型薄壁注塑件在冷却后翘曲变形超过 1.5 mm，影响装配，需要模流分析、冷却水路与保压工艺的优化方案。';
    expect((await api('POST', '/v1/demands', demand('E2E-D1', long))).json().review.status).toBe('submitted');
    expect((await api('POST', '/v1/demands', demand('E2E-D2', '翘曲'))).statusCode).toBe(201);
    expect((await api('POST', '/v1/match', { demandId: 'E2E-D1', top: 3 })).json().code).toBe('DEMAND_NOT_APPROVED');

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/intake`);
    await page.getByLabel('用户名').fill('intake-e2e');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/intake`);
    // Newest first: the short one was submitted last, and its too-short problem text is pointed out.
    const cards = page.locator('article.intake-item');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.nth(0).getAttribute('id')).toBe('item-demands-E2E-D2');
    expect(await cards.nth(0).locator('.flags').textContent()).toContain('技术难题描述过短');
    await shoot(page, 'queue-1366');

    // Keyboard: the first card's reason box has focus; Enter approves... of the first card, so move to the second.
    const second = page.locator('#item-demands-E2E-D1');
    await second.getByLabel(/理由/).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('已通过：E2E-D1');
    expect((await api('GET', '/v1/demands/E2E-D1/review')).json().status).toBe('approved');
    const matched = await api('POST', '/v1/match', { demandId: 'E2E-D1', top: 3 });
    expect(matched.statusCode, matched.body).toBe(200);

    // Return the short one with a reason; the submitter's API shows it.
    const first = page.locator('#item-demands-E2E-D2');
    await first.getByRole('button', { name: /^退回/ }).click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('须填写退回理由');
    await first.getByLabel(/理由/).fill('请写明翘曲量、材料与模具条件');
    await first.getByRole('button', { name: /^退回/ }).click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('已退回：E2E-D2');
    expect((await api('GET', '/v1/demands/E2E-D2/review')).json()).toMatchObject({ status: 'returned', reason: '请写明翘曲量、材料与模具条件', decidedBy: 'intake-e2e' });
    expect((await api('POST', '/v1/match', { demandId: 'E2E-D2', top: 3 })).json().code).toBe('DEMAND_NOT_APPROVED');
    await expect.poll(() => cards.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a 390 px phone without sideways scrolling, and shows a resubmission beside the approved version', async () => {
    const long = '汽车内饰大型薄壁注塑件在冷却后翘曲变形超过 1.5 mm，影响装配，需要模流分析、冷却水路与保压工艺的优化方案，并兼顾节拍。';
    expect((await api('POST', '/v1/demands', demand('E2E-D3', long))).statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: '/v1/demands/E2E-D3/approve', headers: await t.asAdmin(), payload: {} });
    const changed = await t.app.inject({ method: 'PUT', url: '/v1/demands/E2E-D3', headers: portal, payload: demand('E2E-D3', `${long}另需玻纤增强料方案。`) });
    expect(changed.json().review.status).toBe('submitted');

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login?next=/intake`);
    await page.getByLabel('用户名').fill('intake-e2e');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/intake`);
    const card = page.locator('#item-demands-E2E-D3');
    await expect.poll(() => card.locator('tr.changed').count()).toBe(1);
    expect(await card.locator('thead').textContent()).toContain('上次通过');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'queue-390');

    await page.goto(`${base}/runs/${f.runId}/regions/${f.main}`);
    await shoot(page, 'intake-review-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await shoot(page, 'intake-review-1366');
    await context.close();
  }, 60_000);
});
