import type { ParticipantSide } from './auth.types';

/**
 * The enterprise and expert records a participant is bound to (intake owns them; auth only reads them, so it
 * declares this port and the composition root implements it over the intake repositories).
 */
export interface ParticipantDirectory {
  /** The record's display name and county, or undefined when no such enterprise / expert exists. */
  findSubject(side: ParticipantSide, key: string): { displayName: string; regionCode: string | null } | undefined;
}
