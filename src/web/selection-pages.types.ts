import type { DemandStageRow, StaleDemands, TalkSummary } from '../selection/selection.schema';

// What the selection pages show beyond the selection API's own shapes (the routes fill these).

export type InboxItem = { id: string; subject: string; body: string; link: string | null; at: string; read: boolean };

export type Oversight = { regionName: string; talks: TalkSummary[]; demands: DemandStageRow[]; stale: StaleDemands };
