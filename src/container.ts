import { createAuthServices } from './auth/auth.container';
import { CycleRunReader } from './cycles/cycle-run-reader.service';
import { CycleRunRepository } from './cycles/cycle-run.repository';
import type { Db } from './db/client';
import { IntakeReader } from './intake/intake-reader.service';
import { createIntakeRepositories } from './intake/intake.factory';
import { IntakeService } from './intake/intake.service';
import { PolicyContextRepository } from './policy/policy-context.repository';
import { PolicyProfileRepository } from './policy/policy-profile.repository';
import { PolicyService } from './policy/policy.service';
import { VerificationRepository } from './policy/verification.repository';
import { createReviewServices } from './review/review.container';

/** Repositories and services over one database; entry points add the heavy adapters (model, index). */
export function createServices(db: Db) {
  const repos = createIntakeRepositories(db);
  const auth = createAuthServices(db, repos.reference);
  const verifications = new VerificationRepository(db);
  const policies = new PolicyService({
    ...repos, profiles: new PolicyProfileRepository(db), context: new PolicyContextRepository(db), verifications,
  });
  const intake = new IntakeService(repos);
  return {
    db,
    repos,
    intake,
    reader: new IntakeReader(repos),
    auth,
    policies,
    verifications,
    cycles: { reader: new CycleRunReader({ runs: new CycleRunRepository(db), reference: repos.reference }) },
    review: createReviewServices(db, {
      audit: auth.audit, demands: repos.demands, enterprises: repos.enterprises, experts: repos.experts, reference: repos.reference, policies,
      intake, verifications,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
