import { compileProfile, type CompiledRule } from './compile-profile';
import type { Demand, Enterprise, Evaluation, EvaluationStatus, Expert, ExpertEvaluation, Outcome, PolicyContext, PriorityHit, RuleResult, Subject } from './evaluation.types';
import { verificationKey } from './evaluation.types';
import { factList } from '../intake/fact-labels';
import type { PolicyProfile } from './policy.schema';
import type { ReasonCode } from './reason-codes';
import type { Needs, Verdict } from './rules/rule.types';

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

function subjectIdOf(r: CompiledRule, s: Subject): string | undefined {
  if (r.subject === 'expert') return s.expert?.externalId;
  if (r.subject === 'enterprise') return s.enterprise?.creditCode;
  if (r.subject === 'demand') return s.demand?.externalId;
  return undefined;
}

const day = (iso: string) => iso.slice(0, 10);

/** Relaxations of a hard rule that failed (or could not be decided): the first that holds relaxes it. */
function relax(r: CompiledRule, s: Subject, v: Verdict): { relaxed?: RuleResult; pending: boolean } {
  let pending = false;
  if (r.rule.effect !== 'hard') return { pending };
  for (const rx of r.relaxations) {
    if (!hasAll(rx.needs, s)) {
      pending = true;
      continue;
    }
    const why = rx.holds(s, v);
    if (why) {
      const relaxed = result(r, 'relaxed', v.code, `${v.message}；${why}`);
      if (v.missing) relaxed.missing = v.missing;
      relaxed.relaxation = { kind: rx.relaxation.kind, code: rx.code, message: why, clause: rx.relaxation.clause };
      return { relaxed, pending };
    }
  }
  return { pending };
}

function runRule(r: CompiledRule, s: Subject): RuleResult {
  if (!hasAll(r.needs, s)) return result(r, 'not_applicable', 'NOT_APPLICABLE', `未提供${missingOf(r.needs, s)}，本条未评估`);
  const v = r.check(s);
  if (v.ok === true) return result(r, 'pass', v.code, v.message);
  if (v.ok === null) {
    // A reviewer's verdict stands in for the missing fact (only while it is missing: once entered, the record decides).
    const id = subjectIdOf(r, s);
    const found = id !== undefined && r.subject ? s.ctx.verifications?.get(verificationKey(r.subject, id, r.rule.id)) : undefined;
    if (found) {
      const said = `${v.message}；经 ${found.by} 于 ${day(found.at)} 核实：${found.verdict === 'pass' ? '符合' : '不符合'}（${found.reason}）`;
      const verified = result(r, found.verdict, v.code, said);
      verified.missing = v.missing;
      verified.verification = { ...found, subject: r.subject!, subjectId: id! };
      if (found.verdict === 'pass') return verified;
      const { relaxed } = relax(r, s, { ok: false, code: v.code, message: said });
      return relaxed ?? verified;
    }
    const { relaxed, pending } = relax(r, s, v);
    if (relaxed) return relaxed;
    const open = result(r, 'unknown', v.code, `${v.message}（缺少：${factList(v.missing)}，需人工核实）`);
    open.missing = v.missing;
    if (pending) open.relaxableInPair = true;
    return open;
  }
  const { relaxed, pending } = relax(r, s, v);
  if (relaxed) return relaxed;
  const failed = result(r, 'fail', v.code, v.message);
  if (pending) failed.relaxableInPair = true;
  return failed;
}

function summarize(rules: readonly CompiledRule[], results: RuleResult[]): Evaluation {
  let failed = false;
  let unknown = false;
  let relaxed = false;
  let priorityBoost = 0;
  const missing = new Set<string>();
  const priorities: PriorityHit[] = [];
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    if (r.effect === 'hard') {
      if (r.outcome === 'fail') failed = true;
      else if (r.outcome === 'relaxed') relaxed = true;
      else if (r.outcome === 'unknown') {
        unknown = true;
        for (const m of r.missing ?? []) missing.add(m);
      }
    } else if (r.outcome === 'pass') {
      const boost = rules[i].rule.boost;
      priorityBoost += boost;
      priorities.push({ ruleId: r.ruleId, code: r.code, boost, message: r.message, clause: r.clause });
    }
  }
  const status: EvaluationStatus = failed ? 'ineligible' : unknown ? 'unknown' : relaxed ? 'review' : 'eligible';
  return {
    eligible: status === 'eligible' || status === 'review',
    status,
    needsReview: relaxed || unknown,
    missing: [...missing].sort(),
    results,
    priorityBoost,
    priorities,
  };
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

/** A failure (or unknown) a demand could still relax: such results are re-run for the pair. */
const reRunInPair = (r: RuleResult) => (r.outcome === 'fail' || r.outcome === 'unknown') && r.relaxableInPair === true;

/**
 * The rules that read the expert alone; cache the result per expert and cycle. A failure that a
 * demand could still relax (named and agreed, renewal) is marked relaxableInPair, and pairRelaxable
 * says whether such failures are all that stand in the way.
 */
export function evaluateExpert(profile: PolicyProfile, expert: Expert, ctx: PolicyContext): ExpertEvaluation {
  const ev = runAll(compileProfile(profile).expertRules, { expert, ctx }) as ExpertEvaluation;
  ev.pairRelaxable = ev.status === 'ineligible' && ev.results.every((r) => r.effect !== 'hard' || r.outcome !== 'fail' || r.relaxableInPair === true);
  return ev;
}

/** The rules that read the enterprise alone (ctx.enterpriseHadTechVp is this enterprise's fact). */
export function evaluateEnterprise(profile: PolicyProfile, enterprise: Enterprise, ctx: PolicyContext): Evaluation {
  return runAll(compileProfile(profile).enterpriseRules, { enterprise, ctx });
}

/**
 * The full verdict for one expert–enterprise(–demand) pair, in profile rule order. Pass the cached
 * expert and enterprise evaluations (of the same profile and ctx) to skip their rules; only expert
 * results that the demand may relax are re-run. Results are shared, not copied: treat them as read-only.
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
      if (!reRunInPair(cached)) return cached;
    } else if (r.group === 'enterprise' && en) {
      return en.results[ni++];
    }
    return runRule(r, s);
  });
  return summarize(cp.rules, results);
}
