import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client';
import type { Expert } from './expert.schema';

export type UpsertStatus = 'inserted' | 'updated' | 'unchanged';

const CHILD_TABLES = ['expert_projects', 'expert_patents', 'expert_papers', 'expert_bad_records', 'expert_cooperations'] as const;
const json = (v: unknown) => JSON.stringify(v);

/**
 * The write half of the expert tables on statements prepared once per database: a bulk import stores tens of
 * thousands of experts, and building each query through drizzle's builder cost more than SQLite's work
 * (≈ 2 ms an expert with 5 children; see `npm run bench -- import`). The rows written are exactly the ones
 * the query-builder version wrote (JSON columns as JSON text, absent optionals as NULL), so reads, exports and
 * content hashes are unchanged. Each expert is its own savepoint inside the caller's transaction.
 */
export class ExpertWriter {
  private readonly s: Record<string, Statement>;
  private readonly upsertInTransaction: (expert: Expert, contentHash: string) => { id: number; status: UpsertStatus };

  constructor(db: Db) {
    const c = db.$client;
    this.s = {
      findExpert: c.prepare('SELECT id, content_hash AS contentHash FROM experts WHERE external_id = ?'),
      findInstitution: c.prepare('SELECT id, type, region_code AS regionCode FROM institutions WHERE name = ?'),
      updateInstitution: c.prepare('UPDATE institutions SET type = ?, region_code = ? WHERE id = ?'),
      insertInstitution: c.prepare('INSERT INTO institutions (name, type, region_code) VALUES (?, ?, ?)'),
      insertExpert: c.prepare(
        `INSERT INTO experts (external_id, name, gender, birth_date, title, degree, education, institution_id, region_code, fields,
           work_start_year, work_start_date, honours, contact, sending_unit, commitment, content_hash, updated_at)
         VALUES (@externalId, @name, @gender, @birthDate, @title, @degree, @education, @institutionId, @regionCode, @fields,
           @workStartYear, @workStartDate, @honours, @contact, @sendingUnit, @commitment, @contentHash, @updatedAt)`,
      ),
      updateExpert: c.prepare(
        `UPDATE experts SET external_id = @externalId, name = @name, gender = @gender, birth_date = @birthDate, title = @title,
           degree = @degree, education = @education, institution_id = @institutionId, region_code = @regionCode, fields = @fields,
           work_start_year = @workStartYear, work_start_date = @workStartDate, honours = @honours, contact = @contact,
           sending_unit = @sendingUnit, commitment = @commitment, content_hash = @contentHash, updated_at = @updatedAt
         WHERE id = @id`,
      ),
      ...Object.fromEntries(CHILD_TABLES.map((t) => [`delete:${t}`, c.prepare(`DELETE FROM ${t} WHERE expert_id = ?`)])),
      project: c.prepare('INSERT INTO expert_projects (expert_id, ordinal, title, abstract, keywords, role, level, start_year, end_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      patent: c.prepare('INSERT INTO expert_patents (expert_id, ordinal, number, title, abstract, type, status, ipc, filed_at, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      paper: c.prepare('INSERT INTO expert_papers (expert_id, ordinal, title, abstract, keywords, venue, year) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      badRecord: c.prepare('INSERT INTO expert_bad_records (expert_id, ordinal, date, kind, note) VALUES (?, ?, ?, ?, ?)'),
      // Declared service is the expert's historical placements; the programme's own placements are never touched here.
      deleteHistorical: c.prepare("DELETE FROM placements WHERE expert_id = ? AND kind = 'historical'"),
      programmeStarts: c.prepare("SELECT enterprise_credit_code AS code, term_start AS start FROM placements WHERE expert_id = ? AND kind = 'programme'"),
      service: c.prepare(
        `INSERT INTO placements (kind, origin, state, expert_id, ordinal, enterprise_credit_code, region_code, cycle_id, term_start, term_end, grade, created_by)
         VALUES ('historical', 'import', 'historical', ?, ?, ?, (SELECT region_code FROM enterprises WHERE credit_code = ?), ?, ?, ?, ?, 'intake')`,
      ),
      cooperation: c.prepare('INSERT INTO expert_cooperations (expert_id, ordinal, enterprise_credit_code, year, note) VALUES (?, ?, ?, ?, ?)'),
      changeLog: c.prepare("INSERT INTO change_log (entity, entity_id, op) VALUES ('expert', ?, 'upsert')"),
    };
    // better-sqlite3 turns a nested transaction into a savepoint: a refused expert rolls back alone.
    this.upsertInTransaction = c.transaction((expert: Expert, contentHash: string) => this.write(expert, contentHash));
  }

  /** Stores the whole record (children replaced) unless its content hash is unchanged. */
  upsert(expert: Expert, contentHash: string): { id: number; status: UpsertStatus } {
    return this.upsertInTransaction(expert, contentHash);
  }

  private write(expert: Expert, contentHash: string): { id: number; status: UpsertStatus } {
    const { s } = this;
    const existing = s.findExpert.get(expert.externalId) as { id: number; contentHash: string } | undefined;
    if (existing && existing.contentHash === contentHash) return { id: existing.id, status: 'unchanged' };
    const values = {
      externalId: expert.externalId,
      name: expert.name,
      gender: expert.gender ?? null,
      birthDate: expert.birthDate ?? null,
      title: expert.title ?? null,
      degree: expert.degree ?? null,
      education: expert.education ?? null,
      institutionId: this.upsertInstitution(expert.institution),
      regionCode: expert.region ?? null,
      fields: json(expert.fields),
      workStartYear: expert.workStartYear ?? null,
      workStartDate: expert.workStartDate ?? null,
      honours: json(expert.honours),
      contact: json(expert.contact),
      sendingUnit: expert.sendingUnit === undefined ? null : json(expert.sendingUnit),
      commitment: expert.commitment === undefined ? null : json(expert.commitment),
      contentHash,
      updatedAt: new Date().toISOString(),
    };
    let id: number;
    if (existing) {
      id = existing.id;
      s.updateExpert.run({ ...values, id });
      for (const t of CHILD_TABLES) s[`delete:${t}`].run(id);
      s.deleteHistorical.run(id);
    } else {
      id = Number(s.insertExpert.run(values).lastInsertRowid);
    }
    expert.projects.forEach((p, i) => s.project.run(id, i, p.title, p.abstract, json(p.keywords), p.role, p.level, p.startYear ?? null, p.endYear ?? null));
    expert.patents.forEach((p, i) => s.patent.run(id, i, p.number, p.title, p.abstract, p.type, p.status, json(p.ipc), p.filedAt ?? null, p.grantedAt ?? null));
    expert.papers.forEach((p, i) => s.paper.run(id, i, p.title, p.abstract, json(p.keywords), p.venue ?? null, p.year ?? null));
    expert.badRecords.forEach((b, i) => s.badRecord.run(id, i, b.date, b.kind, b.note ?? null));
    // A record read back lists the programme's placements too (ExpertRepository): saving it again must not copy them.
    const own = existing ? new Set((s.programmeStarts.all(id) as Array<{ code: string; start: string }>).map((p) => `${p.code}|${p.start}`)) : new Set<string>();
    expert.serviceHistory.forEach((h, i) => {
      if (own.has(`${h.enterpriseCreditCode}|${h.startDate}`)) return;
      s.service.run(id, i, h.enterpriseCreditCode, h.enterpriseCreditCode, h.cycle ?? null, h.startDate, h.endDate ?? null, h.grade ?? null);
    });
    expert.cooperations.forEach((c, i) => s.cooperation.run(id, i, c.enterpriseCreditCode, c.year ?? null, c.note ?? null));
    s.changeLog.run(id);
    return { id, status: existing ? 'updated' : 'inserted' };
  }

  private upsertInstitution(inst: Expert['institution']): number {
    const { s } = this;
    const found = s.findInstitution.get(inst.name) as { id: number; type: string; regionCode: string | null } | undefined;
    if (found) {
      if (found.type !== inst.type || (inst.region && found.regionCode !== inst.region)) s.updateInstitution.run(inst.type, inst.region ?? found.regionCode, found.id);
      return found.id;
    }
    return Number(s.insertInstitution.run(inst.name, inst.type, inst.region ?? null).lastInsertRowid);
  }
}
