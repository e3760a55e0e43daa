import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../../src/auth/auth.plugin';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';
import { cloneRun, createRunFixture, type FixtureDemand, type RunFixture } from './run-fixture';

let t: TestApp;
let base: RunFixture;
let runs = 0;
type Who = 'anonymous' | 'portal' | 'viewer' | 'admin' | 'own' | 'other';
let as: Record<Who, AuthHeaders>;

beforeAll(async () => {
  t = await createTestApp();
  base = createRunFixture(t);
  as = {
    anonymous: {},
    portal: await t.asPortal(),
    viewer: await t.asViewer(),
    admin: await t.asAdmin(),
    own: await t.asReviewer(base.main),
    other: await t.asReviewer(base.other),
  };
});
afterAll(async () => t.cleanup());

function freshRun(): RunFixture {
  runs += 1;
  return cloneRun(t, base, `run-http-${runs}`);
}
const proposedIn = (f: RunFixture): FixtureDemand[] => f.inRegion(f.main).filter((d) => d.proposed);
const inject = (method: 'GET' | 'POST', url: string, headers: AuthHeaders, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

type Call = { name: string; method: 'GET' | 'POST'; url: (f: RunFixture) => string; payload?: (f: RunFixture) => object };
const calls: Call[] = [
  { name: 'GET regions', method: 'GET', url: (f) => `/v1/runs/${f.runId}/regions` },
  { name: 'GET review', method: 'GET', url: (f) => `/v1/runs/${f.runId}/regions/${f.main}/review` },
  { name: 'POST decision', method: 'POST', url: (f) => `/v1/runs/${f.runId}/demands/${proposedIn(f)[0].demandId}/decision`, payload: () => ({ action: 'approve' }) },
  { name: 'POST submit', method: 'POST', url: (f) => `/v1/runs/${f.runId}/regions/${f.main}/submit` },
  { name: 'POST confirm', method: 'POST', url: (f) => `/v1/runs/${f.runId}/regions/${f.main}/confirm`, payload: () => ({}) },
  { name: 'POST return', method: 'POST', url: (f) => `/v1/runs/${f.runId}/regions/${f.main}/return`, payload: () => ({ note: '请补充理由' }) },
  { name: 'GET export', method: 'GET', url: (f) => `/v1/runs/${f.runId}/regions/${f.main}/export.xlsx` },
  { name: 'GET audit', method: 'GET', url: (f) => `/v1/runs/${f.runId}/regions/${f.main}/audit` },
  { name: 'GET page dashboard', method: 'GET', url: (f) => `/runs/${f.runId}` },
  { name: 'GET page review', method: 'GET', url: (f) => `/runs/${f.runId}/regions/${f.main}` },
  { name: 'GET page audit', method: 'GET', url: (f) => `/runs/${f.runId}/regions/${f.main}/audit` },
];

// Expected status per route and caller, on an unreviewed copy of the run, the target being the main region
// ("own" reviews it, "other" reviews another county). 409s are the workflow answering an allowed caller.
const expected: Record<string, Record<Who, number>> = {
  'GET regions': { anonymous: 401, portal: 403, viewer: 200, admin: 200, own: 200, other: 200 },
  'GET review': { anonymous: 401, portal: 403, viewer: 200, admin: 200, own: 200, other: 403 },
  'POST decision': { anonymous: 401, portal: 403, viewer: 403, admin: 403, own: 200, other: 403 },
  'POST submit': { anonymous: 401, portal: 403, viewer: 403, admin: 403, own: 409, other: 403 },
  'POST confirm': { anonymous: 401, portal: 403, viewer: 403, admin: 409, own: 403, other: 403 },
  'POST return': { anonymous: 401, portal: 403, viewer: 403, admin: 409, own: 403, other: 403 },
  'GET export': { anonymous: 401, portal: 403, viewer: 200, admin: 200, own: 200, other: 403 },
  'GET audit': { anonymous: 401, portal: 403, viewer: 403, admin: 200, own: 200, other: 403 },
  'GET page dashboard': { anonymous: 401, portal: 403, viewer: 200, admin: 200, own: 200, other: 200 },
  'GET page review': { anonymous: 401, portal: 403, viewer: 200, admin: 200, own: 200, other: 403 },
  'GET page audit': { anonymous: 401, portal: 403, viewer: 403, admin: 200, own: 200, other: 403 },
};

describe('review routes × roles', () => {
  it('covers every review route and review page the app registers', () => {
    // Run routes of the cycle-run engine (e.g. GET /v1/runs/:runId) are its own tests' business.
    const runRoutes = listRoutes(t.app)
      .filter((r) => /^\/v1\/runs\/:runId\/(regions|demands)\b/.test(r.url) || r.url.startsWith('/runs/'))
      .filter((r) => r.method !== 'HEAD');
    const pattern = (c: Call) =>
      `${c.method} ${c
        .url(base)
        .replace(base.runId, ':runId')
        .replace(`/regions/${base.main}`, '/regions/:region')
        .replace(/\/demands\/[^/]+\//, '/demands/:demandId/')}`;
    expect(calls.map(pattern).sort()).toEqual(runRoutes.map((r) => `${r.method} ${r.url}`).sort());
  });

  it('answers each caller as declared, on a fresh run per caller', async () => {
    const got: Record<string, Record<string, number>> = {};
    for (const who of Object.keys(as) as Who[]) {
      const f = freshRun();
      for (const c of calls) {
        const res = await inject(c.method, c.url(f), as[who], c.payload?.(f));
        (got[c.name] ??= {})[who] = res.statusCode;
      }
    }
    expect(got).toEqual(expected);
  });

  it('refuses a reviewer of another county on every review, export and page route with FORBIDDEN_REGION, including each demand of the region', async () => {
    const f = freshRun();
    for (const c of calls.filter((x) => expected[x.name].own < 400 && expected[x.name].other === 403)) {
      const res = await inject(c.method, c.url(f), { ...as.other, accept: 'application/json' }, c.payload?.(f));
      expect([c.name, res.statusCode, res.json().code]).toEqual([c.name, 403, 'FORBIDDEN_REGION']);
    }
    for (const d of f.inRegion(f.main)) {
      for (const body of [{ action: 'approve' }, { action: 'reject', reason: '越权' }, { action: 'swap', expertId: d.alternates[0] ?? 'x' }]) {
        const res = await inject('POST', `/v1/runs/${f.runId}/demands/${d.demandId}/decision`, as.other, body);
        expect(res.statusCode).toBe(403);
      }
    }
    // The other county's list only ever holds its own region, and nothing was changed.
    const list = (await inject('GET', `/v1/runs/${f.runId}/regions`, as.other)).json();
    expect(list.items.map((i: { code: string }) => i.code)).toEqual([f.other]);
    expect(t.services.review.getRegionReview(f.runId, f.main).region).toMatchObject({ assigned: 0, rejected: 0 });
    expect(t.services.review.listAudit(f.runId, f.main)).toEqual([]);
  });

  it('gives the administrator and viewers every region, a reviewer only their own', async () => {
    const f = freshRun();
    for (const who of ['admin', 'viewer'] as const) {
      const res = await inject('GET', `/v1/runs/${f.runId}/regions`, as[who]);
      expect(res.json().items.map((i: { code: string }) => i.code)).toEqual(f.regions);
    }
    expect((await inject('GET', `/v1/runs/${f.runId}/regions`, as.own)).json().items.map((i: { code: string }) => i.code)).toEqual([f.main]);
  });
});

describe('review workflow over HTTP', () => {
  it('runs approve → swap → submit → confirm, one audit entry per action, and the API exposes but never edits them', async () => {
    const f = freshRun();
    const [a, b] = proposedIn(f);
    const url = (d: FixtureDemand) => `/v1/runs/${f.runId}/demands/${d.demandId}/decision`;

    const approve = await inject('POST', url(a), as.own, { action: 'approve' });
    expect(approve.statusCode).toBe(200);
    expect(approve.json().demand.decision.status).toBe('approved');
    const swap = await inject('POST', url(b), as.own, { action: 'swap', expertId: b.freeAlternate, reason: '更贴近企业需求' });
    expect(swap.json()).toMatchObject({ demand: { decision: { status: 'swapped', expertId: b.freeAlternate } }, region: { assigned: 2, pending: 0 } });
    expect((await inject('POST', `/v1/runs/${f.runId}/regions/${f.main}/submit`, as.own)).json()).toMatchObject({ status: 'submitted' });
    expect((await inject('POST', `/v1/runs/${f.runId}/regions/${f.main}/confirm`, as.admin, {})).json()).toMatchObject({ status: 'confirmed', decidedBy: 'test-admin' });

    const trail = (await inject('GET', `/v1/runs/${f.runId}/regions/${f.main}/audit`, as.admin)).json().items;
    expect(trail.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['review.confirm', 'test-admin'],
      ['review.submit', `test-reviewer-${f.main}`],
      ['review.swap', `test-reviewer-${f.main}`],
      ['review.approve', `test-reviewer-${f.main}`],
    ]);
    expect(trail[1]).toMatchObject({ before: { status: 'open' }, after: { status: 'submitted' }, regionCode: f.main });
    // The generic hook adds no second entry for these writes.
    const all = t.services.auth.audit.list({ regionCode: f.main, limit: 500 }).filter((e) => e.entityId.startsWith(`${f.runId}/`) || e.action.includes(f.runId));
    expect(all).toHaveLength(4);
    // The general audit endpoint shows them too; the reviewer's own view is limited to their county.
    const general = (await inject('GET', `/v1/audit?entity=review_decision&entityId=${encodeURIComponent(`${f.runId}/${b.demandId}`)}`, as.own)).json().items;
    expect(general).toEqual([expect.objectContaining({ action: 'review.swap', after: expect.objectContaining({ expertId: b.freeAlternate }) })]);
    const writes = listRoutes(t.app).filter((r) => r.url.includes('/audit') && !['GET', 'HEAD'].includes(r.method));
    expect(writes).toEqual([]);
  });

  it('answers refused swaps with stable codes and Chinese messages', async () => {
    const f = freshRun();
    const [a, b] = proposedIn(f);
    const url = (d: FixtureDemand) => `/v1/runs/${f.runId}/demands/${d.demandId}/decision`;
    const rule = await inject('POST', url(a), as.own, { action: 'swap', expertId: a.staleAlternate });
    expect(rule.statusCode).toBe(409);
    expect(rule.json()).toMatchObject({ code: 'SWAP_RULE_FAILED', message: expect.stringMatching(/不符合选派条件/), details: { failed: expect.any(Array) } });
    const held = await inject('POST', url(b), as.own, { action: 'swap', expertId: b.heldAlternate });
    expect(held.json()).toMatchObject({ code: 'EXPERT_ALREADY_ASSIGNED', message: expect.stringMatching(/一名专家只能服务一家企业/) });
    const notAlt = await inject('POST', url(a), as.own, { action: 'swap', expertId: 'wz-exp-99999' });
    expect(notAlt.json()).toMatchObject({ code: 'NOT_AN_ALTERNATE' });
  });

  it('validates decisions: a reason to reject, an expert to swap, a known action', async () => {
    const f = freshRun();
    const url = `/v1/runs/${f.runId}/demands/${proposedIn(f)[0].demandId}/decision`;
    const noReason = await inject('POST', url, as.own, { action: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details).toEqual([{ field: 'reason', message: '驳回时必须填写理由' }]);
    expect((await inject('POST', url, as.own, { action: 'swap' })).json().details).toEqual([{ field: 'expertId', message: '替换时必须选择一名备选专家' }]);
    expect((await inject('POST', url, as.own, { action: 'delete' })).statusCode).toBe(400);
    expect((await inject('POST', `/v1/runs/${f.runId}/demands/no-such-demand/decision`, as.own, { action: 'approve' })).statusCode).toBe(404);
    expect((await inject('POST', `/v1/runs/${f.runId}/regions/${f.main}/return`, as.admin, {})).statusCode).toBe(400);
  });

  it('requires the CSRF token for every review write made with a session cookie', async () => {
    const f = freshRun();
    const { 'x-csrf-token': _, ...cookieOnly } = as.own;
    const res = await inject('POST', `/v1/runs/${f.runId}/demands/${proposedIn(f)[0].demandId}/decision`, cookieOnly, { action: 'approve' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('exports the region as XLSX with a Chinese file name', async () => {
    const f = freshRun();
    const res = await inject('GET', `/v1/runs/${f.runId}/regions/${f.main}/export.xlsx`, as.viewer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${f.runId}-${f.main}-鹿城区-需求汇总表.xlsx`)}`);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
