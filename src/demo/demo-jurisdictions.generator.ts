// Small demo cycles of the other four documents, each under its own profile and in its own jurisdiction, holding
// the boundary cases that change nothing under Wenzhou's plan: ages at 45/46 and 50/51, 初聘, bounded relaxation,
// previous cycles, currently serving, SME size, credit records, registration age, 不合格 windows, work dates,
// unanswered conditions and the quota rules. Every planted expert is named by a demand of the cycle, so the
// county page of a run shows the verdict on them; every planted enterprise files a demand. Pure and deterministic.
import type { CycleInput } from '../intake/cycle.schema';
import type { DemandInput } from '../intake/demand.schema';
import type { EnterpriseInput } from '../intake/enterprise.schema';
import type { ExpertInput } from '../intake/expert.schema';
import type { Outcome } from '../policy/evaluation.types';
import { buildCreditCode } from './check-digits';
import { addDays, addYears } from './dates';
import { generateDemand, nameCandidate } from './demo-demands.generator';
import type { EdgeCase, EdgeCaseKind, EdgeVisibility } from './demo-edge-cases';
import type { GeneratedEnterprise, SizeClass } from './demo-enterprises.generator';
import { generateExpert, type ExpertSpec } from './demo-experts.generator';
import { INDUSTRY_SECTORS } from './industry-sectors.data';
import { findInstitution, type DemoInstitution } from './institutions.data';
import { Rng } from './prng';

export type JurisdictionDemo = {
  cycles: CycleInput[];
  enterprises: EnterpriseInput[];
  experts: ExpertInput[];
  demands: DemandInput[];
  edgeCases: EdgeCase[];
};

export const JURISDICTION_CYCLES = {
  hubei: { id: 'hubei-demo', policy: 'hubei-2020', year: 2024, referenceDate: '2024-06-30' },
  wuhan: { id: 'wuhan-demo', policy: 'wuhan-2023', year: 2023, referenceDate: '2023-03-10' },
  xinxiang: { id: 'xinxiang-demo', policy: 'xinxiang-2025', year: 2025, referenceDate: '2025-06-30' },
  liaocheng: { id: 'liaocheng-demo', policy: 'liaocheng-2025', year: 2025, referenceDate: '2025-09-30' },
} as const;

const inst = (name: string, short: string, type: DemoInstitution['type'], region: string, mailDomain: string, strengths: string[]): DemoInstitution => ({
  name,
  short,
  type,
  region,
  mailDomain,
  weight: 0,
  strengths,
});

const WHUT = inst('武汉理工大学', '武理工', 'university', '420111', 'whut.edu.cn', ['li-battery', 'ai-vision', 'robotics-automation']);
const CTGU = inst('三峡大学', '三峡大学', 'university', '420500', 'ctgu.edu.cn', ['smart-grid', 'power-electronics']);
const HNU = inst('河南师范大学', '河师大', 'university', '410711', 'htu.edu.cn', ['polymer', 'li-battery', 'ai-vision']);
const HIST = inst('河南科技学院', '河南科院', 'university', '410702', 'hist.edu.cn', ['robotics-automation', 'precision-machining']);
const XX_COMPANY = inst('新乡市中科智造技术研究院有限公司', '中科智造', 'new_rd_institution', '410702', 'zkzz-xx.cn', ['robotics-automation']);
const LCU = inst('聊城大学', '聊大', 'university', '371502', 'lcu.edu.cn', ['polymer', 'precision-machining', 'ai-vision']);

type Builder = {
  cycle: string;
  ref: string;
  rng: (k: string) => Rng;
  patentNumbers: Set<string>;
  out: JurisdictionDemo;
};

type EntOpts = {
  key: string;
  region: string;
  name: string;
  sector: string;
  size?: SizeClass;
  registeredAt?: string;
  employees?: number | null;
  revenue?: number | null;
  qualifications?: string[];
  creditIssues?: EnterpriseInput['creditIssues'];
};

