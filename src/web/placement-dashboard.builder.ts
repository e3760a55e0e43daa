import { PLACEMENT_STATES, type PlacementSummary, type ProfileTargets, type RegionFigures, type ServiceTime, type TopList } from '../placements/placement.schema';
import { PLACEMENT_STATE_LABELS } from '../placements/placement-view.builder';
import { seg } from './html';
import { clauseRef, SERVICE_TIME_LABELS, serviceStatusOf } from './placement-view.builder';
import type { DashboardView } from './placement-view.types';

// From the dashboard read models (county or city figures, targets, the lagging placements with their service
// time, the top list) to the dashboard view and its workbook.

/** The service's own state names, so the list, the dashboard and the API say the same. */
export const STATE_LABELS = PLACEMENT_STATE_LABELS;

type Figures = Omit<RegionFigures, 'regionCode' | 'regionName'>;

const gradeCounts = (g: Figures['grades']): Record<string, number> => ({ ...g });

function outcomeRows(targets: readonly ProfileTargets[]): DashboardView['outcomes'] {
  const many = targets.length > 1;
  return targets.flatMap((t) =>
    t.lines.map((l) => ({
      key: `${t.profile.id}:${l.kind}:${l.scope}`,
      label: many ? `${l.label}（${t.profile.name}）` : l.label,
      actual: l.actual,
      target: l.target,
      unit: l.scope === 'perPlacementYear' ? '（人年平均）' : '',
    })),
  );
}

export type DashboardInput = {
  scopeName: string;
  regionCode: string | null;
  year: number;
  totals: Figures;
  counties: RegionFigures[];
  targets: readonly ProfileTargets[];
  /** Behind or missed placements, each with its service time (the message and the profile's clause). */
  lagging: Array<{ placement: PlacementSummary; serviceTime: ServiceTime }>;
  topList: TopList;
};

export function toDashboardView(i: DashboardInput): DashboardView {
  const t = i.totals;
  const exportHref = i.regionCode ? `/v1/placement-dashboards/counties/${seg(i.regionCode)}/export.xlsx` : '/v1/placement-dashboards/city/export.xlsx';
  return {
    scopeName: i.scopeName,
    regionCode: i.regionCode,
    year: i.year,
    exportHref,
    byState: PLACEMENT_STATES.filter((s) => s !== 'historical').map((s) => ({ state: s, label: STATE_LABELS[s], count: t.byState[s] ?? 0 })),
    service: {
      onTrack: t.byServiceTime.on_track ?? 0,
      behind: t.byServiceTime.behind ?? 0,
      missed: t.byServiceTime.missed ?? 0,
      lagging: i.lagging.map(({ placement: p, serviceTime: st }) => ({
        placementId: String(p.id),
        expertName: p.expert.name,
        enterpriseName: p.enterprise.name,
        regionName: p.regionName ?? '—',
        status: serviceStatusOf(st.status) ?? 'behind',
        statusLabel: SERVICE_TIME_LABELS[st.status],
        message: st.message,
        clause: clauseRef(st.rule?.clause),
      })),
    },
    outcomes: outcomeRows(i.targets),
    targetsNote: i.targets.map((x) => `${x.profile.name}：${x.placements} 个派驻`).join('；'),
    evaluations: { grades: gradeCounts(t.grades), pending: t.pendingGrades },
    regions: i.counties.map((c) => ({
      code: c.regionCode,
      name: c.regionName,
      placements: c.placements,
      onTrack: c.byServiceTime.on_track ?? 0,
      behind: c.byServiceTime.behind ?? 0,
      missed: c.byServiceTime.missed ?? 0,
      grades: gradeCounts(c.grades),
    })),
    topTen: i.topList.items.map((x) => ({
      rank: x.rank,
      placementId: String(x.placement.id),
      expertName: x.placement.expert.name,
      enterpriseName: x.placement.enterprise.name,
      regionName: x.placement.regionName ?? '—',
      grade: x.grade,
      outcomes: x.outcomeCount,
      serviceDays: x.confirmedServiceDays,
      consecutive: x.consecutive,
    })),
  };
}
