import { forbiddenRegion } from '../auth/region-scope.policy';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { ChannelSubscriber } from '../notifications/live-events.port';
import type { AuditTrail } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import { TALK_OPEN_STATES } from './demand-stage';
import { isSideOf, otherSide, pairNotice, partyOf, publishAll, toInterest } from './selection-events';
import type { MeetingRow, MessageRow, SelectionTalkRepository } from './selection-talk.repository';
import type { InterestView, SelectionRepository } from './selection.repository';
import type { Contacts, Meeting, MeetingOutcomeBody, MeetingRequestBody, Message, Talk, TalkSummary } from './selection.schema';
import { type LivePublisher, type SelectionNotifier, type SelectionOverseer, type SelectionParty, talkChannel, type TalkViewer } from './selection.types';

/** Per sender (an enterprise or an expert, across all their talks): a short burst window and a daily cap. */
export type MessageRateLimits = { perMinute: number; perDay: number };
export const DEFAULT_MESSAGE_LIMITS: MessageRateLimits = { perMinute: 10, perDay: 200 };

export type TalkServiceDeps = {
  selection: Pick<SelectionRepository, 'getViewByTalk' | 'getTalk' | 'touchTalk' | 'listTalks'>;
  talks: Pick<SelectionTalkRepository, 'insertMessage' | 'messagesOf' | 'messageCounts' | 'countSentSince' | 'insertMeeting' | 'getMeeting' | 'updateMeeting' | 'meetingsOf'>;
  enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
  experts: Pick<ExpertRepository, 'getByExternalId'>;
  audit: AuditTrail;
  notifier: SelectionNotifier;
  live?: LivePublisher;
  transaction: Transaction;
  now: () => string;
  limits?: MessageRateLimits;
};

/**
 * The one-to-one talk of a pair with mutual interest (Wenzhou 四(二) 一对一在线洽谈): plain-text messages under
 * per-sender rate limits, contact details of both sides (each read audited), requests to the county for an
 * offline meeting or interview and the county's note of its outcome. County staff read talks of their county only.
 */
export class TalkService {
  private readonly limits: MessageRateLimits;

  constructor(private readonly deps: TalkServiceDeps) {
    this.limits = deps.limits ?? DEFAULT_MESSAGE_LIMITS;
  }

  listTalks(viewer: TalkViewer, filter: { cycle?: string; region?: string } = {}): TalkSummary[] {
    const base = { cycleId: filter.cycle };
    let rows;
    if (viewer.kind === 'party') {
      const p = viewer.party;
      rows = this.deps.selection.listTalks({ ...base, ...(p.side === 'enterprise' ? { enterpriseCreditCode: p.key } : { expertId: p.key }) });
    } else {
      const scope = viewer.overseer.scope;
      if (!scope.all && filter.region !== undefined && filter.region !== scope.region) throw forbiddenRegion(filter.region);
      rows = this.deps.selection.listTalks({ ...base, region: scope.all ? filter.region : scope.region });
    }
    const counts = this.deps.talks.messageCounts(rows.map((r) => r.talkId!));
    return rows.map((r) => ({ ...summaryOf(r, r.openedAt, r.lastMessageAt), messages: counts.get(r.talkId!) ?? 0 }));
  }

  getTalk(viewer: TalkViewer, talkId: number): Talk {
    const v = this.viewFor(viewer, talkId);
    const talk = this.deps.selection.getTalk(talkId)!;
    const messageList = this.deps.talks.messagesOf(talkId).map(toMessage);
    return {
      ...summaryOf(v, talk.openedAt, talk.lastMessageAt),
      messages: messageList.length,
      interest: toInterest(v),
      messageList,
      meetings: this.deps.talks.meetingsOf(talkId).map(toMeeting),
      channel: talkChannel(talkId),
      canWrite: viewer.kind === 'party' && TALK_OPEN_STATES.includes(v.state),
    };
  }

