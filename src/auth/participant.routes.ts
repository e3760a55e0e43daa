import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../http/common.schema';
import { AppError } from '../shared/errors';
import { auditActorOf, requirePrincipal } from './access.policy';
import { PARTICIPANT_SIDES, type StaffPrincipal } from './auth.types';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, rateLimited, resolveAuthOptions, sessionCookieOptions, type AuthOptions, type AuthServices } from './auth.plugin';
import { loginBodySchema } from './auth.schema';
import type { ParticipantAccountService } from './participant-account.service';
import { toParticipantAccount } from './participant-session.service';
import {
  acceptBodySchema,
  accountListSchema,
  invitationBodySchema,
  invitationCreatedSchema,
  invitationPeekSchema,
  participantAccountSchema,
  participantMeSchema,
  participantSessionSchema,
  tokenParamsSchema,
} from './participant.schema';

export type ParticipantRouteOptions = {
  services: Pick<AuthServices, 'participantSessions' | 'sessions'>;
  participantAccounts: ParticipantAccountService;
  options?: AuthOptions;
};

const tags = ['参与方账号'];
const staffOnly = (p: ReturnType<typeof requirePrincipal>): StaffPrincipal => {
  if (p.kind !== 'staff') throw new AppError('FORBIDDEN', '无权访问此接口');
  return p;
};

/**
 * Enterprise and expert accounts (Wenzhou plan 四(二) 一对一在线洽谈): the county invites, the user sets a password
 * through the one-time link and logs in; participants log out and read who they are.
 */
export const participantRoutes: FastifyPluginAsyncZod<ParticipantRouteOptions> = async (app, { services, participantAccounts, options }) => {
  const o = resolveAuthOptions(options);
  const perIp = app.createRateLimit({ max: o.loginIpRateLimit.max, timeWindow: o.loginIpRateLimit.timeWindowMs, keyGenerator: (req) => `participant-ip:${req.ip}` });
  const perUser = app.createRateLimit({
    max: o.loginRateLimit.max,
    timeWindow: o.loginRateLimit.timeWindowMs,
    keyGenerator: (req) => `participant:${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
  });
  const limit = async (req: Parameters<typeof perIp>[0], reply: Parameters<typeof rateLimited>[0], limiters = [perIp, perUser]) => {
    for (const limiter of limiters) {
      const r = await limiter(req);
      if (!r.isAllowed && r.isExceeded) throw rateLimited(reply, r.ttlInSeconds, '尝试过于频繁，请稍后再试');
    }
  };

  app.post(
    '/v1/participant-invitations',
    {
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: {
        tags,
        summary: '邀请企业或专家开通账号（生成一次性邀请链接，7 天内有效）',
        body: invitationBodySchema,
        response: { 200: invitationCreatedSchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = staffOnly(requirePrincipal(req));
      const created = participantAccounts.invite(p, auditActorOf(p), req.body.side, req.body.key);
      req.auditContext = { recorded: true };
      return created;
    },
  );

  app.get(
    '/v1/participant-accounts',
    {
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: {
        tags,
        summary: '参与方账号与邀请状态（区县审核员仅本区县）',
        querystring: z.object({
          region: z
            .string()
            .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
            .optional(),
        }),
        response: { 200: accountListSchema, ...errorResponses },
      },
    },
    async (req) => participantAccounts.list(staffOnly(requirePrincipal(req)), req.query.region),
  );

  app.post(
    '/v1/participant-accounts/:id/disable',
    {
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: {
        tags,
        summary: '停用参与方账号（结束其全部会话，作废未使用的邀请）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: participantAccountSchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = staffOnly(requirePrincipal(req));
      const account = participantAccounts.disable(p, auditActorOf(p), req.params.id);
      req.auditContext = { recorded: true };
      return account;
    },
  );

  app.get(
    '/v1/invitations/:token',
    { schema: { tags, summary: '查看邀请（设置密码前显示企业或专家名称）', security: [], params: tokenParamsSchema, response: { 200: invitationPeekSchema, ...errorResponses } } },
    async (req, reply) => {
      await limit(req, reply, [perIp]);
      const found = participantAccounts.peek(req.params.token);
      if (!found) throw new AppError('INVITATION_INVALID', '邀请链接无效、已使用或已过期，请联系区县科技部门重新邀请');
      return found;
    },
  );

  app.post(
    '/v1/invitations/:token/accept',
    {
      schema: {
        tags,
        summary: '接受邀请：设置用户名和密码并登录（链接仅可使用一次）',
        security: [],
        params: tokenParamsSchema,
        body: acceptBodySchema,
        response: { 200: participantSessionSchema, ...errorResponses, 410: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (req, reply) => {
      await limit(req, reply, [perIp]);
      const account = await participantAccounts.accept(req.params.token, req.body, { ip: req.ip });
      const session = services.participantSessions.start(account, { ip: req.ip });
      return startSession(req, reply, session);
    },
  );

  app.post(
    '/v1/participants/login',
    {
      schema: {
        tags,
        summary: '企业/专家用户登录（设置会话 Cookie，返回 CSRF 令牌）',
        security: [],
        body: loginBodySchema,
        response: { 200: participantSessionSchema, ...errorResponses, 429: errorResponseSchema },
      },
    },
    async (req, reply) => {
      await limit(req, reply);
      const session = await services.participantSessions.login(req.body.username.toLowerCase(), req.body.password, { ip: req.ip });
      if (!session) throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
      return startSession(req, reply, session);
    },
  );

  app.post(
    '/v1/participants/logout',
    {
      config: { access: { participant: PARTICIPANT_SIDES, write: false } },
      schema: { tags, summary: '企业/专家用户退出登录', response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind === 'participant' && p.accountId !== null && req.authSession) services.participantSessions.logout(req.authSession.tokenHash, p);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, o.cookieSecure));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/participants/me',
    {
      config: { access: { participant: PARTICIPANT_SIDES } },
      schema: { tags, summary: '当前企业/专家身份（本人会话或门户代办）', response: { 200: participantMeSchema, ...errorResponses } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      if (p.kind !== 'participant') throw new AppError('FORBIDDEN', '无权访问此接口');
      const { side, displayName, enterpriseCreditCode, expertExternalId, regionCode, accountId, via } = p;
      return {
        side,
        displayName,
        enterpriseCreditCode,
        expertExternalId,
        regionCode,
        accountId,
        via,
        csrfToken: req.authSession?.csrfToken ?? null,
        expiresAt: req.authSession?.expiresAt ?? null,
      };
    },
  );

  function startSession(
    req: Parameters<typeof sessionCookieOptions>[0] & { cookies: Record<string, string | undefined> },
    reply: { setCookie: (name: string, value: string, opts: object) => unknown },
    session: { token: string; csrfToken: string; expiresAt: string; account: Parameters<typeof toParticipantAccount>[0] },
  ) {
    const previous = req.cookies[SESSION_COOKIE];
    if (previous) {
      services.sessions.discard(previous);
      services.participantSessions.discard(previous);
    }
    reply.setCookie(SESSION_COOKIE, session.token, { ...sessionCookieOptions(req, o.cookieSecure), maxAge: SESSION_MAX_AGE_SECONDS });
    return { account: toParticipantAccount(session.account), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }
};
