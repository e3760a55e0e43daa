import type { UnfilledReason } from '../allocation/assignment.service';
import { factList } from '../intake/fact-labels';

/**
 * Why a demand of a cycle run got no proposed expert. The solver's own reasons (src/allocation) plus the
 * ones decided before it runs: the enterprise fails the profile's enterprise rules, already has its
 * 科技副总 quota in this cycle, or another of its demands took the one expert it may have.
 */
export const UNFILLED_CODES = [
  'ENTERPRISE_INELIGIBLE',
  'ENTERPRISE_UNVERIFIED',
  'ENTERPRISE_AT_CAPACITY',
  'ENTERPRISE_SERVED',
  'NO_ELIGIBLE_CANDIDATE',
  'CANDIDATES_UNVERIFIED',
  'QUOTA_EXHAUSTED',
  'NO_POSITIVE_SCORE',
  'CANDIDATES_TAKEN',
] as const;
export type UnfilledCode = (typeof UNFILLED_CODES)[number];

// Compile-time check: every reason the solver can give is one of ours.
const solverReasonsCovered: UnfilledReason extends UnfilledCode ? true : never = true;
void solverReasonsCovered;

/** What the county page and the XLSX export show (run_proposals.unfilled_reason). */
export function describeUnfilled(code: UnfilledCode, details: Record<string, unknown> = {}): string {
  switch (code) {
    case 'ENTERPRISE_INELIGIBLE': {
      const messages = Array.isArray(details.rules) ? details.rules.map((r) => (r as { message?: string }).message).filter(Boolean) : [];
      return `企业不符合选派条件${messages.length ? `：${messages.join('；')}` : ''}`;
    }
    case 'ENTERPRISE_UNVERIFIED': {
      const rules = Array.isArray(details.rules) ? (details.rules as Array<{ message?: string }>) : [];
      return `企业或需求有待核实的条件，核实前不推荐专家${
        rules.length
          ? `：${rules
              .map((r) => r.message)
              .filter(Boolean)
              .join('；')}`
          : ''
      }`;
    }
    case 'CANDIDATES_UNVERIFIED':
      return `符合已知条件的专家均有待核实的条件（${String(details.pending ?? 0)} 名，缺少${factList((details.missing as string[] | undefined) ?? [])}），核实后方可推荐`;
    case 'ENTERPRISE_AT_CAPACITY':
      return '企业本批次已有科技副总，名额已满';
    case 'ENTERPRISE_SERVED':
      return `同一企业的另一条需求（${String(details.servedBy ?? '')}）已推荐专家，每家企业限 ${String(details.enterpriseCapacity ?? 1)} 名`;
    case 'NO_ELIGIBLE_CANDIDATE':
      return '没有符合全部硬性条件的专家';
    case 'QUOTA_EXHAUSTED':
      return `本地区名额已用完（${String(details.seats ?? 0)} 个）`;
    case 'NO_POSITIVE_SCORE':
      return '符合条件的专家匹配度均为零';
    case 'CANDIDATES_TAKEN':
      return '符合条件的专家均已推荐给匹配度更高的其他需求';
  }
}
