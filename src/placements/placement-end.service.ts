import { AppError } from '../shared/errors';
import { PlacementCore, sideLabel } from './placement-core';
import { type PlacementBundle, endsOnOf, settingsOf } from './placement-view.builder';
import type { Grade, PlacementDetail, RenewalResult, TerminationInput, TerminationResult } from './placement.schema';
import type { EndSteps, PlacementCaller } from './placement.types';
import { refuseIneligible } from './placement.service';
import { addDays, termEndOf } from './term-dates';

/**
 * How a placement ends early or goes on. Early termination (Wenzhou 六(二) 双方可按协议终止合同并报管理部门备案;
 * Xinxiang 六(二); Hubei 六(一)): either party asks with a reason, the county files it; the expert is then free
 * after the last day of service and the enterprise may file a new demand. Renewal (Xinxiang 六(四) 对于考核优秀的
 * “科技副总”和企业，双方同意继续合作的，直接予以续聘): one party asks, the other agrees, and the next term is made
 * without a matching round after every hard rule of the profile as it stands now passes for the pair.
 */
export class PlacementEndService extends PlacementCore implements EndSteps {
  requestTermination(id: number, input: TerminationInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertState(b, ['pending_agreement', 'active'], '申请提前终止');
      const side = this.assertParty(b, caller, ['enterprise', 'expert']);
      const clause = settingsOf(b.profile).termination?.clause;
      if (!clause) throw new AppError('STEP_NOT_IN_POLICY', '本选派记录所依据的政策未规定提前终止');
      if (b.termination) throw new AppError('PLACEMENT_STATE_CONFLICT', '已有提前终止申请');
      const effectiveOn = input.effectiveOn ?? this.today();
      const end = endsOnOf(b.p);
      if (effectiveOn < b.p.termStart || (end && effectiveOn > end)) {
        throw new AppError('VALIDATION_FAILED', `终止日期应在服务期内（${b.p.termStart} 至 ${end}）`, [{ field: 'effectiveOn', message: '终止日期不在服务期内' }]);
      }
      const saved = this.deps.placements.saveTermination({
        placementId: id,
        status: 'requested',
        requestedSide: side,
        reason: input.reason,
        effectiveOn,
        requestedBy: caller.actor.actor,
        requestedAt: this.now(),
        filedBy: null,
        filedAt: null,
        note: null,
      });
      this.audit(
        caller,
        'placement.termination.request',
        b.p,
        { termination: null },
        { termination: saved.status, requestedSide: side, reason: saved.reason, effectiveOn },
        input.reason,
      );
      this.notify(
        b.p,
        'placement.termination.requested',
        `${sideLabel(side)}申请提前终止`,
        `${sideLabel(side)}申请自 ${effectiveOn} 起终止合作：${input.reason}。待区县科技部门备案。`,
        {
          enterprise: side === 'expert',
          expert: side === 'enterprise',
          county: true,
        },
      );
      return this.detail(id, caller);
    });
  }

  fileTermination(id: number, note: string | undefined, caller: PlacementCaller): TerminationResult {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertCounty(caller);
      this.assertState(b, ['pending_agreement', 'active'], '备案提前终止');
      if (b.termination?.status !== 'requested') throw new AppError('PLACEMENT_STATE_CONFLICT', '没有待备案的提前终止申请');
      const t = this.deps.placements.saveTermination({ ...b.termination, status: 'filed', filedBy: caller.actor.actor, filedAt: this.now(), note: note ?? null });
      this.deps.placements.update(id, { state: 'terminated', endedOn: t.effectiveOn });
      // The expert's service now ends on that day: "currently serving" stops after it for every later check.
      this.deps.placements.touchExpert(b.p.expertId);
      this.audit(
        caller,
        'placement.termination.file',
        b.p,
        { state: b.p.state, endsOn: endsOnOf(b.p), termination: 'requested' },
        { state: 'terminated', endsOn: t.effectiveOn, termination: 'filed' },
        note ?? settingsOf(b.profile).termination?.clause.article,
      );
      this.notify(
        b.p,
        'placement.termination.filed',
        '提前终止已备案',
        `${b.p.expertName} 与 ${b.p.enterpriseName ?? b.p.enterpriseCreditCode} 的合作于 ${t.effectiveOn} 终止，已备案。专家可再次参加选派，企业可重新提交需求。`,
        {
          enterprise: true,
          expert: true,
        },
      );
      return { placement: this.detail(id, caller), expertAvailableFrom: addDays(t.effectiveOn, 1), enterpriseMayFileDemand: true };
    });
  }

  requestRenewal(id: number, caller: PlacementCaller): RenewalResult {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      const side = this.assertParty(b, caller, ['enterprise', 'expert']);
      this.assertRenewable(b);
      if (b.renewal) throw new AppError('PLACEMENT_STATE_CONFLICT', '已有续聘申请');
      const saved = this.deps.placements.saveRenewal({
        placementId: id,
        status: 'requested',
        requestedSide: side,
        requestedBy: caller.actor.actor,
        requestedAt: this.now(),
        acceptedBy: null,
        acceptedAt: null,
        nextPlacementId: null,
      });
      this.audit(caller, 'placement.renewal.request', b.p, { renewal: null }, { renewal: saved.status, requestedSide: side });
      this.notify(b.p, 'placement.renewal.requested', `${sideLabel(side)}希望续聘`, `${sideLabel(side)}希望继续合作（考核“${b.p.grade}”），请另一方确认。`, {
        enterprise: side === 'expert',
        expert: side === 'enterprise',
      });
      return { placement: this.detail(id, caller), next: null };
    });
  }

  acceptRenewal(id: number, termStart: string | undefined, caller: PlacementCaller): RenewalResult {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      const side = this.assertParty(b, caller, ['enterprise', 'expert']);
      const renewal = this.assertRenewable(b);
      if (b.renewal?.status !== 'requested') throw new AppError('PLACEMENT_STATE_CONFLICT', '没有待确认的续聘申请');
      if (side === b.renewal.requestedSide) throw new AppError('FORBIDDEN', `续聘由${sideLabel(side)}提出，须由另一方确认`);
      const start = termStart ?? addDays(endsOnOf(b.p)!, 1);
      if (start <= (endsOnOf(b.p) ?? b.p.termStart))
        throw new AppError('VALIDATION_FAILED', '续聘服务期应在上一服务期结束之后开始', [{ field: 'termStart', message: '续聘开始日期过早' }]);
      // The rules of the time: the profile's latest version, at the new term's first day.
      const ev = this.deps.policies.checkEligibility({
        policy: b.p.profileId!,
        expertId: b.p.expertExternalId,
        enterpriseCreditCode: b.p.enterpriseCreditCode,
        referenceDate: start,
      });
      if (!ev.eligible) refuseIneligible(ev, `续聘（${renewal.clause.document} ${renewal.clause.article}）`);
      const profile = this.deps.policies.resolve(b.p.profileId!);
      const next = this.deps.placements.insert({
        kind: 'programme',
        origin: 'renewal',
        state: 'pending_agreement',
        expertId: b.p.expertId,
        enterpriseCreditCode: b.p.enterpriseCreditCode,
        regionCode: b.p.regionCode,
        profileId: profile.id,
        profileVersion: profile.version,
        cycleId: null,
        runId: null,
        demandExternalId: null,
        termStart: start,
        termEnd: termEndOf(start, settingsOf(profile).term?.years ?? 2),
        renewalOf: id,
        createdBy: caller.actor.actor,
        createdAt: this.now(),
      });
      this.deps.placements.saveRenewal({ ...b.renewal, status: 'accepted', acceptedBy: caller.actor.actor, acceptedAt: this.now(), nextPlacementId: next.id });
      this.deps.placements.update(id, { state: 'renewed' });
      this.deps.placements.touchExpert(b.p.expertId);
      this.audit(
        caller,
        'placement.renewal.accept',
        b.p,
        { state: b.p.state, renewal: 'requested' },
        { state: 'renewed', renewal: 'accepted', nextPlacementId: next.id },
        `${renewal.clause.document} ${renewal.clause.article}`,
      );
      const nextView = this.deps.placements.get(next.id)!;
      this.audit(
        caller,
        'placement.create',
        nextView,
        {},
        { state: next.state, origin: 'renewal', renewalOf: id, termStart: next.termStart, termEnd: next.termEnd, profile: `${profile.id}@${profile.version}` },
        '考核优秀，双方同意继续合作，直接续聘',
      );
      this.notify(
        nextView,
        'placement.renewed',
        '续聘已确定，请签订新一期三方协议',
        `${b.p.expertName} 续聘为 ${b.p.enterpriseName ?? b.p.enterpriseCreditCode} 科技副总（${next.termStart} 至 ${next.termEnd}），无需重新匹配。`,
        {
          enterprise: true,
          expert: true,
          county: true,
        },
      );
      return { placement: this.detail(id, caller), next: this.detail(next.id, caller) };
    });
  }

  private assertRenewable(b: PlacementBundle) {
    const renewal = settingsOf(b.profile).renewal;
    if (!renewal) throw new AppError('STEP_NOT_IN_POLICY', '本选派记录所依据的政策未规定续聘');
    this.assertState(b, ['evaluated'], '续聘（须完成期满评价）');
    if (!b.p.grade || !renewal.grades.includes(b.p.grade as Grade)) {
      throw new AppError(
        'STEP_NOT_IN_POLICY',
        `期满评价为“${b.p.grade ?? '无'}”，只有${renewal.grades.join('、')}可以直接续聘（${renewal.clause.document} ${renewal.clause.article}）`,
      );
    }
    return renewal;
  }
}
