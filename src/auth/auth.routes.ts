import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../http/common.schema';
import { AppError } from '../shared/errors';
import { ALL_STAFF, requirePrincipal } from './access.policy';
import { toStaffUser } from './account.service';
import type { AuthServices } from './auth.plugin';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, rateLimited, resolveAuthOptions, sessionCookieOptions, type AuthOptions } from './auth.plugin';
import { loginBodySchema, sessionResponseSchema } from './auth.schema';

export type AuthRouteOptions = { services: AuthServices; options?: AuthOptions };

const tags = ['认证'];

/** Staff login, logout and "who am I"; login is the one public write. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, { services, options }) => {
  const o = resolveAuthOptions(options);
  const perIp = app.createRateLimit({
    max: o.loginIpRateLimit.max,
    timeWindow: o.loginIpRateLimit.timeWindowMs,
    keyGenerator: (req) => `login-ip:${req.ip}`,
  });
  const perUser = app.createRateLimit({
    max: o.loginRateLimit.max,
    timeWindow: o.loginRateLimit.timeWindowMs,
    keyGenerator: (req) => `login:${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
  });

  app.post(
    '/v1/auth/login',
    {
      schema: {
        tags,
        summary: '工作人员登录（设置会话 Cookie，返回 CSRF 令牌）',
        security: [],
        body: loginBodySchema,
        response: { 200: sessionResponseSchema, ...errorResponses, 429: errorResponseSchema },
      },
    },
    async (req, reply) => {
      for (const limiter of [perIp, perUser]) {
        const r = await limiter(req);
        if (!r.isAllowed && r.isExceeded) throw rateLimited(reply, r.ttlInSeconds, '登录尝试过于频繁，请稍后再试');
      }
      const result = await services.sessions.login(req.body.username, req.body.password, { ip: req.ip });
      // One message for unknown users, wrong passwords and disabled accounts, so it reveals nothing.
      if (!result) throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) services.sessions.discard(previous);
      reply.setCookie(SESSION_COOKIE, result.token, { ...sessionCookieOptions(req, o.cookieSecure), maxAge: SESSION_MAX_AGE_SECONDS });
      return { user: toStaffUser(result.user), csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { access: { staff: ALL_STAFF, write: false } },
      schema: { tags, summary: '退出登录', response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind === 'staff' && req.authSession) services.sessions.logout(req.authSession.tokenHash, p);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, o.cookieSecure));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/auth/me',
    {
      config: { access: { staff: ALL_STAFF } },
      schema: { tags, summary: '当前登录用户与 CSRF 令牌', response: { 200: sessionResponseSchema, ...errorResponses } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const user = p.kind === 'staff' ? services.accounts.getUser(p.userId) : undefined;
      const session = req.authSession;
      if (!user || !session) throw new AppError('UNAUTHORIZED', '登录已失效，请重新登录');
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );
};
