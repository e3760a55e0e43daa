import { z } from 'zod';
import { externalIdSchema, regionCodeSchema, text } from '../intake/common.schema';
import { evidenceRefSchema, policyFlagSchema, rankedCandidateSchema, unknownFlagSchema } from '../ranking/ranking.schema';

// The contract of the two-way selection flow (issue 14: Wenzhou 四(二) 一对一在线洽谈; Hubei 四(三) 企业与专家
// 沟通对接、确认意向; Xinxiang 择优选择1人). REST requests and responses and the pages use these shapes.

/** Who acts in the flow: the enterprise (by its credit code) or the expert (by experts.external_id). */
export const SELECTION_SIDES = ['enterprise', 'expert'] as const;
export const selectionSideSchema = z.enum(SELECTION_SIDES);

/**
 * Where a demand stands in the selection flow (county oversight, the enterprise's list): no_interest — nobody
 * marked interest yet; interested — one side marked interest, not yet mutual; talking — at least one talk is
 * open; chosen — the enterprise chose an expert who has not confirmed yet; agreed — the expert confirmed (the
 * pair enters the cycle's assignment as a fixed pair); declined — every pair there was has been declined.
 */
export const DEMAND_STAGES = ['no_interest', 'interested', 'talking', 'chosen', 'agreed', 'declined'] as const;
export const demandStageSchema = z.enum(DEMAND_STAGES);

/**
 * One demand–expert pair: pending — one side marked interest (initiatedBy), waiting for the other; talking —
 * mutual interest, the talk is open; chosen — the enterprise chose this expert; agreed — the expert confirmed;
 * declined — either side declined (with a reason), at any point before agreed.
 */
export const INTEREST_STATES = ['pending', 'talking', 'chosen', 'agreed', 'declined'] as const;
export const interestStateSchema = z.enum(INTEREST_STATES);

export const MESSAGE_MAX_CHARS = 1000;
export const REASON_MAX_CHARS = 500;
export const DEFAULT_INTEREST_LIMIT = 5;
export const DEFAULT_STALE_DAYS = 7;

const isoDateTime = z.iso.datetime({ offset: true });
const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------- requests

/** POST /v1/selection/interests — the enterprise names expertId; the expert names demandId only. */
export const expressInterestBodySchema = z.object({
  demandId: externalIdSchema,
  /** Required when the enterprise acts (one on its shortlist, or someone else, who is checked against every hard rule). */
  expertId: externalIdSchema.optional(),
  note: text().trim().max(REASON_MAX_CHARS).optional(),
});

export const declineBodySchema = z.object({ reason: text().trim().min(1, '请填写理由').max(REASON_MAX_CHARS) });

/** Plain text: control characters are refused (never stripped); stored as text and always rendered escaped. */
export const messageBodySchema = z.object({ body: text().trim().min(1, '消息不能为空').max(MESSAGE_MAX_CHARS) });

export const meetingRequestBodySchema = z.object({
  /** When the two sides would like to meet (ISO 8601 with offset). */
  proposedAt: isoDateTime,
  place: text().trim().min(1).max(200),
  note: text().trim().max(REASON_MAX_CHARS).optional(),
});

export const MEETING_STATUSES = ['requested', 'scheduled', 'held', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);

/** The county notes what became of a requested offline meeting or interview. */
export const meetingOutcomeBodySchema = z.object({
  status: z.enum(['scheduled', 'held', 'cancelled']),
  /** The time and place the county fixed (defaults: as requested). */
  scheduledAt: isoDateTime.optional(),
  place: text().trim().min(1).max(200).optional(),
  outcome: text().trim().max(MESSAGE_MAX_CHARS).default(''),
});

export const pauseBodySchema = z.object({ paused: z.boolean() });

/** A cycle's selection stages; null = no deadline / the profile's (else the default) number. */
export const cycleSettingsBodySchema = z.object({
  invitationsCloseAt: isoDateTime.nullable().default(null),
  choiceCloseAt: isoDateTime.nullable().default(null),
  interestLimit: z.number().int().min(1).max(50).nullable().default(null),
  staleDays: z.number().int().min(1).max(365).nullable().default(null),
});

export const interestIdParamsSchema = z.object({ interestId: id });
export const talkIdParamsSchema = z.object({ talkId: id });
export const meetingIdParamsSchema = z.object({ meetingId: id });
export const demandIdParamsSchema = z.object({ demandId: externalIdSchema });
export const cycleIdParamsSchema = z.object({ cycleId: z.string().trim().min(1).max(64) });

