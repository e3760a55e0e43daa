import type { Cycle } from '../intake/cycle.schema';
import type { PolicyService } from '../policy/policy.service';

/** What an ad-hoc match ran under, and why: asked for, the demand's own cycle, the county's open cycle, or the configured default. */
export type AppliedMatch = { cycle: string | null; profile: string; source: 'request' | 'demand' | 'region-cycle' | 'default-profile' };

/** A jurisdiction code covers a region when the region lies under it: 330300 (a city) covers 330302 (its county). */
export function jurisdictionCovers(jurisdiction: string | null, region: string): boolean {
  if (jurisdiction === null) return true;
  const prefix = jurisdiction.replace(/(00)+$/, '');
  return region.startsWith(prefix);
}

/**
 * Portal defaults of an ad-hoc POST /v1/match that names neither a policy nor a cycle: the open cycle whose
 * profile's jurisdiction covers the enterprise's county (the newest if several), else the configured default
 * profile (MATCH_DEFAULT_PROFILE); undefined when neither applies (the request is then refused as before).
 */
export class MatchDefaultsService {
  constructor(
    private readonly deps: {
      cycles: { listCycles(): Cycle[] };
      policies: Pick<PolicyService, 'resolve'>;
      /** The county of a stored enterprise. */
      enterpriseRegion: (creditCode: string) => string | undefined;
      defaultProfile: string | null;
    },
  ) {}

  resolve(subject: { enterpriseCreditCode?: string; region?: string }): { cycleId?: string; policy?: string; applied: AppliedMatch } | undefined {
    const region = subject.region ?? (subject.enterpriseCreditCode ? this.deps.enterpriseRegion(subject.enterpriseCreditCode.toUpperCase()) : undefined);
    if (region) {
      const open = this.deps.cycles
        .listCycles()
        .filter((c) => c.status === 'open' && jurisdictionCovers(this.jurisdictionOf(c.policy), region))
        .sort((a, b) => b.year - a.year || b.referenceDate.localeCompare(a.referenceDate) || b.id.localeCompare(a.id));
      const cycle = open[0];
      if (cycle) return { cycleId: cycle.id, applied: { cycle: cycle.id, profile: cycle.policy, source: 'region-cycle' } };
    }
    const fallback = this.deps.defaultProfile;
    if (fallback) return { policy: fallback, applied: { cycle: null, profile: fallback, source: 'default-profile' } };
    return undefined;
  }

  private jurisdictionOf(policyRef: string): string | null {
    try {
      return this.deps.policies.resolve(policyRef).jurisdiction.regionCode;
    } catch {
      // A cycle naming a profile that no longer resolves is no candidate for a default.
      return '(none)';
    }
  }
}
