// What the placement pages and the dashboard export show, in the pages' own words: the routes fill these from
// the placement services' read models, so a view is a pure function and can be tested without a database.

export type ClauseRef = { document: string; article: string; text: string };

export type ServiceStatus = 'on_track' | 'behind' | 'missed';

export type DashboardView = {
  scopeName: string;
  /** The county of a county dashboard; null for the city. */
  regionCode: string | null;
  year: number;
  exportHref: string;
  byState: Array<{ state: string; label: string; count: number }>;
  service: {
    onTrack: number;
    behind: number;
    missed: number;
    lagging: Array<{
      placementId: string;
      expertName: string;
      enterpriseName: string;
      regionName: string;
      status: ServiceStatus;
      statusLabel: string;
      /** e.g. 已确认 12 天，按进度应达到 30 天（每年不少于 3 个月） */
      message: string;
      clause: ClauseRef | null;
    }>;
  };
  outcomes: Array<{ key: string; label: string; actual: number; target: number | null; unit: string }>;
  targetsNote?: string;
  evaluations: { grades: Record<string, number>; awaitingGrade: number; awaitingConfirmation: number };
  /** One row per county (the city dashboard); a county dashboard has its own only. */
  regions: Array<{ code: string; name: string; placements: number; onTrack: number; behind: number; missed: number; grades: Record<string, number> }>;
  topTen: Array<{ rank: number; placementId: string; expertName: string; enterpriseName: string; regionName: string; score: number; grade: string | null }>;
};
