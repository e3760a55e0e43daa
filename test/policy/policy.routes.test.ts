import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from './fixtures';
import { createPolicyTestApp } from './policy-test-app';

const A = '91420111MA4K00001A'; // had a 科技副总 in 2022
const B = '91420111MA4K00002B';
let app: FastifyInstance;
let post: Awaited<ReturnType<typeof createPolicyTestApp>>['post'];
let close: () => Promise<void>;
const resultOf = (body: { results: Array<{ ruleId: string }> }, ruleId: string) => body.results.find((r) => r.ruleId === ruleId) as Record<string, unknown>;

beforeAll(async () => {
  const t = await createPolicyTestApp('2023-03-01');
  ({ app, post, close } = t);
  const { intake } = t;
  const ok = (r: { ok: boolean }) => expect(r).toMatchObject({ ok: true });
  ok(intake.saveCycle({ id: 'wh-2022', year: 2022, policy: 'wuhan-2023', seats: 10, status: 'closed', referenceDate: '2022-03-01' }));
  ok(intake.saveCycle({ id: 'wh-2023', year: 2023, policy: 'wuhan-2023', seats: 10, referenceDate: '2023-03-01', previousCycles: ['wh-2021', 'wh-2022'] }));
  const { expert, enterprise } = SCENARIOS['wuhan-2023'];
  ok(intake.saveEnterprise({ ...enterprise, creditCode: A, name: '甲公司' }));
  ok(intake.saveEnterprise({ ...enterprise, creditCode: B, name: '乙公司' }));
  ok(intake.saveExpert({ ...expert, externalId: 'E-OK' }));
  ok(intake.saveExpert({ ...expert, externalId: 'E-OLD', birthDate: '1970-05-01' }));
  ok(
    intake.saveExpert({
      ...expert,
      externalId: 'E-PREV',
      serviceHistory: [{ enterpriseCreditCode: A, cycle: 'wh-2022', startDate: '2022-06-01', endDate: '2023-02-28', grade: '合格' }],
    }),
  );
  const demand = { cycle: 'wh-2023', title: '光模块封装工艺', description: '提高良率' };
  ok(intake.saveDemand({ ...demand, externalId: 'D-OLD', enterpriseCreditCode: B, namedCandidates: [{ expertExternalId: 'E-OLD', agreed: true }] }));
  ok(intake.saveDemand({ ...demand, externalId: 'D-PREV', enterpriseCreditCode: B, namedCandidates: [{ expertExternalId: 'E-PREV', agreed: true }] }));
});

afterAll(() => close());

describe('GET /v1/policies', () => {
  it('lists the built-in profiles', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/policies' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; builtIn: boolean; ruleCount: number }>;
    expect(items.filter((p) => p.builtIn).map((p) => p.id)).toEqual(['hubei-2020', 'wuhan-2023', 'xinxiang-2025', 'liaocheng-2025', 'wenzhou-2025', 'open']);
    expect(items.find((p) => p.id === 'open')!.ruleCount).toBe(0);
  });

  it('returns one profile with its rules and clauses', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/policies/wuhan-2023' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ builtIn: true, versions: [1], profile: { id: 'wuhan-2023', jurisdiction: { regionCode: '420100' } } });
    expect(body.profile.rules.find((r: { id: string }) => r.id === 'wh-no-prior-tech-vp').clause).toMatchObject({ article: '四(三)' });
  });

  it('answers 404 for an unknown profile', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/policies/nowhere-2030' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '策略配置不存在：nowhere-2030' });
  });
});

