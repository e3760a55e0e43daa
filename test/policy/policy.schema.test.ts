import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate';
import { policyProfileSchema, type PolicyProfileInput } from '../../src/policy/policy.schema';
import { toPolicyErrors } from '../../src/policy/policy.service';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import { build } from './fixtures';

const custom: PolicyProfileInput = {
  id: 'test-county-2026',
  name: '某县试点',
  jurisdiction: { name: '鹿城区', regionCode: '330302' },
  rules: [
    { id: 'age', kind: 'expert.maxAge', effect: 'hard', years: 55, clause: { document: '某县文件', article: '二(一)' } },
    { id: 'region', kind: 'enterprise.region', effect: 'hard', regionCode: '330302', clause: { document: '某县文件', article: '二(二)' } },
  ],
};

const errorsOf = (input: unknown) => {
  const r = policyProfileSchema.safeParse(input);
  return r.success ? [] : toPolicyErrors(r.error);
};

describe('built-in profiles', () => {
  it('are the five documents plus open', () => {
    expect([...BUILT_IN_PROFILES.keys()]).toEqual(['hubei-2020', 'wuhan-2023', 'xinxiang-2025', 'liaocheng-2025', 'wenzhou-2025', 'open']);
  });

  it('cite a document and an article on every rule and relaxation', () => {
    for (const p of BUILT_IN_PROFILES.values()) {
      for (const r of p.rules) {
        expect(r.clause.document && r.clause.article && r.clause.text, `${p.id}/${r.id}`).toBeTruthy();
        for (const x of r.relaxations) expect(x.clause.document && x.clause.article, `${p.id}/${r.id}`).toBeTruthy();
      }
    }
  });

  it('open: passes everyone, with no rules at all', () => {
    const open = BUILT_IN_PROFILES.get('open')!;
    const { expert, enterprise, demand, ctx } = build('hubei-2020', {
      expert: { birthDate: '1940-01-01', title: undefined, degree: undefined, badRecords: [{ date: '2023-01-01', kind: '学术不端' }] },
      enterprise: { region: '110000', creditIssues: [{ date: '2023-01-01', kind: '严重失信', serious: true }] },
      demand: { providesConditions: false },
      ctx: { enterpriseHadTechVp: true, assignedEnterprisesOfExpert: ['X'], assignedExpertsOfEnterprise: ['Y'] },
    });
    expect(evaluate(open, expert, enterprise, demand, ctx)).toEqual({ eligible: true, needsReview: false, results: [], priorityBoost: 0, priorities: [] });
  });
});

describe('custom profiles', () => {
  it('accepts a valid profile and fills defaults', () => {
    const p = policyProfileSchema.parse(custom);
    expect(p.version).toBe(1);
    expect(p.expertCapacity).toBe(1);
    expect(p.rules[0]).toMatchObject({ boost: 1, relaxations: [] });
  });

  it.each([
    ['a negative age limit', { rules: [{ ...custom.rules[0], years: -1 }] }, 'rules.0.years'],
    ['an unknown rule kind', { rules: [{ ...custom.rules[0], kind: 'expert.height' }] }, 'rules.0.kind'],
    ['a missing clause article', { rules: [{ ...custom.rules[0], clause: { document: '某县文件' } }] }, 'rules.0.clause.article'],
    ['a bad region code', { rules: [custom.rules[0], { ...custom.rules[1], regionCode: '3303' }] }, 'rules.1.regionCode'],
    ['a duplicate rule id', { rules: [custom.rules[0], { ...custom.rules[1], id: 'age' }] }, 'rules.1.id'],
    [
      'a relaxation on a soft rule',
      { rules: [{ ...custom.rules[0], effect: 'soft', relaxations: [{ kind: 'advisory', clause: { document: 'x', article: 'y' } }] }] },
      'rules.0.relaxations',
    ],
    ['an unknown relaxation kind', { rules: [{ ...custom.rules[0], relaxations: [{ kind: 'bribe', clause: { document: 'x', article: 'y' } }] }] }, 'rules.0.relaxations.0.kind'],
    ['an industry rule without industries', { rules: [{ id: 'ind', kind: 'enterprise.industry', effect: 'soft', clause: { document: 'x', article: 'y' } }] }, 'priorityIndustries'],
    ['an invalid effect', { rules: [{ ...custom.rules[0], effect: 'maybe' }] }, 'rules.0.effect'],
    ['an upper-case id', { id: 'Bad_Id' }, 'id'],
  ])('rejects %s and reports the path of the bad field', (_what, patch, path) => {
    const errors = errorsOf({ ...custom, ...patch });
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('names the rule kinds that exist when the kind is unknown', () => {
    const [e] = errorsOf({ ...custom, rules: [{ ...custom.rules[0], kind: 'expert.height' }] });
    expect(e.message).toContain('expert.maxAge');
  });
});
