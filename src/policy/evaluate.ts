import { compileProfile, type CompiledRule } from './compile-profile';
import type { Demand, Enterprise, Evaluation, Expert, ExpertEvaluation, Outcome, PolicyContext, PriorityHit, RuleResult, Subject } from './evaluation.types';
import type { PolicyProfile } from './policy.schema';
import type { ReasonCode } from './reason-codes';
import type { Needs } from './rules/rule.types';

const hasAll = (n: Needs, s: Subject): boolean => (!n.expert || s.expert !== undefined) && (!n.enterprise || s.enterprise !== undefined) && (!n.demand || s.demand !== undefined);

function missingOf(n: Needs, s: Subject): string {
  const missing: string[] = [];
  if (n.expert && !s.expert) missing.push('专家');
  if (n.enterprise && !s.enterprise) missing.push('企业');
  if (n.demand && !s.demand) missing.push('需求');
  return missing.join('、');
}

// Results are built as whole literals (one hidden class): this runs for every rule of every candidate.
function result(r: CompiledRule, outcome: Outcome, code: ReasonCode, message: string): RuleResult {
  const { rule } = r;
  return { ruleId: rule.id, kind: rule.kind, effect: rule.effect, outcome, code, message, clause: rule.clause };
}

function runRule(r: CompiledRule, s: Subject): RuleResult {
  if (!hasAll(r.needs, s)) return result(r, 'not_applicable', 'NOT_APPLICABLE', `未提供${missingOf(r.needs, s)}，本条未评估`);
  const v = r.check(s);
  if (v.ok) return result(r, 'pass', v.code, v.message);
  let pending = false;
  if (r.rule.effect === 'hard') {
    for (const rx of r.relaxations) {
      if (!hasAll(rx.needs, s)) {
        pending = true;
        continue;
      }
      const why = rx.holds(s);
      if (why) {
        const relaxed = result(r, 'relaxed', v.code, `${v.message}；${why}`);
        relaxed.relaxation = { kind: rx.relaxation.kind, code: rx.code, message: why, clause: rx.relaxation.clause };
        return relaxed;
      }
    }
  }
  const failed = result(r, 'fail', v.code, v.message);
  if (pending) failed.relaxableInPair = true;
  return failed;
}

function summarize(rules: readonly CompiledRule[], results: RuleResult[]): Evaluation {
  let eligible = true;
  let needsReview = false;
  let priorityBoost = 0;
  const priorities: PriorityHit[] = [];
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    if (r.effect === 'hard') {
      if (r.outcome === 'fail') eligible = false;
      else if (r.outcome === 'relaxed') needsReview = true;
    } else if (r.outcome === 'pass') {
      const boost = rules[i].rule.boost;
      priorityBoost += boost;
      priorities.push({ ruleId: r.ruleId, code: r.code, boost, message: r.message, clause: r.clause });
    }
  }
  return { eligible, needsReview, results, priorityBoost, priorities };
}

const runAll = (rules: readonly CompiledRule[], s: Subject) =>
  summarize(
    rules,
    rules.map((r) => runRule(r, s)),
  );

/**
 * Every rule of the profile against whatever is given; rules whose records are missing are
 * 'not_applicable'. Pure: all facts beyond the records come in `ctx`.
 */
export function evaluate(profile: PolicyProfile, expert: Expert | undefined, enterprise: Enterprise | undefined, demand: Demand | undefined, ctx: PolicyContext): Evaluation {
  return runAll(compileProfile(profile).rules, { expert, enterprise, demand, ctx });
}

/**
 * The rules that read the expert alone; cache the result per expert and cycle. A failure that a
 * demand could still relax (named and agreed, renewal) is marked relaxableInPair, and pairRelaxable
 * says whether such failures are all that stand in the way.
 */
export function evaluateExpert(profile: PolicyProfile, expert: Expert, ctx: PolicyContext): ExpertEvaluation {
  const ev = runAll(compileProfile(profile).expertRules, { expert, ctx }) as ExpertEvaluation;
  ev.pairRelaxable = !ev.eligible && ev.results.every((r) => r.effect !== 'hard' || r.outcome !== 'fail' || r.relaxableInPair === true);
  return ev;
}

/** The rules that read the enterprise alone (ctx.enterpriseHadTechVp is this enterprise's fact). */
export function evaluateEnterprise(profile: PolicyProfile, enterprise: Enterprise, ctx: PolicyContext): Evaluation {
  return runAll(compileProfile(profile).enterpriseRules, { enterprise, ctx });
}

/**
 * The full verdict for one expert–enterprise(–demand) pair, in profile rule order. Pass the cached
 * expert and enterprise evaluations (of the same profile and ctx) to skip their rules; only expert
 * failures that the demand may relax are re-run. Results are shared, not copied: treat them as read-only.
 */
export function evaluatePair(
  profile: PolicyProfile,
  expert: Expert,
  enterprise: Enterprise,
  demand: Demand | undefined,
  ctx: PolicyContext,
  pre?: { expert?: ExpertEvaluation; enterprise?: Evaluation },
): Evaluation {
  const cp = compileProfile(profile);
  const s: Subject = { expert, enterprise, demand, ctx };
  const ex = pre?.expert;
  const en = pre?.enterprise;
  let xi = 0;
  let ni = 0;
  const results = cp.rules.map((r) => {
    if (r.group === 'expert' && ex) {
      const cached = ex.results[xi++];
      if (cached.outcome !== 'fail' || !cached.relaxableInPair) return cached;
    } else if (r.group === 'enterprise' && en) {
      return en.results[ni++];
    }
    return runRule(r, s);
  });
  return summarize(cp.rules, results);
}
