import type { Statement } from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
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

  private regionExists?: Statement<[string], unknown>;

  /** Called once or twice per imported row, so it runs on one prepared statement rather than a built query. */
  existingRegionCodes(codes: string[]): Set<string> {
    this.regionExists ??= this.db.$client.prepare<[string], unknown>('SELECT 1 FROM regions WHERE code = ?').pluck();
    return new Set(codes.filter((code) => this.regionExists!.get(code) !== undefined));
  }

  upsertCycle(c: Cycle): void {
    const values = { ...c, allocation: c.allocation ?? null };
    this.db
      .insert(cycles)
      .values(values)
      .onConflictDoUpdate({
        target: cycles.id,
        set: {
          year: c.year,
          policy: c.policy,
          seats: c.seats,
          status: c.status,
          referenceDate: c.referenceDate,
          previousCycles: c.previousCycles,
          allocation: values.allocation,
        },
      })
      .run();
  }

  getCycle(id: string): Cycle | undefined {
    const row = this.db.select().from(cycles).where(eq(cycles.id, id)).get();
    return row && toCycle(row);
  }

  listCycles(): Cycle[] {
    return this.db.select().from(cycles).orderBy(asc(cycles.id)).all().map(toCycle);
  }
}

/** An absent allocation setting is absent, not null, so a re-imported cycle hashes the same. */
function toCycle(row: typeof cycles.$inferSelect): Cycle {
  const { allocation, ...rest } = row;
  return (allocation ? { ...rest, allocation } : rest) as Cycle;
}