export const interestListQuerySchema = z.object({ demandId: externalIdSchema.optional(), state: interestStateSchema.optional() });
export const oversightQuerySchema = z.object({
  cycle: z.string().trim().min(1).max(64).optional(),
  region: regionCodeSchema.optional(),
  stage: demandStageSchema.optional(),
});
export const staleQuerySchema = z.object({
  cycle: z.string().trim().min(1).max(64).optional(),
  region: regionCodeSchema.optional(),
  /** Overrides the cycle's X days. */
  days: z.coerce.number().int().min(0).max(365).optional(),
});

// ---------------------------------------------------------------- responses

export const deadlinesSchema = z.object({
  invitationsCloseAt: z.string().nullable(),
  choiceCloseAt: z.string().nullable(),
  invitationsOpen: z.boolean(),
  choiceOpen: z.boolean(),
});

export const cycleSettingsSchema = z.object({
  cycleId: z.string(),
  invitationsCloseAt: z.string().nullable(),
  choiceCloseAt: z.string().nullable(),
  /** Effective values, and where each came from. */
  interestLimit: z.number().int(),
  interestLimitSource: z.enum(['cycle', 'profile', 'default']),
  staleDays: z.number().int(),
  staleDaysSource: z.enum(['cycle', 'profile', 'default']),
});

