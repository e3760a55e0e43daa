import type { ReferenceRepository } from '../intake/reference.repository';
import type { PolicyService } from '../policy/policy.service';
import { type AuditActor, type AuditTrail, diffFields } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import type { CycleSettingsRow, SelectionRepository } from './selection.repository';
import { type CycleSettings, type CycleSettingsBody, DEFAULT_INTEREST_LIMIT, DEFAULT_STALE_DAYS, type Deadlines } from './selection.schema';

export type SelectionSettingsDeps = {
  selection: Pick<SelectionRepository, 'cycleSettings' | 'saveCycleSettings'>;
  reference: Pick<ReferenceRepository, 'getCycle'>;
  policies: Pick<PolicyService, 'resolve'>;
  audit: AuditTrail;
  transaction: Transaction;
  now: () => string;
};

/**
 * A cycle's selection stages and numbers. Deadlines are the cycle's (invitations close: no new interest from
 * either side; choice closes: no choice or confirmation — after it the cycle run fills the rest). N (interests
 * per demand) and X (days before an untalked demand is shown to the county) come from the cycle's setting, else
 * the profile's `selection` setting, else the defaults 5 and 7.
 */
export class SelectionSettingsService {
  constructor(private readonly deps: SelectionSettingsDeps) {}

  settings(cycleId: string): CycleSettings {
    const cycle = this.deps.reference.getCycle(cycleId);
    if (!cycle) throw notFound('选派周期', cycleId);
    const row = this.deps.selection.cycleSettings(cycleId);
    const profile = this.deps.policies.resolve(cycle.policy).selection;
    const pick = (own: number | null | undefined, prof: number | undefined, dflt: number) =>
      own != null ? { value: own, source: 'cycle' as const } : prof !== undefined ? { value: prof, source: 'profile' as const } : { value: dflt, source: 'default' as const };
    const limit = pick(row?.interestLimit, profile?.interestLimit, DEFAULT_INTEREST_LIMIT);
    const stale = pick(row?.staleDays, profile?.staleDays, DEFAULT_STALE_DAYS);
    return {
      cycleId,
      invitationsCloseAt: row?.invitationsCloseAt ?? null,
      choiceCloseAt: row?.choiceCloseAt ?? null,
      interestLimit: limit.value,
      interestLimitSource: limit.source,
      staleDays: stale.value,
      staleDaysSource: stale.source,
    };
  }

  deadlines(cycleId: string): Deadlines {
    const s = this.settings(cycleId);
    const now = Date.parse(this.deps.now());
    const open = (at: string | null) => at === null || now < Date.parse(at);
    return { invitationsCloseAt: s.invitationsCloseAt, choiceCloseAt: s.choiceCloseAt, invitationsOpen: open(s.invitationsCloseAt), choiceOpen: open(s.choiceCloseAt) };
  }

  assertInvitationsOpen(cycleId: string): void {
    const d = this.deadlines(cycleId);
    if (!d.invitationsOpen) throw new AppError('INVITATIONS_CLOSED', `选派周期 ${cycleId} 的意向与邀请已于 ${d.invitationsCloseAt} 截止`, { closedAt: d.invitationsCloseAt });
  }

  assertChoiceOpen(cycleId: string): void {
    const d = this.deadlines(cycleId);
    if (!d.choiceOpen) throw new AppError('CHOICE_CLOSED', `选派周期 ${cycleId} 的选定与确认已于 ${d.choiceCloseAt} 截止，其余由匹配批次安排`, { closedAt: d.choiceCloseAt });
  }

  save(cycleId: string, body: CycleSettingsBody, actor: AuditActor): CycleSettings {
    const cycle = this.deps.reference.getCycle(cycleId);
    if (!cycle) throw notFound('选派周期', cycleId);
    if (body.invitationsCloseAt && body.choiceCloseAt && Date.parse(body.choiceCloseAt) < Date.parse(body.invitationsCloseAt)) {
      throw new AppError('VALIDATION_FAILED', '选定截止时间不能早于意向截止时间', [{ field: 'choiceCloseAt', message: '选定截止时间不能早于意向截止时间' }]);
    }
    return this.deps.transaction(() => {
      const before = this.deps.selection.cycleSettings(cycleId);
      const row: CycleSettingsRow = { cycleId, ...body, updatedAt: this.deps.now() };
      this.deps.selection.saveCycleSettings(row);
      const { updatedAt: _b, ...b } = before ?? ({} as Partial<CycleSettingsRow>);
      const { updatedAt: _a, ...a } = row;
      this.deps.audit.append({ ...actor, action: 'selection.settings', entity: 'cycle', entityId: cycleId, regionCode: null, ...diffFields(b, a) });
      return this.settings(cycleId);
    });
  }
}
