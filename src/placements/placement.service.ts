import { failedHardRules, toPolicyFlag, toUnknownFlag, unknownHardRules } from '../policy/policy-flags';
import type { EligibilityResponse } from '../policy/policy-api.schema';
import type { ConfirmedPair, RecordedService, ServiceRecorder } from '../review/service-recorder.port';
import type { AuditActor } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import { PlacementCore } from './placement-core';
import { serviceTimeOf, settingsOf, toSummary } from './placement-view.builder';
import type { NewPlacementRow, PlacementRow } from './placement.repository';
import type { AgreedPairInput, PlacementDetail, PlacementList, PlacementListQuery, ServiceTime } from './placement.schema';
import type { PlacementCaller, PlacementCreation, PlacementReads } from './placement.types';
import { termEndOf } from './term-dates';

const SYSTEM_CALLER = (actor: AuditActor): PlacementCaller => ({ actor, role: 'admin', region: null, party: null });

/** Splits a policy reference: 'wenzhou-2025@2' → id and version; a bare id is its latest version. */
function parsePolicyRef(ref: string): { id: string; version: number | null } {
  const at = ref.lastIndexOf('@');
  return at < 0 ? { id: ref, version: null } : { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

/** The refusal of a pair whose hard rules fail or cannot be decided, naming the rules and their clauses. */
export function refuseIneligible(ev: EligibilityResponse, what: string): never {
  if (ev.status === 'unknown') {
    const open = unknownHardRules(ev).map(toUnknownFlag);
    throw new AppError('PLACEMENT_RULE_FAILED', `${what}尚有待核实的条件：${open.map((f) => f.message).join('；')}`, { failed: open });
  }
  const failed = failedHardRules(ev).map(toPolicyFlag);
  throw new AppError('PLACEMENT_RULE_FAILED', `${what}不符合选派条件：${failed.map((f) => `${f.message}（${f.clause.document} ${f.clause.article}）`).join('；')}`, { failed });
}

/**
 * Placements: made where an appointment becomes a fact (a confirmed region's pairs, an agreed pair fixed by the
 * selection flow or the county), read by every role within its scope. Making one bumps its expert in the change
 * log, so the eligibility caches of later matches and cycle runs see the new service.
 */
export class PlacementService extends PlacementCore implements PlacementReads, PlacementCreation, ServiceRecorder {
  list(query: PlacementListQuery, caller: PlacementCaller): PlacementList {
    let regions: string[] | undefined = query.region ? [query.region] : undefined;
    if (caller.role === 'reviewer') {
      if (query.region && query.region !== caller.region) throw new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', { region: query.region });
      regions = [caller.region ?? '(none)'];
    }
    const party = caller.role === 'participant' ? caller.party : null;
    const filter = {
      kind: query.kind,
      regions,
      state: query.state,
      cycleId: query.cycle,
      expertExternalId: party?.side === 'expert' ? (party.key ?? '') : query.expertId,
      enterpriseCreditCode: party?.side === 'enterprise' ? (party.key ?? '') : query.enterpriseCreditCode,
    };
    const today = this.today();
    const derived = query.serviceTime !== undefined || query.agreementOverdue !== undefined;
    if (!derived) {
      const page = this.deps.placements.list(filter, query);
      return { total: page.total, items: this.bundles(page.items).map((b) => toSummary(b, today, this.deps.agreementDays)) };
    }
    // Service-time and overdue filters are computed, not stored: filter the whole scope, then page.
    const all = this.listBundles(filter)
      .map((b) => toSummary(b, today, this.deps.agreementDays))
      .filter(
        (s) =>
          (query.serviceTime === undefined || s.serviceTimeStatus === query.serviceTime) && (query.agreementOverdue === undefined || s.agreementOverdue === query.agreementOverdue),
      );
    return { total: all.length, items: all.slice(query.offset, query.offset + query.limit) };
  }

  get(id: number, caller: PlacementCaller): PlacementDetail {
    return this.detail(id, caller);
  }

  regionOf(id: number): string | null {
    const p = this.deps.placements.get(id);
    if (!p) throw notFound('选派记录', String(id));
    return p.regionCode;
  }

  serviceTime(id: number, caller: PlacementCaller, referenceDate?: string): ServiceTime {
    return serviceTimeOf(this.load(id, caller), referenceDate ?? this.today());
  }

  /** ServiceRecorder (review): the confirmed region's pairs become placements waiting for their agreement. */
  recordConfirmedPairs(pairs: readonly ConfirmedPair[], by: AuditActor): RecordedService[] {
    const out: RecordedService[] = [];
    for (const pair of pairs) {
      const { id: profileId, version } = parsePolicyRef(pair.policy);
      const made = this.make(
        {
          origin: 'review',
          expertExternalId: pair.expertId,
          enterpriseCreditCode: pair.enterpriseCreditCode,
          regionCode: pair.regionCode,
          profileId,
          profileVersion: version,
          cycleId: pair.cycleId,
          runId: pair.runId,
          demandExternalId: pair.demandId,
          termStart: pair.startDate,
        },
        SYSTEM_CALLER(by),
        `区县审核结果经市级确认（批次 ${pair.runId}，需求 ${pair.demandId}）`,
      );
      if (made)
        out.push({
          expertId: pair.expertId,
          demandId: pair.demandId,
          enterpriseCreditCode: pair.enterpriseCreditCode,
          cycle: pair.cycleId,
          startDate: made.termStart,
          endDate: made.termEnd!,
          placementId: made.id,
        });
    }
    return out;
  }

  /**
   * An agreed pair (the selection flow's, or one the county records): checked against every hard rule of the
   * cycle's profile, then made a placement like a confirmed pair (Wenzhou 四(二)–(三): 一对一在线洽谈 → 签订协议).
   */
  createFromAgreedPair(input: AgreedPairInput, caller: PlacementCaller): PlacementDetail {
    if (caller.role !== 'reviewer' && caller.role !== 'admin' && caller.role !== 'portal') throw new AppError('FORBIDDEN', '协商一致的选派由区县审核员或市级管理员登记');
    return this.deps.placements.transaction(() => {
      const enterprise = this.deps.placements.enterpriseOf(input.enterpriseCreditCode);
      if (!enterprise) throw notFound('企业', input.enterpriseCreditCode);
      if (caller.role === 'reviewer' && enterprise.regionCode !== caller.region)
        throw new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', { region: enterprise.regionCode });
      const termStart = input.termStart ?? this.today();
      const ev = this.deps.policies.checkEligibility({
        cycle: input.cycle,
        expertId: input.expertId,
        ...(input.demandId ? { demandId: input.demandId } : { enterpriseCreditCode: input.enterpriseCreditCode }),
      });
      if (!ev.eligible) refuseIneligible(ev, `专家 ${input.expertId} 与企业 ${input.enterpriseCreditCode} 的选派`);
      const made = this.make(
        {
          origin: 'agreed_pair',
          expertExternalId: input.expertId,
          enterpriseCreditCode: input.enterpriseCreditCode,
          regionCode: enterprise.regionCode,
          profileId: ev.policy.id,
          profileVersion: ev.policy.version,
          cycleId: input.cycle,
          runId: null,
          demandExternalId: input.demandId ?? null,
          termStart,
        },
        caller,
        '供需双方协商一致',
      );
      if (!made) throw new AppError('PLACEMENT_EXISTS', `专家 ${input.expertId} 在本周期已有服务企业 ${input.enterpriseCreditCode} 的选派记录`);
      return this.detail(made.id, caller);
    });
  }

  /**
   * Makes one placement (state pending_agreement, term from the profile) with its audit entry and the parties'
   * and county's notice; nothing when the expert already has one for the enterprise in the cycle.
   */
  protected make(
    x: Omit<NewPlacementRow, 'kind' | 'state' | 'expertId' | 'createdBy' | 'termEnd'> & { expertExternalId: string; cycleId: string },
    caller: PlacementCaller,
    note: string,
  ): PlacementRow | null {
    const expertId = this.deps.placements.expertIdOf(x.expertExternalId);
    if (expertId === undefined) {
      throw new AppError('EXPERT_NOT_FOUND', `专家 ${x.expertExternalId} 已不在专家库中，无法建立选派记录`, { expertId: x.expertExternalId, demandId: x.demandExternalId });
    }
    if (this.deps.placements.findForCycle(expertId, x.enterpriseCreditCode, x.cycleId)) return null;
    const profile = this.profileOf({ profileId: x.profileId ?? null, profileVersion: x.profileVersion ?? null });
    const years = settingsOf(profile).term?.years ?? 2;
    const { expertExternalId, ...rest } = x;
    const row = this.deps.placements.insert({
      ...rest,
      kind: 'programme',
      state: 'pending_agreement',
      expertId,
      termEnd: termEndOf(x.termStart, years),
      createdBy: caller.actor.actor,
      createdAt: this.now(),
    });
    this.deps.placements.touchExpert(expertId);
    const view = this.deps.placements.get(row.id)!;
    this.audit(
      caller,
      'placement.create',
      view,
      {},
      {
        state: row.state,
        origin: row.origin,
        expertId: expertExternalId,
        enterpriseCreditCode: row.enterpriseCreditCode,
        termStart: row.termStart,
        termEnd: row.termEnd,
        profile: row.profileId,
      },
      note,
    );
    this.notify(
      view,
      'placement.created',
      '科技副总选派已确定，请签订并上传三方协议',
      `${view.expertName} 将在 ${view.enterpriseName ?? view.enterpriseCreditCode} 担任科技副总（${row.termStart} 至 ${row.termEnd}）。请企业、专家与派出单位签订三方协议并上传，由区县科技部门备案。`,
      {
        enterprise: true,
        expert: true,
        county: true,
      },
    );
    return row;
  }
}