function enterprise(b: Builder, n: number, o: EntOpts): GeneratedEnterprise {
  const sector = INDUSTRY_SECTORS.find((s) => s.key === o.sector)!;
  const primaryTopic = sector.topics.find((t) => t.main)!;
  const record: EnterpriseInput = {
    creditCode: buildCreditCode(o.region, `MA${String(n).padStart(6, '0')}`),
    name: o.name,
    region: o.region,
    registeredAt: o.registeredAt ?? '2014-05-20',
    ...(o.employees === null ? {} : { employees: o.employees ?? 160 }),
    ...(o.revenue === null ? {} : { revenue: o.revenue ?? 9000 }),
    qualifications: o.qualifications ?? ['高新技术企业'],
    industry: sector.industry,
    rdInstitutions: [{ name: `${o.name.slice(0, 6)}企业技术中心`, kind: '企业技术中心', level: 'municipal', mode: 'self_built' }],
    creditIssues: o.creditIssues ?? [],
    relatedParties: [],
  };
  b.out.enterprises.push(record);
  return { record, sector, primaryTopic, size: o.size ?? 'small', shortName: o.name.slice(2, 6), products: (primaryTopic.products ?? sector.products).slice(0, 2) };
}

function expert(b: Builder, id: string, spec: ExpertSpec & { institution: DemoInstitution }): ExpertInput {
  const domainKey = spec.domainKey ?? spec.institution.strengths[0];
  const { record } = generateExpert(b.rng(`expert-${id}`), id, { referenceDate: b.ref, patentNumbers: b.patentNumbers }, { qualified: true, ...spec, domainKey });
  b.out.experts.push(record);
  return record;
}

function demand(b: Builder, id: string, ent: GeneratedEnterprise, named: Array<[ExpertInput, boolean]>, extra: Partial<DemandInput> = {}): DemandInput {
  const r = b.rng(`demand-${id}`);
  const d = generateDemand(r, id, b.cycle, ent, ent.primaryTopic);
  d.providesConditions = true;
  d.conditionsNote = '提供独立办公室和实验场地，安排专人对接';
  d.namedCandidates = named.map(([x, agreed]) => nameCandidate(r, x, agreed));
  Object.assign(d, extra);
  b.out.demands.push(d);
  return d;
}

const named = (x: ExpertInput, rule: string, outcome: Outcome): EdgeVisibility => ({ in: 'named', expert: x.externalId, rule, outcome });
const ent = (rule: string, outcome: Outcome): EdgeVisibility => ({ in: 'enterprise', rule, outcome });

function edge(b: Builder, kind: EdgeCaseKind, subject: string, d: DemandInput, visible: EdgeVisibility, note: string): void {
  b.out.edgeCases.push({ kind, subject, note, cycle: b.cycle, demand: d.externalId, visible });
}

function builder(seed: number, cycle: { id: string; referenceDate: string }, patentNumbers: Set<string>, out: JurisdictionDemo): Builder {
  return { cycle: cycle.id, ref: cycle.referenceDate, rng: (k) => Rng.for(seed, cycle.id, k), patentNumbers, out };
}

