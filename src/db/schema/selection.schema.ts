import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cycles, demands, experts } from './intake.schema';

// The two-way selection flow (issue 14; Wenzhou 四(二) 一对一在线洽谈, Hubei 四(三), Xinxiang 择优选择1人).

const now = () => sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const SIDES = ['enterprise', 'expert'] as const;

/**
 * One demand–expert pair from the first interest on: who initiated it, each side's interest, and where it stands
 * (pending → talking on mutual interest → chosen by the enterprise → agreed once the expert confirms; declined
 * with a reason by either side before agreed). Unique per pair: a second interest updates the same row.
 */
export const selectionInterests = sqliteTable(
  'selection_interests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: text('cycle_id').notNull(),
    demandId: integer('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    expertId: integer('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    initiatedBy: text('initiated_by', { enum: SIDES }).notNull(),
    /** The enterprise named an expert who was not on the shortlist (every hard rule was checked first). */
    offList: integer('off_list', { mode: 'boolean' }).notNull().default(false),
    state: text('state', { enum: ['pending', 'talking', 'chosen', 'agreed', 'declined'] }).notNull(),
    enterpriseInterestedAt: text('enterprise_interested_at'),
    expertInterestedAt: text('expert_interested_at'),
    declinedBy: text('declined_by', { enum: SIDES }),
    declineReason: text('decline_reason'),
    declinedAt: text('declined_at'),
    chosenAt: text('chosen_at'),
    confirmedAt: text('confirmed_at'),
    note: text('note'),
    createdAt: text('created_at').notNull().default(now()),
    updatedAt: text('updated_at').notNull().default(now()),
  },
  (t) => [
    uniqueIndex('selection_interests_pair_idx').on(t.demandId, t.expertId),
    index('selection_interests_expert_idx').on(t.expertId),
    index('selection_interests_cycle_state_idx').on(t.cycleId, t.state),
  ],
);

/** The one-to-one talk of a pair, opened when interest became mutual (one per pair). */
export const selectionTalks = sqliteTable('selection_talks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  interestId: integer('interest_id')
    .notNull()
    .unique()
    .references(() => selectionInterests.id, { onDelete: 'cascade' }),
  openedAt: text('opened_at').notNull().default(now()),
  lastMessageAt: text('last_message_at'),
});

/** Plain-text messages (≤ 1000 characters, no control characters), rendered escaped wherever shown. */
export const selectionMessages = sqliteTable(
  'selection_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    talkId: integer('talk_id')
      .notNull()
      .references(() => selectionTalks.id, { onDelete: 'cascade' }),
    senderSide: text('sender_side', { enum: SIDES }).notNull(),
    /** Credit code or expert external id: the per-user rate limit counts by it. */
    senderKey: text('sender_key').notNull(),
    senderName: text('sender_name').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull().default(now()),
  },
  (t) => [index('selection_messages_talk_idx').on(t.talkId, t.id), index('selection_messages_sender_idx').on(t.senderSide, t.senderKey, t.createdAt)],
);

/** A side's request to the county for an offline meeting or interview; the county notes time, place and outcome. */
export const selectionMeetings = sqliteTable(
  'selection_meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    talkId: integer('talk_id')
      .notNull()
      .references(() => selectionTalks.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by', { enum: SIDES }).notNull(),
    proposedAt: text('proposed_at').notNull(),
    place: text('place').notNull(),
    note: text('note'),
    status: text('status', { enum: ['requested', 'scheduled', 'held', 'cancelled'] }).notNull(),
    scheduledAt: text('scheduled_at'),
    outcome: text('outcome'),
    notedBy: text('noted_by'),
    notedAt: text('noted_at'),
    createdAt: text('created_at').notNull().default(now()),
  },
  (t) => [index('selection_meetings_talk_idx').on(t.talkId)],
);

/** An expert's "pause being contacted" switch. */
export const selectionExpertSettings = sqliteTable('selection_expert_settings', {
  expertId: integer('expert_id')
    .primaryKey()
    .references(() => experts.id, { onDelete: 'cascade' }),
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  pausedAt: text('paused_at'),
  updatedAt: text('updated_at').notNull().default(now()),
});

/**
 * A cycle's selection stages (invitations close, choice closes) and its own interest limit N and stale-days X;
 * a null number falls back to the profile's `selection` setting, then to the defaults (5 and 7).
 */
export const selectionCycleSettings = sqliteTable('selection_cycle_settings', {
  cycleId: text('cycle_id')
    .primaryKey()
    .references(() => cycles.id, { onDelete: 'cascade' }),
  invitationsCloseAt: text('invitations_close_at'),
  choiceCloseAt: text('choice_close_at'),
  interestLimit: integer('interest_limit'),
  staleDays: integer('stale_days'),
  updatedAt: text('updated_at').notNull().default(now()),
});
