import type { AuditActor } from '../shared/audit-trail.port';
import type {
  AgreedPairInput,
  AgreementDecisionInput,
  AssessmentInput,
  CityDashboard,
  CountyDashboard,
  GradeConfirmInput,
  GradeInput,
  OutcomeInput,
  PartySide,
  PlacementDetail,
  PlacementDocument,
  PlacementList,
  PlacementListQuery,
  PlacementSummary,
  ProfileTargets,
  RenewalResult,
  ServiceLogInput,
  ServiceLogReviewInput,
  ServiceTime,
  TerminationInput,
  TerminationResult,
  TopList,
} from './placement.schema';

/**
 * Who acts on a placement, already resolved from the principal by the route: the audit columns, the staff role
 * (with the county a reviewer is bound to), or the party a participant (or a portal / staff member on its
 * behalf) speaks for. Services check that a party acts on its own placements only.
 */
export type PlacementCaller = {
  actor: AuditActor;
  role: 'admin' | 'reviewer' | 'viewer' | 'portal' | 'participant';
  /** A county reviewer's county; null for the city and portals. */
  region: string | null;
  /**
   * The party the caller speaks for: a participant always (key: its credit code / expert external id); staff or
   * a portal recording a party's step on its behalf name the side only (key null).
   */
  party: { side: PartySide; key: string | null } | null;
};

/** The notifier port (src/notifications/notification.port.ts, i14a), structurally: called inside the change's transaction. */
export type PlacementRecipient = { kind: 'participant'; side: PartySide; key: string } | { kind: 'staff'; userId: number } | { kind: 'county'; regionCode: string };
export type PlacementNotification = {
  type: string;
  regionCode: string;
  subject: string;
  body: string;
  link?: string;
  recipients: readonly PlacementRecipient[];
  data?: Record<string, unknown>;
};
export interface PlacementNotifier {
  notify(event: PlacementNotification): void;
}

/** A file as uploaded: its bytes and the name the user gave it (the type is sniffed from the bytes). */
export type UploadedFile = { fileName: string; bytes: Buffer };

/** Placements: creation (confirmed region, agreed pair), reads and the list. */
export interface PlacementReads {
  list(query: PlacementListQuery, caller: PlacementCaller): PlacementList;
  get(id: number, caller: PlacementCaller): PlacementDetail;
  /** The county of a placement (for a route's region check before any change); 404 when it does not exist. */
  regionOf(id: number): string | null;
  serviceTime(id: number, caller: PlacementCaller, referenceDate?: string): ServiceTime;
}

export interface PlacementCreation {
  /**
   * An agreed pair fixed by the selection flow or the county (i14b's agreed pairs): creates the placement under
   * the cycle's profile, checked against its hard rules. Runs in the caller's transaction when there is one.
   */
  createFromAgreedPair(input: AgreedPairInput, caller: PlacementCaller): PlacementDetail;
}

export interface AgreementSteps {
  uploadAgreement(id: number, file: UploadedFile, signedOn: string | undefined, caller: PlacementCaller): PlacementDetail;
  decideAgreement(id: number, input: AgreementDecisionInput, caller: PlacementCaller): PlacementDetail;
  uploadEvidence(id: number, file: UploadedFile, caller: PlacementCaller): PlacementDocument;
  /** The stored bytes of a document, its checksum verified on read. */
  readDocument(id: number, documentId: number, caller: PlacementCaller): { document: PlacementDocument; bytes: Buffer };
}

export interface ServiceLogSteps {
  logService(id: number, input: ServiceLogInput, caller: PlacementCaller): PlacementDetail;
  reviewServiceLog(id: number, entryId: number, input: ServiceLogReviewInput, caller: PlacementCaller): PlacementDetail;
}

export interface OutcomeSteps {
  recordOutcome(id: number, input: OutcomeInput, caller: PlacementCaller): PlacementDetail;
}