/** 鄂经信科技〔2020〕73号 under hubei-demo, plus the provincial 2021/2022 selections Wuhan's previous-cycle rule reads. */
function hubei(seed: number, patentNumbers: Set<string>, out: JurisdictionDemo): Record<string, GeneratedEnterprise> {
  const c = JURISDICTION_CYCLES.hubei;
  const b = builder(seed, c, patentNumbers, out);
  const H = c.referenceDate;
  out.cycles.push(
    { id: 'hubei-2021', year: 2021, policy: 'hubei-2020', seats: 200, status: 'closed', referenceDate: '2021-06-30', previousCycles: [] },
    { id: 'hubei-2022', year: 2022, policy: 'hubei-2020', seats: 200, status: 'closed', referenceDate: '2022-06-30', previousCycles: [] },
    { id: c.id, year: c.year, policy: c.policy, seats: 4, status: 'open', referenceDate: H, previousCycles: [] },
  );
  const e1 = enterprise(b, 101, { key: 'e1', region: '420111', name: '武汉光谷储能科技有限公司', sector: 'new-energy' });
  const e2 = enterprise(b, 102, { key: 'e2', region: '420106', name: '武汉楚辰智能装备有限公司', sector: 'equipment' });
  const e3 = enterprise(b, 103, { key: 'e3', region: '420102', name: '武汉江岸视觉科技有限公司', sector: 'digital' });
  const e4 = enterprise(b, 104, { key: 'e4', region: '420500', name: '宜昌三峡电气有限公司', sector: 'electrical', employees: null, revenue: 52000, size: 'medium' });
  const e5 = enterprise(b, 105, { key: 'e5', region: '420600', name: '襄阳汉江汽车部件股份有限公司', sector: 'auto-parts', employees: 1200, revenue: 60000, size: 'large' });
  const e6 = enterprise(b, 106, { key: 'e6', region: '420115', name: '武汉江夏新材料有限公司', sector: 'new-materials' });
  const e7 = enterprise(b, 107, { key: 'e7', region: '420112', name: '武汉临空港电池材料有限公司', sector: 'new-energy' });

  const turning46 = expert(b, 'hb-exp-001', { institution: WHUT, birthDate: addYears(H, -46) });
  const age45 = expert(b, 'hb-exp-002', { institution: WHUT, birthDate: addYears(H, -45) });
  const agreed52 = expert(b, 'hb-exp-003', { institution: WHUT, domainKey: 'robotics-automation', age: 52, title: '正高级' });
  const agreed56 = expert(b, 'hb-exp-004', { institution: WHUT, domainKey: 'robotics-automation', age: 56, title: '正高级' });
  const notAgreed48 = expert(b, 'hb-exp-005', { institution: WHUT, domainKey: 'ai-vision', age: 48, title: '正高级' });
  const noBirth = expert(b, 'hb-exp-006', { institution: WHUT, domainKey: 'ai-vision', omit: ['birthDate'] });
  const serving = expert(b, 'hb-exp-007', { institution: WHUT });
  serving.serviceHistory = [{ enterpriseCreditCode: e6.record.creditCode, cycle: 'hubei-2022', startDate: '2022-07-15', endDate: '2024-07-14' }];
  const agreedFirst = expert(b, 'hb-exp-008', { institution: WHUT });
  for (let i = 9; i <= 12; i++) expert(b, `hb-exp-${String(i).padStart(3, '0')}`, { institution: i % 2 ? WHUT : CTGU });

  const d1 = demand(b, 'hb-dem-01', e1, [
    [turning46, false],
    [age45, false],
  ]);
  const d2 = demand(b, 'hb-dem-02', e2, [
    [agreed52, true],
    [agreed56, true],
  ]);
  const d3 = demand(b, 'hb-dem-03', e3, [
    [notAgreed48, false],
    [noBirth, false],
  ]);
  const d4 = demand(b, 'hb-dem-04', e4, []);
  const d5 = demand(b, 'hb-dem-05', e5, []);
  demand(b, 'hb-dem-06', e6, []);
  demand(b, 'hb-dem-06b', e6, []);
  const d7 = demand(b, 'hb-dem-07', e7, [
    [serving, false],
    [agreedFirst, true],
  ]);

  edge(b, 'expert-turning-46', turning46.externalId, d1, named(turning46, 'hb-age', 'fail'), `出生于${turning46.birthDate}，基准日 ${H} 满46周岁：超过“45岁以下”（当日即超）`);
  edge(b, 'expert-age-boundary-45', age45.externalId, d1, named(age45, 'hb-age', 'pass'), `出生于${age45.birthDate}，基准日当天满45周岁：“45岁以下”含本数`);
  edge(
    b,
    'demand-named-agreed-over-age',
    agreed52.externalId,
    d2,
    named(agreed52, 'hb-age', 'relaxed'),
    '52周岁，企业指定且已协商一致：二(三)可适当放宽（本策略上限55周岁），需填写理由',
  );
  edge(b, 'demand-named-agreed-beyond-bound', agreed56.externalId, d2, named(agreed56, 'hb-age', 'fail'), '56周岁，虽已协商一致：超过本策略设置的放宽上限55周岁');
  edge(b, 'demand-named-not-agreed-over-age', notAgreed48.externalId, d3, named(notAgreed48, 'hb-age', 'fail'), '48周岁，被指定但未协商一致：不适用年龄放宽');
  edge(b, 'expert-birth-date-missing', noBirth.externalId, d3, named(noBirth, 'hb-age', 'unknown'), '档案缺少出生日期：年龄条件待核实，不得视为符合');
  edge(
    b,
    'expert-serving-previous-cycle',
    serving.externalId,
    d7,
    named(serving, 'hb-not-serving', 'fail'),
    'hubei-2022 批次 2022-07-15 起服务两年，基准日仍在服务期内：每批服务期2年（三、五(一)）',
  );
  edge(b, 'enterprise-size-unknown', e4.record.creditCode, d4, ent('hb-enterprise-sme', 'unknown'), '上年营业收入 52000 万元、从业人数未填：是否中小微企业取决于人数，待核实');
  edge(b, 'enterprise-not-sme', e5.record.creditCode, d5, ent('hb-enterprise-sme', 'fail'), '从业人员 1200 人、营业收入 60000 万元：大型企业，不属于中小微企业');
  edge(
    b,
    'demand-named-agreed-first',
    agreedFirst.externalId,
    d7,
    { in: 'proposed', expert: agreedFirst.externalId, namedAgreed: true },
    '企业指定且已协商一致：四(二)可优先考虑、直接安排',
  );
  edge(
    b,
    'cycle-allocation-by-city-enterprises',
    c.id,
    d1,
    { in: 'allocation', source: 'profile', level: 'city', count: 'enterprises' },
    '四(二)：名额按各市州征集需求数量比例分配；一企一表，按企业计数（武汉江夏的两项需求计一家）',
  );
  return { e4, e5, e6 };
}

