import type { PolicyProfileInput } from '../policy.schema';

const DOC = '新科〔2025〕12号';
const c = (article: string, text: string) => ({ document: DOC, article, text });

const CORE_IP = c('三(一)5', '对拥有核心知识产权或成熟科技成果、市内企业急需紧缺的人才，可适当放宽年龄、学历等条件要求');

/** 新乡市“科技副总”三年行动计划（2025—2027年）. */
export const xinxiang2025: PolicyProfileInput = {
  id: 'xinxiang-2025',
  version: 2,
  name: '新乡市“科技副总”三年行动计划（2025—2027年）',
  jurisdiction: { name: '新乡市', regionCode: '410700' },
  document: {
    title: '新乡市“科技副总”三年行动计划（2025—2027年）',
    number: DOC,
    issuer: '中共新乡市委组织部、新乡市科学技术局等',
    date: '2025-03-19',
  },
  rules: [
    {
      id: 'xx-institution',
      kind: 'expert.institution',
      effect: 'hard',
      clause: c('三(一)1', '派出单位为在新高校、科研院所以及其他具有研发能力的事业单位'),
      allowed: [{ types: ['university', 'research_institute', 'vocational_school', 'new_rd_institution'], region: '410700' }],
      notCompany: true,
    },
    {
      id: 'xx-qualification',
      kind: 'expert.qualification',
      effect: 'hard',
      clause: c('三(一)2', '原则上应当具有硕士学位或副高级以上专业技术职称'),
      anyOf: [{ degree: '硕士' }, { title: '副高级' }],
      relaxations: [{ kind: 'coreIp', clause: CORE_IP, minGrantedInventionPatents: 1 }],
    },
    {
      // 初聘 only: anyone appointed 科技副总 before (any grade) is not on a first appointment.
      id: 'xx-age',
      kind: 'expert.maxAge',
      effect: 'hard',
      years: 50,
      firstAppointmentOnly: true,
      clause: c('三(一)2', '初聘年龄一般不超过 50 周岁'),
      relaxations: [{ kind: 'coreIp', clause: CORE_IP, minGrantedInventionPatents: 1 }],
    },
    {
      id: 'xx-bad-record',
      kind: 'expert.noBadRecord',
      effect: 'hard',
      withinYears: 3,
      clause: c('三(一)4', '近三年内无任何不良记录'),
    },
    {
      // Two years at the same enterprise: someone still within a term elsewhere cannot commit to a second one.
      id: 'xx-not-serving',
      kind: 'expert.notCurrentlyServing',
      effect: 'hard',
      clause: c('三(一)3', '能够在市内同一企业工作不少于两年，且每年原则上不少于 45 天'),
    },
    {
      id: 'xx-enterprise-region',
      kind: 'enterprise.region',
      effect: 'hard',
      regionCode: '410700',
      clause: c('三(二)1', '应为新乡市境内注册的企业'),
    },
    {
      id: 'xx-enterprise-credit',
      kind: 'enterprise.noSeriousIssues',
      effect: 'hard',
      withinYears: 3,
      seriousOnly: true,
      clause: c('三(二)1', '企业信誉良好'),
    },
    {
      id: 'xx-enterprise-qualification',
      kind: 'enterprise.qualifications',
      effect: 'hard',
      clause: c('三(二)1', '企业需具有下列资质之一：规上工业企业、创新龙头企业、“瞪羚”企业、高新技术企业……科改企业等'),
      // The list ends in 等: a qualification not on it goes to review, it neither passes nor fails.
      openEnded: true,
      anyOf: [
        '规上工业企业',
        '创新龙头企业',
        '“瞪羚”企业',
        '高新技术企业',
        '科技型中小企业',
        '技术先进型服务企业',
        '技术创新示范企业',
        '专精特新“小巨人”企业',
        '专精特新中小企业',
        '创新型中小企业',
        { name: '农业产业化龙头企业', match: ['农业产业化国家重点龙头企业', '农业产业化省级重点龙头企业', '农业产业化市级重点龙头企业'] },
        { name: '科改企业', match: ['科改示范企业'] },
      ],
    },
    {
      id: 'xx-provides-conditions',
      kind: 'demand.providesConditions',
      effect: 'hard',
      clause: c('三(二)3', '能够为“科技副总”提供必要的工作条件、科研条件、生活条件和安全保障'),
    },
    {
      id: 'xx-conflict',
      kind: 'pair.conflictOfInterest',
      effect: 'hard',
      clause: c('三(二)5', '不得为申报人及所在高校、科研院所创办或入股企业'),
    },
    {
      id: 'xx-expert-capacity',
      kind: 'pair.expertCapacity',
      effect: 'hard',
      clause: c('三(一)3', '能够在市内同一企业工作不少于两年，且每年原则上不少于 45 天'),
    },
    {
      id: 'xx-enterprise-capacity',
      kind: 'pair.enterpriseCapacity',
      effect: 'hard',
      clause: c('四(二)2', '企业原则上择优选择1人为合作对象'),
    },
    {
      id: 'xx-priority-platform',
      kind: 'enterprise.rdInstitution',
      effect: 'soft',
      boost: 1,
      minLevel: 'municipal',
      clause: c('三(二)2', '优先支持建有产业研究院、工程（技术）研究中心等市级及以上创新平台的企业'),
    },
    {
      id: 'xx-priority-cooperation',
      kind: 'pair.priorCooperation',
      effect: 'soft',
      boost: 2,
      clause: c('四(三)1', '企业和科技人才前期已有合作基础的优先支持'),
    },
    {
      id: 'xx-priority-renewal',
      kind: 'pair.renewal',
      effect: 'soft',
      boost: 3,
      grades: ['优秀'],
      clause: c('六(四)', '对于考核优秀的“科技副总”和企业，双方同意继续合作的，直接予以续聘'),
    },
  ],
  placement: {
    term: { years: 2, clause: c('三(一)3', '能够在市内同一企业工作不少于两年') },
    agreement: { clause: c('四(三)2', '申报企业、申报人及其派出单位签订合作协议，明确三方权利义务') },
    serviceTime: { period: 'year', minDays: 45, clause: c('三(一)3', '能够在市内同一企业工作不少于两年，且每年原则上不少于 45 天') },
    evaluation: {
      grades: ['优秀', '合格', '不合格'],
      opensMonthsBeforeEnd: 1,
      clause: c('六(四)', '工作期满前一个月……由接收县（市、区）的组织、科技部门提出验收及考核初步意见，并报市委组织部、市科技局审核。考核结果分为优秀、合格和不合格'),
      annual: { clause: c('六(二)', '县（市、区）组织、科技部门对“科技副总”工作业绩进行过程管理') },
    },
    termination: { clause: c('六(二)', '对不胜任工作者，可向市委组织部、市科技局提出终止服务或另派人选') },
    renewal: { grades: ['优秀'], clause: c('六(四)', '对于考核优秀的“科技副总”和企业，双方同意继续合作的，直接予以续聘') },
    targets: [
      {
        kind: 'placements',
        scope: 'programme',
        min: 300,
        until: '2027-12-31',
        label: '选聘“科技副总”',
        clause: c('二(二)', '自2025年起三年内选聘300名左右“科技副总”到企业任职工作'),
      },
    ],
  },
  priorityIndustries: [],
  expertCapacity: 1,
  enterpriseCapacity: 1,
  notes: '三(二)4 的重点培育产业链未在文件中列明，需由管理员以自定义版本补充 priorityIndustries 与 enterprise.industry 规则。',
};
