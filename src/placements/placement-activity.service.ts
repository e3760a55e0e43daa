import { AppError } from '../shared/errors';
import { PlacementCore } from './placement-core';
import { endsOnOf, serviceTimeOf } from './placement-view.builder';
import type { OutcomeInput, PlacementDetail, ServiceLogInput, ServiceLogReviewInput } from './placement.schema';
import { outcomeBodySchema } from './placement.schema';
import type { OutcomeSteps, PlacementCaller, ServiceLogSteps } from './placement.types';

/**
 * The service ledger and the outcomes (Liaocheng 第七条第1项 形成详细服务台账，记录服务内容和效果): the expert logs
 * a day's service (date, days, what was done, with whom), the enterprise confirms or disputes it — only
 * confirmed days count towards the profile's minimum — and outcomes are recorded with their evidence.
 */
export class PlacementActivityService extends PlacementCore implements ServiceLogSteps, OutcomeSteps {
  logService(id: number, input: ServiceLogInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertState(b, ['pending_agreement', 'active'], '记录服务台账');
      this.assertParty(b, caller, ['expert']);
      const end = endsOnOf(b.p);
      if (input.date < b.p.termStart || (end && input.date > end) || input.date > this.today()) {
        throw new AppError('SERVICE_LOG_OUT_OF_TERM', `服务日期应在服务期内（${b.p.termStart} 至 ${end ?? '未定'}）且不晚于今天`, [
          { field: 'date', message: `服务日期应在 ${b.p.termStart} 至 ${end ?? '未定'} 之间且不晚于今天` },
        ]);
      }
      const before = serviceTimeOf(b, this.today()).status;
      const row = this.deps.activity.insertLog({ placementId: id, ...input, status: 'pending', loggedBy: caller.actor.actor, loggedAt: this.now() });
      this.audit(
        caller,
        'placement.service.log',
        b.p,
        {},
        { entryId: row.id, date: row.date, days: row.days, activity: row.activity, participants: row.participants, status: row.status },
        `服务时间状态：${before}`,
      );
      this.notify(b.p, 'placement.service.logged', '服务台账待确认', `${b.p.expertName} 记录了 ${row.date} 的服务（${row.days} 天）：${row.activity}。请企业确认或提出异议。`, {
        enterprise: true,
      });
      return this.detail(id, caller);
    });
  }

  reviewServiceLog(id: number, entryId: number, input: ServiceLogReviewInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertParty(b, caller, ['enterprise']);
      const entry = this.deps.activity.getLog(id, entryId);
      if (!entry) throw new AppError('NOT_FOUND', `服务台账记录 ${entryId} 不存在`);
      if (entry.status !== 'pending')
        throw new AppError('PLACEMENT_STATE_CONFLICT', `该服务记录已${entry.status === 'confirmed' ? '确认' : '提出异议'}，不能再次处理`, { status: entry.status });
      const confirmed = input.action === 'confirm';
      const saved = this.deps.activity.updateLog(entryId, {
        status: confirmed ? 'confirmed' : 'disputed',
        reviewedBy: caller.actor.actor,
        reviewedAt: this.now(),
        disputeReason: confirmed ? null : input.reason,
      });
      const after = this.load(id, caller);
      this.audit(
        caller,
        confirmed ? 'placement.service.confirm' : 'placement.service.dispute',
        b.p,
        { entryId, status: entry.status, serviceTime: serviceTimeOf(b, this.today()).status },
        { entryId, status: saved.status, disputeReason: saved.disputeReason, serviceTime: serviceTimeOf(after, this.today()).status },
        confirmed ? undefined : input.reason,
      );
      if (!confirmed) {
        this.notify(b.p, 'placement.service.disputed', '服务台账记录被提出异议', `企业对 ${entry.date} 的服务记录提出异议：${input.reason}`, { expert: true, county: true });
      }
      return this.detail(id, caller);
    });
  }

  recordOutcome(id: number, input: OutcomeInput, caller: PlacementCaller): PlacementDetail {
    const o = outcomeBodySchema.parse(input);
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertState(b, ['pending_agreement', 'active', 'terminated', 'evaluated', 'renewed'], '登记成果');
      if (caller.role !== 'reviewer') this.assertParty(b, caller, ['enterprise', 'expert']);
      if (o.date < b.p.termStart || o.date > this.today()) {
        throw new AppError('VALIDATION_FAILED', `成果日期应在服务期开始（${b.p.termStart}）之后且不晚于今天`, [{ field: 'date', message: '成果日期不在服务期内' }]);
      }
      if (o.documentId !== undefined && !this.deps.placements.getDocument(id, o.documentId)) {
        throw new AppError('REFERENCE_NOT_FOUND', `佐证文件 ${o.documentId} 不属于本选派记录`, [{ field: 'documentId', message: '佐证文件不存在' }]);
      }
      const row = this.deps.activity.insertOutcome({
        placementId: id,
        kind: o.kind,
        quantity: o.quantity,
        date: o.date,
        title: o.title,
        ipType: o.ipType ?? null,
        evidence: o.evidence,
        documentId: o.documentId ?? null,
        recordedBy: caller.actor.actor,
        recordedAt: this.now(),
      });
      this.audit(
        caller,
        'placement.outcome.record',
        b.p,
        {},
        { outcomeId: row.id, kind: row.kind, quantity: row.quantity, date: row.date, title: row.title, ipType: row.ipType, documentId: row.documentId },
      );
      return this.detail(id, caller);
    });
  }
}
