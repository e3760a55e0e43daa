import { GRADES } from '../intake/common.schema';
import type { PlacementSettings } from '../policy/policy.schema';
import { AppError } from '../shared/errors';
import { OUTCOME_KINDS, PLACEMENT_STATES, SERVICE_TIME_STATUSES } from './placement.schema';
import type { CityDashboard, CountyDashboard, Grade, OutcomeTargetLine, ProfileTargets, RegionFigures, TopList } from './placement.schema';
import { PlacementCore } from './placement-core';
import { type PlacementBundle, serviceTimeOf, settingsOf, toAgreement, toSummary } from './placement-view.builder';
import type { PlacementCaller, PlacementDashboards } from './placement.types';
import { addDays, addMonths, minDate } from './term-dates';

type Target = PlacementSettings['targets'][number];

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const GRADE_RANK: Record<Grade, number> = { 优秀: 0, 良好: 1, 合格: 2, 不合格: 3 };

/** Outcomes of a placement counted by a target (its kind, and for filings the listed IP types), from..to inclusive. */
function countOutcomes(b: PlacementBundle, t: Pick<Target, 'kind' | 'ipTypes'>, from: string, to: string): number {
  return b.outcomes.filter((o) => o.kind === t.kind && o.date >= from && o.date <= to && (!t.ipTypes || t.ipTypes.includes(o.ipType as never))).reduce((n, o) => n + o.quantity, 0);
}

/**
 * The county's and the city's figures over the placements (counts by state, service time on track / behind /
 * missed with the clause, overdue agreements, outcomes against the programme's targets — Wenzhou 一, Liaocheng
 * 第七条, Xinxiang 二(二), Hubei 一) and the yearly top list (Wenzhou 五(一)).
 */
export class PlacementDashboardService extends PlacementCore implements PlacementDashboards {
  county(region: string, caller: PlacementCaller, referenceDate?: string): CountyDashboard {
    if (caller.role === 'participant') throw new AppError('FORBIDDEN', '无权查看区县统计');
    if (caller.role === 'reviewer' && caller.region !== region) throw new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', { region });
    const ref = referenceDate ?? this.today();
    const bundles = this.listBundles({ kind: 'programme', regions: [region] });
    const summaries = bundles.map((b) => ({ b, s: toSummary(b, ref, this.deps.agreementDays), t: serviceTimeOf(b, ref) }));
    const attention = summaries
      .map(({ b, s, t }) => ({ ...s, reasons: this.reasonsOf(b, ref, t.status === 'behind' || t.status === 'missed' ? t.message : null) }))
      .filter((x) => x.reasons.length > 0);
    return {
      referenceDate: ref,
      figures: this.figures(region, bundles, ref),
      targets: this.targetsOf(bundles, ref),
      attention,
      placements: summaries.map(({ s, t }) => ({ ...s, serviceTimeMessage: t.message })),
    };
  }

