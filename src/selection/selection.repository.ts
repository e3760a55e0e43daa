import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { demands, enterprises, experts, institutions, selectionCycleSettings, selectionExpertSettings, selectionInterests, selectionTalks } from '../db/schema';
import type { Interest, InterestState } from './selection.schema';

export type InterestRow = typeof selectionInterests.$inferSelect;
export type InterestInsert = typeof selectionInterests.$inferInsert;
export type CycleSettingsRow = typeof selectionCycleSettings.$inferSelect;
export type ExpertSettingsRow = typeof selectionExpertSettings.$inferSelect;

/** A pair's row with what every view of it names: the demand, its enterprise and county, the expert, the talk. */
export type InterestView = Interest & { demandRowId: number; expertRowId: number };

export type InterestFilter = {
  demandId?: string;
  enterpriseCreditCode?: string;
  expertId?: string;
  state?: InterestState;
  states?: readonly InterestState[];
  cycleId?: string;
  region?: string;
  ids?: readonly number[];
};

/** The selection pairs, their talks, the experts' pause switch and the cycles' selection settings. */
export class SelectionRepository {
  constructor(private readonly db: Db) {}

  private viewQuery() {
    return this.db
      .select({
        i: selectionInterests,
        demandId: demands.externalId,
        demandTitle: demands.title,
        regionCode: enterprises.regionCode,
        enterpriseCreditCode: enterprises.creditCode,
        enterpriseName: enterprises.name,
        expertId: experts.externalId,
        expertName: experts.name,
        expertInstitution: institutions.name,
        talkId: selectionTalks.id,
      })
      .from(selectionInterests)
      .innerJoin(demands, eq(demands.id, selectionInterests.demandId))
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .innerJoin(experts, eq(experts.id, selectionInterests.expertId))
      .innerJoin(institutions, eq(institutions.id, experts.institutionId))
      .leftJoin(selectionTalks, eq(selectionTalks.interestId, selectionInterests.id));
  }

  listViews(f: InterestFilter): InterestView[] {
    const where: SQL[] = [];
    if (f.demandId) where.push(eq(demands.externalId, f.demandId));
    if (f.enterpriseCreditCode) where.push(eq(enterprises.creditCode, f.enterpriseCreditCode));
    if (f.expertId) where.push(eq(experts.externalId, f.expertId));
    if (f.state) where.push(eq(selectionInterests.state, f.state));
    if (f.states) where.push(inArray(selectionInterests.state, [...f.states]));
    if (f.cycleId) where.push(eq(selectionInterests.cycleId, f.cycleId));
    if (f.region) where.push(eq(enterprises.regionCode, f.region));
    if (f.ids) where.push(inArray(selectionInterests.id, [...f.ids]));
    return this.viewQuery()
      .where(and(...where))
      .orderBy(asc(selectionInterests.id))
      .all()
      .map(toView);
  }

  getView(id: number): InterestView | undefined {
    const row = this.viewQuery().where(eq(selectionInterests.id, id)).get();
    return row ? toView(row) : undefined;
  }

  getViewByTalk(talkId: number): InterestView | undefined {
    const row = this.viewQuery().where(eq(selectionTalks.id, talkId)).get();
    return row ? toView(row) : undefined;
  }

  findPair(demandRowId: number, expertRowId: number): InterestRow | undefined {
    return this.db
      .select()
      .from(selectionInterests)
      .where(and(eq(selectionInterests.demandId, demandRowId), eq(selectionInterests.expertId, expertRowId)))
      .get();
  }

  insert(row: InterestInsert): number {
    return this.db.insert(selectionInterests).values(row).returning({ id: selectionInterests.id }).get().id;
  }

  update(id: number, set: Partial<Omit<InterestRow, 'id'>>): void {
    this.db.update(selectionInterests).set(set).where(eq(selectionInterests.id, id)).run();
  }

