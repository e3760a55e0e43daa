// Expert-only policy evaluation at pool scale: the eligibility snapshot evaluates every expert of the pool
// once per (profile, context), so 100k evaluations must stay cheap. Compared in the same run against the same
// evaluations with the profile compiled afresh each time (what the compile cache saves) and against the open
// profile (no rules: the loop's own floor).
//   npm run bench -- policy [--quick] [--n 100000] [--profile hubei-2020]
import { generateDemoData, DEMO_REFERENCE_DATE } from '../../src/demo/demo-data.generator';
import { expertSchema } from '../../src/intake/expert.schema';
import { evaluateExpert } from '../../src/policy/evaluate';
import type { PolicyContext } from '../../src/policy/evaluation.types';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import { emit, flag, numberOption, option, round, rssMb } from './bench.types';

/** The target that used to be a timed assertion in test/policy/evaluate.test.ts. */
const TARGET_MS_PER_100K = 5000;

export async function run(args: string[]): Promise<void> {
  const quick = flag(args, 'quick');
  const n = numberOption(args, 'n', quick ? 20_000 : 100_000);
  const profileId = option(args, 'profile') ?? 'hubei-2020';
  const profile = BUILT_IN_PROFILES.get(profileId);
  if (!profile) throw new Error(`unknown profile ${profileId}`);
  const open = BUILT_IN_PROFILES.get('open')!;
  const experts = generateDemoData({ experts: 200, enterprises: 30 }).experts.map((e) => expertSchema.parse(e));
  const ctx: PolicyContext = { referenceDate: DEMO_REFERENCE_DATE, cycleId: 'bench', assignedEnterprisesOfExpert: ['91330302MA2AB0001X'] };

  const time = (count: number, fn: (i: number) => unknown): number => {
    let sink = 0;
    const started = performance.now();
    for (let i = 0; i < count; i++) if (fn(i)) sink++;
    const ms = performance.now() - started;
    if (sink < 0) process.stderr.write('');
    return ms;
  };
  // Warm-up: the JIT and the compile cache, so the first measurement is not the slow one.
  time(2000, (i) => evaluateExpert(profile, experts[i % experts.length], ctx).eligible);

  const cachedMs = time(n, (i) => evaluateExpert(profile, experts[i % experts.length], ctx).eligible);
  const floorMs = time(n, (i) => evaluateExpert(open, experts[i % experts.length], ctx).eligible);
  // A fresh profile object each call misses the compile cache: every rule is compiled again.
  const uncachedN = Math.max(1000, Math.round(n / 20));
  const uncachedMs = time(uncachedN, (i) => evaluateExpert({ ...profile }, experts[i % experts.length], ctx).eligible) * (n / uncachedN);

  const per100k = cachedMs * (100_000 / n);
  emit({
    bench: 'policy',
    profile: `${profile.id}@${profile.version}`,
    rules: profile.rules.length,
    evaluations: n,
    experts: experts.length,
    quick,
    ms: round(cachedMs, 1),
    us_per_evaluation: round((cachedMs * 1000) / n, 2),
    ms_per_100k: round(per100k, 1),
    baseline_recompiled_ms: round(uncachedMs, 1),
    compile_cache_speedup: round(uncachedMs / cachedMs, 1),
    baseline_open_profile_ms: round(floorMs, 1),
    ratio_to_open_profile: round(cachedMs / floorMs, 1),
    target_ms_per_100k: TARGET_MS_PER_100K,
    within_target: per100k < TARGET_MS_PER_100K,
    rss_mb: rssMb(),
  });
}
