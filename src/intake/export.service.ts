import type { DemandRepository } from './demand.repository';
import type { EnterpriseRepository } from './enterprise.repository';
import type { ExpertRepository } from './expert.repository';
import type { EntityKind } from './intake.service';

/** Records in the import format, in insertion order: import → export → import is lossless. */
export function* exportRecords(repos: { experts: ExpertRepository; enterprises: EnterpriseRepository; demands: DemandRepository }, kind: EntityKind): Generator<object> {
  if (kind === 'experts') for (const r of repos.experts.iterate()) yield r.expert;
  else if (kind === 'enterprises') for (const r of repos.enterprises.iterate()) yield r.enterprise;
  else for (const r of repos.demands.iterate()) yield r.demand;
}