  city(caller: PlacementCaller, referenceDate?: string): CityDashboard {
    if (caller.role !== 'admin' && caller.role !== 'viewer') throw new AppError('FORBIDDEN', '市级统计仅限市级管理员和只读账号');
    const ref = referenceDate ?? this.today();
    const bundles = this.listBundles({ kind: 'programme' });
    const byRegion = new Map<string, PlacementBundle[]>();
    for (const b of bundles) byRegion.set(b.p.regionCode ?? '', [...(byRegion.get(b.p.regionCode ?? '') ?? []), b]);
    const { regionCode: _c, regionName: _n, ...totals } = this.figures('', bundles, ref);
    return {
      referenceDate: ref,
      totals,
      counties: [...byRegion.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, list]) => this.figures(code, list, ref)),
      targets: this.targetsOf(bundles, ref),
    };
  }

  targets(caller: PlacementCaller, region?: string, referenceDate?: string): ProfileTargets[] {
    if (caller.role === 'participant') throw new AppError('FORBIDDEN', '无权查看统计');
    const scope = caller.role === 'reviewer' ? caller.region! : region;
    if (caller.role === 'reviewer' && region && region !== caller.region) throw new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', { region });
    return this.targetsOf(this.listBundles({ kind: 'programme', regions: scope ? [scope] : undefined }), referenceDate ?? this.today());
  }

  topList(year: number, caller: PlacementCaller, region?: string): TopList {
    if (caller.role === 'participant') throw new AppError('FORBIDDEN', '无权查看排名');
    const scope = caller.role === 'reviewer' ? caller.region! : region;
    const bundles = this.listBundles({ kind: 'programme', regions: scope ? [scope] : undefined }).filter((b) => settingsOf(b.profile).topList);
    const first = bundles.map((b) => settingsOf(b.profile).topList!)[0];
    const clause = first?.clause ?? { document: '温州市深化科技副总派驻工作实施方案', article: '五(一)', text: '每年工作成效排前十的科技副总' };
    const size = first?.size ?? 10;
    const ranked = (y: number) => this.rank(bundles, y).slice(0, size);
    const previous = new Set(ranked(year - 1).map((r) => r.b.p.id));
    const today = this.today();
    return {
      year,
      size,
      clause,
      items: ranked(year).map((r, i) => ({
        rank: i + 1,
        placement: toSummary(r.b, today, this.deps.agreementDays),
        grade: r.grade,
        outcomeCount: r.outcomes,
        confirmedServiceDays: r.days,
        consecutive: previous.has(r.b.p.id),
      })),
    };
  }

  /** A year's candidates: a grade the city confirmed that year (不合格 never listed), then outcomes and confirmed days of that year. */
  private rank(bundles: PlacementBundle[], year: number) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const out: Array<{ b: PlacementBundle; grade: Grade; outcomes: number; days: number }> = [];
    for (const b of bundles) {
      const graded = b.evaluations.filter((e) => e.status === 'confirmed' && e.cityAt && e.cityAt.slice(0, 4) === String(year) && e.countyGrade && e.countyGrade !== '不合格');
      if (graded.length === 0) continue;
      const grade = graded.map((e) => e.countyGrade as Grade).sort((x, y) => GRADE_RANK[x] - GRADE_RANK[y])[0];
      const outcomes = b.outcomes.filter((o) => o.date >= from && o.date <= to).reduce((n, o) => n + o.quantity, 0);
      const days = b.logs.filter((l) => l.status === 'confirmed' && l.date >= from && l.date <= to).reduce((n, l) => n + l.days, 0);
      out.push({ b, grade, outcomes, days });
    }
    return out.sort((x, y) => GRADE_RANK[x.grade] - GRADE_RANK[y.grade] || y.outcomes - x.outcomes || y.days - x.days || x.b.p.id - y.b.p.id);
  }

  private reasonsOf(b: PlacementBundle, ref: string, serviceMessage: string | null): string[] {
    const reasons: string[] = [];
    const a = toAgreement(b, ref, this.deps.agreementDays);
    if (serviceMessage) reasons.push(serviceMessage);
    if (a.overdue) reasons.push(`三方协议逾期未备案（应于 ${a.dueOn} 前备案）`);
    if (a.status === 'submitted') reasons.push('三方协议待备案');
    if (b.termination?.status === 'requested') reasons.push('提前终止申请待备案');
    if (b.evaluations.some((e) => e.status === 'assessed' || e.status === 'returned')) reasons.push('评价待区县评定等次');
    return reasons;
  }

  private figures(region: string, bundles: PlacementBundle[], ref: string): RegionFigures {
    const byState = zeroes(PLACEMENT_STATES);
    const byServiceTime = zeroes(SERVICE_TIME_STATUSES);
    const outcomes = zeroes(OUTCOME_KINDS);
    const grades = zeroes(GRADES);
    let overdue = 0;
    let days = 0;
    let terminations = 0;
    let pendingGrades = 0;
    for (const b of bundles) {
      byState[b.p.state] += 1;
      const t = serviceTimeOf(b, ref);
      byServiceTime[t.status] += 1;
      days += t.confirmedDays;
      if (toAgreement(b, ref, this.deps.agreementDays).overdue) overdue += 1;
      for (const o of b.outcomes) outcomes[o.kind as keyof typeof outcomes] += o.quantity;
      if (b.p.grade) grades[b.p.grade as Grade] += 1;
      if (b.termination?.status === 'requested') terminations += 1;
      pendingGrades += b.evaluations.filter((e) => e.status !== 'confirmed').length;
    }
    return {
      regionCode: region,
      regionName: this.regionName(region) ?? '',
      placements: bundles.length,
      byState,
      byServiceTime,
      agreementOverdue: overdue,
      confirmedServiceDays: Math.round(days * 10) / 10,
      outcomes,
      grades,
      pendingTerminations: terminations,
      pendingGrades,
    };
  }

  private targetsOf(bundles: PlacementBundle[], ref: string): ProfileTargets[] {
    const byProfile = new Map<string, PlacementBundle[]>();
    for (const b of bundles) if (b.profile) byProfile.set(b.profile.id, [...(byProfile.get(b.profile.id) ?? []), b]);
    return [...byProfile.values()].map((list) => {
      const profile = list[0].profile!;
      return {
        profile: { id: profile.id, version: profile.version, name: profile.name },
        placements: list.length,
        lines: settingsOf(profile).targets.map((t) => this.targetLine(t, list, ref)),
      };
    });
  }

  private targetLine(t: Target, list: PlacementBundle[], ref: string): OutcomeTargetLine {
    const base = { kind: t.kind, label: t.label, scope: t.scope, clause: t.clause, until: t.until ?? null };
    if (t.scope === 'programme') {
      const until = minDate(t.until ?? ref, ref);
      const started = list.filter((b) => b.p.termStart <= until);
      const actual =
        t.kind === 'placements'
          ? started.length
          : t.kind === 'enterprises'
            ? new Set(started.map((b) => b.p.enterpriseCreditCode)).size
            : list.reduce((n, b) => n + countOutcomes(b, t, '0000-01-01', until), 0);
      return { ...base, target: t.min, actual, met: null, of: null };
    }
    // Every service year each placement has begun owes the minimum; only the years that ended are judged.
    let target = 0;
    let actual = 0;
    let met = 0;
    let of = 0;
    for (const b of list) {
      const last = b.p.endedOn ?? b.p.termEnd ?? ref;
      for (let y = 0; ; y++) {
        const from = addMonths(b.p.termStart, y * 12);
        if (from > ref || from > last) break;
        const to = minDate(addDays(addMonths(b.p.termStart, (y + 1) * 12), -1), last);
        const n = t.kind === 'placements' || t.kind === 'enterprises' ? 0 : countOutcomes(b, t, from, to);
        target += t.min;
        actual += n;
        if (to < ref) {
          of += 1;
          if (n >= t.min) met += 1;
        }
      }
    }
    return { ...base, target, actual, met, of };
  }
}
