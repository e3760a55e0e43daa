import type { PolicyFlag, RankedCandidate } from '../ranking/ranking.schema';
import type { ParticipantSide } from './participant-layout.view';

// What the selection pages show, shaped for the views (the routes fill these from the selection services).

/** The stage of a demand in two-way selection, as the county sees it. */
export type DemandStage = 'none' | 'talking' | 'agreed' | 'declined';

/**
 * A pair's state: one side has shown interest (`interest_enterprise` = the enterprise invited, waiting for the
 * expert), both have (`open`: the talk runs), the enterprise chose the expert (`chosen`, waiting for the expert's
 * confirmation), both confirmed (`agreed`), or either side declined.
 */
export type PairStatus = 'interest_enterprise' | 'interest_expert' | 'open' | 'chosen' | 'agreed' | 'declined';

export type EnterpriseDemandItem = {
  demandId: string;
  title: string;
  cycleName: string;
  stage: DemandStage;
  interested: number;
  talks: number;
  deadline: string | null;
};

export type ShortlistCandidate = Pick<RankedCandidate, 'expertId' | 'name' | 'institution' | 'score' | 'evidence' | 'flags' | 'priorities'> & {
  /** The talk of this pair, when one side has shown interest. */
  pair: { talkId: string; status: PairStatus } | null;
};

export type ShortlistPage = {
  demand: { demandId: string; title: string; description: string; cycleName: string };
  /** Interest marks this demand may give (profile setting) and how many are used. */
  maxInterest: number;
  used: number;
  /** Invitations close at (null: no deadline set). */
  invitationsCloseAt: string | null;
  closed: boolean;
  candidates: ShortlistCandidate[];
  /** Pairs with experts not on the list (named by the enterprise, or who showed interest themselves). */
  others: Array<{ expertId: string; name: string; institution: string; pair: { talkId: string; status: PairStatus } }>;
  /** A refused off-list name from the previous attempt: what failed and why. */
  refusal?: { name: string; reasons: PolicyFlag[] };
};

export type ExpertInvitation = {
  talkId: string;
  demandTitle: string;
  enterpriseName: string;
  status: PairStatus;
  invitedAt: string;
};

export type ExpertDemandItem = {
  demandId: string;
  title: string;
  enterpriseName: string;
  industry: string | null;
  score: number;
  evidence: RankedCandidate['evidence'];
  pair: { talkId: string; status: PairStatus } | null;
};

export type ExpertHome = { paused: boolean; invitations: ExpertInvitation[] };

export type TalkMessage = { id: string; from: ParticipantSide; author: string; text: string; at: string };

export type ContactCard = { name: string; phone: string | null; email: string | null; organisation: string | null };

export type TalkPage = {
  talkId: string;
  status: PairStatus;
  demand: { demandId: string; title: string };
  enterpriseName: string;
  expert: { name: string; institution: string };
  messages: TalkMessage[];
  /** Both sides' contact details, present only after mutual interest (reading them is audited). */
  contacts: { enterprise: ContactCard; expert: ContactCard } | null;
  meeting: { requestedAt: string; note: string; scheduledAt: string | null; place: string | null; outcome: string | null } | null;
  declinedReason: string | null;
  maxMessageLength: number;
};

/** Who looks at a talk: one of its two sides, or county staff (read-only). */
export type TalkViewer = { kind: 'participant'; side: ParticipantSide } | { kind: 'staff' };

export type InboxItem = { id: string; subject: string; body: string; link: string | null; at: string; read: boolean };

export type OversightTalk = { talkId: string; demandTitle: string; enterpriseName: string; expertName: string; status: PairStatus; messages: number; lastAt: string | null };

export type OversightDemand = {
  demandId: string;
  title: string;
  enterpriseName: string;
  stage: DemandStage;
  talks: number;
  /** Days since the demand was approved with nobody talking with it (null while someone is). */
  idleDays: number | null;
};

export type Oversight = { regionName: string; staleAfterDays: number; talks: OversightTalk[]; demands: OversightDemand[] };
