import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate';
import { verificationKey, type EvaluationStatus, type Outcome } from '../../src/policy/evaluation.types';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import type { ReasonCode } from '../../src/policy/reason-codes';
import { build, ENTERPRISE_CODES, EXPERT_ID, namedAgreed, OTHER_ENTERPRISE, type Mod } from './fixtures';

// Issue 11: verdicts as the five documents say them. Each row names the clause it reads and states the
// outcome of one rule and of the whole evaluation; every row failed on the code before the fix.
interface Row {
  profile: string;
  /** The rule whose verdict the row is about. */
  rule: string;
  name: string;
  outcome: Outcome;
  code?: ReasonCode;
  /** Facts reported missing (outcome unknown). */
  missing?: string[];
  /** The whole evaluation's status. */
  status?: EvaluationStatus;
  mod?: Mod;
}

const row = (profile: string, rule: string, name: string, outcome: Outcome, extra: Omit<Row, 'profile' | 'rule' | 'name' | 'outcome'> = {}): Row => ({
  profile,
  rule,
  name,
  outcome,
  ...extra,
});

const service = (start: string, end: string | undefined, cycle: string, grade?: '优秀' | '合格' | '不合格', code = OTHER_ENTERPRISE) => ({
  enterpriseCreditCode: code,
  startDate: start,
  cycle,
  ...(end ? { endDate: end } : {}),
  ...(grade ? { grade } : {}),
});

