import type { PolicyProfileInput } from '../policy.schema';

const DOC = '鄂经信科技〔2020〕73号';
const c = (article: string, text: string) => ({ document: DOC, article, text });

export const HUBEI_DOC = DOC;

/** 选派科技人才到中小微企业担任“科技副总”工作实施方案 (Hubei, 2020): the base scheme. */
export const hubei2020: PolicyProfileInput = {
  id: 'hubei-2020',
  version: 1,
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
      relaxations: [{ kind: 'namedAgreed', clause: c('二(三)', '企业有意向人选并与其协商一致的，年龄可适当放宽') }],
    },
    {
      id: 'hb-bad-record',
      kind: 'expert.noBadRecord',
      effect: 'hard',
      withinYears: 3,
      clause: c('二(四)', '近 3 年内无任何不良记录'),
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
  priorityIndustries: [],
  expertCapacity: 1,
  enterpriseCapacity: 1,
  notes: '四(二)“每名科技人才可申报多个企业”指申报阶段；选派后按“对口担任”一人一企。',
};
