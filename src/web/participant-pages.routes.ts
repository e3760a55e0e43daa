import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, sessionCookieOptions, type AuthOptions } from '../auth/auth.plugin';
import type { ParticipantAccountService } from '../auth/participant-account.service';
import type { ParticipantLoginResult, ParticipantSessionService } from '../auth/participant-session.service';
import { AppError } from '../shared/errors';
import type { SafeHtml } from './html';
import { inviteBody, inviteInvalidBody, participantLoginBody } from './invite.view';
import { renderPage } from './layout.view';

/** Where a participant lands after setting the password or signing in (the participant pages live there). */
export const PARTICIPANT_HOME = '/participant';

export type ParticipantPageOptions = {
  assets: { css: string; js: string };
  participantAccounts: Pick<ParticipantAccountService, 'peek' | 'accept'>;
  participantSessions: Pick<ParticipantSessionService, 'start' | 'login' | 'discard'>;
  cookieSecure?: AuthOptions['cookieSecure'];
};

const hide = { hide: true } as const;
const tokenParams = z.object({ token: z.string().min(1).max(200) });
const formBody = z.object({ username: z.string().max(64).default(''), password: z.string().max(256).default('') });

/**
 * The invitation link and the participant sign-in as plain HTML forms (mobile-first, no script): the token or
 * the password is the credential, so these are public; the session cookie is set exactly as by the API.
 */
export const participantPageRoutes: FastifyPluginAsyncZod<ParticipantPageOptions> = async (app, o) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const send = (reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderPage({ title, body, assets: o.assets }));

  const signIn = (req: FastifyRequest, reply: FastifyReply, session: ParticipantLoginResult) => {
    const previous = req.cookies[SESSION_COOKIE];
    if (previous) o.participantSessions.discard(previous);
    reply.setCookie(SESSION_COOKIE, session.token, { ...sessionCookieOptions(req, o.cookieSecure), maxAge: SESSION_MAX_AGE_SECONDS });
    return reply.redirect(PARTICIPANT_HOME, 303);
  };

  app.get('/invite/:token', { schema: { ...hide, params: tokenParams } }, async (req, reply) => {
    const found = o.participantAccounts.peek(req.params.token);
    if (!found) return send(reply, '邀请链接不可用', inviteInvalidBody('邀请链接无效、已使用或已过期，请联系区县科技部门重新邀请。'), 410);
    return send(reply, '开通账号', inviteBody({ token: req.params.token, ...found }));
  });

  app.post('/invite/:token', { schema: { ...hide, params: tokenParams, body: formBody } }, async (req, reply) => {
    try {
      const account = await o.participantAccounts.accept(req.params.token, req.body, { ip: req.ip });
      return signIn(req, reply, o.participantSessions.start(account, { ip: req.ip }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const found = o.participantAccounts.peek(req.params.token);
      if (!found) return send(reply, '邀请链接不可用', inviteInvalidBody(err.message), 410);
      return send(reply, '开通账号', inviteBody({ token: req.params.token, ...found, error: err.message }), err.statusCode);
    }
  });

  app.get('/participant/login', { schema: hide }, async (_req, reply) => send(reply, '企业 / 专家用户登录', participantLoginBody()));

  app.post('/participant/login', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    const session = await o.participantSessions.login(req.body.username.trim().toLowerCase(), req.body.password, { ip: req.ip });
    if (!session) return send(reply, '企业 / 专家用户登录', participantLoginBody('用户名或密码错误'), 401);
    return signIn(req, reply, session);
  });
};
