import type { DemandRepository, StoredDemand } from '../intake/demand.repository';
import { requestsVicePresident } from '../intake/demand.schema';
import type { ReferenceRepository } from '../intake/reference.repository';
import { failedHardRules, toPolicyFlag, toUnknownFlag, unknownHardRules } from '../policy/policy-flags';
import type { PolicyService } from '../policy/policy.service';
import type { Ranker } from '../ranking/ranker.port';
import type { RankedCandidate } from '../ranking/ranking.schema';
import { AppError, notFound } from '../shared/errors';
import type { RefusalDetails } from './selection.schema';

/** Candidates the ranker is asked for per demand: the enterprise's shortlist and what "matches an expert" means. */
export const SHORTLIST_TOP = 20;
/** How many demands an expert sees at most. */
export const EXPERT_MATCHES_MAX = 20;

export type SelectionRankingDeps = {
  ranker: Pick<Ranker, 'rank'>;
  /** The records' change watermark (RankingRepository.changeSeq): a cached shortlist is valid until it moves. */
  changeSeq: () => number;
  demands: Pick<DemandRepository, 'getByExternalId' | 'listByCycle'>;
  reference: Pick<ReferenceRepository, 'getCycle' | 'listCycles'>;
  policies: Pick<PolicyService, 'checkEligibility'>;
};

/** A demand's place in an expert's matches: the demand, the expert's rank on its shortlist and their entry. */
export type DemandMatch = { stored: StoredDemand; rank: number; candidate: RankedCandidate };

/**
 * Both sides see the same ranking: the enterprise the shortlist of its demand, the expert the approved demands
 * whose shortlists they are on (ranked by the same HybridRanker under the cycle's profile — rather than read from
 * the last cycle run, which may not exist yet during selection or be older than the records). Only eligible
 * candidates are kept (no 待核实 with an undecided hard rule, never an excluded one). Shortlists are cached per
 * demand until the records' watermark or the cycle changes.
 */
export class SelectionRankingService {
  private readonly cache = new Map<string, { stamp: string; candidates: RankedCandidate[] }>();

  constructor(private readonly deps: SelectionRankingDeps) {}

  /** The approved demand that asks for a 科技副总 (404, or 409 with why it is not in selection). */
  selectableDemand(demandId: string): StoredDemand {
    const stored = this.deps.demands.getByExternalId(demandId);
    if (!stored) throw notFound('需求', demandId);
    if (stored.review !== 'approved') throw new AppError('DEMAND_NOT_APPROVED', `需求 ${demandId} 尚未通过区县科技部门审核，审核通过后才进入双向选择`, { demandId });
    if (!requestsVicePresident(stored.demand)) throw new AppError('DEMAND_NOT_MATCHABLE', `需求 ${demandId} 未申请科技副总，不进入双向选择`, { demandId });
    const cycle = this.deps.reference.getCycle(stored.demand.cycle);
    if (!cycle || cycle.status !== 'open') throw new AppError('CYCLE_CLOSED', `选派周期 ${stored.demand.cycle} 已关闭`);
    return stored;
  }

  /** The eligible shortlist of a demand, best first. */
  async shortlist(stored: StoredDemand): Promise<RankedCandidate[]> {
    const d = stored.demand;
    const stamp = `${this.deps.changeSeq()}|${JSON.stringify(this.deps.reference.getCycle(d.cycle) ?? null)}`;
    const hit = this.cache.get(d.externalId);
    if (hit && hit.stamp === stamp) return hit.candidates;
    const res = await this.deps.ranker.rank(
      { demandId: d.externalId, title: d.title, description: d.description, expectedField: d.expectedField, namedCandidates: d.namedCandidates },
      { cycleId: d.cycle, top: SHORTLIST_TOP, excluded: 0 },
    );
    const candidates = res.candidates.filter((c) => (c.unknown?.length ?? 0) === 0);
    this.cache.set(d.externalId, { stamp, candidates });
    return candidates;
  }

  /** Approved demands of open cycles whose shortlist holds the expert, best rank first. */
  async matchesFor(expertId: string): Promise<DemandMatch[]> {
    const out: DemandMatch[] = [];
    for (const cycle of this.deps.reference.listCycles().filter((c) => c.status === 'open')) {
      for (const stored of this.deps.demands.listByCycle(cycle.id)) {
        if (stored.review !== 'approved' || !requestsVicePresident(stored.demand)) continue;
        const list = await this.shortlist(stored);
        const at = list.findIndex((c) => c.expertId === expertId);
        if (at >= 0) out.push({ stored, rank: at + 1, candidate: list[at] });
      }
    }
    return out.sort((a, b) => a.rank - b.rank || b.candidate.score - a.candidate.score).slice(0, EXPERT_MATCHES_MAX);
  }

  /**
   * Every hard rule of the cycle's profile for the pair, now: a failed one refuses with its clauses
   * (SELECTION_INELIGIBLE), an undecidable one refuses for county review (SELECTION_UNVERIFIED) — never a silent pass.
   */
  assertPairEligible(demandId: string, expertId: string): void {
    const ev = this.deps.policies.checkEligibility({ demandId, expertId });
    const details: RefusalDetails = { expertId, failed: failedHardRules(ev).map(toPolicyFlag), unknown: unknownHardRules(ev).map(toUnknownFlag) };
    if (ev.status === 'ineligible') {
      const codes = details.failed.map((f) => `${f.clause.document} ${f.clause.article}：${f.message}`).join('；');
      throw new AppError('SELECTION_INELIGIBLE', `专家 ${expertId} 不符合硬性条件：${codes}`, details);
    }
    if (ev.status === 'unknown') {
      throw new AppError('SELECTION_UNVERIFIED', `专家 ${expertId} 有硬性条件因缺少信息无法判断（需区县科技部门人工核实后再选）`, details);
    }
  }
}
