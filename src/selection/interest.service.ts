import type { DemandRepository, StoredDemand } from '../intake/demand.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { AuditTrail } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import { isSideOf, otherSide, pairNotice, partyOf, publishAll, toInterest } from './selection-events';
import type { SelectionRankingService } from './selection-ranking.service';
import type { SelectionSettingsService } from './selection-settings.service';
import type { InterestView, SelectionRepository } from './selection.repository';
import type { ExpressInterestBody, Interest, InterestState } from './selection.schema';
import { type LivePublisher, type SelectionNotifier, type SelectionParty, talkChannel } from './selection.types';

export type InterestServiceDeps = {
  selection: Pick<SelectionRepository, 'findPair' | 'insert' | 'update' | 'getView' | 'listViews' | 'openTalk' | 'pausedAmong'>;
  demands: Pick<DemandRepository, 'getByExternalId'>;
  experts: Pick<ExpertRepository, 'findIdByExternalId'>;
  /** The expert form's intake review status (null: no review record). */
  expertReview: (expertId: string) => string | null;
  ranking: Pick<SelectionRankingService, 'selectableDemand' | 'shortlist' | 'assertPairEligible'>;
  settings: Pick<SelectionSettingsService, 'settings' | 'assertInvitationsOpen' | 'assertChoiceOpen'>;
  audit: AuditTrail;
  notifier: SelectionNotifier;
  live?: LivePublisher;
  transaction: Transaction;
  now: () => string;
};

const SIDE_LABEL = { enterprise: '企业', expert: '专家' } as const;

/**
 * Interest from either side, mutual interest → a one-to-one talk (Wenzhou 四(二) 一对一在线洽谈), decline with a
 * reason, the enterprise's choice of one expert per demand and the expert's confirmation → agreed (Hubei 四(三)
 * 确认双方意向; Xinxiang 择优选择1人). Every step: one audit entry with the state before and after and the other side
 * notified, in the change's transaction; live events after the commit.
 */
export class InterestService {
  constructor(private readonly deps: InterestServiceDeps) {}

  listInterests(party: SelectionParty, filter: { demandId?: string; state?: InterestState } = {}): Interest[] {
    const mine = party.side === 'enterprise' ? { enterpriseCreditCode: party.key } : { expertId: party.key };
    return this.deps.selection.listViews({ ...filter, ...mine }).map(toInterest);
  }

  /** The enterprises' invitations to the expert (their interest), newest first; declined ones included for the record. */
  invitations(party: SelectionParty): Interest[] {
    this.assertSide(party, 'expert');
    return this.listInterests(party)
      .filter((i) => i.enterpriseInterestedAt !== null)
      .sort((a, b) => (a.enterpriseInterestedAt! < b.enterpriseInterestedAt! ? 1 : -1));
  }

