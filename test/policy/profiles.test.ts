import { describe, expect, it } from 'vitest';
import { evaluate, evaluateEnterprise, evaluateExpert, evaluatePair } from '../../src/policy/evaluate';
import type { Outcome } from '../../src/policy/evaluation.types';
import type { ReasonCode } from '../../src/policy/reason-codes';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import { build, ENTERPRISE_CODES, EXPERT_ID, grantedInvention, namedAgreed, OTHER_ENTERPRISE, type Mod } from './fixtures';

// One table per profile: every rule has at least one passing and one failing case (checked below),
// and each test is named after the clause it exercises.
interface Case {
  rule: string;
  name: string;
  outcome: Outcome;
  code?: ReasonCode;
  mod?: Mod;
}

const pass = (rule: string, name: string, mod?: Mod, code?: ReasonCode): Case => ({ rule, name, outcome: 'pass', mod, code });
const fail = (rule: string, name: string, code: ReasonCode, mod?: Mod): Case => ({ rule, name, outcome: 'fail', code, mod });
const relaxed = (rule: string, name: string, code: ReasonCode, mod?: Mod): Case => ({ rule, name, outcome: 'relaxed', code, mod });

const serving = (start: string, end?: string, cycle?: string) => ({
  expert: { serviceHistory: [{ enterpriseCreditCode: OTHER_ENTERPRISE, startDate: start, ...(end ? { endDate: end } : {}), ...(cycle ? { cycle } : {}) }] },
});
const noEvidence = { patents: [], papers: [], projects: [] };

