import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER_MESSAGE, LONE_SURROGATE_MESSAGE } from '../../src/intake/common.schema';
import { demandSchema } from '../../src/intake/demand.schema';
import { expertSchema } from '../../src/intake/expert.schema';
import { demandRecord, expertRecord } from '../fixtures/records';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';

const issuesOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('control characters and lone surrogates in text fields', () => {
  it('refuses them with a Chinese message naming the field, rather than changing the text', () => {
    expect(issuesOf(expertSchema.safeParse(expertRecord({ name: '李\u0000明' })))).toEqual([{ path: 'name', message: CONTROL_CHARACTER_MESSAGE }]);
    expect(issuesOf(expertSchema.safeParse(expertRecord({ name: '李明\u001b[31m' })))).toEqual([{ path: 'name', message: CONTROL_CHARACTER_MESSAGE }]);
    // Trimming must not hide a control character at the edge.
    expect(issuesOf(demandSchema.safeParse(demandRecord({ title: '\u0007储能电池' })))).toEqual([{ path: 'title', message: CONTROL_CHARACTER_MESSAGE }]);
    expect(issuesOf(demandSchema.safeParse(demandRecord({ description: '热失控\ud800预警' })))).toEqual([{ path: 'description', message: LONE_SURROGATE_MESSAGE }]);
    expect(issuesOf(expertSchema.safeParse(expertRecord({ fields: ['储能', '\udc00'] })))).toEqual([{ path: 'fields.1', message: LONE_SURROGATE_MESSAGE }]);
    expect(issuesOf(expertSchema.safeParse(expertRecord({ institution: { name: '温州\u007f大学', type: 'university', region: '330302' } })))).toEqual([
      { path: 'institution.name', message: CONTROL_CHARACTER_MESSAGE },
    ]);
  });

  it('keeps line feeds, tabs, CRLF line ends and characters outside the BMP exactly as given', () => {
    const description = '第一行\r\n第二行\n\t缩进 𠀋 😀';
    const parsed = demandSchema.parse(demandRecord({ description }));
    expect(parsed.description).toBe(description);
    expect(demandSchema.safeParse(demandRecord({ description: '旧式\r换行' })).success).toBe(false);
  });
});

describe('over HTTP', () => {
  let t: TestApp;
  let admin: AuthHeaders;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.asAdmin();
  });
  afterAll(async () => t.cleanup());

  it('answers 400 VALIDATION_FAILED with the field, and stores nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: admin, payload: expertRecord({ name: '李\u0000明' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name', message: CONTROL_CHARACTER_MESSAGE }] });
    expect((await t.app.inject({ method: 'GET', url: '/v1/experts/EXP-0001', headers: admin })).statusCode).toBe(404);
  });

  it('refuses an ad-hoc match text with a control character', async () => {
    // Without a ranker /v1/match is not registered; the schema is the shared one, so test it directly.
    const { matchRequestSchema } = await import('../../src/ranking/match.schema');
    expect(matchRequestSchema.safeParse({ title: '电池\u0000', policy: 'open' }).success).toBe(false);
    expect(matchRequestSchema.safeParse({ title: '电池\ud800', policy: 'open' }).success).toBe(false);
    expect(matchRequestSchema.safeParse({ title: '电池热失控', policy: 'open' }).success).toBe(true);
  });
});