  postMessage(party: SelectionParty, talkId: number, body: string): Message {
    const { deps } = this;
    const msg = deps.transaction(() => {
      const v = this.openTalkOf(party, talkId);
      const now = deps.now();
      this.assertRate(party, now);
      const row = deps.talks.insertMessage({ talkId, senderSide: party.side, senderKey: party.key, senderName: party.displayName, body, createdAt: now });
      deps.selection.touchTalk(talkId, now);
      deps.audit.append({
        ...party.actor,
        action: 'selection.message',
        entity: 'selection_talk',
        entityId: String(talkId),
        regionCode: v.regionCode,
        before: {},
        after: { messageId: row.id, senderSide: party.side, chars: body.length },
      });
      deps.notifier.notify(pairNotice(v, 'selection.message', `新消息：${v.demandTitle}`, `${party.displayName} 在洽谈中发来新消息`, [partyOf(v, otherSide(party.side))]));
      return toMessage(row);
    });
    publishAll(deps.live, [{ channel: talkChannel(talkId), type: 'selection.message', data: msg }]);
    return msg;
  }

  /** Both sides' phone and e-mail, only to a side of an open talk (mutual interest); the read is audited. */
  readContacts(party: SelectionParty, talkId: number): Contacts {
    return this.deps.transaction(() => {
      const v = this.openTalkOf(party, talkId);
      const e = this.deps.enterprises.getByCreditCode(v.enterpriseCreditCode);
      const x = this.deps.experts.getByExternalId(v.expertId);
      const contacts: Contacts = {
        talkId,
        enterprise: { name: v.enterpriseName, contactName: e?.contact.name ?? null, phone: e?.contact.phone ?? null },
        expert: { name: v.expertName, phone: x?.contact?.phone ?? null, email: x?.contact?.email ?? null },
      };
      this.deps.audit.append({
        ...party.actor,
        action: 'selection.contacts.read',
        entity: 'selection_talk',
        entityId: String(talkId),
        regionCode: v.regionCode,
        note: `${party.side === 'enterprise' ? '企业' : '专家'}查看双方联系方式`,
      });
      return contacts;
    });
  }

  requestMeeting(party: SelectionParty, talkId: number, body: MeetingRequestBody): Meeting {
    const { deps } = this;
    const meeting = deps.transaction(() => {
      const v = this.openTalkOf(party, talkId);
      const now = deps.now();
      const row = deps.talks.insertMeeting({
        talkId,
        requestedBy: party.side,
        proposedAt: body.proposedAt,
        place: body.place,
        note: body.note ?? null,
        status: 'requested',
        scheduledAt: null,
        outcome: null,
        notedBy: null,
        notedAt: null,
        createdAt: now,
      });
      deps.audit.append({
        ...party.actor,
        action: 'selection.meeting.request',
        entity: 'selection_meeting',
        entityId: String(row.id),
        regionCode: v.regionCode,
        before: {},
        after: body,
      });
      deps.notifier.notify(
        pairNotice(v, 'selection.meeting.requested', `线下见面申请：${v.demandTitle}`, `${party.displayName} 申请于 ${body.proposedAt} 在 ${body.place} 线下见面或面谈`, [
          { kind: 'county', regionCode: v.regionCode },
          partyOf(v, otherSide(party.side)),
        ]),
      );
      return toMeeting(row);
    });
    publishAll(deps.live, [{ channel: talkChannel(talkId), type: 'selection.meeting', data: meeting }]);
    return meeting;
  }

