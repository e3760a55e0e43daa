import type { Demand, Enterprise, Expert } from '../policy/evaluation.types';
import type { ProposalRecord } from './assignment-plan';
import { failedHardRules } from '../policy/policy-flags';
import type { RunPolicy } from './run-policy';

export type GuardViolation = { demandId: string; expertId: string | null; codes: string[] };

export type GuardRecords = {
  experts: ReadonlyMap<string, Expert>;
  enterprises: ReadonlyMap<string, Enterprise>;
  demands: ReadonlyMap<string, Demand>;
};

/**
 * The last check before a run is stored: every proposed pair must pass every hard rule of the run's profile
 * with this run's other proposals counted as appointments (so two enterprises sharing one expert, or an
 * enterprise taking two, fail the capacity rules), and the structural limits must hold — one expert per
 * demand, expert and enterprise caps, region seats — whether or not the profile lists capacity rules.
 * Returns the violations (empty when all is well); the caller refuses to store a run with any.
 */
export function verifyProposals(policy: RunPolicy, proposals: readonly ProposalRecord[], records: GuardRecords, regionSeats: ReadonlyMap<string, number>): GuardViolation[] {
  const violations: GuardViolation[] = [];
  const proposed = proposals.filter((p) => p.expertId !== null);
  const enterprisesOf = new Map<string, string[]>();
  const expertsOf = new Map<string, string[]>();
  const perRegion = new Map<string, number>();
  const seenDemands = new Set<string>();
  for (const p of proposed) {
    const x = p.expertId!;
    enterprisesOf.set(x, [...(enterprisesOf.get(x) ?? []), p.enterpriseCreditCode]);
    expertsOf.set(p.enterpriseCreditCode, [...(expertsOf.get(p.enterpriseCreditCode) ?? []), x]);
    perRegion.set(p.region, (perRegion.get(p.region) ?? 0) + 1);
  }

  for (const p of proposed) {
    const expertId = p.expertId!;
    const codes: string[] = [];
    if (seenDemands.has(p.demandId)) codes.push('DEMAND_PROPOSED_TWICE');
    seenDemands.add(p.demandId);
    const expert = records.experts.get(expertId);
    const enterprise = records.enterprises.get(p.enterpriseCreditCode);
    const demand = records.demands.get(p.demandId);
    if (!expert || !enterprise || !demand) {
      violations.push({ demandId: p.demandId, expertId, codes: ['RECORD_MISSING'] });
      continue;
    }
    const others = (list: string[] | undefined, self: string) => {
      const copy = [...(list ?? [])];
      copy.splice(copy.indexOf(self), 1);
      return copy;
    };
    const ev = policy.checkPair(expert, enterprise, demand, {
      enterprisesOfExpert: others(enterprisesOf.get(expertId), p.enterpriseCreditCode),
      expertsOfEnterprise: others(expertsOf.get(p.enterpriseCreditCode), expertId),
    });
    if (!ev.eligible) codes.push(...failedHardRules(ev).map((r) => r.code));
    const enterprisesServed = new Set([...policy.recordedEnterprises(expertId), ...(enterprisesOf.get(expertId) ?? [])]);
    if (enterprisesServed.size > policy.profile.expertCapacity) codes.push('EXPERT_OVER_CAPACITY');
    const expertsTaken = new Set([...policy.recordedExperts(p.enterpriseCreditCode), ...(expertsOf.get(p.enterpriseCreditCode) ?? [])]);
    if (expertsTaken.size > policy.profile.enterpriseCapacity) codes.push('ENTERPRISE_OVER_CAPACITY');
    if ((perRegion.get(p.region) ?? 0) > (regionSeats.get(p.region) ?? 0)) codes.push('REGION_SEATS_EXCEEDED');
    if (codes.length) violations.push({ demandId: p.demandId, expertId, codes: [...new Set(codes)] });
  }
  return violations;
}
