import { createAuthServices } from './auth/auth.container';
import { CycleRunReader } from './cycles/cycle-run-reader.service';
import { CycleRunRepository } from './cycles/cycle-run.repository';
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
import { createReviewServices } from './review/review.container';

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
  const auth = createAuthServices(db, repos.reference);
  const policies = new PolicyService({ ...repos, profiles: new PolicyProfileRepository(db), context: new PolicyContextRepository(db) });
  return {
    db,
    repos,
    intake: new IntakeService(repos),
    reader: new IntakeReader(repos),
    auth,
    policies,
    cycles: { reader: new CycleRunReader({ runs: new CycleRunRepository(db), reference: repos.reference }) },
    review: createReviewServices(db, { audit: auth.audit, demands: repos.demands, enterprises: repos.enterprises, experts: repos.experts, reference: repos.reference, policies }),
  };
}

export type Services = ReturnType<typeof createServices>;
