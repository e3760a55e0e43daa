// Who is calling and what a route allows; shared by the auth hook, route declarations and services.

export const STAFF_ROLES = ['admin', 'reviewer', 'viewer'] as const;
/** admin: city administrator (all regions); reviewer: county reviewer (one region); viewer: read-only. */
export type StaffRole = (typeof STAFF_ROLES)[number];

// clientIp: the caller's address as the access hook saw it (behind a trusted proxy, from X-Forwarded-For), so
// audit entries written inside services carry it too.
// scopes: what the key may call (a route lists the scopes it admits); regions: the counties whose records the
// key may read and write, null for a city-wide key.
export type PortalScope = 'match' | 'intake' | 'participants';
export const PORTAL_SCOPES: readonly PortalScope[] = ['match', 'intake', 'participants'];
export type PortalPrincipal = { kind: 'portal'; keyId: string; name: string; scopes: readonly PortalScope[]; regions: readonly string[] | null; clientIp?: string };
export type StaffPrincipal = { kind: 'staff'; userId: number; username: string; role: StaffRole; region: string | null; clientIp?: string };

/** An enterprise (bound by its credit code) or an expert (bound to one expert record) taking part in two-way selection. */
export type ParticipantSide = 'enterprise' | 'expert';
export const PARTICIPANT_SIDES: readonly ParticipantSide[] = ['enterprise', 'expert'];
export type ParticipantPrincipal = {
  kind: 'participant';
  side: ParticipantSide;
  /** The own-page account; null when a portal acts for the participant. */
  accountId: number | null;
  displayName: string;
  /** Set when side === 'enterprise'. */
  enterpriseCreditCode: string | null;
  /** Set when side === 'expert' (experts.external_id). */
  expertExternalId: string | null;
  /** County of the bound enterprise / expert record ('' for an expert without a county). */
  regionCode: string;
  /** The portal acting for the participant. */
  via: { keyId: string; name: string } | null;
  clientIp?: string;
};
export type Principal = PortalPrincipal | StaffPrincipal | ParticipantPrincipal;

/**
 * Declared on every non-public route as `config: { access }`. Nothing is allowed unless listed.
 * `write` defaults to the method (POST/PUT/PATCH/DELETE); set it to false only for a POST that changes
 * no records (a match query, logout) so viewers may call it and no audit entry is written for it.
 */
export type RouteAccess = {
  staff?: readonly StaffRole[];
  /** true: any portal key; a list: keys holding at least one of these scopes. */
  portal?: boolean | readonly PortalScope[];
  /** Participants of these sides (own sessions, or a portal with the 'participants' scope acting for one). */
  participant?: readonly ParticipantSide[];
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
    /** The staff or participant session behind `principal`, when it came from the session cookie. */
    authSession: SessionInfo | null;
    auditContext: AuditContext | null;
  }
}