const CASES: Record<string, Case[]> = {
  'hubei-2020': [
    pass('hb-institution', 'accepts a university researcher'),
    pass('hb-institution', 'accepts a research-institute researcher from another province', {
      expert: { institution: { name: '中国科学院半导体研究所', type: 'research_institute', region: '110000' } },
    }),
    fail('hb-institution', 'rejects a researcher sent by a new R&D institution', 'EXPERT_INSTITUTION_NOT_ALLOWED', {
      expert: { institution: { name: '某新型研发机构', type: 'new_rd_institution', region: '420111' } },
    }),
    pass('hb-title', 'accepts 正高级 (以上 includes higher titles)', { expert: { title: '正高级' } }),
    pass('hb-title', 'accepts exactly 副高级'),
    fail('hb-title', 'rejects a 中级 PhD: the title is required, a degree does not replace it', 'EXPERT_QUALIFICATION_INSUFFICIENT', { expert: { title: '中级' } }),
    fail('hb-title', 'rejects an expert with no recorded title', 'EXPERT_QUALIFICATION_INSUFFICIENT', { expert: { title: undefined } }),
    pass('hb-achievements', 'accepts a granted utility patent (专利技术) without papers', { expert: { ...noEvidence, patents: [{ ...grantedInvention, type: 'utility' }] } }),
    pass('hb-achievements', 'accepts research results (a paper)'),
    fail('hb-achievements', 'rejects an expert without patents or research results', 'EXPERT_NO_ACHIEVEMENTS', { expert: noEvidence }),
    fail('hb-achievements', 'does not count a patent that is only filed', 'EXPERT_NO_ACHIEVEMENTS', {
      expert: { ...noEvidence, patents: [{ ...grantedInvention, status: 'filed' }] },
    }),
    pass('hb-age', 'accepts a person whose 45th birthday is the reference date (45 岁以下 includes 45)', { expert: { birthDate: '1978-03-01' } }),
    pass('hb-age', 'accepts a person the day before their 46th birthday', { expert: { birthDate: '1977-03-02' } }),
    fail('hb-age', 'rejects a 46-year-old without an agreed nomination', 'EXPERT_TOO_OLD', { expert: { birthDate: '1977-03-01' } }),
    fail('hb-age', 'rejects a 46-year-old named but not yet agreed', 'EXPERT_TOO_OLD', {
      expert: { birthDate: '1977-03-01' },
      demand: { namedCandidates: [{ expertExternalId: EXPERT_ID, agreed: false }] },
    }),
    relaxed('hb-age', 'relaxes the age of a 52-year-old the enterprise named and agreed with', 'EXPERT_TOO_OLD', { expert: { birthDate: '1970-06-01' }, demand: namedAgreed }),
    pass('hb-bad-record', 'accepts a bad record one day older than 3 years', { expert: { badRecords: [{ date: '2020-02-29', kind: '其他' }] } }),
    fail('hb-bad-record', 'rejects a bad record exactly 3 years old (近 3 年内 includes the anniversary)', 'EXPERT_BAD_RECORD', {
      expert: { badRecords: [{ date: '2020-03-01', kind: '其他' }] },
    }),
    fail('hb-bad-record', 'rejects any kind of recent bad record (任何不良记录)', 'EXPERT_BAD_RECORD', { expert: { badRecords: [{ date: '2022-01-10', kind: '违反廉洁纪律' }] } }),
    pass('hb-enterprise-region', 'accepts an enterprise registered in Wuhan (inside Hubei)'),
    pass('hb-enterprise-region', 'accepts an enterprise registered in Yichang', { enterprise: { region: '420500' } }),
    fail('hb-enterprise-region', 'rejects an enterprise registered in Wenzhou', 'ENTERPRISE_OUTSIDE_JURISDICTION', { enterprise: { region: '330302' } }),
    pass('hb-enterprise-sme', 'accepts 1000 employees with revenue below 40000 万元', { enterprise: { employees: 1000, revenue: 39999 } }),
    pass('hb-enterprise-sme', 'accepts an enterprise whose size is not recorded', { enterprise: { employees: undefined, revenue: undefined } }),
    fail('hb-enterprise-sme', 'rejects a large enterprise (1000 employees and 40000 万元)', 'ENTERPRISE_NOT_SME', { enterprise: { employees: 1000, revenue: 40000 } }),
    pass('hb-expert-capacity', 'accepts an expert not yet assigned in this cycle'),
    pass('hb-expert-capacity', 'accepts re-checking the enterprise the expert is already assigned to', { ctx: { assignedEnterprisesOfExpert: [ENTERPRISE_CODES.hubei] } }),
    fail('hb-expert-capacity', 'rejects an expert already assigned to another enterprise', 'PAIR_EXPERT_AT_CAPACITY', { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } }),
    pass('hb-enterprise-capacity', 'accepts an enterprise without an expert in this cycle'),
    fail('hb-enterprise-capacity', 'rejects an enterprise that already has another expert', 'PAIR_ENTERPRISE_AT_CAPACITY', { ctx: { assignedExpertsOfEnterprise: ['E-0999'] } }),
    pass('hb-named-agreed', 'prioritises the named and agreed candidate', { demand: namedAgreed }, 'PAIR_NAMED_AGREED'),
    fail('hb-named-agreed', 'gives no priority to an expert not named', 'PAIR_NOT_NAMED_AGREED'),
  ],
  'wuhan-2023': [
    pass('wh-institution', 'accepts a university researcher'),
    fail('wh-institution', 'rejects a vocational-school teacher', 'EXPERT_INSTITUTION_NOT_ALLOWED', {
      expert: { institution: { name: '武汉职业技术学院', type: 'vocational_school', region: '420111' } },
    }),
    pass('wh-title', 'accepts 副高级'),
    fail('wh-title', 'rejects a 中级 PhD', 'EXPERT_QUALIFICATION_INSUFFICIENT', { expert: { title: '中级' } }),
    pass('wh-achievements', 'accepts a granted invention patent', { expert: { ...noEvidence, patents: [grantedInvention] } }),
    pass('wh-achievements', 'accepts research results (a paper)'),
    fail('wh-achievements', 'rejects a utility patent alone (发明专利 required)', 'EXPERT_NO_ACHIEVEMENTS', {
      expert: { ...noEvidence, patents: [{ ...grantedInvention, type: 'utility' }] },
    }),
    pass('wh-age', 'accepts a person whose 45th birthday is the reference date (45周岁以下)', { expert: { birthDate: '1978-03-01' } }),
    fail('wh-age', 'rejects a 46-year-old without an agreed nomination', 'EXPERT_TOO_OLD', { expert: { birthDate: '1977-03-01' } }),
    relaxed('wh-age', 'relaxes the age of a named and agreed candidate (鄂经信科技〔2020〕73号 二(三))', 'EXPERT_TOO_OLD', {
      expert: { birthDate: '1977-03-01' },
      demand: namedAgreed,
    }),
    pass('wh-bad-record', 'accepts a bad record older than 3 years', { expert: { badRecords: [{ date: '2019-12-01', kind: '学术不端' }] } }),
    fail('wh-bad-record', 'rejects a bad record within 3 years', 'EXPERT_BAD_RECORD', { expert: { badRecords: [{ date: '2021-12-01', kind: '学术不端' }] } }),
    pass('wh-not-serving', 'accepts an expert whose service ended the day before the reference date', serving('2021-03-01', '2023-02-28')),
    pass('wh-not-serving', "ignores the expert's appointment in this very cycle", serving('2023-03-01', undefined, 'wh-2023')),
    fail('wh-not-serving', 'rejects an expert whose term ends after the reference date (尚在服务期内)', 'EXPERT_CURRENTLY_SERVING', serving('2021-06-01', '2023-05-31')),
    fail('wh-not-serving', 'rejects an expert on the last day of the term', 'EXPERT_CURRENTLY_SERVING', serving('2021-03-01', '2023-03-01')),
    fail('wh-not-serving', 'rejects an expert with an open-ended appointment', 'EXPERT_CURRENTLY_SERVING', serving('2022-06-01')),
    pass('wh-previous-cycles', 'accepts naming an expert who did not serve in 2021 or 2022', { demand: namedAgreed }),
    pass('wh-previous-cycles', 'does not exclude a 2022 expert the enterprise did not name', { ctx: { previousCycleExpertIds: new Set([EXPERT_ID]) } }),
    fail('wh-previous-cycles', 'rejects naming a 2022 科技副总 as a candidate', 'EXPERT_PREVIOUS_CYCLE_NAMED', {
      demand: namedAgreed,
      ctx: { previousCycleExpertIds: new Set([EXPERT_ID]) },
    }),
    pass('wh-enterprise-region', 'accepts an enterprise registered in 洪山区'),
    fail('wh-enterprise-region', 'rejects an enterprise registered in Yichang (Hubei, not Wuhan)', 'ENTERPRISE_OUTSIDE_JURISDICTION', { enterprise: { region: '420500' } }),
    pass('wh-enterprise-sme', 'accepts a small enterprise'),
    fail('wh-enterprise-sme', 'rejects a large enterprise', 'ENTERPRISE_NOT_SME', { enterprise: { employees: 5000, revenue: 900000 } }),
    pass('wh-no-prior-tech-vp', 'accepts an enterprise that never had a 科技副总', { ctx: { enterpriseHadTechVp: false } }),
    fail('wh-no-prior-tech-vp', 'excludes an enterprise that already had a 科技副总 (原则上不再安排)', 'ENTERPRISE_HAD_TECH_VP', { ctx: { enterpriseHadTechVp: true } }),
    pass('wh-expert-capacity', 'accepts an unassigned expert'),
    fail('wh-expert-capacity', 'rejects an expert assigned elsewhere', 'PAIR_EXPERT_AT_CAPACITY', { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } }),
    pass('wh-enterprise-capacity', 'accepts an enterprise without an expert'),
    fail('wh-enterprise-capacity', 'rejects a second expert for the enterprise', 'PAIR_ENTERPRISE_AT_CAPACITY', { ctx: { assignedExpertsOfEnterprise: ['E-0999'] } }),
    pass('wh-named-agreed', 'prioritises the named and agreed candidate', { demand: namedAgreed }),
    fail('wh-named-agreed', 'gives no priority without an agreed nomination', 'PAIR_NOT_NAMED_AGREED'),
    pass('wh-priority-industry', 'prioritises 光电子信息', { enterprise: { industry: '光电子信息' } }),
    pass('wh-priority-industry', 'prioritises the form option 量子 as 量子信息', { enterprise: { industry: '量子' } }, 'ENTERPRISE_PRIORITY_INDUSTRY'),
    pass('wh-priority-industry', 'prioritises 算力与大数据 as 大数据', { enterprise: { industry: '算力与大数据' } }),
    fail('wh-priority-industry', 'gives no priority to 纺织服装', 'ENTERPRISE_OTHER_INDUSTRY'),
    pass('wh-priority-zjtx', 'prioritises a provincial 专精特新 SME', { enterprise: { qualifications: ['省级“专精特新”中小企业'] } }),
    pass('wh-priority-zjtx', 'prioritises a national 小巨人 written with ASCII quotes', { enterprise: { qualifications: ['国家"专精特新"小巨人'] } }),
    fail('wh-priority-zjtx', 'gives no priority to an enterprise without these qualifications', 'ENTERPRISE_QUALIFICATION_MISSING', {
      enterprise: { qualifications: ['高新技术企业'] },
    }),
    pass('wh-priority-rd', 'prioritises an enterprise with an R&D institution', { enterprise: { rdInstitutions: [{ name: '企业技术中心', level: 'municipal' }] } }),
    fail('wh-priority-rd', 'gives no priority without an R&D institution', 'ENTERPRISE_NO_RD_INSTITUTION'),
  ],
  'xinxiang-2025': [
    pass('xx-institution', 'accepts a university in Xinxiang (在新高校)'),
    pass('xx-institution', "falls back to the expert's region when the institution has none", { expert: { institution: { name: '新乡医学院', type: 'university' } } }),
    fail('xx-institution', 'rejects a university outside Xinxiang', 'EXPERT_INSTITUTION_NOT_ALLOWED', {
      expert: { institution: { name: '武汉大学', type: 'university', region: '420106' } },
    }),
    pass('xx-qualification', "accepts a master's degree without a senior title", { expert: { degree: '硕士', title: '中级' } }),
    pass('xx-qualification', "accepts 副高级 with a bachelor's degree", { expert: { degree: '学士', title: '副高级' } }),
    fail('xx-qualification', "rejects a bachelor's degree with 中级", 'EXPERT_QUALIFICATION_INSUFFICIENT', { expert: { degree: '学士', title: '中级' } }),
    fail('xx-qualification', 'does not relax for a filed (ungranted) invention patent', 'EXPERT_QUALIFICATION_INSUFFICIENT', {
      expert: { degree: '学士', title: '中级', patents: [{ ...grantedInvention, status: 'filed' }] },
    }),
    relaxed('xx-qualification', 'relaxes the degree for core IP (a granted invention patent), flagged for review', 'EXPERT_QUALIFICATION_INSUFFICIENT', {
      expert: { degree: '学士', title: '中级', patents: [grantedInvention] },
    }),
    pass('xx-age', 'accepts a person whose 50th birthday is the reference date (不超过 50 周岁)', { expert: { birthDate: '1975-04-01' } }),
    pass('xx-age', 'accepts a person the day before their 51st birthday', { expert: { birthDate: '1974-04-02' } }),
    fail('xx-age', 'rejects a 51-year-old first appointment', 'EXPERT_TOO_OLD', { expert: { birthDate: '1974-04-01' } }),
    relaxed('xx-age', 'relaxes the age for core IP', 'EXPERT_TOO_OLD', { expert: { birthDate: '1970-01-01', patents: [grantedInvention] } }),
    relaxed('xx-age', 'relaxes the age on renewal after an 优秀 term (初聘 only)', 'EXPERT_TOO_OLD', {
      expert: { birthDate: '1970-01-01', serviceHistory: [{ enterpriseCreditCode: ENTERPRISE_CODES.xinxiang, startDate: '2022-04-01', endDate: '2024-03-31', grade: '优秀' }] },
      demand: namedAgreed,
    }),
    fail('xx-age', 'does not treat a 合格 term as a renewal', 'EXPERT_TOO_OLD', {
      expert: { birthDate: '1970-01-01', serviceHistory: [{ enterpriseCreditCode: ENTERPRISE_CODES.xinxiang, startDate: '2022-04-01', endDate: '2024-03-31', grade: '合格' }] },
      demand: namedAgreed,
    }),
    pass('xx-bad-record', 'accepts a record one day older than 3 years', { expert: { badRecords: [{ date: '2022-03-31', kind: '科研失信' }] } }),
    fail('xx-bad-record', 'rejects a record exactly 3 years old', 'EXPERT_BAD_RECORD', { expert: { badRecords: [{ date: '2022-04-01', kind: '科研失信' }] } }),
    pass('xx-enterprise-region', 'accepts an enterprise registered in 红旗区'),
    fail('xx-enterprise-region', 'rejects an enterprise registered in Liaocheng', 'ENTERPRISE_OUTSIDE_JURISDICTION', { enterprise: { region: '371502' } }),
    pass('xx-enterprise-credit', 'accepts a non-serious credit issue', { enterprise: { creditIssues: [{ date: '2024-05-01', kind: '行政处罚（一般）', serious: false }] } }),
    pass('xx-enterprise-credit', 'accepts a serious issue one day older than 3 years', { enterprise: { creditIssues: [{ date: '2022-03-31', kind: '严重失信', serious: true }] } }),
    fail('xx-enterprise-credit', 'rejects a serious dishonesty record within 3 years (企业信誉良好)', 'ENTERPRISE_SERIOUS_ISSUE', {
      enterprise: { creditIssues: [{ date: '2022-04-01', kind: '严重失信', serious: true }] },
    }),
    pass('xx-enterprise-qualification', 'accepts a 高新技术企业'),
    pass('xx-enterprise-qualification', 'accepts 国家级专精特新“小巨人”企业 with full-width quotes', { enterprise: { qualifications: ['国家级专精特新“小巨人”企业'] } }),
    pass('xx-enterprise-qualification', 'accepts 规模以上工业企业 as 规上工业企业', { enterprise: { qualifications: ['规模以上工业企业'] } }),
    fail('xx-enterprise-qualification', 'rejects an enterprise with none of the listed qualifications', 'ENTERPRISE_QUALIFICATION_MISSING', {
      enterprise: { qualifications: ['省级“专精特新”培育入库企业'] },
    }),
    pass('xx-provides-conditions', 'accepts a demand that promises working conditions'),
    fail('xx-provides-conditions', 'rejects a demand that does not', 'DEMAND_NO_CONDITIONS', { demand: { providesConditions: false } }),
    pass('xx-conflict', 'accepts an enterprise founded by unrelated people', {
      enterprise: {
        relatedParties: [
          { kind: 'founder', name: '王某' },
          { kind: 'investor', institutionName: '郑州大学' },
        ],
      },
    }),
    fail('xx-conflict', 'rejects an enterprise founded by the applicant', 'PAIR_CONFLICT_OF_INTEREST', {
      enterprise: { relatedParties: [{ kind: 'founder', expertExternalId: EXPERT_ID }] },
    }),
    fail('xx-conflict', "rejects an enterprise the applicant's university invested in (full-width spacing)", 'PAIR_CONFLICT_OF_INTEREST', {
      enterprise: { relatedParties: [{ kind: 'investor', institutionName: '河南师范大学\u3000' }] },
    }),
    pass('xx-expert-capacity', 'accepts an unassigned expert'),
    fail('xx-expert-capacity', 'rejects an expert assigned to another enterprise', 'PAIR_EXPERT_AT_CAPACITY', { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } }),
    pass('xx-enterprise-capacity', 'accepts the first expert of an enterprise'),
    fail('xx-enterprise-capacity', 'rejects a second expert (择优选择1人)', 'PAIR_ENTERPRISE_AT_CAPACITY', { ctx: { assignedExpertsOfEnterprise: ['E-0999'] } }),
    pass('xx-priority-platform', 'prioritises a municipal engineering research centre', {
      enterprise: { rdInstitutions: [{ name: '新乡市工程技术研究中心', level: 'municipal' }] },
    }),
    fail('xx-priority-platform', 'gives no priority to an R&D unit below municipal level', 'ENTERPRISE_NO_RD_INSTITUTION', {
      enterprise: { rdInstitutions: [{ name: '研发部', level: 'other' }] },
    }),
    pass('xx-priority-cooperation', 'prioritises prior cooperation with the enterprise', {
      expert: { cooperations: [{ enterpriseCreditCode: ENTERPRISE_CODES.xinxiang, year: 2023 }] },
    }),
    fail('xx-priority-cooperation', 'gives no priority without prior cooperation', 'PAIR_NO_PRIOR_COOPERATION', {
      expert: { cooperations: [{ enterpriseCreditCode: OTHER_ENTERPRISE }] },
    }),
    pass('xx-priority-renewal', 'prioritises renewing an 优秀 科技副总 both sides want to keep', {
      expert: { serviceHistory: [{ enterpriseCreditCode: ENTERPRISE_CODES.xinxiang, startDate: '2022-04-01', endDate: '2024-03-31', grade: '优秀' }] },
      demand: namedAgreed,
    }),
    fail('xx-priority-renewal', 'gives no renewal priority when the enterprise did not agree to continue', 'PAIR_NO_RENEWAL', {
      expert: { serviceHistory: [{ enterpriseCreditCode: ENTERPRISE_CODES.xinxiang, startDate: '2022-04-01', endDate: '2024-03-31', grade: '优秀' }] },
    }),
  ],
  'liaocheng-2025': [
    pass('lc-institution', 'accepts a university researcher'),
    fail('lc-institution', 'rejects a researcher from an enterprise-type unit', 'EXPERT_INSTITUTION_NOT_ALLOWED', {
      expert: { institution: { name: '某公司研究院', type: 'other', region: '371502' } },
    }),
    pass('lc-qualification', 'accepts a PhD with 中级', { expert: { degree: '博士', title: '中级' } }),
    pass('lc-qualification', "accepts 副高级 with a master's degree", { expert: { degree: '硕士', title: '副高级' } }),
    fail('lc-qualification', "rejects a master's degree with 中级 (博士 required)", 'EXPERT_QUALIFICATION_INSUFFICIENT', { expert: { degree: '硕士', title: '中级' } }),
    pass('lc-work-years', 'accepts exactly 2 years of work (两年以上 includes 2)', { expert: { workStartYear: 2023 } }),
    fail('lc-work-years', 'rejects 1 year of work', 'EXPERT_WORK_YEARS_INSUFFICIENT', { expert: { workStartYear: 2024 } }),
    fail('lc-work-years', 'rejects a record without a work start year', 'EXPERT_WORK_YEARS_UNKNOWN', { expert: { workStartYear: undefined } }),
    pass('lc-bad-record', 'accepts a recent record of an unlisted kind', { expert: { badRecords: [{ date: '2025-01-01', kind: '交通违法' }] } }),
    pass('lc-bad-record', 'accepts 科研失信 one day older than 3 years', { expert: { badRecords: [{ date: '2022-08-31', kind: '科研失信' }] } }),
    fail('lc-bad-record', 'rejects 科研失信 exactly 3 years old', 'EXPERT_BAD_RECORD', { expert: { badRecords: [{ date: '2022-09-01', kind: '科研失信' }] } }),
    fail('lc-bad-record', 'rejects recent 学术不端', 'EXPERT_BAD_RECORD', { expert: { badRecords: [{ date: '2024-03-01', kind: '学术不端（论文抄袭）' }] } }),
    pass('lc-not-serving', 'accepts an expert whose earlier term has ended', serving('2022-07-01', '2024-06-30')),
    fail('lc-not-serving', 'rejects an expert serving another enterprise (只能服务一家)', 'EXPERT_CURRENTLY_SERVING', serving('2024-07-01', '2026-06-30')),
    pass('lc-failed-grade', 'accepts 不合格 that ended one day more than 2 years ago', {
      expert: { serviceHistory: [{ enterpriseCreditCode: OTHER_ENTERPRISE, startDate: '2021-09-01', endDate: '2023-08-31', grade: '不合格' }] },
    }),
    pass('lc-failed-grade', 'accepts a recent 合格 grade', {
      expert: { serviceHistory: [{ enterpriseCreditCode: OTHER_ENTERPRISE, startDate: '2023-01-01', endDate: '2025-01-01', grade: '合格' }] },
    }),
    fail('lc-failed-grade', 'rejects 不合格 exactly 2 years ago (两年内不得再次申报)', 'EXPERT_RECENT_FAILED_GRADE', {
      expert: { serviceHistory: [{ enterpriseCreditCode: OTHER_ENTERPRISE, startDate: '2021-09-01', endDate: '2023-09-01', grade: '不合格' }] },
    }),
    pass('lc-enterprise-region', 'accepts an enterprise registered in 东昌府区'),
    fail('lc-enterprise-region', 'rejects an enterprise registered in Xinxiang', 'ENTERPRISE_OUTSIDE_JURISDICTION', { enterprise: { region: '410702' } }),
    pass('lc-enterprise-age', 'accepts an enterprise registered exactly 1 year ago (满1年)', { enterprise: { registeredAt: '2024-09-01' } }),
    fail('lc-enterprise-age', 'rejects an enterprise registered one day short of 1 year', 'ENTERPRISE_TOO_NEW', { enterprise: { registeredAt: '2024-09-02' } }),
    pass('lc-enterprise-credit', 'accepts a serious violation older than 3 years', { enterprise: { creditIssues: [{ date: '2022-08-31', kind: '重大违法', serious: true }] } }),
    fail('lc-enterprise-credit', 'rejects a major violation within 3 years', 'ENTERPRISE_SERIOUS_ISSUE', {
      enterprise: { creditIssues: [{ date: '2023-02-01', kind: '重大税收违法', serious: true }] },
    }),
    pass('lc-provides-conditions', 'accepts a demand that promises conditions'),
    fail('lc-provides-conditions', 'rejects a demand that does not', 'DEMAND_NO_CONDITIONS', { demand: { providesConditions: false } }),
    pass('lc-conflict', 'accepts an enterprise without related parties'),
    fail('lc-conflict', "rejects an enterprise founded by the expert's university", 'PAIR_CONFLICT_OF_INTEREST', {
      enterprise: { relatedParties: [{ kind: 'founder', institutionName: '聊城大学' }] },
    }),
    pass('lc-expert-capacity', 'accepts an unassigned expert'),
    fail('lc-expert-capacity', 'rejects an expert already assigned in this cycle', 'PAIR_EXPERT_AT_CAPACITY', { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } }),
    pass('lc-priority-industry', 'prioritises 高端装备 as 高端装备制造', { enterprise: { industry: '高端装备' } }),
    pass('lc-priority-industry', 'prioritises 新能源汽车 under 新能源', { enterprise: { industry: '新能源汽车' } }),
    fail('lc-priority-industry', 'gives no priority to 纺织服装', 'ENTERPRISE_OTHER_INDUSTRY'),
    pass('lc-priority-qualification', 'prioritises a 瞪羚企业', { enterprise: { qualifications: ['瞪羚企业'] } }),
    fail('lc-priority-qualification', 'gives no priority without the listed qualifications', 'ENTERPRISE_QUALIFICATION_MISSING'),
  ],
  'wenzhou-2025': [
    pass('wz-institution', 'accepts a university anywhere in China (拓展至国内高校院所)', { expert: { institution: { name: '浙江大学', type: 'university', region: '330100' } } }),
    pass('wz-institution', 'accepts a vocational school', { expert: { institution: { name: '温州职业技术学院', type: 'vocational_school', region: '330304' } } }),
    pass('wz-institution', 'accepts a new R&D institution in Wenzhou', { expert: { institution: { name: '瓯江实验室', type: 'new_rd_institution', region: '330302' } } }),
    fail('wz-institution', 'rejects a new R&D institution outside Wenzhou', 'EXPERT_INSTITUTION_NOT_ALLOWED', {
      expert: { institution: { name: '某研究院', type: 'new_rd_institution', region: '330100' } },
    }),
    pass('wz-work-years', 'accepts 2 years of work (满两年)', { expert: { workStartYear: 2023 } }),
    fail('wz-work-years', 'rejects 1 year of work', 'EXPERT_WORK_YEARS_INSUFFICIENT', { expert: { workStartYear: 2024 } }),
    pass('wz-qualification', "accepts a master's degree", { expert: { degree: '硕士', title: '中级' } }),
    fail('wz-qualification', "rejects a bachelor's degree with 中级", 'EXPERT_QUALIFICATION_INSUFFICIENT', { expert: { degree: '学士', title: '中级' } }),
    relaxed('wz-qualification', 'relaxes degree and title for core IP, flagged for review', 'EXPERT_QUALIFICATION_INSUFFICIENT', {
      expert: { degree: '学士', title: '初级', patents: [grantedInvention] },
    }),
    pass('wz-integrity', 'accepts an expert without integrity records'),
    pass('wz-integrity', 'accepts 科研失信 older than 3 years', { expert: { badRecords: [{ date: '2022-06-30', kind: '科研失信' }] } }),
    relaxed('wz-integrity', 'flags (does not exclude) recent 学术不端 for the sending unit and county to judge', 'EXPERT_BAD_RECORD', {
      expert: { badRecords: [{ date: '2024-11-15', kind: '学术不端' }] },
    }),
    pass('wz-not-serving', 'accepts an expert not serving elsewhere'),
    relaxed('wz-not-serving', 'flags (does not exclude) an expert serving elsewhere: 尽量避免多头任职', 'EXPERT_CURRENTLY_SERVING', serving('2024-07-01', '2026-06-30')),
    pass('wz-enterprise-region', 'accepts an enterprise registered in 鹿城区'),
    fail('wz-enterprise-region', 'rejects an enterprise registered in Hangzhou', 'ENTERPRISE_OUTSIDE_JURISDICTION', { enterprise: { region: '330100' } }),
    pass('wz-enterprise-credit', 'accepts a serious record older than 3 years', { enterprise: { creditIssues: [{ date: '2022-06-30', kind: '严重失信', serious: true }] } }),
    fail('wz-enterprise-credit', 'rejects a serious dishonesty record exactly 3 years old', 'ENTERPRISE_SERIOUS_ISSUE', {
      enterprise: { creditIssues: [{ date: '2022-07-01', kind: '严重失信', serious: true }] },
    }),
    pass('wz-conflict', 'accepts an enterprise without related parties'),
    fail('wz-conflict', 'rejects an enterprise the applicant invested in', 'PAIR_CONFLICT_OF_INTEREST', {
      enterprise: { relatedParties: [{ kind: 'investor', expertExternalId: EXPERT_ID }] },
    }),
    pass('wz-expert-capacity', 'accepts an unassigned expert'),
    fail('wz-expert-capacity', 'rejects a second enterprise for the expert (一企一人)', 'PAIR_EXPERT_AT_CAPACITY', { ctx: { assignedEnterprisesOfExpert: [OTHER_ENTERPRISE] } }),
    pass('wz-enterprise-capacity', 'accepts the first expert of an enterprise'),
    fail('wz-enterprise-capacity', 'rejects a second expert for the enterprise (一企一人)', 'PAIR_ENTERPRISE_AT_CAPACITY', { ctx: { assignedExpertsOfEnterprise: ['E-0999'] } }),
    pass('wz-priority-young', 'prioritises a person whose 40th birthday is the reference date', { expert: { birthDate: '1985-07-01' } }),
    fail('wz-priority-young', 'gives no youth priority to a 41-year-old', 'EXPERT_TOO_OLD', { expert: { birthDate: '1984-07-01' } }),
    pass('wz-priority-qualification', 'prioritises a 专精特新“小巨人” enterprise', { enterprise: { qualifications: ['国家级专精特新“小巨人”企业'] } }),
    fail('wz-priority-qualification', 'gives no priority without a listed qualification', 'ENTERPRISE_QUALIFICATION_MISSING'),
  ],
};

