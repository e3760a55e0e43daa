import { z } from 'zod';
import type { Cycle } from '../intake/cycle.schema';
import type { PolicyProfile } from './policy.schema';

const clauseOut = z.object({ document: z.string(), article: z.string(), text: z.string().optional() });

/** How a run shared its seats, and why: a clause, the cycle's own setting, or no regional quota at all. */
export const runAllocationSchema = z.object({
  source: z.enum(['profile', 'cycle', 'none']),
  level: z.enum(['city', 'county', 'pool']),
  count: z.enum(['demands', 'enterprises']),
  /** The one quota unit of level 'pool' (the jurisdiction's code, or 000000). */
  poolCode: z.string(),
  clause: clauseOut.nullable(),
  namedAgreedFirst: clauseOut.nullable(),
  description: z.string(),
});
export type RunAllocation = z.infer<typeof runAllocationSchema>;

const LEVEL_LABEL = { city: '市州', county: '区县' } as const;
const COUNT_LABEL = { demands: '需求数', enterprises: '企业数' } as const;

/**
 * How a run of `cycle` shares its seats. The profile's quota clause decides where the document has one
 * (Hubei 73号 四(二), Wuhan 四(四)); otherwise the cycle's own allocation setting (the customer's
 * "proportional to each region's demand share", chosen per cycle); otherwise no regional quota at all — one
 * pool for the cycle. Never assumed: the run stores and shows what was applied and why.
 */
export function resolveAllocation(profile: PolicyProfile, cycle: Pick<Cycle, 'allocation'>): RunAllocation {
  const poolCode = profile.jurisdiction.regionCode ?? '000000';
  const first = profile.allocation.namedAgreedFirst?.clause ?? null;
  const firstText = first ? `；企业已指定并协商一致的人选优先安排（${first.document} ${first.article}）` : '';
  const quota = profile.allocation.quota;
  if (quota) {
    return {
      source: 'profile',
      level: quota.level,
      count: quota.count,
      poolCode,
      clause: quota.clause,
      namedAgreedFirst: first,
      description:
        `名额按各${LEVEL_LABEL[quota.level]}征集${COUNT_LABEL[quota.count]}占总数的比例分配（${quota.clause.document} ${quota.clause.article}）${firstText}` +
        `${cycle.allocation ? '；本周期的名额分配设置不适用（文件已有规定）' : ''}`,
    };
  }
  if (cycle.allocation) {
    const { level, count } = cycle.allocation;
    return {
      source: 'cycle',
      level,
      count,
      poolCode,
      clause: null,
      namedAgreedFirst: first,
      description: `名额按各${LEVEL_LABEL[level]}符合条件的${COUNT_LABEL[count]}占比分配（本周期设置；${profile.name}未规定名额分配）${firstText}`,
    };
  }
  return {
    source: 'none',
    level: 'pool',
    count: 'demands',
    poolCode,
    clause: null,
    namedAgreedFirst: first,
    description: `不按地区分配名额：全部名额统一使用（${profile.name}未规定名额分配，本周期也未设置）${firstText}`,
  };
}
