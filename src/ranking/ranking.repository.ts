import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { changeLog, evidenceItems, experts, institutions, intakeReviews, portraits } from '../db/schema';
import type { EvidenceKind } from '../portraits/portrait.types';

/** What ranking needs of an expert on every request, kept in memory for the whole pool. */
export type ExpertMetaRow = {
  id: number;
  externalId: string;
  name: string;
  /** '' when the record has no region. */
  region: string;
  institution: string;
  fields: string[];
  keywords: Array<{ term: string; weight: number }>;
  ipcClasses: string[];
  strength: Record<string, number> | null;
};

export type EvidenceTextRow = { id: number; expertId: number; kind: EvidenceKind; text: string };

const CHUNK = 500;

/** Reads for the ranking layer's in-memory state (expert metadata, evidence texts, change watermark). */
export class RankingRepository {
  constructor(private readonly db: Db) {}

  /** Read several times per match request: prepared once instead of building the SQL each time. */
  private changeSeqQuery?: ReturnType<RankingRepository['prepareChangeSeq']>;

  private prepareChangeSeq() {
    return this.db
      .select({ n: sql<number | null>`max(${changeLog.seq})` })
      .from(changeLog)
      .prepare();
  }

  /** The newest change-log sequence number: any import or edit of a record moves it. */
  changeSeq(): number {
    this.changeSeqQuery ??= this.prepareChangeSeq();
    return this.changeSeqQuery.get()!.n ?? 0;
  }

  /** Experts touched after `seq` (upserts and deletes). */
  expertsChangedSince(seq: number): number[] {
    return this.db
      .selectDistinct({ id: changeLog.entityId })
      .from(changeLog)
      .where(and(gt(changeLog.seq, seq), eq(changeLog.entity, 'expert')))
      .all()
      .map((r) => r.id);
  }

  /** Metadata of all approved experts (ids omitted) or of the given ones that are approved, by id. */
  expertMeta(ids?: number[]): ExpertMetaRow[] {
    const q = (where?: ReturnType<typeof inArray>) =>
      this.db
        .select({
          id: experts.id,
          externalId: experts.externalId,
          name: experts.name,
          region: experts.regionCode,
          institution: institutions.name,
          fields: experts.fields,
          keywords: portraits.keywords,
          ipcClasses: portraits.ipcClasses,
          strength: portraits.strength,
        })
        .from(experts)
        .innerJoin(institutions, eq(institutions.id, experts.institutionId))
        // Only experts the county approved are candidates (Wenzhou 四(一): 经审核后入库); a review change bumps the change log.
        .innerJoin(intakeReviews, and(eq(intakeReviews.entity, 'expert'), eq(intakeReviews.entityId, experts.id), eq(intakeReviews.status, 'approved')))
        .leftJoin(portraits, eq(portraits.expertId, experts.id))
        .where(where)
        .orderBy(asc(experts.id))
        .all()
        .map((r) => ({ ...r, region: r.region ?? '', keywords: r.keywords ?? [], ipcClasses: r.ipcClasses ?? [], strength: r.strength ?? null }));
    if (!ids) return q();
    const out: ExpertMetaRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(...q(inArray(experts.id, ids.slice(i, i + CHUNK))));
    return out;
  }

  /** Evidence texts of the given experts (the portrait summary left out: it repeats the items' titles). */
  evidenceTexts(expertIds: number[]): EvidenceTextRow[] {
    const out: EvidenceTextRow[] = [];
    for (let i = 0; i < expertIds.length; i += CHUNK) {
      out.push(
        ...this.db
          .select({ id: evidenceItems.id, expertId: evidenceItems.expertId, kind: evidenceItems.kind, text: evidenceItems.text })
          .from(evidenceItems)
          .where(and(inArray(evidenceItems.expertId, expertIds.slice(i, i + CHUNK)), ne(evidenceItems.kind, 'portrait')))
          .orderBy(asc(evidenceItems.id))
          .all(),
      );
    }
    return out;
  }

  /** Per expert, the count and id sum of its evidence rows: ids are never reused, so any change shows. */
  evidenceSignatures(): Map<number, string> {
    const rows = this.db
      .select({ expertId: evidenceItems.expertId, n: sql<number>`count(*)`, s: sql<number>`sum(${evidenceItems.id})` })
      .from(evidenceItems)
      .groupBy(evidenceItems.expertId)
      .all();
    return new Map(rows.map((r) => [r.expertId, `${r.n}:${r.s}`]));
  }

  /** Evidence texts of all experts, in pages by expert id (the first build of the lexical index). */
  *iterateEvidenceTexts(pageExperts = 2000): Generator<EvidenceTextRow[]> {
    let after = 0;
    for (;;) {
      const ids = this.db
        .select({ id: experts.id })
        .from(experts)
        .where(gt(experts.id, after))
        .orderBy(asc(experts.id))
        .limit(pageExperts)
        .all()
        .map((r) => r.id);
      if (ids.length === 0) return;
      yield this.evidenceTexts(ids);
      after = ids[ids.length - 1];
    }
  }
}
