// One error model: every error the project throws on purpose is an AppError with a stable machine code and a
// Chinese (or, for operators, English) message; the HTTP status belongs to the code, once, in this table.

/** Code → HTTP status. A code means one thing everywhere, so it has exactly one status. */
export const ERROR_STATUS = {
  // 400: the request itself is wrong
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  EMPTY_BODY: 400,
  INVALID_CONTENT_LENGTH: 400,
  KEY_MISMATCH: 400,
  INVALID_ACCOUNT: 400,
  INVALID_NAME: 400,
  INVALID_POLICY: 400,
  INVALID_POLICY_REF: 400,
  POLICY_REQUIRED: 400,
  SUBJECT_REQUIRED: 400,
  DEMAND_CYCLE_MISMATCH: 400,
  DEMAND_ENTERPRISE_MISMATCH: 400,
  REASON_REQUIRED: 400,
  EXPERT_REQUIRED: 400,
  NOT_AN_ALTERNATE: 400,
  NOTE_REQUIRED: 400,
  INVALID_OPTIONS: 400,
  REGION_LIMIT_UNKNOWN: 400,
  QUOTA_INVALID: 400,
  /** A fact a county reviewer entered is not a valid value for its field. */
  INVALID_FACT: 400,
  FACT_NOT_ENTERABLE: 400,
  FACT_NOT_MISSING: 400,
  SUBJECT_NOT_IN_DEMAND: 400,
  /** API key limits (npm run apikey -- create): unknown scope or county, expiry not in the future. */
  INVALID_SCOPE: 400,
  INVALID_REGION: 400,
  INVALID_EXPIRY: 400,
  INVALID_WEBHOOK: 400,
  /** An invitation link that is unknown, used, replaced or expired. */
  INVITATION_INVALID: 410,
  /** A service log entry dated outside the placement's term (or in the future). */
  SERVICE_LOG_OUT_OF_TERM: 400,
  /** Staff or a portal recording a party's step must say which party (side). */
  SIDE_REQUIRED: 400,
  // 401 / 403: who is asking
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  FORBIDDEN_REGION: 403,
  ACCESS_UNDECLARED: 403,
  CSRF_FAILED: 403,
  // 404: what is asked for does not exist
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CYCLE_NOT_FOUND: 404,
  POLICY_NOT_FOUND: 404,
  // 409: it exists, but its state forbids the change
  ALREADY_EXISTS: 409,
  POLICY_BUILT_IN: 409,
  CYCLE_CLOSED: 409,
  /** Another invocation holds the cycle's run lease. */
  CYCLE_RUN_IN_PROGRESS: 409,
  RUN_NOT_COMPLETED: 409,
  REGION_LOCKED: 409,
  REGION_NOT_SUBMITTED: 409,
  REVIEW_INCOMPLETE: 409,
  NO_PROPOSAL: 409,
  EXPERT_ALREADY_ASSIGNED: 409,
  /** A problem-only demand (附件1 三 not filled) asks for no 科技副总 and is never matched. */
  DEMAND_NOT_MATCHABLE: 409,
  EXPERT_NOT_FOUND: 409,
  QUOTA_EXCEEDED: 409,
  SWAP_RULE_FAILED: 409,
  /** The pair still has a hard rule the records cannot decide (待核实): resolve it first. */
  SWAP_UNVERIFIED: 409,
  /** Only a rule that is unknown (or was verified) for the subject can be resolved. */
  NOT_UNKNOWN: 409,
  /** Only a submitted form can be approved or returned; a withdrawn one cannot be withdrawn again. */
  INTAKE_STATE_CONFLICT: 409,
  /** The demand has not passed the county's intake review (经科技部门审核后入库): it is not matched yet. */
  DEMAND_NOT_APPROVED: 409,
  /** The placement's state (or its agreement's, log entry's, evaluation's) does not allow the step. */
  PLACEMENT_STATE_CONFLICT: 409,
  PLACEMENT_EXISTS: 409,
  /** An agreed pair or a renewal fails a hard rule of the profile (the failed rules and clauses in details). */
  PLACEMENT_RULE_FAILED: 409,
  EVALUATION_NOT_OPEN: 409,
  /** The profile has no such step (no renewal, no termination clause), or the grade does not qualify. */
  STEP_NOT_IN_POLICY: 409,
  // 413 / 415 / 422 / 429
  BODY_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  /** An upload that is not a PDF, PNG or JPEG by its content. */
  FILE_TYPE_REJECTED: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The record is well-formed but refers to a region, enterprise or cycle that does not exist. */
  REFERENCE_NOT_FOUND: 422,
  RATE_LIMITED: 429,
  // 5xx: our fault or not ready
  INTERNAL: 500,
  RUN_DATA_INVALID: 500,
  /** A stored document is gone from disk or no longer matches its checksum. */
  DOCUMENT_MISSING: 500,
  DOCUMENT_CORRUPT: 500,
  HARD_RULE_VIOLATION: 500,
  INVALID_INPUT: 500,
  DUPLICATE_REGION: 500,
  MIN_ABOVE_MAX: 500,
  MINS_EXCEED_TOTAL: 500,
  DUPLICATE_DEMAND: 500,
  DUPLICATE_EXPERT: 500,
  DUPLICATE_EDGE: 500,
  UNKNOWN_REFERENCE: 500,
  SCORE_RANGE: 500,
  INVALID_ARGUMENT: 500,
  NEGATIVE_CYCLE: 500,
  COST_OVERFLOW: 500,
  CONFIG_INVALID: 500,
  MODEL_MISSING: 500,
  NOT_READY: 503,
  /** Another process held the database's write lock past the busy timeout; nothing was written. */
  DATABASE_BUSY: 503,
  MODEL_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Other 4xx statuses fastify reports for its own reasons (405, 406, …) get `HTTP_<status>`: still one status per code. */
export type HttpErrorCode = `HTTP_${number}`;

export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode | HttpErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.statusCode = statusOf(code);
  }
}

export function statusOf(code: ErrorCode | HttpErrorCode): number {
  if (code in ERROR_STATUS) return ERROR_STATUS[code as ErrorCode];
  const m = /^HTTP_(\d{3})$/.exec(code);
  return m ? Number(m[1]) : 500;
}

export const notFound = (what: string, id: string | number) => new AppError('NOT_FOUND', `${what}不存在：${id}`, { id });
