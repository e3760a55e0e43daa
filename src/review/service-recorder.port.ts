import type { AuditActor } from '../shared/audit-trail.port';

/** A pair of a region the city confirmed: it becomes a placement (implemented above review, in src/placements). */
export type ConfirmedPair = {
  runId: string;
  cycleId: string;
  /** The run's policy reference (id or id@version): the placement's profile. */
  policy: string;
  regionCode: string;
  demandId: string;
  enterpriseCreditCode: string;
  expertId: string;
  /** The confirmation day in China: the term starts then. */
  startDate: string;
};

export type RecordedService = {
  expertId: string;
  demandId: string;
  enterpriseCreditCode: string;
  cycle: string;
  startDate: string;
  endDate: string;
  placementId: number;
};

/**
 * Records confirmed pairs as placements in the caller's transaction. A pair whose expert already has a placement
 * (programme or declared) for the same enterprise and cycle adds nothing, so an appointment is never doubled.
 */
export interface ServiceRecorder {
  recordConfirmedPairs(pairs: readonly ConfirmedPair[], by: AuditActor): RecordedService[];
}
