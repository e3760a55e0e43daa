import type { AuditEntry, AuditQuery, AuditRepository, NewAuditEntry } from './audit.repository';

/** The audit trail as the HTTP edge uses it: append (the access hook) and read (GET /v1/audit). */
export class AuditLogService {
  constructor(private readonly deps: { audit: Pick<AuditRepository, 'append' | 'list'> }) {}

  append(e: NewAuditEntry): AuditEntry {
    return this.deps.audit.append(e);
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEntry[] {
    return this.deps.audit.list(q);
  }
}
