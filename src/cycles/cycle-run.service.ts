import type { Cycle } from '../intake/cycle.schema';
import { type AuditActor, type AuditTrail, SYSTEM_ACTOR } from '../shared/audit-trail.port';
import type { Transaction } from '../shared/transaction.port';
import type { DemandRepository, StoredDemand } from '../intake/demand.repository';
import { requestsVicePresident } from '../intake/demand.schema';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { ReferenceRepository } from '../intake/reference.repository';
import type { Demand, Enterprise, Expert } from '../policy/evaluation.types';
import type { PolicyContextRepository } from '../policy/policy-context.repository';
import type { PolicyService } from '../policy/policy.service';
import { quotaUnitOf } from '../allocation/quota-unit';
import { resolveAllocation } from '../policy/allocation-setting';
import { agreedExpertIds, candidateFlags, failedHardRules, isPendingCandidate, toPolicyFlag, unknownHardRules } from '../policy/policy-flags';
import { isNamedAgreed } from '../policy/rules/pair.rules';
import type { RankQuery, Ranker } from '../ranking/ranker.port';
import type { ExcludedCandidate, PolicyFlag, RankedCandidate } from '../ranking/ranking.schema';
import { AppError } from '../shared/errors';
import { hashRecord } from '../shared/hash';
import { toFieldErrors } from '../shared/zod-issues';
import type { Logger } from '../shared/logger';
import { computeQuotas, type PlanDemand, PlanInputError, type PlanResult, planAssignment } from './assignment-plan';
import type { CycleRunRepository, RankingCheckpoint, StoredRun } from './cycle-run.repository';
import { type CycleRunOptions, cycleRunOptionsSchema, type CycleRunSummary, type ResolvedRunOptions } from './cycle-run.schema';
import type { ProgressReporter, ProgressTask } from './progress.port';
import type { RunHolder } from './run-holder.port';
import type { RunLeaseRepository } from './run-lease.repository';
import { type GuardViolation, verifyProposals } from './proposal-guard';
import { RunPolicy } from './run-policy';
import { describeUnfilled } from './unfilled-reasons';
import type { AgreedPairSource } from '../selection/selection.types';
import { fixAgreedPair, withAgreedPairs } from './fixed-pairs';
import type { FixedPairReport } from './cycle-run.schema';

export type SyncProgressEvent = { stage: string; done: number; total: number };

export type CycleRunDeps = {
  runs: Pick<
    CycleRunRepository,
    'getRun' | 'listResumable' | 'nextSeq' | 'insertRun' | 'markAbandoned' | 'loadCheckpoints' | 'saveCheckpoints' | 'complete' | 'fingerprint' | 'expertIdsByExternalId'
  >;
  demands: Pick<DemandRepository, 'listByCycle'>;
  enterprises: Pick<EnterpriseRepository, 'getByIds'>;
  experts: Pick<ExpertRepository, 'getByIds'>;
  reference: Pick<ReferenceRepository, 'getCycle'>;
  policies: Pick<PolicyService, 'resolve' | 'cycleContext'>;
  policyContext: Pick<PolicyContextRepository, 'loadEnterpriseFacts'>;
  /** The per-cycle lease: two invocations of one cycle never both rank. */
  leases: Pick<RunLeaseRepository, 'acquire' | 'renew' | 'release'>;
  holder: RunHolder;
  /** A run's start, abandonment and result commit with their audit entries. */
  audit: AuditTrail;
  transaction: Transaction;
  /** Who started the run (the CLI's operator), for the audit trail. */
  actor?: AuditActor;
  ranker: Ranker;
  /** Agreed pairs of two-way selection (src/selection): they enter the assignment as fixed pairs. */
  agreedPairs?: AgreedPairSource;
  /** Rebuilds stale portraits and vectors only and updates the index, before anything is ranked. */
  syncRetrieval: (onProgress: (p: SyncProgressEvent) => void) => Promise<unknown>;
  progress: ProgressReporter;
  clock: { now(): Date };
  logger: Logger;
  /**
   * Names the ranker and its embedding model. It is part of the input hash: a run started with another
   * model is never resumed with this one.
   */
  rankerId: string;
  /** Demands ranked between two checkpoint transactions (what a kill -9 can cost at most). */
  chunkSize?: number;
  /** Ranking calls in flight at once. */
  concurrency?: number;
};

