import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { regionReviews, reviewDecisions } from '../db/schema';

export type DecisionRow = typeof reviewDecisions.$inferSelect;
export type RegionReviewRow = typeof regionReviews.$inferSelect;

export const REVIEW_AUDIT_ENTITIES = ['review_decision', 'region_review'] as const;

/**
 * Review state over a run: review_decisions and region_reviews. The run's own tables belong to
 * CycleRunRepository (a completed run is immutable and only read here, through it).
 */
export class ReviewRepository {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one SQLite transaction (checks, writes and the audit entry commit together or not at all). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }

  listDecisions(runId: string, regionCode?: string): DecisionRow[] {
    return this.db
      .select()
      .from(reviewDecisions)
      .where(regionCode ? and(eq(reviewDecisions.runId, runId), eq(reviewDecisions.regionCode, regionCode)) : eq(reviewDecisions.runId, runId))
      .all();
  }

  getDecision(runId: string, demandId: string): DecisionRow | undefined {
    return this.db
      .select()
      .from(reviewDecisions)
      .where(and(eq(reviewDecisions.runId, runId), eq(reviewDecisions.demandExternalId, demandId)))
      .get();
  }

  saveDecision(d: Omit<DecisionRow, 'decidedAt'> & { decidedAt: string }): DecisionRow {
    const { runId, demandExternalId, ...rest } = d;
    return this.db
      .insert(reviewDecisions)
      .values(d)
      .onConflictDoUpdate({ target: [reviewDecisions.runId, reviewDecisions.demandExternalId], set: rest })
      .returning()
      .get();
  }

  listRegionReviews(runId: string, regionCodes?: string[]): RegionReviewRow[] {
    const where = regionCodes ? and(eq(regionReviews.runId, runId), inArray(regionReviews.regionCode, regionCodes)) : eq(regionReviews.runId, runId);
    return this.db.select().from(regionReviews).where(where).all();
  }

  getRegionReview(runId: string, regionCode: string): RegionReviewRow | undefined {
    return this.db
      .select()
      .from(regionReviews)
      .where(and(eq(regionReviews.runId, runId), eq(regionReviews.regionCode, regionCode)))
      .get();
  }

  saveRegionReview(r: RegionReviewRow): RegionReviewRow {
    const { runId, regionCode, ...rest } = r;
    return this.db
      .insert(regionReviews)
      .values(r)
      .onConflictDoUpdate({ target: [regionReviews.runId, regionReviews.regionCode], set: rest })
      .returning()
      .get();
  }
}
