/** Who made a change, as the audit trail records it. */
/** clientIp: the HTTP caller's address when the write came over HTTP. */
export type AuditActor = { actor: string; actorRole: string; clientIp?: string | null };

/** One audit entry: the changed fields' values before and after (`{}` on a side that had none). */
export type AuditTrailEntry = AuditActor & {
  action: string;
  entity: string;
  entityId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
};

/**
 * The append-only audit trail as a use-case writes to it, inside the transaction of the change it records
 * (implemented by AuditRepository): when the entry cannot be written the change rolls back.
 */
export interface AuditTrail {
  append(e: AuditTrailEntry): unknown;
}

/** Writes made by the service itself (start-up steps, scripts without a named operator). */
export const SYSTEM_ACTOR: AuditActor = { actor: 'system', actorRole: 'system' };

/**
 * The top-level fields that differ between two versions of a record, as `{ before, after }` objects holding
 * only those fields (a new record: `before` is `{}`; a removed field: absent from `after`).
 */
export function diffFields(before: object | undefined, after: object): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[k] ?? null) === JSON.stringify(a[k] ?? null)) continue;
    if (b[k] !== undefined) out.before[k] = b[k];
    if (a[k] !== undefined) out.after[k] = a[k];
  }
  return out;
}