/** Wuhan's 2023 notice under wuhan-demo; previous cycles are the provincial 2021/2022 selections. */
function wuhan(seed: number, patentNumbers: Set<string>, out: JurisdictionDemo, hb: Record<string, GeneratedEnterprise>): void {
  const c = JURISDICTION_CYCLES.wuhan;
  const b = builder(seed, c, patentNumbers, out);
  const W = c.referenceDate;
  out.cycles.push({ id: c.id, year: c.year, policy: c.policy, seats: 3, status: 'open', referenceDate: W, previousCycles: ['hubei-2021', 'hubei-2022'] });
  const e1 = enterprise(b, 201, { key: 'e1', region: '420111', name: '武汉珞喻光电科技有限公司', sector: 'digital', qualifications: ['省级“专精特新”中小企业'] });
  const e2 = enterprise(b, 202, { key: 'e2', region: '420106', name: '武汉东湖锂电科技有限公司', sector: 'new-energy' });
  const e3 = enterprise(b, 203, { key: 'e3', region: '420102', name: '武汉汉口精密机械有限公司', sector: 'equipment' });
  const e4 = enterprise(b, 204, { key: 'e4', region: '420115', name: '武汉纸坊智能制造有限公司', sector: 'equipment' });

  const past = expert(b, 'wh-exp-001', { institution: WHUT, domainKey: 'ai-vision' });
  past.serviceHistory = [{ enterpriseCreditCode: e1.record.creditCode, cycle: 'hubei-2021', startDate: '2021-07-15', endDate: '2023-02-28', grade: '合格' }];
  const prev = expert(b, 'wh-exp-002', { institution: WHUT, domainKey: 'li-battery' });
  prev.serviceHistory = [{ enterpriseCreditCode: hb.e5.record.creditCode, cycle: 'hubei-2022', startDate: '2022-07-15', endDate: '2022-12-31', grade: '合格' }];
  const serving = expert(b, 'wh-exp-003', { institution: WHUT, domainKey: 'robotics-automation' });
  serving.serviceHistory = [{ enterpriseCreditCode: hb.e4.record.creditCode, cycle: 'hubei-2022', startDate: '2022-07-15', endDate: '2024-07-14' }];
  const old47 = expert(b, 'wh-exp-004', { institution: WHUT, domainKey: 'robotics-automation', age: 47, title: '正高级' });

  const d1 = demand(b, 'wh-dem-01', e1, []);
  const d2 = demand(b, 'wh-dem-02', e2, [[prev, true]]);
  const d3 = demand(b, 'wh-dem-03', e3, [[serving, false]]);
  const d4 = demand(b, 'wh-dem-04', e4, [[old47, true]]);
  edge(
    b,
    'enterprise-had-kejifuzong',
    e1.record.creditCode,
    d1,
    ent('wh-no-prior-tech-vp', 'fail'),
    `${past.externalId} 在 hubei-2021 批次服务过该企业：已选派过科技副总的企业原则上不再安排（四(三)）`,
  );
  edge(
    b,
    'expert-served-previous-cycle-named',
    prev.externalId,
    d2,
    named(prev, 'wh-previous-cycles', 'fail'),
    'hubei-2022 批次已选派的专家被列为期望专家备选人员：附件1 三 不得列为备选',
  );
  edge(
    b,
    'expert-currently-serving-wuhan',
    serving.externalId,
    d3,
    named(serving, 'wh-not-serving', 'fail'),
    '尚在 hubei-2022 批次服务期内（至 2024-07-14）：二 尚在服务期内的不得申报',
  );
  edge(
    b,
    'demand-age-relaxed-by-provincial-scheme',
    old47.externalId,
    d4,
    named(old47, 'wh-age', 'relaxed'),
    `基准日 ${W} 47周岁，已协商一致：通知本身无放宽条款，放宽依据为首段所称鄂经信科技〔2020〕73号 二(三)`,
  );
}