  async expressInterest(party: SelectionParty, body: ExpressInterestBody): Promise<Interest> {
    const { deps } = this;
    const stored = deps.ranking.selectableDemand(body.demandId);
    const demand = stored.demand;
    if (party.side === 'enterprise' && demand.enterpriseCreditCode !== party.key) throw notFound('需求', body.demandId);
    let expertId: string;
    if (party.side === 'enterprise') {
      if (!body.expertId) throw new AppError('EXPERT_REQUIRED', '请指定专家编号（expertId）');
      expertId = body.expertId;
    } else {
      if (body.expertId && body.expertId !== party.key) throw new AppError('BAD_REQUEST', '专家只能以本人身份表达意向');
      expertId = party.key;
    }
    const expertRowId = deps.experts.findIdByExternalId(expertId);
    if (expertRowId === undefined) throw notFound('专家', expertId);
    const review = deps.expertReview(expertId);
    if (review !== null && review !== 'approved') {
      throw new AppError('SELECTION_UNVERIFIED', `专家 ${expertId} 的意向表尚未通过区县科技部门审核，审核通过后才能洽谈`, { expertId, review });
    }
    deps.settings.assertInvitationsOpen(demand.cycle);
    if (party.side === 'enterprise' && deps.selection.pausedAmong([expertRowId]).has(expertRowId)) {
      throw new AppError('EXPERT_PAUSED', `专家 ${expertId} 已暂停接受联系`, { expertId });
    }
    const existing = deps.selection.findPair(stored.id, expertRowId);
    if (existing?.state === 'declined') {
      throw new AppError('SELECTION_STATE_CONFLICT', `该需求与专家 ${expertId} 的洽谈已被${SIDE_LABEL[existing.declinedBy ?? 'enterprise']}婉拒，不能再次表达意向`, {
        interestId: existing.id,
      });
    }
    const mineAt = party.side === 'enterprise' ? 'enterpriseInterestedAt' : 'expertInterestedAt';
    if (existing && existing[mineAt] !== null) return toInterest(deps.selection.getView(existing.id)!);

    // Ranked before the transaction (async); every hard rule is re-checked for any pair, listed or not.
    const onList = (await deps.ranking.shortlist(stored)).some((c) => c.expertId === expertId);
    deps.ranking.assertPairEligible(demand.externalId, expertId);

    const now = deps.now();
    const view = deps.transaction(() => {
      if (party.side === 'enterprise') this.assertBelowLimit(stored);
      const row = deps.selection.findPair(stored.id, expertRowId);
      let id: number;
      let before: object = {};
      if (!row) {
        id = deps.selection.insert({
          cycleId: demand.cycle,
          demandId: stored.id,
          expertId: expertRowId,
          initiatedBy: party.side,
          offList: party.side === 'enterprise' && !onList,
          state: 'pending',
          [mineAt]: now,
          note: body.note ?? null,
          createdAt: now,
          updatedAt: now,
        });
      } else {
        id = row.id;
        before = { state: row.state, [mineAt]: null };
        deps.selection.update(id, { [mineAt]: now, state: 'talking', updatedAt: now });
        deps.selection.openTalk(id, now);
      }
      const v = deps.selection.getView(id)!;
      deps.audit.append({
        ...party.actor,
        action: v.state === 'talking' ? 'selection.talk.open' : 'selection.interest',
        entity: 'selection_interest',
        entityId: String(id),
        regionCode: v.regionCode,
        before,
        after: { state: v.state, [mineAt]: now, initiatedBy: v.initiatedBy, offList: v.offList, talkId: v.talkId },
      });
      const to = otherSide(party.side);
      if (v.state === 'talking') {
        deps.notifier.notify(
          pairNotice(v, 'selection.talk.opened', `双方有意向：${v.demandTitle}`, `${v.enterpriseName} 与 ${v.expertName} 互有意向，一对一洽谈已开启，可查看联系方式`, [
            partyOf(v, 'enterprise'),
            partyOf(v, 'expert'),
          ]),
        );
      } else {
        const who = party.side === 'enterprise' ? v.enterpriseName : v.expertName;
        deps.notifier.notify(
          pairNotice(v, 'selection.interest', `${who} 对您有意向`, `${who}（${SIDE_LABEL[party.side]}）就需求“${v.demandTitle}”表达了洽谈意向`, [partyOf(v, to)]),
        );
      }
      return v;
    });
    this.publish(view);
    return toInterest(view);
  }

  decline(party: SelectionParty, interestId: number, reason: string): Interest {
    return this.transition(party, interestId, {
      allowed: ['pending', 'talking', 'chosen'],
      set: (now) => ({ state: 'declined', declinedBy: party.side, declineReason: reason, declinedAt: now }),
      action: 'selection.decline',
      notice: (v) => ({ type: 'selection.declined', subject: `洽谈未能继续：${v.demandTitle}`, body: `${SIDE_LABEL[party.side]}婉拒，理由：${reason}` }),
    });
  }

  /** The enterprise chooses one expert for the demand (择优选择1人), among those it talks with. */
  choose(party: SelectionParty, interestId: number): Interest {
    this.assertSide(party, 'enterprise');
    return this.transition(party, interestId, {
      allowed: ['talking'],
      check: (v) => {
        this.deps.settings.assertChoiceOpen(v.cycleId);
        const taken = this.deps.selection.listViews({ demandId: v.demandId, states: ['chosen', 'agreed'] });
        if (taken.length) throw new AppError('DEMAND_ALREADY_CHOSEN', `需求 ${v.demandId} 已选定专家 ${taken[0].expertName}`, { interestId: taken[0].id });
        this.deps.ranking.assertPairEligible(v.demandId, v.expertId);
      },
      set: (now) => ({ state: 'chosen', chosenAt: now }),
      action: 'selection.choose',
      notice: (v) => ({ type: 'selection.chosen', subject: `企业选定了您：${v.demandTitle}`, body: `${v.enterpriseName} 选定您为科技副总人选，请确认` }),
    });
  }

