import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { expertBadRecords, expertCooperations, expertPapers, expertPatents, expertProjects, experts, institutions, placements } from '../db/schema';
import { hashRecord } from '../shared/hash';
import { ExpertWriter, type UpsertStatus } from './expert-writer.repository';
import type { Expert } from './expert.schema';

export type { UpsertStatus } from './expert-writer.repository';
type Row = typeof experts.$inferSelect;

const dropUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

export class ExpertRepository {
  constructor(private readonly db: Db) {}

  private writer?: ExpertWriter;

  /** Stores the whole record (children replaced) unless its content hash is unchanged. Runs in the caller's transaction if any. */
  upsert(expert: Expert): { id: number; status: UpsertStatus } {
    this.writer ??= new ExpertWriter(this.db);
    return this.writer.upsert(expert, hashRecord(expert));
  }

  findIdByExternalId(externalId: string): number | undefined {
    return this.db.select({ id: experts.id }).from(experts).where(eq(experts.externalId, externalId)).get()?.id;
  }

  getByExternalId(externalId: string): Expert | undefined {
    const row = this.db.select().from(experts).where(eq(experts.externalId, externalId)).get();
    return row ? this.assemble([row])[0] : undefined;
  }

  getByIds(ids: number[]): Map<number, Expert> {
    const out = new Map<number, Expert>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = this.db
        .select()
        .from(experts)
        .where(inArray(experts.id, ids.slice(i, i + 500)))
        .all();
      const assembled = this.assemble(rows);
      rows.forEach((r, j) => out.set(r.id, assembled[j]));
    }
    return out;
  }

  /** Pages through all experts in id order (export, portrait building) without loading the whole table. */
  *iterate(pageSize = 500): Generator<{ id: number; contentHash: string; expert: Expert }> {
    let after = 0;
    for (;;) {
      const rows = this.db.select().from(experts).where(gt(experts.id, after)).orderBy(asc(experts.id)).limit(pageSize).all();
      if (rows.length === 0) return;
      const assembled = this.assemble(rows);
      for (let i = 0; i < rows.length; i++) yield { id: rows[i].id, contentHash: rows[i].contentHash, expert: assembled[i] };
      after = rows[rows.length - 1].id;
    }
  }

  list(opts: { region?: string; limit: number; offset: number }): {
    total: number;
    items: Array<{ externalId: string; name: string; title: string | null; degree: string | null; region: string | null; institution: string }>;
  } {
    const where = opts.region ? eq(experts.regionCode, opts.region) : undefined;
    const total = this.db
      .select({ n: sql<number>`count(*)` })
      .from(experts)
      .where(where)
      .get()!.n;
    const items = this.db
      .select({
        externalId: experts.externalId,
        name: experts.name,
        title: experts.title,
        degree: experts.degree,
        region: experts.regionCode,
        institution: institutions.name,
      })
      .from(experts)
      .innerJoin(institutions, eq(institutions.id, experts.institutionId))
      .where(where)
      .orderBy(asc(experts.id))
      .limit(opts.limit)
      .offset(opts.offset)
      .all();
    return { total, items };
  }

  count(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(experts)
      .get()!.n;
  }

  /**
   * The experts' service history is their placements (the one source): service declared at intake first (kind
   * 'historical' sorts before 'programme'), in its
   * order, then the programme's placements in the order they were made.
   */
  private loadService(ids: number[]) {
    const rows = this.db
      .select({
        expertId: placements.expertId,
        kind: placements.kind,
        id: placements.id,
        ordinal: placements.ordinal,
        enterpriseCreditCode: placements.enterpriseCreditCode,
        cycleId: placements.cycleId,
        termStart: placements.termStart,
        termEnd: placements.termEnd,
        endedOn: placements.endedOn,
        grade: placements.grade,
      })
      .from(placements)
      .where(inArray(placements.expertId, ids))
      .orderBy(asc(placements.expertId), asc(placements.kind), asc(placements.ordinal), asc(placements.id))
      .all();
    // byExpert sorts by ordinal: number them in the order above.
    return rows.map((r, i) => ({ ...r, ordinal: i }));
  }

  private assemble(rows: Row[]): Expert[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const byExpert = <T extends { expertId: number; ordinal: number }>(items: T[]) => {
      const m = new Map<number, T[]>();
      for (const it of items.sort((a, b) => a.ordinal - b.ordinal)) {
        const list = m.get(it.expertId) ?? [];
        list.push(it);
        m.set(it.expertId, list);
      }
      return m;
    };
    const insts = new Map(
      this.db
        .select()
        .from(institutions)
        .where(inArray(institutions.id, [...new Set(rows.map((r) => r.institutionId))]))
        .all()
        .map((i) => [i.id, i]),
    );
    const projects = byExpert(this.db.select().from(expertProjects).where(inArray(expertProjects.expertId, ids)).all());
    const patents = byExpert(this.db.select().from(expertPatents).where(inArray(expertPatents.expertId, ids)).all());
    const papers = byExpert(this.db.select().from(expertPapers).where(inArray(expertPapers.expertId, ids)).all());
    const bad = byExpert(this.db.select().from(expertBadRecords).where(inArray(expertBadRecords.expertId, ids)).all());
    const service = byExpert(this.loadService(ids));
    const coop = byExpert(this.db.select().from(expertCooperations).where(inArray(expertCooperations.expertId, ids)).all());
    return rows.map((r) => {
      const inst = insts.get(r.institutionId)!;
      return dropUndefined({
        externalId: r.externalId,
        name: r.name,
        gender: (r.gender ?? undefined) as Expert['gender'],
        birthDate: r.birthDate ?? undefined,
        title: (r.title ?? undefined) as Expert['title'],
        degree: (r.degree ?? undefined) as Expert['degree'],
        education: (r.education ?? undefined) as Expert['education'],
        institution: dropUndefined({ name: inst.name, type: inst.type as Expert['institution']['type'], region: inst.regionCode ?? undefined }),
        region: r.regionCode ?? undefined,
        fields: r.fields,
        workStartYear: r.workStartYear ?? undefined,
        workStartDate: r.workStartDate ?? undefined,
        honours: r.honours,
        contact: r.contact,
        sendingUnit: r.sendingUnit ?? undefined,
        commitment: r.commitment ?? undefined,
        projects: (projects.get(r.id) ?? []).map((p) =>
          dropUndefined({
            title: p.title,
            abstract: p.abstract,
            keywords: p.keywords,
            role: p.role as 'leader' | 'member',
            level: p.level as Expert['projects'][number]['level'],
            startYear: p.startYear ?? undefined,
            endYear: p.endYear ?? undefined,
          }),
        ),
        patents: (patents.get(r.id) ?? []).map((p) =>
          dropUndefined({
            number: p.number,
            title: p.title,
            abstract: p.abstract,
            type: p.type as Expert['patents'][number]['type'],
            status: p.status as Expert['patents'][number]['status'],
            ipc: p.ipc,
            filedAt: p.filedAt ?? undefined,
            grantedAt: p.grantedAt ?? undefined,
          }),
        ),
        papers: (papers.get(r.id) ?? []).map((p) =>
          dropUndefined({
            title: p.title,
            abstract: p.abstract,
            keywords: p.keywords,
            venue: p.venue ?? undefined,
            year: p.year ?? undefined,
          }),
        ),
        badRecords: (bad.get(r.id) ?? []).map((b) => dropUndefined({ date: b.date, kind: b.kind, note: b.note ?? undefined })),
        serviceHistory: (service.get(r.id) ?? []).map((s) =>
          dropUndefined({
            enterpriseCreditCode: s.enterpriseCreditCode,
            cycle: s.cycleId ?? undefined,
            startDate: s.termStart,
            // A filed early termination ends the service that day: the expert is available again after it.
            endDate: s.endedOn ?? s.termEnd ?? undefined,
            grade: (s.grade ?? undefined) as Expert['serviceHistory'][number]['grade'],
          }),
        ),
        cooperations: (coop.get(r.id) ?? []).map((c) =>
          dropUndefined({
            enterpriseCreditCode: c.enterpriseCreditCode,
            year: c.year ?? undefined,
            note: c.note ?? undefined,
          }),
        ),
      }) as Expert;
    });
  }
}
