import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';
import { realModel } from '../helpers/test-runtime';

// The whole selection flow through the portal API (a key with the 'participants' scope acting for the enterprise
// and the expert with X-Participant), over the real model, index and database, with the portal's webhook
// receiver on loopback: every delivery is signed, and each event is processed once although the first delivery
// of every event fails.

let t: TestApp;
let server: Server;
let url: string;
const received: Array<{ headers: IncomingHttpHeaders; body: string; answered: number }> = [];
const processed = new Map<string, string>();
const failedOnce = new Set<string>();

beforeAll(async () => {
  t = await createTestApp({ matching: { embedder: await realModel() }, webhooks: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 5 } });
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const id = String(req.headers['x-kjfz-event-id']);
      // The first delivery of every event fails; the retry carries the same event id.
      const answered = failedOnce.has(id) ? 200 : 500;
      failedOnce.add(id);
      if (answered === 200 && !processed.has(id)) processed.set(id, JSON.parse(body).type as string);
      received.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}, 300_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t?.cleanup();
});

const verify = (secret: string, h: IncomingHttpHeaders, body: string) =>
  h['x-kjfz-signature'] ===
  `sha256=${createHmac('sha256', secret)
    .update(`${String(h['x-kjfz-timestamp'])}.${body}`)
    .digest('hex')}`;
const tick = () => new Promise((r) => setTimeout(r, 6));

describe('selection through the portal API', () => {
  it('runs invite → mutual interest → talk → choose → confirm, and the receiver sees each signed event once', async () => {
    const demand = t.demo!.demands.find((d) => d.requestsVicePresident !== false && t.repos.demands.getByExternalId(d.externalId)!.review === 'approved')!;
    const region = t.repos.demands.getByExternalId(demand.externalId)!.region;
    const portal = await t.asPortal('county-wechat', { scopes: ['participants'], regions: [region] });
    const hook = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: portal, payload: { url } });
    expect(hook.statusCode).toBe(201);
    const secret = hook.json().secret as string;
    const forEnterprise: AuthHeaders = { ...portal, 'x-participant': `enterprise:${demand.enterpriseCreditCode}` };
    const call = (method: 'GET' | 'POST', path: string, headers: AuthHeaders, payload?: object) => t.app.inject({ method, url: path, headers, ...(payload ? { payload } : {}) });

    const list = await call('GET', `/v1/selection/demands/${demand.externalId}/shortlist`, forEnterprise);
    expect(list.statusCode).toBe(200);
    const expertId = list.json().candidates[0].expertId as string;
    const expertRegion = t.repos.experts.getByExternalId(expertId)!.region;
    // The same key acts for the expert only where its regions allow (the expert's county); else a city-wide key does.
    const expertPortal = expertRegion === region ? portal : await t.asPortal('city-relay', { scopes: ['participants'] });
    const forExpert: AuthHeaders = { ...expertPortal, 'x-participant': `expert:${expertId}` };

    expect((await call('POST', '/v1/selection/interests', forEnterprise, { demandId: demand.externalId, expertId })).json().state).toBe('pending');
    const talk = (await call('POST', '/v1/selection/interests', forExpert, { demandId: demand.externalId })).json();
    expect(talk.state).toBe('talking');
    expect((await call('POST', `/v1/selection/talks/${talk.talkId}/messages`, forExpert, { body: '您好，我对该课题有相关专利' })).statusCode).toBe(200);
    expect((await call('POST', `/v1/selection/interests/${talk.id}/choose`, forEnterprise)).json().state).toBe('chosen');
    expect((await call('POST', `/v1/selection/interests/${talk.id}/confirm`, forExpert)).json().state).toBe('agreed');
    // The audit trail names the portal acting for the participant.
    const entries = t.services.auth.audit.list({ entity: 'selection_interest', entityId: String(talk.id), limit: 20 });
    expect(entries.find((e) => e.action === 'selection.choose')!.actor).toContain(`via portal:county-wechat`);

    for (let i = 0; i < 8; i++) {
      await t.runtime.webhookDelivery.runOnce();
      await tick();
    }
    const types = [...processed.values()];
    // Events addressed to the enterprise in the key's county: the invitation's reply, the talk, the message, the agreement.
    expect(types).toEqual(expect.arrayContaining(['selection.talk.opened', 'selection.message', 'selection.agreed']));
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => verify(secret, r.headers, r.body))).toBe(true);
    expect(verify('whsec_wrong', received[0].headers, received[0].body)).toBe(false);
    // Each event: one failed delivery, one successful retry with the same id, processed once.
    const byId = new Map<string, number[]>();
    for (const r of received) byId.set(String(r.headers['x-kjfz-event-id']), [...(byId.get(String(r.headers['x-kjfz-event-id'])) ?? []), r.answered]);
    for (const answers of byId.values()) expect(answers).toEqual([500, 200]);
    expect(processed.size).toBe(byId.size);
  }, 300_000);

  it('documents every selection route in /docs with a Chinese summary', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const routes = Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/selection'));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const [path, ops] of routes) for (const [method, op] of Object.entries(ops)) expect(op.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
  });
});
