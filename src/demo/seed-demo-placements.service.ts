// Demo placements in every state of the placement state machine, made through the placement use-cases (their
// rule checks, audit entries and notices apply) on the demo's own calendar, so a new user sees the whole life of
// the programme: agreement pending / submitted / returned, service on track and behind, an early termination,
// term grades 优秀 / 合格 / 不合格 confirmed by the city, a Xinxiang renewal (六(四) 直接予以续聘) and outcomes.
// Placed only on records no planted edge case is about, so every planted case still shows as before.
import { AppError } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import { addDays } from './dates';
import { DEMO_CYCLE_ID, type DemoData } from './demo-data.generator';
import { Rng } from './prng';

// src/demo sits below src/placements (the index imports the demo): the steps it drives are declared here, by
// shape, and the runtime hands it the placement services, which fit them.
type Side = 'enterprise' | 'expert';
type Grade = '优秀' | '合格' | '不合格';
type PlacementCaller = {
  actor: { actor: string; actorRole: string };
  role: 'admin' | 'reviewer' | 'participant';
  region: string | null;
  party: { side: Side; key: string } | null;
};
type Detail = { id: number; serviceLog: Array<{ id: number }>; evaluations: Array<{ id: number; kind: string }> };
type OutcomeInput = { kind: 'problem_solved' | 'ip_filing' | 'training'; quantity?: number; date: string; title: string; ipType?: 'invention'; evidence: string };
export type DemoPlacementSteps = {
  placements: {
    createFromAgreedPair(input: { expertId: string; enterpriseCreditCode: string; cycle: string; termStart: string }, caller: PlacementCaller): Detail;
    list(query: { kind: 'programme'; limit: number; offset: number }, caller: PlacementCaller): { total: number };
  };
  agreements: {
    uploadAgreement(id: number, file: { fileName: string; bytes: Buffer }, signedOn: string | undefined, caller: PlacementCaller): Detail;
    decideAgreement(id: number, input: { action: 'file' } | { action: 'return'; reason: string }, caller: PlacementCaller): Detail;
  };
  activity: {
    logService(id: number, input: { date: string; days: number; activity: string; participants: string }, caller: PlacementCaller): Detail;
    reviewServiceLog(id: number, entryId: number, input: { action: 'confirm' }, caller: PlacementCaller): Detail;
    recordOutcome(id: number, input: OutcomeInput, caller: PlacementCaller): Detail;
  };
  evaluations: {
    assess(id: number, input: { kind: 'term'; grade: Grade; comment: string }, caller: PlacementCaller): Detail;
    grade(id: number, evaluationId: number, input: { grade: Grade; reason: string }, caller: PlacementCaller): Detail;
    confirmGrade(id: number, evaluationId: number, input: { action: 'confirm' }, caller: PlacementCaller): Detail;
  };
  ends: {
    requestTermination(id: number, input: { reason: string; effectiveOn: string }, caller: PlacementCaller): Detail;
    fileTermination(id: number, note: string | undefined, caller: PlacementCaller): unknown;
    requestRenewal(id: number, caller: PlacementCaller): unknown;
    acceptRenewal(id: number, termStart: string | undefined, caller: PlacementCaller): { next: { id: number } | null };
  };
};
/** The placement use-cases over a clock the seed sets before each step (runtime.services.demoPlacements()). */
export type SeedDemoPlacementsDeps = { steps: DemoPlacementSteps; clock: { set(iso: string): void }; transaction: Transaction };

/** What the seed planted: the placement ids by the state they were walked to. */
export type DemoPlacementSummary = { created: number; byPlan: Record<string, number[]> };

/** The life a demo placement is walked through. */
export type DemoPlan = 'pending' | 'submitted' | 'returned' | 'onTrack' | 'behind' | 'terminated' | 'excellent' | 'pass' | 'fail';
/** One of each first, so even a small demo shows every state; a larger one repeats the round. */
const WENZHOU_ROUND: readonly DemoPlan[] = ['pending', 'submitted', 'returned', 'onTrack', 'behind', 'terminated', 'excellent', 'pass', 'fail'];
/** A few dozen at most: seeding stays quick. */
const MAX_WENZHOU = 27;
const XINXIANG_CYCLE = 'xinxiang-demo';

