import { and, eq, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { experts, placements } from '../db/schema';

export interface EnterpriseFacts {
  /** A 科技副总 served this enterprise before this cycle (Wuhan 四(三): 原则上不再安排). */
  hadTechVp: boolean;
  /** Their external ids, for the message. */
  previousTechVps: string[];
}

export interface CycleAssignments {
  /** expert external id → credit codes of the enterprises the expert serves in this cycle */
  byExpert: Map<string, string[]>;
  /** enterprise credit code → external ids of its experts in this cycle */
  byEnterprise: Map<string, string[]>;
}

const CHUNK = 500;
const chunks = <T>(list: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
};
const push = (m: Map<string, string[]>, k: string, v: string) => {
  const list = m.get(k);
  if (list) {
    if (!list.includes(v)) list.push(v);
  } else m.set(k, [v]);
};

/**
 * Read-only facts for PolicyContext from the placements (the one source of service: declared at intake and made
 * by the programme), joined to experts,
 * in batches so a cycle's context costs a few queries, not one per candidate.
 */
export class PolicyContextRepository {
  constructor(private readonly db: Db) {}

  /** External ids of experts with a service record in any of `cycleIds` (Wuhan 附件1 三). */
  loadPreviousCycleExperts(cycleIds: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(cycleIds)])) {
      const rows = this.db
        .selectDistinct({ id: experts.externalId })
        .from(placements)
        .innerJoin(experts, eq(experts.id, placements.expertId))
        .where(inArray(placements.cycleId, part))
        .all();
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  /**
   * Per credit code: did a 科技副总 serve it before this cycle — a service record that started on or
   * before the reference date and does not belong to `cycleId`. Codes without records get hadTechVp false.
   */
  loadEnterpriseFacts(creditCodes: readonly string[], opts: { referenceDate: string; cycleId?: string }): Map<string, EnterpriseFacts> {
    const out = new Map<string, EnterpriseFacts>();
    const unique = [...new Set(creditCodes)];
    for (const code of unique) out.set(code, { hadTechVp: false, previousTechVps: [] });
    for (const part of chunks(unique)) {
      const rows = this.db
        .select({ code: placements.enterpriseCreditCode, expertId: experts.externalId })
        .from(placements)
        .innerJoin(experts, eq(experts.id, placements.expertId))
        .where(
          and(
            inArray(placements.enterpriseCreditCode, part),
            lte(placements.termStart, opts.referenceDate),
            opts.cycleId === undefined ? undefined : or(isNull(placements.cycleId), ne(placements.cycleId, opts.cycleId)),
          ),
        )
        .all();
      for (const r of rows) {
        const f = out.get(r.code)!;
        f.hadTechVp = true;
        if (!f.previousTechVps.includes(r.expertId)) f.previousTechVps.push(r.expertId);
      }
    }
    return out;
  }

  /**
   * Appointments already made in this cycle (placements carrying its id), both ways round. A placement whose
   * early termination was filed no longer holds either side (Wenzhou 六(二) 双方可按协议终止合同).
   */
  loadCycleAssignments(cycleId: string): CycleAssignments {
    const rows = this.db
      .select({ code: placements.enterpriseCreditCode, expertId: experts.externalId })
      .from(placements)
      .innerJoin(experts, eq(experts.id, placements.expertId))
      .where(and(eq(placements.cycleId, cycleId), ne(placements.state, 'terminated')))
      .all();
    const byExpert = new Map<string, string[]>();
    const byEnterprise = new Map<string, string[]>();
    for (const r of rows) {
      push(byExpert, r.expertId, r.code);
      push(byEnterprise, r.code, r.expertId);
    }
    return { byExpert, byEnterprise };
  }
}
