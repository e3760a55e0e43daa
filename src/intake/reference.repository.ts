import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cycles, regions } from '../db/schema';
import type { Cycle } from './cycle.schema';
import type { RegionSeed } from './regions.data';

/** Regions and cycles: small reference tables every other part reads. */
export class ReferenceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Makes the stored regions match `list` (inserting or updating by code; regions not in the list are kept) and
   * writes nothing when they already do. Returns how many rows it wrote.
   */
  syncRegions(list: readonly RegionSeed[]): number {
    const stored = new Map(this.listRegions().map((r) => [r.code, r]));
    const changed = list.filter((r) => {
      const s = stored.get(r.code);
      return !s || s.name !== r.name || s.level !== r.level || (s.parentCode ?? null) !== (r.parentCode ?? null);
    });
    if (changed.length === 0) return 0;
    this.db.transaction((tx) => {
      for (const r of changed) {
        tx.insert(regions)
          .values(r)
          .onConflictDoUpdate({ target: regions.code, set: { name: r.name, level: r.level, parentCode: r.parentCode } })
          .run();
      }
    });
    return changed.length;
  }

  listRegions() {
    return this.db.select().from(regions).orderBy(asc(regions.code)).all();
  }

  existingRegionCodes(codes: string[]): Set<string> {
    if (codes.length === 0) return new Set();
    return new Set(
      this.db
        .select({ code: regions.code })
        .from(regions)
        .where(inArray(regions.code, codes))
        .all()
        .map((r) => r.code),
    );
  }

  upsertCycle(c: Cycle): void {
    this.db
      .insert(cycles)
      .values(c)
      .onConflictDoUpdate({
        target: cycles.id,
        set: { year: c.year, policy: c.policy, seats: c.seats, status: c.status, referenceDate: c.referenceDate, previousCycles: c.previousCycles },
      })
      .run();
  }

  getCycle(id: string): Cycle | undefined {
    return this.db.select().from(cycles).where(eq(cycles.id, id)).get() as Cycle | undefined;
  }

  listCycles(): Cycle[] {
    return this.db.select().from(cycles).orderBy(asc(cycles.id)).all() as Cycle[];
  }
}
