import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { placementEvaluations, placementOutcomes, placementServiceLogs } from '../db/schema';

export type ServiceLogRow = typeof placementServiceLogs.$inferSelect;
export type OutcomeRow = typeof placementOutcomes.$inferSelect;
export type EvaluationRow = typeof placementEvaluations.$inferSelect;

/** What happens during a placement: the service log, the outcomes and the evaluations (one table family). */
export class PlacementActivityRepository {
  constructor(private readonly db: Db) {}

  logsOf(placementIds: readonly number[]): ServiceLogRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementServiceLogs)
      .where(inArray(placementServiceLogs.placementId, [...placementIds]))
      .orderBy(asc(placementServiceLogs.date), asc(placementServiceLogs.id))
      .all();
  }

  getLog(placementId: number, id: number): ServiceLogRow | undefined {
    return this.db
      .select()
      .from(placementServiceLogs)
      .where(and(eq(placementServiceLogs.placementId, placementId), eq(placementServiceLogs.id, id)))
      .get();
  }

  insertLog(row: typeof placementServiceLogs.$inferInsert): ServiceLogRow {
    return this.db.insert(placementServiceLogs).values(row).returning().get();
  }

  updateLog(id: number, patch: Partial<Omit<ServiceLogRow, 'id' | 'placementId'>>): ServiceLogRow {
    return this.db.update(placementServiceLogs).set(patch).where(eq(placementServiceLogs.id, id)).returning().get();
  }

  outcomesOf(placementIds: readonly number[]): OutcomeRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementOutcomes)
      .where(inArray(placementOutcomes.placementId, [...placementIds]))
      .orderBy(asc(placementOutcomes.date), asc(placementOutcomes.id))
      .all();
  }

  insertOutcome(row: typeof placementOutcomes.$inferInsert): OutcomeRow {
    return this.db.insert(placementOutcomes).values(row).returning().get();
  }

  evaluationsOf(placementIds: readonly number[]): EvaluationRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementEvaluations)
      .where(inArray(placementEvaluations.placementId, [...placementIds]))
      .orderBy(asc(placementEvaluations.kind), asc(placementEvaluations.year))
      .all();
  }

  getEvaluation(placementId: number, id: number): EvaluationRow | undefined {
    return this.db
      .select()
      .from(placementEvaluations)
      .where(and(eq(placementEvaluations.placementId, placementId), eq(placementEvaluations.id, id)))
      .get();
  }

  findEvaluation(placementId: number, kind: EvaluationRow['kind'], year: number): EvaluationRow | undefined {
    return this.db
      .select()
      .from(placementEvaluations)
      .where(and(eq(placementEvaluations.placementId, placementId), eq(placementEvaluations.kind, kind), eq(placementEvaluations.year, year)))
      .get();
  }

  insertEvaluation(row: typeof placementEvaluations.$inferInsert): EvaluationRow {
    return this.db.insert(placementEvaluations).values(row).returning().get();
  }

  updateEvaluation(id: number, patch: Partial<Omit<EvaluationRow, 'id' | 'placementId'>>): EvaluationRow {
    return this.db.update(placementEvaluations).set(patch).where(eq(placementEvaluations.id, id)).returning().get();
  }
}
