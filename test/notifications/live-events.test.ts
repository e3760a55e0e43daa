import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';

const OWN = '330302';
let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true, liveHeartbeatMs: 30 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t.cleanup());

/** A real HTTP connection to GET /v1/events, collecting the stream's text until told to stop. */
function openStream(headers: AuthHeaders, query = '') {
  let text = '';
  let ended = false;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  let response: IncomingMessage | undefined;
  const ready = new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(`${base}/v1/events${query}`, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      response = res;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        wake();
      });
      res.on('end', () => {
        ended = true;
        wake();
      });
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
  const until = async (pred: (s: string) => boolean) => {
    while (!pred(text) && !ended) await new Promise<void>((r) => waiters.push(r));
    return text;
  };
  return { ready, until, text: () => text, ended: () => ended, close: () => response?.destroy() };
}

describe('GET /v1/events (Server-Sent Events)', () => {
  it('streams the participant’s own inbox events and heartbeats over a real connection, not another participant’s', async () => {
    const own = t.demo!.enterprises.find((e) => e.region === OWN)!;
    const other = t.demo!.enterprises.filter((e) => e.region === OWN)[1];
    const mine = openStream(await t.asEnterprise(own.creditCode));
    const theirs = openStream(await t.asEnterprise(other.creditCode));
    const res = await mine.ready;
    await theirs.ready;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    await mine.until((s) => s.includes(`channels inbox:enterprise:${own.creditCode}`));
    await theirs.until((s) => s.includes('channels'));

    t.runtime.transaction(() =>
      t.services.notifications.notify({
        type: 'talk.invited',
        regionCode: OWN,
        subject: '收到洽谈邀请',
        body: '专家邀请您洽谈',
        recipients: [{ kind: 'participant', side: 'enterprise', key: own.creditCode }],
      }),
    );
    const got = await mine.until((s) => s.includes('event: inbox'));
    expect(got).toMatch(/event: inbox\ndata: \{"channel":"inbox:enterprise:[^"]+","data":\{"eventId":"[^"]+","type":"talk.invited","subject":"收到洽谈邀请"\}\}\n\n/);
    expect(await mine.until((s) => s.includes(': heartbeat'))).toContain(': heartbeat\n\n');
    await theirs.until((s) => s.includes(': heartbeat'));
    expect(theirs.text()).not.toContain('event: inbox');
    mine.close();
    theirs.close();
  });

  it("admits another area's channel only when that area's authoriser says the caller is part of it", async () => {
    const own = t.demo!.enterprises.find((e) => e.region === OWN)!;
    const headers = await t.asEnterprise(own.creditCode);
    const refused = await fetch(`${base}/v1/events?channels=area:42`, { headers });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('FORBIDDEN');

    // As the selection service does for talk:<id> (a channel prefix of its own, since it answers every talk: channel).
    t.services.live.addAuthoriser((sub, channel) => (channel.startsWith('area:') ? channel === 'area:42' && sub.recipient === `enterprise:${own.creditCode}` : undefined));
    const stream = openStream(headers, '?channels=area:42');
    expect((await stream.ready).statusCode).toBe(200);
    await stream.until((s) => s.includes('area:42'));
    t.services.live.publish('area:42', { type: 'talk.message', data: { messageId: 1 } });
    t.services.live.publish('area:43', { type: 'talk.message', data: { messageId: 2 } });
    expect(await stream.until((s) => s.includes('event: talk.message'))).toContain('"channel":"area:42","data":{"messageId":1}');
    expect(stream.text()).not.toContain('area:43');
    stream.close();

    const reviewer = await fetch(`${base}/v1/events?channels=area:42`, { headers: await t.asReviewer(OWN) });
    expect(reviewer.status).toBe(403);
    expect((await fetch(`${base}/v1/events`, { headers: await t.asPortal() })).status).toBe(403);
    expect((await fetch(`${base}/v1/events`)).status).toBe(401);
  });

  it('ends open streams cleanly when the app closes', async () => {
    const stream = openStream(await t.asAdmin());
    await stream.ready;
    await stream.until((s) => s.includes('channels inbox:staff:'));
    expect(t.services.live.size()).toBeGreaterThan(0);
    await t.app.close();
    await stream.until(() => false);
    expect(stream.ended()).toBe(true);
    expect(t.services.live.size()).toBe(0);
  });
});
