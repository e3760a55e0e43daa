import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/auth.types';
import { assertRegion, regionFilter, regionScope } from '../../src/auth/region-scope.policy';
import { cycleRecord, demandRecord, enterpriseRecord, expertRecord } from '../fixtures/records';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';

const A = '330302';
const B = '330303';
const entA = enterpriseRecord();
const entB = enterpriseRecord({ creditCode: '91330303MA2AB0002Y', name: '温州龙湾精密机械有限公司', region: B });
const demA = demandRecord({ namedCandidates: [] });
const demB = demandRecord({ externalId: 'DEM-B', enterpriseCreditCode: entB.creditCode, namedCandidates: [] });

let t: TestApp;
let reviewerA: AuthHeaders;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.asAdmin();
  reviewerA = await t.asReviewer(A);
  for (const [url, body] of [
    ['/v1/experts', expertRecord()],
    ['/v1/enterprises', entA],
    ['/v1/enterprises', entB],
  ] as const) {
    expect((await t.app.inject({ method: 'POST', url, headers: admin, payload: body })).statusCode).toBe(201);
  }
  expect((await t.app.inject({ method: 'PUT', url: '/v1/cycles/test-2026', headers: admin, payload: cycleRecord() })).statusCode).toBe(200);
  for (const d of [demA, demB]) expect((await t.app.inject({ method: 'POST', url: '/v1/demands', headers: admin, payload: d })).statusCode).toBe(201);
});
afterAll(async () => t.cleanup());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, headers: reviewerA, ...(payload ? { payload } : {}) });

describe('region scope helpers', () => {
  const reviewer: Principal = { kind: 'staff', userId: 1, username: 'r', role: 'reviewer', region: A };
  const admin: Principal = { kind: 'staff', userId: 2, username: 'a', role: 'admin', region: null };
  const portal: Principal = { kind: 'portal', keyId: 'k', name: 'p', scopes: ['match', 'intake', 'participants'], regions: null };

  it('binds a reviewer to their county and lets city staff and portals see every region', () => {
    expect(regionScope(reviewer)).toEqual({ all: false, region: A, regions: [A] });
    expect(regionScope(admin)).toEqual({ all: true });
    expect(regionScope(portal)).toEqual({ all: true });
  });

  it('throws 403 FORBIDDEN_REGION outside the scope, including for records without a region', () => {
    expect(() => assertRegion(reviewer, A)).not.toThrow();
    expect(() => assertRegion(reviewer, B)).toThrow(expect.objectContaining({ statusCode: 403, code: 'FORBIDDEN_REGION' }));
    expect(() => assertRegion(reviewer, null)).toThrow(expect.objectContaining({ code: 'FORBIDDEN_REGION' }));
    expect(() => assertRegion(admin, B)).not.toThrow();
  });

  it('forces a reviewer list onto their county and refuses another', () => {
    expect(regionFilter(reviewer, undefined)).toBe(A);
    expect(regionFilter(reviewer, A)).toBe(A);
    expect(() => regionFilter(reviewer, B)).toThrow(expect.objectContaining({ code: 'FORBIDDEN_REGION' }));
    expect(regionFilter(admin, undefined)).toBeUndefined();
    expect(regionFilter(admin, B)).toBe(B);
  });
});

describe('county reviewer on the intake routes', () => {
  it('reads and updates enterprises and demands of their own county', async () => {
    expect((await req('GET', `/v1/enterprises/${entA.creditCode}`)).statusCode).toBe(200);
    expect((await req('GET', `/v1/demands/${demA.externalId}`)).statusCode).toBe(200);
    expect((await req('PUT', `/v1/enterprises/${entA.creditCode}`, { ...entA, employees: 130 })).json()).toMatchObject({ status: 'updated' });
    expect((await req('PUT', `/v1/demands/${demA.externalId}`, { ...demA, title: '储能电池组热失控预警（修订）' })).json()).toMatchObject({ status: 'updated' });
  });

  it('gets 403 FORBIDDEN_REGION reading another county’s enterprise or demand', async () => {
    for (const url of [`/v1/enterprises/${entB.creditCode}`, `/v1/demands/${demB.externalId}`]) {
      const res = await req('GET', url);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN_REGION', message: '无权访问其他区县的数据' });
    }
  });

  it('gets 403 FORBIDDEN_REGION changing another county’s records or creating records there', async () => {
    const attempts = [
      await req('PUT', `/v1/enterprises/${entB.creditCode}`, { ...entB, employees: 1 }),
      await req('PUT', `/v1/demands/${demB.externalId}`, { ...demB, title: '改' }),
      await req('POST', '/v1/enterprises', enterpriseRecord({ creditCode: '91330303MA2AB0003Y', region: B })),
      await req('POST', '/v1/demands', demandRecord({ externalId: 'DEM-B2', enterpriseCreditCode: entB.creditCode, namedCandidates: [] })),
      // Moving a record out of their county, or a demand onto another county's enterprise, is refused too.
      await req('PUT', `/v1/enterprises/${entA.creditCode}`, { ...entA, region: B }),
      await req('PUT', `/v1/demands/${demA.externalId}`, { ...demA, enterpriseCreditCode: entB.creditCode }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(attempts.every((r) => r.json().code === 'FORBIDDEN_REGION')).toBe(true);
    const admin = await t.asAdmin();
    const unchanged = await t.app.inject({ method: 'GET', url: `/v1/enterprises/${entB.creditCode}`, headers: admin });
    expect(unchanged.json().employees).toBe(entB.employees);
  });

  it('sees only their county in lists and is refused another county’s list', async () => {
    for (const path of ['/v1/enterprises', '/v1/demands']) {
      const list = (await req('GET', path)).json();
      expect(list.total).toBe(1);
      expect(list.items.every((i: { region: string }) => i.region === A)).toBe(true);
      const other = await req('GET', `${path}?region=${B}`);
      expect(other.statusCode).toBe(403);
      expect(other.json().code).toBe('FORBIDDEN_REGION');
    }
    const admin = await t.asAdmin();
    expect((await t.app.inject({ method: 'GET', url: '/v1/enterprises', headers: admin })).json().total).toBe(2);
  });

  it('reads the shared expert pool but may not write experts or cycles', async () => {
    expect((await req('GET', '/v1/experts')).json().total).toBe(1);
    expect((await req('GET', '/v1/experts/EXP-0001')).statusCode).toBe(200);
    expect((await req('PUT', '/v1/experts/EXP-0001', expertRecord({ title: '正高级' }))).statusCode).toBe(403);
    expect((await req('POST', '/v1/experts', expertRecord({ externalId: 'EXP-R' }))).statusCode).toBe(403);
    expect((await req('PUT', '/v1/cycles/test-2026', cycleRecord())).statusCode).toBe(403);
  });

  it('answers 404 (not 403) for a record that does not exist', async () => {
    expect((await req('GET', '/v1/enterprises/91330302MA2AB9999X')).statusCode).toBe(404);
  });
});
