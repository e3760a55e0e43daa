import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../src/notifications/notification.port';
import { backoffDelayMs } from '../../src/notifications/webhook-delivery.service';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';

const OWN = '330302';
let t: TestApp;
let server: Server;
let url: string;
/** What the loopback receiver saw, and the events it processed (by id, once). */
const seen: Array<{ headers: IncomingHttpHeaders; body: string; answered: number }> = [];
const processed = new Map<string, number>();
let failNext = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true, webhooks: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 3 } });
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const answered = failNext > 0 ? 500 : 200;
      if (failNext > 0) failNext--;
      else {
        // A receiver that keys its work on the event id processes a repeated delivery only once.
        const id = String(req.headers['x-kjfz-event-id']);
        if (!processed.has(id)) processed.set(id, processed.size + 1);
      }
      seen.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

const enterpriseIn = (own: boolean) => t.demo!.enterprises.find((e) => (e.region === OWN) === own)!;
const notify = (e: Partial<NotificationEvent> & { recipients: NotificationEvent['recipients'] }) =>
  t.runtime.transaction(() => t.services.notifications.notify({ type: 'talk.message', regionCode: OWN, subject: '新的洽谈消息', body: '企业回复了您的问题', ...e }));
const tick = () => new Promise((r) => setTimeout(r, 6));
const verify = (secret: string, h: IncomingHttpHeaders, body: string) =>
  h['x-kjfz-signature'] ===
  `sha256=${createHmac('sha256', secret)
    .update(`${String(h['x-kjfz-timestamp'])}.${body}`)
    .digest('hex')}`;

describe('portal webhooks to a real loopback receiver', () => {
  let portal: AuthHeaders;
  let secret: string;

  it('registers a receiver for a key with the participants scope and shows the secret once', async () => {
    portal = await t.asPortal('wechat-relay', { scopes: ['participants'], regions: [OWN] });
    const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: portal, payload: { url } });
    expect(res.statusCode).toBe(201);
    secret = res.json().secret;
    expect(secret).toMatch(/^whsec_/);
    const list = await t.app.inject({ method: 'GET', url: '/v1/webhooks', headers: portal });
    expect(list.json()).toEqual([expect.objectContaining({ url })]);
    expect(list.body).not.toContain(secret);
    expect(JSON.stringify(t.services.auth.audit.list({ limit: 50, offset: 0 }))).not.toContain(secret);
    const matchOnly = await t.asPortal('match-only-hooks', { scopes: ['match'] });
    expect((await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: matchOnly, payload: { url } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: portal, payload: { url: 'ftp://x' } })).json()).toMatchObject({ code: 'INVALID_WEBHOOK' });
  });

  it('signs each delivery, retries one answered 500 with the same event id, and the receiver processes it once', async () => {
    const e = enterpriseIn(true);
    failNext = 1;
    notify({ recipients: [{ kind: 'participant', side: 'enterprise', key: e.creditCode }], data: { talkId: 7 } });
    expect(await t.runtime.webhookDelivery.runOnce()).toBe(1);
    expect(seen.map((s) => s.answered)).toEqual([500]);
    const pending = (await t.app.inject({ method: 'GET', url: '/v1/webhooks/deliveries', headers: portal })).json();
    expect(pending).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastStatus: 500 })]);
    expect(Date.parse(pending[0].nextAttemptAt)).toBeGreaterThan(Date.parse(pending[0].createdAt));

    await tick();
    expect(await t.runtime.webhookDelivery.runOnce()).toBe(1);
    await tick();
    expect(await t.runtime.webhookDelivery.runOnce()).toBe(0);
    expect(seen.map((s) => s.answered)).toEqual([500, 200]);
    const [first, second] = seen;
    expect(first.headers['x-kjfz-event-id']).toBe(second.headers['x-kjfz-event-id']);
    expect(second.headers['x-kjfz-delivery-attempt']).toBe('2');
    expect(seen.every((s) => verify(secret, s.headers, s.body))).toBe(true);
    expect(verify('whsec_wrong', second.headers, second.body)).toBe(false);
    expect(JSON.parse(second.body)).toMatchObject({ type: 'talk.message', regionCode: OWN, recipients: [{ side: 'enterprise', key: e.creditCode }], data: { talkId: 7 } });
    expect([...processed.keys()]).toEqual([second.headers['x-kjfz-event-id']]);
    const done = (await t.app.inject({ method: 'GET', url: '/v1/webhooks/deliveries', headers: portal })).json();
    expect(done).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2, lastStatus: 200 })]);
  });

  it('gives up after the configured attempts with the backoff doubling up to its cap', async () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, { baseDelayMs: 1000, maxDelayMs: 5000 }))).toEqual([1000, 2000, 4000, 5000]);
    failNext = 3;
    notify({ recipients: [{ kind: 'participant', side: 'enterprise', key: enterpriseIn(true).creditCode }] });
    for (let i = 0; i < 4; i++) {
      await t.runtime.webhookDelivery.runOnce();
      await tick();
    }
    const latest = (await t.app.inject({ method: 'GET', url: '/v1/webhooks/deliveries', headers: portal })).json()[0];
    expect(latest).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500 });
  });

  it('sends nothing for another county’s events or for staff-only notices to a region-limited key', async () => {
    const before = seen.length;
    notify({ regionCode: enterpriseIn(false).region, recipients: [{ kind: 'participant', side: 'enterprise', key: enterpriseIn(false).creditCode }] });
    notify({ recipients: [{ kind: 'county', regionCode: OWN }] });
    await t.runtime.webhookDelivery.runOnce();
    expect(seen.length).toBe(before);
  });

  it('keeps each delivery’s schedule in the database, where the next run (or a restarted server) finds it', async () => {
    failNext = 0;
    notify({ recipients: [{ kind: 'participant', side: 'enterprise', key: enterpriseIn(true).creditCode }] });
    const count = processed.size;
    const due = t.repos.notifications.dueDeliveries(new Date(Date.now() + 1000).toISOString(), 10);
    expect(due).toHaveLength(1);
    await t.runtime.webhookDelivery.runOnce();
    expect(processed.size).toBe(count + 1);
  });
});

