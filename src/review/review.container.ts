import type { AuditRepository } from '../auth/audit.repository';
import type { Db } from '../db/client';
import type { DemandRepository } from '../intake/demand.repository';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { IntakeService } from '../intake/intake.service';
import type { ReferenceRepository } from '../intake/reference.repository';
import type { PolicyService } from '../policy/policy.service';
import type { VerificationRepository } from '../policy/verification.repository';
import { RegionExportService } from './region-export.service';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';
import { VerificationService } from './verification.service';

/** County review over one database: the use-cases and the region XLSX export. */
export function createReviewServices(db: Db, deps: {
  audit: AuditRepository; demands: DemandRepository; enterprises: EnterpriseRepository; experts: ExpertRepository; reference: ReferenceRepository;
  policies: PolicyService; intake: IntakeService; verifications: VerificationRepository;
}) {
  const reviews = new ReviewRepository(db);
  const service = new ReviewService({ reviews, ...deps });
  const verification = new VerificationService({ reviews, ...deps });
  return { service, verification, exporter: new RegionExportService({ reviews: service, reference: deps.reference }) };
}

export type ReviewServices = ReturnType<typeof createReviewServices>;
