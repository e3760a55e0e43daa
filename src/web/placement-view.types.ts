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
  /** Confirmed grades; `pending`: evaluations waiting for the county's grade or the city's confirmation. */
  evaluations: { grades: Record<string, number>; pending: number };
  /** One row per county (the city dashboard); a county dashboard has its own only. */
  regions: Array<{ code: string; name: string; placements: number; onTrack: number; behind: number; missed: number; grades: Record<string, number> }>;
  /** Ranked by confirmed grade, then outcomes, then confirmed service days (Wenzhou 五(一)). */
  topTen: Array<{
    rank: number;
    placementId: string;
    expertName: string;
    enterpriseName: string;
    regionName: string;
    grade: string;
    outcomes: number;
    serviceDays: number;
    /** Also in last year's list (连续两年评价排名前十). */
    consecutive: boolean;
  }>;
};

/** One field of an action form; the page script sends the fields as JSON (or a file as the raw body). */
export type ActionField = {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'file';
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  /** For a file: the accepted types (e.g. application/pdf,image/png,image/jpeg) and the size cap in bytes. */
  accept?: string;
  maxBytes?: number;
  min?: number;
  max?: number;
  step?: number;
  value?: string;
  hint?: string;
};

/** A form that calls one REST route; `buttons` with a `value` send it as the field `name` (confirm/dispute). */
export type PlacementAction = {
  id: string;
  title: string;
  url: string;
  method?: 'POST' | 'PUT';
  /** raw: the file is the body (its type as content-type) and the other fields go in the query string. */
  encoding?: 'json' | 'raw';
  fields: ActionField[];
  buttons: Array<{ label: string; name?: string; value?: string; kind?: 'primary' | 'secondary' | 'danger'; success: string }>;
  note?: string;
};

export type PlacementListRow = {
  id: string;
  expertName: string;
  enterpriseName: string;
  regionName: string;
  state: string;
  stateLabel: string;
  termLabel: string;
  serviceStatus: ServiceStatus | null;
  serviceLabel: string;
  grade: string | null;
};

export type PlacementListView = {
  title: string;
  rows: PlacementListRow[];
  states: Array<{ state: string; label: string; count: number }>;
  currentState: string | null;
  dashboardHref: string | null;
};

export type PlacementDetailView = {
  id: string;
  state: string;
  stateLabel: string;
  expert: { name: string; institution: string; externalId: string };
  enterprise: { name: string; creditCode: string };
  regionName: string;
  termLabel: string;
  policyLabel: string;
  agreement: {
    statusLabel: string;
    fileName: string | null;
    uploadedAt: string | null;
    filedAt: string | null;
    filedBy: string | null;
    returnReason: string | null;
    downloadHref: string | null;
    clause: ClauseRef | null;
  };
  serviceTime: { status: ServiceStatus; statusLabel: string; message: string; clause: ClauseRef | null } | null;
  logs: Array<{
    id: string;
    date: string;
    amountLabel: string;
    content: string;
    status: 'pending' | 'confirmed' | 'disputed';
    statusLabel: string;
    note: string | null;
    actions: PlacementAction[];
  }>;
  outcomes: Array<{ label: string; actual: number; target: number | null; unit: string }>;
  evaluations: Array<{
    periodLabel: string;
    statusLabel: string;
    enterpriseAssessment: string | null;
    grade: string | null;
    reason: string | null;
    gradedBy: string | null;
    confirmedBy: string | null;
    consequence: { message: string; clause: ClauseRef | null } | null;
  }>;
  end: { label: string; at: string | null; reason: string | null; clause: ClauseRef | null } | null;
  renewal: { label: string; href: string | null; clause: ClauseRef | null } | null;
  actions: PlacementAction[];
};
