import type { AuditEntry, AuditRepository } from '../auth/audit.repository';
import type { CycleRunRepository, RunProposal, RunQuotaRow, StoredRun } from '../cycles/cycle-run.repository';
import { toRunHeader } from '../cycles/cycle-run.schema';
import type { DemandRepository } from '../intake/demand.repository';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { Demand } from '../intake/demand.schema';
import type { Enterprise } from '../intake/enterprise.schema';
import type { ReferenceRepository } from '../intake/reference.repository';
import { todayInChina } from '../policy/calendar';
import { failedHardRules, toPolicyFlag, toUnknownFlag, unknownHardRules } from '../policy/policy-flags';
import type { PolicyService } from '../policy/policy.service';
import type { RankedCandidate } from '../ranking/ranking.schema';
import { AppError, notFound } from '../shared/errors';
import { quotaUnitOf, type QuotaLevel } from '../allocation/quota-unit';
import { factList } from '../intake/fact-labels';
import { checkDemand, pinnedReferenceDate } from './live-check';
import { REGION_STATUS_LABELS } from './review-labels';
import type { ConfirmedPair, RecordedService, ServiceRecorder } from './service-recorder.port';
import { type DecisionRow, type RegionReviewRow, REVIEW_AUDIT_ENTITIES, type ReviewRepository } from './review.repository';
import type { Decision, DecisionInput, DecisionStatus, DemandReview, RegionReview, RegionStatus, RegionSummary, RunInfo } from './review.schema';

/** Who acts (the audit columns). */
export type ReviewActor = { actor: string; actorRole: string };

export interface ReviewServiceDeps {
  reviews: ReviewRepository;
  /** The completed run under review: read only. */
  runs: Pick<CycleRunRepository, 'getRun' | 'listCompletedRuns' | 'listQuotas' | 'listProposalRegions' | 'proposalsOf' | 'getProposal'>;
  audit: Pick<AuditRepository, 'append' | 'listByEntityPrefix'>;
  demands: Pick<DemandRepository, 'listByCycle'>;
  enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
  reference: Pick<ReferenceRepository, 'listRegions'>;
  /** A confirmed pair becomes a placement (src/placements): the one source of service the rules read. */
  placements: ServiceRecorder;
  /** The swap re-check: every hard rule of the run's policy for the pair, with the cycle's context. */
  policies: Pick<PolicyService, 'checkEligibility'>;
  /** ISO timestamp of "now" (tests pin it). */
  now?: () => string;
}

const DECIDABLE: readonly RegionStatus[] = ['open', 'returned'];

type ProposalRow = RunProposal;
type Parsed = Pick<RunProposal, 'proposed' | 'alternates' | 'excluded' | 'pending'>;

/** The quota unit a county draws its seats from in this run (old runs: the county itself). */
function seatUnitOf(run: StoredRun, region: string): string {
  const a = run.params.allocation as { level?: QuotaLevel; poolCode?: string } | undefined;
  return a?.level ? quotaUnitOf(region, a.level, a.poolCode ?? '000000') : region;
}

const statusOf = (d: DecisionRow | undefined): DecisionStatus => d?.status ?? 'pending';
const isAssigned = (s: DecisionStatus) => s === 'approved' || s === 'swapped';

/**
 * The expert a demand holds in this run: the proposal while pending (it may still be approved), the
 * decision's expert once approved or swapped, nobody once rejected. One expert serves one enterprise.
 */
function heldExpert(p: ProposalRow, d: DecisionRow | undefined): string | null {
  const s = statusOf(d);
  if (s === 'pending') return p.expertExternalId;
  if (s === 'rejected') return null;
  return d!.expertExternalId;
}

const regionLocked = (status: RegionStatus) => new AppError('REGION_LOCKED', `本区县审核状态为“${REGION_STATUS_LABELS[status]}”，不能再修改审核结果`, { status });