const TABLES: Record<string, Row[]> = {
  '1. currently serving, across cycles': [
    row('xinxiang-2025', 'xx-not-serving', 'excludes an expert still within a term at another enterprise from an earlier cycle', 'fail', {
      code: 'EXPERT_CURRENTLY_SERVING',
      status: 'ineligible',
      mod: { expert: { serviceHistory: [service('2024-03-01', '2026-02-28', 'xx-2024')] } },
    }),
    row('xinxiang-2025', 'xx-not-serving', 'admits an expert whose earlier term ended before the reference date', 'pass', {
      status: 'eligible',
      mod: { expert: { serviceHistory: [service('2023-03-01', '2025-02-28', 'xx-2023')] } },
    }),
    row('hubei-2020', 'hb-not-serving', 'excludes an expert still within a two-year term from an earlier cycle (每批服务期 2 年)', 'fail', {
      code: 'EXPERT_CURRENTLY_SERVING',
      status: 'ineligible',
      mod: { expert: { serviceHistory: [service('2021-07-15', '2023-07-14', 'hb-2021')] } },
    }),
    row('hubei-2020', 'hb-not-serving', 'counts the last day of the term as still serving', 'fail', {
      code: 'EXPERT_CURRENTLY_SERVING',
      mod: { expert: { serviceHistory: [service('2021-03-02', '2023-03-01', 'hb-2021')] } },
    }),
  ],
  '2. unanswered means unknown, not yes': [
    row('xinxiang-2025', 'xx-provides-conditions', 'sends a demand that never answered 是否提供工作条件 to review', 'unknown', {
      code: 'DEMAND_CONDITIONS_UNKNOWN',
      missing: ['demand.providesConditions'],
      status: 'unknown',
      mod: { demand: { providesConditions: undefined } },
    }),
    row('liaocheng-2025', 'lc-provides-conditions', 'sends a demand that never answered 是否提供工作条件 to review', 'unknown', {
      code: 'DEMAND_CONDITIONS_UNKNOWN',
      missing: ['demand.providesConditions'],
      status: 'unknown',
      mod: { demand: { providesConditions: undefined } },
    }),
    row('hubei-2020', 'hb-age', 'sends an expert without a birth date to review', 'unknown', {
      code: 'EXPERT_AGE_UNKNOWN',
      missing: ['expert.birthDate'],
      status: 'unknown',
      mod: { expert: { birthDate: undefined } },
    }),
    row('hubei-2020', 'hb-title', 'sends an expert without a recorded title to review', 'unknown', {
      code: 'EXPERT_QUALIFICATION_UNKNOWN',
      missing: ['expert.title'],
      status: 'unknown',
      mod: { expert: { title: undefined } },
    }),
    row('xinxiang-2025', 'xx-qualification', 'sends a 中级 expert without a recorded degree to review', 'unknown', {
      code: 'EXPERT_QUALIFICATION_UNKNOWN',
      missing: ['expert.degree'],
      mod: { expert: { title: '中级', degree: undefined } },
    }),
    row('xinxiang-2025', 'xx-qualification', 'decides a 硕士 without a recorded title: the degree alone suffices', 'pass', {
      mod: { expert: { title: undefined, degree: '硕士' } },
    }),
    row('hubei-2020', 'hb-enterprise-sme', 'sends an enterprise of 50000 万元 revenue without a head count to review', 'unknown', {
      code: 'ENTERPRISE_SIZE_UNKNOWN',
      missing: ['enterprise.employees'],
      mod: { enterprise: { employees: undefined, revenue: 50000 } },
    }),
    row('hubei-2020', 'hb-enterprise-sme', 'sends an enterprise with neither figure to review', 'unknown', {
      code: 'ENTERPRISE_SIZE_UNKNOWN',
      missing: ['enterprise.employees', 'enterprise.revenue'],
      mod: { enterprise: { employees: undefined, revenue: undefined } },
    }),
    row('liaocheng-2025', 'lc-enterprise-age', 'sends an enterprise without a registration date to review', 'unknown', {
      code: 'ENTERPRISE_REGISTERED_UNKNOWN',
      missing: ['enterprise.registeredAt'],
      mod: { enterprise: { registeredAt: undefined } },
    }),
    row('xinxiang-2025', 'xx-institution', 'sends an expert whose institution and own region are both unrecorded to review', 'unknown', {
      code: 'EXPERT_INSTITUTION_UNKNOWN',
      missing: ['expert.institution.region'],
      mod: { expert: { region: undefined, institution: { name: '某研究院', type: 'research_institute' } } },
    }),
    row('wenzhou-2025', 'wz-institution', 'needs no region for a university (any region is allowed)', 'pass', {
      mod: { expert: { region: undefined, institution: { name: '某大学', type: 'university' } } },
    }),
  ],
  '3. Liaocheng credit: 重大 qualifies the violations only': [
    row('liaocheng-2025', 'lc-enterprise-credit', 'excludes a minor bad credit record within three years', 'fail', {
      code: 'ENTERPRISE_BAD_CREDIT_RECORD',
      status: 'ineligible',
      mod: { enterprise: { creditIssues: [{ date: '2024-05-01', kind: '经营异常名录', serious: false, category: 'bad_credit' }] } },
    }),
    row('liaocheng-2025', 'lc-enterprise-credit', 'excludes a bad credit record exactly three years old', 'fail', {
      code: 'ENTERPRISE_BAD_CREDIT_RECORD',
      mod: { enterprise: { creditIssues: [{ date: '2022-09-01', kind: '失信被执行人', serious: false, category: 'bad_credit' }] } },
    }),
    row('liaocheng-2025', 'lc-enterprise-credit', 'admits a bad credit record one day older than three years', 'pass', {
      mod: { enterprise: { creditIssues: [{ date: '2022-08-31', kind: '失信被执行人', serious: false, category: 'bad_credit' }] } },
    }),
    row('liaocheng-2025', 'lc-enterprise-credit', 'admits a minor (not 重大) violation within three years', 'pass', {
      mod: { enterprise: { creditIssues: [{ date: '2024-05-01', kind: '行政处罚', serious: false, category: 'violation' }] } },
    }),
    row('liaocheng-2025', 'lc-enterprise-credit', 'sends an unclassified minor issue to review', 'unknown', {
      code: 'ENTERPRISE_CREDIT_UNKNOWN',
      missing: ['enterprise.creditIssues.category'],
      mod: { enterprise: { creditIssues: [{ date: '2024-05-01', kind: '行政处罚', serious: false }] } },
    }),
    row('wenzhou-2025', 'wz-enterprise-credit', 'admits a minor bad credit record under 近3年无严重失信记录', 'pass', {
      mod: { enterprise: { creditIssues: [{ date: '2024-05-01', kind: '经营异常名录', serious: false, category: 'bad_credit' }] } },
    }),
  ],
  '4. qualification lists match their items exactly': [
    row('xinxiang-2025', 'xx-enterprise-qualification', 'does not pass 高新技术企业培育库入库企业 as 高新技术企业; the list ends in 等, so it goes to review', 'unknown', {
      code: 'ENTERPRISE_QUALIFICATION_UNLISTED',
      missing: ['enterprise.qualifications'],
      status: 'unknown',
      mod: { enterprise: { qualifications: ['高新技术企业培育库入库企业'] } },
    }),
    row('xinxiang-2025', 'xx-enterprise-qualification', 'accepts 国家高新技术企业 through the synonym table', 'pass', {
      mod: { enterprise: { qualifications: ['国家高新技术企业'] } },
    }),
    row('xinxiang-2025', 'xx-enterprise-qualification', 'accepts 农业产业化国家重点龙头企业 as 农业产业化龙头企业', 'pass', {
      mod: { enterprise: { qualifications: ['农业产业化国家重点龙头企业'] } },
    }),
    row('wenzhou-2025', 'wz-priority-qualification', 'gives no priority to 高新技术企业培育库入库企业 and flags it for review', 'unknown', {
      code: 'ENTERPRISE_QUALIFICATION_UNLISTED',
      mod: { enterprise: { qualifications: ['高新技术企业培育库入库企业'] } },
    }),
    row('wenzhou-2025', 'wz-priority-qualification', 'does not take 规上工业企业 for 规上制造业企业 (review)', 'unknown', {
      code: 'ENTERPRISE_QUALIFICATION_UNLISTED',
      mod: { enterprise: { qualifications: ['规上工业企业'] } },
    }),
    row('wuhan-2023', 'wh-priority-zjtx', 'treats 培育入库 as its own box of the form, not 专精特新中小企业 (closed list: no priority)', 'fail', {
      code: 'ENTERPRISE_QUALIFICATION_MISSING',
      mod: { enterprise: { qualifications: ['专精特新培育企业'] } },
    }),
    row('liaocheng-2025', 'lc-priority-qualification', 'gives no priority to 高新技术企业培育库入库企业 (review)', 'unknown', {
      code: 'ENTERPRISE_QUALIFICATION_UNLISTED',
      mod: { enterprise: { qualifications: ['高新技术企业培育库入库企业'] } },
    }),
  ],
  '5. age, work experience, 事业单位 and 多头任职': [
    row('xinxiang-2025', 'xx-age', '初聘 only: a 52-year-old on a second appointment (earlier term graded 合格, another enterprise) is not capped', 'pass', {
      code: 'EXPERT_NOT_FIRST_APPOINTMENT',
      status: 'eligible',
      mod: { expert: { birthDate: '1972-06-01', serviceHistory: [service('2021-01-01', '2022-12-31', 'xx-2021', '合格')] } },
    }),
    row('xinxiang-2025', 'xx-age', '初聘 only: a second appointment after a 不合格 term is not a first appointment either', 'pass', {
      code: 'EXPERT_NOT_FIRST_APPOINTMENT',
      mod: { expert: { birthDate: '1972-06-01', serviceHistory: [service('2021-01-01', '2022-12-31', 'xx-2021', '不合格')] } },
    }),
    row('xinxiang-2025', 'xx-age', 'a first appointment turning 51 on the reference date is over the cap', 'fail', {
      code: 'EXPERT_TOO_OLD',
      mod: { expert: { birthDate: '1974-04-01' } },
    }),
    row('wuhan-2023', 'wh-age', '45周岁以下 relaxed only through 73号 二(三), up to the profile bound of 55', 'relaxed', {
      code: 'EXPERT_TOO_OLD',
      status: 'review',
      mod: { expert: { birthDate: '1968-03-01' }, demand: namedAgreed },
    }),
    row('wuhan-2023', 'wh-age', 'named and agreed at 56 is beyond the relaxation bound', 'fail', {
      code: 'EXPERT_TOO_OLD',
      status: 'ineligible',
      mod: { expert: { birthDate: '1967-03-01' }, demand: namedAgreed },
    }),
    row('hubei-2020', 'hb-age', 'turning 46 on the reference date fails', 'fail', { code: 'EXPERT_TOO_OLD', mod: { expert: { birthDate: '1977-03-01' } } }),
    row('hubei-2020', 'hb-age', 'named and agreed at 56 is beyond the relaxation bound (适当放宽 has one)', 'fail', {
      code: 'EXPERT_TOO_OLD',
      mod: { expert: { birthDate: '1967-02-28' }, demand: namedAgreed },
    }),
    row('hubei-2020', 'hb-age', 'named and agreed without a birth date cannot be checked against the bound', 'unknown', {
      code: 'EXPERT_AGE_UNKNOWN',
      missing: ['expert.birthDate'],
      mod: { expert: { birthDate: undefined }, demand: namedAgreed },
    }),
    row('liaocheng-2025', 'lc-work-years', '两年以上 counted from the date: the second anniversary passes', 'pass', {
      mod: { expert: { workStartYear: undefined, workStartDate: '2023-09-01' } },
    }),
    row('liaocheng-2025', 'lc-work-years', '两年以上 counted from the date: one day short fails', 'fail', {
      code: 'EXPERT_WORK_YEARS_INSUFFICIENT',
      mod: { expert: { workStartYear: undefined, workStartDate: '2023-09-02' } },
    }),
    row('liaocheng-2025', 'lc-work-years', 'a year alone that cannot decide (2023 at 2025-09-01) goes to review', 'unknown', {
      code: 'EXPERT_WORK_YEARS_UNKNOWN',
      missing: ['expert.workStartDate'],
      mod: { expert: { workStartYear: 2023 } },
    }),
    row('liaocheng-2025', 'lc-work-years', 'a year alone that decides (2022) passes', 'pass', { mod: { expert: { workStartYear: 2022 } } }),
    row('wenzhou-2025', 'wz-work-years', '满两年 counted from the date: one day short fails', 'fail', {
      code: 'EXPERT_WORK_YEARS_INSUFFICIENT',
      mod: { expert: { workStartYear: undefined, workStartDate: '2023-07-02' } },
    }),
    row('wenzhou-2025', 'wz-work-years', 'no start at all goes to review', 'unknown', {
      code: 'EXPERT_WORK_YEARS_UNKNOWN',
      missing: ['expert.workStartDate'],
      mod: { expert: { workStartYear: undefined } },
    }),
    row('xinxiang-2025', 'xx-institution', '事业单位: a new R&D institution registered as a 有限公司 is refused', 'fail', {
      code: 'EXPERT_INSTITUTION_NOT_ALLOWED',
      mod: { expert: { institution: { name: '新乡市中科智造技术研究院有限公司', type: 'new_rd_institution', region: '410702' } } },
    }),
    row('xinxiang-2025', 'xx-institution', '事业单位: a new R&D institution that is not a company is accepted', 'pass', {
      mod: { expert: { institution: { name: '新乡市产业技术研究院', type: 'new_rd_institution', region: '410702' } } },
    }),
    row('wenzhou-2025', 'wz-expert-capacity', '尽量避免多头任职 within a cycle is advisory, as across cycles', 'relaxed', {
      code: 'PAIR_EXPERT_AT_CAPACITY',
      status: 'review',
      mod: { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } },
    }),
  ],
};

