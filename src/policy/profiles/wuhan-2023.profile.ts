import type { PolicyProfileInput } from '../policy.schema';
import { HUBEI_DOC, HUBEI_PLACEMENT } from './hubei-2020.profile';

const DOC = '武汉市2023年“科技副总”选派通知';
const c = (article: string, text: string) => ({ document: DOC, article, text });
const hb = (article: string, text: string) => ({ document: HUBEI_DOC, article, text });

/** 关于组织开展2023年选派“科技副总”服务中小微企业工作的通知 (Wuhan, under the Hubei scheme). */
export const wuhan2023: PolicyProfileInput = {
  id: 'wuhan-2023',
  version: 2,
  name: '武汉市2023年选派“科技副总”服务中小微企业',
  jurisdiction: { name: '武汉市', regionCode: '420100' },
  document: {
    title: '关于组织开展2023年选派“科技副总”服务中小微企业工作的通知',
    issuer: '武汉市人才工作局、武汉市经济和信息化局',
  },
  rules: [
    {
      id: 'wh-institution',
      kind: 'expert.institution',
      effect: 'hard',
      clause: c('二', '“科技副总”从省内外高等学校、科研院所中选派'),
      allowed: [{ types: ['university', 'research_institute'] }],
    },
    {
      id: 'wh-title',
      kind: 'expert.qualification',
      effect: 'hard',
      clause: c('二', '职称副高级以上'),
      anyOf: [{ title: '副高级' }],
    },
    {
      id: 'wh-achievements',
      kind: 'expert.achievements',
      effect: 'hard',
      clause: c('二', '拥有发明专利或科研成果'),
      patentTypes: ['invention'],
      patentStatuses: ['granted'],
      researchResults: true,
    },
    {
      id: 'wh-age',
      kind: 'expert.maxAge',
      effect: 'hard',
      years: 45,
      clause: c('二', '45周岁以下'),
      // The notice itself states no relaxation; it applies 73号 (首段 根据……鄂经信科技〔2020〕73号……要求), whose 二(三) does.
      relaxations: [{ kind: 'namedAgreed', upTo: 55, clause: hb('二(三)', '企业有意向人选并与其协商一致的，年龄可适当放宽') }],
    },
    {
      id: 'wh-bad-record',
      kind: 'expert.noBadRecord',
      effect: 'hard',
      withinYears: 3,
      clause: c('二', '近3年内无任何不良记录'),
    },
    {
      id: 'wh-not-serving',
      kind: 'expert.notCurrentlyServing',
      effect: 'hard',
      clause: c('二', '尚在服务期内的“科技副总”不得申报'),
    },
    {
      id: 'wh-previous-cycles',
      kind: 'expert.notPreviousCycles',
      effect: 'hard',
      scope: 'named',
      clause: c('附件1 三', '2021年、2022年已选派担任“科技副总”的专家，不得列为期望专家备选人员'),
    },
    {
      id: 'wh-enterprise-region',
      kind: 'enterprise.region',
      effect: 'hard',
      regionCode: '420100',
      clause: c('首段', '面向全市开展征集企业技术创新难题和“科技副总”需求'),
    },
    {
      id: 'wh-enterprise-sme',
      kind: 'enterprise.sme',
      effect: 'hard',
      maxEmployees: 1000,
      maxRevenue: 40000,
      clause: c('标题', '选派“科技副总”服务中小微企业'),
    },
    {
      id: 'wh-no-prior-tech-vp',
      kind: 'enterprise.noPriorTechVp',
      effect: 'hard',
      clause: c('四(三)', '已选派过“科技副总”的企业原则上不再安排'),
    },
    {
      id: 'wh-expert-capacity',
      kind: 'pair.expertCapacity',
      effect: 'hard',
      clause: c('一', '对口担任中小微企业“科技副总”'),
    },
    {
      id: 'wh-enterprise-capacity',
      kind: 'pair.enterpriseCapacity',
      effect: 'hard',
      clause: c('一', '对口担任中小微企业“科技副总”'),
    },
    {
      id: 'wh-named-agreed',
      kind: 'pair.namedAgreed',
      effect: 'soft',
      boost: 3,
      clause: hb('四(二)', '企业有意向人选并已与其协商一致的，可优先考虑、直接安排'),
    },
    {
      id: 'wh-priority-industry',
      kind: 'enterprise.industry',
      effect: 'soft',
      boost: 1,
      clause: c('一', '重点围绕光电子信息、新能源与智能网联汽车、生命健康、高端装备、北斗、量子信息、软件与信息安全、人工智能与类脑科学、大数据和现代种业等产业'),
    },
    {
      id: 'wh-priority-zjtx',
      kind: 'enterprise.qualifications',
      effect: 'soft',
      boost: 1,
      clause: c('六(二)', '重点突出“专精特新”中小企业'),
      // The form's check boxes (附件1 一 资质/荣誉), matched exactly: 培育入库 is its own box, not 专精特新中小企业.
      anyOf: ['国家“专精特新”小巨人', '省级“专精特新”中小企业', '省级“专精特新”培育入库企业', '现代种业优势特色企业'],
    },
    {
      id: 'wh-priority-rd',
      kind: 'enterprise.rdInstitution',
      effect: 'soft',
      boost: 1,
      clause: c('六(二)', '建有研发机构的企业优先推荐'),
    },
  ],
  placement: HUBEI_PLACEMENT,
  priorityIndustries: [
    '光电子信息',
    '新能源与智能网联汽车',
    '生命健康',
    '高端装备',
    '北斗',
    { name: '量子信息', match: ['量子'] },
    { name: '软件与信息安全', match: ['软件与信息安全', '软件和信息安全'] },
    '人工智能与类脑科学',
    { name: '大数据', match: ['大数据'] },
    '现代种业',
  ],
  expertCapacity: 1,
  enterpriseCapacity: 1,
  allocation: {
    quota: {
      level: 'city',
      count: 'enterprises',
      clause: c('四(四)', '省经信厅根据各地征集需求数量占全省征集需求总量的比例，确定各地选派“科技副总”的名额'),
    },
    namedAgreedFirst: { clause: hb('四(二)', '企业有意向人选并已与其协商一致的，可优先考虑、直接安排') },
  },
  notes:
    '二 的年龄条件“45周岁以下”本身没有放宽条款；放宽依据是首段所称的鄂经信科技〔2020〕73号 二(三)，放宽上限 55 周岁为本策略设置。名额由省经信厅按各市州征集需求数量比例确定（四(四)），武汉市内各区之间的分配文件未作规定。',
};
