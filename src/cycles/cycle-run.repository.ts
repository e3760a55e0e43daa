import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { cycleRuns, demands, enterprises, experts, runProposals, runQuotas, runRankings } from '../db/schema';
import { excludedCandidateSchema, rankedCandidateSchema, type ExcludedCandidate, type RankedCandidate } from '../ranking/ranking.schema';
import { AppError } from '../shared/errors';
import { toFieldErrors } from '../shared/zod-issues';
import { cycleRunSummarySchema, type CycleRunSummary, type RunInfo, unfilledCodeSchema } from './cycle-run.schema';
import type { UnfilledCode } from './unfilled-reasons';

type CycleRunRow = typeof cycleRuns.$inferSelect;
type RunProposalRow = typeof runProposals.$inferSelect;
export type RunQuotaRow = typeof runQuotas.$inferSelect;
export type RunProposalInsert = typeof runProposals.$inferInsert;
export type RunQuotaInsert = typeof runQuotas.$inferInsert;

/** A run as stored, its JSON columns parsed: the read API's RunInfo plus what the batch needs to resume. */
export type StoredRun = RunInfo & { seq: number | null; abandonReason: string | null; summary: CycleRunSummary | null };

/** One demand's proposal in a completed run, its JSON columns parsed against the ranking contract. */
export type RunProposal = Omit<RunProposalRow, 'proposed' | 'alternates' | 'excluded' | 'unfilledCode'> & {
  proposed: RankedCandidate | null;
  alternates: RankedCandidate[];
  excluded: ExcludedCandidate[];
  unfilledCode: UnfilledCode | null;
};

/** One demand's ranked candidates within a run: the resumability checkpoint. */
export type RankingCheckpoint = { demandId: string; candidates: RankedCandidate[]; excluded: ExcludedCandidate[] };

/** Content hashes of everything a run reads, sorted by key: the material of the input hash. */
export type InputFingerprint = {
  demands: Array<[string, string]>;
  enterprises: Array<[string, string]>;
  experts: Array<[string, string]>;
};

const CHUNK = 400;
const candidatesSchema = z.array(rankedCandidateSchema);
const excludedListSchema = z.array(excludedCandidateSchema);
const paramsSchema = z.record(z.string(), z.unknown());
const timingsSchema = z.record(z.string(), z.number()).nullable();

/** Stored JSON is read through its schema: a row that does not match is a bug upstream, said plainly (500). */
function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: () => string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('RUN_DATA_INVALID', `${what()}数据不符合格式`, toFieldErrors(r.error.issues.slice(0, 5)));
  return r.data;
}

/** The one mapping of a cycle_runs row to what readers see (an abandoned run reads as 'abandoned'). */
export function toStoredRun(r: CycleRunRow): StoredRun {
  const where = () => `批次 ${r.id} 的`;
  return {
    id: r.id,
    cycleId: r.cycleId,
    policy: r.policy,
    seats: r.seats,
    status: r.abandonedAt ? 'abandoned' : r.status,
    params: parseStored(paramsSchema, r.params, () => `${where()}参数`),
    inputHash: r.inputHash,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt ?? null,
    abandonedAt: r.abandonedAt ?? null,
    timings: parseStored(timingsSchema, r.timings ?? null, () => `${where()}耗时`),
    seq: r.seq ?? null,
    abandonReason: r.abandonReason ?? null,
    summary: r.status === 'completed' && r.summary != null ? parseStored(cycleRunSummarySchema, r.summary, () => `${where()}汇总`) : null,
  };
}

function toProposal(p: RunProposalRow): RunProposal {
  const what = (part: string) => () => `批次 ${p.runId} 中需求 ${p.demandExternalId} 的${part}`;
  return {
    ...p,
    proposed: p.proposed == null ? null : parseStored(rankedCandidateSchema, p.proposed, what('推荐专家')),
    alternates: parseStored(candidatesSchema, p.alternates, what('备选专家')),
    excluded: parseStored(excludedListSchema, p.excluded, what('排除专家')),
    unfilledCode: p.unfilledCode == null ? null : parseStored(unfilledCodeSchema, p.unfilledCode, what('未匹配原因')),
  };
}

/**
 * The one owner of the run tables (cycle_runs, run_rankings, run_quotas, run_proposals): the batch writes them,
 * the read API and county review read them here. Completed runs are only ever read; the single write that
 * completes a run (quotas + proposals + status + summary) is one transaction. Stored JSON is parsed with zod.
 */
export class CycleRunRepository {
  constructor(private readonly db: Db) {}

  getRun(runId: string): StoredRun | undefined {
    const row = this.db.select().from(cycleRuns).where(eq(cycleRuns.id, runId)).get();
    return row && toStoredRun(row);
  }

