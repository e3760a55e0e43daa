import type { PolicyProfileInput } from '../policy.schema';

const DOC = '聊城市“科技副总”管理办法（征求意见稿）';
const c = (article: string, text: string) => ({ document: DOC, article, text });

/** 聊城市“科技副总”管理办法（征求意见稿）, in force 2025-07-01 to 2030-06-30 (第二十三条). */
export const liaocheng2025: PolicyProfileInput = {
  id: 'liaocheng-2025',
  version: 2,
  name: '聊城市“科技副总”管理办法（征求意见稿，2025）',
  jurisdiction: { name: '聊城市', regionCode: '371500' },
  document: {
    title: '聊城市“科技副总”管理办法（征求意见稿）',
    issuer: '中共聊城市委组织部、聊城市科学技术局、聊城市财政局、聊城市人力资源和社会保障局',
    date: '2025-07-01',
  },
  rules: [
    {
      id: 'lc-institution',
      kind: 'expert.institution',
      effect: 'hard',
      clause: c('第二条', '从高校、科研院所选拔具有博士学位或副高级以上职称的高层次人才'),
      allowed: [{ types: ['university', 'research_institute'] }],
    },
    {
      id: 'lc-qualification',
      kind: 'expert.qualification',
      effect: 'hard',
      clause: c('第五条第1项', '具有博士学位或副高级及以上专业技术资格'),
      anyOf: [{ degree: '博士' }, { title: '副高级' }],
    },
    {
      id: 'lc-work-years',
      kind: 'expert.minWorkYears',
      effect: 'hard',
      years: 2,
      clause: c('第五条第1项', '具备两年以上工作经历'),
    },
    {
      id: 'lc-bad-record',
      kind: 'expert.noBadRecord',
      effect: 'hard',
      withinYears: 3,
      kinds: ['学术不端', '科研失信'],
      clause: c('第五条第4项', '近三年内无学术不端、科研失信等不良记录'),
    },
    {
      id: 'lc-not-serving',
      kind: 'expert.notCurrentlyServing',
      effect: 'hard',
      clause: c('第五条第5项', '每名“科技副总”只能服务一家科技企业'),
    },
    {
      id: 'lc-failed-grade',
      kind: 'expert.noRecentGrade',
      effect: 'hard',
      withinYears: 2,
      grades: ['不合格'],
      clause: c('第十七条', '对评定为不合格的，撤销其“科技副总”选派资格……且两年内不得再次申报'),
    },
    {
      id: 'lc-enterprise-region',
      kind: 'enterprise.region',
      effect: 'hard',
      regionCode: '371500',
      clause: c('第九条第1项', '在聊城市行政区域内注册，具有独立法人资格'),
    },
    {
      id: 'lc-enterprise-age',
      kind: 'enterprise.minRegisteredYears',
      effect: 'hard',
      years: 1,
      clause: c('第九条第1项', '注册时间满1年以上'),
    },
    {
      // 重大 qualifies 违法违规行为 only: any 不良信用记录 within three years fails.
      id: 'lc-enterprise-credit',
      kind: 'enterprise.noSeriousIssues',
      effect: 'hard',
      withinYears: 3,
      seriousOnly: true,
      anyBadCredit: true,
      clause: c('第九条第1项', '近三年内无重大违法违规行为和不良信用记录'),
    },
    {
      id: 'lc-provides-conditions',
      kind: 'demand.providesConditions',
      effect: 'hard',
      clause: c('第九条第3项', '能够为“科技副总”提供良好的工作和生活条件'),
    },
    {
      id: 'lc-conflict',
      kind: 'pair.conflictOfInterest',
      effect: 'hard',
      clause: c('第九条第1项', '不含“科技副总”本人及所在高校院所创办、入股的企业'),
    },
    {
      id: 'lc-expert-capacity',
      kind: 'pair.expertCapacity',
      effect: 'hard',
      clause: c('第五条第5项', '每名“科技副总”只能服务一家科技企业'),
    },
    {
      id: 'lc-priority-industry',
      kind: 'enterprise.industry',
      effect: 'soft',
      boost: 1,
      clause: c('第十条', '优先向人工智能、现代高效农业、新能源、新材料、新一代信息技术、生物医药、高端装备制造等重点发展和未来产业领域的企业……派驻'),
    },
    {
      id: 'lc-priority-qualification',
      kind: 'enterprise.qualifications',
      effect: 'soft',
      boost: 1,
      clause: c('第十二条第2项', '对承担市级以上科技计划项目、高新技术企业、瞪羚企业等科技创新能力较强的企业，予以优先推荐'),
      openEnded: true,
      anyOf: ['高新技术企业', '瞪羚企业'],
    },
  ],
  placement: {
    term: { years: 2, clause: c('第五条第2项', '经认定后，须在选派企业连续服务不少于两年') },
    agreement: { clause: c('第十三条第2项', '申报企业、科技人员及其所在单位签订的三方协议，明确各方权利、义务和责任，包括服务期限、工作内容、知识产权归属、经费保障等事项') },
    serviceTime: {
      period: 'year',
      minDays: 30,
      minVisits: 10,
      clause: c('第七条第1项', '每年开展技术服务不少于 10 次，累计驻企服务时间不少于 30 天，并形成详细服务台账，记录服务内容和效果'),
    },
    evaluation: {
      grades: ['优秀', '良好', '合格', '不合格'],
      opensMonthsBeforeEnd: 1,
      clause: c('第十七条', '每两年对“科技副总”进行绩效考核……考核结果分为优秀、良好、合格、不合格四个等级'),
      annual: { clause: c('第十七条', '市科技局每年组织“科技副总”开展年度述职，全面掌握其工作进展和履职情况') },
    },
    // 原则上 admits the exception; nothing else in the measures speaks of ending a service early.
    termination: { clause: c('第五条第2项', '服务期间原则上不得中途变更服务企业') },
    targets: [
      {
        kind: 'new_technology',
        scope: 'perPlacementYear',
        min: 1,
        label: '新技术、新工艺或新产品',
        clause: c('第七条第2项', '每年协助派驻企业开发至少 1 项具有创新性和市场竞争力的新技术、新工艺或新产品'),
      },
      {
        kind: 'ip_filing',
        scope: 'perPlacementYear',
        min: 1,
        label: '知识产权申请',
        clause: c('第七条第2项', '推动企业申请至少 1 项知识产权（包括发明专利、实用新型专利、软件著作权等）'),
      },
      { kind: 'training', scope: 'perPlacementYear', min: 3, label: '政策宣讲或技术培训（次）', clause: c('第七条第3项', '每年开展政策宣讲或技术培训不少于 3 次') },
      { kind: 'people_trained', scope: 'perPlacementYear', min: 10, label: '培养技术骨干和创新人才（人）', clause: c('第七条第3项', '帮助企业培养技术骨干和创新人才不少于 10 人') },
    ],
  },
  priorityIndustries: ['人工智能', '现代高效农业', '新能源', '新材料', '新一代信息技术', '生物医药', { name: '高端装备制造', match: ['高端装备'] }],
  expertCapacity: 1,
  // The document does not limit experts per enterprise; one per demand is the allocation model.
  enterpriseCapacity: 1,
};