  /** The county arranges the meeting and notes its outcome (its own county only). */
  noteMeetingOutcome(overseer: SelectionOverseer, meetingId: number, body: MeetingOutcomeBody): Meeting {
    const { deps } = this;
    const result = deps.transaction(() => {
      const m = deps.talks.getMeeting(meetingId);
      if (!m) throw notFound('见面申请', meetingId);
      const v = deps.selection.getViewByTalk(m.talkId)!;
      if (!overseer.scope.all && v.regionCode !== overseer.scope.region) throw forbiddenRegion(v.regionCode);
      const now = deps.now();
      const set = {
        status: body.status,
        scheduledAt: body.scheduledAt ?? m.scheduledAt ?? m.proposedAt,
        place: body.place ?? m.place,
        outcome: body.outcome,
        notedBy: overseer.actor.actor,
        notedAt: now,
      };
      const row = deps.talks.updateMeeting(meetingId, set);
      const before = { status: m.status, scheduledAt: m.scheduledAt, place: m.place, outcome: m.outcome };
      deps.audit.append({
        ...overseer.actor,
        action: 'selection.meeting.outcome',
        entity: 'selection_meeting',
        entityId: String(meetingId),
        regionCode: v.regionCode,
        before,
        after: set,
      });
      deps.notifier.notify(
        pairNotice(v, 'selection.meeting.noted', `线下见面：${v.demandTitle}`, `区县科技部门记录：${body.status}${body.outcome ? `，${body.outcome}` : ''}`, [
          partyOf(v, 'enterprise'),
          partyOf(v, 'expert'),
        ]),
      );
      return toMeeting(row);
    });
    publishAll(deps.live, [{ channel: talkChannel(result.talkId), type: 'selection.meeting', data: result }]);
    return result;
  }

  /**
   * The live-event hub's question for `talk:<id>` channels (ChannelAuthoriser): the talk's two sides, county staff
   * of its county, city staff; undefined for channels that are not a talk's.
   */
  authoriseChannel(sub: ChannelSubscriber, channel: string): boolean | undefined {
    const m = /^talk:(\d{1,15})$/.exec(channel);
    if (!m) return undefined;
    const v = this.deps.selection.getViewByTalk(Number(m[1]));
    if (!v) return false;
    if (sub.kind === 'participant') return sub.recipient === `enterprise:${v.enterpriseCreditCode}` || sub.recipient === `expert:${v.expertId}`;
    return sub.role === 'reviewer' ? sub.regionCode === v.regionCode : true;
  }

  /** A talk the viewer may read: a side of it, or county staff of its county (403 for another county). */
  private viewFor(viewer: TalkViewer, talkId: number): InterestView {
    const v = this.deps.selection.getViewByTalk(talkId);
    if (!v) throw notFound('洽谈', talkId);
    if (viewer.kind === 'party') {
      if (!isSideOf(viewer.party, v)) throw notFound('洽谈', talkId);
    } else if (!viewer.overseer.scope.all && v.regionCode !== viewer.overseer.scope.region) {
      throw forbiddenRegion(v.regionCode);
    }
    return v;
  }

  private openTalkOf(party: SelectionParty, talkId: number): InterestView {
    const v = this.viewFor({ kind: 'party', party }, talkId);
    if (!TALK_OPEN_STATES.includes(v.state)) throw new AppError('SELECTION_STATE_CONFLICT', '该洽谈已结束（已婉拒），不能继续', { talkId, state: v.state });
    return v;
  }

  private assertRate(party: SelectionParty, now: string): void {
    const t = Date.parse(now);
    const windows = [
      { ms: 60_000, limit: this.limits.perMinute, label: '每分钟' },
      { ms: 86_400_000, limit: this.limits.perDay, label: '每天' },
    ];
    for (const w of windows) {
      const sent = this.deps.talks.countSentSince(party.side, party.key, new Date(t - w.ms).toISOString());
      if (sent >= w.limit) {
        throw new AppError('MESSAGE_RATE_LIMITED', `发送消息过于频繁：${w.label}最多 ${w.limit} 条，请稍后再试`, { limit: w.limit, windowSeconds: w.ms / 1000 });
      }
    }
  }
}

function summaryOf(v: InterestView, openedAt: string, lastMessageAt: string | null): TalkSummary {
  return {
    id: v.talkId!,
    interestId: v.id,
    demandId: v.demandId,
    demandTitle: v.demandTitle,
    cycleId: v.cycleId,
    regionCode: v.regionCode,
    enterpriseName: v.enterpriseName,
    expertId: v.expertId,
    expertName: v.expertName,
    state: v.state,
    openedAt,
    lastMessageAt,
    messages: 0,
  };
}

const toMessage = (m: MessageRow): Message => ({ id: m.id, talkId: m.talkId, senderSide: m.senderSide, senderName: m.senderName, body: m.body, createdAt: m.createdAt });

const toMeeting = (m: MeetingRow): Meeting => ({ ...m });
