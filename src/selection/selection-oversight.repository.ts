import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { demands, enterprises, intakeReviews } from '../db/schema';

/** An approved demand in selection, with its enterprise, county and approval time. */
export type SelectionDemandRow = {
  demandId: string;
  title: string;
  cycleId: string;
  regionCode: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
  requestsVicePresident: boolean | null;
  approvedAt: string | null;
};

/** The demands the selection flow is about: approved by the county (Wenzhou 四(一) 经科技部门审核后入库). */
export class SelectionOversightRepository {
  constructor(private readonly db: Db) {}

  listApprovedDemands(f: { cycleId?: string; region?: string; enterpriseCreditCode?: string }): SelectionDemandRow[] {
    const where: SQL[] = [eq(intakeReviews.status, 'approved')];
    if (f.cycleId) where.push(eq(demands.cycleId, f.cycleId));
    if (f.region) where.push(eq(enterprises.regionCode, f.region));
    if (f.enterpriseCreditCode) where.push(eq(enterprises.creditCode, f.enterpriseCreditCode));
    return this.db
      .select({
        demandId: demands.externalId,
        title: demands.title,
        cycleId: demands.cycleId,
        regionCode: enterprises.regionCode,
        enterpriseCreditCode: enterprises.creditCode,
        enterpriseName: enterprises.name,
        requestsVicePresident: demands.requestsVicePresident,
        approvedAt: intakeReviews.decidedAt,
      })
      .from(demands)
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .innerJoin(intakeReviews, and(eq(intakeReviews.entity, 'demand'), eq(intakeReviews.entityId, demands.id)))
      .where(and(...where))
      .orderBy(demands.externalId)
      .all()
      .filter((r) => r.requestsVicePresident !== false);
  }
}
