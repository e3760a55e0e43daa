import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import type { MatchResponse } from '../../src/ranking/match.schema';
import { createMatchTestApp, type MatchTestApp, realModel } from './match-test-app';

// POST /v1/match end to end with the real embedding model, jieba and the HNSW index over a small seeded demo
// (80 experts, 30 enterprises, their demands, the wenzhou-demo cycle with its planted policy edge cases).
let t: MatchTestApp;

beforeAll(async () => {
  t = await createMatchTestApp({ embedder: await realModel() });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await (await realModel()).dispose();
});

const post = async (payload: unknown, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/v1/match', payload: payload as object, headers });
const edge = (kind: string) => t.demo.edgeCases.find((e) => e.kind === kind)!.subject;
const expertOf = (id: string) => t.demo.experts.find((e) => e.externalId === id)!;

describe('POST /v1/match', () => {
  it('needs a portal key or a staff session of an admin or reviewer', async () => {
    const body = { demandId: t.demo.demands[0].externalId };
    expect((await post(body, {})).statusCode).toBe(401);
    expect((await post(body, { authorization: 'Bearer not-a-key' })).statusCode).toBe(401);
    expect((await post(body, await t.staff('viewer'))).statusCode).toBe(403);
    expect((await post(body, t.portal())).statusCode).toBe(200);
    expect((await post(body, await t.staff('admin'))).statusCode).toBe(200);
  });

  it('explains a stored demand’s shortlist: parts that add up to the score, the three most similar items, the rules applied', async () => {
    const demand = t.demo.demands.find((d) => d.cycle === DEMO_CYCLE_ID)!;
    const res = await post({ demandId: demand.externalId }, t.portal());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as MatchResponse;
    expect(body).toMatchObject({ demandId: demand.externalId, cycle: DEMO_CYCLE_ID, policy: { id: 'wenzhou-2025' }, referenceDate: '2026-06-30' });
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.candidates.length).toBeLessThanOrEqual(10);
    for (const c of body.candidates) {
      const b = c.breakdown;
      expect(b.semantic + b.lexical + b.overlap + b.strength + b.priority).toBeCloseTo(c.score, 4);
      expect(c.evidence.length).toBeGreaterThan(0);
      expect(c.evidence.length).toBeLessThanOrEqual(3);
      for (const e of c.evidence) {
        expect(['project', 'patent', 'paper']).toContain(e.kind);
        expect(e.label.length).toBeGreaterThan(0);
        expect(e.similarity).toBeGreaterThan(0);
      }
      expect(c.evidence.map((e) => e.similarity)).toEqual([...c.evidence.map((e) => e.similarity)].sort((x, y) => y - x));
      expect(c.name.length * c.institution.length).toBeGreaterThan(0);
    }
    const scores = body.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    // Portals never see who was excluded.
    expect(body).not.toHaveProperty('excluded');
  });

  it('ranks the expert whose project the problem describes first, by meaning and by words', async () => {
    const x = t.demo.experts[5];
    const p = x.projects![0];
    const res = await post({ title: p.title, description: p.abstract ?? '', policy: 'open' }, t.portal());
    const body = res.json() as MatchResponse;
    expect(body.candidates[0].expertId).toBe(x.externalId);
    expect(body.candidates[0].breakdown.semantic).toBeGreaterThan(0);
    expect(body.candidates[0].breakdown.lexical).toBeGreaterThan(0);
    expect(body.candidates[0].evidence[0].label).toContain(p.title);
  });

  it('answers the same request with the same shortlist, order and scores', async () => {
    const payload = { title: '注塑模具的冷却水路设计与翘曲变形控制', description: '产品翘曲严重，希望优化模具冷却系统', cycle: DEMO_CYCLE_ID, top: 20 };
    const a = (await post(payload, t.portal())).json() as MatchResponse;
    const b = (await post(payload, t.portal())).json() as MatchResponse;
    expect(b.candidates).toEqual(a.candidates);
    const admin = await t.staff('admin');
    const c = (await post(payload, admin)).json() as MatchResponse;
    const d = (await post(payload, admin)).json() as MatchResponse;
    expect(d.excluded).toEqual(c.excluded);
  });

  it('ranks on the technical core: a company paragraph in front leaves the shortlist and its scores as they were', async () => {
    const problem = '产品翘曲严重，注塑件尺寸不稳定，希望优化模具冷却系统，使翘曲量降低30%以上';
    const company = '我公司成立于2008年，位于温州市瓯海经济开发区，主要从事汽摩配件的研发、生产和销售，是国家高新技术企业。上年营业收入1.2亿元，现有员工260人。';
    const base = { title: '注塑模具的冷却水路设计与翘曲变形控制', policy: 'open', top: 10 };
    const plain = (await post({ ...base, description: problem }, t.portal())).json() as MatchResponse;
    const padded = (await post({ ...base, description: `${company}\n${problem}` }, t.portal())).json() as MatchResponse;
    expect(plain.candidates.length).toBeGreaterThan(0);
    expect(padded.candidates.map((c) => [c.expertId, c.score])).toEqual(plain.candidates.map((c) => [c.expertId, c.score]));
    // Each evidence item names the part of the demand it shares terms with, quoting that part.
    const matched = plain.candidates.flatMap((c) => c.evidence).filter((e) => e.matched);
    expect(matched.length).toBeGreaterThan(0);
    for (const e of matched) {
      expect(['title', 'problem', 'target', 'field']).toContain(e.matched!.part);
      expect(e.matched!.terms.length).toBeGreaterThan(0);
      expect(`${base.title}${problem}`).toContain(e.matched!.excerpt.replace(/…$/, ''));
    }
  });

  it('bounds top between 1 and 100, default 10', async () => {
    const base = { title: '锂电池热失控', policy: 'open' };
    expect((await post({ ...base, top: 0 }, t.portal())).statusCode).toBe(400);
    expect((await post({ ...base, top: 101 }, t.portal())).statusCode).toBe(400);
    expect((await post({ ...base, top: 2.5 }, t.portal())).statusCode).toBe(400);
    expect(((await post(base, t.portal())).json() as MatchResponse).candidates).toHaveLength(10);
    expect(((await post({ ...base, top: 100 }, t.portal())).json() as MatchResponse).candidates).toHaveLength(Math.min(100, t.demo.experts.length));
    expect(((await post({ ...base, top: 3 }, t.portal())).json() as MatchResponse).candidates).toHaveLength(3);
  });

  it('flags a relaxed rule: the over-age expert named and agreed by the enterprise passes Hubei’s age rule for review', async () => {
    const planted = t.demo.edgeCases.find((e) => e.kind === 'demand-named-agreed-over-age')!;
    const demand = t.demo.demands.find((d) => d.externalId === planted.demand)!;
    const named = planted.subject;
    const x = expertOf(named);
    // Ad hoc (no enterprise: Hubei's own-jurisdiction enterprise rules do not apply to a Wenzhou firm's problem).
    const payload = { title: demand.title, description: demand.description, policy: 'hubei-2020', namedCandidates: [{ expertExternalId: named, agreed: true }] };
    const body = (await post(payload, t.portal())).json() as MatchResponse;
    const c = body.candidates.find((k) => k.expertId === named)!;
    expect(c, `named expert ${named} missing`).toBeDefined();
    expect(c.namedAgreed).toBe(true);
    expect(c.flags).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'hb-age', code: 'EXPERT_TOO_OLD', clause: expect.objectContaining({ article: expect.any(String) }) })]),
    );
    expect(c.priorities.map((p) => p.ruleId)).toContain('hb-named-agreed');
    expect(c.breakdown.priority).toBeGreaterThan(0);

    // Not named: the same expert is out, and staff see why, with the clause.
    const unnamed = { title: x.projects![0].title, description: x.projects![0].abstract ?? '', policy: 'hubei-2020' };
    const forPortal = (await post(unnamed, t.portal())).json() as MatchResponse;
    expect(forPortal.candidates.map((k) => k.expertId)).not.toContain(named);
    const forStaff = (await post(unnamed, await t.staff('admin'))).json() as MatchResponse;
    const ex = forStaff.excluded!.find((e) => e.expertId === named)!;
    expect(ex, 'over-age expert not among the excluded').toBeDefined();
    expect(ex.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'EXPERT_TOO_OLD', clause: expect.objectContaining({ document: expect.any(String), article: '二(三)' }) })]),
    );
  });

  it('shows unknown results with the missing facts: candidates flagged 待核实, never dropped and never passed', async () => {
    // 新科〔2025〕12号 三(二)3: the demand never answered whether it provides working conditions.
    const unanswered = t.demo.edgeCases.find((e) => e.kind === 'demand-conditions-unanswered')!;
    const body = (await post({ demandId: unanswered.demand }, t.portal())).json() as MatchResponse;
    expect(body.candidates.length).toBeGreaterThan(0);
    for (const c of body.candidates) {
      expect(c.unknown).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ruleId: 'xx-provides-conditions',
            code: 'DEMAND_CONDITIONS_UNKNOWN',
            missing: ['demand.providesConditions'],
            clause: expect.objectContaining({ document: '新科〔2025〕12号', article: '三(二)3' }),
          }),
        ]),
      );
    }
    // 鄂经信科技〔2020〕73号 二(三): an expert without a birth date is ranked and flagged, not excluded.
    const noBirth = t.demo.edgeCases.find((e) => e.kind === 'expert-birth-date-missing')!;
    const x = expertOf(noBirth.subject);
    const adHoc = (
      await post({ title: x.projects![0].title, description: x.projects![0].abstract ?? '', policy: 'hubei-2020', top: 20 }, await t.staff('admin'))
    ).json() as MatchResponse;
    const c = adHoc.candidates.find((k) => k.expertId === noBirth.subject)!;
    expect(c, 'expert without a birth date among the candidates').toBeDefined();
    expect(c.unknown).toEqual([expect.objectContaining({ ruleId: 'hb-age', missing: ['expert.birthDate'] })]);
    expect(adHoc.excluded!.map((e) => e.expertId)).not.toContain(noBirth.subject);
  });

  it('shows staff the best-scoring excluded experts with rule codes and clauses, and never lists them as candidates', async () => {
    const x = expertOf(edge('expert-institution-other'));
    const payload = { title: x.projects![0].title, description: x.projects![0].abstract ?? '', cycle: DEMO_CYCLE_ID };
    const body = (await post(payload, await t.staff('reviewer', '330302'))).json() as MatchResponse;
    expect(body.excluded!.length).toBeGreaterThan(0);
    const ex = body.excluded!.find((e) => e.expertId === x.externalId)!;
    expect(ex.reasons[0]).toMatchObject({ ruleId: 'wz-institution', code: 'EXPERT_INSTITUTION_NOT_ALLOWED' });
    expect(ex.reasons[0].clause.document.length).toBeGreaterThan(0);
    const ids = new Set(body.candidates.map((c) => c.expertId));
    for (const e of body.excluded!) {
      expect(ids.has(e.expertId)).toBe(false);
      expect(e.reasons.length).toBeGreaterThan(0);
    }
  });

  it('keeps county reviewers to their own county’s stored demands', async () => {
    const demand = t.demo.demands.find((d) => d.cycle === DEMO_CYCLE_ID)!;
    const region = t.demo.enterprises.find((e) => e.creditCode === demand.enterpriseCreditCode)!.region;
    const other = region === '330302' ? '330303' : '330302';
    expect((await post({ demandId: demand.externalId }, await t.staff('reviewer', region))).statusCode).toBe(200);
    const res = await post({ demandId: demand.externalId }, await t.staff('reviewer', other));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN_REGION');
  });

  it('is documented in the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths['/v1/match'].post).toBeDefined();
  });

  it('answers 404 for an unknown demand, cycle, policy or enterprise and 400 when no policy applies', async () => {
    const h = t.portal();
    const codes = async (p: unknown) => {
      const r = await post(p, h);
      return [r.statusCode, r.json().code];
    };
    expect(await codes({ demandId: 'no-such-demand' })).toEqual([404, 'NOT_FOUND']);
    expect(await codes({ title: '电池', cycle: 'no-such-cycle' })).toEqual([404, 'NOT_FOUND']);
    expect(await codes({ title: '电池', policy: 'no-such-policy' })).toEqual([404, 'NOT_FOUND']);
    expect(await codes({ title: '电池', policy: 'open', enterpriseCreditCode: '91330300MA2CFHY12X' })).toEqual([404, 'NOT_FOUND']);
    // Neither policy nor cycle, and no county to take an open cycle from (and no MATCH_DEFAULT_PROFILE): refused as before.
    expect(await codes({ title: '电池' })).toEqual([400, 'POLICY_REQUIRED']);
    expect(await codes({ demandId: t.demo.demands[0].externalId, cycle: 'wenzhou-2022' })).toEqual([400, 'DEMAND_CYCLE_MISMATCH']);
  });
});
