import type { ReferenceRepository } from '../intake/reference.repository';
import type { PolicyService } from '../policy/policy.service';
import type { PolicyProfile } from '../policy/policy.schema';
import { todayInChina } from '../policy/calendar';
import type { AuditTrail } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { PlacementActivityRepository } from './placement-activity.repository';
import { type PlacementBundle, partyOf, toDetail } from './placement-view.builder';
import type { PlacementFilter, PlacementRepository, PlacementView } from './placement.repository';
import type { PartySide, PlacementDetail } from './placement.schema';
import type { PlacementCaller, PlacementNotification, PlacementNotifier } from './placement.types';

export interface PlacementDeps {
  placements: PlacementRepository;
  activity: PlacementActivityRepository;
  audit: AuditTrail;
  notifier: PlacementNotifier;
  /** The placement's profile (its id@version, or the latest for "the rules of the time"). */
  policies: Pick<PolicyService, 'resolve' | 'checkEligibility'>;
  reference: Pick<ReferenceRepository, 'listRegions'>;
  /** Days after creation a placement's agreement is due (config PLACEMENT_AGREEMENT_DAYS). */
  agreementDays: number;
  /** ISO timestamp of "now" (tests pin it); the calendar day is China's. */
  now?: () => string;
}

const SIDE_LABELS: Record<PartySide, string> = { enterprise: '企业', expert: '专家' };
export const sideLabel = (s: PartySide) => SIDE_LABELS[s];

/**
 * What every placement use-case shares: loading a placement with everything its read model needs, the
 * access checks (a county reviewer acts in their county, a party on its own placements), the audit entry and
 * the notification of a change, both in the change's transaction.
 */
export class PlacementCore {
  protected readonly now: () => string;
  private regionNames?: Map<string, string>;

