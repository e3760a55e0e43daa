import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changeLog, enterpriseCreditIssues, enterpriseRelatedParties, enterprises } from '../db/schema';
import { hashRecord } from '../shared/hash';
import type { Enterprise } from './enterprise.schema';
import type { UpsertStatus } from './expert.repository';

type Row = typeof enterprises.$inferSelect;
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

export class EnterpriseRepository {
  constructor(private readonly db: Db) {}

  upsert(e: Enterprise): { id: number; status: UpsertStatus } {
    const contentHash = hashRecord(e);
    return this.db.transaction((tx) => {
      const existing = tx.select({ id: enterprises.id, contentHash: enterprises.contentHash }).from(enterprises).where(eq(enterprises.creditCode, e.creditCode)).get();
      if (existing && existing.contentHash === contentHash) return { id: existing.id, status: 'unchanged' as const };
      const values = {
        creditCode: e.creditCode,
        name: e.name,
        regionCode: e.region,
        registeredAt: e.registeredAt ?? null,
        employees: e.employees ?? null,
        revenue: e.revenue ?? null,
        qualifications: e.qualifications,
        industry: e.industry,
        legalRepresentative: e.legalRepresentative ?? null,
        legalRepresentativePhone: e.legalRepresentativePhone ?? null,
        contact: e.contact,
        address: e.address ?? null,
        rdInstitutions: e.rdInstitutions,
        rdAreaM2: e.rdAreaM2 ?? null,
        rdStaff: e.rdStaff ?? null,
        rdEquipmentValue: e.rdEquipmentValue ?? null,
        rdSpendingBand: e.rdSpendingBand ?? null,
        rdProjectModes: e.rdProjectModes,
        contentHash,
        updatedAt: new Date().toISOString(),
      };
      let id: number;
      if (existing) {
        id = existing.id;
        tx.update(enterprises).set(values).where(eq(enterprises.id, id)).run();
        tx.delete(enterpriseCreditIssues).where(eq(enterpriseCreditIssues.enterpriseId, id)).run();
        tx.delete(enterpriseRelatedParties).where(eq(enterpriseRelatedParties.enterpriseId, id)).run();
      } else {
        id = tx.insert(enterprises).values(values).returning({ id: enterprises.id }).get().id;
      }
      if (e.creditIssues.length)
        tx.insert(enterpriseCreditIssues)
          .values(
            e.creditIssues.map((c, ordinal) => ({
              enterpriseId: id,
              ordinal,
              date: c.date,
              kind: c.kind,
              serious: c.serious,
              category: c.category ?? null,
              note: c.note ?? null,
            })),
          )
          .run();
      if (e.relatedParties.length)
        tx.insert(enterpriseRelatedParties)
          .values(
            e.relatedParties.map((p, ordinal) => ({
              enterpriseId: id,
              ordinal,
              kind: p.kind,
              expertExternalId: p.expertExternalId ?? null,
              institutionName: p.institutionName ?? null,
              name: p.name ?? null,
            })),
          )
          .run();
      tx.insert(changeLog).values({ entity: 'enterprise', entityId: id, op: 'upsert' }).run();
      return { id, status: existing ? ('updated' as const) : ('inserted' as const) };
    });
  }

  findIdByCreditCode(code: string): number | undefined {
    return this.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, code)).get()?.id;
  }

  getByCreditCode(code: string): Enterprise | undefined {
    const row = this.db.select().from(enterprises).where(eq(enterprises.creditCode, code)).get();
    return row ? this.assemble([row])[0] : undefined;
  }

  /** 附件2 names enterprises without a credit code: every stored one of that exact name. */
  findByName(name: string): Enterprise[] {
    return this.assemble(this.db.select().from(enterprises).where(eq(enterprises.name, name)).all());
  }

  getByIds(ids: number[]): Map<number, Enterprise> {
    const out = new Map<number, Enterprise>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = this.db
        .select()
        .from(enterprises)
        .where(inArray(enterprises.id, ids.slice(i, i + 500)))
        .all();
      const assembled = this.assemble(rows);
      rows.forEach((r, j) => out.set(r.id, assembled[j]));
    }
    return out;
  }

  *iterate(pageSize = 500): Generator<{ id: number; enterprise: Enterprise }> {
    let after = 0;
    for (;;) {
      const rows = this.db.select().from(enterprises).where(gt(enterprises.id, after)).orderBy(asc(enterprises.id)).limit(pageSize).all();
      if (rows.length === 0) return;
      const assembled = this.assemble(rows);
      for (let i = 0; i < rows.length; i++) yield { id: rows[i].id, enterprise: assembled[i] };
      after = rows[rows.length - 1].id;
    }
  }

  list(opts: { region?: string; limit: number; offset: number }) {
    const where = opts.region ? eq(enterprises.regionCode, opts.region) : undefined;
    const total = this.db
      .select({ n: sql<number>`count(*)` })
      .from(enterprises)
      .where(where)
      .get()!.n;
    const items = this.db
      .select({
        creditCode: enterprises.creditCode,
        name: enterprises.name,
        region: enterprises.regionCode,
        industry: enterprises.industry,
      })
      .from(enterprises)
      .where(where)
      .orderBy(asc(enterprises.id))
      .limit(opts.limit)
      .offset(opts.offset)
      .all();
    return { total, items };
  }

  count(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(enterprises)
      .get()!.n;
  }

  private assemble(rows: Row[]): Enterprise[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const issues = this.db.select().from(enterpriseCreditIssues).where(inArray(enterpriseCreditIssues.enterpriseId, ids)).orderBy(asc(enterpriseCreditIssues.ordinal)).all();
    const parties = this.db.select().from(enterpriseRelatedParties).where(inArray(enterpriseRelatedParties.enterpriseId, ids)).orderBy(asc(enterpriseRelatedParties.ordinal)).all();
    return rows.map(
      (r) =>
        clean({
          creditCode: r.creditCode,
          name: r.name,
          region: r.regionCode,
          registeredAt: r.registeredAt ?? undefined,
          employees: r.employees ?? undefined,
          revenue: r.revenue ?? undefined,
          qualifications: r.qualifications,
          industry: r.industry,
          legalRepresentative: r.legalRepresentative ?? undefined,
          legalRepresentativePhone: r.legalRepresentativePhone ?? undefined,
          contact: r.contact,
          address: r.address ?? undefined,
          rdInstitutions: r.rdInstitutions as Enterprise['rdInstitutions'],
          rdAreaM2: r.rdAreaM2 ?? undefined,
          rdStaff: r.rdStaff ?? undefined,
          rdEquipmentValue: r.rdEquipmentValue ?? undefined,
          rdSpendingBand: (r.rdSpendingBand ?? undefined) as Enterprise['rdSpendingBand'],
          rdProjectModes: r.rdProjectModes,
          creditIssues: issues
            .filter((c) => c.enterpriseId === r.id)
            .map((c) =>
              clean({
                date: c.date,
                kind: c.kind,
                serious: c.serious,
                category: (c.category ?? undefined) as Enterprise['creditIssues'][number]['category'],
                note: c.note ?? undefined,
              }),
            ),
          relatedParties: parties
            .filter((p) => p.enterpriseId === r.id)
            .map((p) =>
              clean({
                kind: p.kind as 'founder' | 'investor',
                expertExternalId: p.expertExternalId ?? undefined,
                institutionName: p.institutionName ?? undefined,
                name: p.name ?? undefined,
              }),
            ),
        }) as Enterprise,
    );
  }
}