describe.each(Object.keys(TABLES))('issue 11, %s', (item) => {
  for (const r of TABLES[item]) {
    const profile = BUILT_IN_PROFILES.get(r.profile)!;
    const rule = profile.rules.find((x) => x.id === r.rule);
    it(`${rule ? `${rule.clause.document} ${rule.clause.article}` : r.rule}: ${r.name}`, () => {
      expect(rule, `rule ${r.rule} in ${r.profile}`).toBeDefined();
      const { expert, enterprise, demand, ctx } = build(r.profile, r.mod);
      const ev = evaluate(profile, expert, enterprise, demand, ctx);
      const result = ev.results.find((x) => x.ruleId === r.rule)!;
      expect(result.outcome, result.message).toBe(r.outcome);
      if (r.code) expect(result.code).toBe(r.code);
      if (r.missing) expect(result.missing).toEqual(r.missing);
      if (r.status) expect(ev.status).toBe(r.status);
      if (r.outcome === 'unknown') {
        // Never a silent pass: the rule names what is missing and a hard one holds the pair for review.
        expect(result.message).toMatch(/缺少|需人工/);
        if (rule!.effect === 'hard') {
          expect(ev.eligible).toBe(false);
          expect(ev.needsReview).toBe(true);
          expect(ev.missing).toEqual(expect.arrayContaining(r.missing ?? []));
        } else {
          expect(ev.priorities.map((p) => p.ruleId)).not.toContain(r.rule);
        }
      }
      if (r.outcome === 'fail' && rule!.effect === 'hard') expect(ev.eligible).toBe(false);
    });
  }
});