  constructor(protected readonly deps: PlacementDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  protected today(): string {
    return todayInChina(new Date(this.now()));
  }

  protected profileOf(p: Pick<PlacementView, 'profileId' | 'profileVersion'>): PolicyProfile | null {
    if (!p.profileId) return null;
    return this.deps.policies.resolve(p.profileVersion ? `${p.profileId}@${p.profileVersion}` : p.profileId);
  }

  protected regionName(code: string | null): string | null {
    if (!code) return null;
    this.regionNames ??= new Map(this.deps.reference.listRegions().map((r) => [r.code, r.name]));
    return this.regionNames.get(code) ?? code;
  }

  /** Bundles of the placements matching `filter`, built with a few queries whatever their number. */
  protected bundles(views: PlacementView[]): PlacementBundle[] {
    const ids = views.map((v) => v.id);
    const group = <T extends { placementId: number }>(rows: T[]) => {
      const m = new Map<number, T[]>();
      for (const r of rows) m.set(r.placementId, [...(m.get(r.placementId) ?? []), r]);
      return m;
    };
    const agreements = new Map(this.deps.placements.agreementsOf(ids).map((a) => [a.placementId, a]));
    const terminations = new Map(this.deps.placements.terminationsOf(ids).map((a) => [a.placementId, a]));
    const renewals = new Map(this.deps.placements.renewalsOf(ids).map((a) => [a.placementId, a]));
    const successors = this.deps.placements.successorsOf(ids);
    const docs = group(this.deps.placements.documentsOf(ids));
    const logs = group(this.deps.activity.logsOf(ids));
    const outcomes = group(this.deps.activity.outcomesOf(ids));
    const evaluations = group(this.deps.activity.evaluationsOf(ids));
    return views.map((p) => ({
      p,
      profile: this.profileOf(p),
      regionName: this.regionName(p.regionCode),
      agreement: agreements.get(p.id),
      documents: docs.get(p.id) ?? [],
      logs: logs.get(p.id) ?? [],
      outcomes: outcomes.get(p.id) ?? [],
      evaluations: evaluations.get(p.id) ?? [],
      termination: terminations.get(p.id),
      renewal: renewals.get(p.id),
      renewedTo: successors.get(p.id) ?? null,
    }));
  }

  protected listBundles(filter: PlacementFilter): PlacementBundle[] {
    return this.bundles(this.deps.placements.list(filter).items);
  }

  /** One placement the caller may see; 404 when missing, 403 outside a reviewer's county or a party's own. */
  protected load(id: number, caller: PlacementCaller): PlacementBundle {
    const p = this.deps.placements.get(id);
    if (!p) throw notFound('选派记录', String(id));
    this.assertVisible(p, caller);
    return this.bundles([p])[0];
  }

  protected assertVisible(p: PlacementView, caller: PlacementCaller): void {
    if (caller.role === 'reviewer' && p.regionCode !== caller.region) throw new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', { region: p.regionCode });
    if (caller.role === 'participant' && partyOf(caller, p) === null) throw new AppError('FORBIDDEN', '只能查看本人（本企业）的选派记录');
  }

  protected detail(id: number, caller: PlacementCaller): PlacementDetail {
    return toDetail(this.load(id, caller), caller, this.today(), this.deps.agreementDays);
  }

  /** The county's step: only a reviewer of the placement's county. */
  protected assertCounty(caller: PlacementCaller): void {
    if (caller.role !== 'reviewer') throw new AppError('FORBIDDEN', '此操作由区县科技部门（区县审核员）办理');
  }

  protected assertCity(caller: PlacementCaller): void {
    if (caller.role !== 'admin') throw new AppError('FORBIDDEN', '此操作由市级管理员办理');
  }

  /**
   * A party's step: the party itself, or staff / a portal recording it on the party's behalf (they name the
   * side). Returns the side acting.
   */
  protected assertParty(b: PlacementBundle, caller: PlacementCaller, allowed: readonly PartySide[]): PartySide {
    if (caller.role === 'viewer') throw new AppError('FORBIDDEN', '只读账号不能办理');
    if (!caller.party) throw new AppError('SIDE_REQUIRED', `请注明代哪一方办理（side：${allowed.map((s) => `${s} ${sideLabel(s)}`).join('、')}）`);
    const side = partyOf(caller, b.p);
    if (side === null) throw new AppError('FORBIDDEN', '只能办理本人（本企业）的选派事项');
    if (!allowed.includes(side)) throw new AppError('FORBIDDEN', `此操作由${allowed.map(sideLabel).join('或')}办理`);
    return side;
  }

  protected assertState(b: PlacementBundle, allowed: readonly PlacementView['state'][], what: string): void {
    if (b.p.kind !== 'programme' || !allowed.includes(b.p.state)) {
      throw new AppError('PLACEMENT_STATE_CONFLICT', `选派记录当前状态为“${stateText(b.p.state)}”，不能${what}`, { state: b.p.state });
    }
  }

  /** The audit entry of a change, in its transaction; entity 'placement', id the placement's. */
  protected audit(caller: PlacementCaller, action: string, p: PlacementView, before: unknown, after: unknown, note?: string): void {
    this.deps.audit.append({ ...caller.actor, action, entity: 'placement', entityId: String(p.id), regionCode: p.regionCode, before, after, note: note ?? null });
  }

  /** Tells the parties and/or the county, in the change's transaction. */
  protected notify(p: PlacementView, type: string, subject: string, body: string, to: { enterprise?: boolean; expert?: boolean; county?: boolean }): void {
    const recipients: PlacementNotification['recipients'][number][] = [];
    if (to.enterprise) recipients.push({ kind: 'participant', side: 'enterprise', key: p.enterpriseCreditCode });
    if (to.expert) recipients.push({ kind: 'participant', side: 'expert', key: p.expertExternalId });
    if (to.county && p.regionCode) recipients.push({ kind: 'county', regionCode: p.regionCode });
    if (recipients.length === 0 || !p.regionCode) return;
    this.deps.notifier.notify({ type, regionCode: p.regionCode, subject, body, link: `/placements/${p.id}`, recipients, data: { placementId: p.id } });
  }
}

const STATE_TEXT: Record<PlacementView['state'], string> = {
  pending_agreement: '待备案协议',
  active: '服务中',
  terminated: '已提前终止',
  evaluated: '已完成期满评价',
  renewed: '已续聘',
  historical: '历史服务',
};
const stateText = (s: PlacementView['state']) => STATE_TEXT[s];
