import type { PolicyProfileInput } from '../policy.schema';

const DOC = '温州市深化科技副总派驻工作实施方案';
const c = (article: string, text: string) => ({ document: DOC, article, text });

/** 温州市深化科技副总派驻工作实施方案 (2025): the model for this product. */
export const wenzhou2025: PolicyProfileInput = {
  id: 'wenzhou-2025',
  version: 2,
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
      // 尽量避免多头任职 is advisory within a cycle as across cycles (wz-not-serving): flagged, never excluded.
      id: 'wz-expert-capacity',
      kind: 'pair.expertCapacity',
      effect: 'hard',
      clause: c('六(四)', '一般按照“一企一人”原则选派，尽量避免多头任职'),
      relaxations: [{ kind: 'advisory', clause: c('六(四)', '尽量避免多头任职') }],
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
      openEnded: true,
      anyOf: [
        '创新型领军企业',
        '独角兽企业',
        '瞪羚企业',
        '高新技术企业',
        '技术先进型服务企业',
        { name: '产教融合型试点企业', match: ['产教融合型企业'] },
        '专精特新“小巨人”企业',
        '专精特新中小企业',
        '隐形冠军企业',
        '科技型中小企业',
        '农业科技型企业',
        '民营科技企业',
        '软件企业',
        '规上制造业企业',
      ],
    },
  ],
  placement: {
    term: { years: 2, clause: c('六(四)', '科技副总一轮聘期两年') },
    agreement: { clause: c('四(三)', '企业、科技副总、派出单位应签订三方合作协议，明确各方权利义务。协议报县（市、区）科技部门备案') },
    // 3 个月 of cumulative service is counted as 90 days (the log is kept in days).
    serviceTime: { period: 'year', minDays: 90, clause: c('六(四)', '原则上每年以各种形式为企业累计服务时间不少于 3 个月') },
    evaluation: {
      grades: ['优秀', '合格', '不合格'],
      opensMonthsBeforeEnd: 0,
      clause: c('六(二)', '科技副总实施期满评价，于派驻期结束时开展……评价结果分为优秀、合格和不合格。……评价工作由各县（市、区）科技部门牵头'),
    },
    termination: { clause: c('六(二)', '派驻期间企业和科技副总出现无法继续合作等情形的，双方可按协议终止合同并报管理部门备案') },
    targets: [
      { kind: 'enterprises', scope: 'programme', min: 1000, until: '2027-12-31', label: '科技副总入驻企业', clause: c('一', '到 2027 年，科技副总入驻企业累计达 1000 个') },
      { kind: 'project', scope: 'programme', min: 2000, until: '2027-12-31', label: '技术攻关项目', clause: c('一', '帮助入驻企业累计开展技术攻关项目超 2000项') },
      { kind: 'problem_solved', scope: 'programme', min: 1500, until: '2027-12-31', label: '破解技术难题', clause: c('一', '破解技术难题 1500个') },
      {
        kind: 'ip_filing',
        ipTypes: ['invention'],
        scope: 'programme',
        min: 500,
        until: '2027-12-31',
        label: '申报发明专利',
        clause: c('一', '申报发明专利 500项'),
      },
    ],
    topList: {
      size: 10,
      clause: c('五(一)', '每年工作成效排前十的科技副总，优先推荐国家和省级重点人才计划遴选；连续两年评价排名前十的科技副总，由市委人才办按有关规定认定市级（D类）人才'),
    },
  },
  priorityIndustries: [],
  expertCapacity: 1,
  enterpriseCapacity: 1,
};