  /** Runs of a cycle, newest first. */
  listRuns(cycleId: string): StoredRun[] {
    return this.db
      .select()
      .from(cycleRuns)
      .where(eq(cycleRuns.cycleId, cycleId))
      .orderBy(desc(sql`coalesce(${cycleRuns.seq}, 0)`), desc(cycleRuns.startedAt), desc(cycleRuns.id))
      .all()
      .map(toStoredRun);
  }

  /** Completed runs of every cycle, newest first (the review dashboard). */
  listCompletedRuns(): StoredRun[] {
    return this.db
      .select()
      .from(cycleRuns)
      .where(eq(cycleRuns.status, 'completed'))
      .orderBy(desc(cycleRuns.finishedAt), desc(cycleRuns.startedAt), desc(cycleRuns.id))
      .all()
      .map(toStoredRun);
  }

  latestCompleted(cycleId: string): StoredRun | undefined {
    const row = this.db
      .select()
      .from(cycleRuns)
      .where(and(eq(cycleRuns.cycleId, cycleId), eq(cycleRuns.status, 'completed')))
      .orderBy(desc(sql`coalesce(${cycleRuns.seq}, 0)`), desc(cycleRuns.finishedAt), desc(cycleRuns.id))
      .limit(1)
      .get();
    return row && toStoredRun(row);
  }

  /** Started, neither completed nor abandoned: candidates for resuming. */
  listResumable(cycleId: string): StoredRun[] {
    return this.db
      .select()
      .from(cycleRuns)
      .where(and(eq(cycleRuns.cycleId, cycleId), eq(cycleRuns.status, 'running'), isNull(cycleRuns.abandonedAt)))
      .orderBy(asc(cycleRuns.startedAt), asc(cycleRuns.id))
      .all()
      .map(toStoredRun);
  }

  /** The next N of `<cycle>-r<N>`; runs written without a seq (fixtures, imports) still count. */
  nextSeq(cycleId: string): number {
    const row = this.db
      .select({ maxSeq: sql<number | null>`max(${cycleRuns.seq})`, n: count() })
      .from(cycleRuns)
      .where(eq(cycleRuns.cycleId, cycleId))
      .get();
    return Math.max(row?.maxSeq ?? 0, row?.n ?? 0) + 1;
  }

  insertRun(run: { id: string; cycleId: string; policy: string; seats: number; params: Record<string, unknown>; inputHash: string; seq: number; startedAt: string }): void {
    this.db
      .insert(cycleRuns)
      .values({ ...run, status: 'running' })
      .run();
  }

  markAbandoned(runId: string, at: string, reason: string): boolean {
    const res = this.db
      .update(cycleRuns)
      .set({ abandonedAt: at, abandonReason: reason })
      .where(and(eq(cycleRuns.id, runId), eq(cycleRuns.status, 'running'), isNull(cycleRuns.abandonedAt)))
      .run();
    return res.changes > 0;
  }

  loadCheckpoints(runId: string): Map<string, RankingCheckpoint> {
    const rows = this.db.select().from(runRankings).where(eq(runRankings.runId, runId)).all();
    return new Map(
      rows.map((r) => [
        r.demandExternalId,
        {
          demandId: r.demandExternalId,
          candidates: parseStored(candidatesSchema, r.candidates, () => `批次 ${runId} 中需求 ${r.demandExternalId} 的排序`),
          excluded: parseStored(excludedListSchema, r.excluded, () => `批次 ${runId} 中需求 ${r.demandExternalId} 的排除专家`),
        },
      ]),
    );
  }

  /** One transaction; a demand already checkpointed keeps its first ranking (INSERT OR IGNORE by primary key). */
  saveCheckpoints(runId: string, list: RankingCheckpoint[]): void {
    if (list.length === 0) return;
    this.db.transaction((tx) => {
      for (let i = 0; i < list.length; i += CHUNK) {
        tx.insert(runRankings)
          .values(
            list.slice(i, i + CHUNK).map((c) => ({
              runId,
              demandExternalId: c.demandId,
              candidates: c.candidates,
              excluded: c.excluded,
            })),
          )
          .onConflictDoNothing()
          .run();
      }
    });
  }

