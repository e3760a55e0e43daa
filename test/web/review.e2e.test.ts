// End to end in a real browser: Debian's Chromium driven by playwright-core against the app listening on
// 127.0.0.1. A county reviewer approves one pair, swaps one and submits; the city administrator confirms;
// the audit page shows every step.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { createRunFixture, type RunFixture } from '../review/run-fixture';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Chromium and must run this test; a developer machine without it skips with a notice.
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`[review.e2e] 跳过浏览器测试：未找到 ${CHROMIUM}（安装：apt-get install -y chromium）。CI 中不会跳过。`);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(skip)('county review in headless Chromium', () => {
  let t: TestApp;
  let f: RunFixture;
  let browser: Browser;
  let base: string;
  let shots: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = createRunFixture(t);
    await t.createStaff('reviewer-e2e', 'reviewer', f.main);
    await t.createStaff('admin-e2e', 'admin');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    shots = mkdtempSync(join(tmpdir(), 'kjfz-e2e-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    // Screenshots stay for a person to look at when KEEP_SCREENSHOTS is set.
    if (shots && !process.env.KEEP_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
  });

  async function login(page: Page, username: string) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }
  const status = (page: Page) => page.locator('#status');

  it('on a 390 px phone: cards instead of the table, no sideways scrolling, pending decisions first', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/`);
    await login(page, 'reviewer-e2e');
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/runs/${f.runId}/regions/${f.main}`);
    const width = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
    // Each demand is a card (the row and its cells stack as blocks, each cell labelled), not a table row.
    expect(
      await page
        .locator('[data-demand-row]')
        .first()
        .evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).display),
    ).toBe('block');
    const rows = await page.locator('[data-demand-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-demand-row')));
    const items = t.services.review.getRegionReview(f.runId, f.main).items;
    const rank = (id: string | null) => {
      const d = items.find((x) => x.demandId === id)!;
      return d.proposed && d.decision.status === 'pending' ? 0 : d.decision.status !== 'pending' ? 1 : d.alternates.length ? 2 : 3;
    };
    const ranks = rows.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
    await page.screenshot({ path: join(shots, 'review-phone.png'), fullPage: true });
    await context.close();
  });

  it('reviewer approves one pair, swaps one and submits; the administrator confirms; the audit log shows it all', async () => {
    const [a, b] = f.inRegion(f.main).filter((d) => d.proposed);
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // The browser logs every non-2xx fetch; the one refused swap below (409) is expected.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 409/.test(m.text())) problems.push(`console: ${m.text()}`);
    });

    // Not signed in: the dashboard sends the browser to the login page.
    await page.goto(`${base}/`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: join(shots, 'login.png') });
    await login(page, 'reviewer-e2e');
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('区县审核总览');

    await page.getByRole('link', { name: '开始审核：鹿城区' }).click();
    await page.waitForURL(`${base}/runs/${f.runId}/regions/${f.main}`);

    // Approve the first proposal.
    await page.locator(`#demand-${a.demandId}`).getByRole('button', { name: /^通过/ }).click();
    await expect.poll(() => status(page).textContent()).toContain('已通过');
    await expect.poll(() => page.locator(`#demand-${a.demandId} .badge.decision-approved`).count()).toBe(1);

    // Swap the second for an alternate.
    const rowB = page.locator(`#demand-${b.demandId}`);
    await rowB.locator('details.alternates > summary').click();
    await rowB.locator(`button[data-action="swap"][data-expert="${b.freeAlternate}"]`).click();
    await expect.poll(() => status(page).textContent()).toContain('已替换为');
    await expect.poll(() => page.locator(`#demand-${b.demandId} .badge.decision-swapped`).count()).toBe(1);
    await page.screenshot({ path: join(shots, 'review-reviewer.png'), fullPage: true });
    // Every form control has a label and every button a name (screen readers and voice control).
    expect(await page.locator('input').evaluateAll((els) => els.filter((e) => !(e as unknown as { labels: { length: number } | null }).labels?.length).length)).toBe(0);
    expect(await page.locator('button').evaluateAll((els) => els.filter((e) => !(e.getAttribute('aria-label') || e.textContent?.trim())).length)).toBe(0);

    // A refused swap explains itself in the live region.
    const rowUnfilled = page.locator(`#demand-${f.inRegion(f.main).find((d) => !d.proposed && d.freeAlternate)!.demandId}`);
    await rowUnfilled.locator('details.alternates > summary').click();
    await rowUnfilled.locator('button[data-action="swap"]').first().click();
    await expect.poll(() => status(page).textContent()).toContain('名额');
    await page.screenshot({ path: join(shots, 'refused-swap.png') });

    await page.getByRole('button', { name: '提交本区县审核结果' }).click();
    await expect.poll(() => status(page).textContent()).toContain('已提交');
    await expect.poll(() => page.locator('.badge.region-submitted').count()).toBe(1);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    // The city administrator confirms.
    await login(page, 'admin-e2e');
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.locator('svg[role="img"] title').textContent()).toBe('各区县名额与需求数');
    await page.screenshot({ path: join(shots, 'dashboard-admin.png'), fullPage: true });
    await page.getByRole('link', { name: '确认或退回：鹿城区' }).click();
    await page.getByRole('button', { name: '确认审核结果' }).click();
    await expect.poll(() => status(page).textContent()).toContain('已确认');
    await expect.poll(() => page.locator('.badge.region-confirmed').count()).toBe(1);

    // The audit page lists every step, newest first.
    await page.getByRole('link', { name: '审核记录' }).click();
    await page.waitForURL(/\/audit$/);
    const actions = await page.locator('table.audit tbody tr td:nth-child(3)').allTextContents();
    expect(actions).toEqual(['市级确认', '提交区县审核结果', '替换专家', '通过推荐']);
    const actors = await page.locator('table.audit tbody tr th').allTextContents();
    expect(actors).toEqual(['admin-e2e 市级管理员', 'reviewer-e2e 区县审核员', 'reviewer-e2e 区县审核员', 'reviewer-e2e 区县审核员']);
    await page.screenshot({ path: join(shots, 'audit-admin.png'), fullPage: true });

    expect(t.services.review.listRegions(f.runId, f.main).items[0]).toMatchObject({ status: 'confirmed', approved: 1, swapped: 1 });
    expect(problems).toEqual([]);
    console.info(`[review.e2e] screenshots: ${shots}`);
    await context.close();
  });
});