/** A signed agreement's stand-in: the first bytes say PDF, which is what the upload checks. */
const AGREEMENT_PDF = Buffer.from('%PDF-1.4\n% 三方协议（演示数据）\n%%EOF\n', 'utf8');
const SEED_ACTOR = 'system:demo-seed';
const admin: PlacementCaller = { actor: { actor: SEED_ACTOR, actorRole: 'admin' }, role: 'admin', region: null, party: null };
const reviewer = (region: string): PlacementCaller => ({ actor: { actor: SEED_ACTOR, actorRole: 'reviewer' }, role: 'reviewer', region, party: null });
const party = (side: 'enterprise' | 'expert', key: string): PlacementCaller => ({
  actor: { actor: `${SEED_ACTOR}:${side}:${key}`, actorRole: 'participant' },
  role: 'participant',
  region: null,
  party: { side, key },
});
/** 10:00 China time of a day (02:00 UTC), so "today" of the step is that day. */
const at = (day: string) => `${day}T02:00:00.000Z`;

/** Enterprises and experts no edge case, demand of an edge case or named candidate is about, per cycle, in list order. */
function freeRecords(data: DemoData, cycle: string): { enterprises: Array<{ code: string; region: string }>; experts: string[] } {
  const subjects = new Set(data.edgeCases.map((e) => e.subject));
  const edgeDemands = new Set(data.edgeCases.map((e) => e.demand));
  const busy = new Set<string>();
  for (const d of data.demands) {
    if (edgeDemands.has(d.externalId)) busy.add(d.enterpriseCreditCode);
    for (const m of JSON.stringify(d).matchAll(/"([a-z]{2}-exp-\d+)"/g)) busy.add(m[1]);
  }
  for (const x of data.experts) for (const s of x.serviceHistory ?? []) busy.add(s.enterpriseCreditCode);
  const codes = new Set(data.demands.filter((d) => d.cycle === cycle).map((d) => d.enterpriseCreditCode));
  const prefix = cycle === DEMO_CYCLE_ID ? 'wz-' : 'xx-';
  // Xinxiang's demo enterprises all carry a planted case; its one without a demand (新乡市 4107xx) is free.
  const inCycle = (e: DemoData['enterprises'][number]) => codes.has(e.creditCode) || (cycle === XINXIANG_CYCLE && e.region.startsWith('4107'));
  return {
    enterprises: data.enterprises.filter((e) => inCycle(e) && !subjects.has(e.creditCode) && !busy.has(e.creditCode)).map((e) => ({ code: e.creditCode, region: e.region })),
    experts: data.experts
      .filter((x) => x.externalId.startsWith(prefix) && !subjects.has(x.externalId) && !busy.has(x.externalId) && !(x.serviceHistory ?? []).length)
      .map((x) => x.externalId),
  };
}

type Pair = { experts: string[]; expert: string; enterprise: string; region: string; cycle: string };

/**
 * Makes the pair's placement with the first free expert every hard rule of the cycle passes for (some generated
 * experts started work too recently, and so on): the rule check of an agreed pair is what keeps the demo honest.
 * Takes the expert off the free list; null when none fits the enterprise.
 */
function createPair(steps: DemoPlacementSteps, pair: Pair, termStart: string): number | null {
  for (let k = 0; k < Math.min(pair.experts.length, 8); k++) {
    const expertId = pair.experts[k];
    try {
      const id = steps.placements.createFromAgreedPair({ expertId, enterpriseCreditCode: pair.enterprise, cycle: pair.cycle, termStart }, admin).id;
      pair.experts.splice(k, 1);
      pair.expert = expertId;
      return id;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'PLACEMENT_RULE_FAILED') throw err;
    }
  }
  return null;
}