describe('issue 11, reviewer verdicts on unknown facts', () => {
  const xinxiang = BUILT_IN_PROFILES.get('xinxiang-2025')!;
  const noAnswer = { demand: { providesConditions: undefined } };
  const at = '2025-04-02T03:00:00.000Z';

  it('新科〔2025〕12号 三(二)3: a verdict recorded for the demand decides the unknown and says who verified it', () => {
    const { expert, enterprise, demand, ctx } = build('xinxiang-2025', noAnswer);
    const verifications = new Map([
      [verificationKey('demand', demand.externalId, 'xx-provides-conditions'), { verdict: 'pass' as const, by: 'county-a', at, reason: '电话确认企业提供实验室和住宿' }],
    ]);
    const ev = evaluate(xinxiang, expert, enterprise, demand, { ...ctx, verifications });
    const r = ev.results.find((x) => x.ruleId === 'xx-provides-conditions')!;
    expect(r).toMatchObject({ outcome: 'pass', code: 'DEMAND_CONDITIONS_UNKNOWN', missing: ['demand.providesConditions'], verification: { by: 'county-a', subject: 'demand' } });
    expect(r.message).toContain('经 county-a 于 2025-04-02 核实：符合（电话确认企业提供实验室和住宿）');
    expect(ev.status).toBe('eligible');
  });

  it('新科〔2025〕12号 三(二)3: a fail verdict excludes, and a verdict never overrides a fact the record states', () => {
    const { expert, enterprise, demand, ctx } = build('xinxiang-2025', noAnswer);
    const key = verificationKey('demand', demand.externalId, 'xx-provides-conditions');
    const failed = evaluate(xinxiang, expert, enterprise, demand, {
      ...ctx,
      verifications: new Map([[key, { verdict: 'fail' as const, by: 'county-a', at, reason: '企业答复无法提供' }]]),
    });
    expect(failed.status).toBe('ineligible');
    const answered = build('xinxiang-2025', { demand: { providesConditions: false } });
    const ev = evaluate(xinxiang, answered.expert, answered.enterprise, answered.demand, {
      ...answered.ctx,
      verifications: new Map([[key, { verdict: 'pass' as const, by: 'x', at, reason: 'y' }]]),
    });
    expect(ev.results.find((x) => x.ruleId === 'xx-provides-conditions')).toMatchObject({ outcome: 'fail', code: 'DEMAND_NO_CONDITIONS' });
  });

  it('鄂经信科技〔2020〕73号 二(三): a verdict for one expert does not apply to another', () => {
    const hubei = BUILT_IN_PROFILES.get('hubei-2020')!;
    const { expert, enterprise, demand, ctx } = build('hubei-2020', { expert: { birthDate: undefined } });
    const other = new Map([[verificationKey('expert', 'E-9999', 'hb-age'), { verdict: 'pass' as const, by: 'x', at, reason: 'y' }]]);
    expect(evaluate(hubei, expert, enterprise, demand, { ...ctx, verifications: other }).status).toBe('unknown');
    const mine = new Map([[verificationKey('expert', EXPERT_ID, 'hb-age'), { verdict: 'pass' as const, by: 'x', at, reason: '身份证复印件核实 1980 年生' }]]);
    expect(evaluate(hubei, expert, enterprise, demand, { ...ctx, verifications: mine }).status).toBe('eligible');
    expect(ENTERPRISE_CODES.hubei).toBe(enterprise.creditCode);
  });
});
