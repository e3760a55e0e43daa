import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import { AppError, notFound } from '../shared/errors';
import { stageOf } from './demand-stage';
import { toInterest } from './selection-events';
import type { SelectionRankingService } from './selection-ranking.service';
import type { SelectionSettingsService } from './selection-settings.service';
import type { SelectionRepository } from './selection.repository';
import type { ExpertMatches, Shortlist } from './selection.schema';
import type { SelectionParty } from './selection.types';

export type ShortlistServiceDeps = {
  ranking: Pick<SelectionRankingService, 'selectableDemand' | 'shortlist' | 'matchesFor'>;
  selection: Pick<SelectionRepository, 'listViews' | 'pausedAmong' | 'expertSettings'>;
  experts: Pick<ExpertRepository, 'findIdByExternalId'>;
  enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
  settings: Pick<SelectionSettingsService, 'settings' | 'deadlines'>;
};

/**
 * What each side sees to start from: the enterprise its demand's shortlist (eligible experts only, with the
 * explanation and evidence; never an excluded one, never contact details), the expert the approved demands whose
 * shortlists they are on. Both come from the same ranker and rules (SelectionRankingService).
 */
export class ShortlistService {
  constructor(private readonly deps: ShortlistServiceDeps) {}

  async shortlist(party: SelectionParty, demandId: string): Promise<Shortlist> {
    if (party.side !== 'enterprise') throw new AppError('FORBIDDEN', '仅企业可查看本企业需求的推荐名单');
    const stored = this.deps.ranking.selectableDemand(demandId);
    if (stored.demand.enterpriseCreditCode !== party.key) throw notFound('需求', demandId);
    const candidates = await this.deps.ranking.shortlist(stored);
    const interests = this.deps.selection.listViews({ demandId });
    const byExpert = new Map(interests.map((i) => [i.expertId, i]));
    const rowIds = new Map(candidates.map((c) => [c.expertId, this.deps.experts.findIdByExternalId(c.expertId)]));
    const paused = this.deps.selection.pausedAmong([...rowIds.values()].filter((id): id is number => id !== undefined));
    const listed = new Set(candidates.map((c) => c.expertId));
    const cycleId = stored.demand.cycle;
    return {
      demandId,
      demandTitle: stored.demand.title,
      cycleId,
      stage: stageOf(interests.map((i) => i.state)),
      interestLimit: this.deps.settings.settings(cycleId).interestLimit,
      interestsUsed: interests.filter((i) => i.state !== 'declined' && i.enterpriseInterestedAt !== null).length,
      deadlines: this.deps.settings.deadlines(cycleId),
      candidates: candidates.map((c) => {
        const i = byExpert.get(c.expertId);
        return { ...c, paused: paused.has(rowIds.get(c.expertId) ?? -1), interest: i ? toInterest(i) : null };
      }),
      others: interests.filter((i) => !listed.has(i.expertId)).map(toInterest),
    };
  }

  async matches(party: SelectionParty): Promise<ExpertMatches> {
    if (party.side !== 'expert') throw new AppError('FORBIDDEN', '仅专家本人可查看匹配的需求');
    const rowId = this.deps.experts.findIdByExternalId(party.key);
    if (rowId === undefined) throw notFound('专家', party.key);
    const found = await this.deps.ranking.matchesFor(party.key);
    const mine = new Map(this.deps.selection.listViews({ expertId: party.key }).map((i) => [i.demandId, i]));
    return {
      expertId: party.key,
      paused: this.deps.selection.expertSettings(rowId)?.paused ?? false,
      source: 'ranked',
      demands: found.map((m) => {
        const i = mine.get(m.stored.demand.externalId);
        return {
          demandId: m.stored.demand.externalId,
          demandTitle: m.stored.demand.title,
          expectedField: m.stored.demand.expectedField,
          cycleId: m.stored.demand.cycle,
          regionCode: m.stored.region,
          enterpriseName: i?.enterpriseName ?? this.deps.enterprises.getByCreditCode(m.stored.demand.enterpriseCreditCode)?.name ?? '',
          rank: m.rank,
          score: m.candidate.score,
          evidence: m.candidate.evidence,
          flags: m.candidate.flags,
          priorities: m.candidate.priorities,
          interest: i ? toInterest(i) : null,
          deadlines: this.deps.settings.deadlines(m.stored.demand.cycle),
        };
      }),
    };
  }
}
