// Who is calling and what a route allows; shared by the auth hook, route declarations and services.

export const STAFF_ROLES = ['admin', 'reviewer', 'viewer'] as const;
/** admin: city administrator (all regions); reviewer: county reviewer (one region); viewer: read-only. */
export type StaffRole = (typeof STAFF_ROLES)[number];

// clientIp: the caller's address as the access hook saw it (behind a trusted proxy, from X-Forwarded-For), so
// audit entries written inside services carry it too.
export type PortalPrincipal = { kind: 'portal'; keyId: string; name: string; clientIp?: string };
export type StaffPrincipal = { kind: 'staff'; userId: number; username: string; role: StaffRole; region: string | null; clientIp?: string };
export type Principal = PortalPrincipal | StaffPrincipal;

/**
 * Declared on every non-public route as `config: { access }`. Nothing is allowed unless listed.
 * `write` defaults to the method (POST/PUT/PATCH/DELETE); set it to false only for a POST that changes
 * no records (a match query, logout) so viewers may call it and no audit entry is written for it.
 */
export type RouteAccess = {
  staff?: readonly StaffRole[];
  portal?: boolean;
  write?: boolean;
};

/** What a handler may add to the automatic audit entry of a successful write. */
export type AuditContext = {
  action?: string;
  entity?: string;
  entityId?: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string;
  /**
   * The use-case appended its own entry (with before/after) in the same transaction as the change, so the
   * hook adds none: one action, one entry, and never a change without its entry.
   */
  recorded?: boolean;
};

export type SessionInfo = { tokenHash: string; csrfToken: string; expiresAt: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; null on public routes and 404s. */
    principal: Principal | null;
    /** The staff session behind `principal`, when it came from the session cookie. */
    authSession: SessionInfo | null;
    auditContext: AuditContext | null;
  }
}
