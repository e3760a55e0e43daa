import type { Db } from '../db/client';
import { DemandRepository } from './demand.repository';
import { EnterpriseRepository } from './enterprise.repository';
import { ExpertRepository } from './expert.repository';
import type { IntakeRepositories } from './intake.service';
import { ReferenceRepository } from './reference.repository';
import { REGIONS } from './regions.data';

/** The intake repositories over one database, with the code-defined reference regions upserted (idempotent). */
export function createIntakeRepositories(db: Db): IntakeRepositories {
  const repos = {
    experts: new ExpertRepository(db),
    enterprises: new EnterpriseRepository(db),
    demands: new DemandRepository(db),
    reference: new ReferenceRepository(db),
  };
  repos.reference.upsertRegions(REGIONS);
  return repos;
}
