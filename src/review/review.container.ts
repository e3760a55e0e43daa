import type { AuditRepository } from '../auth/audit.repository';
import type { Db } from '../db/client';
import type { DemandRepository } from '../intake/demand.repository';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { ReferenceRepository } from '../intake/reference.repository';
import type { PolicyService } from '../policy/policy.service';
import { RegionExportService } from './region-export.service';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/** County review over one database: the use-cases and the region XLSX export. */
export function createReviewServices(db: Db, deps: {
  audit: AuditRepository; demands: DemandRepository; enterprises: EnterpriseRepository; experts: ExpertRepository; reference: ReferenceRepository;
  policies: PolicyService;
}) {
  const service = new ReviewService({ reviews: new ReviewRepository(db), ...deps });
  return { service, exporter: new RegionExportService({ reviews: service, reference: deps.reference }) };
}

export type ReviewServices = ReturnType<typeof createReviewServices>;
