import type { ExpertRepository } from '../intake/expert.repository';
import { compileProfile } from '../policy/compile-profile';
import { evaluateExpert } from '../policy/evaluate';
import type { PolicyContext } from '../policy/evaluation.types';
import type { PolicyProfile } from '../policy/policy.schema';
import type { RankingRepository } from './ranking.repository';

/** Expert-only verdict: eligible; failing only rules a demand could relax (named and agreed, renewal); or out. */
export const ExpertStatus = { Excluded: 0, Eligible: 1, PairRelaxable: 2 } as const;
export type ExpertStatus = (typeof ExpertStatus)[keyof typeof ExpertStatus];

/** The expert-only verdicts of the whole pool for one (profile, context). */
export type EligibilitySnapshot = {
  key: string;
  /** True when the profile has no expert-only hard rules: everyone passes, nothing was loaded. */
  all: boolean;
  status(expertId: number): ExpertStatus;
  /** Experts with status Eligible (all experts when `all`). */
  eligibleCount: number;
  /** Ids of the Eligible experts, ascending (undefined when `all`). */
  eligibleIds?: number[];
  /** Ids of the Excluded and PairRelaxable experts, ascending (empty when `all`). */
  excludedIds: number[];
  seq: number;
  builtMs: number;
};

type Entry = { statuses: Map<number, ExpertStatus>; seq: number; snapshot: EligibilitySnapshot };

const MAX_SNAPSHOTS = 8;
const PAGE = 1000;

/** What a snapshot depends on besides the records: the profile version and the context facts expert rules read. */
export function snapshotKey(profile: PolicyProfile, ctx: PolicyContext): string {
  const prev = ctx.previousCycleExpertIds ? [...ctx.previousCycleExpertIds].sort().join(',') : '';
  return `${profile.id}@${profile.version}|${ctx.referenceDate}|${ctx.cycleId ?? ''}|${(ctx.previousCycleIds ?? []).join(',')}|${prev.length}:${hashLite(prev)}`;
}

function hashLite(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Evaluates the expert-only rules of a profile for every expert once per (profile, reference date, cycle
 * facts) and keeps the verdicts; when records change (change-log watermark) only the changed experts are
 * re-evaluated. Pair rules, which need the demand and enterprise, are left to the few final candidates.
 */
export class EligibilityCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: { experts: Pick<ExpertRepository, 'iterate' | 'getByIds'>; ranking: Pick<RankingRepository, 'expertsChangedSince'> }) {}

  get(profile: PolicyProfile, ctx: PolicyContext, seq: number): EligibilitySnapshot {
    const hard = compileProfile(profile).expertRules.some((r) => r.rule.effect === 'hard');
    const key = snapshotKey(profile, ctx);
    if (!hard) {
      return { key, all: true, status: () => ExpertStatus.Eligible, eligibleCount: Number.POSITIVE_INFINITY, excludedIds: [], seq, builtMs: 0 };
    }
    let entry = this.entries.get(key);
    if (entry && entry.seq === seq) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.snapshot;
    }
    const started = performance.now();
    const statuses = entry?.statuses ?? new Map<number, ExpertStatus>();
    const verdict = (e: Parameters<typeof evaluateExpert>[1]) => {
      const ev = evaluateExpert(profile, e, ctx);
      return ev.eligible ? ExpertStatus.Eligible : ev.pairRelaxable ? ExpertStatus.PairRelaxable : ExpertStatus.Excluded;
    };
    if (!entry) {
      for (const { id, expert } of this.deps.experts.iterate(PAGE)) statuses.set(id, verdict(expert));
    } else {
      const changed = this.deps.ranking.expertsChangedSince(entry.seq);
      for (let i = 0; i < changed.length; i += PAGE) {
        const ids = changed.slice(i, i + PAGE);
        const records = this.deps.experts.getByIds(ids);
        for (const id of ids) {
          const e = records.get(id);
          if (e) statuses.set(id, verdict(e));
          else statuses.delete(id);
        }
      }
    }
    const eligibleIds: number[] = [];
    const excludedIds: number[] = [];
    for (const [id, s] of statuses) (s === ExpertStatus.Eligible ? eligibleIds : excludedIds).push(id);
    eligibleIds.sort((a, b) => a - b);
    excludedIds.sort((a, b) => a - b);
    const snapshot: EligibilitySnapshot = {
      key,
      all: false,
      status: (id) => statuses.get(id) ?? ExpertStatus.Excluded,
      eligibleCount: eligibleIds.length,
      eligibleIds,
      excludedIds,
      seq,
      builtMs: Math.round(performance.now() - started),
    };
    entry = { statuses, seq, snapshot };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > MAX_SNAPSHOTS) this.entries.delete(this.entries.keys().next().value!);
    return snapshot;
  }
}
