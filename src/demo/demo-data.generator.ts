// Deterministic demo data for a Wenzhou-like city: cycles, enterprises, experts and demands in exactly the import
// JSON format, plus a list of the edge cases planted in them. Pure: no I/O, no clock, no Math.random — the same
// options always give deep-equal output.
import type { z } from 'zod';
import type { cycleSchema } from '../intake/cycle.schema';
import type { DemandInput } from '../intake/demand.schema';
import type { EnterpriseInput } from '../intake/enterprise.schema';
import type { ExpertInput } from '../intake/expert.schema';
import { addDays, addYears, ageAt } from './dates';
import { generateDemand, nameCandidate } from './demo-demands.generator';
import { assignSlots, EDGE_DATES, ENTERPRISE_ROLES, EXPERT_ROLES, type EdgeCase, type EnterpriseRole, type ExpertRole } from './demo-edge-cases';
import { generateEnterprise, type EnterpriseSpec, type GeneratedEnterprise } from './demo-enterprises.generator';
import { generateExpert, type ExpertSpec, type GeneratedExpert } from './demo-experts.generator';
import { INDUSTRY_SECTORS, type IndustrySector, type SectorTopic } from './industry-sectors.data';
import { findInstitution, INSTITUTIONS, NON_ACADEMIC_INSTITUTION, type DemoInstitution } from './institutions.data';
import { composeMaskedMobile } from './person.composer';
import { Rng } from './prng';
import { EXPERT_DOMAIN_WEIGHTS, getDomain } from './research-domains.data';

export type CycleInput = z.input<typeof cycleSchema>;
export type { EdgeCase, EdgeCaseKind } from './demo-edge-cases';
export { EDGE_CASE_KINDS } from './demo-edge-cases';

export const DEFAULT_DEMO_SEED = 20260630;
export const DEMO_CYCLE_ID = 'wenzhou-demo';
export const DEMO_POLICY = 'wenzhou-2025';
export const DEMO_REFERENCE_DATE = '2026-06-30';

export type DemoDataOptions = {
  seed?: number;
  /** Number of experts (default 2000; at least the number of expert edge cases, 27). */
  experts?: number;
  /** Number of enterprises (default 300; at least the number of enterprise edge cases, 22). */
  enterprises?: number;
  /** Average demands per enterprise, e.g. 1.15 = every enterprise files one and about 15% file a second. */
  demandsPerEnterprise?: number;
  /** Share of ordinary enterprises that name candidate experts (edge cases come on top). */
  namedCandidateRate?: number;
};

export type DemoData = {
  cycles: CycleInput[];
  enterprises: EnterpriseInput[];
  experts: ExpertInput[];
  demands: DemandInput[];
  edgeCases: EdgeCase[];
};

const expertId = (i: number) => `wz-exp-${String(i + 1).padStart(5, '0')}`;
const demandId = (i: number, k: number) => `wz-dem-${String(i + 1).padStart(4, '0')}-${k + 1}`;
const isLocal = (inst: DemoInstitution) => inst.region.startsWith('3303');
const sectorByKey = (key: string): IndustrySector => INDUSTRY_SECTORS.find((s) => s.key === key)!;

function buildCycles(enterprises: number): CycleInput[] {
  // The closed cycles use the same profile: they only exist so service history and previousCycles can point at them.
  return [
    { id: 'wenzhou-2022', year: 2022, policy: DEMO_POLICY, seats: 80, status: 'closed', referenceDate: '2022-06-30', previousCycles: [] },
    { id: 'wenzhou-2024', year: 2024, policy: DEMO_POLICY, seats: 100, status: 'closed', referenceDate: '2024-06-30', previousCycles: ['wenzhou-2022'] },
    {
      id: DEMO_CYCLE_ID,
      year: 2026,
      policy: DEMO_POLICY,
      seats: Math.max(1, Math.round(enterprises * 0.4)),
      status: 'open',
      referenceDate: DEMO_REFERENCE_DATE,
      previousCycles: ['wenzhou-2024', 'wenzhou-2022'],
    },
  ];
}

