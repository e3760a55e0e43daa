import type { ReferenceRepository } from '../intake/reference.repository';
import { AppError, notFound } from '../shared/errors';
import type { CycleRunRepository, RunProposal, StoredRun } from './cycle-run.repository';
import type { AssignmentItem, CycleRunSummary, RunInfo } from './cycle-run.schema';

export type RunDetail = RunInfo & { summary: CycleRunSummary | null };
export type AssignmentList = { run: RunInfo; total: number; items: AssignmentItem[] };
export type AssignmentQuery = { run?: string; region?: string; unfilled?: boolean; limit: number; offset: number };

/** Reads stored cycle runs for the API. `region` narrows to one county (a reviewer's scope). */
export class CycleRunReader {
  constructor(
    private readonly deps: { runs: Pick<CycleRunRepository, 'getRun' | 'listRuns' | 'latestCompleted' | 'listProposals'>; reference: Pick<ReferenceRepository, 'getCycle'> },
  ) {}

  listRuns(cycleId: string): RunInfo[] {
    this.requireCycle(cycleId);
    return this.deps.runs.listRuns(cycleId).map(toRunInfo);
  }

  getRun(cycleId: string, runId: string, region?: string): RunDetail {
    const run = this.requireRun(cycleId, runId);
    const summary = run.status === 'completed' ? run.summary : null;
    return { ...toRunInfo(run), summary: summary && region !== undefined ? narrowSummary(summary, region) : summary };
  }

  /** The proposed pairs (and the reasons where there is none) of the chosen run, or of the latest completed one. */
  listAssignments(cycleId: string, q: AssignmentQuery): AssignmentList {
    let run: StoredRun | undefined;
    if (q.run) {
      run = this.requireRun(cycleId, q.run);
      if (run.status !== 'completed') {
        throw new AppError('RUN_NOT_COMPLETED', `匹配批次 ${run.id} 尚未完成（${toRunInfo(run).status}），没有推荐结果`, { status: toRunInfo(run).status });
      }
    } else {
      this.requireCycle(cycleId);
      run = this.deps.runs.latestCompleted(cycleId);
      if (!run) throw notFound('该周期已完成的匹配批次', cycleId);
    }
    const page = this.deps.runs.listProposals(run.id, { region: q.region, unfilled: q.unfilled, limit: q.limit, offset: q.offset });
    return { run: toRunInfo(run), total: page.total, items: page.items.map(toItem) };
  }

  private requireCycle(cycleId: string): void {
    if (!this.deps.reference.getCycle(cycleId)) throw notFound('选派周期', cycleId);
  }

  private requireRun(cycleId: string, runId: string): StoredRun {
    const run = this.deps.runs.getRun(runId);
    if (!run || run.cycleId !== cycleId) throw notFound('匹配批次', runId);
    return run;
  }
}

/** The stored run without what the read API does not show (the summary travels separately, seq and reason stay in). */
function toRunInfo(r: StoredRun): RunInfo {
  return {
    id: r.id,
    cycleId: r.cycleId,
    policy: r.policy,
    seats: r.seats,
    status: r.status,
    params: r.params,
    inputHash: r.inputHash,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    abandonedAt: r.abandonedAt,
    timings: r.timings,
  };
}

/** A county's view of the city-wide summary: its own region and pairs; the totals stay city-wide. */
function narrowSummary(s: CycleRunSummary, region: string): CycleRunSummary {
  return { ...s, regions: s.regions.filter((r) => r.region === region), assignments: s.assignments.filter((a) => a.region === region) };
}

function toItem(p: RunProposal): AssignmentItem {
  return {
    demandId: p.demandExternalId,
    enterpriseCreditCode: p.enterpriseCreditCode,
    region: p.regionCode,
    expertId: p.expertExternalId,
    score: p.score,
    namedAgreed: p.namedAgreed,
    proposed: p.proposed,
    alternates: p.alternates,
    excluded: p.excluded,
    unfilled: p.expertExternalId === null && p.unfilledCode ? { code: p.unfilledCode, reason: p.unfilledReason ?? '', details: p.unfilledDetails ?? {} } : null,
  };
}