describe.each(Object.keys(CASES))('profile %s', (profileId) => {
  const profile = BUILT_IN_PROFILES.get(profileId)!;
  const rules = new Map(profile.rules.map((r) => [r.id, r]));

  it('baseline scenario passes every hard rule', () => {
    const { expert, enterprise, demand, ctx } = build(profileId);
    const ev = evaluate(profile, expert, enterprise, demand, ctx);
    expect(ev.results.filter((r) => r.effect === 'hard' && r.outcome !== 'pass')).toEqual([]);
    expect(ev.eligible).toBe(true);
    expect(ev.needsReview).toBe(false);
  });

  it('has a passing and a failing case for every rule', () => {
    for (const r of profile.rules) {
      const outcomes = new Set(CASES[profileId].filter((c) => c.rule === r.id).map((c) => c.outcome));
      expect({ rule: r.id, pass: outcomes.has('pass'), fail: outcomes.has('fail') || outcomes.has('relaxed') }).toEqual({ rule: r.id, pass: true, fail: true });
    }
  });

  for (const c of CASES[profileId]) {
    const rule = rules.get(c.rule);
    const title = rule ? `${rule.clause.document} ${rule.clause.article}: ${c.name}` : `unknown rule ${c.rule}`;
    it(title, () => {
      expect(rule, `rule ${c.rule} exists in ${profileId}`).toBeDefined();
      const { expert, enterprise, demand, ctx } = build(profileId, c.mod);
      const ev = evaluate(profile, expert, enterprise, demand, ctx);
      const result = ev.results.find((r) => r.ruleId === c.rule)!;
      expect(result.outcome, result.message).toBe(c.outcome);
      if (c.code) expect(result.code).toBe(c.code);
      expect(result.clause).toEqual(rule!.clause);
      expect(result.message.length).toBeGreaterThan(0);
      if (rule!.effect === 'hard') {
        if (c.outcome === 'fail') expect(ev.eligible).toBe(false);
        if (c.outcome === 'relaxed') {
          expect(ev.needsReview).toBe(true);
          expect(result.relaxation?.clause.document).toBeTruthy();
        }
      } else if (c.outcome === 'pass') {
        expect(ev.priorities.map((p) => p.ruleId)).toContain(c.rule);
        expect(ev.priorityBoost).toBeGreaterThanOrEqual(rule!.boost);
      } else {
        expect(ev.priorities.map((p) => p.ruleId)).not.toContain(c.rule);
      }

      // The batch helpers used by ranking must reach the same verdicts as evaluate().
      const ex = evaluateExpert(profile, expert, ctx);
      const en = evaluateEnterprise(profile, enterprise, ctx);
      expect(evaluatePair(profile, expert, enterprise, demand, ctx, { expert: ex, enterprise: en })).toEqual(ev);
      expect(evaluatePair(profile, expert, enterprise, demand, ctx)).toEqual(ev);
    });
  }
});
