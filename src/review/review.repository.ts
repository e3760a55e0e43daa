import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog, cycleRuns, regionReviews, reviewDecisions, runProposals, runQuotas } from '../db/schema';

export type RunRow = typeof cycleRuns.$inferSelect;
export type QuotaRow = typeof runQuotas.$inferSelect;
export type ProposalRow = typeof runProposals.$inferSelect;
export type DecisionRow = typeof reviewDecisions.$inferSelect;
export type RegionReviewRow = typeof regionReviews.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export const REVIEW_AUDIT_ENTITIES = ['review_decision', 'region_review', 'fact_verification', 'fact_entry'] as const;

/**
 * Review state over a run: the run's own tables (cycle_runs, run_quotas, run_proposals) are only read —
 * a completed run is immutable — while review_decisions and region_reviews are written here.
 */
export class ReviewRepository {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one SQLite transaction (checks, writes and the audit entry commit together or not at all). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }

  getRun(runId: string): RunRow | undefined {
    return this.db.select().from(cycleRuns).where(eq(cycleRuns.id, runId)).get();
  }

  /** Completed runs, newest first. */
  listCompletedRuns(): RunRow[] {
    return this.db.select().from(cycleRuns).where(eq(cycleRuns.status, 'completed'))
      .orderBy(desc(cycleRuns.finishedAt), desc(cycleRuns.startedAt), desc(cycleRuns.id)).all();
  }

  listQuotas(runId: string): QuotaRow[] {
    return this.db.select().from(runQuotas).where(eq(runQuotas.runId, runId)).orderBy(asc(runQuotas.regionCode)).all();
  }

  /** Regions that have proposals in the run (a region may lack a quota row when it got no seats). */
  listProposalRegions(runId: string): string[] {
    return this.db.selectDistinct({ code: runProposals.regionCode }).from(runProposals)
      .where(eq(runProposals.runId, runId)).orderBy(asc(runProposals.regionCode)).all().map((r) => r.code);
  }

  listProposals(runId: string, regionCode?: string): ProposalRow[] {
    return this.db.select().from(runProposals)
      .where(regionCode ? and(eq(runProposals.runId, runId), eq(runProposals.regionCode, regionCode)) : eq(runProposals.runId, runId))
      .orderBy(asc(runProposals.demandExternalId)).all();
  }

  getProposal(runId: string, demandId: string): ProposalRow | undefined {
    return this.db.select().from(runProposals)
      .where(and(eq(runProposals.runId, runId), eq(runProposals.demandExternalId, demandId))).get();
  }

  listDecisions(runId: string, regionCode?: string): DecisionRow[] {
    return this.db.select().from(reviewDecisions)
      .where(regionCode ? and(eq(reviewDecisions.runId, runId), eq(reviewDecisions.regionCode, regionCode)) : eq(reviewDecisions.runId, runId))
      .all();
  }

  getDecision(runId: string, demandId: string): DecisionRow | undefined {
    return this.db.select().from(reviewDecisions)
      .where(and(eq(reviewDecisions.runId, runId), eq(reviewDecisions.demandExternalId, demandId))).get();
  }

  saveDecision(d: Omit<DecisionRow, 'decidedAt'> & { decidedAt: string }): DecisionRow {
    const { runId, demandExternalId, ...rest } = d;
    return this.db.insert(reviewDecisions).values(d)
      .onConflictDoUpdate({ target: [reviewDecisions.runId, reviewDecisions.demandExternalId], set: rest })
      .returning().get();
  }

  listRegionReviews(runId: string, regionCodes?: string[]): RegionReviewRow[] {
    const where = regionCodes ? and(eq(regionReviews.runId, runId), inArray(regionReviews.regionCode, regionCodes)) : eq(regionReviews.runId, runId);
    return this.db.select().from(regionReviews).where(where).all();
  }

  getRegionReview(runId: string, regionCode: string): RegionReviewRow | undefined {
    return this.db.select().from(regionReviews)
      .where(and(eq(regionReviews.runId, runId), eq(regionReviews.regionCode, regionCode))).get();
  }

  saveRegionReview(r: RegionReviewRow): RegionReviewRow {
    const { runId, regionCode, ...rest } = r;
    return this.db.insert(regionReviews).values(r)
      .onConflictDoUpdate({ target: [regionReviews.runId, regionReviews.regionCode], set: rest })
      .returning().get();
  }

  /**
   * The review entries of one region of one run, newest first. Read here rather than through the audit
   * repository because it filters on the `<runId>/` entity-id prefix; audit_log is never written here.
   */
  listRegionAudit(runId: string, regionCode: string, limit: number): AuditRow[] {
    const prefix = `${runId}/`;
    return this.db.select().from(auditLog).where(and(
      inArray(auditLog.entity, [...REVIEW_AUDIT_ENTITIES]),
      eq(auditLog.regionCode, regionCode),
      // substr, not LIKE: a run id may contain '_' (a LIKE wildcard).
      sql`substr(${auditLog.entityId}, 1, ${prefix.length}) = ${prefix}`,
    )).orderBy(desc(auditLog.id)).limit(limit).all();
  }
}