export interface EvaluationSteps {
  assess(id: number, input: AssessmentInput, caller: PlacementCaller): PlacementDetail;
  grade(id: number, evaluationId: number, input: GradeInput, caller: PlacementCaller): PlacementDetail;
  confirmGrade(id: number, evaluationId: number, input: GradeConfirmInput, caller: PlacementCaller): PlacementDetail;
}

export interface EndSteps {
  requestTermination(id: number, input: TerminationInput, caller: PlacementCaller): PlacementDetail;
  fileTermination(id: number, note: string | undefined, caller: PlacementCaller): TerminationResult;
  requestRenewal(id: number, caller: PlacementCaller): RenewalResult;
  /** The other party agrees: the next term is created without a matching round, checked against the rules now. */
  acceptRenewal(id: number, termStart: string | undefined, caller: PlacementCaller): RenewalResult;
}

export interface PlacementDashboards {
  county(region: string, caller: PlacementCaller, referenceDate?: string): CountyDashboard;
  city(caller: PlacementCaller, referenceDate?: string): CityDashboard;
  targets(caller: PlacementCaller, region?: string, referenceDate?: string): ProfileTargets[];
  /** The year's top 10 by city-confirmed grade, then outcomes, then service days (Wenzhou 五(一)). */
  topList(year: number, caller: PlacementCaller, region?: string): TopList;
}

export type { PlacementSummary };

/**
 * The REST routes (src/placements/placement.routes.ts), bodies and responses in placement.schema.ts:
 *
 * GET  /v1/placements                                   placementListQuerySchema → placementListResponseSchema
 * POST /v1/placements/agreed-pairs                      agreedPairBodySchema → placementDetailSchema (county reviewer, admin)
 * GET  /v1/placements/:placementId                      → placementDetailSchema
 * GET  /v1/placements/:placementId/service-time         dashboardQuerySchema → serviceTimeSchema
 * PUT  /v1/placements/:placementId/agreement            raw body (PDF/PNG/JPEG), uploadQuerySchema & onBehalfSchema → placementDetailSchema
 * POST /v1/placements/:placementId/agreement/decision   agreementDecisionBodySchema → placementDetailSchema (county: 备案 / return)
 * POST /v1/placements/:placementId/documents            raw body, uploadQuerySchema → documentSchema (evidence)
 * GET  /v1/placements/:placementId/documents/:itemId    → the file (its stored media type)
 * POST /v1/placements/:placementId/service-log          serviceLogBodySchema → placementDetailSchema (expert)
 * POST /v1/placements/:placementId/service-log/:itemId/review  serviceLogReviewBodySchema → placementDetailSchema (enterprise)
 * POST /v1/placements/:placementId/outcomes             outcomeBodySchema → placementDetailSchema (expert, enterprise, county)
 * POST /v1/placements/:placementId/evaluations          assessmentBodySchema → placementDetailSchema (enterprise)
 * POST /v1/placements/:placementId/evaluations/:itemId/grade    gradeBodySchema → placementDetailSchema (county)
 * POST /v1/placements/:placementId/evaluations/:itemId/confirm  gradeConfirmBodySchema → placementDetailSchema (city admin)
 * POST /v1/placements/:placementId/termination          terminationBodySchema → placementDetailSchema (either party)
 * POST /v1/placements/:placementId/termination/file     terminationFileBodySchema → terminationResultSchema (county)
 * POST /v1/placements/:placementId/renewal              onBehalfSchema → renewalResultSchema (either party asks)
 * POST /v1/placements/:placementId/renewal/accept       renewalAcceptBodySchema → renewalResultSchema (the other party)
 * GET  /v1/placement-dashboards/city                    dashboardQuerySchema → cityDashboardSchema (admin, viewer)
 * GET  /v1/placement-dashboards/counties/:region        dashboardQuerySchema → countyDashboardSchema
 * GET  /v1/placement-dashboards/top-list                topListQuerySchema → topListSchema
 */
