import type { PolicyProfileInput } from '../policy.schema';

const DOC = '温州市深化科技副总派驻工作实施方案';
const c = (article: string, text: string) => ({ document: DOC, article, text });

/** 温州市深化科技副总派驻工作实施方案 (2025): the model for this product. */
export const wenzhou2025: PolicyProfileInput = {
  id: 'wenzhou-2025',
  version: 1,
  name: '温州市深化科技副总派驻工作实施方案（2025）',
  jurisdiction: { name: '温州市', regionCode: '330300' },
  document: {
    title: '温州市深化科技副总派驻工作实施方案',
    issuer: '中共温州市委教育科技人才一体化委员会办公室',
    date: '2025-06-20',
  },
  rules: [
    {
      id: 'wz-institution',
      kind: 'expert.institution',
      effect: 'hard',
      clause: c('二(一)2、二(二)', '应为国内高校院所、职业学校的科技人才；派出单位：在温高校、科研院所，与市县两级建立合作关系的在温各类新型研发机构，积极拓展至国内高校院所'),
      allowed: [{ types: ['university', 'research_institute', 'vocational_school'] }, { types: ['new_rd_institution'], region: '330300' }],
    },
    {
      id: 'wz-work-years',
      kind: 'expert.minWorkYears',
      effect: 'hard',
      years: 2,
      clause: c('二(一)2', '参加工作应满两年以上'),
    },
    {
      id: 'wz-qualification',
      kind: 'expert.qualification',
      effect: 'hard',
      clause: c('二(一)3', '一般应具有硕士以上学历或副高以上专业技术职称'),
      anyOf: [{ degree: '硕士' }, { title: '副高级' }],
      relaxations: [
        {
          kind: 'coreIp',
          minGrantedInventionPatents: 1,
          clause: c('二(一)3', '对拥有核心知识产权或成熟科技成果、我市企业急需紧缺的人才，可适当放宽学历、职称等要求'),
        },
      ],
    },
    {
      // The plan sets no window or list; a recent integrity record is flagged, not excluded (see docs/policies.md).
      id: 'wz-integrity',
      kind: 'expert.noBadRecord',
      effect: 'hard',
      withinYears: 3,
      kinds: ['学术不端', '科研失信', '科研诚信', '学风'],
      clause: c('二(一)1', '具有优良的政治素质和作风学风'),
      relaxations: [{ kind: 'advisory', clause: c('三(二)1', '派出单位对推荐申报人的思想政治素质、道德作风、科研诚信和申报材料的真实性进行把关') }],
    },
    {
      id: 'wz-not-serving',
      kind: 'expert.notCurrentlyServing',
      effect: 'hard',
      clause: c('六(四)', '一般按照“一企一人”原则选派，尽量避免多头任职'),
      relaxations: [{ kind: 'advisory', clause: c('六(四)', '尽量避免多头任职') }],
    },
    {
      id: 'wz-enterprise-region',
      kind: 'enterprise.region',
      effect: 'hard',
      regionCode: '330300',
      clause: c('二(三)1', '温州市内注册的独立法人企业'),
    },
    {
      id: 'wz-enterprise-credit',
      kind: 'enterprise.noSeriousIssues',
      effect: 'hard',
      withinYears: 3,
      seriousOnly: true,
      clause: c('二(三)2', '会计信用和纳税信用良好，近3年无严重失信记录'),
    },
    {
      id: 'wz-conflict',
      kind: 'pair.conflictOfInterest',
      effect: 'hard',
      clause: c('二(三)1', '原则上不应为科技副总申报人及所在单位创办、入股的企业'),
    },
    {
      id: 'wz-expert-capacity',
      kind: 'pair.expertCapacity',
      effect: 'hard',
      clause: c('六(四)', '一般按照“一企一人”原则选派'),
    },
    {
      id: 'wz-enterprise-capacity',
      kind: 'pair.enterpriseCapacity',
      effect: 'hard',
      clause: c('六(四)', '一般按照“一企一人”原则选派'),
    },
    {
      id: 'wz-priority-young',
      kind: 'expert.maxAge',
      effect: 'soft',
      boost: 1,
      years: 40,
      clause: c('二(一)2', '重点鼓励 40 周岁以下青年人才参加派驻'),
    },
    {
      id: 'wz-priority-qualification',
      kind: 'enterprise.qualifications',
      effect: 'soft',
      boost: 1,
      clause: c('二(三)3', '优先支持创新型领军企业、独角兽企业、瞪羚企业、高新技术企业……规上制造业企业等'),
      anyOf: [
        { name: '创新型领军企业', match: ['创新型领军'] },
        { name: '独角兽企业', match: ['独角兽'] },
        { name: '瞪羚企业', match: ['瞪羚'] },
        { name: '高新技术企业', match: ['高新技术企业'] },
        { name: '技术先进型服务企业', match: ['技术先进型服务企业'] },
        { name: '产教融合型试点企业', match: ['产教融合型'] },
        { name: '专精特新“小巨人”企业', match: ['专精特新小巨人'] },
        { name: '专精特新中小企业', match: ['专精特新中小企业'] },
        { name: '隐形冠军企业', match: ['隐形冠军'] },
        { name: '科技型中小企业', match: ['科技型中小企业'] },
        { name: '农业科技型企业', match: ['农业科技型'] },
        { name: '民营科技企业', match: ['民营科技企业'] },
        { name: '软件企业', match: ['软件企业'] },
        { name: '规上制造业企业', match: ['规上制造业', '规模以上制造业', '规上工业', '规模以上工业'] },
      ],
    },
  ],
  priorityIndustries: [],
  expertCapacity: 1,
  enterpriseCapacity: 1,
};
