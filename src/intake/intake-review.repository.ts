import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changeLog, demands, enterprises, experts, institutions, intakeReviews } from '../db/schema';

export type ReviewEntity = 'expert' | 'demand';
export type IntakeReviewStatus = (typeof intakeReviews.$inferSelect)['status'];
export type IntakeReviewRow = typeof intakeReviews.$inferSelect;
/** A form waiting in a county's queue: its review row with the business key and the county it belongs to. */
export type QueuedForm = IntakeReviewRow & { externalId: string; region: string | null };

/** The intake review state of demands and expert forms (one row per record). */
export class IntakeReviewRepository {
  constructor(private readonly db: Db) {}

  get(entity: ReviewEntity, entityId: number): IntakeReviewRow | undefined {
    return this.db
      .select()
      .from(intakeReviews)
      .where(and(eq(intakeReviews.entity, entity), eq(intakeReviews.entityId, entityId)))
      .get();
  }

  /**
   * Writes the state and bumps the change log, so the ranker's caches (which follow the change-log watermark)
   * drop a record that left or entered the pool.
   */
  save(row: IntakeReviewRow): void {
    this.db.transaction((tx) => {
      const { entity, entityId, ...rest } = row;
      tx.insert(intakeReviews)
        .values(row)
        .onConflictDoUpdate({ target: [intakeReviews.entity, intakeReviews.entityId], set: rest })
        .run();
      tx.insert(changeLog).values({ entity, entityId, op: 'upsert' }).run();
    });
  }

  /** The county a record belongs to (a demand's is its enterprise's), for the audit entry. */
  regionOf(entity: ReviewEntity, entityId: number): string | null {
    if (entity === 'expert') return this.db.select({ r: experts.regionCode }).from(experts).where(eq(experts.id, entityId)).get()?.r ?? null;
    return (
      this.db.select({ r: enterprises.regionCode }).from(demands).innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId)).where(eq(demands.id, entityId)).get()?.r ?? null
    );
  }

  /** Submitted forms, newest submission first; `region` limits them to one county (demands by their enterprise's county). */
  listSubmitted(opts: { region?: string; limit: number }): QueuedForm[] {
    const submitted = eq(intakeReviews.status, 'submitted');
    const demandRows = this.db
      .select({ r: intakeReviews, externalId: demands.externalId, region: enterprises.regionCode })
      .from(intakeReviews)
      .innerJoin(demands, and(eq(intakeReviews.entity, 'demand'), eq(demands.id, intakeReviews.entityId)))
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .where(opts.region ? and(submitted, eq(enterprises.regionCode, opts.region)) : submitted)
      .orderBy(desc(intakeReviews.submittedAt))
      .limit(opts.limit)
      .all();
    const expertRows = this.db
      .select({ r: intakeReviews, externalId: experts.externalId, region: experts.regionCode })
      .from(intakeReviews)
      .innerJoin(experts, and(eq(intakeReviews.entity, 'expert'), eq(experts.id, intakeReviews.entityId)))
      .where(opts.region ? and(submitted, eq(experts.regionCode, opts.region)) : submitted)
      .orderBy(desc(intakeReviews.submittedAt))
      .limit(opts.limit)
      .all();
    return [...demandRows, ...expertRows]
      .map((x) => ({ ...x.r, externalId: x.externalId, region: x.region }))
      .sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : a.externalId < b.externalId ? -1 : 1))
      .slice(0, opts.limit);
  }

  /** Other experts with the same name, institution and birth date: the same person filed twice. */
  findExpertDuplicates(e: { externalId: string; name: string; institution: string; birthDate: string }): string[] {
    return this.db
      .select({ externalId: experts.externalId })
      .from(experts)
      .innerJoin(institutions, eq(institutions.id, experts.institutionId))
      .where(and(eq(experts.name, e.name), eq(institutions.name, e.institution), eq(experts.birthDate, e.birthDate), ne(experts.externalId, e.externalId)))
      .orderBy(experts.externalId)
      .all()
      .map((r) => r.externalId);
  }

  countByStatus(entity: ReviewEntity): Record<string, number> {
    const rows = this.db
      .select({ status: intakeReviews.status, n: sql<number>`count(*)` })
      .from(intakeReviews)
      .where(eq(intakeReviews.entity, entity))
      .groupBy(intakeReviews.status)
      .all();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