/** Walks one placement through its plan on the demo calendar; returns its id (and the renewal's next term). */
function walk(deps: SeedDemoPlacementsDeps, pair: Pair, plan: DemoPlan | 'renewed', rng: Rng): number[] {
  const { steps, clock } = deps;
  const ent = party('enterprise', pair.enterprise);
  const county = reviewer(pair.region);
  // Ended terms (graded, renewed) started two years before the demo's reference date; running ones this January.
  const ended = plan === 'excellent' || plan === 'pass' || plan === 'fail' || plan === 'renewed';
  const fresh = plan === 'pending' || plan === 'submitted' || plan === 'returned';
  const xinxiang = pair.cycle === XINXIANG_CYCLE;
  const termStart = xinxiang ? '2023-07-01' : ended ? '2024-07-01' : fresh ? '2026-07-01' : '2026-01-01';
  const created = fresh ? '2026-06-25' : addDays(termStart, -10);
  clock.set(at(created));
  const id = createPair(steps, pair, termStart);
  if (id === null) return [];
  const exp = party('expert', pair.expert);
  if (plan === 'pending') return [id];
  clock.set(at(addDays(created, 2)));
  steps.agreements.uploadAgreement(id, { fileName: '三方协议.pdf', bytes: AGREEMENT_PDF }, addDays(created, 1), ent);
  if (plan === 'submitted') return [id];
  clock.set(at(addDays(created, 4)));
  if (plan === 'returned') {
    steps.agreements.decideAgreement(id, { action: 'return', reason: '派出单位未盖章，请补齐后重新上传' }, county);
    return [id];
  }
  steps.agreements.decideAgreement(id, { action: 'file' }, county);
  logYears(deps, id, ent, exp, termStart, plan, rng);
  if (plan === 'onTrack' || plan === 'excellent' || plan === 'renewed') recordOutcomes(deps, id, ent, termStart, rng);
  if (plan === 'onTrack' || plan === 'behind') return [id];
  if (plan === 'terminated') {
    clock.set(at('2026-05-20'));
    steps.ends.requestTermination(id, { reason: '企业转产，双方协商一致终止合作', effectiveOn: '2026-05-31' }, ent);
    clock.set(at('2026-05-25'));
    steps.ends.fileTermination(id, undefined, county);
    return [id];
  }
  const termEnd = addDays(xinxiang ? '2025-07-01' : '2026-07-01', -1);
  const grade: Grade = plan === 'fail' ? '不合格' : plan === 'pass' ? '合格' : '优秀';
  clock.set(at(termEnd));
  const assessed = steps.evaluations.assess(id, { kind: 'term', grade, comment: `期满评价：${grade}（演示数据）` }, ent);
  const evaluationId = assessed.evaluations.find((e) => e.kind === 'term')!.id;
  steps.evaluations.grade(id, evaluationId, { grade, reason: `服务台账与成果材料核实，评定为${grade}` }, county);
  steps.evaluations.confirmGrade(id, evaluationId, { action: 'confirm' }, admin);
  if (plan !== 'renewed') return [id];
  steps.ends.requestRenewal(id, exp);
  const next = steps.ends.acceptRenewal(id, undefined, ent).next!;
  return [id, next.id];
}

/**
 * Service logged by the expert and confirmed by the enterprise: ended terms and the on-track one meet the
 * profile's yearly minimum (90 days in Wenzhou, 45 in Xinxiang); 'behind' and 'fail' log a fraction of it.
 */