describe('in-app inbox', () => {
  it('shows each participant and reviewer only their own items, with the unread count, and marks them read', async () => {
    const own = enterpriseIn(true);
    const other = t.demo!.enterprises.filter((e) => e.region === OWN)[1];
    const reviewer = await t.asReviewer(OWN);
    const mine = await t.asEnterprise(own.creditCode);
    const theirs = await t.asEnterprise(other.creditCode);
    const inbox = async (h: AuthHeaders) => (await t.app.inject({ method: 'GET', url: '/v1/inbox', headers: h })).json();
    const before = { mine: (await inbox(mine)).unread, reviewer: (await inbox(reviewer)).unread };
    notify({
      subject: '收到洽谈邀请',
      recipients: [
        { kind: 'participant', side: 'enterprise', key: own.creditCode },
        { kind: 'county', regionCode: OWN },
      ],
      link: '/participant/talks/1',
    });
    const got = await inbox(mine);
    expect(got.unread).toBe(before.mine + 1);
    expect(got.items[0]).toMatchObject({ subject: '收到洽谈邀请', link: '/participant/talks/1', readAt: null });
    expect((await inbox(reviewer)).unread).toBe(before.reviewer + 1);
    expect((await inbox(theirs)).items.map((i: { subject: string }) => i.subject)).not.toContain('收到洽谈邀请');

    const id = got.items[0].id as number;
    expect((await t.app.inject({ method: 'POST', url: `/v1/inbox/${id}/read`, headers: theirs })).statusCode).toBe(404);
    const read = await t.app.inject({ method: 'POST', url: `/v1/inbox/${id}/read`, headers: mine });
    expect(read.json().readAt).not.toBeNull();
    expect((await inbox(mine)).unread).toBe(before.mine);
    // The same inbox through a portal acting for the enterprise.
    const via = await inbox(await t.asPortalFor('enterprise', own.creditCode));
    expect(via.items[0]).toMatchObject({ id });
    // A portal key itself has no inbox.
    expect((await t.app.inject({ method: 'GET', url: '/v1/inbox', headers: await t.asPortal() })).statusCode).toBe(403);
  });
});

describe('OpenAPI at /docs', () => {
  it('documents every new route with a Chinese summary', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const wanted = [
      ['post', '/v1/participant-invitations'],
      ['get', '/v1/participant-accounts'],
      ['post', '/v1/participant-accounts/{id}/disable'],
      ['get', '/v1/invitations/{token}'],
      ['post', '/v1/invitations/{token}/accept'],
      ['post', '/v1/participants/login'],
      ['post', '/v1/participants/logout'],
      ['get', '/v1/participants/me'],
      ['get', '/v1/inbox'],
      ['post', '/v1/inbox/{id}/read'],
      ['post', '/v1/webhooks'],
      ['get', '/v1/webhooks'],
      ['delete', '/v1/webhooks/{id}'],
      ['get', '/v1/webhooks/deliveries'],
      ['get', '/v1/events'],
    ];
    const missing = wanted.filter(([m, p]) => !/[\u4e00-\u9fff]/.test(doc.paths[p]?.[m]?.summary ?? ''));
    expect(missing).toEqual([]);
  });
});