  /** Opens the pair's talk (once: a second call returns the existing one). */
  openTalk(interestId: number, at: string): number {
    const found = this.db.select({ id: selectionTalks.id }).from(selectionTalks).where(eq(selectionTalks.interestId, interestId)).get();
    if (found) return found.id;
    return this.db.insert(selectionTalks).values({ interestId, openedAt: at }).returning({ id: selectionTalks.id }).get().id;
  }

  getTalk(talkId: number) {
    return this.db.select().from(selectionTalks).where(eq(selectionTalks.id, talkId)).get();
  }

  touchTalk(talkId: number, at: string): void {
    this.db.update(selectionTalks).set({ lastMessageAt: at }).where(eq(selectionTalks.id, talkId)).run();
  }

  /** Talks with their pair's view (for lists), filtered like interests. */
  listTalks(f: InterestFilter): Array<InterestView & { openedAt: string; lastMessageAt: string | null }> {
    const views = this.listViews(f).filter((v) => v.talkId !== null);
    if (!views.length) return [];
    const talks = new Map(
      this.db
        .select()
        .from(selectionTalks)
        .where(
          inArray(
            selectionTalks.id,
            views.map((v) => v.talkId!),
          ),
        )
        .all()
        .map((t) => [t.id, t]),
    );
    return views.map((v) => ({ ...v, openedAt: talks.get(v.talkId!)!.openedAt, lastMessageAt: talks.get(v.talkId!)!.lastMessageAt }));
  }

  expertSettings(expertRowId: number): ExpertSettingsRow | undefined {
    return this.db.select().from(selectionExpertSettings).where(eq(selectionExpertSettings.expertId, expertRowId)).get();
  }

  /** Which of these experts (row ids) paused being contacted. */
  pausedAmong(expertRowIds: readonly number[]): Set<number> {
    if (!expertRowIds.length) return new Set();
    return new Set(
      this.db
        .select({ id: selectionExpertSettings.expertId })
        .from(selectionExpertSettings)
        .where(and(inArray(selectionExpertSettings.expertId, [...expertRowIds]), eq(selectionExpertSettings.paused, true)))
        .all()
        .map((r) => r.id),
    );
  }

  saveExpertSettings(row: ExpertSettingsRow): void {
    const { expertId, ...set } = row;
    this.db.insert(selectionExpertSettings).values(row).onConflictDoUpdate({ target: selectionExpertSettings.expertId, set }).run();
  }

  cycleSettings(cycleId: string): CycleSettingsRow | undefined {
    return this.db.select().from(selectionCycleSettings).where(eq(selectionCycleSettings.cycleId, cycleId)).get();
  }

  saveCycleSettings(row: CycleSettingsRow): void {
    const { cycleId, ...set } = row;
    this.db.insert(selectionCycleSettings).values(row).onConflictDoUpdate({ target: selectionCycleSettings.cycleId, set }).run();
  }
}

type ViewRow = {
  i: InterestRow;
  demandId: string;
  demandTitle: string;
  regionCode: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
  expertId: string;
  expertName: string;
  expertInstitution: string;
  talkId: number | null;
};

function toView(r: ViewRow): InterestView {
  const { i } = r;
  return {
    id: i.id,
    demandRowId: i.demandId,
    expertRowId: i.expertId,
    demandId: r.demandId,
    demandTitle: r.demandTitle,
    cycleId: i.cycleId,
    regionCode: r.regionCode,
    enterpriseCreditCode: r.enterpriseCreditCode,
    enterpriseName: r.enterpriseName,
    expertId: r.expertId,
    expertName: r.expertName,
    expertInstitution: r.expertInstitution,
    initiatedBy: i.initiatedBy,
    offList: i.offList,
    state: i.state,
    enterpriseInterestedAt: i.enterpriseInterestedAt,
    expertInterestedAt: i.expertInterestedAt,
    talkId: r.talkId,
    declinedBy: i.declinedBy,
    declineReason: i.declineReason,
    declinedAt: i.declinedAt,
    chosenAt: i.chosenAt,
    confirmedAt: i.confirmedAt,
    note: i.note,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}