/** 新科〔2025〕12号 under xinxiang-demo. */
function xinxiang(seed: number, patentNumbers: Set<string>, out: JurisdictionDemo): void {
  const c = JURISDICTION_CYCLES.xinxiang;
  const b = builder(seed, c, patentNumbers, out);
  const X = c.referenceDate;
  out.cycles.push({ id: c.id, year: c.year, policy: c.policy, seats: 4, status: 'open', referenceDate: X, previousCycles: [] });
  const e1 = enterprise(b, 301, { key: 'e1', region: '410702', name: '新乡红旗电池材料有限公司', sector: 'new-energy', qualifications: ['高新技术企业培育库入库企业'] });
  const e2 = enterprise(b, 302, { key: 'e2', region: '410711', name: '新乡牧野机械加工有限公司', sector: 'equipment', qualifications: [] });
  const e3 = enterprise(b, 303, { key: 'e3', region: '410721', name: '新乡县智联装备有限公司', sector: 'equipment' });
  const e4 = enterprise(b, 304, { key: 'e4', region: '410702', name: '新乡卫河新能源科技有限公司', sector: 'new-energy' });
  const e5 = enterprise(b, 305, { key: 'e5', region: '410711', name: '新乡平原智能制造有限公司', sector: 'equipment', qualifications: ['规上工业企业'] });
  const e6 = enterprise(b, 306, { key: 'e6', region: '410781', name: '卫辉市太行高分子材料有限公司', sector: 'new-materials' });
  const e7 = enterprise(b, 307, { key: 'e7', region: '410782', name: '辉县市百泉精密部件有限公司', sector: 'equipment', qualifications: ['科技型中小企业'] });
  // No demand and no edge case: the demo's renewed placement (seed-demo-placements.service.ts) serves it.
  enterprise(b, 308, { key: 'e8', region: '410702', name: '新乡凤泉精细化工有限公司', sector: 'new-materials' });

  const turning50 = expert(b, 'xx-exp-001', { institution: HNU, domainKey: 'li-battery', birthDate: addYears(X, -50), title: '正高级' });
  // No granted invention patent: the core-IP relaxation (三(一)5) would otherwise relax the age.
  const turning51 = expert(b, 'xx-exp-002', { institution: HNU, domainKey: 'li-battery', birthDate: addYears(X, -51), title: '正高级', grantedInvention: 'none' });
  const second56 = expert(b, 'xx-exp-003', { institution: HIST, age: 56, title: '正高级' });
  second56.serviceHistory = [{ enterpriseCreditCode: e3.record.creditCode, startDate: '2023-01-01', endDate: '2024-12-31', grade: '合格' }];
  const company = expert(b, 'xx-exp-004', { institution: XX_COMPANY });
  const serving = expert(b, 'xx-exp-005', { institution: HNU, domainKey: 'polymer' });
  serving.serviceHistory = [{ enterpriseCreditCode: e2.record.creditCode, startDate: '2024-09-01', endDate: '2026-08-31' }];
  const outside = expert(b, 'xx-exp-006', { institution: findInstitution('温州大学'), domainKey: 'polymer' });
  const renewal = expert(b, 'xx-exp-007', { institution: HIST, domainKey: 'precision-machining' });
  renewal.serviceHistory = [{ enterpriseCreditCode: e7.record.creditCode, startDate: '2023-03-01', endDate: '2025-02-28', grade: '优秀' }];
  const coop = expert(b, 'xx-exp-008', { institution: HIST, domainKey: 'precision-machining' });
  coop.cooperations = [{ enterpriseCreditCode: e7.record.creditCode, year: 2023, note: '2023年合作开展精密部件检测横向课题' }];
  for (let i = 9; i <= 11; i++) expert(b, `xx-exp-${String(i).padStart(3, '0')}`, { institution: i % 2 ? HNU : HIST });

  const d1 = demand(b, 'xx-dem-01', e1, []);
  const d2 = demand(b, 'xx-dem-02', e2, []);
  const d3 = demand(b, 'xx-dem-03', e3, [], { providesConditions: undefined, conditionsNote: undefined });
  delete d3.providesConditions;
  delete d3.conditionsNote;
  const d4 = demand(b, 'xx-dem-04', e4, [
    [turning50, false],
    [turning51, false],
  ]);
  const d5 = demand(b, 'xx-dem-05', e5, [
    [second56, false],
    [company, false],
  ]);
  const d6 = demand(b, 'xx-dem-06', e6, [
    [serving, false],
    [outside, false],
  ]);
  const d7 = demand(b, 'xx-dem-07', e7, [
    [renewal, true],
    [coop, false],
  ]);
  edge(b, 'expert-turning-50', turning50.externalId, d4, named(turning50, 'xx-age', 'pass'), `出生于${turning50.birthDate}，基准日当天满50周岁：“不超过50周岁”含本数`);
  edge(b, 'expert-turning-51-first-appointment', turning51.externalId, d4, named(turning51, 'xx-age', 'fail'), '基准日满51周岁，此前未担任过科技副总：初聘年龄超过50周岁');
  edge(
    b,
    'expert-second-appointment-over-50',
    second56.externalId,
    d5,
    named(second56, 'xx-age', 'pass'),
    '56周岁，2023—2024年曾任科技副总（合格）：本次不是初聘，不适用初聘年龄上限',
  );
  edge(b, 'expert-institution-company', company.externalId, d5, named(company, 'xx-institution', 'fail'), `派出单位“${XX_COMPANY.name}”登记为有限公司：不是三(一)1 所说的事业单位`);
  edge(
    b,
    'expert-serving-elsewhere-xinxiang',
    serving.externalId,
    d6,
    named(serving, 'xx-not-serving', 'fail'),
    '2024-09-01 至 2026-08-31 在另一企业任职：三(一)3 须在同一企业工作不少于两年',
  );
  edge(b, 'expert-institution-outside-xinxiang', outside.externalId, d6, named(outside, 'xx-institution', 'fail'), '温州大学：不是在新高校（三(一)1）');
  edge(
    b,
    'demand-renewal-excellent',
    renewal.externalId,
    d7,
    named(renewal, 'xx-priority-renewal', 'pass'),
    '2023—2025年在该企业任职考核优秀，双方同意继续合作：六(四)直接予以续聘',
  );
  edge(b, 'expert-prior-cooperation', coop.externalId, d7, named(coop, 'xx-priority-cooperation', 'pass'), '2023年与该企业有横向合作：四(三)1 前期已有合作基础的优先支持');
  edge(
    b,
    'enterprise-qualification-training-pool',
    e1.record.creditCode,
    d1,
    ent('xx-enterprise-qualification', 'unknown'),
    '资质为“高新技术企业培育库入库企业”：不是“高新技术企业”；三(二)1 的列举以“等”结尾，是否同类由区县认定',
  );
  edge(b, 'enterprise-no-qualification', e2.record.creditCode, d2, ent('xx-enterprise-qualification', 'fail'), '没有任何资质：三(二)1 企业需具有下列资质之一');
  edge(b, 'demand-conditions-unanswered', d3.externalId, d3, ent('xx-provides-conditions', 'unknown'), '需求表未回答是否提供工作条件：不视为“是”，待核实（三(二)3）');
  edge(b, 'cycle-allocation-none', c.id, d4, { in: 'allocation', source: 'none', level: 'pool', count: 'demands' }, '行动计划未规定名额分配，本周期也未设置：全市统一名额');
}