describe('POST /v1/policies', () => {
  const custom = {
    id: 'wuhan-2023-strict',
    name: '武汉（严格年龄）',
    jurisdiction: { name: '武汉市', regionCode: '420100' },
    rules: [{ id: 'age', kind: 'expert.maxAge', effect: 'hard', years: 40, clause: { document: '试点文件', article: '二' } }],
  };

  it('loads a custom profile, and loading the id again adds a version', async () => {
    const first = await post('/v1/policies', custom);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: 'wuhan-2023-strict', version: 1, ruleCount: 1 });
    const second = await post('/v1/policies', { ...custom, rules: [{ ...custom.rules[0], years: 35 }] });
    expect(second.json()).toMatchObject({ version: 2 });
    const detail = (await app.inject({ method: 'GET', url: '/v1/policies/wuhan-2023-strict' })).json();
    expect(detail).toMatchObject({ builtIn: false, versions: [1, 2], profile: { version: 2 } });
    expect((await app.inject({ method: 'GET', url: '/v1/policies/wuhan-2023-strict@1' })).json().profile.rules[0].years).toBe(40);
    const list = (await app.inject({ method: 'GET', url: '/v1/policies' })).json().items;
    expect(list.find((p: { id: string }) => p.id === 'wuhan-2023-strict')).toMatchObject({ builtIn: false, version: 2 });
  });

  it('evaluates with a pinned version of a custom profile', async () => {
    const res = await post('/v1/eligibility', { policy: 'wuhan-2023-strict@1', expertId: 'E-OK', referenceDate: '2023-03-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ policy: { id: 'wuhan-2023-strict', version: 1 }, eligible: true });
  });

  it('rejects an invalid profile with the path of every bad field', async () => {
    const res = await post('/v1/policies', {
      ...custom,
      rules: [
        { ...custom.rules[0], years: 'forty' },
        { id: 'x', kind: 'expert.height', effect: 'hard' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ code: 'INVALID_POLICY', message: '策略配置无效' });
    expect(body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['rules.0.years', 'rules.1.kind']));
  });

  it('refuses to overwrite a built-in profile', async () => {
    const res = await post('/v1/policies', { ...custom, id: 'hubei-2020' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'POLICY_BUILT_IN' });
  });
});

describe('POST /v1/eligibility', () => {
  it('explains why an expert alone is excluded, citing the clause', async () => {
    const res = await post('/v1/eligibility', { cycle: 'wh-2023', expertId: 'E-OLD' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ policy: { id: 'wuhan-2023', version: 1 }, cycle: 'wh-2023', referenceDate: '2023-03-01', eligible: false });
    expect(resultOf(body, 'wh-age')).toMatchObject({
      outcome: 'fail',
      code: 'EXPERT_TOO_OLD',
      relaxableInPair: true,
      clause: { document: '武汉市2023年“科技副总”选派通知', article: '二' },
    });
    expect(resultOf(body, 'wh-enterprise-region')).toMatchObject({ outcome: 'not_applicable' });
  });

  it('relaxes the age for the demand that named and agreed with the expert (cycle taken from the demand)', async () => {
    const body = (await post('/v1/eligibility', { demandId: 'D-OLD', expertId: 'E-OLD' })).json();
    expect(body).toMatchObject({ cycle: 'wh-2023', subject: { enterpriseCreditCode: B, demandId: 'D-OLD' }, eligible: true, needsReview: true });
    expect(resultOf(body, 'wh-age')).toMatchObject({
      outcome: 'relaxed',
      code: 'EXPERT_TOO_OLD',
      relaxation: { code: 'RELAXED_NAMED_AGREED', clause: { document: '鄂经信科技〔2020〕73号', article: '二(三)' } },
    });
    expect(body.priorities.map((p: { ruleId: string }) => p.ruleId)).toContain('wh-named-agreed');
  });

  it('rejects naming an expert of a previous cycle (附件1 三)', async () => {
    const body = (await post('/v1/eligibility', { demandId: 'D-PREV', expertId: 'E-PREV' })).json();
    expect(body.eligible).toBe(false);
    expect(resultOf(body, 'wh-previous-cycles')).toMatchObject({ outcome: 'fail', code: 'EXPERT_PREVIOUS_CYCLE_NAMED', clause: { article: '附件1 三' } });
  });

  it('excludes an enterprise that already had a 科技副总 (四(三))', async () => {
    const body = (await post('/v1/eligibility', { cycle: 'wh-2023', enterpriseCreditCode: A })).json();
    expect(body.eligible).toBe(false);
    expect(resultOf(body, 'wh-no-prior-tech-vp')).toMatchObject({ outcome: 'fail', code: 'ENTERPRISE_HAD_TECH_VP' });
    expect((await post('/v1/eligibility', { cycle: 'wh-2023', enterpriseCreditCode: B })).json().eligible).toBe(true);
  });

  it('evaluates under another profile than the cycle names', async () => {
    const body = (await post('/v1/eligibility', { policy: 'hubei-2020', cycle: 'wh-2023', expertId: 'E-PREV', enterpriseCreditCode: A })).json();
    expect(body).toMatchObject({ policy: { id: 'hubei-2020' }, eligible: true });
  });

  it('uses today when neither a cycle nor a reference date is given', async () => {
    expect((await post('/v1/eligibility', { policy: 'open', expertId: 'E-OLD' })).json()).toMatchObject({ referenceDate: '2023-03-01', eligible: true, results: [] });
  });

  it.each([
    ['no subject', { cycle: 'wh-2023' }, 400, 'VALIDATION_FAILED'],
    ['neither policy nor cycle', { expertId: 'E-OK' }, 400, 'POLICY_REQUIRED'],
    ['an unknown expert', { cycle: 'wh-2023', expertId: 'E-NOBODY' }, 404, 'NOT_FOUND'],
    ['an unknown cycle', { cycle: 'wh-2099', expertId: 'E-OK' }, 404, 'NOT_FOUND'],
    ['an unknown policy', { policy: 'nowhere-2030', expertId: 'E-OK' }, 404, 'NOT_FOUND'],
    ['a demand of another enterprise', { demandId: 'D-OLD', enterpriseCreditCode: A }, 400, 'DEMAND_ENTERPRISE_MISMATCH'],
    ['a demand of another cycle', { demandId: 'D-OLD', cycle: 'wh-2022' }, 400, 'DEMAND_CYCLE_MISMATCH'],
    ['a malformed credit code', { cycle: 'wh-2023', enterpriseCreditCode: 'abc' }, 400, 'VALIDATION_FAILED'],
  ])('rejects %s', async (_what, payload, status, code) => {
    const res = await post('/v1/eligibility', payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
  });
});
