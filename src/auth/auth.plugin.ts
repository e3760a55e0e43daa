import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors';
import { auditActorOf, authorize, isPublicRoute, isStateChangingMethod, isWriteRoute } from './access.policy';
import type { AccountService } from './account.service';
import type { ApiKeyService } from './api-key.service';
import type { AuditLogService } from './audit-log.service';
import type { RouteAccess } from './auth.types';
import type { ParticipantDirectory } from './participant.port';
import { actAsParticipant } from './participant-acting.policy';
import { type ParticipantSessionService, toParticipantPrincipal } from './participant-session.service';
import { SESSION_TTL_MS, type SessionService, toStaffPrincipal } from './session.service';
import { constantTimeEqual } from './token.util';

export const SESSION_COOKIE = 'kjfz_session';
/** `enterprise:<credit code>` or `expert:<external id>`: the participant a portal key with the 'participants' scope acts for. */
export const PARTICIPANT_HEADER = 'x-participant';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_MAX_AGE_SECONDS = SESSION_TTL_MS / 1000;

export type RateLimitSetting = { max: number; timeWindowMs: number };
export type AuthOptions = {
  /** Per API key. */
  portalRateLimit?: RateLimitSetting;
  /** Per client IP + username. */
  loginRateLimit?: RateLimitSetting;
  /** Per client IP, against password spraying across usernames. */
  loginIpRateLimit?: RateLimitSetting;
  /** The session cookie's Secure flag (config.cookieSecure): 'auto' follows the request's protocol. */
  cookieSecure?: 'auto' | 'always' | 'never';
};
export const DEFAULT_AUTH_OPTIONS: Required<AuthOptions> = {
  portalRateLimit: { max: 600, timeWindowMs: 60_000 },
  loginRateLimit: { max: 10, timeWindowMs: 60_000 },
  loginIpRateLimit: { max: 100, timeWindowMs: 60_000 },
  cookieSecure: 'auto',
};

/** What the access hook and the auth routes use. */
export type AuthServices = {
  accounts: Pick<AccountService, 'getUser'>;
  sessions: Pick<SessionService, 'login' | 'discard' | 'logout' | 'resolve'>;
  apiKeys: Pick<ApiKeyService, 'authenticate'>;
  audit: Pick<AuditLogService, 'append'>;
  participantSessions: Pick<ParticipantSessionService, 'login' | 'start' | 'logout' | 'resolve' | 'discard'>;
  /** The enterprise / expert records a portal may act for (X-Participant). */
  participantDirectory: ParticipantDirectory;
};

export type AuthDeps = { services: AuthServices; options?: AuthOptions };

/** Defaults, overridden by whatever settings are given (undefined ones are ignored). */
export function resolveAuthOptions(options: AuthOptions = {}): Required<AuthOptions> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_AUTH_OPTIONS, ...given };
}
export type RegisteredRoute = { method: string; url: string; access: RouteAccess | undefined };

const routeRegistry = new WeakMap<object, RegisteredRoute[]>();

/** Every route registered after registerAuth, HEAD twins included (for the access matrix test and start-up checks). */
export function listRoutes(app: FastifyInstance): RegisteredRoute[] {
  return [...(routeRegistry.get(app) ?? [])];
}

/**
 * httpOnly, SameSite=Strict, Path=/, and Secure whenever the request arrived over https — behind a TLS proxy
 * req.protocol says so only when TRUST_PROXY names it — or always/never as configured.
 */
export function sessionCookieOptions(req: { protocol: string }, secure: AuthOptions['cookieSecure'] = 'auto') {
  return { httpOnly: true, sameSite: 'strict' as const, secure: secure === 'always' || (secure !== 'never' && req.protocol === 'https'), path: '/' };
}

export const unauthorized = (reply: FastifyReply, message: string) => {
  reply.header('www-authenticate', 'Bearer');
  return new AppError('UNAUTHORIZED', message);
};

export const rateLimited = (reply: FastifyReply, retryAfterSeconds: number, message: string) => {
  reply.header('retry-after', String(retryAfterSeconds));
  return new AppError('RATE_LIMITED', message, { retryAfterSeconds });
};

