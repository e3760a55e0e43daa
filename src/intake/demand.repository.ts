import { asc, eq, gt, inArray, sql, and } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changeLog, demandCandidates, demands, enterprises, intakeReviews } from '../db/schema';
import { hashRecord } from '../shared/hash';
import type { Demand } from './demand.schema';
import type { UpsertStatus } from './expert.repository';

type Row = typeof demands.$inferSelect & { creditCode: string; regionCode: string; review: ReviewStatus | null };
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

type ReviewStatus = (typeof intakeReviews.$inferSelect)['status'];
/** `review` is the intake review state: only an approved demand is matched (a demand without a review row was never submitted through intake). */
export type StoredDemand = { id: number; enterpriseId: number; region: string; review: ReviewStatus | 'none'; demand: Demand };

export class DemandRepository {
  constructor(private readonly db: Db) {}

  /** The caller resolves the enterprise and checks the cycle exists (errors name the field). */
  upsert(d: Demand, enterpriseId: number): { id: number; status: UpsertStatus } {
    const contentHash = hashRecord(d);
    return this.db.transaction((tx) => {
      const existing = tx.select({ id: demands.id, contentHash: demands.contentHash }).from(demands).where(eq(demands.externalId, d.externalId)).get();
      if (existing && existing.contentHash === contentHash) return { id: existing.id, status: 'unchanged' as const };
      const values = {
        externalId: d.externalId,
        enterpriseId,
        cycleId: d.cycle,
        title: d.title,
        description: d.description,
        expectedField: d.expectedField,
        expectedSource: d.expectedSource ?? null,
        keyCommonTech: d.keyCommonTech,
        expectedCooperation: d.expectedCooperation ?? null,
        cooperationModes: d.cooperationModes,
        partnerRequirements: d.partnerRequirements ?? null,
        expectedFunding: d.expectedFunding ?? null,
        providesConditions: d.providesConditions ?? null,
        conditionsNote: d.conditionsNote ?? null,
        candidatesNote: d.candidatesNote ?? null,
        requestsVicePresident: d.requestsVicePresident ?? null,
        problem: d.problem ?? null,
        externalCooperationNeeded: d.externalCooperationNeeded ?? null,
        otherCooperationMode: d.otherCooperationMode ?? null,
        contentHash,
        updatedAt: new Date().toISOString(),
      };
      let id: number;
      if (existing) {
        id = existing.id;
        tx.update(demands).set(values).where(eq(demands.id, id)).run();
        tx.delete(demandCandidates).where(eq(demandCandidates.demandId, id)).run();
      } else {
        id = tx.insert(demands).values(values).returning({ id: demands.id }).get().id;
      }
      if (d.namedCandidates.length)
        tx.insert(demandCandidates)
          .values(
            d.namedCandidates.map((c, ordinal) => ({
              demandId: id,
              ordinal,
              expertExternalId: c.expertExternalId ?? null,
              name: c.name ?? null,
              institution: c.institution ?? null,
              contact: c.contact ?? null,
              agreed: c.agreed,
            })),
          )
          .run();
      tx.insert(changeLog).values({ entity: 'demand', entityId: id, op: 'upsert' }).run();
      return { id, status: existing ? ('updated' as const) : ('inserted' as const) };
    });
  }

  getByExternalId(externalId: string): StoredDemand | undefined {
    return this.select(eq(demands.externalId, externalId))[0];
  }

  listByCycle(cycleId: string, region?: string): StoredDemand[] {
    return this.select(region ? and(eq(demands.cycleId, cycleId), eq(enterprises.regionCode, region)) : eq(demands.cycleId, cycleId));
  }

  *iterate(pageSize = 500): Generator<StoredDemand> {
    let after = 0;
    for (;;) {
      const page = this.select(gt(demands.id, after), pageSize);
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1].id;
    }
  }

  list(opts: { region?: string; cycle?: string; limit: number; offset: number }) {
    const conds = [opts.region ? eq(enterprises.regionCode, opts.region) : undefined, opts.cycle ? eq(demands.cycleId, opts.cycle) : undefined].filter((c) => c !== undefined);
    const where = conds.length ? and(...conds) : undefined;
    const total = this.db
      .select({ n: sql<number>`count(*)` })
      .from(demands)
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .where(where)
      .get()!.n;
    const items = this.db
      .select({
        externalId: demands.externalId,
        title: demands.title,
        cycle: demands.cycleId,
        enterpriseCreditCode: enterprises.creditCode,
        enterpriseName: enterprises.name,
        region: enterprises.regionCode,
      })
      .from(demands)
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .where(where)
      .orderBy(asc(demands.id))
      .limit(opts.limit)
      .offset(opts.offset)
      .all();
    return { total, items };
  }

  count(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(demands)
      .get()!.n;
  }

  private select(where: ReturnType<typeof eq> | undefined, limit?: number): StoredDemand[] {
    let q = this.db
      .select({ d: demands, creditCode: enterprises.creditCode, regionCode: enterprises.regionCode, review: intakeReviews.status })
      .from(demands)
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .leftJoin(intakeReviews, and(eq(intakeReviews.entity, 'demand'), eq(intakeReviews.entityId, demands.id)))
      .where(where)
      .orderBy(asc(demands.id))
      .$dynamic();
    if (limit) q = q.limit(limit);
    const rows: Row[] = q.all().map((r) => ({ ...r.d, creditCode: r.creditCode, regionCode: r.regionCode, review: r.review }));
    if (rows.length === 0) return [];
    const cands = this.db
      .select()
      .from(demandCandidates)
      .where(
        inArray(
          demandCandidates.demandId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(demandCandidates.ordinal))
      .all();
    return rows.map((r) => ({
      id: r.id,
      enterpriseId: r.enterpriseId,
      region: r.regionCode,
      review: r.review ?? 'none',
      demand: clean({
        externalId: r.externalId,
        enterpriseCreditCode: r.creditCode,
        cycle: r.cycleId,
        title: r.title,
        description: r.description,
        expectedField: r.expectedField,
        expectedSource: r.expectedSource ?? undefined,
        namedCandidates: cands
          .filter((c) => c.demandId === r.id)
          .map((c) =>
            clean({
              expertExternalId: c.expertExternalId ?? undefined,
              name: c.name ?? undefined,
              institution: c.institution ?? undefined,
              contact: c.contact ?? undefined,
              agreed: c.agreed,
            }),
          ),
        keyCommonTech: r.keyCommonTech,
        expectedCooperation: r.expectedCooperation ?? undefined,
        cooperationModes: r.cooperationModes as Demand['cooperationModes'],
        partnerRequirements: r.partnerRequirements ?? undefined,
        expectedFunding: r.expectedFunding ?? undefined,
        providesConditions: r.providesConditions ?? undefined,
        conditionsNote: r.conditionsNote ?? undefined,
        candidatesNote: r.candidatesNote ?? undefined,
        requestsVicePresident: r.requestsVicePresident ?? undefined,
        problem: r.problem ?? undefined,
        externalCooperationNeeded: r.externalCooperationNeeded ?? undefined,
        otherCooperationMode: r.otherCooperationMode ?? undefined,
      }) as Demand,
    }));
  }
}
