import type { PlacementSettings, PolicyProfile } from '../policy/policy.schema';
import type { EvaluationRow, OutcomeRow, ServiceLogRow } from './placement-activity.repository';
import type { AgreementRow, DocumentRow, PlacementView, RenewalRow, TerminationRow } from './placement.repository';
import type {
  Agreement,
  Evaluation,
  Grade,
  Outcome,
  PlacementActions,
  PlacementDetail,
  PlacementDocument,
  PlacementState,
  PlacementSummary,
  ServiceLogEntry,
  ServiceTime,
} from './placement.schema';
import type { PlacementCaller } from './placement.types';
import { computeServiceTime } from './service-time';
import { addDays, addMonths } from './term-dates';

export const PLACEMENT_STATE_LABELS: Record<PlacementState, string> = {
  pending_agreement: '待备案协议',
  active: '服务中',
  terminated: '已提前终止',
  evaluated: '已完成期满评价',
  renewed: '已续聘',
  historical: '历史服务（申报时填报）',
};

/** Everything one placement's read model is built from (loaded in bulk for lists and dashboards). */
export type PlacementBundle = {
  p: PlacementView;
  profile: PolicyProfile | null;
  regionName: string | null;
  agreement: AgreementRow | undefined;
  documents: DocumentRow[];
  logs: ServiceLogRow[];
  outcomes: OutcomeRow[];
  evaluations: EvaluationRow[];
  termination: TerminationRow | undefined;
  renewal: RenewalRow | undefined;
  renewedTo: number | null;
};

export const settingsOf = (profile: PolicyProfile | null): PlacementSettings => profile?.placement ?? { targets: [] };

/** The last day of service: a filed termination's day, else the term's end. */
export const endsOnOf = (p: Pick<PlacementView, 'endedOn' | 'termEnd'>): string | null => p.endedOn ?? p.termEnd;

export function toDocument(d: DocumentRow): PlacementDocument {
  return { id: d.id, purpose: d.purpose, fileName: d.fileName, mediaType: d.mediaType, size: d.size, sha256: d.sha256, uploadedBy: d.uploadedBy, uploadedAt: d.uploadedAt };
}

/** The day the agreement is due: `days` after the placement was made (its term start when later). */
export function agreementDueOn(p: Pick<PlacementView, 'createdAt' | 'termStart'>, days: number): string {
  const made = p.createdAt.slice(0, 10);
  return addDays(made > p.termStart ? made : p.termStart, days);
}

export function toAgreement(b: PlacementBundle, today: string, overdueDays: number): Agreement {
  const a = b.agreement;
  const dueOn = agreementDueOn(b.p, overdueDays);
  const doc = a ? b.documents.find((d) => d.id === a.documentId) : undefined;
  const open = b.p.kind === 'programme' && b.p.state === 'pending_agreement';
  return {
    status: a?.status ?? 'none',
    document: doc ? toDocument(doc) : null,
    signedOn: a?.signedOn ?? null,
    submittedBy: a?.submittedBy ?? null,
    submittedAt: a?.submittedAt ?? null,
    decidedBy: a?.decidedBy ?? null,
    decidedAt: a?.decidedAt ?? null,
    returnReason: a?.returnReason ?? null,
    overdue: open && a?.status !== 'filed' && today > dueOn,
    dueOn,
    clause: settingsOf(b.profile).agreement?.clause ?? null,
  };
}

export function serviceTimeOf(b: PlacementBundle, referenceDate: string): ServiceTime {
  return computeServiceTime({ termStart: b.p.termStart, endsOn: endsOnOf(b.p), kind: b.p.kind }, settingsOf(b.profile).serviceTime, b.logs, referenceDate);
}

/** The term evaluation opens this day (the profile's months before the end; on the last day when 0). */
export function evaluationOpensOn(b: PlacementBundle): string | null {
  const ev = settingsOf(b.profile).evaluation;
  if (!ev || !b.p.termEnd || b.p.kind === 'historical') return null;
  return ev.opensMonthsBeforeEnd === 0 ? b.p.termEnd : addMonths(b.p.termEnd, -ev.opensMonthsBeforeEnd);
}

export function toSummary(b: PlacementBundle, today: string, overdueDays: number): PlacementSummary {
  const p = b.p;
  return {
    id: p.id,
    kind: p.kind,
    origin: p.origin,
    state: p.state,
    stateLabel: PLACEMENT_STATE_LABELS[p.state],
    profile: b.profile ? { id: b.profile.id, version: b.profile.version, name: b.profile.name } : null,
    regionCode: p.regionCode,
    regionName: b.regionName,
    enterprise: { creditCode: p.enterpriseCreditCode, name: p.enterpriseName ?? p.enterpriseCreditCode },
    expert: { externalId: p.expertExternalId, name: p.expertName },
    demandId: p.demandExternalId,
    cycleId: p.cycleId,
    runId: p.runId,
    termStart: p.termStart,
    termEnd: p.termEnd,
    endsOn: endsOnOf(p),
    grade: (p.grade as Grade | null) ?? null,
    renewalOf: p.renewalOf,
    renewedTo: b.renewedTo,
    agreementStatus: b.agreement?.status ?? 'none',
    agreementOverdue: toAgreement(b, today, overdueDays).overdue,
    serviceTimeStatus: serviceTimeOf(b, today).status,
    createdAt: p.createdAt,
  };
}

const toLog = (l: ServiceLogRow): ServiceLogEntry => ({
  id: l.id,
  date: l.date,
  days: l.days,
  activity: l.activity,
  participants: l.participants,
  status: l.status,
  loggedBy: l.loggedBy,
  loggedAt: l.loggedAt,
  reviewedBy: l.reviewedBy,
  reviewedAt: l.reviewedAt,
  disputeReason: l.disputeReason,
});

