import type { PolicyProfileInput } from '../policy.schema';

const DOC = '鄂经信科技〔2020〕73号';
const c = (article: string, text: string) => ({ document: DOC, article, text });

export const HUBEI_DOC = DOC;

/** How a Hubei placement runs (term, agreement, service time, 验收, termination, targets); Wuhan's 2023 plan runs its placements under the same province rules. */
export const HUBEI_PLACEMENT: NonNullable<PolicyProfileInput['placement']> = {
  term: { years: 2, clause: c('三', '“科技副总”每批服务期 2 年') },
  agreement: { clause: c('四(三)', '组织接收企业、选派人员及接收地方签订“科技副总”三方项目合同书，明确各方权责') },
  serviceTime: { period: 'month', minDays: 7, clause: c('三', '选派人员以定期与不定期相结合的形式服务企业，原则上每月服务时间不少于 7 天') },
  evaluation: {
    // 验收意见 gives no scale: accepted or not.
    grades: ['合格', '不合格'],
    opensMonthsBeforeEnd: 1,
    clause: c('六(四)', '离服务期满的 1 个月内，选派人员向派出单位、所在市州党委组织部和经信局提交总结报告，由接收市州提出验收意见'),
  },
  termination: { clause: c('六(一)', '定期对选派人员工作业绩进行考核评估，对不胜任工作的商派出单位终止服务或另派人选') },
  targets: [
    {
      kind: 'placements',
      scope: 'programme',
      min: 1000,
      until: '2024-12-31',
      label: '选派科技人才（5 年，每年 200 名左右）',
      clause: c('一', '从 2020 年起连续 5 年，每年选派 200 名左右科技人才，对口担任中小微企业“科技副总”'),
    },
  ],
};

/** 选派科技人才到中小微企业担任“科技副总”工作实施方案 (Hubei, 2020): the base scheme. */
export const hubei2020: PolicyProfileInput = {
  id: 'hubei-2020',
  version: 2,
  name: '湖北省选派科技人才到中小微企业担任“科技副总”（2020）',
  jurisdiction: { name: '湖北省', regionCode: '420000' },
  document: {
    title: '选派科技人才到中小微企业担任“科技副总”工作实施方案',
    number: DOC,
    issuer: '中共湖北省委人才工作领导小组办公室、湖北省经济和信息化厅',
    date: '2020-07-01',
  },
  rules: [
    {
      id: 'hb-institution',
      kind: 'expert.institution',
      effect: 'hard',
      clause: c('二', '企业“科技副总”从省内外高校、科研院所中选派'),
      allowed: [{ types: ['university', 'research_institute'] }],
    },
    {
      id: 'hb-title',
      kind: 'expert.qualification',
      effect: 'hard',
      clause: c('二(二)', '一般应具有副高级以上专业技术职称'),
      anyOf: [{ title: '副高级' }],
    },
    {
      id: 'hb-achievements',
      kind: 'expert.achievements',
      effect: 'hard',
      clause: c('二(二)', '拥有发明专利、专利技术或科研成果'),
      patentTypes: ['invention', 'utility', 'design', 'software_copyright'],
      patentStatuses: ['granted'],
      researchResults: true,
    },
    {
      id: 'hb-age',
      kind: 'expert.maxAge',
      effect: 'hard',
      years: 45,
      clause: c('二(三)', '年龄一般在 45 岁以下，企业有意向人选并与其协商一致的，年龄可适当放宽'),
      // 适当放宽 states no number: 55 is this profile's bound (a setting, see docs/policies.md).
      relaxations: [{ kind: 'namedAgreed', upTo: 55, clause: c('二(三)', '企业有意向人选并与其协商一致的，年龄可适当放宽') }],
    },
    {
      id: 'hb-bad-record',
      kind: 'expert.noBadRecord',
      effect: 'hard',
      withinYears: 3,
      clause: c('二(四)', '近 3 年内无任何不良记录'),
    },
    {
      // A two-year term with one stipend per person per term: someone still in a term takes no second enterprise.
      id: 'hb-not-serving',
      kind: 'expert.notCurrentlyServing',
      effect: 'hard',
      clause: c('三、五(一)', '“科技副总”每批服务期 2 年……服务期内给予每名企业“科技副总”工作保障经费 5 万元'),
    },
    {
      id: 'hb-enterprise-region',
      kind: 'enterprise.region',
      effect: 'hard',
      regionCode: '420000',
      clause: c('四(一)', '省经信厅通知市州经信局，动员、组织当地企业提交“科技副总”需求'),
    },
    {
      id: 'hb-enterprise-sme',
      kind: 'enterprise.sme',
      effect: 'hard',
      maxEmployees: 1000,
      maxRevenue: 40000,
      clause: c('一', '每年选派 200 名左右科技人才，对口担任中小微企业“科技副总”'),
    },
    {
      id: 'hb-expert-capacity',
      kind: 'pair.expertCapacity',
      effect: 'hard',
      clause: c('一', '对口担任中小微企业“科技副总”'),
    },
    {
      id: 'hb-enterprise-capacity',
      kind: 'pair.enterpriseCapacity',
      effect: 'hard',
      clause: c('一', '对口担任中小微企业“科技副总”'),
    },
    {
      id: 'hb-named-agreed',
      kind: 'pair.namedAgreed',
      effect: 'soft',
      boost: 3,
      clause: c('四(二)', '企业有意向人选并已与其协商一致的，可优先考虑、直接安排'),
    },
  ],
  placement: HUBEI_PLACEMENT,
  priorityIndustries: [],
  expertCapacity: 1,
  enterpriseCapacity: 1,
  allocation: {
    quota: {
      level: 'city',
      count: 'enterprises',
      clause: c('四(二)', '各地选派企业“科技副总”名额，原则上按照当地征集需求数量占全省征集需求总量的比例分配'),
    },
    namedAgreedFirst: { clause: c('四(二)', '企业有意向人选并已与其协商一致的，可优先考虑、直接安排') },
  },
  notes: '四(二)“每名科技人才可申报多个企业”指申报阶段；选派后按“对口担任”一人一企。',
};
