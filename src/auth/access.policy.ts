import { AppError } from '../shared/errors';
import type { ParticipantPrincipal, PortalScope, Principal, RouteAccess, StaffRole } from './auth.types';

export const ALL_STAFF: readonly StaffRole[] = ['admin', 'reviewer', 'viewer'];

/**
 * Routes anyone may call. This list is the only way to make a route public: a route elsewhere that
 * forgets its `access` declaration is refused, never opened.
 */
export const PUBLIC_ROUTES: ReadonlyArray<{ method: string; url: string }> = [
  { method: 'GET', url: '/healthz' },
  { method: 'GET', url: '/readyz' },
  { method: 'POST', url: '/v1/auth/login' },
  // The web page's login screen and its one script and stylesheet; every other page requires a session.
  { method: 'GET', url: '/login' },
  { method: 'GET', url: '/assets/:name' },
  // Enterprise and expert users: the one-time invitation link (its page, what it is for, setting the password)
  // and their login; the token or the password is the credential.
  { method: 'GET', url: '/invite/:token' },
  { method: 'POST', url: '/invite/:token' },
  { method: 'GET', url: '/participant/login' },
  { method: 'POST', url: '/participant/login' },
  { method: 'GET', url: '/v1/invitations/:token' },
  { method: 'POST', url: '/v1/invitations/:token/accept' },
  { method: 'POST', url: '/v1/participants/login' },
];
const PUBLIC_PREFIXES = ['/docs'];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Matches the route pattern (never the raw URL), so `/docs/../v1/x` cannot reach a private route. */
export function isPublicRoute(method: string, url: string): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  if (PUBLIC_PREFIXES.some((p) => (url === p || url.startsWith(`${p}/`)) && m === 'GET')) return true;
  return PUBLIC_ROUTES.some((r) => r.method === m && r.url === url);
}

export function isStateChangingMethod(method: string): boolean {
  return STATE_CHANGING.has(method);
}

/** A write is audited and closed to viewers; the method decides unless the route says otherwise. */
export function isWriteRoute(method: string, access: RouteAccess | undefined): boolean {
  return access?.write ?? isStateChangingMethod(method);
}

export const forbidden = () => new AppError('FORBIDDEN', '无权访问此接口');

/** Throws 403 unless the declaration admits the principal; viewers never write, whatever a route lists. */
export function authorize(access: RouteAccess | undefined, principal: Principal, method: string): void {
  if (!access) throw new AppError('ACCESS_UNDECLARED', '接口未声明访问权限，已拒绝访问');
  if (principal.kind === 'portal') {
    if (!portalAdmits(access.portal, principal.scopes)) throw forbidden();
    return;
  }
  if (principal.kind === 'participant') {
    if (!access.participant?.includes(principal.side)) throw forbidden();
    return;
  }
  if (!access.staff?.includes(principal.role)) throw forbidden();
  if (principal.role === 'viewer' && isWriteRoute(method, access)) throw forbidden();
}

/** true admits any key; a scope list admits a key holding one of them; nothing else admits a portal. */
export function portalAdmits(declared: RouteAccess['portal'], scopes: readonly PortalScope[]): boolean {
  if (declared === true) return true;
  if (!declared) return false;
  return declared.some((s) => scopes.includes(s));
}

/** The principal of an authenticated route; a 401 if the hook did not run (a public route calling it by mistake). */
export function requirePrincipal(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new AppError('UNAUTHORIZED', '未登录或缺少 API 密钥');
  return req.principal;
}

const portalActor = (k: { name: string; keyId: string }) => `portal:${k.name}#${k.keyId}`;

/** `enterprise:<credit code>` / `expert:<external id>`: how audit entries, inboxes and channels name a participant. */
export function participantKeyOf(p: Pick<ParticipantPrincipal, 'side' | 'enterpriseCreditCode' | 'expertExternalId'>): string {
  return p.side === 'enterprise' ? `enterprise:${p.enterpriseCreditCode}` : `expert:${p.expertExternalId}`;
}

/** Audit columns for whoever made a change. */
export function auditActorOf(p: Principal): { actor: string; actorRole: string; clientIp?: string } {
  const who =
    p.kind === 'staff'
      ? { actor: p.username, actorRole: p.role }
      : p.kind === 'portal'
        ? { actor: portalActor(p), actorRole: 'portal' }
        : { actor: `${participantKeyOf(p)}${p.via ? ` via ${portalActor(p.via)}` : ''}`, actorRole: p.side };
  return p.clientIp ? { ...who, clientIp: p.clientIp } : who;
}
