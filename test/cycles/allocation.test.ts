import { describe, expect, it } from 'vitest';
import { quotaUnitOf } from '../../src/allocation/quota-unit';
import { type PlanDemand, planAssignment } from '../../src/cycles/assignment-plan';
import type { Cycle } from '../../src/intake/cycle.schema';
import { resolveAllocation } from '../../src/policy/allocation-setting';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import type { RankedCandidate } from '../../src/ranking/ranking.schema';

// Issue 11 item 6: seats in proportion to demand and named-and-agreed first are Hubei's (73号 四(二)) and
// Wuhan's rules, set per profile with their clause; other profiles get proportional seats only as an explicit
// cycle setting, shown on the run.
const profile = (id: string) => BUILT_IN_PROFILES.get(id)!;
const cycle = (allocation?: Cycle['allocation']): Pick<Cycle, 'allocation'> => (allocation ? { allocation } : {});

describe('issue 11, allocation settings as each document says', () => {
  const table: Array<[string, string, Pick<Cycle, 'allocation'>, object]> = [
    [
      '鄂经信科技〔2020〕73号 四(二): per 市州, counting enterprises, named and agreed first',
      'hubei-2020',
      cycle(),
      { source: 'profile', level: 'city', count: 'enterprises', clause: { article: '四(二)' }, namedAgreedFirst: { article: '四(二)' } },
    ],
    [
      '武汉市2023年“科技副总”选派通知 四(四): per 市州, counting enterprises; named first by 73号 四(二)',
      'wuhan-2023',
      cycle(),
      { source: 'profile', level: 'city', count: 'enterprises', clause: { article: '四(四)' }, namedAgreedFirst: { document: '鄂经信科技〔2020〕73号' } },
    ],
    [
      '鄂经信科技〔2020〕73号 四(二): the clause overrides a cycle setting, and says so',
      'hubei-2020',
      cycle({ level: 'county', count: 'demands' }),
      { source: 'profile', level: 'city', description: expect.stringContaining('本周期的名额分配设置不适用') },
    ],
    [
      '温州市深化科技副总派驻工作实施方案: no quota clause and no setting — one pool, never assumed proportional',
      'wenzhou-2025',
      cycle(),
      { source: 'none', level: 'pool', poolCode: '330300', clause: null, namedAgreedFirst: null },
    ],
    [
      '温州市深化科技副总派驻工作实施方案: proportional per county only as the cycle’s explicit setting',
      'wenzhou-2025',
      cycle({ level: 'county', count: 'demands' }),
      { source: 'cycle', level: 'county', count: 'demands', clause: null, namedAgreedFirst: null },
    ],
    [
      '新科〔2025〕12号: no quota clause; a cycle may count enterprises per city',
      'xinxiang-2025',
      cycle({ level: 'city', count: 'enterprises' }),
      { source: 'cycle', level: 'city', count: 'enterprises', namedAgreedFirst: null },
    ],
    ['聊城市“科技副总”管理办法（征求意见稿）: no quota clause and no setting — one pool', 'liaocheng-2025', cycle(), { source: 'none', level: 'pool', poolCode: '371500' }],
  ];
  for (const [name, id, c, expected] of table) {
    it(name, () => {
      const a = resolveAllocation(profile(id), c);
      expect(a).toMatchObject(expected);
      expect(a.description.length).toBeGreaterThan(10);
    });
  }

  it('maps a county to its quota unit: itself, its 市州, or the pool', () => {
    expect(quotaUnitOf('420111', 'county', '420000')).toBe('420111');
    expect(quotaUnitOf('420111', 'city', '420000')).toBe('420100');
    expect(quotaUnitOf('420500', 'city', '420000')).toBe('420500');
    expect(quotaUnitOf('330302', 'pool', '330300')).toBe('330300');
  });
});