/**
 * Deny-by-default access control on the root instance: one onRequest hook authenticates (API key or
 * staff session + CSRF), rate-limits portal keys and enforces each route's `config.access`; one onSend
 * hook audits every successful write. Call before any route is registered so every route is seen.
 */
export async function registerAuth(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { services } = deps;
  const options = resolveAuthOptions(deps.options);
  const routes: RegisteredRoute[] = [];
  routeRegistry.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, access: r.config?.access });
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  app.decorateRequest('principal', null);
  app.decorateRequest('authSession', null);
  app.decorateRequest('auditContext', null);

  const portalLimiter = app.createRateLimit({
    max: options.portalRateLimit.max,
    timeWindow: options.portalRateLimit.timeWindowMs,
    keyGenerator: (req) => {
      const p = req.principal;
      return `portal:${p?.kind === 'portal' ? p.keyId : p?.kind === 'participant' ? (p.via?.keyId ?? '') : ''}`;
    },
  });

  async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      // A request that presents a key is judged by the key alone, never by a cookie that happens to ride along.
      const m = /^Bearer +(\S+) *$/i.exec(authorization);
      const portal = m ? services.apiKeys.authenticate(m[1]) : undefined;
      if (!portal) throw unauthorized(reply, '缺少或无效的 API 密钥');
      const actingFor = req.headers[PARTICIPANT_HEADER];
      req.principal = actingFor === undefined ? { ...portal, clientIp: req.ip } : { ...actAsParticipant(portal, actingFor, services.participantDirectory), clientIp: req.ip };
      const limit = await portalLimiter(req);
      if (!limit.isAllowed && limit.isExceeded) throw rateLimited(reply, limit.ttlInSeconds, 'API 密钥请求过于频繁，请稍后再试');
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw unauthorized(reply, '未登录或缺少 API 密钥');
    // Staff and participant sessions share the cookie; a token is in at most one of the two tables.
    const session = services.sessions.resolve(token);
    const participant = session ? undefined : services.participantSessions.resolve(token);
    if (session) {
      req.principal = { ...toStaffPrincipal(session.user), clientIp: req.ip };
      req.authSession = { tokenHash: session.tokenHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    } else if (participant) {
      req.principal = { ...toParticipantPrincipal(participant.account), clientIp: req.ip };
      req.authSession = { tokenHash: participant.tokenHash, csrfToken: participant.csrfToken, expiresAt: participant.expiresAt };
    } else {
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, options.cookieSecure));
      throw unauthorized(reply, '登录已失效，请重新登录');
    }
    const csrfToken = req.authSession.csrfToken;
    if (isStateChangingMethod(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, csrfToken)) {
        throw new AppError('CSRF_FAILED', 'CSRF 校验失败：请在 x-csrf-token 请求头中提供登录时返回的令牌');
      }
    }
  }

  app.addHook('onRequest', async (req, reply) => {
    // Unknown URLs fall through to the 404 handler; the route list is public in /docs anyway.
    if (req.is404) return;
    if (isPublicRoute(req.method, req.routeOptions.url ?? '')) return;
    await authenticate(req, reply);
    authorize(req.routeOptions.config.access, req.principal!, req.method);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const p = req.principal;
    if (!p || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    if (!isWriteRoute(req.method, req.routeOptions.config?.access)) return payload;
    const ctx = req.auditContext ?? {};
    if (ctx.recorded) return payload;
    const params = (req.params ?? {}) as Record<string, unknown>;
    services.audit.append({
      ...auditActorOf(p),
      action: ctx.action ?? `${req.method} ${req.routeOptions.url}`,
      entity: ctx.entity ?? req.routeOptions.url ?? '',
      entityId: ctx.entityId ?? String(params.key ?? params.id ?? '-'),
      regionCode: ctx.regionCode !== undefined ? ctx.regionCode : p.kind === 'staff' ? p.region : p.kind === 'participant' ? p.regionCode : null,
      before: ctx.before,
      after: ctx.after,
      note: ctx.note,
      clientIp: req.ip,
    });
    return payload;
  });

  app.addHook('onReady', async () => {
    const undeclared = routes.filter((r) => !isPublicRoute(r.method, r.url) && !r.access);
    if (undeclared.length) {
      app.log.warn({ routes: undeclared.map((r) => `${r.method} ${r.url}`) }, 'routes without an access declaration answer 403 to everyone');
    }
  });
}