function toOutcome(o: OutcomeRow, docs: DocumentRow[]): Outcome {
  const doc = o.documentId ? docs.find((d) => d.id === o.documentId) : undefined;
  return {
    id: o.id,
    kind: o.kind as Outcome['kind'],
    quantity: o.quantity,
    date: o.date,
    title: o.title,
    ipType: (o.ipType as Outcome['ipType']) ?? null,
    evidence: o.evidence,
    document: doc ? toDocument(doc) : null,
    recordedBy: o.recordedBy,
    recordedAt: o.recordedAt,
  };
}

export function toEvaluation(e: EvaluationRow): Evaluation {
  return {
    id: e.id,
    kind: e.kind,
    year: e.kind === 'term' ? null : e.year,
    status: e.status,
    enterprise: { grade: e.enterpriseGrade as Grade, comment: e.enterpriseComment, by: e.enterpriseBy, at: e.enterpriseAt },
    county: e.countyGrade ? { grade: e.countyGrade as Grade, reason: e.countyReason ?? '', by: e.countyBy ?? '', at: e.countyAt ?? '' } : null,
    city: e.cityBy ? { by: e.cityBy, at: e.cityAt ?? '', note: e.cityNote } : null,
    returnNote: e.returnNote,
  };
}

/** The party a caller speaks for on this placement, if it is one of its parties. */
export function partyOf(caller: PlacementCaller, p: Pick<PlacementView, 'enterpriseCreditCode' | 'expertExternalId'>): 'enterprise' | 'expert' | null {
  if (!caller.party) return null;
  const key = caller.party.side === 'enterprise' ? p.enterpriseCreditCode : p.expertExternalId;
  return caller.party.key === null || caller.party.key === key ? caller.party.side : null;
}

/** What this caller may do next, by the placement's state and the caller's role (the services enforce the same). */
export function actionsFor(b: PlacementBundle, caller: PlacementCaller, today: string): PlacementActions {
  const p = b.p;
  const s = settingsOf(b.profile);
  const programme = p.kind === 'programme';
  const serving = programme && (p.state === 'pending_agreement' || p.state === 'active');
  const party = caller.role === 'participant' || caller.role === 'portal' || caller.role === 'reviewer' || caller.role === 'admin';
  const county = caller.role === 'reviewer';
  const city = caller.role === 'admin';
  const side = partyOf(caller, p);
  const asExpert = party && (side === 'expert' || (caller.role !== 'participant' && caller.party === null));
  const asEnterprise = party && (side === 'enterprise' || (caller.role !== 'participant' && caller.party === null));
  const opens = evaluationOpensOn(b);
  const term = b.evaluations.find((e) => e.kind === 'term');
  const renewal = b.renewal;
  return {
    uploadAgreement: serving && p.state === 'pending_agreement' && b.agreement?.status !== 'filed' && b.agreement?.status !== 'submitted' && (asExpert || asEnterprise || county),
    fileAgreement: serving && b.agreement?.status === 'submitted' && county,
    logService: serving && asExpert && today >= p.termStart,
    reviewServiceLog: programme && asEnterprise && b.logs.some((l) => l.status === 'pending'),
    recordOutcome: programme && p.state !== 'historical' && (asExpert || asEnterprise || county),
    assess: serving && asEnterprise && ((opens !== null && today >= opens && (!term || term.status === 'returned')) || !!s.evaluation?.annual),
    grade: county && b.evaluations.some((e) => e.status === 'assessed' || e.status === 'returned'),
    confirmGrade: city && b.evaluations.some((e) => e.status === 'graded'),
    requestTermination: serving && !!s.termination && !b.termination && (asExpert || asEnterprise),
    fileTermination: serving && b.termination?.status === 'requested' && county,
    requestRenewal: programme && p.state === 'evaluated' && !!s.renewal && s.renewal.grades.includes(p.grade as Grade) && !renewal && (asExpert || asEnterprise),
    acceptRenewal: programme && p.state === 'evaluated' && renewal?.status === 'requested' && (side !== null ? side !== renewal.requestedSide : asExpert || asEnterprise),
  };
}

export function toDetail(b: PlacementBundle, caller: PlacementCaller, today: string, overdueDays: number): PlacementDetail {
  return {
    ...toSummary(b, today, overdueDays),
    agreement: toAgreement(b, today, overdueDays),
    serviceLog: b.logs.map(toLog),
    serviceTime: serviceTimeOf(b, today),
    outcomes: b.outcomes.map((o) => toOutcome(o, b.documents)),
    evaluations: b.evaluations.map(toEvaluation),
    termination: b.termination
      ? {
          status: b.termination.status,
          requestedSide: b.termination.requestedSide,
          reason: b.termination.reason,
          effectiveOn: b.termination.effectiveOn,
          requestedBy: b.termination.requestedBy,
          requestedAt: b.termination.requestedAt,
          filedBy: b.termination.filedBy,
          filedAt: b.termination.filedAt,
          note: b.termination.note,
          clause: settingsOf(b.profile).termination?.clause ?? null,
        }
      : null,
    renewal: b.renewal
      ? {
          status: b.renewal.status,
          requestedSide: b.renewal.requestedSide,
          requestedBy: b.renewal.requestedBy,
          requestedAt: b.renewal.requestedAt,
          acceptedBy: b.renewal.acceptedBy,
          acceptedAt: b.renewal.acceptedAt,
          nextPlacementId: b.renewal.nextPlacementId,
          clause: settingsOf(b.profile).renewal?.clause ?? null,
        }
      : null,
    evaluationOpensOn: evaluationOpensOn(b),
    actions: actionsFor(b, caller, today),
  };
}