const cand = (expertId: string, score: number, namedAgreed = false): RankedCandidate => ({
  expertId,
  name: expertId,
  institution: 'X',
  region: '',
  score,
  breakdown: { semantic: score, lexical: 0, overlap: 0, strength: 0, priority: 0 },
  evidence: [],
  flags: [],
  unknown: [],
  priorities: [],
  namedAgreed,
});
const demand = (demandId: string, enterprise: string, region: string, unit: string, candidates: RankedCandidate[], extra: Partial<PlanDemand> = {}): PlanDemand => ({
  demandId,
  enterpriseCreditCode: enterprise,
  region,
  unit,
  ineligible: null,
  candidates,
  excluded: [],
  ...extra,
});
const plan = (demands: PlanDemand[], o: { seats?: number; count?: 'demands' | 'enterprises'; first?: boolean } = {}) =>
  planAssignment({
    totalSeats: o.seats ?? 4,
    regionLimits: {},
    demands,
    expertCapacity: () => 1,
    enterpriseCapacity: () => 1,
    alternates: 2,
    quotaCount: o.count ?? 'demands',
    namedAgreedFirst: o.first ?? false,
  });

describe('issue 11, seats and order in the assignment plan', () => {
  it('鄂经信科技〔2020〕73号 四(二): shares seats among 市州 by the enterprises filing, not the demands of counties', () => {
    // Wuhan: one enterprise with three demands in 洪山区, one in 江岸区; Yichang: two enterprises.
    const demands = [
      demand('w1', 'E1', '420111', '420100', [cand('x1', 0.9)]),
      demand('w2', 'E1', '420111', '420100', [cand('x2', 0.9)]),
      demand('w3', 'E1', '420111', '420100', [cand('x3', 0.9)]),
      demand('w4', 'E2', '420102', '420100', [cand('x4', 0.9)]),
      demand('y1', 'E3', '420502', '420500', [cand('x5', 0.9)]),
      demand('y2', 'E4', '420502', '420500', [cand('x6', 0.9)]),
    ];
    const byEnterprise = plan(demands, { count: 'enterprises' });
    expect(byEnterprise.regions.map((r) => [r.region, r.counted, r.seats])).toEqual([
      ['420100', 2, 2],
      ['420500', 2, 2],
    ]);
    // Counting demands instead would give Wuhan 4 of 6 shares.
    const byDemand = plan(demands, { count: 'demands' });
    expect(byDemand.regions.map((r) => [r.region, r.counted, r.seats])).toEqual([
      ['420100', 4, 3],
      ['420500', 2, 1],
    ]);
    // Proposals keep the county (the review scope), the unit holds the seats.
    expect(byEnterprise.proposals.find((p) => p.demandId === 'w4')).toMatchObject({ region: '420102', unit: '420100' });
  });

  it('鄂经信科技〔2020〕73号 四(二): places a named-and-agreed pair first only where the profile says so', () => {
    const demands = [demand('d1', 'E1', '330302', '330300', [cand('x1', 0.9), cand('x2', 0.2, true)]), demand('d2', 'E2', '330302', '330300', [cand('x1', 0.5)])];
    // Hubei: the agreed pair is placed although d1–x1 scores higher.
    expect(plan(demands, { first: true }).assignments.map((a) => [a.demandId, a.expertId])).toEqual([
      ['d1', 'x2'],
      ['d2', 'x1'],
    ]);
    // Wenzhou (no clause): the highest total score decides.
    expect(plan(demands, { first: false, seats: 1 }).assignments.map((a) => [a.demandId, a.expertId])).toEqual([['d1', 'x1']]);
  });

  it('never gives a 待核实 candidate an edge, and says why a demand with only those stays empty', () => {
    const pending = {
      ...cand('x9', 0.99),
      unknown: [{ ruleId: 'hb-age', code: 'EXPERT_AGE_UNKNOWN', message: '缺少出生日期', clause: { document: 'd', article: 'a' }, missing: ['expert.birthDate'] }],
    };
    const p = plan([demand('d1', 'E1', '420111', '420100', [], { pending: [pending] })]);
    expect(p.assignments).toEqual([]);
    expect(p.proposals[0]).toMatchObject({
      pending: [expect.objectContaining({ expertId: 'x9' })],
      unfilled: { code: 'CANDIDATES_UNVERIFIED', details: { pending: 1, missing: ['expert.birthDate'] } },
    });
  });
});