export function generateDemoData(options: DemoDataOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const nExperts = options.experts ?? 2000;
  const nEnterprises = options.enterprises ?? 300;
  const demandsPer = options.demandsPerEnterprise ?? 1.15;
  const namedRate = options.namedCandidateRate ?? 0.09;
  const ref = DEMO_REFERENCE_DATE;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  const entSlots = assignSlots(Rng.for(seed, 'slots', 'enterprise').shuffle(range(nEnterprises)), ENTERPRISE_ROLES, '企业');
  const expSlots = assignSlots(Rng.for(seed, 'slots', 'expert').shuffle(range(nExperts)), EXPERT_ROLES, '专家');
  const entRoleAt = new Map([...entSlots].map(([role, i]) => [i, role]));
  const expRoleAt = new Map([...expSlots].map(([role, i]) => [i, role]));

  // ------------------------------------------------------------ enterprises and their demand topics
  const planRng = Rng.for(seed, 'edge-plan');
  const sharedSector = planRng.weighted(INDUSTRY_SECTORS.map((s) => [s, s.weight] as const));
  const enterpriseSpecs: Partial<Record<EnterpriseRole, EnterpriseSpec>> = {
    youngCompany: { registeredAt: EDGE_DATES.youngCompanyRegistered, size: 'micro' },
    outsideHangzhou: { region: '330100', sector: sectorByKey('digital') },
    outsideNingbo: { region: '330200', sector: sectorByKey('new-materials') },
    noQualification: { noQualifications: true, size: 'micro' },
    // The expert who served one of these is named by the other, so both sit in the same industry.
    servedPrev2024: { sector: sharedSector },
    namedPrev2024: { sector: sharedSector },
  };
  const registry = { names: new Set<string>(), creditCodes: new Set<string>() };
  const partnersFor = (s: IndustrySector) => INSTITUTIONS.filter((i) => isLocal(i) && s.topics.some((t) => i.strengths.includes(t.domain)));
  const ents: GeneratedEnterprise[] = range(nEnterprises).map((i) => {
    const role = entRoleAt.get(i);
    return generateEnterprise(Rng.for(seed, 'enterprise', i), { referenceDate: ref, registry, partners: partnersFor }, (role && enterpriseSpecs[role]) || {});
  });
  const demandTopics: SectorTopic[][] = ents.map((ent, i) => {
    const r = Rng.for(seed, 'demand-plan', i);
    const role = entRoleAt.get(i);
    let count = Math.floor(demandsPer) + (r.chance(demandsPer - Math.floor(demandsPer)) ? 1 : 0);
    if (role) count = role === 'twoDemands' ? 2 : Math.max(1, count);
    // Most first demands concern the firm's core business; the rest, and second demands, may reach into neighbouring fields.
    const anyTopic = () => r.weighted(ent.sector.topics.map((t) => [t, t.weight] as const));
    return range(count).map((k) => (k === 0 && r.chance(0.8) ? ent.primaryTopic : anyTopic()));
  });
  const entOf = (role: EnterpriseRole) => ents[entSlots.get(role)!];
  const topicOf = (role: EnterpriseRole) => demandTopics[entSlots.get(role)!][0].domain;

  // ------------------------------------------------------------ experts
  const randomDomain = (role: ExpertRole) => Rng.for(seed, 'edge-domain', role).weighted(EXPERT_DOMAIN_WEIGHTS);
  const colleagueDomain = topicOf('institutionConflict');
  const conflictInstitution =
    [...INSTITUTIONS].filter((i) => i.strengths.includes(colleagueDomain)).sort((a, b) => Number(isLocal(b)) - Number(isLocal(a)) || b.weight - a.weight)[0] ??
    findInstitution('温州大学');
  const shanghai = findInstitution('上海交通大学');
  const wuhan = findInstitution('华中科技大学');
  const q = (domainKey: string, extra: ExpertSpec = {}): ExpertSpec => ({ qualified: true, domainKey, ...extra });
  const expertSpecs: Record<ExpertRole, ExpertSpec> = {
    age46: q(randomDomain('age46'), { age: 46 }),
    age51: q(randomDomain('age51'), { age: 51, title: '正高级' }),
    age58: q(randomDomain('age58'), { age: 58, title: '正高级' }),
    age45Exact: q(randomDomain('age45Exact'), { birthDate: addYears(ref, -45) }),
    age45Last: q(randomDomain('age45Last'), { birthDate: addDays(addYears(ref, -46), 1) }),
    lowTitleDegree: { domainKey: randomDomain('lowTitleDegree'), age: 33, title: '中级', degree: '学士', grantedInvention: 'none', local: true },
    coreIp: { domainKey: randomDomain('coreIp'), age: 34, title: '中级', degree: '学士', grantedInvention: 'some', local: true },
    badRecent: q(randomDomain('badRecent')),
    badOld: q(randomDomain('badOld')),
    serving1: q(topicOf('currentlyServed1')),
    serving2: q(topicOf('currentlyServed2')),
    failedRecent: q(topicOf('failedRecent')),
    failedOld: q(topicOf('failedOld')),
    prev2024: q(topicOf('namedPrev2024')),
    prev2022: q(topicOf('renewal')),
    shortWork: q(randomDomain('shortWork'), { age: 31, workStartYear: Number(ref.slice(0, 4)) - 1 }),
    institutionOther: q(randomDomain('institutionOther'), { institution: NON_ACADEMIC_INSTITUTION }),
    outsideShanghai: q(Rng.for(seed, 'edge-domain', 'sh').pick(shanghai.strengths), { institution: shanghai }),
    outsideWuhan: q(Rng.for(seed, 'edge-domain', 'wh').pick(wuhan.strengths), { institution: wuhan }),
    founder: q(topicOf('founderConflict')),
    investor: q(topicOf('investorConflict')),
    institutionColleague: q(colleagueDomain, { institution: conflictInstitution }),
    agreed: q(topicOf('namedAgreed')),
    notAgreed: q(topicOf('namedAgreed')),
    oldAgreed: q(topicOf('namedAgreedOld'), { age: 53, title: '正高级' }),
    oldNotAgreed: q(topicOf('namedNotAgreedOld'), { age: 48, title: '正高级' }),
    cooperation: q(topicOf('priorCooperation')),
  };
  const patentNumbers = new Set<string>();
  const experts: GeneratedExpert[] = range(nExperts).map((j) => {
    const role = expRoleAt.get(j);
    return generateExpert(Rng.for(seed, 'expert', j), expertId(j), { referenceDate: ref, patentNumbers }, role ? expertSpecs[role] : {});
  });
  const expOf = (role: ExpertRole) => experts[expSlots.get(role)!].record;
  const code = (role: EnterpriseRole) => entOf(role).record.creditCode;

  // ------------------------------------------------------------ break one rule per edge record
  const D = EDGE_DATES;
  expOf('badRecent').badRecords = [{ date: D.academicMisconduct, kind: '学术不端', note: '发表论文存在图片重复使用问题，被所在单位通报批评' }];
  expOf('badOld').badRecords = [{ date: D.oldResearchDishonesty, kind: '科研失信', note: '科技计划项目结题材料不实，已完成整改' }];
  expOf('serving1').serviceHistory = [{ enterpriseCreditCode: code('currentlyServed1'), cycle: 'wenzhou-2024', startDate: D.cycle2024Start }];
  expOf('serving2').serviceHistory = [{ enterpriseCreditCode: code('currentlyServed2'), cycle: 'wenzhou-2024', startDate: D.serving2Start, endDate: D.serving2End }];
  expOf('failedRecent').serviceHistory = [
    { enterpriseCreditCode: code('failedRecent'), cycle: 'wenzhou-2024', startDate: D.cycle2024Start, endDate: D.failedRecentEnd, grade: '不合格' },
  ];
  expOf('failedOld').serviceHistory = [{ enterpriseCreditCode: code('failedOld'), cycle: 'wenzhou-2022', startDate: D.cycle2022Start, endDate: D.failedOldEnd, grade: '不合格' }];
  expOf('prev2024').serviceHistory = [{ enterpriseCreditCode: code('servedPrev2024'), cycle: 'wenzhou-2024', startDate: D.cycle2024Start, endDate: D.prev2024End, grade: '合格' }];
  expOf('prev2022').serviceHistory = [{ enterpriseCreditCode: code('renewal'), cycle: 'wenzhou-2022', startDate: D.cycle2022Start, endDate: D.cycle2022End, grade: '优秀' }];
  expOf('cooperation').cooperations = [
    { enterpriseCreditCode: code('priorCooperation'), year: 2023, note: `2023年合作开展${getDomain(topicOf('priorCooperation')).field}横向课题` },
  ];

  entOf('seriousCredit').record.creditIssues = [{ date: D.seriousCreditIssue, kind: '重大税收违法失信', serious: true, note: '因虚开增值税发票被列入重大税收违法失信主体名单' }];
  entOf('minorCredit').record.creditIssues = [
    { date: D.minorCreditIssue, kind: '行政处罚', serious: false, note: '环保设施未按规定运行，罚款2万元' },
    { date: D.oldSeriousCreditIssue, kind: '失信被执行人', serious: true, note: '因合同纠纷被列为失信被执行人，2022年已履行并完成信用修复' },
  ];
  const founder = expOf('founder');
  const investor = expOf('investor');
  const colleague = expOf('institutionColleague');
  entOf('founderConflict').record.relatedParties = [{ kind: 'founder', expertExternalId: founder.externalId, name: founder.name }];
  entOf('investorConflict').record.relatedParties = [
    ...(entOf('investorConflict').record.relatedParties ?? []),
    { kind: 'investor', expertExternalId: investor.externalId, name: investor.name },
  ];
  entOf('institutionConflict').record.relatedParties = [
    ...(entOf('institutionConflict').record.relatedParties ?? []),
    { kind: 'investor', institutionName: colleague.institution.name },
  ];

  // ------------------------------------------------------------ prior cooperation as an ordinary preference signal
  const edgeEnterprise = (i: number) => entRoleAt.has(i);
  const enterprisesByDomain = new Map<string, number[]>();
  ents.forEach((e, i) => {
    if (edgeEnterprise(i)) return;
    for (const { domain: d } of e.sector.topics) enterprisesByDomain.set(d, [...(enterprisesByDomain.get(d) ?? []), i]);
  });
  experts.forEach((x, j) => {
    const r = Rng.for(seed, 'cooperation', j);
    const partners = enterprisesByDomain.get(x.domainKeys[0]) ?? [];
    if (expRoleAt.has(j) || !partners.length || !r.chance(0.03)) return;
    x.record.cooperations = [
      {
        enterpriseCreditCode: ents[r.pick(partners)].record.creditCode,
        year: r.int(2019, 2025),
        note: r.pick(['横向技术服务合同', '联合申报市级科技项目', '共建校企联合实验室', '委托检测与工艺诊断']),
      },
    ];
  });

  // ------------------------------------------------------------ demands and named candidates
  const demandsByEnt: DemandInput[][] = ents.map((ent, i) =>
    demandTopics[i].map((topic, k) => generateDemand(Rng.for(seed, 'demand', i, k), demandId(i, k), DEMO_CYCLE_ID, ent, topic)),
  );
  const firstDemand = (role: EnterpriseRole) => demandsByEnt[entSlots.get(role)!][0];
  const nr = Rng.for(seed, 'named-edge');
  firstDemand('namedAgreed').namedCandidates = [nameCandidate(nr, expOf('agreed'), true), nameCandidate(nr, expOf('notAgreed'), false)];
  firstDemand('namedAgreedOld').namedCandidates = [nameCandidate(nr, expOf('oldAgreed'), true)];
  firstDemand('namedNotAgreedOld').namedCandidates = [nameCandidate(nr, expOf('oldNotAgreed'), false)];
  firstDemand('namedPrev2024').namedCandidates = [nameCandidate(nr, expOf('prev2024'), true)];
  firstDemand('renewal').namedCandidates = [nameCandidate(nr, expOf('prev2022'), true)];
  firstDemand('namedByNameOnly').namedCandidates = [{ name: '陈立新', institution: '哈尔滨工业大学', contact: composeMaskedMobile(nr), agreed: true }];

  const ordinaryExpertsByDomain = new Map<string, number[]>();
  experts.forEach((x, j) => {
    if (expRoleAt.has(j)) return;
    ordinaryExpertsByDomain.set(x.domainKeys[0], [...(ordinaryExpertsByDomain.get(x.domainKeys[0]) ?? []), j]);
  });
  demandsByEnt.forEach((list, i) => {
    const r = Rng.for(seed, 'named', i);
    if (edgeEnterprise(i) || !list.length || !r.chance(namedRate)) return;
    const pool = ordinaryExpertsByDomain.get(demandTopics[i][0].domain) ?? [];
    if (!pool.length) return;
    const picked = r.sample(pool, r.chance(0.25) ? 2 : 1);
    list[0].namedCandidates = picked.map((j, n) => nameCandidate(r, experts[j].record, n === 0 && r.chance(0.4)));
  });

  // ------------------------------------------------------------ the catalogue of edge cases
  const E = (role: ExpertRole) => expOf(role).externalId;
  const C = code;
  const age = (role: ExpertRole) => ageAt(expOf(role).birthDate, ref);
  const entName = (role: EnterpriseRole) => entOf(role).record.name;
  const coreIpPatent = expOf('coreIp').patents?.find((p) => p.type === 'invention' && p.status === 'granted');
  const edgeCases: EdgeCase[] = [
    { kind: 'expert-over-age', subject: E('age46'), note: `参考日${ref}时${age('age46')}周岁：超过湖北/武汉“45周岁以下”` },
    { kind: 'expert-over-age', subject: E('age51'), note: `${age('age51')}周岁：超过新乡初聘“不超过50周岁”` },
    { kind: 'expert-over-age', subject: E('age58'), note: `${age('age58')}周岁：超过45/50周岁上限；温州方案无硬性年龄上限，仅鼓励40周岁以下` },
    { kind: 'expert-age-boundary-45', subject: E('age45Exact'), note: `出生于${expOf('age45Exact').birthDate}，参考日当天满45周岁` },
    { kind: 'expert-age-boundary-45', subject: E('age45Last'), note: `出生于${expOf('age45Last').birthDate}，参考日仍为45周岁，次日满46周岁` },
    { kind: 'expert-below-title-degree', subject: E('lowTitleDegree'), note: '中级职称、学士学位，无授权发明专利：不满足“硕士以上或副高以上”，也不适用核心知识产权放宽' },
    {
      kind: 'expert-core-ip-relaxation',
      subject: E('coreIp'),
      note: `中级职称、学士学位，但拥有授权发明专利${coreIpPatent?.number ?? ''}：温州二(一)3、新乡三(一)5 可放宽学历职称`,
    },
    { kind: 'expert-bad-record-recent', subject: E('badRecent'), note: `${D.academicMisconduct} 学术不端：近3年内有不良记录` },
    { kind: 'expert-bad-record-old', subject: E('badOld'), note: `${D.oldResearchDishonesty} 科研失信：已超过3年，不再排除` },
    { kind: 'expert-currently-serving', subject: E('serving1'), note: `wenzhou-2024 周期自${D.cycle2024Start}起派驻${entName('currentlyServed1')}，无结束日期：尚在服务期内` },
    { kind: 'expert-currently-serving', subject: E('serving2'), note: `wenzhou-2024 周期派驻${entName('currentlyServed2')}至${D.serving2End}（晚于参考日）：尚在服务期内` },
    { kind: 'expert-failed-grade-recent', subject: E('failedRecent'), note: `wenzhou-2024 周期考核不合格，${D.failedRecentEnd}终止：2年内不得再选派（聊城）` },
    { kind: 'expert-failed-grade-old', subject: E('failedOld'), note: `wenzhou-2022 周期考核不合格，${D.failedOldEnd}终止：已超过2年` },
    {
      kind: 'expert-served-previous-cycle-named',
      subject: E('prev2024'),
      note: `wenzhou-2024 周期服务${entName('servedPrev2024')}（${D.prev2024End}提前结束，合格），又被${entName('namedPrev2024')}列为已协商一致的备选专家`,
    },
    {
      kind: 'expert-served-previous-cycle-named',
      subject: E('prev2022'),
      note: `wenzhou-2022 周期服务${entName('renewal')}考核优秀（新乡：优秀可直接续聘），又被同一企业列为备选专家（武汉：往期专家不得列为备选）`,
    },
    { kind: 'expert-short-work-experience', subject: E('shortWork'), note: `${expOf('shortWork').workStartYear}年参加工作：不满两年（温州二(一)2、聊城）` },
    { kind: 'expert-institution-other', subject: E('institutionOther'), note: `派出单位为${NON_ACADEMIC_INSTITUTION.name}（type other）：不是高校院所或职业学校` },
    { kind: 'expert-institution-outside-zhejiang', subject: E('outsideShanghai'), note: `${shanghai.name}（${shanghai.region}）：省外高校` },
    { kind: 'expert-institution-outside-zhejiang', subject: E('outsideWuhan'), note: `${wuhan.name}（${wuhan.region}）：省外高校` },
    { kind: 'expert-prior-cooperation', subject: E('cooperation'), note: `2023年与${entName('priorCooperation')}（${C('priorCooperation')}）有合作：新乡四(三)1 优先支持` },
    { kind: 'enterprise-registered-under-1-year', subject: C('youngCompany'), note: `${EDGE_DATES.youngCompanyRegistered}注册：不满1年（聊城）` },
    { kind: 'enterprise-serious-credit-issue-recent', subject: C('seriousCredit'), note: `${D.seriousCreditIssue} 重大税收违法失信：近3年有严重失信记录` },
    {
      kind: 'enterprise-credit-issue-not-disqualifying',
      subject: C('minorCredit'),
      note: `${D.minorCreditIssue} 一般行政处罚（非严重）；${D.oldSeriousCreditIssue} 严重失信已超过3年`,
    },
    { kind: 'enterprise-registered-outside-wenzhou', subject: C('outsideHangzhou'), note: '注册地杭州市（330100）：不在温州市内' },
    { kind: 'enterprise-registered-outside-wenzhou', subject: C('outsideNingbo'), note: '注册地宁波市（330200）：不在温州市内' },
    { kind: 'enterprise-no-qualification', subject: C('noQualification'), note: '无任何资质：新乡要求具备资质之一，其他地区仅为优先条件' },
    { kind: 'enterprise-had-kejifuzong', subject: C('servedPrev2024'), note: `${E('prev2024')} 在 wenzhou-2024 周期服务过：已选派过科技副总的企业原则上不再安排（武汉）` },
    { kind: 'enterprise-had-kejifuzong', subject: C('currentlyServed1'), note: `${E('serving1')} 仍在服务` },
    { kind: 'enterprise-had-kejifuzong', subject: C('currentlyServed2'), note: `${E('serving2')} 仍在服务` },
    { kind: 'enterprise-had-kejifuzong', subject: C('failedRecent'), note: `${E('failedRecent')} 曾服务，考核不合格` },
    { kind: 'enterprise-had-kejifuzong', subject: C('failedOld'), note: `${E('failedOld')} 曾服务，考核不合格` },
    { kind: 'enterprise-had-kejifuzong', subject: C('renewal'), note: `${E('prev2022')} 曾服务，考核优秀，本次又点名该专家` },
    { kind: 'enterprise-founded-by-expert', subject: C('founderConflict'), note: `由专家 ${founder.externalId}（${founder.name}）创办：利益冲突` },
    { kind: 'enterprise-founded-by-expert', subject: C('investorConflict'), note: `专家 ${investor.externalId}（${investor.name}）入股：利益冲突` },
    {
      kind: 'enterprise-invested-by-institution',
      subject: C('institutionConflict'),
      note: `${colleague.institution.name}入股；该单位专家如 ${colleague.externalId} 与企业需求领域相同：不得派驻（新乡三(二)5、温州二(三)1）`,
    },
    {
      kind: 'enterprise-two-demands',
      subject: C('twoDemands'),
      note: `同一企业提交两项需求：${demandsByEnt[entSlots.get('twoDemands')!].map((d) => d.externalId).join('、')}（一企一人）`,
    },
    { kind: 'demand-named-agreed', subject: firstDemand('namedAgreed').externalId, note: `点名 ${E('agreed')} 且已协商一致：优先考虑、直接安排（湖北）` },
    { kind: 'demand-two-candidates', subject: firstDemand('namedAgreed').externalId, note: `两名备选：${E('agreed')}（已协商一致）、${E('notAgreed')}（未协商一致）` },
    {
      kind: 'demand-named-agreed-over-age',
      subject: firstDemand('namedAgreedOld').externalId,
      note: `点名 ${E('oldAgreed')}（${age('oldAgreed')}周岁）且已协商一致：湖北可适当放宽年龄`,
    },
    {
      kind: 'demand-named-not-agreed-over-age',
      subject: firstDemand('namedNotAgreedOld').externalId,
      note: `点名 ${E('oldNotAgreed')}（${age('oldNotAgreed')}周岁）但未协商一致：不适用年龄放宽`,
    },
    {
      kind: 'demand-named-previous-cycle-expert',
      subject: firstDemand('namedPrev2024').externalId,
      note: `点名 wenzhou-2024 周期已选派的 ${E('prev2024')}：往期专家不得列为备选（武汉附件1）`,
    },
    { kind: 'demand-named-previous-cycle-expert', subject: firstDemand('renewal').externalId, note: `点名 wenzhou-2022 周期服务本企业且考核优秀的 ${E('prev2022')}` },
    { kind: 'demand-named-outside-pool', subject: firstDemand('namedByNameOnly').externalId, note: '点名库外专家（仅姓名和单位，无专家编号），已协商一致' },
  ];

  return {
    cycles: buildCycles(nEnterprises),
    enterprises: ents.map((e) => e.record),
    experts: experts.map((x) => x.record),
    demands: demandsByEnt.flat(),
    edgeCases,
  };
}
