import type { PlacementSettings } from '../policy/policy.schema';
import type { PeriodStatus, ServicePeriod, ServiceTime, ServiceTimeStatus } from './placement.schema';
import { addDays, addMonths, daysInclusive, minDate } from './term-dates';

type Rule = NonNullable<PlacementSettings['serviceTime']>;
type Log = { date: string; days: number; status: 'pending' | 'confirmed' | 'disputed' };

export const SERVICE_TIME_LABELS: Record<ServiceTimeStatus, string> = {
  on_track: '进度正常',
  behind: '进度落后',
  missed: '未达要求',
  not_started: '尚未开始',
  not_applicable: '无服务时间要求',
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const periodName = (rule: Rule, index: number) => (rule.period === 'month' ? `第 ${index} 个服务月` : `第 ${index} 个服务年度`);
const requirementText = (rule: Rule) => `${rule.period === 'month' ? '每月' : '每年'}服务不少于 ${rule.minDays} 天${rule.minVisits ? `、不少于 ${rule.minVisits} 次` : ''}`;

/**
 * The service-time verdict of one placement against its profile's minimum (Hubei 三 每月不少于 7 天; Xinxiang
 * 三(一)3 每年不少于 45 天; Liaocheng 第七条第1项 每年不少于 10 次、30 天; Wenzhou 六(四) 每年不少于 3 个月). The term
 * is cut into months or service years from its first day; only days the enterprise confirmed count. A period
 * that ended short is missed; the running one is behind when the confirmed days (and visits) are below the
 * pro-rata share of the minimum due by the reference date, rounded down to whole days so a period's first
 * days are not "behind". The placement is missed when any ended period was, else behind when the running one is.
 */
export function computeServiceTime(
  p: { termStart: string; endsOn: string | null; kind: 'programme' | 'historical' },
  rule: Rule | undefined,
  logs: readonly Log[],
  referenceDate: string,
): ServiceTime {
  const sum = (s: Log['status']) => round1(logs.filter((l) => l.status === s).reduce((n, l) => n + l.days, 0));
  const base = { referenceDate, confirmedDays: sum('confirmed'), pendingDays: sum('pending'), disputedDays: sum('disputed') };
  if (!rule || p.kind === 'historical') {
    return { ...base, status: 'not_applicable', rule: null, periods: [], message: '本策略未规定服务时间要求' };
  }
  const ruleOut = { period: rule.period, minDays: rule.minDays, minVisits: rule.minVisits ?? null, clause: rule.clause };
  const clause = `（${rule.clause.document} ${rule.clause.article}：${rule.clause.text ?? requirementText(rule)}）`;
  if (referenceDate < p.termStart) {
    return { ...base, status: 'not_started', rule: ruleOut, periods: [], message: `服务期自 ${p.termStart} 开始；要求${requirementText(rule)}${clause}` };
  }
  const months = rule.period === 'month' ? 1 : 12;
  const last = p.endsOn ?? addDays(addMonths(p.termStart, 24), -1);
  const periods: ServicePeriod[] = [];
  for (let i = 0; ; i++) {
    const from = addMonths(p.termStart, i * months);
    if (from > last) break;
    const fullTo = addDays(addMonths(p.termStart, (i + 1) * months), -1);
    const to = minDate(fullTo, last);
    // A period cut short by the term's end (an early termination) owes its share of the minimum.
    const share = daysInclusive(from, to) / daysInclusive(from, fullTo);
    const requiredDays = round1(rule.minDays * share);
    const requiredVisits = rule.minVisits ? Math.ceil(rule.minVisits * share) : null;
    const inPeriod = logs.filter((l) => l.date >= from && l.date <= to);
    const confirmed = inPeriod.filter((l) => l.status === 'confirmed');
    const confirmedDays = round1(confirmed.reduce((n, l) => n + l.days, 0));
    const pendingDays = round1(inPeriod.filter((l) => l.status === 'pending').reduce((n, l) => n + l.days, 0));
    const met = confirmedDays >= requiredDays && (requiredVisits === null || confirmed.length >= requiredVisits);
    let status: PeriodStatus;
    let expectedByNow: number;
    if (referenceDate < from) {
      status = 'upcoming';
      expectedByNow = 0;
    } else if (referenceDate > to) {
      status = met ? 'met' : 'missed';
      expectedByNow = requiredDays;
    } else {
      const elapsed = daysInclusive(from, referenceDate) / daysInclusive(from, to);
      expectedByNow = Math.floor(requiredDays * elapsed);
      const visitsDue = requiredVisits === null ? 0 : Math.floor(requiredVisits * elapsed);
      status = met ? 'met' : confirmedDays >= expectedByNow && confirmed.length >= visitsDue ? 'on_track' : 'behind';
    }
    periods.push({ index: i + 1, from, to, requiredDays, requiredVisits, confirmedDays, confirmedVisits: confirmed.length, pendingDays, expectedByNow, status });
  }
  const missed = periods.filter((x) => x.status === 'missed');
  const running = periods.find((x) => x.from <= referenceDate && referenceDate <= x.to);
  const status: ServiceTimeStatus = missed.length ? 'missed' : running?.status === 'behind' ? 'behind' : 'on_track';
  return { ...base, status, rule: ruleOut, periods, message: describe(status, rule, missed, running) + clause };
}

function describe(status: ServiceTimeStatus, rule: Rule, missed: ServicePeriod[], running: ServicePeriod | undefined): string {
  const visits = (x: ServicePeriod) => (x.requiredVisits !== null ? `、${x.confirmedVisits} 次` : '');
  if (status === 'missed') {
    const first = missed[0];
    return `${SERVICE_TIME_LABELS.missed}：${missed.length} 个期间未达${requirementText(rule)}，如${periodName(rule, first.index)}（${first.from} 至 ${first.to}）仅确认 ${first.confirmedDays} 天${visits(first)}`;
  }
  if (!running) return `${SERVICE_TIME_LABELS.on_track}：已结束的期间均达到${requirementText(rule)}`;
  const now = `${periodName(rule, running.index)}（${running.from} 至 ${running.to}）已确认 ${running.confirmedDays} 天${visits(running)}`;
  const visitsDue = running.requiredVisits ? `（本期须 ${running.requiredVisits} 次）` : '';
  if (status === 'behind') return `${SERVICE_TIME_LABELS.behind}：${now}，按进度此时应至少 ${running.expectedByNow} 天${visitsDue}`;
  return `${SERVICE_TIME_LABELS.on_track}：${now}，本期要求 ${running.requiredDays} 天${running.requiredVisits ? `、${running.requiredVisits} 次` : ''}`;
}
