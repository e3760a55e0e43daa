import { and, asc, count, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { selectionMeetings, selectionMessages } from '../db/schema';

export type MessageRow = typeof selectionMessages.$inferSelect;
export type MeetingRow = typeof selectionMeetings.$inferSelect;

/** The messages and meeting requests of talks. */
export class SelectionTalkRepository {
  constructor(private readonly db: Db) {}

  insertMessage(m: Omit<MessageRow, 'id'>): MessageRow {
    return this.db.insert(selectionMessages).values(m).returning().get();
  }

  messagesOf(talkId: number): MessageRow[] {
    return this.db.select().from(selectionMessages).where(eq(selectionMessages.talkId, talkId)).orderBy(asc(selectionMessages.id)).all();
  }

  /** Message counts per talk. */
  messageCounts(talkIds: readonly number[]): Map<number, number> {
    if (!talkIds.length) return new Map();
    return new Map(
      this.db
        .select({ talkId: selectionMessages.talkId, n: count() })
        .from(selectionMessages)
        .where(inArray(selectionMessages.talkId, [...talkIds]))
        .groupBy(selectionMessages.talkId)
        .all()
        .map((r) => [r.talkId, r.n]),
    );
  }

  /** Messages one sender wrote at or after `since` (ISO), across all their talks: the per-user rate limit. */
  countSentSince(side: 'enterprise' | 'expert', key: string, since: string): number {
    return (
      this.db
        .select({ n: count() })
        .from(selectionMessages)
        .where(and(eq(selectionMessages.senderSide, side), eq(selectionMessages.senderKey, key), gte(selectionMessages.createdAt, since)))
        .get()?.n ?? 0
    );
  }

  insertMeeting(m: Omit<MeetingRow, 'id'>): MeetingRow {
    return this.db.insert(selectionMeetings).values(m).returning().get();
  }

  getMeeting(id: number): MeetingRow | undefined {
    return this.db.select().from(selectionMeetings).where(eq(selectionMeetings.id, id)).get();
  }

  updateMeeting(id: number, set: Partial<Omit<MeetingRow, 'id' | 'talkId'>>): MeetingRow {
    return this.db.update(selectionMeetings).set(set).where(eq(selectionMeetings.id, id)).returning().get();
  }

  meetingsOf(talkId: number): MeetingRow[] {
    return this.db.select().from(selectionMeetings).where(eq(selectionMeetings.talkId, talkId)).orderBy(asc(selectionMeetings.id)).all();
  }
}
