import type { Demand } from '../intake/demand.schema';
import type { EligibilityResponse } from '../policy/policy-api.schema';
import type { PolicyService } from '../policy/policy.service';
import type { EnterpriseCheck, NamedCheck, RuleLine } from './review.schema';

type Check = Pick<PolicyService, 'checkEligibility'>;
type Run = { policy: string; cycleId: string; params?: Record<string, unknown> | null };

/** A run may pin its own reference date; otherwise the cycle's applies (as when it was ranked). */
export function pinnedReferenceDate(run: Run): string | undefined {
  const pinned = run.params?.referenceDate;
  return typeof pinned === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : undefined;
}

const line = (r: EligibilityResponse['results'][number]): RuleLine => ({
  ruleId: r.ruleId,
  effect: r.effect,
  outcome: r.outcome,
  code: r.code,
  message: r.message,
  clause: r.clause,
  ...(r.missing ? { missing: r.missing } : {}),
  ...(r.verification ? { verification: r.verification } : {}),
});

/**
 * What a reviewer needs to see of a verdict, hard rules first: every hard result that is not a plain pass,
 * every verified one, and the priorities that apply or are unknown (a missed priority is not news).
 */
const isNotable = (r: EligibilityResponse['results'][number]) =>
  r.outcome !== 'not_applicable' && (r.effect === 'hard' ? r.outcome !== 'pass' || r.verification !== undefined : r.outcome === 'pass' || r.outcome === 'unknown');
const notable = (ev: EligibilityResponse) =>
  ev.results
    .filter(isNotable)
    .sort((a, b) => Number(a.effect === 'soft') - Number(b.effect === 'soft'))
    .map(line);
/** Hard rules passed plainly: folded away on the page, but there (a boundary that passes is still visible). */
const passed = (ev: EligibilityResponse) => ev.results.filter((r) => r.effect === 'hard' && r.outcome === 'pass' && !r.verification).map(line);

/**
 * The current verdict (records and verifications as they are now, the run's profile and cycle) of the
 * enterprise and demand alone, and of each candidate the enterprise named: what the county page shows next to
 * the run's snapshot, so a planted boundary, an unknown fact or an excluded named candidate is visible.
 */
export function checkDemand(policies: Check, run: Run, demand: Demand | undefined, demandId: string): { enterprise: EnterpriseCheck | null; named: NamedCheck[] } {
  if (!demand) return { enterprise: null, named: [] };
  const base = { policy: run.policy, cycle: run.cycleId, demandId, referenceDate: pinnedReferenceDate(run) };
  const own = policies.checkEligibility(base);
  const enterprise: EnterpriseCheck = { status: own.status, missing: own.missing, lines: notable(own), passed: passed(own) };
  const ownRule = (l: RuleLine) => own.results.some((o) => o.ruleId === l.ruleId && o.outcome !== 'not_applicable');
  const named: NamedCheck[] = [];
  for (const c of demand.namedCandidates) {
    if (!c.expertExternalId) continue;
    let ev: EligibilityResponse;
    try {
      ev = policies.checkEligibility({ ...base, expertId: c.expertExternalId });
    } catch {
      // Named by an id the pool does not hold: nothing to evaluate.
      continue;
    }
    // The enterprise's own rules are shown once, above; a named candidate's lines are the rest.
    named.push({
      expertId: c.expertExternalId,
      name: c.name ?? c.expertExternalId,
      agreed: c.agreed,
      status: ev.status,
      missing: ev.missing,
      lines: notable(ev).filter((l) => !ownRule(l)),
      passed: passed(ev).filter((l) => !ownRule(l)),
    });
  }
  return { enterprise, named };
}
