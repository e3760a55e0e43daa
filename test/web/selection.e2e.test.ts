// Issue 14's done-when, in a real browser (Debian's Chromium via playwright-core, one browser for the file): a
// county reviewer invites an enterprise user and an expert user; in two phone contexts they accept and set
// passwords; the enterprise invites the expert from its shortlist, the expert shows interest, talk messages appear
// live on the other side without a reload, the enterprise chooses and the expert confirms; the next cycle run
// assigns that pair as fixed; another county's reviewer cannot open the talk.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`[selection.e2e] 跳过浏览器测试：未找到 ${CHROMIUM}。CI 中不会跳过。`);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Screenshots for a person to look at go where SHOTS_DIR says (none otherwise), named SHOTS_PREFIX + page.
const SHOTS = process.env.SHOTS_DIR;
const PREFIX = process.env.SHOTS_PREFIX ?? '';
const PHONE = { locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { locale: 'zh-CN', viewport: { width: 1366, height: 900 } };
const NEW_PASSWORD = 'participant-pass-0123';
// A change reaches the other side by its live event (a few round trips; the fallback would poll every 5 s).
const LIVE = { timeout: 4_000, interval: 50 };

describe.skipIf(skip)('two-way selection and one-to-one talks in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let region: string;
  let otherRegion: string;
  let demandId: string;
  let creditCode: string;
  let expertId: string;
  let expertName: string;
  const problems: string[] = [];

  const shoot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${PREFIX}${name}.png`, fullPage: true });
  };
  /** Both widths of the page currently open (phone first, then desktop), restoring the phone size. */
  const shootBoth = async (page: Page, name: string) => {
    if (!SHOTS) return;
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, `${name}-390`);
    await page.setViewportSize({ width: 1366, height: 900 });
    await shoot(page, `${name}-1366`);
    await page.setViewportSize(size);
  };
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  const status = (page: Page) => page.locator('#status');

  async function open(options: object): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    return { context, page };
  }

  async function staffLogin(page: Page, username: string, next: string) {
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}${next}`);
  }

  async function acceptInvitation(page: Page, link: string, username: string) {
    await page.goto(link);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^开通(企业|专家)用户账号$/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const name = page.getByLabel('用户名');
    if (!(await name.inputValue())) await name.fill(username);
    await page.getByLabel('密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await page.waitForURL(`${base}/participant`);
  }

  /** Marks the document; a reload or navigation loses the mark. */
  const mark = (page: Page) => page.evaluate('window.__noReload = 1');
  const stillSameDocument = (page: Page) => page.evaluate<boolean>('window.__noReload === 1');

  beforeAll(async () => {
    t = await createTestApp({ matching: { embedder: new HashingEmbedder() }, ranking: { today: () => '2026-06-30' } });
    // A demand whose shortlist has someone to invite, in a county that has a second county to compare with.
    const demands = t.repos.demands.listByCycle(DEMO_CYCLE_ID);
    const regions = [...new Set(demands.map((d) => d.region))].sort();
    for (const d of demands) {
      if (d.region.endsWith('00')) continue;
      const e = t.repos.enterprises.getByCreditCode(d.demand.enterpriseCreditCode)!;
      const party = { side: 'enterprise' as const, key: e.creditCode, displayName: e.name, regionCode: d.region, actor: { actor: 'test', actorRole: 'test' } };
      const s = await t.services.selection.shortlist(party, d.demand.externalId).catch(() => null);
      // The county's reviewer invites both, so the expert is one of the same county.
      const first = s?.candidates.find((c) => !c.paused && c.region === d.region);
      if (!first) continue;
      [region, demandId, creditCode, expertId, expertName] = [d.region, d.demand.externalId, e.creditCode, first.expertId, first.name];
      break;
    }
    expect(demandId, 'a demand with an eligible candidate').toBeDefined();
    otherRegion = regions.find((r) => r !== region && !r.endsWith('00'))!;
    await t.createStaff('sel-reviewer', 'reviewer', region);
    await t.createStaff('sel-other', 'reviewer', otherRegion);
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 20_000 });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('invitation → interest → live talk → choice → confirmation; the next run fixes the pair; another county sees nothing', async () => {
    // The county reviewer invites an enterprise user and an expert user (desktop).
    const reviewer = await open(DESKTOP);
    await staffLogin(reviewer.page, 'sel-reviewer', '/selection/invitations');
    const invite = async (side: '企业用户' | '专家用户', key: string) => {
      await reviewer.page.getByLabel(side).check();
      await reviewer.page.getByLabel('统一社会信用代码或专家编号').fill(key);
      await reviewer.page.getByRole('button', { name: '生成邀请链接' }).click();
      await expect.poll(() => reviewer.page.locator('#invite-link').inputValue()).toMatch(/\/invite\//);
      return reviewer.page.locator('#invite-link').inputValue();
    };
    const enterpriseLink = await invite('企业用户', creditCode);
    await shootBoth(reviewer.page, 'invite');
    const expertLink = await invite('专家用户', expertId);
    expect(expertLink).not.toBe(enterpriseLink);

    // Two phones accept their invitations and set passwords.
    const ent = await open(PHONE);
    await acceptInvitation(ent.page, enterpriseLink, 'ent-e2e');
    const exp = await open(PHONE);
    await acceptInvitation(exp.page, expertLink, 'exp-e2e');
    await shootBoth(ent.page, 'enterprise-home');

    // The enterprise opens its demand's shortlist and invites the expert.
    await ent.page.locator(`a[href="/participant/demands/${demandId}"]`).click();
    await ent.page.waitForURL(`${base}/participant/demands/${demandId}`);
    expect(await overflow(ent.page)).toBeLessThanOrEqual(0);
    const card = ent.page.locator(`#cand-${expertId}`);
    await card.getByRole('button', { name: `表达意向并邀请洽谈：${expertName}` }).click();
    await expect.poll(() => status(ent.page).textContent()).toContain(`已邀请${expertName}`);
    await expect.poll(() => card.textContent()).toContain('企业已邀请，待专家回应');
    // No contact details on the shortlist.
    expect(await ent.page.locator('main').textContent()).not.toMatch(/电话|邮箱/);
    await shootBoth(ent.page, 'shortlist');

    // The expert sees the invitation (and, with the in-app inbox wired, the unread count), and shows interest.
    await exp.page.reload();
    await expect.poll(() => exp.page.locator('.pnav .count').count()).toBe(1);
    await shootBoth(exp.page, 'expert-home');
    await exp.page
      .getByRole('button', { name: /^有意向，开始洽谈/ })
      .first()
      .click();
    await expect.poll(() => status(exp.page).textContent()).toContain('洽谈开始');
    await exp.page.getByRole('link', { name: '进入洽谈' }).first().click();
    await exp.page.waitForURL(/\/participant\/talks\/\d+$/);
    const talkPath = new URL(exp.page.url()).pathname;
    const talkId = Number(talkPath.split('/').pop());

    // Both sides on the talk page, live.
    await ent.page.goto(`${base}${talkPath}`);
    // Server-Sent Events from /v1/events (the page would fall back to polling without them).
    await expect.poll(() => ent.page.locator('#live').getAttribute('data-live-state')).toBe('on');
    await expect.poll(() => exp.page.locator('#live').getAttribute('data-live-state')).toBe('on');
    await mark(ent.page);
    await mark(exp.page);

    const hello = '<b>您好</b>，我们的注塑件冷却后翘曲 1.5 mm，想请您看看模流分析。';
    await ent.page.getByLabel(/^消息/).fill(hello);
    await expect.poll(() => ent.page.locator('#message-count').textContent()).toBe(`${hello.length} / 1000`);
    await ent.page.getByRole('button', { name: '发送' }).click();
    // The expert's page shows it without a reload, as text (the tags are not markup).
    await expect.poll(() => exp.page.locator('#thread .msg .text').last().textContent(), LIVE).toBe(hello);
    expect(await exp.page.locator('#thread b').count()).toBe(0);
    expect(await stillSameDocument(exp.page)).toBe(true);

    const reply = '可以，请把模具图纸和工艺参数发我，周三可以到厂里看。';
    await exp.page.getByLabel(/^消息/).fill(reply);
    await exp.page.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => ent.page.locator('#thread .msg .text').last().textContent(), LIVE).toBe(reply);
    expect(await stillSameDocument(ent.page)).toBe(true);

    // Contacts after mutual interest, on request (an audited read).
    await exp.page.getByRole('button', { name: '查看联系方式' }).click();
    await expect.poll(() => exp.page.locator('#contacts').isVisible()).toBe(true);
    expect(await overflow(exp.page)).toBeLessThanOrEqual(0);
    await shootBoth(exp.page, 'talk');

    // The enterprise chooses; the expert confirms.
    await ent.page.getByRole('button', { name: '选定该专家' }).click();
    await expect.poll(() => status(ent.page).textContent()).toContain('等待专家确认');
    await expect.poll(() => exp.page.locator('#talk-status').textContent(), LIVE).toContain('企业已选定');
    await exp.page.reload();
    await exp.page.getByRole('button', { name: '确认接受' }).click();
    await expect.poll(() => status(exp.page).textContent()).toContain('双方达成一致');
    await expect.poll(() => exp.page.locator('#talk-status').textContent()).toContain('双方已确认');

    // The inbox lists what happened.
    await ent.page.goto(`${base}/participant/inbox`);
    expect(await ent.page.locator('.inbox > li').count()).toBeGreaterThan(0);
    await shootBoth(ent.page, 'inbox');

    // The next cycle run assigns the agreed pair as fixed.
    const matching = await t.runtime.matching();
    const outcome = await matching.cycleRuns({}).execute({ cycleId: DEMO_CYCLE_ID });
    expect(outcome.summary.fixedPairs?.find((f) => f.demandId === demandId)).toMatchObject({ expertId, status: 'fixed' });
    expect(outcome.summary.assignments.find((a) => a.demandId === demandId)?.expertId).toBe(expertId);
    // The county's review page of the run shows the pair as its proposal.
    expect(t.services.review.getRegionReview(outcome.runId!, region).items.find((d) => d.demandId === demandId)?.proposed?.expertId).toBe(expertId);

    // The county reviewer reads the talk (read-only) and sees the demand agreed.
    await reviewer.page.goto(`${base}/selection`);
    await expect.poll(() => reviewer.page.locator(`tr[data-demand="${demandId}"]`).textContent()).toContain('已达成一致');
    await shootBoth(reviewer.page, 'oversight');
    await reviewer.page.locator(`tr[data-talk="${talkId}"] a`).click();
    await expect.poll(() => reviewer.page.locator('#thread .msg').count()).toBe(2);
    expect(await reviewer.page.locator('main form').count()).toBe(0);
    await shootBoth(reviewer.page, 'talk-staff');

    // Another county's reviewer cannot see the talk.
    const other = await open(DESKTOP);
    await staffLogin(other.page, 'sel-other', '/selection');
    expect(await other.page.locator(`tr[data-talk="${talkId}"]`).count()).toBe(0);
    const refused = await other.page.goto(`${base}/selection/talks/${talkId}`);
    expect([403, 404]).toContain(refused!.status());
    expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toMatch(/无权访问|页面不存在/);
    expect(await other.page.locator('body').textContent()).not.toContain(reply);
    await shoot(other.page, 'talk-other-county-1366');

    expect(problems).toEqual([]);
    for (const c of [reviewer, ent, exp, other]) await c.context.close();
  }, 120_000);
});
