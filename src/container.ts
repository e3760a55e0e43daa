import { createAuthServices } from './auth/auth.container';
import type { Db } from './db/client';
import { DemandRepository } from './intake/demand.repository';
import { EnterpriseRepository } from './intake/enterprise.repository';
import { ExpertRepository } from './intake/expert.repository';
import { IntakeReader } from './intake/intake-reader.service';
import { IntakeService } from './intake/intake.service';
import { ReferenceRepository } from './intake/reference.repository';
import { REGIONS } from './intake/regions.data';
import { PolicyContextRepository } from './policy/policy-context.repository';
import { PolicyProfileRepository } from './policy/policy-profile.repository';
import { PolicyService } from './policy/policy.service';

/** Repositories and services over one database; entry points add the heavy adapters (model, index). */
export function createServices(db: Db) {
  const repos = {
    experts: new ExpertRepository(db),
    enterprises: new EnterpriseRepository(db),
    demands: new DemandRepository(db),
    reference: new ReferenceRepository(db),
  };
  // Reference regions are code-defined data; upserting them keeps an existing database current.
  repos.reference.upsertRegions(REGIONS);
  return {
    db,
    repos,
    intake: new IntakeService(repos),
    reader: new IntakeReader(repos),
    auth: createAuthServices(db, repos.reference),
    policies: new PolicyService({ ...repos, profiles: new PolicyProfileRepository(db), context: new PolicyContextRepository(db) }),
  };
}

export type Services = ReturnType<typeof createServices>;
