import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { factVerifications } from '../db/schema';
import { verificationKey, type SubjectKind, type Verification } from './evaluation.types';

export type VerificationRow = typeof factVerifications.$inferSelect;
export type VerificationRef = { cycleId: string; subjectKind: SubjectKind; subjectId: string; ruleId: string };

/** Reviewer verdicts on unknown facts (fact_verifications). Writes happen inside the caller's audited transaction. */
export class VerificationRepository {
  constructor(private readonly db: Db) {}

  get(ref: VerificationRef): VerificationRow | undefined {
    return this.db
      .select()
      .from(factVerifications)
      .where(
        and(
          eq(factVerifications.cycleId, ref.cycleId),
          eq(factVerifications.subjectKind, ref.subjectKind),
          eq(factVerifications.subjectId, ref.subjectId),
          eq(factVerifications.ruleId, ref.ruleId),
        ),
      )
      .get();
  }

  /** Inserts or replaces the verdict of (cycle, subject, rule). */
  save(row: VerificationRow): VerificationRow {
    const { cycleId, subjectKind, subjectId, ruleId, ...rest } = row;
    return this.db
      .insert(factVerifications)
      .values(row)
      .onConflictDoUpdate({
        target: [factVerifications.cycleId, factVerifications.subjectKind, factVerifications.subjectId, factVerifications.ruleId],
        set: rest,
      })
      .returning()
      .get();
  }

  listByCycle(cycleId: string): VerificationRow[] {
    return this.db
      .select()
      .from(factVerifications)
      .where(eq(factVerifications.cycleId, cycleId))
      .orderBy(asc(factVerifications.subjectKind), asc(factVerifications.subjectId), asc(factVerifications.ruleId))
      .all();
  }

  /** The cycle's verdicts keyed for PolicyContext.verifications. */
  indexForCycle(cycleId: string): Map<string, Verification> {
    return new Map(
      this.listByCycle(cycleId).map((r) => [verificationKey(r.subjectKind, r.subjectId, r.ruleId), { verdict: r.verdict, by: r.verifiedBy, at: r.verifiedAt, reason: r.reason }]),
    );
  }
}
