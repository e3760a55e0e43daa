import { describe, expect, it } from 'vitest';
import { compileProfile } from '../../src/policy/compile-profile';
import { evaluate, evaluateEnterprise, evaluateExpert, evaluatePair } from '../../src/policy/evaluate';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import { build, EXPERT_ID, grantedInvention, namedAgreed, OTHER_ENTERPRISE } from './fixtures';

const hubei = BUILT_IN_PROFILES.get('hubei-2020')!;
const xinxiang = BUILT_IN_PROFILES.get('xinxiang-2025')!;

describe('evaluate', () => {
  it('marks rules whose records are missing as not_applicable', () => {
    const { expert, ctx } = build('xinxiang-2025');
    const ev = evaluate(xinxiang, expert, undefined, undefined, ctx);
    const byId = new Map(ev.results.map((r) => [r.ruleId, r]));
    expect(byId.get('xx-age')!.outcome).toBe('pass');
    expect(byId.get('xx-enterprise-region')).toMatchObject({ outcome: 'not_applicable', code: 'NOT_APPLICABLE' });
    expect(byId.get('xx-conflict')!.outcome).toBe('not_applicable');
    expect(byId.get('xx-provides-conditions')!.message).toContain('需求');
    expect(ev.eligible).toBe(true);
  });

  it('evaluates an enterprise alone', () => {
    const { enterprise, ctx } = build('xinxiang-2025', { enterprise: { qualifications: [] } });
    const ev = evaluate(xinxiang, undefined, enterprise, undefined, ctx);
    expect(ev.eligible).toBe(false);
    expect(ev.results.find((r) => r.ruleId === 'xx-enterprise-qualification')!.code).toBe('ENTERPRISE_QUALIFICATION_MISSING');
    expect(ev.results.find((r) => r.ruleId === 'xx-age')!.outcome).toBe('not_applicable');
  });

  it('explains a relaxed rule with both clauses: the rule and the relaxation', () => {
    const { expert, enterprise, demand, ctx } = build('hubei-2020', { expert: { birthDate: '1970-01-01' }, demand: namedAgreed });
    const r = evaluate(hubei, expert, enterprise, demand, ctx).results.find((x) => x.ruleId === 'hb-age')!;
    expect(r).toMatchObject({ outcome: 'relaxed', code: 'EXPERT_TOO_OLD', relaxation: { kind: 'namedAgreed', code: 'RELAXED_NAMED_AGREED' } });
    expect(r.message).toContain('年龄 53 岁，超过 45 岁上限');
    expect(r.clause).toMatchObject({ document: '鄂经信科技〔2020〕73号', article: '二(三)' });
  });

  it('sums the boosts of passing soft rules', () => {
    const { expert, enterprise, demand, ctx } = build('xinxiang-2025', {
      expert: { cooperations: [{ enterpriseCreditCode: '91410702MA9G12345A' }] },
      enterprise: { rdInstitutions: [{ name: '新乡市工程技术研究中心', level: 'provincial' }] },
    });
    const ev = evaluate(xinxiang, expert, enterprise, demand, ctx);
    expect(ev.priorities.map((p) => p.ruleId).sort()).toEqual(['xx-priority-cooperation', 'xx-priority-platform']);
    expect(ev.priorityBoost).toBe(3);
  });

  it('is eligible with several failures only when all are relaxed', () => {
    const { expert, enterprise, demand, ctx } = build('xinxiang-2025', {
      expert: { birthDate: '1960-01-01', degree: '学士', title: '中级', patents: [grantedInvention] },
    });
    const ev = evaluate(xinxiang, expert, enterprise, demand, ctx);
    expect(ev.eligible).toBe(true);
    expect(ev.needsReview).toBe(true);
    expect(ev.results.filter((r) => r.outcome === 'relaxed').map((r) => r.ruleId)).toEqual(['xx-qualification', 'xx-age']);
  });
});

describe('evaluateExpert / evaluateEnterprise / evaluatePair', () => {
  it('evaluates only expert-only rules and flags failures a demand may still relax', () => {
    const { expert, ctx } = build('hubei-2020', { expert: { birthDate: '1970-01-01' } });
    const ev = evaluateExpert(hubei, expert, ctx);
    expect(ev.results.map((r) => r.kind.startsWith('expert.'))).not.toContain(false);
    expect(ev.eligible).toBe(false);
    expect(ev.pairRelaxable).toBe(true);
    expect(ev.results.find((r) => r.ruleId === 'hb-age')).toMatchObject({ outcome: 'fail', relaxableInPair: true });
  });

  it('is not pair-relaxable when another failure cannot be relaxed', () => {
    const { expert, ctx } = build('hubei-2020', { expert: { birthDate: '1970-01-01', title: '中级' } });
    expect(evaluateExpert(hubei, expert, ctx).pairRelaxable).toBe(false);
  });

  it('re-runs the pair-relaxable failure against the demand that names the expert', () => {
    const { expert, enterprise, demand, ctx } = build('hubei-2020', { expert: { birthDate: '1970-01-01' }, demand: namedAgreed });
    const pre = { expert: evaluateExpert(hubei, expert, ctx), enterprise: evaluateEnterprise(hubei, enterprise, ctx) };
    const ev = evaluatePair(hubei, expert, enterprise, demand, ctx, pre);
    expect(ev.eligible).toBe(true);
    expect(ev.needsReview).toBe(true);
    expect(ev.results.map((r) => r.ruleId)).toEqual(hubei.rules.map((r) => r.id));
  });

  it('reports the conflict of interest of the pair even when both sides are eligible alone', () => {
    const { expert, enterprise, demand, ctx } = build('hubei-2020', { enterprise: { relatedParties: [{ kind: 'founder', expertExternalId: EXPERT_ID }] } });
    expect(evaluateExpert(hubei, expert, ctx).eligible).toBe(true);
    expect(evaluateEnterprise(hubei, enterprise, ctx).eligible).toBe(true);
    // Hubei has no conflict-of-interest clause; Xinxiang does.
    expect(evaluatePair(hubei, expert, enterprise, demand, ctx).eligible).toBe(true);
    const x = build('xinxiang-2025', { enterprise: { relatedParties: [{ kind: 'founder', expertExternalId: EXPERT_ID }] } });
    expect(evaluatePair(xinxiang, x.expert, x.enterprise, x.demand, x.ctx).eligible).toBe(false);
  });

  // How cheap that makes 100k evaluations is measured by `npm run bench -- policy`, not asserted here.
  it('reuses the compiled profile across calls and gives the same verdict each time', () => {
    const { expert, ctx } = build('hubei-2020', { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } });
    expect(compileProfile(hubei)).toBe(compileProfile(hubei));
    const first = evaluateExpert(hubei, expert, ctx);
    for (let i = 0; i < 3; i++) expect(evaluateExpert(hubei, expert, ctx)).toEqual(first);
    expect(compileProfile({ ...hubei })).not.toBe(compileProfile(hubei));
  });
});
