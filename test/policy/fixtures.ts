import { demandSchema, type DemandInput } from '../../src/intake/demand.schema';
import { enterpriseSchema, type EnterpriseInput } from '../../src/intake/enterprise.schema';
import { expertSchema, type ExpertInput } from '../../src/intake/expert.schema';
import type { Demand, Enterprise, Expert, PolicyContext } from '../../src/policy/evaluation.types';

export const EXPERT_ID = 'E-0001';

/** A baseline per jurisdiction that passes every hard rule of that jurisdiction's profile. */
export interface Scenario {
  expert: ExpertInput;
  enterprise: EnterpriseInput;
  demand: DemandInput;
  ctx: PolicyContext;
}

const expertAt = (institution: string, region: string): ExpertInput => ({
  externalId: EXPERT_ID,
  name: '李明',
  birthDate: '1985-06-15',
  title: '副高级',
  degree: '博士',
  institution: { name: institution, type: 'university', region },
  region,
  workStartYear: 2012,
  papers: [{ title: '高功率激光器热管理研究', year: 2020 }],
});

const enterpriseAt = (creditCode: string, region: string, extra: Partial<EnterpriseInput> = {}): EnterpriseInput => ({
  creditCode,
  name: '示例科技有限公司',
  region,
  registeredAt: '2015-05-20',
  employees: 180,
  revenue: 8000,
  industry: '纺织服装',
  qualifications: [],
  ...extra,
});

const demandFor = (creditCode: string, cycle: string): DemandInput => ({
  externalId: 'D-0001',
  enterpriseCreditCode: creditCode,
  cycle,
  title: '激光焊接工艺改进',
  description: '焊缝气孔率偏高，需要改进工艺参数。',
  providesConditions: true,
});

export const ENTERPRISE_CODES = {
  hubei: '91420111MA4K12345X',
  xinxiang: '91410702MA9G12345A',
  liaocheng: '91371502MA3C12345B',
  wenzhou: '91330302MA2H12345C',
} as const;
export const OTHER_ENTERPRISE = '91420111MA4K99999Y';

export const SCENARIOS: Record<string, Scenario> = {
  'hubei-2020': {
    expert: expertAt('武汉理工大学', '420111'),
    enterprise: enterpriseAt(ENTERPRISE_CODES.hubei, '420111'),
    demand: demandFor(ENTERPRISE_CODES.hubei, 'hb-2023'),
    ctx: { referenceDate: '2023-03-01', cycleId: 'hb-2023' },
  },
  'wuhan-2023': {
    expert: expertAt('武汉理工大学', '420111'),
    enterprise: enterpriseAt(ENTERPRISE_CODES.hubei, '420111'),
    demand: demandFor(ENTERPRISE_CODES.hubei, 'wh-2023'),
    ctx: { referenceDate: '2023-03-01', cycleId: 'wh-2023', previousCycleIds: ['wh-2021', 'wh-2022'], previousCycleExpertIds: new Set() },
  },
  'xinxiang-2025': {
    expert: expertAt('河南师范大学', '410711'),
    enterprise: enterpriseAt(ENTERPRISE_CODES.xinxiang, '410702', { qualifications: ['高新技术企业'] }),
    demand: demandFor(ENTERPRISE_CODES.xinxiang, 'xx-2025'),
    ctx: { referenceDate: '2025-04-01', cycleId: 'xx-2025' },
  },
  'liaocheng-2025': {
    expert: expertAt('聊城大学', '371502'),
    enterprise: enterpriseAt(ENTERPRISE_CODES.liaocheng, '371502'),
    demand: demandFor(ENTERPRISE_CODES.liaocheng, 'lc-2025'),
    ctx: { referenceDate: '2025-09-01', cycleId: 'lc-2025' },
  },
  'wenzhou-2025': {
    expert: expertAt('温州大学', '330304'),
    enterprise: enterpriseAt(ENTERPRISE_CODES.wenzhou, '330302'),
    demand: demandFor(ENTERPRISE_CODES.wenzhou, 'wz-2025'),
    ctx: { referenceDate: '2025-07-01', cycleId: 'wz-2025' },
  },
};

export interface Mod {
  expert?: Partial<ExpertInput>;
  enterprise?: Partial<EnterpriseInput>;
  demand?: Partial<DemandInput>;
  ctx?: Partial<PolicyContext>;
}

export function build(profileId: string, mod: Mod = {}): { expert: Expert; enterprise: Enterprise; demand: Demand; ctx: PolicyContext } {
  const s = SCENARIOS[profileId];
  return {
    expert: expertSchema.parse({ ...s.expert, ...mod.expert }),
    enterprise: enterpriseSchema.parse({ ...s.enterprise, ...mod.enterprise }),
    demand: demandSchema.parse({ ...s.demand, ...mod.demand }),
    ctx: { ...s.ctx, ...mod.ctx },
  };
}

export const grantedInvention = { number: 'ZL202010000001.1', title: '一种焊接方法', type: 'invention', status: 'granted' } as const;
export const namedAgreed = { namedCandidates: [{ expertExternalId: EXPERT_ID, agreed: true }] };
