import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type AuthHeaders } from '../helpers/test-app';
import { cycleRecord, demandRecord, enterpriseRecord, expertRecord } from '../fixtures/records';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
// The city administrator may call every intake route.
let admin: AuthHeaders;

beforeAll(async () => {
  const t = await createTestApp();
  ({ app, cleanup } = t);
  admin = await t.asAdmin();
});
afterAll(async () => cleanup());

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: admin, payload: payload as object });
const get = (url: string) => app.inject({ method: 'GET', url, headers: admin });
const put = (url: string, payload: unknown) => app.inject({ method: 'PUT', url, headers: admin, payload: payload as object });

describe('intake REST', () => {
  it('creates an expert with projects and patents and reads it back unchanged', async () => {
    const created = await post('/v1/experts', expertRecord());
    expect(created.statusCode).toBe(201);
    // The record has a start year but no start date: stored, and the response says which fact is missing.
    expect(created.json()).toEqual({ key: 'EXP-0001', status: 'inserted', missing: ['expert.workStartDate'], review: { status: 'submitted', reason: null } });
    const got = await get('/v1/experts/EXP-0001');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      externalId: 'EXP-0001',
      title: '副高级',
      institution: { name: '温州大学', type: 'university' },
      patents: [{ number: 'CN202110000001.X', ipc: ['H01M 10/0567'], status: 'granted' }],
    });
  });

  it('rejects a second POST of the same expert with 409 and a Chinese message', async () => {
    const res = await post('/v1/experts', expertRecord());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(res.json().message).toMatch(/已存在/);
  });

  it('updates an expert with PUT and reports unchanged when nothing differs', async () => {
    const changed = await put('/v1/experts/EXP-0001', expertRecord({ title: '正高级' }));
    expect(changed.json()).toMatchObject({ key: 'EXP-0001', status: 'updated' });
    const same = await put('/v1/experts/EXP-0001', expertRecord({ title: '正高级' }));
    expect(same.json()).toMatchObject({ key: 'EXP-0001', status: 'unchanged' });
  });

  it('answers 400 with field paths for a wrongly typed body, never 500', async () => {
    const res = await post('/v1/experts', expertRecord({ birthDate: '1985-02-30', title: '教授', projects: 'x' }));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toBe('请求内容校验失败');
    const fields = body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['birthDate', 'title', 'projects']));
  });

  it('answers 422 naming the field when a region code is unknown', async () => {
    const res = await post('/v1/experts', expertRecord({ externalId: 'EXP-0002', region: '999999' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([{ field: 'region', message: '未知的行政区划代码：999999' }]);
  });

  it('rejects malformed JSON and the wrong content type with 4xx codes', async () => {
    const bad = await app.inject({ method: 'POST', url: '/v1/experts', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"a":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_JSON');
    const text = await app.inject({ method: 'POST', url: '/v1/experts', headers: { ...admin, 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('creates an enterprise, a cycle and a demand that names an agreed candidate', async () => {
    expect((await post('/v1/enterprises', enterpriseRecord())).statusCode).toBe(201);
    const cycle = await put('/v1/cycles/test-2026', cycleRecord());
    expect(cycle.statusCode).toBe(200);
    const demand = await post('/v1/demands', demandRecord());
    expect(demand.statusCode).toBe(201);
    const got = await get('/v1/demands/DEM-0001');
    expect(got.json()).toMatchObject({ enterpriseCreditCode: '91330302MA2AB0001X', namedCandidates: [{ expertExternalId: 'EXP-0001', agreed: true }] });
    const list = await get('/v1/demands?region=330302');
    expect(list.json().total).toBe(1);
  });

  it('refuses a demand whose enterprise or cycle is unknown, naming both fields', async () => {
    const res = await post('/v1/demands', demandRecord({ externalId: 'DEM-9', enterpriseCreditCode: '91330302MA2AB0009X', cycle: 'nope' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details.map((d: { field: string }) => d.field)).toEqual(['enterpriseCreditCode', 'cycle']);
  });

  it('refuses more than two named candidates (附件1: 最多2人)', async () => {
    const three = [1, 2, 3].map((i) => ({ name: `专家${i}`, agreed: false }));
    const res = await post('/v1/demands', demandRecord({ externalId: 'DEM-3', namedCandidates: three }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ field: 'namedCandidates' });
  });

  it('answers 404 in Chinese for unknown records and routes', async () => {
    const missing = await get('/v1/experts/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', message: '专家不存在：NOPE' });
    const route = await get('/v1/nothing');
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('serves health and OpenAPI documentation generated from the schemas', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/experts', '/v1/demands/{key}']));
    expect(spec.paths['/v1/experts'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('birthDate');
  });
});