/** 聊城市“科技副总”管理办法（征求意见稿） under liaocheng-demo. */
function liaocheng(seed: number, patentNumbers: Set<string>, out: JurisdictionDemo): void {
  const c = JURISDICTION_CYCLES.liaocheng;
  const b = builder(seed, c, patentNumbers, out);
  const L = c.referenceDate;
  out.cycles.push({ id: c.id, year: c.year, policy: c.policy, seats: 4, status: 'open', referenceDate: L, previousCycles: [] });
  const e1 = enterprise(b, 401, { key: 'e1', region: '371502', name: '聊城东昌新材料有限公司', sector: 'new-materials', registeredAt: addYears(L, -1) });
  const e2 = enterprise(b, 402, { key: 'e2', region: '371503', name: '聊城茌平铝业科技有限公司', sector: 'new-materials', registeredAt: '2025-01-10' });
  const e3 = enterprise(b, 403, {
    key: 'e3',
    region: '371521',
    name: '阳谷县凤祥机械有限公司',
    sector: 'equipment',
    creditIssues: [{ date: '2024-11-05', kind: '列入经营异常名录', serious: false, category: 'bad_credit', note: '未按期公示年度报告' }],
  });
  const e4 = enterprise(b, 404, {
    key: 'e4',
    region: '371522',
    name: '莘县鲁西数控设备有限公司',
    sector: 'equipment',
    creditIssues: [{ date: '2025-03-12', kind: '行政处罚', serious: false, category: 'violation', note: '安全生产台账不全，罚款1万元' }],
  });
  const e5 = enterprise(b, 405, {
    key: 'e5',
    region: '371524',
    name: '东阿县阿胶生物科技有限公司',
    sector: 'health',
    creditIssues: [{ date: '2024-06-01', kind: '行政处罚', serious: false, note: '原因未注明' }],
  });
  const e6 = enterprise(b, 406, { key: 'e6', region: '371525', name: '冠县冠州智能装备有限公司', sector: 'equipment' });
  const e7 = enterprise(b, 407, { key: 'e7', region: '371526', name: '高唐县鱼邱湖高分子材料有限公司', sector: 'new-materials' });
  const e8 = enterprise(b, 408, { key: 'e8', region: '371581', name: '临清市运河精密轴承有限公司', sector: 'equipment' });

  const failed2 = expert(b, 'lc-exp-001', { institution: LCU, domainKey: 'polymer' });
  failed2.serviceHistory = [{ enterpriseCreditCode: e4.record.creditCode, startDate: '2021-10-01', endDate: addYears(L, -2), grade: '不合格' }];
  const failedOld = expert(b, 'lc-exp-002', { institution: LCU, domainKey: 'polymer' });
  failedOld.serviceHistory = [{ enterpriseCreditCode: e5.record.creditCode, startDate: '2021-09-30', endDate: addDays(addYears(L, -2), -1), grade: '不合格' }];
  const work2 = expert(b, 'lc-exp-003', { institution: LCU, domainKey: 'precision-machining', age: 30, title: '中级', workStartDate: addYears(L, -2) });
  const workYear = expert(b, 'lc-exp-004', { institution: LCU, domainKey: 'precision-machining', age: 30, title: '中级', workStartYear: 2023, omit: ['workStartDate'] });
  const bad3 = expert(b, 'lc-exp-005', { institution: LCU, domainKey: 'polymer' });
  bad3.badRecords = [{ date: addYears(L, -3), kind: '学术不端', note: '论文数据造假，被所在单位通报' }];
  for (let i = 6; i <= 8; i++) expert(b, `lc-exp-${String(i).padStart(3, '0')}`, { institution: LCU });

  const d1 = demand(b, 'lc-dem-01', e1, [[bad3, false]]);
  const d2 = demand(b, 'lc-dem-02', e2, []);
  const d3 = demand(b, 'lc-dem-03', e3, []);
  const d4 = demand(b, 'lc-dem-04', e4, []);
  const d5 = demand(b, 'lc-dem-05', e5, []);
  const d6 = demand(b, 'lc-dem-06', e6, []);
  delete d6.providesConditions;
  delete d6.conditionsNote;
  const d7 = demand(b, 'lc-dem-07', e7, [
    [failed2, false],
    [failedOld, false],
  ]);
  const d8 = demand(b, 'lc-dem-08', e8, [
    [work2, false],
    [workYear, false],
  ]);
  edge(
    b,
    'enterprise-registered-exactly-1-year',
    e1.record.creditCode,
    d1,
    ent('lc-enterprise-age', 'pass'),
    `${e1.record.registeredAt}注册：至基准日恰满1年（第九条第1项 注册时间满1年以上，含当日）`,
  );
  edge(b, 'enterprise-registered-under-1-year', e2.record.creditCode, d2, ent('lc-enterprise-age', 'fail'), '2025-01-10注册：不满1年');
  edge(
    b,
    'enterprise-bad-credit-record-minor',
    e3.record.creditCode,
    d3,
    ent('lc-enterprise-credit', 'fail'),
    '2024-11-05 列入经营异常名录（非严重的不良信用记录）：“重大”只修饰违法违规行为，不良信用记录不论轻重',
  );
  edge(b, 'enterprise-violation-minor', e4.record.creditCode, d4, ent('lc-enterprise-credit', 'pass'), '2025-03-12 一般行政处罚（非重大违法违规）：不排除');
  edge(b, 'enterprise-credit-issue-unclassified', e5.record.creditCode, d5, ent('lc-enterprise-credit', 'unknown'), '2024-06-01 非严重记录，未注明是违法违规还是不良信用：待核实');
  edge(b, 'demand-conditions-unanswered-liaocheng', d6.externalId, d6, ent('lc-provides-conditions', 'unknown'), '未回答能否提供工作和生活条件：待核实（第九条第3项）');
  edge(
    b,
    'expert-failed-grade-exactly-2-years',
    failed2.externalId,
    d7,
    named(failed2, 'lc-failed-grade', 'fail'),
    `${addYears(L, -2)} 结束的服务考核不合格：恰好两年前，仍在“两年内”`,
  );
  edge(b, 'expert-failed-grade-old', failedOld.externalId, d7, named(failedOld, 'lc-failed-grade', 'pass'), `${addDays(addYears(L, -2), -1)} 结束的服务考核不合格：已超过两年`);
  edge(b, 'expert-work-exactly-2-years', work2.externalId, d8, named(work2, 'lc-work-years', 'pass'), `${addYears(L, -2)} 参加工作：至基准日恰满两年（两年以上含本数）`);
  edge(b, 'expert-work-start-year-only', workYear.externalId, d8, named(workYear, 'lc-work-years', 'unknown'), '只有参加工作年份 2023：是否满两年取决于具体日期，待核实');
  edge(b, 'expert-bad-record-exactly-3-years-liaocheng', bad3.externalId, d1, named(bad3, 'lc-bad-record', 'fail'), `${addYears(L, -3)} 学术不端：恰好三年前，仍在“近三年内”`);
}

/** The four jurisdiction demo cycles, in the import formats, with their catalogue of edge cases. */
export function generateJurisdictionDemos(seed: number, patentNumbers: Set<string>): JurisdictionDemo {
  const out: JurisdictionDemo = { cycles: [], enterprises: [], experts: [], demands: [], edgeCases: [] };
  const hb = hubei(seed, patentNumbers, out);
  wuhan(seed, patentNumbers, out, hb);
  xinxiang(seed, patentNumbers, out);
  liaocheng(seed, patentNumbers, out);
  return out;
}
