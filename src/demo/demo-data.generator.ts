// Deterministic demo data for a Wenzhou-like city: cycles, enterprises, experts and demands in exactly the import
// JSON format, plus a list of the edge cases planted in them and the county page that shows each. Cases of the
// other four documents come in small demo cycles of their own jurisdictions (demo-jurisdictions.generator.ts).
// Pure: no I/O, no clock, no Math.random — the same options always give deep-equal output.
import type { CycleInput } from '../intake/cycle.schema';
import type { DemandInput } from '../intake/demand.schema';
import type { EnterpriseInput } from '../intake/enterprise.schema';
import type { ExpertInput } from '../intake/expert.schema';
import { addYears } from './dates';
import { generateDemand, nameCandidate } from './demo-demands.generator';
import { assignSlots, EDGE_DATES, ENTERPRISE_ROLES, EXPERT_ROLES, HOSTS, type EdgeCase, type EnterpriseRole, type ExpertRole } from './demo-edge-cases';
import { generateJurisdictionDemos } from './demo-jurisdictions.generator';
import { generateEnterprise, type EnterpriseSpec, type GeneratedEnterprise } from './demo-enterprises.generator';
import { generateExpert, type ExpertSpec, type GeneratedExpert } from './demo-experts.generator';
import { INDUSTRY_SECTORS, type IndustrySector, type SectorTopic } from './industry-sectors.data';
import { findInstitution, INSTITUTIONS, NON_ACADEMIC_INSTITUTION, type DemoInstitution } from './institutions.data';
import { composeMaskedMobile } from './person.composer';
import { Rng } from './prng';

export type { EdgeCase, EdgeCaseKind, EdgeVisibility } from './demo-edge-cases';
export { EDGE_CASE_KINDS } from './demo-edge-cases';

export const DEFAULT_DEMO_SEED = 20260630;
export const DEMO_CYCLE_ID = 'wenzhou-demo';
export const DEMO_POLICY = 'wenzhou-2025';
export const DEMO_REFERENCE_DATE = '2026-06-30';

