import type { InterestView } from './selection.repository';
import type { Interest, SelectionSide } from './selection.schema';
import type { LivePublisher, SelectionNotification, SelectionParty, SelectionRecipient } from './selection.types';

export const otherSide = (side: SelectionSide): SelectionSide => (side === 'enterprise' ? 'expert' : 'enterprise');

/** The participant on `side` of a pair. */
export function partyOf(v: Pick<Interest, 'enterpriseCreditCode' | 'expertId'>, side: SelectionSide): SelectionRecipient {
  return { kind: 'participant', side, key: side === 'enterprise' ? v.enterpriseCreditCode : v.expertId };
}

/** Whether the party is one of the pair's two sides. */
export const isSideOf = (party: SelectionParty, v: Pick<Interest, 'enterpriseCreditCode' | 'expertId'>): boolean =>
  party.side === 'enterprise' ? v.enterpriseCreditCode === party.key : v.expertId === party.key;

/** The pair as the API shows it (the repository's row ids left out). */
export function toInterest(v: InterestView): Interest {
  const { demandRowId: _d, expertRowId: _e, ...rest } = v;
  return rest;
}

/** A notification about a pair: a subject line, and the link both sides' pages open. */
export function pairNotice(v: InterestView, type: string, subject: string, body: string, recipients: SelectionRecipient[]): SelectionNotification {
  return {
    type,
    regionCode: v.regionCode,
    subject,
    body,
    link: v.talkId ? `/selection/talks/${v.talkId}` : `/selection/interests/${v.id}`,
    recipients,
    data: { interestId: v.id, demandId: v.demandId, expertId: v.expertId, state: v.state, talkId: v.talkId },
  };
}

/** Live events go out after the commit: a subscriber never sees a change that was rolled back. */
export function publishAll(live: LivePublisher | undefined, events: Array<{ channel: string; type: string; data: unknown }>): void {
  if (!live) return;
  for (const e of events) live.publish(e.channel, { type: e.type, data: e.data });
}
