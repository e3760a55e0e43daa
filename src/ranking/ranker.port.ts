import type { AdHocDemand, ExcludedCandidate, RankedCandidate } from './ranking.schema';

/** A demand to rank for: a stored one (its enterprise and region known) or an ad-hoc problem text. */
export type RankQuery = AdHocDemand & { demandId?: string };

export type RankOptions = {
  /** Policy profile reference ('wenzhou-2025', 'id@version', 'open'); defaults to the cycle's. */
  policy?: string;
  cycleId?: string;
  /** 'YYYY-MM-DD' ages and windows are measured at; default: the cycle's reference date, else today (China). */
  referenceDate?: string;
  top: number;
  /** How many of the best-scoring excluded experts to explain (staff only); 0 for none. */
  excluded?: number;
};

export type RankResult = {
  candidates: RankedCandidate[];
  excluded: ExcludedCandidate[];
  /** What the request resolved to: the profile, cycle and reference date the rules were applied with. */
  context?: { policy: { id: string; version: number; name: string }; cycle: string | null; referenceDate: string; demandId: string | null };
  /** How the candidates were found, for logs and the latency bench. */
  stats: { pool: number; eligible: number; scored: number; exact: boolean; ms: number };
};

/** The ranking capability used by /v1/match, the batch CLI and cycle runs. */
export interface Ranker {
  rank(query: RankQuery, opts: RankOptions): Promise<RankResult>;
}