export type DemoDataOptions = {
  seed?: number;
  /** Number of Wenzhou experts (default 2000; at least the number of expert edge cases, 19). */
  experts?: number;
  /** Number of Wenzhou enterprises (default 300; at least the number of enterprise edge cases, 21). */
  enterprises?: number;
  /** Average demands per enterprise, e.g. 1.15 = every enterprise files one and about 15% file a second. */
  demandsPerEnterprise?: number;
  /** Share of ordinary enterprises that name candidate experts (edge cases come on top). */
  namedCandidateRate?: number;
  /** The small demo cycles of Hubei, Wuhan, Xinxiang and Liaocheng (default on). */
  jurisdictions?: boolean;
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
  // The closed cycles only hold the service history that "currently serving" and previousCycles read. They
  // predate the 2025 plan, so they name no plan: profile `open` (they are never run or re-evaluated).
  return [
    { id: 'wenzhou-2022', year: 2022, policy: 'open', seats: 80, status: 'closed', referenceDate: '2022-06-30', previousCycles: [] },
    { id: 'wenzhou-2024', year: 2024, policy: 'open', seats: 100, status: 'closed', referenceDate: '2024-06-30', previousCycles: ['wenzhou-2022'] },
    {
      id: DEMO_CYCLE_ID,
      year: 2026,
      policy: DEMO_POLICY,
      seats: Math.max(1, Math.round(enterprises * 0.4)),
      status: 'open',
      referenceDate: DEMO_REFERENCE_DATE,
      previousCycles: ['wenzhou-2024', 'wenzhou-2022'],
      // The plan sets no quota; proportional seats per county are this cycle's explicit setting (shown on every run).
      allocation: { level: 'county', count: 'demands' },
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
  const enterpriseSpecs: Partial<Record<EnterpriseRole, EnterpriseSpec>> = {
    outsideHangzhou: { region: '330100', sector: sectorByKey('digital') },
    outsideNingbo: { region: '330200', sector: sectorByKey('new-materials') },
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
    if (role) count = role === 'twoDemands' ? 2 : 1;
    // Most first demands concern the firm's core business; the rest, and second demands, may reach into neighbouring fields.
    const anyTopic = () => r.weighted(ent.sector.topics.map((t) => [t, t.weight] as const));
    return range(count).map((k) => (k === 0 && r.chance(0.8) ? ent.primaryTopic : anyTopic()));
  });
  const entOf = (role: EnterpriseRole) => ents[entSlots.get(role)!];
  const topicOf = (role: EnterpriseRole) => demandTopics[entSlots.get(role)!][0].domain;
  const hostOf = new Map<ExpertRole, EnterpriseRole>(Object.entries(HOSTS).flatMap(([host, roles]) => roles.map((x) => [x, host as EnterpriseRole] as const)));

  // ------------------------------------------------------------ experts
  // A planted expert works in the field of the demand that names them, so they would be a real candidate.
  const colleagueDomain = topicOf('institutionConflict');
  const conflictInstitution =
    [...INSTITUTIONS].filter((i) => i.strengths.includes(colleagueDomain)).sort((a, b) => Number(isLocal(b)) - Number(isLocal(a)) || b.weight - a.weight)[0] ??
    findInstitution('温州大学');
  const shanghai = findInstitution('上海交通大学');
  const wuhan = findInstitution('华中科技大学');
  const hosted = (role: ExpertRole) => topicOf(hostOf.get(role)!);
  const q = (domainKey: string, extra: ExpertSpec = {}): ExpertSpec => ({ qualified: true, domainKey, ...extra });
  const expertSpecs: Record<ExpertRole, ExpertSpec> = {
    lowTitleDegree: { domainKey: hosted('lowTitleDegree'), age: 33, title: '中级', degree: '学士', grantedInvention: 'none', local: true },
    coreIp: { domainKey: hosted('coreIp'), age: 34, title: '中级', degree: '学士', grantedInvention: 'some', local: true },
    noDegree: { domainKey: hosted('noDegree'), age: 36, title: '中级', grantedInvention: 'none', local: true, omit: ['degree'] },
    badRecent: q(hosted('badRecent')),
    badExactly3: q(hosted('badExactly3')),
    badOld: q(hosted('badOld')),
    serving1: q(hosted('serving1')),
    serving2: q(hosted('serving2')),
    shortWork: q(hosted('shortWork'), { age: 31, workStartDate: EDGE_DATES.shortWorkStart }),
    workYearOnly: q(hosted('workYearOnly'), { age: 31, workStartYear: Number(ref.slice(0, 4)) - 2, omit: ['workStartDate'] }),
    institutionOther: q(hosted('institutionOther'), { institution: NON_ACADEMIC_INSTITUTION }),
    outsideShanghai: q(hosted('outsideShanghai'), { institution: shanghai }),
    outsideWuhan: q(hosted('outsideWuhan'), { institution: wuhan }),
    turning40: q(hosted('turning40'), { birthDate: addYears(ref, -40) }),
    founder: q(topicOf('founderConflict')),
    investor: q(topicOf('investorConflict')),
    institutionColleague: q(colleagueDomain, { institution: conflictInstitution }),
    agreed: q(topicOf('namedAgreed')),
    notAgreed: q(topicOf('namedAgreed')),
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
  expOf('badExactly3').badRecords = [{ date: D.misconductExactly3, kind: '学术不端', note: '项目结题报告抄袭他人成果，被所在单位通报' }];
  expOf('badOld').badRecords = [{ date: D.oldResearchDishonesty, kind: '科研失信', note: '科技计划项目结题材料不实，已完成整改' }];
  expOf('serving1').serviceHistory = [{ enterpriseCreditCode: code('currentlyServed1'), cycle: 'wenzhou-2024', startDate: D.cycle2024Start }];
  expOf('serving2').serviceHistory = [{ enterpriseCreditCode: code('currentlyServed2'), cycle: 'wenzhou-2024', startDate: D.serving2Start, endDate: D.serving2End }];

  entOf('seriousCredit').record.creditIssues = [
    { date: D.seriousCreditIssue, kind: '重大税收违法失信', serious: true, category: 'bad_credit', note: '因虚开增值税发票被列入重大税收违法失信主体名单' },
  ];
  entOf('seriousCreditExactly3').record.creditIssues = [
    { date: D.seriousCreditExactly3, kind: '失信被执行人', serious: true, category: 'bad_credit', note: '拒不履行生效判决，被列为失信被执行人' },
  ];
  entOf('minorCredit').record.creditIssues = [
    { date: D.minorCreditIssue, kind: '行政处罚', serious: false, category: 'violation', note: '环保设施未按规定运行，罚款2万元' },
    { date: D.oldSeriousCreditIssue, kind: '失信被执行人', serious: true, category: 'bad_credit', note: '因合同纠纷被列为失信被执行人，2022年已履行并完成信用修复' },
  ];
  // Not 高新技术企业: a pool of candidates for it. Wenzhou's list ends in 等, so the county decides (no priority meanwhile).
  entOf('fakeHighTech').record.qualifications = ['高新技术企业培育库入库企业'];
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
  // The planted enterprises answer the conditions question (the rule that reads it is not Wenzhou's, but a clean record).
  for (const role of ENTERPRISE_ROLES) for (const d of demandsByEnt[entSlots.get(role)!]) d.providesConditions = true;
  const nr = Rng.for(seed, 'named-edge');
  firstDemand('namedAgreed').namedCandidates = [nameCandidate(nr, expOf('agreed'), true), nameCandidate(nr, expOf('notAgreed'), false)];
  firstDemand('namedByNameOnly').namedCandidates = [{ name: '陈立新', institution: '哈尔滨工业大学', contact: composeMaskedMobile(nr), agreed: true }];
  // An enterprise names its own founder or investor, or its investor's researcher: exactly what the conflict rule catches.
  firstDemand('founderConflict').namedCandidates = [nameCandidate(nr, founder, false)];
  firstDemand('investorConflict').namedCandidates = [nameCandidate(nr, investor, false)];
  firstDemand('institutionConflict').namedCandidates = [nameCandidate(nr, colleague, false)];
  for (const [host, roles] of Object.entries(HOSTS)) {
    firstDemand(host as EnterpriseRole).namedCandidates = roles.map((role) => nameCandidate(nr, expOf(role), false));
  }

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

  // ------------------------------------------------------------ the catalogue of edge cases, and where each shows
  const E = (role: ExpertRole) => expOf(role).externalId;
  const C = code;
  const entName = (role: EnterpriseRole) => entOf(role).record.name;
  const hostDemand = (role: ExpertRole) => firstDemand(hostOf.get(role)!).externalId;
  const coreIpPatent = expOf('coreIp').patents?.find((p) => p.type === 'invention' && p.status === 'granted');
  const wz = (kind: EdgeCase['kind'], subject: string, demand: string, visible: EdgeCase['visible'], note: string): EdgeCase => ({
    kind,
    subject,
    note,
    cycle: DEMO_CYCLE_ID,
    demand,
    visible,
  });
  const named = (role: ExpertRole, rule: string, outcome: 'pass' | 'fail' | 'relaxed' | 'unknown') => ({ in: 'named' as const, expert: E(role), rule, outcome });
  const twoDemandIds = demandsByEnt[entSlots.get('twoDemands')!].map((d) => d.externalId);
  const edgeCases: EdgeCase[] = [
    wz(
      'expert-below-title-degree',
      E('lowTitleDegree'),
      hostDemand('lowTitleDegree'),
      named('lowTitleDegree', 'wz-qualification', 'fail'),
      '中级职称、学士学位，无授权发明专利：不满足“硕士以上或副高以上”，也不适用核心知识产权放宽（二(一)3）',
    ),
    wz(
      'expert-core-ip-relaxation',
      E('coreIp'),
      hostDemand('coreIp'),
      named('coreIp', 'wz-qualification', 'relaxed'),
      `中级职称、学士学位，但拥有授权发明专利${coreIpPatent?.number ?? ''}：二(一)3 可适当放宽学历职称，需人工复核`,
    ),
    wz(
      'expert-degree-missing',
      E('noDegree'),
      hostDemand('noDegree'),
      named('noDegree', 'wz-qualification', 'unknown'),
      '中级职称、学位未填：是否满足“硕士以上学历”无法判断，待核实（二(一)3）',
    ),
    wz(
      'expert-bad-record-recent',
      E('badRecent'),
      hostDemand('badRecent'),
      named('badRecent', 'wz-integrity', 'relaxed'),
      `${D.academicMisconduct} 学术不端：近3年内有记录，作风学风由派出单位和区县判断（二(一)1、三(二)1），标记复核不排除`,
    ),
    wz(
      'expert-bad-record-exactly-3-years',
      E('badExactly3'),
      hostDemand('badExactly3'),
      named('badExactly3', 'wz-integrity', 'relaxed'),
      `${D.misconductExactly3} 学术不端：恰好3年前，仍在“近3年”内（含当日）`,
    ),
    wz('expert-bad-record-old', E('badOld'), hostDemand('badOld'), named('badOld', 'wz-integrity', 'pass'), `${D.oldResearchDishonesty} 科研失信：已超过3年，不再标记`),
    wz(
      'expert-currently-serving',
      E('serving1'),
      hostDemand('serving1'),
      named('serving1', 'wz-not-serving', 'relaxed'),
      `wenzhou-2024 周期自${D.cycle2024Start}起派驻${entName('currentlyServed1')}，无结束日期：尚在服务期内，尽量避免多头任职（六(四)），标记复核`,
    ),
    wz(
      'expert-currently-serving',
      E('serving2'),
      hostDemand('serving2'),
      named('serving2', 'wz-not-serving', 'relaxed'),
      `wenzhou-2024 周期派驻${entName('currentlyServed2')} ${D.serving2Start} 至 ${D.serving2End}（两年聘期，晚于参考日）：尚在服务期内`,
    ),
    wz(
      'expert-short-work-experience',
      E('shortWork'),
      hostDemand('shortWork'),
      named('shortWork', 'wz-work-years', 'fail'),
      `${D.shortWorkStart}参加工作：至参考日差一天满两年（二(一)2 参加工作应满两年以上）`,
    ),
    wz(
      'expert-work-start-year-only',
      E('workYearOnly'),
      hostDemand('workYearOnly'),
      named('workYearOnly', 'wz-work-years', 'unknown'),
      `只有参加工作年份 ${expOf('workYearOnly').workStartYear}：是否满两年取决于具体日期，待核实`,
    ),
    wz(
      'expert-institution-other',
      E('institutionOther'),
      hostDemand('institutionOther'),
      named('institutionOther', 'wz-institution', 'fail'),
      `派出单位为${NON_ACADEMIC_INSTITUTION.name}（type other）：不是高校院所或职业学校（二(一)2）`,
    ),
    wz(
      'expert-institution-outside-zhejiang',
      E('outsideShanghai'),
      hostDemand('outsideShanghai'),
      named('outsideShanghai', 'wz-institution', 'pass'),
      `${shanghai.name}（${shanghai.region}）：省外高校，二(二)3 积极拓展至国内高校院所`,
    ),
    wz(
      'expert-institution-outside-zhejiang',
      E('outsideWuhan'),
      hostDemand('outsideWuhan'),
      named('outsideWuhan', 'wz-institution', 'pass'),
      `${wuhan.name}（${wuhan.region}）：省外高校`,
    ),
    wz(
      'expert-turning-40',
      E('turning40'),
      hostDemand('turning40'),
      named('turning40', 'wz-priority-young', 'pass'),
      `出生于${expOf('turning40').birthDate}，参考日当天满40周岁：仍属“40周岁以下”（含本数），优先`,
    ),
    wz(
      'enterprise-serious-credit-issue-recent',
      C('seriousCredit'),
      firstDemand('seriousCredit').externalId,
      { in: 'unfilled', code: 'ENTERPRISE_INELIGIBLE' },
      `${D.seriousCreditIssue} 重大税收违法失信：近3年有严重失信记录（二(三)2）`,
    ),
    wz(
      'enterprise-serious-credit-exactly-3-years',
      C('seriousCreditExactly3'),
      firstDemand('seriousCreditExactly3').externalId,
      { in: 'enterprise', rule: 'wz-enterprise-credit', outcome: 'fail' },
      `${D.seriousCreditExactly3} 失信被执行人：恰好3年前，仍在“近3年”内`,
    ),
    wz(
      'enterprise-credit-issue-not-disqualifying',
      C('minorCredit'),
      firstDemand('minorCredit').externalId,
      { in: 'enterprise', rule: 'wz-enterprise-credit', outcome: 'pass' },
      `${D.minorCreditIssue} 一般行政处罚（非严重）；${D.oldSeriousCreditIssue} 严重失信已超过3年`,
    ),
    wz(
      'enterprise-registered-outside-wenzhou',
      C('outsideHangzhou'),
      firstDemand('outsideHangzhou').externalId,
      { in: 'enterprise', rule: 'wz-enterprise-region', outcome: 'fail' },
      '注册地杭州市（330100）：不在温州市内（二(三)1）',
    ),
    wz(
      'enterprise-registered-outside-wenzhou',
      C('outsideNingbo'),
      firstDemand('outsideNingbo').externalId,
      { in: 'enterprise', rule: 'wz-enterprise-region', outcome: 'fail' },
      '注册地宁波市（330200）：不在温州市内',
    ),
    wz(
      'enterprise-qualification-not-listed',
      C('fakeHighTech'),
      firstDemand('fakeHighTech').externalId,
      { in: 'enterprise', rule: 'wz-priority-qualification', outcome: 'unknown' },
      '资质为“高新技术企业培育库入库企业”：不是所列“高新技术企业”；名单以“等”结尾，是否同类由区县认定，认定前不加分',
    ),
    wz(
      'enterprise-founded-by-expert',
      C('founderConflict'),
      firstDemand('founderConflict').externalId,
      named('founder', 'wz-conflict', 'fail'),
      `由专家 ${founder.externalId}（${founder.name}）创办，企业又将其列为备选：利益冲突（二(三)1）`,
    ),
    wz(
      'enterprise-founded-by-expert',
      C('investorConflict'),
      firstDemand('investorConflict').externalId,
      named('investor', 'wz-conflict', 'fail'),
      `专家 ${investor.externalId}（${investor.name}）入股：利益冲突`,
    ),
    wz(
      'enterprise-invested-by-institution',
      C('institutionConflict'),
      firstDemand('institutionConflict').externalId,
      named('institutionColleague', 'wz-conflict', 'fail'),
      `${colleague.institution.name}入股；企业列该单位专家 ${colleague.externalId} 为备选：不得派驻（二(三)1）`,
    ),
    wz(
      'enterprise-two-demands',
      C('twoDemands'),
      twoDemandIds[0],
      { in: 'oneExpertPerEnterprise', enterprise: C('twoDemands') },
      `同一企业提交两项需求：${twoDemandIds.join('、')}（一企一人，六(四)）`,
    ),
    wz(
      'demand-named-agreed',
      firstDemand('namedAgreed').externalId,
      firstDemand('namedAgreed').externalId,
      named('agreed', 'wz-conflict', 'pass'),
      `点名 ${E('agreed')} 且已协商一致：温州方案未规定指定人选优先，按匹配度参与分配`,
    ),
    wz(
      'demand-two-candidates',
      firstDemand('namedAgreed').externalId,
      firstDemand('namedAgreed').externalId,
      named('notAgreed', 'wz-conflict', 'pass'),
      `两名备选：${E('agreed')}（已协商一致）、${E('notAgreed')}（未协商一致）`,
    ),
    wz(
      'demand-named-outside-pool',
      firstDemand('namedByNameOnly').externalId,
      firstDemand('namedByNameOnly').externalId,
      { in: 'namedList', text: '库外' },
      '点名库外专家（仅姓名和单位，无专家编号），已协商一致：无法自动核验',
    ),
    wz(
      'cycle-allocation-by-county',
      DEMO_CYCLE_ID,
      firstDemand('host1').externalId,
      { in: 'allocation', source: 'cycle', level: 'county', count: 'demands' },
      '方案未规定名额分配：本周期设置按区县需求数比例分配，显示在批次上',
    ),
  ];

  const out: DemoData = {
    cycles: buildCycles(nEnterprises),
    enterprises: ents.map((e) => e.record),
    experts: experts.map((x) => x.record),
    demands: demandsByEnt.flat(),
    edgeCases,
  };
  if (options.jurisdictions === false) return out;
  const other = generateJurisdictionDemos(seed, patentNumbers);
  return {
    cycles: [...out.cycles, ...other.cycles],
    enterprises: [...out.enterprises, ...other.enterprises],
    experts: [...out.experts, ...other.experts],
    demands: [...out.demands, ...other.demands],
    edgeCases: [...out.edgeCases, ...other.edgeCases],
  };
}
