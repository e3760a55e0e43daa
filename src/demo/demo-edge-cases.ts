// The exceptional records the demo must contain so every policy rule has something to bite on. Each role is one
// record slot; the generator builds a clean, qualified record for it and then breaks exactly one rule. Dates are
// fixed relative to the reference date 2026-06-30, so "within 3 years" and "age 45" land where the notes say.

/** Enterprise slots, in the order they are assigned. */
export const ENTERPRISE_ROLES = [
  'youngCompany',
  'seriousCredit',
  'minorCredit',
  'outsideHangzhou',
  'outsideNingbo',
  'noQualification',
  'servedPrev2024',
  'currentlyServed1',
  'currentlyServed2',
  'failedRecent',
  'failedOld',
  'renewal',
  'namedPrev2024',
  'founderConflict',
  'investorConflict',
  'institutionConflict',
  'namedAgreed',
  'namedAgreedOld',
  'namedNotAgreedOld',
  'namedByNameOnly',
  'priorCooperation',
  'twoDemands',
] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

/** Expert slots, in the order they are assigned. */
export const EXPERT_ROLES = [
  'age46',
  'age51',
  'age58',
  'age45Exact',
  'age45Last',
  'lowTitleDegree',
  'coreIp',
  'badRecent',
  'badOld',
  'serving1',
  'serving2',
  'failedRecent',
  'failedOld',
  'prev2024',
  'prev2022',
  'shortWork',
  'institutionOther',
  'outsideShanghai',
  'outsideWuhan',
  'founder',
  'investor',
  'institutionColleague',
  'agreed',
  'notAgreed',
  'oldAgreed',
  'oldNotAgreed',
  'cooperation',
] as const;
export type ExpertRole = (typeof EXPERT_ROLES)[number];

/** Every kind listed in `edgeCases`; a demo data set contains at least one record of each. */
export const EDGE_CASE_KINDS = [
  'expert-over-age',
  'expert-age-boundary-45',
  'expert-below-title-degree',
  'expert-core-ip-relaxation',
  'expert-bad-record-recent',
  'expert-bad-record-old',
  'expert-currently-serving',
  'expert-failed-grade-recent',
  'expert-failed-grade-old',
  'expert-served-previous-cycle-named',
  'expert-short-work-experience',
  'expert-institution-other',
  'expert-institution-outside-zhejiang',
  'expert-prior-cooperation',
  'enterprise-registered-under-1-year',
  'enterprise-serious-credit-issue-recent',
  'enterprise-credit-issue-not-disqualifying',
  'enterprise-registered-outside-wenzhou',
  'enterprise-no-qualification',
  'enterprise-had-kejifuzong',
  'enterprise-founded-by-expert',
  'enterprise-invested-by-institution',
  'enterprise-two-demands',
  'demand-named-agreed',
  'demand-two-candidates',
  'demand-named-agreed-over-age',
  'demand-named-not-agreed-over-age',
  'demand-named-previous-cycle-expert',
  'demand-named-outside-pool',
] as const;
export type EdgeCaseKind = (typeof EDGE_CASE_KINDS)[number];

export type EdgeCase = { kind: EdgeCaseKind; subject: string; note: string };

/** Fixed dates of the edge cases (reference date 2026-06-30). */
export const EDGE_DATES = {
  youngCompanyRegistered: '2025-11-18',
  seriousCreditIssue: '2024-09-12',
  minorCreditIssue: '2025-03-20',
  oldSeriousCreditIssue: '2021-08-16',
  academicMisconduct: '2024-11-15',
  oldResearchDishonesty: '2022-05-20',
  cycle2022Start: '2022-07-01',
  cycle2022End: '2024-06-30',
  cycle2024Start: '2024-07-01',
  failedRecentEnd: '2025-06-30',
  failedOldEnd: '2023-06-30',
  prev2024End: '2026-03-31',
  serving2Start: '2024-09-01',
  serving2End: '2026-12-31',
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