function logYears(deps: SeedDemoPlacementsDeps, id: number, ent: PlacementCaller, exp: PlacementCaller, termStart: string, plan: DemoPlan | 'renewed', rng: Rng): void {
  const short = plan === 'behind' || plan === 'fail' || plan === 'terminated';
  const years = plan === 'onTrack' || plan === 'behind' || plan === 'terminated' ? 1 : 2;
  const perVisit = plan === 'renewed' ? 16 : 30;
  for (let y = 0; y < years; y++) {
    const visits = short ? 1 : 3;
    for (let v = 0; v < visits; v++) {
      const day = addDays(termStart, y * 365 + 20 + v * 40 + rng.int(0, 9));
      deps.clock.set(at(addDays(day, 1)));
      const logged = deps.steps.activity.logService(id, { date: day, days: short ? 10 : perVisit, activity: rng.pick(ACTIVITIES), participants: rng.pick(WITH_WHOM) }, exp);
      deps.clock.set(at(addDays(day, 3)));
      deps.steps.activity.reviewServiceLog(id, logged.serviceLog[logged.serviceLog.length - 1].id, { action: 'confirm' }, ent);
    }
  }
}

function recordOutcomes(deps: SeedDemoPlacementsDeps, id: number, ent: PlacementCaller, termStart: string, rng: Rng): void {
  const outcomes: OutcomeInput[] = [
    { kind: 'problem_solved', quantity: rng.int(1, 3), date: addDays(termStart, 60), title: '生产线良品率提升技术难题', evidence: '企业技术部验收意见' },
    { kind: 'ip_filing', ipType: 'invention', date: addDays(termStart, 120), title: '一种复合材料成型方法', evidence: `发明专利申请号 2026${rng.chars('0123456789', 8)}.X` },
    { kind: 'training', quantity: 2, date: addDays(termStart, 150), title: '技术骨干专题培训', evidence: '培训签到表' },
  ];
  for (const o of outcomes) {
    deps.clock.set(at(addDays(o.date, 1)));
    deps.steps.activity.recordOutcome(id, o, ent);
  }
}

const ACTIVITIES = ['工艺参数优化现场指导', '新产品研发方案论证', '技术攻关项目例会', '检测方法培训', '生产线故障诊断'];
const WITH_WHOM = ['企业技术部研发团队', '生产车间班组长', '质量部检测人员', '总经理及技术骨干'];

/**
 * Plants the demo placements once (nothing when programme placements exist already, so `DEMO=on` re-runs add
 * none). Wenzhou placements of the open demo cycle go on free records round-robin through every plan; one
 * Xinxiang placement is graded 优秀 and renewed. Returns the ids by plan.
 */
export function seedDemoPlacements(deps: SeedDemoPlacementsDeps, data: DemoData, seed = 20260630): DemoPlacementSummary {
  const summary: DemoPlacementSummary = { created: 0, byPlan: {} };
  if (deps.steps.placements.list({ kind: 'programme', limit: 1, offset: 0 }, admin).total > 0) return summary;
  const add = (plan: string, ids: number[]) => {
    if (ids.length === 0) return;
    summary.byPlan[plan] = [...(summary.byPlan[plan] ?? []), ids[0]];
    if (ids[1] !== undefined) summary.byPlan.renewalNext = [...(summary.byPlan.renewalNext ?? []), ids[1]];
    summary.created += ids.length;
  };
  deps.transaction(() => {
    const wz = freeRecords(data, DEMO_CYCLE_ID);
    let made = 0;
    for (const e of wz.enterprises) {
      if (made >= MAX_WENZHOU || wz.experts.length === 0) break;
      const plan = WENZHOU_ROUND[made % WENZHOU_ROUND.length];
      const ids = walk(deps, { experts: wz.experts, expert: '', enterprise: e.code, region: e.region, cycle: DEMO_CYCLE_ID }, plan, Rng.for(seed, 'placement', made));
      if (ids.length) made += 1;
      add(plan, ids);
    }
    const xx = freeRecords(data, XINXIANG_CYCLE);
    if (xx.enterprises.length && xx.experts.length) {
      const e = xx.enterprises[0];
      add(
        'renewed',
        walk(deps, { experts: xx.experts, expert: '', enterprise: e.code, region: e.region, cycle: XINXIANG_CYCLE }, 'renewed', Rng.for(seed, 'placement', 'xinxiang')),
      );
    }
  });
  return summary;
}
