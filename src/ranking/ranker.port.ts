import type { AdHocDemand, ExcludedCandidate, RankedCandidate } from './ranking.schema';

/** A demand to rank for: a stored one (its enterprise and region known) or an ad-hoc problem text. */
export type RankQuery = AdHocDemand & { demandId?: string };

export type RankOptions = {
  /** Policy profile reference ('wenzhou-2025', 'id@version', 'open'); defaults to the cycle's. */
  policy?: string;
  cycleId?: string;
  top: number;
  /** How many of the best-scoring excluded experts to explain (staff only); 0 for none. */
  excluded?: number;
};

export type RankResult = {
  candidates: RankedCandidate[];
  excluded: ExcludedCandidate[];
  /** How the candidates were found, for logs and the latency bench. */
  stats: { pool: number; eligible: number; scored: number; exact: boolean; ms: number };
};

/** The ranking capability used by /v1/match, the batch CLI and cycle runs. */
export interface Ranker {
  rank(query: RankQuery, opts: RankOptions): Promise<RankResult>;
}
