import { forbiddenRegion, type RegionScope } from '../auth/region-scope.policy';
import { daysBetween, stageOf } from './demand-stage';
import type { SelectionSettingsService } from './selection-settings.service';
import type { SelectionDemandRow, SelectionOversightRepository } from './selection-oversight.repository';
import type { InterestView, SelectionRepository } from './selection.repository';
import type { DemandStageRow, EnterpriseDemand, OversightQuery, StaleDemands, StaleQuery } from './selection.schema';
import type { SelectionOverseer, SelectionParty } from './selection.types';

export type SelectionOversightDeps = {
  demands: Pick<SelectionOversightRepository, 'listApprovedDemands'>;
  selection: Pick<SelectionRepository, 'listViews' | 'listTalks'>;
  settings: Pick<SelectionSettingsService, 'settings' | 'deadlines'>;
  now: () => string;
};

/**
 * Where every approved demand stands in the selection flow, for the county (its own county; the city all) and for
 * the enterprise (its own demands): no interest yet / interested / talking / chosen / agreed / declined, and the
 * demands nobody is talking with X days after approval (the county follows them up, Hubei 四(三)).
 */
export class SelectionOversightService {
  constructor(private readonly deps: SelectionOversightDeps) {}

  enterpriseDemands(party: SelectionParty): EnterpriseDemand[] {
    if (party.side !== 'enterprise') return [];
    return this.rows({ enterpriseCreditCode: party.key }).map((r) => ({
      demandId: r.demandId,
      title: r.demandTitle,
      cycleId: r.cycleId,
      stage: r.stage,
      interests: r.interests,
      deadlines: this.deps.settings.deadlines(r.cycleId),
    }));
  }

  demandStages(overseer: SelectionOverseer, q: OversightQuery): DemandStageRow[] {
    const rows = this.rows({ cycleId: q.cycle, region: regionOf(overseer.scope, q.region) });
    return q.stage ? rows.filter((r) => r.stage === q.stage) : rows;
  }

  staleDemands(overseer: SelectionOverseer, q: StaleQuery): StaleDemands {
    const asOf = this.deps.now();
    const rows = this.rows({ cycleId: q.cycle, region: regionOf(overseer.scope, q.region) });
    const daysOf = new Map<string, number>();
    const out = rows.flatMap((r) => {
      if (r.stage === 'talking' || r.stage === 'chosen' || r.stage === 'agreed' || !r.approvedAt) return [];
      const x = q.days ?? daysOf.get(r.cycleId) ?? daysOf.set(r.cycleId, this.deps.settings.settings(r.cycleId).staleDays).get(r.cycleId)!;
      const daysWaiting = daysBetween(r.approvedAt, asOf);
      return daysWaiting >= x ? [{ ...r, daysWaiting }] : [];
    });
    const staleDays = q.days ?? (q.cycle ? this.deps.settings.settings(q.cycle).staleDays : ([...daysOf.values()][0] ?? 0));
    return { staleDays, asOf, demands: out.sort((a, b) => b.daysWaiting - a.daysWaiting || (a.demandId < b.demandId ? -1 : 1)) };
  }

  private rows(f: { cycleId?: string; region?: string; enterpriseCreditCode?: string }): DemandStageRow[] {
    const demands = this.deps.demands.listApprovedDemands(f);
    const views = this.deps.selection.listViews(f);
    const talks = this.deps.selection.listTalks(f);
    const byDemand = new Map<string, InterestView[]>();
    for (const v of views) byDemand.set(v.demandId, [...(byDemand.get(v.demandId) ?? []), v]);
    const lastMessage = new Map<string, string>();
    for (const t of talks) if (t.lastMessageAt && (lastMessage.get(t.demandId) ?? '') < t.lastMessageAt) lastMessage.set(t.demandId, t.lastMessageAt);
    return demands.map((d) => toRow(d, byDemand.get(d.demandId) ?? [], lastMessage.get(d.demandId)));
  }
}

function toRow(d: SelectionDemandRow, views: InterestView[], lastMessageAt: string | undefined): DemandStageRow {
  const times = [d.approvedAt, lastMessageAt, ...views.map((v) => v.updatedAt)].filter((t): t is string => !!t).sort();
  return {
    demandId: d.demandId,
    demandTitle: d.title,
    cycleId: d.cycleId,
    regionCode: d.regionCode,
    enterpriseName: d.enterpriseName,
    stage: stageOf(views.map((v) => v.state)),
    interests: views.length,
    talks: views.filter((v) => v.talkId !== null).length,
    agreedExpertId: views.find((v) => v.state === 'agreed')?.expertId ?? null,
    lastActivityAt: times.at(-1) ?? null,
    approvedAt: d.approvedAt,
  };
}

/** A reviewer's lists are their county's; asking for another county is refused, not answered with theirs. */
function regionOf(scope: RegionScope, requested: string | undefined): string | undefined {
  if (scope.all) return requested;
  if (requested !== undefined && requested !== scope.region) throw forbiddenRegion(requested);
  return scope.region;
}