  /**
   * Quotas, proposals, status, summary and timings in one transaction, and only if the run is still running
   * and not abandoned — so a run is completed at most once and a completed run is never rewritten.
   */
  complete(
    runId: string,
    result: {
      quotas: RunQuotaInsert[];
      proposals: RunProposalInsert[];
      summary: unknown;
      timings: Record<string, number>;
      finishedAt: string;
    },
  ): void {
    this.db.transaction((tx) => {
      const res = tx
        .update(cycleRuns)
        .set({ status: 'completed', summary: result.summary, timings: result.timings, finishedAt: result.finishedAt })
        .where(and(eq(cycleRuns.id, runId), eq(cycleRuns.status, 'running'), isNull(cycleRuns.abandonedAt)))
        .run();
      if (res.changes !== 1) throw new Error(`run ${runId} is not running any more (completed or abandoned elsewhere)`);
      for (let i = 0; i < result.quotas.length; i += CHUNK)
        tx.insert(runQuotas)
          .values(result.quotas.slice(i, i + CHUNK))
          .run();
      for (let i = 0; i < result.proposals.length; i += CHUNK)
        tx.insert(runProposals)
          .values(result.proposals.slice(i, i + CHUNK))
          .run();
    });
  }

  listQuotas(runId: string): RunQuotaRow[] {
    return this.db.select().from(runQuotas).where(eq(runQuotas.runId, runId)).orderBy(asc(runQuotas.regionCode)).all();
  }

  /** Regions that have proposals in the run (a region may lack a quota row when it got no seats). */
  listProposalRegions(runId: string): string[] {
    return this.db
      .selectDistinct({ code: runProposals.regionCode })
      .from(runProposals)
      .where(eq(runProposals.runId, runId))
      .orderBy(asc(runProposals.regionCode))
      .all()
      .map((r) => r.code);
  }

  /** The proposals of a run (or of one region of it), by demand id. */
  proposalsOf(runId: string, regionCode?: string): RunProposal[] {
    return this.db
      .select()
      .from(runProposals)
      .where(regionCode ? and(eq(runProposals.runId, runId), eq(runProposals.regionCode, regionCode)) : eq(runProposals.runId, runId))
      .orderBy(asc(runProposals.demandExternalId))
      .all()
      .map(toProposal);
  }

  getProposal(runId: string, demandId: string): RunProposal | undefined {
    const row = this.db
      .select()
      .from(runProposals)
      .where(and(eq(runProposals.runId, runId), eq(runProposals.demandExternalId, demandId)))
      .get();
    return row && toProposal(row);
  }

  /** A page of a run's proposals by region, then demand (the read API). */
  listProposals(runId: string, opts: { region?: string; unfilled?: boolean; limit?: number; offset?: number } = {}): { total: number; items: RunProposal[] } {
    const where = and(
      eq(runProposals.runId, runId),
      opts.region ? eq(runProposals.regionCode, opts.region) : undefined,
      opts.unfilled === undefined ? undefined : opts.unfilled ? isNull(runProposals.expertExternalId) : sql`${runProposals.expertExternalId} is not null`,
    );
    const total = this.db.select({ n: count() }).from(runProposals).where(where).get()?.n ?? 0;
    let q = this.db.select().from(runProposals).where(where).orderBy(asc(runProposals.regionCode), asc(runProposals.demandExternalId)).$dynamic();
    if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
    return { total, items: q.all().map(toProposal) };
  }

  /**
   * (key, content hash) of the cycle's demands, their enterprises and every expert, sorted by key. Content
   * hashes are kept by the intake repositories, so this is three narrow queries, not a load of all records.
   */
  fingerprint(cycleId: string): InputFingerprint {
    const demandRows = this.db
      .select({ key: demands.externalId, hash: demands.contentHash, enterpriseId: demands.enterpriseId })
      .from(demands)
      .where(eq(demands.cycleId, cycleId))
      .all();
    const enterpriseIds = [...new Set(demandRows.map((d) => d.enterpriseId))];
    const enterpriseRows: Array<[string, string]> = [];
    for (let i = 0; i < enterpriseIds.length; i += CHUNK) {
      for (const r of this.db
        .select({ key: enterprises.creditCode, hash: enterprises.contentHash })
        .from(enterprises)
        .where(inArray(enterprises.id, enterpriseIds.slice(i, i + CHUNK)))
        .all())
        enterpriseRows.push([r.key, r.hash]);
    }
    const expertRows = this.db.select({ key: experts.externalId, hash: experts.contentHash }).from(experts).all();
    const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    return {
      demands: demandRows.map((d): [string, string] => [d.key, d.hash]).sort(byKey),
      enterprises: enterpriseRows.sort(byKey),
      experts: expertRows.map((r): [string, string] => [r.key, r.hash]).sort(byKey),
    };
  }

  /** Internal ids of experts by external id (to load the records of ranked candidates in batches). */
  expertIdsByExternalId(externalIds: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const unique = [...new Set(externalIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      for (const r of this.db
        .select({ id: experts.id, key: experts.externalId })
        .from(experts)
        .where(inArray(experts.externalId, unique.slice(i, i + CHUNK)))
        .all())
        out.set(r.key, r.id);
    }
    return out;
  }
}
