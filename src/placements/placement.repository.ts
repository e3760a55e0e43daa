import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changeLog, enterprises, experts, placementAgreements, placementDocuments, placementRenewals, placements, placementTerminations } from '../db/schema';

export type PlacementRow = typeof placements.$inferSelect;
export type NewPlacementRow = typeof placements.$inferInsert;
/** A placement with the names the pages show (the expert's from experts, the enterprise's when it is on file). */
export type PlacementView = PlacementRow & { expertExternalId: string; expertName: string; enterpriseName: string | null };
export type DocumentRow = typeof placementDocuments.$inferSelect;
export type AgreementRow = typeof placementAgreements.$inferSelect;
export type TerminationRow = typeof placementTerminations.$inferSelect;
export type RenewalRow = typeof placementRenewals.$inferSelect;

export type PlacementFilter = {
  kind?: PlacementRow['kind'];
  regions?: readonly string[];
  state?: PlacementRow['state'];
  expertExternalId?: string;
  enterpriseCreditCode?: string;
  cycleId?: string;
  ids?: readonly number[];
};

/** The placements and their agreement, documents, termination and renewal (one table family). */
export class PlacementRepository {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one SQLite transaction (a savepoint inside the caller's). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }

  insert(row: NewPlacementRow): PlacementRow {
    return this.db.insert(placements).values(row).returning().get();
  }

  update(id: number, patch: Partial<Omit<PlacementRow, 'id'>>): PlacementRow {
    return this.db
      .update(placements)
      .set({ ...patch, updatedAt: new Date().toISOString() })
      .where(eq(placements.id, id))
      .returning()
      .get();
  }

  get(id: number): PlacementView | undefined {
    return this.select(eq(placements.id, id))[0];
  }

  list(filter: PlacementFilter, page?: { limit: number; offset: number }): { total: number; items: PlacementView[] } {
    const where = this.where(filter);
    const total = this.db
      .select({ n: sql<number>`count(*)` })
      .from(placements)
      .innerJoin(experts, eq(experts.id, placements.expertId))
      .where(where)
      .get()!.n;
    return { total, items: this.select(where, page) };
  }

  /** Internal id of an expert by external id. */
  expertIdOf(externalId: string): number | undefined {
    return this.db.select({ id: experts.id }).from(experts).where(eq(experts.externalId, externalId)).get()?.id;
  }

  /** A placement (programme or declared) of the expert for the enterprise in the cycle, if any. */
  findForCycle(expertId: number, creditCode: string, cycleId: string): PlacementRow | undefined {
    return this.db
      .select()
      .from(placements)
      .where(and(eq(placements.expertId, expertId), eq(placements.enterpriseCreditCode, creditCode), eq(placements.cycleId, cycleId)))
      .get();
  }

  /** The enterprise's county and name, when it is on file. */
  enterpriseOf(creditCode: string): { regionCode: string; name: string } | undefined {
    return this.db.select({ regionCode: enterprises.regionCode, name: enterprises.name }).from(enterprises).where(eq(enterprises.creditCode, creditCode)).get();
  }

  /** The expert's records changed for the rules (service history): caches keyed on the change log re-evaluate them. */
  touchExpert(expertId: number): void {
    this.db.insert(changeLog).values({ entity: 'expert', entityId: expertId, op: 'upsert' }).run();
  }

  insertDocument(row: typeof placementDocuments.$inferInsert): DocumentRow {
    return this.db.insert(placementDocuments).values(row).returning().get();
  }

  getDocument(placementId: number, id: number): DocumentRow | undefined {
    return this.db
      .select()
      .from(placementDocuments)
      .where(and(eq(placementDocuments.placementId, placementId), eq(placementDocuments.id, id)))
      .get();
  }

  documentsOf(placementIds: readonly number[]): DocumentRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementDocuments)
      .where(inArray(placementDocuments.placementId, [...placementIds]))
      .all();
  }

  agreementsOf(placementIds: readonly number[]): AgreementRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementAgreements)
      .where(inArray(placementAgreements.placementId, [...placementIds]))
      .all();
  }

  saveAgreement(row: AgreementRow): AgreementRow {
    const { placementId, ...rest } = row;
    return this.db.insert(placementAgreements).values(row).onConflictDoUpdate({ target: placementAgreements.placementId, set: rest }).returning().get();
  }

  terminationsOf(placementIds: readonly number[]): TerminationRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementTerminations)
      .where(inArray(placementTerminations.placementId, [...placementIds]))
      .all();
  }

  saveTermination(row: TerminationRow): TerminationRow {
    const { placementId, ...rest } = row;
    return this.db.insert(placementTerminations).values(row).onConflictDoUpdate({ target: placementTerminations.placementId, set: rest }).returning().get();
  }

  renewalsOf(placementIds: readonly number[]): RenewalRow[] {
    if (placementIds.length === 0) return [];
    return this.db
      .select()
      .from(placementRenewals)
      .where(inArray(placementRenewals.placementId, [...placementIds]))
      .all();
  }

  saveRenewal(row: RenewalRow): RenewalRow {
    const { placementId, ...rest } = row;
    return this.db.insert(placementRenewals).values(row).onConflictDoUpdate({ target: placementRenewals.placementId, set: rest }).returning().get();
  }

  private where(f: PlacementFilter): SQL | undefined {
    return and(
      f.kind ? eq(placements.kind, f.kind) : undefined,
      f.regions ? inArray(placements.regionCode, [...f.regions]) : undefined,
      f.state ? eq(placements.state, f.state) : undefined,
      f.expertExternalId ? eq(experts.externalId, f.expertExternalId) : undefined,
      f.enterpriseCreditCode ? eq(placements.enterpriseCreditCode, f.enterpriseCreditCode) : undefined,
      f.cycleId ? eq(placements.cycleId, f.cycleId) : undefined,
      f.ids ? inArray(placements.id, [...f.ids]) : undefined,
    );
  }

  private select(where: SQL | undefined, page?: { limit: number; offset: number }): PlacementView[] {
    const q = this.db
      .select({ p: placements, expertExternalId: experts.externalId, expertName: experts.name, enterpriseName: enterprises.name })
      .from(placements)
      .innerJoin(experts, eq(experts.id, placements.expertId))
      .leftJoin(enterprises, eq(enterprises.creditCode, placements.enterpriseCreditCode))
      .where(where)
      .orderBy(desc(placements.termStart), asc(placements.id));
    const rows = page ? q.limit(page.limit).offset(page.offset).all() : q.all();
    return rows.map((r) => ({ ...r.p, expertExternalId: r.expertExternalId, expertName: r.expertName, enterpriseName: r.enterpriseName ?? null }));
  }

  /** The next term of each of `ids` that was renewed: renewed-from id → next placement id. */
  successorsOf(ids: readonly number[]): Map<number, number> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .select({ id: placements.id, from: placements.renewalOf })
      .from(placements)
      .where(inArray(placements.renewalOf, [...ids]))
      .all();
    return new Map(rows.map((r) => [r.from!, r.id]));
  }
}
