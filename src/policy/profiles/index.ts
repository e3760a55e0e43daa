import { describeIssues } from '../../shared/zod-issues';
import { policyProfileSchema, type PolicyProfile, type PolicyProfileInput } from '../policy.schema';
import { hubei2020 } from './hubei-2020.profile';
import { liaocheng2025 } from './liaocheng-2025.profile';
import { openProfile } from './open.profile';
import { wenzhou2025 } from './wenzhou-2025.profile';
import { wuhan2023 } from './wuhan-2023.profile';
import { xinxiang2025 } from './xinxiang-2025.profile';

const SOURCES: PolicyProfileInput[] = [hubei2020, wuhan2023, xinxiang2025, liaocheng2025, wenzhou2025, openProfile];

// Parsed at import: a mistake in a built-in profile fails at startup (and in the tests), not mid-cycle.
export const BUILT_IN_PROFILES: ReadonlyMap<string, PolicyProfile> = new Map(
  SOURCES.map((p) => {
    const parsed = policyProfileSchema.safeParse(p);
    if (!parsed.success) {
      const where = describeIssues(parsed.error.issues).split('\n').join('; ');
      throw new Error(`built-in policy profile ${p.id} is invalid: ${where}`);
    }
    return [parsed.data.id, Object.freeze(parsed.data)];
  }),
);

export const BUILT_IN_PROFILE_IDS: ReadonlySet<string> = new Set(BUILT_IN_PROFILES.keys());
