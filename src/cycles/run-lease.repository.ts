import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cycleRunLeases } from '../db/schema';

export type RunLease = typeof cycleRunLeases.$inferSelect;

/** The per-cycle run lease (cycle_run_leases): at most one running invocation per cycle. */
export class RunLeaseRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes the cycle's lease for `holder` unless another holder still has it, in one IMMEDIATE transaction (so
   * two invocations racing for it are serialized). Returns the lease that blocks, or null when taken.
   */
  acquire(cycleId: string, holder: string, at: string, isStale: (lease: RunLease) => boolean): RunLease | null {
    return this.db.transaction((tx) => {
      const current = tx.select().from(cycleRunLeases).where(eq(cycleRunLeases.cycleId, cycleId)).get();
      if (current && current.holder !== holder && !isStale(current)) return current;
      tx.insert(cycleRunLeases)
        .values({ cycleId, holder, acquiredAt: at, heartbeatAt: at })
        .onConflictDoUpdate({ target: cycleRunLeases.cycleId, set: { holder, acquiredAt: at, heartbeatAt: at } })
        .run();
      return null;
    });
  }

  /** Marks the holder alive; false when the lease was taken over meanwhile (its holder was judged dead). */
  renew(cycleId: string, holder: string, at: string): boolean {
    const res = this.db
      .update(cycleRunLeases)
      .set({ heartbeatAt: at })
      .where(and(eq(cycleRunLeases.cycleId, cycleId), eq(cycleRunLeases.holder, holder)))
      .run();
    return res.changes > 0;
  }

  release(cycleId: string, holder: string): void {
    this.db
      .delete(cycleRunLeases)
      .where(and(eq(cycleRunLeases.cycleId, cycleId), eq(cycleRunLeases.holder, holder)))
      .run();
  }
}