/**
 * County review of a completed cycle run: per-demand decisions (approve, reject with a reason, swap in an
 * alternate after re-checking the policy, the one-expert-one-enterprise rule and the seats), then the
 * region's submission and the city's confirmation or return. Every change is appended to the audit log
 * in the same transaction. Region scoping is the caller's job (routes call assertRegion first).
 *
 * Region state machine: open → submitted → confirmed | returned; returned → submitted. Decisions are
 * accepted only while open or returned; confirm/return only when submitted. Confirmation writes the
 * pairs as placements (the experts' service history); nothing leaves `confirmed`, so they are never withdrawn here.
 */
export class ReviewService {
  private readonly now: () => string;

  constructor(private readonly deps: ReviewServiceDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  /** Completed runs, newest first (the dashboard's run list). */
  listRuns(): RunInfo[] {
    return this.deps.runs.listCompletedRuns().map(toRunInfo);
  }

  /** The newest completed run, if any. */
  latestRun(): RunInfo | undefined {
    const [latest] = this.deps.runs.listCompletedRuns();
    return latest && toRunInfo(latest);
  }

  getRun(runId: string): RunInfo {
    return toRunInfo(this.completedRun(runId));
  }

  /** Every region of the run with its counts, or only `onlyRegion` (a county reviewer's own). */
  listRegions(runId: string, onlyRegion?: string): { run: RunInfo; items: RegionSummary[] } {
    const run = this.completedRun(runId);
    const codes = this.regionCodes(run).filter((c) => onlyRegion === undefined || c === onlyRegion);
    const proposals = this.deps.runs.proposalsOf(runId);
    const decisions = this.decisionMap(runId);
    const states = new Map(this.deps.reviews.listRegionReviews(runId).map((r) => [r.regionCode, r]));
    const names = this.regionNames();
    return {
      run: toRunInfo(run),
      items: codes.map((code) => this.summarizeIn(run, code, names.get(code) ?? code, proposals, decisions, states.get(code))),
    };
  }

  /** One region's shortlist: each demand with the proposed expert, alternates, score breakdown, evidence, exclusions and decision. */
  getRegionReview(runId: string, region: string): RegionReview {
    const run = this.completedRun(runId);
    const proposals = this.regionProposals(runId, region);
    const decisions = this.decisionMap(runId);
    const summary = this.regionSummary(runId, region, proposals, decisions);
    const demands = this.demandMap(
      run.cycleId,
      region,
      proposals.map((p) => p.demandExternalId),
    );
    const enterprises = new Map<string, Enterprise | undefined>();
    return {
      run: toRunInfo(run),
      region: summary,
      decisionsOpen: DECIDABLE.includes(summary.status),
      allocation: run.summary?.allocation?.description ?? null,
      items: proposals.map((p) => this.toDemandReview(run, p, decisions.get(p.demandExternalId), demands, enterprises)),
    };
  }

  /** The county a demand of the run belongs to (for the route's region check before any change). */
  regionOfDemand(runId: string, demandId: string): string {
    this.completedRun(runId);
    const p = this.deps.runs.getProposal(runId, demandId);
    if (!p) throw notFound('本批次中的需求', demandId);
    return p.regionCode;
  }

  /**
   * approve: the proposed expert stands (quota and one-expert-one-enterprise re-checked).
   * reject: nobody for this demand, with a reason.
   * swap: an alternate of this demand replaces the proposal after every hard rule, the one-expert rule and the quota pass.
   * Repeating the current decision changes nothing and writes no audit entry.
   */
  decide(runId: string, demandId: string, input: DecisionInput, by: ReviewActor): { demand: DemandReview; region: RegionSummary } {
    return this.deps.reviews.transaction(() => {
      const run = this.completedRun(runId);
      const p = this.deps.runs.getProposal(runId, demandId);
      if (!p) throw notFound('本批次中的需求', demandId);
      const state = this.regionState(runId, p.regionCode);
      if (!DECIDABLE.includes(state)) throw regionLocked(state);
      const parsed: Parsed = p;
      const previous = this.deps.reviews.getDecision(runId, demandId);
      const reason = input.reason?.trim() || null;

      let status: DecisionStatus;
      let expert: RankedCandidate | null;
      if (input.action === 'approve') {
        if (!parsed.proposed) {
          throw new AppError('NO_PROPOSAL', `需求 ${demandId} 没有推荐专家，无法通过；可从备选专家中替换`, { unfilledReason: p.unfilledReason });
        }
        requireReasonForRelaxed(parsed.proposed, reason);
        status = 'approved';
        expert = parsed.proposed;
      } else if (input.action === 'reject') {
        if (!reason) throw new AppError('REASON_REQUIRED', '驳回时必须填写理由');
        status = 'rejected';
        expert = null;
      } else {
        if (!input.expertId) throw new AppError('EXPERT_REQUIRED', '替换时必须选择一名备选专家');
        // An alternate, or a 待核实 candidate once its unknown rules are resolved (re-checked below).
        const alt = parsed.alternates.find((a) => a.expertId === input.expertId) ?? parsed.pending.find((a) => a.expertId === input.expertId);
        if (!alt) {
          throw new AppError('NOT_AN_ALTERNATE', `专家 ${input.expertId} 不在需求 ${demandId} 的备选或待核实专家名单中，只能替换为其中的专家`, {
            alternates: parsed.alternates.map((a) => a.expertId),
            pending: parsed.pending.map((a) => a.expertId),
          });
        }
        requireReasonForRelaxed(alt, reason);
        status = 'swapped';
        expert = alt;
      }

      const unchanged = previous && previous.status === status && previous.expertExternalId === (expert?.expertId ?? null) && (status !== 'rejected' || previous.reason === reason);
      if (!unchanged) {
        if (expert) this.assertExpertFree(runId, demandId, expert, p.regionCode);
        if (status === 'swapped') this.assertPairEligible(run, p, expert!);
        if (isAssigned(status) && !isAssigned(statusOf(previous))) this.assertSeatFree(run, p.regionCode);

        const before = snapshot(statusOf(previous), previous ? this.candidateOf(parsed, previous.expertExternalId) : null, previous?.reason ?? null);
        const saved = this.deps.reviews.saveDecision({
          runId,
          demandExternalId: demandId,
          regionCode: p.regionCode,
          status,
          expertExternalId: expert?.expertId ?? null,
          reason,
          decidedBy: by.actor,
          decidedAt: this.now(),
        });
        const after = snapshot(saved.status, expert, saved.reason);
        this.deps.audit.append({
          ...by,
          action: `review.${input.action}`,
          entity: 'review_decision',
          entityId: `${runId}/${demandId}`,
          regionCode: p.regionCode,
          before,
          after,
          note: decisionNote(input.action, parsed.proposed, expert, reason),
        });
      }

      const decisions = this.decisionMap(runId);
      const proposals = this.regionProposals(runId, p.regionCode);
      return {
        demand: this.toDemandReview(run, p, decisions.get(demandId), this.demandMap(run.cycleId, p.regionCode, [demandId]), new Map()),
        region: this.regionSummary(runId, p.regionCode, proposals, decisions),
      };
    });
  }

  /** The county hands its review to the city: every proposed pair must have a decision. */
  submitRegion(runId: string, region: string, by: ReviewActor): RegionSummary {
    return this.deps.reviews.transaction(() => {
      this.completedRun(runId);
      const proposals = this.regionProposals(runId, region);
      const current = this.deps.reviews.getRegionReview(runId, region);
      const state = current?.status ?? 'open';
      if (!DECIDABLE.includes(state)) throw regionLocked(state);
      const decisions = this.decisionMap(runId);
      const pending = proposals.filter((p) => p.expertExternalId && statusOf(decisions.get(p.demandExternalId)) === 'pending').map((p) => p.demandExternalId);
      if (pending.length) {
        throw new AppError('REVIEW_INCOMPLETE', `还有 ${pending.length} 条推荐未审核（通过、驳回或替换），审核完毕后才能提交`, { pending });
      }
      return this.changeRegion(
        runId,
        region,
        current,
        {
          status: 'submitted',
          submittedBy: by.actor,
          submittedAt: this.now(),
          decidedBy: null,
          decidedAt: null,
          note: null,
        },
        by,
        'review.submit',
        null,
      );
    });
  }

  /** The city administrator accepts a submitted region; it is final. */
  confirmRegion(runId: string, region: string, by: ReviewActor, note?: string): RegionSummary {
    return this.cityDecision(runId, region, by, 'confirmed', note?.trim() || null);
  }

  /** The city administrator sends a submitted region back to the county with a note; decisions reopen. */
  returnRegion(runId: string, region: string, note: string, by: ReviewActor): RegionSummary {
    const trimmed = note.trim();
    if (!trimmed) throw new AppError('NOTE_REQUIRED', '退回时必须填写意见');
    return this.cityDecision(runId, region, by, 'returned', trimmed);
  }

  /** The review entries of one region of one run, newest first. */
  listAudit(runId: string, region: string, limit = 200): AuditEntry[] {
    this.completedRun(runId);
    return this.deps.audit.listByEntityPrefix({ entities: REVIEW_AUDIT_ENTITIES, regionCode: region, prefix: `${runId}/`, limit });
  }

  private cityDecision(runId: string, region: string, by: ReviewActor, status: 'confirmed' | 'returned', note: string | null): RegionSummary {
    return this.deps.reviews.transaction(() => {
      this.completedRun(runId);
      this.regionProposals(runId, region);
      const current = this.deps.reviews.getRegionReview(runId, region);
      const state = current?.status ?? 'open';
      if (state !== 'submitted') {
        throw new AppError('REGION_NOT_SUBMITTED', `本区县审核状态为“${REGION_STATUS_LABELS[state]}”，只有已提交的审核结果才能确认或退回`, { status: state });
      }
      const decidedAt = this.now();
      // Confirmation makes the pairs facts: "currently serving" and one-expert-one-enterprise read placements.
      const serviceRecords = status === 'confirmed' ? this.recordService(runId, region, decidedAt, by) : undefined;
      return this.changeRegion(
        runId,
        region,
        current,
        {
          status,
          submittedBy: current!.submittedBy,
          submittedAt: current!.submittedAt,
          decidedBy: by.actor,
          decidedAt,
          note,
        },
        by,
        status === 'confirmed' ? 'review.confirm' : 'review.return',
        note,
        serviceRecords && { serviceRecords },
      );
    });
  }

  private changeRegion(
    runId: string,
    region: string,
    current: RegionReviewRow | undefined,
    next: Omit<RegionReviewRow, 'runId' | 'regionCode'>,
    by: ReviewActor,
    action: string,
    note: string | null,
    extra?: Record<string, unknown>,
  ): RegionSummary {
    const before = current ? regionSnapshot(current) : { status: 'open' };
    const saved = this.deps.reviews.saveRegionReview({ runId, regionCode: region, ...next });
    this.deps.audit.append({
      ...by,
      action,
      entity: 'region_review',
      entityId: `${runId}/${region}`,
      regionCode: region,
      before,
      after: { ...regionSnapshot(saved), ...extra },
      note,
    });
    return this.regionSummary(runId, region, this.regionProposals(runId, region), this.decisionMap(runId));
  }

  /**
   * Every approved or swapped demand of the region becomes a placement of its expert, starting on the
   * confirmation day in China, for the profile's term. Runs in the caller's transaction: the placements commit
   * with the confirmation and its audit entry, or not at all.
   */
  private recordService(runId: string, region: string, decidedAt: string, by: ReviewActor): RecordedService[] {
    const run = this.completedRun(runId);
    const decisions = this.decisionMap(runId);
    const startDate = todayInChina(new Date(decidedAt));
    const pairs: ConfirmedPair[] = [];
    for (const p of this.regionProposals(runId, region)) {
      const d = decisions.get(p.demandExternalId);
      if (!d || !isAssigned(d.status) || !d.expertExternalId) continue;
      pairs.push({
        runId,
        cycleId: run.cycleId,
        policy: run.policy,
        regionCode: region,
        demandId: p.demandExternalId,
        enterpriseCreditCode: p.enterpriseCreditCode,
        expertId: d.expertExternalId,
        startDate,
      });
    }
    return this.deps.placements.recordConfirmedPairs(pairs, by);
  }

  private completedRun(runId: string): StoredRun {
    const run = this.deps.runs.getRun(runId);
    if (!run) throw notFound('匹配批次', runId);
    if (run.status !== 'completed') throw new AppError('RUN_NOT_COMPLETED', `匹配批次 ${runId} 尚未完成，完成后才能审核`);
    return run;
  }

  /** Counties with demands in the run, and (county-level quotas) counties that got a quota row. */
  private regionCodes(run: StoredRun): string[] {
    const counties = this.deps.runs.listProposalRegions(run.id);
    const level = (run.params.allocation as { level?: QuotaLevel } | undefined)?.level ?? 'county';
    const byCounty = level === 'county' ? this.deps.runs.listQuotas(run.id).map((q) => q.regionCode) : [];
    return [...new Set([...counties, ...byCounty])].sort();
  }

  /** A county's counts, with the seats of the quota unit it draws on (shared with the other counties of that unit). */
  private summarizeIn(run: StoredRun, code: string, name: string, all: ProposalRow[], decisions: Map<string, DecisionRow>, state: RegionReviewRow | undefined): RegionSummary {
    const unit = seatUnitOf(run, code);
    const quota = this.deps.runs.listQuotas(run.id).find((q) => q.regionCode === unit);
    const summary = summarize(
      code,
      name,
      all.filter((p) => p.regionCode === code),
      decisions,
      quota,
      state,
    );
    return { ...summary, seatUnit: unit, seatsShared: unit !== code };
  }

  /** The region's proposal rows; 404 when the run has no demand of that region. */
  private regionProposals(runId: string, region: string): ProposalRow[] {
    const rows = this.deps.runs.proposalsOf(runId, region);
    if (rows.length === 0) throw notFound('本批次中该区县的需求', region);
    return rows;
  }

  private regionState(runId: string, region: string): RegionStatus {
    return this.deps.reviews.getRegionReview(runId, region)?.status ?? 'open';
  }

  private decisionMap(runId: string): Map<string, DecisionRow> {
    return new Map(this.deps.reviews.listDecisions(runId).map((d) => [d.demandExternalId, d]));
  }

  private regionNames(): Map<string, string> {
    return new Map(this.deps.reference.listRegions().map((r) => [r.code, r.name]));
  }

  private regionSummary(runId: string, region: string, proposals: ProposalRow[], decisions: Map<string, DecisionRow>): RegionSummary {
    const run = this.completedRun(runId);
    return this.summarizeIn(run, region, this.regionNames().get(region) ?? region, proposals, decisions, this.deps.reviews.getRegionReview(runId, region));
  }

  private demandMap(cycleId: string, region: string, ids: string[]): Map<string, Demand> {
    const map = new Map(this.deps.demands.listByCycle(cycleId, region).map((d) => [d.demand.externalId, d.demand]));
    // The run's region is a snapshot: an enterprise that moved county since is found through the cycle-wide list.
    if (ids.some((id) => !map.has(id))) for (const d of this.deps.demands.listByCycle(cycleId)) map.set(d.demand.externalId, d.demand);
    return map;
  }

  private candidateOf(parsed: Parsed, expertId: string | null): RankedCandidate | null {
    if (!expertId) return null;
    if (parsed.proposed?.expertId === expertId) return parsed.proposed;
    return parsed.alternates.find((a) => a.expertId === expertId) ?? parsed.pending.find((a) => a.expertId === expertId) ?? null;
  }

  private toDemandReview(run: StoredRun, p: ProposalRow, d: DecisionRow | undefined, demands: Map<string, Demand>, enterprises: Map<string, Enterprise | undefined>): DemandReview {
    const parsed: Parsed = p;
    const demand = demands.get(p.demandExternalId);
    if (!enterprises.has(p.enterpriseCreditCode)) enterprises.set(p.enterpriseCreditCode, this.deps.enterprises.getByCreditCode(p.enterpriseCreditCode));
    const ent = enterprises.get(p.enterpriseCreditCode);
    const decision: Decision = {
      status: statusOf(d),
      expertId: d && isAssigned(d.status) ? d.expertExternalId : null,
      reason: d?.reason ?? null,
      decidedBy: d?.decidedBy ?? null,
      decidedAt: d ? d.decidedAt : null,
    };
    return {
      demandId: p.demandExternalId,
      enterprise: {
        creditCode: p.enterpriseCreditCode,
        name: ent?.name ?? p.enterpriseCreditCode,
        industry: ent?.industry ?? null,
        employees: ent?.employees ?? null,
        revenue: ent?.revenue ?? null,
      },
      title: demand?.title ?? p.demandExternalId,
      expectedField: demand?.expectedField ?? '',
      problem: demand?.description ?? '',
      expectedCooperation: [demand?.cooperationModes.join('、'), demand?.expectedCooperation].filter(Boolean).join('：'),
      namedCandidates: (demand?.namedCandidates ?? []).map((c) => ({
        expertId: c.expertExternalId ?? null,
        name: c.name ?? null,
        institution: c.institution ?? null,
        agreed: c.agreed,
      })),
      proposed: parsed.proposed,
      unfilledReason: p.unfilledReason,
      alternates: parsed.alternates,
      excluded: parsed.excluded,
      pending: parsed.pending,
      checks: checkDemand(this.deps.policies, run, demand, p.demandExternalId),
      decision,
      assigned: this.candidateOf(parsed, decision.expertId),
    };
  }

  /** One expert serves one enterprise: nobody else in the run may hold the expert (pending proposals included). */
  private assertExpertFree(runId: string, demandId: string, expert: RankedCandidate, region: string): void {
    const decisions = this.decisionMap(runId);
    const holder = this.deps.runs.proposalsOf(runId).find((q) => q.demandExternalId !== demandId && heldExpert(q, decisions.get(q.demandExternalId)) === expert.expertId);
    if (holder) {
      // Another county's demand id is not this reviewer's business; its own county's is.
      const where = holder.regionCode === region ? `本区县需求 ${holder.demandExternalId}` : '其他区县的需求';
      throw new AppError('EXPERT_ALREADY_ASSIGNED', `专家 ${expert.name} 已推荐或分配给本批次${where}，一名专家只能服务一家企业`, {
        expertId: expert.expertId,
        ...(holder.regionCode === region ? { demandId: holder.demandExternalId } : {}),
      });
    }
  }

  /** Every hard rule of the run's policy, for this pair, under the cycle's context (previous cycles, current appointments). */
  private assertPairEligible(run: StoredRun, p: ProposalRow, expert: RankedCandidate): void {
    const ev = this.deps.policies.checkEligibility({
      policy: run.policy,
      cycle: run.cycleId,
      expertId: expert.expertId,
      demandId: p.demandExternalId,
      referenceDate: pinnedReferenceDate(run),
    });
    if (ev.eligible) return;
    if (ev.status === 'unknown') {
      const open = unknownHardRules(ev).map(toUnknownFlag);
      throw new AppError('SWAP_UNVERIFIED', `专家 ${expert.name} 尚有待核实的条件（缺少${factList(ev.missing)}），请先补录信息或记录核实结论`, {
        expertId: expert.expertId,
        failed: open,
      });
    }
    const failed = failedHardRules(ev).map(toPolicyFlag);
    throw new AppError('SWAP_RULE_FAILED', `专家 ${expert.name} 不符合选派条件：${failed.map((f) => f.message).join('；')}`, { expertId: expert.expertId, failed });
  }

  /** Seats are the quota unit's: the county's own, or shared with the other counties of its city or of the cycle. */
  private assertSeatFree(run: StoredRun, region: string): void {
    const unit = seatUnitOf(run, region);
    const seats = this.deps.runs.listQuotas(run.id).find((q) => q.regionCode === unit)?.seats ?? 0;
    const assigned = this.deps.reviews.listDecisions(run.id).filter((d) => seatUnitOf(run, d.regionCode) === unit && isAssigned(d.status)).length;
    if (assigned + 1 > seats) {
      const where = unit === region ? '本区县' : '本区县所在名额单位（与其他区县共用）';
      throw new AppError('QUOTA_EXCEEDED', `${where}名额为 ${seats} 个，已分配 ${assigned} 个，不能再增加；请先驳回其他推荐`, { seats, assigned, unit });
    }
  }
}

const toRunInfo = (r: StoredRun): RunInfo => toRunHeader(r);

/** Approving (or swapping in) a pair that passes only through a relaxation needs a written reason: the relaxation asks a person to judge. */
function requireReasonForRelaxed(c: RankedCandidate, reason: string | null): void {
  if (c.flags.length && !reason) {
    throw new AppError('REASON_REQUIRED', `${c.name} 通过放宽条件入选（${c.flags.map((f) => f.message).join('；')}），通过时必须填写理由`, {
      flags: c.flags.map((f) => ({ ruleId: f.ruleId, code: f.code, clause: f.clause })),
    });
  }
}

function summarize(
  code: string,
  name: string,
  proposals: ProposalRow[],
  decisions: Map<string, DecisionRow>,
  quota: RunQuotaRow | undefined,
  state: RegionReviewRow | undefined,
): Omit<RegionSummary, 'seatUnit' | 'seatsShared'> {
  const count = { approved: 0, swapped: 0, rejected: 0, pending: 0, unfilled: 0 };
  for (const p of proposals) {
    const s = statusOf(decisions.get(p.demandExternalId));
    if (s !== 'pending') count[s] += 1;
    else if (p.expertExternalId) count.pending += 1;
    else count.unfilled += 1;
  }
  const unverified = proposals.filter((p) => p.pending.length > 0 || p.unfilledCode === 'ENTERPRISE_UNVERIFIED').length;
  return {
    code,
    name,
    demands: proposals.length,
    seats: quota?.seats ?? 0,
    unverified,
    proposed: proposals.filter((p) => p.expertExternalId).length,
    assigned: count.approved + count.swapped,
    ...count,
    status: state?.status ?? 'open',
    submittedBy: state?.submittedBy ?? null,
    submittedAt: state?.submittedAt ?? null,
    decidedBy: state?.decidedBy ?? null,
    decidedAt: state?.decidedAt ?? null,
    note: state?.note ?? null,
  };
}

function snapshot(status: DecisionStatus, expert: RankedCandidate | null, reason: string | null) {
  return { status, expertId: expert?.expertId ?? null, expertName: expert?.name ?? null, reason };
}

function regionSnapshot(r: RegionReviewRow) {
  return { status: r.status, submittedBy: r.submittedBy, submittedAt: r.submittedAt, decidedBy: r.decidedBy, decidedAt: r.decidedAt, note: r.note };
}

function decisionNote(action: DecisionInput['action'], proposed: RankedCandidate | null, expert: RankedCandidate | null, reason: string | null): string {
  const who = (c: RankedCandidate | null) => (c ? `${c.name}（${c.expertId}）` : '无');
  if (action === 'approve') return `通过推荐专家 ${who(expert)}`;
  if (action === 'reject') return `驳回推荐专家 ${who(proposed)}：${reason ?? ''}`;
  return `推荐专家 ${who(proposed)} 替换为 ${who(expert)}${reason ? `：${reason}` : ''}`;
}
