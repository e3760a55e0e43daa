import type { SubjectKind } from './evaluation.types';
import type { PolicyProfile, PolicyRule } from './policy.schema';
import { compileRelaxation, type CompiledRelaxation } from './relaxations';
import { enterpriseRules } from './rules/enterprise.rules';
import { expertRules } from './rules/expert.rules';
import { pairRules } from './rules/pair.rules';
import type { CheckSpec, RuleCompiler } from './rules/rule.types';

export interface CompiledRule extends CheckSpec {
  rule: PolicyRule;
  /** expert: reads the expert alone (cacheable per cycle); enterprise: the enterprise alone; pair: anything else. */
  group: 'expert' | 'enterprise' | 'pair';
  /** The one record the rule reads, if it reads one only: a reviewer's verdict on an unknown is kept for it. */
  subject: SubjectKind | undefined;
  relaxations: CompiledRelaxation[];
}

export interface CompiledProfile {
  profile: PolicyProfile;
  rules: CompiledRule[];
  expertRules: CompiledRule[];
  enterpriseRules: CompiledRule[];
}

const compilers = { ...expertRules, ...enterpriseRules, ...pairRules } as Record<PolicyRule['kind'], RuleCompiler<PolicyRule['kind']>>;
const compiled = new WeakMap<PolicyProfile, CompiledProfile>();

/** Resolves every rule's parameters once; cached per profile object, so callers may pass the profile each time. */
export function compileProfile(profile: PolicyProfile): CompiledProfile {
  let cp = compiled.get(profile);
  if (cp) return cp;
  const rules = profile.rules.map((rule): CompiledRule => {
    const spec = compilers[rule.kind](rule as never, profile);
    const { expert, enterprise, demand } = spec.needs;
    const group = expert && !enterprise && !demand ? 'expert' : enterprise && !expert && !demand ? 'enterprise' : 'pair';
    const subject = group !== 'pair' ? group : demand && !expert && !enterprise ? 'demand' : undefined;
    return { ...spec, rule, group, subject, relaxations: rule.relaxations.map((r) => compileRelaxation(r, rule)) };
  });
  cp = {
    profile,
    rules,
    expertRules: rules.filter((r) => r.group === 'expert'),
    enterpriseRules: rules.filter((r) => r.group === 'enterprise'),
  };
  compiled.set(profile, cp);
  return cp;
}