export type CycleRunErrorCode =
  'INVALID_OPTIONS' | 'CYCLE_NOT_FOUND' | 'CYCLE_CLOSED' | 'CYCLE_RUN_IN_PROGRESS' | 'POLICY_NOT_FOUND' | 'REGION_LIMIT_UNKNOWN' | 'QUOTA_INVALID' | 'HARD_RULE_VIOLATION';

export class CycleRunError extends AppError {
  declare readonly code: CycleRunErrorCode;
  constructor(code: CycleRunErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export type CycleRunOutcome = {
  summary: CycleRunSummary;
  /** null for a dry run. */
  runId: string | null;
  dryRun: boolean;
  /** The run existed (was killed or failed before) and its checkpoints were reused. */
  resumed: boolean;
  /** Runs of this cycle found running with another input and marked abandoned. */
  abandoned: string[];
  inputHash: string;
  timings: Record<string, number>;
  /** The solver's input and result, for the benchmark's greedy comparison. */
  plan: PlanResult;
};

type RankedDemand = { stored: StoredDemand; enterprise: Enterprise };

const INPUT_HASH_VERSION = 2;

/**
 * One batch run of a cycle: sync retrieval, rank every open demand (checkpointed), share the seats, solve the
 * assignment, re-check it against the policy and store it as an immutable run — or, killed anywhere, resume
 * from the checkpoints on the next invocation with the same input and finish with the same result.
 */
export class CycleRunService {
  private readonly chunkSize: number;
  private readonly concurrency: number;

  constructor(private readonly deps: CycleRunDeps) {
    this.chunkSize = Math.max(1, deps.chunkSize ?? 16);
    this.concurrency = Math.max(1, deps.concurrency ?? 4);
  }

  /**
   * Runs the cycle while holding its lease (a dry run writes no run rows and takes none); a second
   * invocation of the same cycle meanwhile is refused with CYCLE_RUN_IN_PROGRESS.
   */
  async execute(input: CycleRunOptions): Promise<CycleRunOutcome> {
    const opts = parseOptions(input);
    // A dry run writes no run rows; an unknown cycle fails inside with its own message (and has no lease row).
    if (opts.dryRun || !this.deps.reference.getCycle(opts.cycleId)) return this.executeHeld(opts, null);
    const { leases, holder, clock } = this.deps;
    const me = holder.newHolderId();
    const blocking = leases.acquire(opts.cycleId, me, clock.now().toISOString(), (l) => !holder.isAlive(l.holder, l.heartbeatAt, clock.now()));
    if (blocking) {
      throw new CycleRunError(
        'CYCLE_RUN_IN_PROGRESS',
        `选派周期 ${opts.cycleId} 正在由另一个匹配任务运行（${blocking.holder}，开始于 ${blocking.acquiredAt}），请等它结束后再运行`,
        {
          holder: blocking.holder,
          acquiredAt: blocking.acquiredAt,
          heartbeatAt: blocking.heartbeatAt,
        },
      );
    }
    try {
      return await this.executeHeld(opts, me);
    } finally {
      leases.release(opts.cycleId, me);
    }
  }

  private async executeHeld(opts: ResolvedRunOptions, leaseHolder: string | null): Promise<CycleRunOutcome> {
    const { deps } = this;
    const started = performance.now();
    const timings: Record<string, number> = {};
    const lap = (key: string, from: number) => {
      timings[key] = Math.round(performance.now() - from);
    };

    const cycle = deps.reference.getCycle(opts.cycleId);
    if (!cycle) throw new CycleRunError('CYCLE_NOT_FOUND', `选派周期不存在：${opts.cycleId}`);
    if (cycle.status !== 'open') throw new CycleRunError('CYCLE_CLOSED', `选派周期 ${cycle.id} 已关闭，不能再匹配`);
    const profile = this.resolveProfile(opts.policy ?? cycle.policy);
    const policyRef = `${profile.id}@${profile.version}`;
    const seats = opts.seats ?? cycle.seats;

    let t = performance.now();
    await this.sync();
    lap('syncMs', t);

    // Records and policy facts of this cycle.
    t = performance.now();
    const base = deps.policies.cycleContext(cycle.id);
    // Only demands the county approved enter a run (Wenzhou 四(一): 经科技部门审核后入库); a problem-only demand
    // (附件1 三 left empty) asks for no 科技副总: neither matched nor counted for quotas.
    const agreed = deps.agreedPairs?.agreedPairs(cycle.id) ?? [];
    const stored = withAgreedPairs(
      deps.demands.listByCycle(cycle.id).filter((d) => d.review === 'approved' && requestsVicePresident(d.demand)),
      agreed,
    );
    const agreedByDemand = new Map(agreed.map((p) => [p.demandId, p]));
    const fixedPairs: FixedPairReport[] = [];
    const enterpriseById = deps.enterprises.getByIds([...new Set(stored.map((d) => d.enterpriseId))]);
    const enterprises = new Map([...enterpriseById.values()].map((e) => [e.creditCode, e]));
    const facts = deps.policyContext.loadEnterpriseFacts([...enterprises.keys()], { referenceDate: base.ctx.referenceDate, cycleId: cycle.id });
    const policy = new RunPolicy(profile, base.ctx, base.assignments, new Map([...facts].map(([code, f]) => [code, f.hadTechVp])));
    // How seats are shared is the document's (a quota clause), else the cycle's own setting, else one pool: stored and shown.
    const allocation = resolveAllocation(profile, cycle);
    const unitOf = (region: string) => quotaUnitOf(region, allocation.level, allocation.poolCode);
    const params = {
      policy: policyRef,
      seats,
      top: opts.top,
      alternates: opts.alternates,
      excluded: opts.excluded,
      regionLimits: opts.regionLimits,
      ranker: deps.rankerId,
      allocation: { source: allocation.source, level: allocation.level, count: allocation.count, poolCode: allocation.poolCode },
    };
    // Reviewer verdicts on unknown facts change verdicts: a run after a verification is a new input.
    const verified = [...(base.ctx.verifications ?? [])].sort(([a], [b]) => compareIds(a, b));
    const fixed = agreed.map((p) => [p.demandId, p.expertId]);
    const inputHash = hashRecord({ v: INPUT_HASH_VERSION, cycle: cycleFacts(cycle), profile, params, verified, fixed, records: deps.runs.fingerprint(cycle.id) });

    // Enterprise and demand rules decide which demands count for the quota and get ranked; a demand whose own
    // facts are unknown is ranked (its candidates are listed 待核实) but waits for verification.
    const ranked: RankedDemand[] = [];
    const ineligible = new Map<string, PlanDemand['ineligible']>();
    const unverified = new Map<string, NonNullable<PlanDemand['unverified']>>();
    const rule = (r: { ruleId: string; code: string; message: string }) => ({ ruleId: r.ruleId, code: r.code, message: r.message });
    for (const d of stored) {
      const enterprise = enterpriseById.get(d.enterpriseId)!;
      const verdict = policy.demandVerdict(enterprise, d.demand);
      if (verdict.status === 'ineligible') {
        ineligible.set(d.demand.externalId, failedHardRules(verdict).map(rule));
        continue;
      }
      if (verdict.status === 'unknown')
        unverified.set(
          d.demand.externalId,
          unknownHardRules(verdict).map((r) => ({ ...rule(r), missing: r.missing ?? [] })),
        );
      if (policy.enterpriseSlotsLeft(enterprise.creditCode) > 0) ranked.push({ stored: d, enterprise });
    }
    ranked.sort((a, b) => compareIds(a.stored.demand.externalId, b.stored.demand.externalId));
    // Limits the demands cannot meet fail now, before a run is opened and anything is ranked.
    this.checkQuotas(
      stored.map((d) => ({
        unit: unitOf(d.region),
        enterpriseCreditCode: d.demand.enterpriseCreditCode,
        ineligible: ineligible.get(d.demand.externalId) ?? null,
      })),
      seats,
      opts.regionLimits,
      allocation.count,
    );
    lap('loadMs', t);

    // Resume the interrupted run of this very input, or start a new one; a running run of older input is abandoned.
    const { run, resumed, abandoned, checkpoints } = this.openRun({ cycle, policyRef, seats, params, inputHash, dryRun: opts.dryRun });
    const runId = run?.id ?? null;
    timings.reusedCheckpoints = checkpoints.size;

    t = performance.now();
    const rankedNow = await this.rankAll(ranked, checkpoints, { runId, leaseHolder, cycleId: cycle.id, policyRef, top: opts.top, excluded: opts.excluded });
    timings.rankedNow = rankedNow;
    lap('rankMs', t);

    // Re-check every ranked candidate against the hard rules (recorded appointments count): the ranker's
    // verdicts are trusted for ordering, never for eligibility.
    t = performance.now();
    const candidateIds = [...new Set([...[...checkpoints.values()].flatMap((c) => c.candidates.map((x) => x.expertId)), ...stored.flatMap((d) => agreedExpertIds(d.demand))])];
    const internal = deps.runs.expertIdsByExternalId(candidateIds);
    const experts = new Map([...deps.experts.getByIds([...internal.values()]).values()].map((x) => [x.externalId, x]));
    const planDemands = stored.map((d): PlanDemand => {
      const demandId = d.demand.externalId;
      const common = {
        demandId,
        enterpriseCreditCode: d.demand.enterpriseCreditCode,
        region: d.region,
        unit: unitOf(d.region),
        unverified: unverified.get(demandId) ?? null,
      };
      const pair = agreedByDemand.get(demandId);
      if (ineligible.has(demandId)) {
        if (pair) fixedPairs.push({ demandId, expertId: pair.expertId, interestId: pair.interestId, status: 'refused', rules: ineligible.get(demandId)! });
        return { ...common, ineligible: ineligible.get(demandId)!, candidates: [], excluded: [] };
      }
      const checkpoint = checkpoints.get(demandId);
      if (!checkpoint) return { ...common, ineligible: null, candidates: [], excluded: [] };
      const enterprise = enterpriseById.get(d.enterpriseId)!;
      const checked = this.recheck(policy, checkpoint, d.demand, enterprise, experts);
      if (!pair) return { ...common, ineligible: null, ...checked };
      // Re-checked against every hard rule: passing, the pair is fixed; failing, the run says which and the demand stays in the pool.
      const f = fixAgreedPair(policy, pair, { demand: d.demand, enterprise, expert: experts.get(pair.expertId) }, checked);
      fixedPairs.push(f.report);
      return { ...common, ineligible: null, ...f.entry, fixed: f.fixed };
    });
    lap('recheckMs', t);

    t = performance.now();
    let plan: PlanResult;
    try {
      plan = planAssignment({
        totalSeats: seats,
        regionLimits: opts.regionLimits,
        demands: planDemands,
        alternates: opts.alternates,
        expertCapacity: (id) => policy.expertSlotsLeft(id),
        enterpriseCapacity: (code) => policy.enterpriseSlotsLeft(code),
        quotaCount: allocation.count,
        namedAgreedFirst: allocation.namedAgreedFirst !== null,
      });
    } catch (err) {
      if (err instanceof PlanInputError) throw new CycleRunError(err.code, err.message);
      throw err;
    }
    timings.solveMs = Math.round(plan.solver.ms);
    lap('planMs', t);

    t = performance.now();
    const violations = verifyProposals(
      policy,
      plan.proposals,
      {
        experts,
        enterprises,
        demands: new Map(stored.map((d) => [d.demand.externalId, d.demand])),
      },
      new Map(plan.quotas.regions.map((q) => [q.region, q.seats])),
    );
    lap('guardMs', t);
    if (violations.length) throw hardRuleViolation(violations);

    const summary: CycleRunSummary = {
      run: runId,
      cycle: cycle.id,
      policy: policyRef,
      seats,
      seatsAssigned: plan.quotas.seatsAssigned,
      tieBreak: plan.quotas.tieBreak,
      allocation,
      score: plan.totalScore,
      regions: plan.regions,
      assignments: plan.assignments,
      ...(agreed.length ? { fixedPairs: fixedPairs.sort((a, b) => compareIds(a.demandId, b.demandId)) } : {}),
    };

    if (run) {
      t = performance.now();
      const task = deps.progress.start('store', 1);
      timings.totalMs = Math.round(performance.now() - started);
      const proposed = plan.proposals.filter((p) => p.proposed).length;
      deps.transaction(() => {
        this.auditRun(
          'run.complete',
          run.id,
          { status: 'running' },
          { status: 'completed', seatsAssigned: plan.quotas.seatsAssigned, proposed, assignments: plan.assignments.length },
        );
        deps.runs.complete(run.id, {
          quotas: plan.quotas.regions.map((q) => ({
            runId: run.id,
            regionCode: q.region,
            demands: q.demands,
            share: q.share,
            exactQuota: q.exactQuota,
            remainder: q.remainder,
            seats: q.seats,
          })),
          proposals: plan.proposals.map((p) => ({
            runId: run.id,
            demandExternalId: p.demandId,
            enterpriseCreditCode: p.enterpriseCreditCode,
            regionCode: p.region,
            expertExternalId: p.expertId,
            score: p.score,
            namedAgreed: p.namedAgreed,
            unfilledReason: p.unfilled ? describeUnfilled(p.unfilled.code, p.unfilled.details) : null,
            unfilledCode: p.unfilled?.code ?? null,
            unfilledDetails: p.unfilled?.details ?? null,
            proposed: p.proposed,
            alternates: p.alternates,
            excluded: p.excluded,
            pending: p.pending,
          })),
          summary,
          timings,
          finishedAt: deps.clock.now().toISOString(),
        });
      });
      task.update(1);
      task.finish();
      lap('storeMs', t);
    }
    timings.totalMs = Math.round(performance.now() - started);
    deps.logger.info({ run: runId, resumed, timings, assigned: plan.assignments.length, demands: stored.length }, runId ? 'cycle run completed' : 'dry run computed');
    return { summary, runId, dryRun: opts.dryRun, resumed, abandoned, inputHash, timings, plan };
  }

  private checkQuotas(
    demands: Array<Pick<PlanDemand, 'unit' | 'ineligible' | 'enterpriseCreditCode'>>,
    seats: number,
    limits: ResolvedRunOptions['regionLimits'],
    count: 'demands' | 'enterprises',
  ): void {
    try {
      computeQuotas(demands, seats, limits, count);
    } catch (err) {
      if (err instanceof PlanInputError) throw new CycleRunError(err.code, err.message);
      throw err;
    }
  }

  private resolveProfile(ref: string) {
    try {
      return this.deps.policies.resolve(ref);
    } catch (err) {
      if (err instanceof AppError) throw new CycleRunError('POLICY_NOT_FOUND', err.message, err.details);
      throw err;
    }
  }

  private async sync(): Promise<void> {
    let task: ProgressTask | undefined;
    let stage = '';
    try {
      await this.deps.syncRetrieval((p) => {
        if (p.stage !== stage) {
          task?.finish();
          stage = p.stage;
          task = this.deps.progress.start(`sync:${p.stage}`, p.total);
        }
        task!.update(p.done, p.total);
      });
    } finally {
      task?.finish();
    }
  }

  private openRun(a: { cycle: Cycle; policyRef: string; seats: number; params: Record<string, unknown>; inputHash: string; dryRun: boolean }): {
    run: StoredRun | null;
    resumed: boolean;
    abandoned: string[];
    checkpoints: Map<string, RankingCheckpoint>;
  } {
    const { runs, clock, logger } = this.deps;
    const resumable = runs.listResumable(a.cycle.id);
    const same = resumable.find((r) => r.inputHash === a.inputHash);
    if (a.dryRun) {
      // Read-only: an interrupted run of the same input lends its checkpoints, nothing is written.
      return { run: null, resumed: false, abandoned: [], checkpoints: same ? runs.loadCheckpoints(same.id) : new Map() };
    }
    const abandoned: string[] = [];
    for (const r of resumable) {
      if (r === same) continue;
      const reason = `input changed (now ${a.inputHash.slice(0, 12)})`;
      const marked = this.deps.transaction(() => {
        const done = runs.markAbandoned(r.id, clock.now().toISOString(), reason);
        if (done) this.auditRun('run.abandon', r.id, { abandonedAt: null }, { abandonReason: reason });
        return done;
      });
      if (marked) {
        abandoned.push(r.id);
        logger.warn({ run: r.id }, 'abandoned an unfinished run whose input has changed');
      }
    }
    if (same) {
      const checkpoints = runs.loadCheckpoints(same.id);
      logger.info({ run: same.id, checkpoints: checkpoints.size }, 'resuming an unfinished run of the same input');
      return { run: same, resumed: true, abandoned, checkpoints };
    }
    let seq = runs.nextSeq(a.cycle.id);
    while (runs.getRun(`${a.cycle.id}-r${seq}`)) seq += 1;
    const id = `${a.cycle.id}-r${seq}`;
    this.deps.transaction(() => {
      runs.insertRun({
        id,
        cycleId: a.cycle.id,
        policy: a.policyRef,
        seats: a.seats,
        params: a.params,
        inputHash: a.inputHash,
        seq,
        startedAt: clock.now().toISOString(),
      });
      this.auditRun('run.start', id, {}, { cycleId: a.cycle.id, policy: a.policyRef, seats: a.seats, inputHash: a.inputHash });
    });
    logger.info({ run: id }, 'cycle run started');
    return { run: runs.getRun(id)!, resumed: false, abandoned, checkpoints: new Map() };
  }

  private auditRun(action: string, runId: string, before: object, after: object): void {
    this.deps.audit.append({ ...(this.deps.actor ?? SYSTEM_ACTOR), action, entity: 'cycle_run', entityId: runId, regionCode: null, before, after });
  }

  /** Ranks every demand not yet checkpointed, in id order, committing each chunk; returns how many it ranked. */
  private async rankAll(
    demands: RankedDemand[],
    checkpoints: Map<string, RankingCheckpoint>,
    a: { runId: string | null; leaseHolder: string | null; cycleId: string; policyRef: string; top: number; excluded: number },
  ): Promise<number> {
    const todo = demands.filter((d) => !checkpoints.has(d.stored.demand.externalId));
    const task = this.deps.progress.start('rank', demands.length);
    let done = demands.length - todo.length;
    task.update(done);
    for (let i = 0; i < todo.length; i += this.chunkSize) {
      const chunk = todo.slice(i, i + this.chunkSize);
      const settled = await settleWithLimit(chunk, this.concurrency, async (d): Promise<RankingCheckpoint> => {
        const demand = d.stored.demand;
        const query: RankQuery = {
          demandId: demand.externalId,
          title: demand.title,
          description: demand.description,
          expectedField: demand.expectedField,
          region: d.stored.region,
          enterpriseCreditCode: demand.enterpriseCreditCode,
          namedCandidates: demand.namedCandidates,
        };
        const res = await this.deps.ranker.rank(query, { policy: a.policyRef, cycleId: a.cycleId, top: a.top, excluded: a.excluded });
        return { demandId: demand.externalId, candidates: res.candidates.slice(0, a.top), excluded: res.excluded.slice(0, a.excluded) };
      });
      const ok = settled.filter((s): s is PromiseFulfilledResult<RankingCheckpoint> => s.status === 'fulfilled').map((s) => s.value);
      // Whatever finished is kept even when a sibling failed: a restart then redoes only the failures.
      if (a.runId) this.deps.runs.saveCheckpoints(a.runId, ok);
      if (a.leaseHolder) this.deps.leases.renew(a.cycleId, a.leaseHolder, this.deps.clock.now().toISOString());
      for (const c of ok) checkpoints.set(c.demandId, c);
      done += ok.length;
      task.update(done);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    }
    task.finish();
    return todo.length;
  }

  private recheck(
    policy: RunPolicy,
    checkpoint: RankingCheckpoint,
    demand: Demand,
    enterprise: Enterprise,
    experts: Map<string, Expert>,
  ): { candidates: RankedCandidate[]; pending: RankedCandidate[]; excluded: ExcludedCandidate[] } {
    const candidates: RankedCandidate[] = [];
    const pending: RankedCandidate[] = [];
    const dropped: ExcludedCandidate[] = [];
    // The ranker lists eligible and 待核实 candidates together; the re-check sorts them apart.
    const ranked = checkpoint.candidates;
    for (const c of ranked) {
      const expert = experts.get(c.expertId);
      if (!expert) {
        this.deps.logger.warn({ demand: demand.externalId, expert: c.expertId }, 'ranked candidate is not in the expert records; skipped');
        continue;
      }
      const ev = policy.checkPair(expert, enterprise, demand);
      if (ev.status === 'ineligible') {
        const reasons: PolicyFlag[] = failedHardRules(ev).map(toPolicyFlag);
        dropped.push({ expertId: c.expertId, name: c.name, score: c.score, reasons });
        continue;
      }
      // Flags come from this re-check: a verification since the ranking may have decided an unknown.
      const entry: RankedCandidate = { ...c, ...candidateFlags(ev), namedAgreed: isNamedAgreed(demand, expert) };
      (isPendingCandidate(entry) ? pending : candidates).push(entry);
    }
    // Hubei 四(二) "企业有意向人选并已与其协商一致的，可优先考虑、直接安排" (where the profile applies it): an eligible
    // named-and-agreed expert is a candidate even when the ranker's top list left them out; unscored (0), the
    // priority places them.
    const listed = new Set(ranked.map((c) => c.expertId));
    for (const expertId of policy.profile.allocation.namedAgreedFirst ? agreedExpertIds(demand) : []) {
      const expert = experts.get(expertId);
      if (listed.has(expertId) || !expert) continue;
      const ev = policy.checkPair(expert, enterprise, demand);
      if (ev.status === 'ineligible') continue;
      const entry: RankedCandidate = {
        expertId,
        name: expert.name,
        institution: expert.institution.name,
        region: expert.region ?? '',
        score: 0,
        breakdown: { semantic: 0, lexical: 0, overlap: 0, strength: 0, priority: 0 },
        evidence: [],
        ...candidateFlags(ev),
        namedAgreed: true,
      };
      (isPendingCandidate(entry) ? pending : candidates).push(entry);
    }
    if (dropped.length) {
      this.deps.logger.warn({ demand: demand.externalId, dropped: dropped.map((d) => d.expertId) }, 'ranked candidates failing a hard rule were dropped');
    }
    return { candidates, pending, excluded: [...dropped, ...checkpoint.excluded] };
  }
}

function parseOptions(input: CycleRunOptions): ResolvedRunOptions {
  const parsed = cycleRunOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new CycleRunError('INVALID_OPTIONS', '匹配批次参数无效', toFieldErrors(parsed.error.issues));
  }
  for (const [region, l] of Object.entries(parsed.data.regionLimits)) {
    if (l.min !== undefined && l.max !== undefined && l.min > l.max) {
      throw new CycleRunError('INVALID_OPTIONS', `区县 ${region} 的名额下限 ${l.min} 大于上限 ${l.max}`);
    }
  }
  // Sorted keys: the same limits given in another order are the same input.
  const regionLimits = Object.fromEntries(
    Object.keys(parsed.data.regionLimits)
      .sort()
      .map((k) => [k, parsed.data.regionLimits[k]]),
  );
  return { ...parsed.data, regionLimits };
}

function cycleFacts(c: Cycle) {
  return { id: c.id, year: c.year, policy: c.policy, seats: c.seats, status: c.status, referenceDate: c.referenceDate, previousCycles: c.previousCycles };
}

function hardRuleViolation(violations: GuardViolation[]): CycleRunError {
  return new CycleRunError('HARD_RULE_VIOLATION', `推荐结果违反硬性条件（${violations.length} 条），本批次未保存`, violations.slice(0, 20));
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Promise.allSettled with at most `limit` calls in flight; results in input order. */
async function settleWithLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { status: 'fulfilled', value: await fn(items[i]) };
      } catch (reason) {
        out[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
