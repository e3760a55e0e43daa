// The exceptional records the demo must contain so every policy rule has something to bite on, and the county
// page where each one shows. Wenzhou's cases live in the Wenzhou demo (wenzhou-2025); cases of the other
// documents live in a demo cycle of their own jurisdiction (demo-jurisdictions.generator.ts). Each role is one
// record slot; the generator builds a clean, qualified record for it and then breaks exactly one rule. Dates
// are fixed relative to each cycle's reference date, so "within 3 years" and "age 45" land where the notes say.
import type { Outcome } from '../policy/evaluation.types';

/** Wenzhou enterprise slots, in the order they are assigned. */
export const ENTERPRISE_ROLES = [
  'seriousCredit',
  'seriousCreditExactly3',
  'minorCredit',
  'outsideHangzhou',
  'outsideNingbo',
  'fakeHighTech',
  'currentlyServed1',
  'currentlyServed2',
  'founderConflict',
  'investorConflict',
  'institutionConflict',
  'namedAgreed',
  'namedByNameOnly',
  'twoDemands',
  'host1',
  'host2',
  'host3',
  'host4',
  'host5',
  'host6',
  'host7',
] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

/** Wenzhou expert slots, in the order they are assigned. */
export const EXPERT_ROLES = [
  'lowTitleDegree',
  'coreIp',
  'noDegree',
  'badRecent',
  'badExactly3',
  'badOld',
  'serving1',
  'serving2',
  'shortWork',
  'workYearOnly',
  'institutionOther',
  'outsideShanghai',
  'outsideWuhan',
  'turning40',
  'founder',
  'investor',
  'institutionColleague',
  'agreed',
  'notAgreed',
] as const;
export type ExpertRole = (typeof EXPERT_ROLES)[number];

/** Which host enterprise's first demand names which planted experts (期望专家备选人员, not agreed). */
export const HOSTS: Record<Extract<EnterpriseRole, `host${number}`>, [ExpertRole, ExpertRole]> = {
  host1: ['lowTitleDegree', 'coreIp'],
  host2: ['noDegree', 'badRecent'],
  host3: ['badExactly3', 'badOld'],
  host4: ['serving1', 'serving2'],
  host5: ['shortWork', 'workYearOnly'],
  host6: ['institutionOther', 'outsideShanghai'],
  host7: ['outsideWuhan', 'turning40'],
};

/** Every kind listed in `edgeCases`; a demo data set contains at least one record of each. */
export const EDGE_CASE_KINDS = [
  // Wenzhou (wenzhou-demo)
  'expert-below-title-degree',
  'expert-core-ip-relaxation',
  'expert-degree-missing',
  'expert-bad-record-recent',
  'expert-bad-record-exactly-3-years',
  'expert-bad-record-old',
  'expert-currently-serving',
  'expert-short-work-experience',
  'expert-work-start-year-only',
  'expert-institution-other',
  'expert-institution-outside-zhejiang',
  'expert-turning-40',
  'enterprise-serious-credit-issue-recent',
  'enterprise-serious-credit-exactly-3-years',
  'enterprise-credit-issue-not-disqualifying',
  'enterprise-registered-outside-wenzhou',
  'enterprise-qualification-not-listed',
  'enterprise-founded-by-expert',
  'enterprise-invested-by-institution',
  'enterprise-two-demands',
  'demand-named-agreed',
  'demand-two-candidates',
  'demand-named-outside-pool',
  'cycle-allocation-by-county',
  // Hubei (hubei-demo)
  'expert-turning-46',
  'expert-age-boundary-45',
  'demand-named-agreed-over-age',
  'demand-named-agreed-beyond-bound',
  'demand-named-not-agreed-over-age',
  'expert-birth-date-missing',
  'expert-serving-previous-cycle',
  'enterprise-size-unknown',
  'enterprise-not-sme',
  'demand-named-agreed-first',
  'cycle-allocation-by-city-enterprises',
  // Wuhan (wuhan-demo)
  'enterprise-had-kejifuzong',
  'expert-served-previous-cycle-named',
  'expert-currently-serving-wuhan',
  'demand-age-relaxed-by-provincial-scheme',
  // Xinxiang (xinxiang-demo)
  'expert-turning-50',
  'expert-turning-51-first-appointment',
  'expert-second-appointment-over-50',
  'expert-institution-company',
  'expert-institution-outside-xinxiang',
  'expert-serving-elsewhere-xinxiang',
  'expert-prior-cooperation',
  'enterprise-qualification-training-pool',
  'enterprise-no-qualification',
  'demand-conditions-unanswered',
  'demand-renewal-excellent',
  'cycle-allocation-none',
  // Liaocheng (liaocheng-demo)
  'enterprise-registered-exactly-1-year',
  'enterprise-registered-under-1-year',
  'enterprise-bad-credit-record-minor',
  'enterprise-violation-minor',
  'enterprise-credit-issue-unclassified',
  'expert-failed-grade-exactly-2-years',
  'expert-failed-grade-old',
  'expert-work-exactly-2-years',
  'expert-bad-record-exactly-3-years-liaocheng',
  'demand-conditions-unanswered-liaocheng',
] as const;
export type EdgeCaseKind = (typeof EDGE_CASE_KINDS)[number];

/**
 * Where on the county page of `cycle` (a run of it) the case shows, in the row of `demand`:
 * named — the verdict of a named candidate includes `rule` with `outcome`; enterprise — the enterprise and
 * demand rules include it; unfilled — the demand's reason; proposed — the proposal; namedList — the named
 * candidates list shows `text`; allocation — the run's seat setting; oneExpertPerEnterprise — never two
 * proposals for one enterprise.
 */
export type EdgeVisibility =
  | { in: 'named'; expert: string; rule: string; outcome: Outcome }
  | { in: 'enterprise'; rule: string; outcome: Outcome }
  | { in: 'unfilled'; code: string }
  | { in: 'proposed'; expert: string; namedAgreed: boolean }
  | { in: 'namedList'; text: string }
  | { in: 'allocation'; source: 'profile' | 'cycle' | 'none'; level: 'city' | 'county' | 'pool'; count: 'demands' | 'enterprises' }
  | { in: 'oneExpertPerEnterprise'; enterprise: string };

export type EdgeCase = { kind: EdgeCaseKind; subject: string; note: string; cycle: string; demand: string; visible: EdgeVisibility };

/** Fixed dates of the Wenzhou cases (reference date 2026-06-30). */
export const EDGE_DATES = {
  seriousCreditIssue: '2024-09-12',
  seriousCreditExactly3: '2023-06-30',
  minorCreditIssue: '2025-03-20',
  oldSeriousCreditIssue: '2021-08-16',
  academicMisconduct: '2024-11-15',
  misconductExactly3: '2023-06-30',
  oldResearchDishonesty: '2022-05-20',
  cycle2022Start: '2022-07-01',
  cycle2024Start: '2024-07-01',
  serving2Start: '2024-09-01',
  /** A two-year term (每批服务期 2 年 / 一轮聘期两年): 24 months from the start. */
  serving2End: '2026-08-31',
  shortWorkStart: '2024-07-01',
} as const;

/**
 * Assigns each role a distinct record index, spread over the whole range so edge cases do not cluster at the
 * start of the list. Throws when the set is too small to hold them all.
 */
export function assignSlots<R extends string>(order: number[], roles: readonly R[], what: string): Map<R, number> {
  if (order.length < roles.length) {
    throw new RangeError(`演示数据至少需要 ${roles.length} 个${what}才能容纳全部边界样例（当前 ${order.length} 个）`);
  }
  return new Map(roles.map((role, i) => [role, order[i]]));
}