export const interestSchema = z.object({
  id: z.number().int(),
  demandId: z.string(),
  demandTitle: z.string(),
  cycleId: z.string(),
  /** The demand's county (its enterprise's). */
  regionCode: z.string(),
  enterpriseCreditCode: z.string(),
  enterpriseName: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  expertInstitution: z.string(),
  initiatedBy: selectionSideSchema,
  /** The enterprise named an expert who was not on the shortlist (checked against every hard rule first). */
  offList: z.boolean(),
  state: interestStateSchema,
  enterpriseInterestedAt: z.string().nullable(),
  expertInterestedAt: z.string().nullable(),
  talkId: z.number().int().nullable(),
  declinedBy: selectionSideSchema.nullable(),
  declineReason: z.string().nullable(),
  declinedAt: z.string().nullable(),
  chosenAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A shortlist entry as the enterprise sees it: the ranker's eligible candidate, never contact details. */
export const shortlistEntrySchema = rankedCandidateSchema.extend({
  /** The expert paused being contacted: shown, but interest cannot be marked. */
  paused: z.boolean(),
  interest: interestSchema.nullable(),
});

export const shortlistSchema = z.object({
  demandId: z.string(),
  demandTitle: z.string(),
  cycleId: z.string(),
  stage: demandStageSchema,
  interestLimit: z.number().int(),
  /** Interests of this demand that count against the limit (not declined). */
  interestsUsed: z.number().int(),
  deadlines: deadlinesSchema,
  candidates: z.array(shortlistEntrySchema),
  /** Interests in experts not on the list (off-list names, or experts who came forward themselves). */
  others: z.array(interestSchema),
});

export const enterpriseDemandSchema = z.object({
  demandId: z.string(),
  title: z.string(),
  cycleId: z.string(),
  stage: demandStageSchema,
  interests: z.number().int(),
  deadlines: deadlinesSchema,
});

/** An approved demand matching the expert (same ranker, same rules), as the expert sees it. */
export const expertMatchSchema = z.object({
  demandId: z.string(),
  demandTitle: z.string(),
  expectedField: z.string(),
  cycleId: z.string(),
  regionCode: z.string(),
  enterpriseName: z.string(),
  /** The expert's place on the demand's shortlist (1 = best). */
  rank: z.number().int(),
  score: z.number(),
  evidence: z.array(evidenceRefSchema),
  flags: z.array(policyFlagSchema),
  priorities: z.array(policyFlagSchema),
  interest: interestSchema.nullable(),
  deadlines: deadlinesSchema,
});

export const expertMatchesSchema = z.object({
  expertId: z.string(),
  paused: z.boolean(),
  /** run: read from the cycle's latest run rankings, re-checked now; ranked: ranked on request (no run yet). */
  source: z.enum(['run', 'ranked']),
  demands: z.array(expertMatchSchema),
});

export const expertSettingsSchema = z.object({ expertId: z.string(), paused: z.boolean(), pausedAt: z.string().nullable() });

export const messageSchema = z.object({
  id: z.number().int(),
  talkId: z.number().int(),
  senderSide: selectionSideSchema,
  senderName: z.string(),
  /** Plain text as sent; render escaped. */
  body: z.string(),
  createdAt: z.string(),
});

export const meetingSchema = z.object({
  id: z.number().int(),
  talkId: z.number().int(),
  requestedBy: selectionSideSchema,
  proposedAt: z.string(),
  place: z.string(),
  note: z.string().nullable(),
  status: meetingStatusSchema,
  scheduledAt: z.string().nullable(),
  outcome: z.string().nullable(),
  notedBy: z.string().nullable(),
  notedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const talkSummarySchema = z.object({
  id: z.number().int(),
  interestId: z.number().int(),
  demandId: z.string(),
  demandTitle: z.string(),
  cycleId: z.string(),
  regionCode: z.string(),
  enterpriseName: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  state: interestStateSchema,
  openedAt: z.string(),
  lastMessageAt: z.string().nullable(),
  messages: z.number().int(),
});

export const talkSchema = talkSummarySchema.extend({
  interest: interestSchema,
  messageList: z.array(messageSchema),
  meetings: z.array(meetingSchema),
  /** The live-event channel of this talk (SSE, GET /v1/events): 'talk:<id>'. */
  channel: z.string(),
  /** The caller can write (a side of the talk); county reviewers read only. */
  canWrite: z.boolean(),
});

/** Revealed only once interest is mutual; every read is audited. */
export const contactsSchema = z.object({
  talkId: z.number().int(),
  enterprise: z.object({ name: z.string(), contactName: z.string().nullable(), phone: z.string().nullable() }),
  expert: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
});

export const demandStageRowSchema = z.object({
  demandId: z.string(),
  demandTitle: z.string(),
  cycleId: z.string(),
  regionCode: z.string(),
  enterpriseName: z.string(),
  stage: demandStageSchema,
  interests: z.number().int(),
  talks: z.number().int(),
  agreedExpertId: z.string().nullable(),
  /** Last selection activity on the demand (interest, message, decline, …), else its approval. */
  lastActivityAt: z.string().nullable(),
  /** When the demand was approved (its entry into selection). */
  approvedAt: z.string().nullable(),
});

export const staleDemandsSchema = z.object({
  staleDays: z.number().int(),
  asOf: z.string(),
  /** Approved demands with no open talk (and none agreed) although approved at least staleDays ago. */
  demands: z.array(demandStageRowSchema.extend({ daysWaiting: z.number().int() })),
});

/** What the cycle run reads: agreed pairs as fixed pairs. */
export const agreedPairSchema = z.object({
  interestId: z.number().int(),
  cycleId: z.string(),
  demandId: z.string(),
  enterpriseCreditCode: z.string(),
  expertId: z.string(),
  confirmedAt: z.string(),
});

/** Why an off-list expert was refused (details of SELECTION_INELIGIBLE / SELECTION_UNVERIFIED). */
export const refusalDetailsSchema = z.object({ expertId: z.string(), failed: z.array(policyFlagSchema), unknown: z.array(unknownFlagSchema) });

export type SelectionSide = z.infer<typeof selectionSideSchema>;
export type DemandStage = z.infer<typeof demandStageSchema>;
export type InterestState = z.infer<typeof interestStateSchema>;
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;
export type ExpressInterestBody = z.infer<typeof expressInterestBodySchema>;
export type DeclineBody = z.infer<typeof declineBodySchema>;
export type MessageBody = z.infer<typeof messageBodySchema>;
export type MeetingRequestBody = z.infer<typeof meetingRequestBodySchema>;
export type MeetingOutcomeBody = z.infer<typeof meetingOutcomeBodySchema>;
export type CycleSettingsBody = z.infer<typeof cycleSettingsBodySchema>;
export type OversightQuery = z.infer<typeof oversightQuerySchema>;
export type StaleQuery = z.infer<typeof staleQuerySchema>;
export type Deadlines = z.infer<typeof deadlinesSchema>;
export type CycleSettings = z.infer<typeof cycleSettingsSchema>;
export type Interest = z.infer<typeof interestSchema>;
export type ShortlistEntry = z.infer<typeof shortlistEntrySchema>;
export type Shortlist = z.infer<typeof shortlistSchema>;
export type EnterpriseDemand = z.infer<typeof enterpriseDemandSchema>;
export type ExpertMatch = z.infer<typeof expertMatchSchema>;
export type ExpertMatches = z.infer<typeof expertMatchesSchema>;
export type ExpertSettings = z.infer<typeof expertSettingsSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type TalkSummary = z.infer<typeof talkSummarySchema>;
export type Talk = z.infer<typeof talkSchema>;
export type Contacts = z.infer<typeof contactsSchema>;
export type DemandStageRow = z.infer<typeof demandStageRowSchema>;
export type StaleDemands = z.infer<typeof staleDemandsSchema>;
export type AgreedPair = z.infer<typeof agreedPairSchema>;
export type RefusalDetails = z.infer<typeof refusalDetailsSchema>;
