// One technical demand (附件1 三、四: 科技副总需求 and 技术创新难题) written from the enterprise's products and one
// research domain's vocabulary, so experts of that domain are genuine matches.
import type { DemandInput } from '../intake/demand.schema';
import type { ExpertInput } from '../intake/expert.schema';
import type { GeneratedEnterprise } from './demo-enterprises.generator';
import { composeMaskedMobile } from './person.composer';
import type { Rng } from './prng';
import type { SectorTopic } from './industry-sectors.data';
import { getDomain, type ResearchDomain } from './research-domains.data';

type CooperationMode = NonNullable<DemandInput['cooperationModes']>[number];
export type NamedCandidateInput = NonNullable<DemandInput['namedCandidates']>[number];

const CONDITIONS = [
  '提供独立办公室和实验场地，承担往返交通和食宿费用',
  '开放企业检测中心和中试线，配备研发助理2名',
  '提供研发经费保障和工伤保险，安排专人对接',
  '提供专家公寓和专用实验室，开放全部生产检测设备',
];

function formatRevenue(wan: number): string {
  return wan >= 10000 ? `${(wan / 10000).toFixed(1)}亿元` : `${wan}万元`;
}

function title(r: Rng, d: ResearchDomain, w: { obj: string; prop: string; issue: string; app: string; method: string }): string {
  const improve = d.kind === 'material' || d.kind === 'bio' ? '工艺改进' : d.kind === 'software' ? '系统开发' : '设计优化';
  return r.pick([`${w.obj}${w.prop}提升技术攻关`, `${w.obj}${w.issue}问题攻关`, `面向${w.app}的${w.obj}关键技术研发`, `基于${w.method}的${w.obj}${improve}`]);
}

export function generateDemand(r: Rng, externalId: string, cycle: string, ent: GeneratedEnterprise, topic: SectorTopic): DemandInput {
  const e = ent.record;
  const d = getDomain(topic.domain);
  const w = {
    obj: r.pick(topic.objects ?? d.objects),
    prop: r.pick(d.properties),
    issue: r.pick(d.issues),
    app: r.pick(topic.applications ?? d.applications),
    method: r.pick(d.methods),
    method2: r.pick(d.methods),
  };
  // Own product line, equipment it produces with, a material it buys, or a neighbouring business it expands into.
  const usage = topic.usage ?? (topic === ent.primaryTopic ? 'product' : d.kind === 'material' ? 'material' : 'expansion');
  const situation = {
    product: `目前公司产品中的${w.obj}存在${w.issue}的问题`,
    production: `目前公司生产所用的${w.obj}存在${w.issue}的问题`,
    material: `目前公司产品所用的${w.obj}存在${w.issue}的问题`,
    expansion: `目前公司正在拓展${w.obj}业务，但存在${w.issue}的问题`,
  }[usage];
  const goal = r.pick(
    d.kind === 'software'
      ? ['形成可推广的行业解决方案并申请软件著作权', '完成产线部署并实现稳定运行', `使系统${w.prop}提升20%以上`, '同时培养一支企业自有的研发团队']
      : ['形成可量产的工艺方案并申报发明专利', '建立企业自有的测试评价体系', '实现关键部件的国产化替代', `使产品${w.prop}提升20%以上`, '同时培养一支企业自有的研发团队'],
  );
  const methods = w.method === w.method2 ? w.method : `${w.method}、${w.method2}`;
  const description =
    `我公司主要从事${ent.products.join('、')}的研发、生产和销售，上年营业收入${formatRevenue(e.revenue ?? 0)}，现有员工${e.employees}人。` +
    `${situation}，${w.prop}与国内外先进水平相比仍有差距，制约了产品在${w.app}领域的推广应用。` +
    `希望依托高校院所在${methods}方面的研究基础，联合开展${w.obj}${w.prop}提升研究，${goal}。`;
  const modes = r.sample<CooperationMode>(['联合开发', '联合开发', '委托研发', '委托团队、专家长期技术服务', '技术转让', '技术入股', '共建新研发、生产实体'], r.int(1, 3));
  const size = ent.size;
  const funding = r.pick(size === 'micro' ? [10, 15, 20, 30] : size === 'small' ? [20, 30, 50, 80, 100] : [50, 100, 150, 200, 300, 500]);
  const provides = r.chance(0.95);
  const demand: DemandInput = {
    externalId,
    enterpriseCreditCode: e.creditCode,
    cycle,
    title: title(r, d, w),
    description,
    expectedField: d.field,
    expectedSource: r.weighted([
      ['温州市内高校院所', 4],
      ['省内高校院所', 3],
      ['省外中科院、教育部所属高校院所', 1],
      ['不限', 2],
    ]),
    namedCandidates: [],
    keyCommonTech: r.chance(0.3),
    expectedCooperation: r
      .sample(
        [
          '联合申报温州市重大科技创新攻关项目',
          `共建${d.field}联合研发中心`,
          `委托开展${w.obj}测试分析与失效分析`,
          '联合培养研究生和企业技术骨干',
          '推动派出单位相关科技成果在企业转化',
        ],
        r.int(1, 2),
      )
      .join('，'),
    cooperationModes: [...new Set(modes)],
    partnerRequirements: `希望专家长期从事${d.field}研究，熟悉${w.method}，具有${w.app}领域产学研合作经验。`,
    expectedFunding: funding,
    providesConditions: provides,
    conditionsNote: provides ? r.pick(CONDITIONS) : '企业暂不具备实验条件，相关试验需依托派出单位开展',
  };
  return demand;
}

/** A named candidate (期望专家备选人员) taken from an expert record, as an enterprise would fill it in. */
export function nameCandidate(r: Rng, expert: ExpertInput, agreed: boolean): NamedCandidateInput {
  return { expertExternalId: expert.externalId, name: expert.name, institution: expert.institution.name, contact: expert.contact?.phone ?? composeMaskedMobile(r), agreed };
}
