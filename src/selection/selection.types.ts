import type { RegionScope } from '../auth/region-scope.policy';
import type { LiveEvents } from '../notifications/live-events.port';
import type { NotificationEvent, Notifier, Recipient } from '../notifications/notification.port';
import type { AuditActor } from '../shared/audit-trail.port';
import type {
  AgreedPair,
  Contacts,
  CycleSettings,
  CycleSettingsBody,
  DemandStageRow,
  EnterpriseDemand,
  ExpertMatches,
  ExpertSettings,
  ExpressInterestBody,
  Interest,
  InterestState,
  Meeting,
  MeetingOutcomeBody,
  MeetingRequestBody,
  Message,
  OversightQuery,
  SelectionSide,
  Shortlist,
  StaleDemands,
  StaleQuery,
  Talk,
  TalkSummary,
} from './selection.schema';

export type { DemandStage, InterestState, SelectionSide } from './selection.schema';
/** The GUIDE's ports (src/notifications), under the names this folder uses. */
export type SelectionNotifier = Notifier;
export type SelectionNotification = NotificationEvent;
export type SelectionRecipient = Recipient;
/** Live events after commit (i14a's hub): the page of a talk subscribes to talkChannel(id). */
export type LivePublisher = LiveEvents;

/**
 * A participant acting in the flow, as the routes derive it from the participant principal (own page or a portal
 * acting for them): `key` is the enterprise's credit code or the expert's external id; `regionCode` the county of
 * that record. `actor` is who the audit trail names (the account, or the portal and for whom).
 */
export type SelectionParty = { side: SelectionSide; key: string; displayName: string; regionCode: string; actor: AuditActor };

/** County staff looking on: read-only over their scope (a reviewer's county; admin and viewers: all). */
export type SelectionOverseer = { scope: RegionScope; actor: AuditActor };

/** Whoever reads a talk: one of its two sides, or county staff (read-only). */
export type TalkViewer = { kind: 'party'; party: SelectionParty } | { kind: 'staff'; overseer: SelectionOverseer };

/** The live-event channel of a talk (SSE), published after the commit of every change in it. */
export const talkChannel = (talkId: number): string => `talk:${talkId}`;

/**
 * Error codes of the flow (src/shared/errors.ts ERROR_STATUS): SELECTION_INELIGIBLE 409 (details: RefusalDetails,
 * the failed clauses), SELECTION_UNVERIFIED 409 (a hard rule lacks a fact: refused for county review, details
 * RefusalDetails.unknown), INTEREST_LIMIT_REACHED 409, INVITATIONS_CLOSED 409, CHOICE_CLOSED 409, EXPERT_PAUSED
 * 409, SELECTION_STATE_CONFLICT 409 (the pair's state forbids the step), DEMAND_ALREADY_CHOSEN 409,
 * MESSAGE_RATE_LIMITED 429, NOT_FOUND 404 (also for a talk or interest of someone else, so none is probed).
 */
export type SelectionErrorCode =
  | 'SELECTION_INELIGIBLE'
  | 'SELECTION_UNVERIFIED'
  | 'INTEREST_LIMIT_REACHED'
  | 'INVITATIONS_CLOSED'
  | 'CHOICE_CLOSED'
  | 'EXPERT_PAUSED'
  | 'SELECTION_STATE_CONFLICT'
  | 'DEMAND_ALREADY_CHOSEN'
  | 'MESSAGE_RATE_LIMITED';

/**
 * The whole flow as routes and pages call it (src/runtime.ts builds it from the services of this folder).
 * REST (src/selection/selection.routes.ts, tag 双向选择):
 *   GET  /v1/selection/demands                         enterprise: its approved demands with their stage
 *   GET  /v1/selection/demands/:demandId/shortlist      enterprise: eligible shortlist + interests
 *   POST /v1/selection/interests                        either side: mark interest (enterprise: invite)
 *   GET  /v1/selection/interests                        either side: own interests (?demandId, ?state)
 *   GET  /v1/selection/invitations                      expert: the enterprises' invitations
 *   GET  /v1/selection/matches                          expert: best-matching approved demands
 *   POST /v1/selection/interests/:interestId/decline    either side, with a reason
 *   POST /v1/selection/interests/:interestId/choose     enterprise (one per demand)
 *   POST /v1/selection/interests/:interestId/confirm    expert → agreed
 *   GET  /v1/selection/talks                            participant: own talks; staff: their county's (read-only)
 *   GET  /v1/selection/talks/:talkId                    a side or county staff
 *   POST /v1/selection/talks/:talkId/messages           a side
 *   GET  /v1/selection/talks/:talkId/contacts           a side (audited read)
 *   POST /v1/selection/talks/:talkId/meetings           a side: request an offline meeting from the county
 *   POST /v1/selection/meetings/:meetingId/outcome      county reviewer/admin
 *   GET  /v1/selection/me/settings, PUT /v1/selection/me/pause     expert
 *   GET  /v1/selection/cycles/:cycleId/settings (staff), PUT (admin)
 *   GET  /v1/selection/oversight/demands, GET /v1/selection/oversight/stale   staff
 */
export interface SelectionApi {
  // enterprise
  enterpriseDemands(party: SelectionParty): EnterpriseDemand[];
  shortlist(party: SelectionParty, demandId: string): Promise<Shortlist>;
  // either side: the enterprise invites expertId (on the list or checked off-list); the expert marks interest in demandId
  expressInterest(party: SelectionParty, body: ExpressInterestBody): Promise<Interest>;
  listInterests(party: SelectionParty, filter?: { demandId?: string; state?: InterestState }): Interest[];
  decline(party: SelectionParty, interestId: number, reason: string): Interest;
  choose(party: SelectionParty, interestId: number): Interest;
  confirm(party: SelectionParty, interestId: number): Interest;
  // expert
  invitations(party: SelectionParty): Interest[];
  matches(party: SelectionParty): Promise<ExpertMatches>;
  expertSettings(party: SelectionParty): ExpertSettings;
  setPaused(party: SelectionParty, paused: boolean): ExpertSettings;
  // talks
  listTalks(viewer: TalkViewer, filter?: { cycle?: string; region?: string }): TalkSummary[];
  getTalk(viewer: TalkViewer, talkId: number): Talk;
  postMessage(party: SelectionParty, talkId: number, body: string): Message;
  readContacts(party: SelectionParty, talkId: number): Contacts;
  requestMeeting(party: SelectionParty, talkId: number, body: MeetingRequestBody): Meeting;
  noteMeetingOutcome(overseer: SelectionOverseer, meetingId: number, body: MeetingOutcomeBody): Meeting;
  // county oversight and cycle settings
  demandStages(overseer: SelectionOverseer, query: OversightQuery): DemandStageRow[];
  staleDemands(overseer: SelectionOverseer, query: StaleQuery): StaleDemands;
  cycleSettings(cycleId: string): CycleSettings;
  setCycleSettings(cycleId: string, body: CycleSettingsBody, actor: AuditActor): CycleSettings;
}

/** The port the cycle run reads agreed pairs through (cycles import selection, never the reverse). */
export interface AgreedPairSource {
  agreedPairs(cycleId: string): AgreedPair[];
}