  /** The expert confirms the enterprise's choice: the pair is agreed and enters the cycle's assignment as fixed. */
  confirm(party: SelectionParty, interestId: number): Interest {
    this.assertSide(party, 'expert');
    return this.transition(party, interestId, {
      allowed: ['chosen'],
      check: (v) => {
        this.deps.settings.assertChoiceOpen(v.cycleId);
        this.deps.ranking.assertPairEligible(v.demandId, v.expertId);
      },
      set: (now) => ({ state: 'agreed', confirmedAt: now }),
      action: 'selection.confirm',
      notice: (v) => ({ type: 'selection.agreed', subject: `双向选择达成：${v.demandTitle}`, body: `${v.expertName} 已确认，双方达成一致，将作为确定人选进入本周期匹配` }),
      county: true,
    });
  }

  private transition(
    party: SelectionParty,
    interestId: number,
    t: {
      allowed: InterestState[];
      check?: (v: InterestView) => void;
      set: (now: string) => Parameters<SelectionRepository['update']>[1];
      action: string;
      notice: (v: InterestView) => { type: string; subject: string; body: string };
      county?: boolean;
    },
  ): Interest {
    const { deps } = this;
    const view = deps.transaction(() => {
      const v = this.ownView(party, interestId);
      if (!t.allowed.includes(v.state)) {
        throw new AppError('SELECTION_STATE_CONFLICT', `当前状态（${v.state}）不能执行此操作`, { interestId, state: v.state, allowed: t.allowed });
      }
      t.check?.(v);
      const now = deps.now();
      const set = t.set(now);
      deps.selection.update(interestId, { ...set, updatedAt: now });
      const after = deps.selection.getView(interestId)!;
      const before = Object.fromEntries(Object.keys(set).map((k) => [k, v[k as keyof InterestView] ?? null]));
      deps.audit.append({ ...party.actor, action: t.action, entity: 'selection_interest', entityId: String(interestId), regionCode: v.regionCode, before, after: set });
      const n = t.notice(after);
      const recipients = [partyOf(after, otherSide(party.side)), ...(t.county ? [{ kind: 'county' as const, regionCode: after.regionCode }] : [])];
      deps.notifier.notify(pairNotice(after, n.type, n.subject, n.body, recipients));
      return after;
    });
    this.publish(view);
    return toInterest(view);
  }

  /** A pair the party is a side of; anyone else's is a 404 (nothing to probe). */
  private ownView(party: SelectionParty, interestId: number): InterestView {
    const v = this.deps.selection.getView(interestId);
    if (!v || !isSideOf(party, v)) throw notFound('意向', interestId);
    return v;
  }

  /** Interests the enterprise marked for one demand count against N until declined. */
  private assertBelowLimit(stored: StoredDemand): void {
    const limit = this.deps.settings.settings(stored.demand.cycle).interestLimit;
    const used = this.deps.selection.listViews({ demandId: stored.demand.externalId }).filter((i) => i.state !== 'declined' && i.enterpriseInterestedAt !== null).length;
    if (used >= limit) {
      throw new AppError('INTEREST_LIMIT_REACHED', `每项需求最多同时向 ${limit} 位专家表达意向（已 ${used} 位）；婉拒或等待对方婉拒后可再选`, { limit, used });
    }
  }

  private assertSide(party: SelectionParty, side: SelectionParty['side']): void {
    if (party.side !== side) throw new AppError('FORBIDDEN', side === 'enterprise' ? '仅企业可执行此操作' : '仅专家本人可执行此操作');
  }

  private publish(v: InterestView): void {
    const data = toInterest(v);
    // Each side's inbox hears of it through the notification; the talk's page through its channel.
    if (v.talkId) publishAll(this.deps.live, [{ channel: talkChannel(v.talkId), type: 'selection.interest', data }]);
  }
}
