import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePrincipal } from '../auth/access.policy';
import type { RouteAccess, StaffPrincipal } from '../auth/auth.types';
import { regionFilter } from '../auth/region-scope.policy';
import type { ParticipantAccountService } from '../auth/participant-account.service';
import type { IntakeReader } from '../intake/intake-reader.service';
import type { NotificationService } from '../notifications/notifier.service';
import { demandIdParamsSchema, interestIdParamsSchema, talkIdParamsSchema } from '../selection/selection.schema';
import { overseerOfPrincipal, partyOfPrincipal } from '../selection/selection-principal';
import type { SelectionApi, SelectionOverseer, SelectionParty } from '../selection/selection.types';
import { AppError } from '../shared/errors';
import { enterpriseHomeBody, shortlistBody } from './enterprise-pages.view';
import { expertDemandsBody, expertHomeBody } from './expert-pages.view';
import { inboxBody } from './inbox.view';
import { inviteBody } from './invitation.view';
import type { PageOptions, Viewer } from './layout.view';
import { oversightBody } from './oversight.view';
import { renderParticipantPage, type ParticipantViewer } from './participant-layout.view';
import type { InboxItem } from './selection-pages.types';
import { liveFragment, talkBody, type TalkPageViewer } from './talk.view';

/** The participants' sign-in page (i14a's plain form); their pages are everything else under /participant. */
export const PARTICIPANT_LOGIN = '/participant/login';
export const isParticipantPage = (url: string) => /^\/participant(\/|\?|$)/.test(url) && !url.startsWith(PARTICIPANT_LOGIN);

/** What app.ts passes through web.routes.ts for these pages. */
export type SelectionPageServices = {
  selection: SelectionApi;
  /** The participant's in-app inbox (absent: the header shows no count and the inbox page is empty). */
  inbox?: Pick<NotificationService, 'inbox'>;
  /** The reviewer's invitation page lists the county's participant accounts. */
  accounts: Pick<ParticipantAccountService, 'list'>;
};

export type SelectionPageOptions = SelectionPageServices & {
  reader: Pick<IntakeReader, 'get' | 'regions'>;
  /** The staff page shell and viewer from web.routes.ts (same error handling and security headers). */
  sendStaff: (reply: FastifyReply, o: Omit<PageOptions, 'assets'>, status?: number) => FastifyReply;
  viewerOf: (req: FastifyRequest) => Viewer;
  assets: { css: readonly string[]; js: readonly string[] };
};

const hide = { hide: true } as const;
const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/**
 * The pages of two-way selection (issue 14): the enterprise's and the expert's own pages (phone first) and the
 * county's read-only oversight. Every page reads through the selection API (the services the REST routes and
 * portals use); every write is a form the page script sends to that REST API.
 */
export const selectionPageRoutes: FastifyPluginAsyncZod<SelectionPageOptions> = async (app, o) => {
  const { selection, reader, inbox, accounts, sendStaff, viewerOf } = o;
  const staffExtra = { css: o.assets.css.slice(1), js: o.assets.js.slice(1) };

  // Own-session participants only: a portal acting for one has no page session (and no CSRF token).
  const partyOf = (req: FastifyRequest): SelectionParty => {
    const p = requirePrincipal(req);
    if (p.kind !== 'participant' || p.accountId === null) throw new AppError('FORBIDDEN', '本页面仅供企业和专家用户登录后使用');
    return partyOfPrincipal(p);
  };
  const participantViewer = (req: FastifyRequest, party: SelectionParty): ParticipantViewer => {
    if (!req.authSession) throw new AppError('FORBIDDEN', '本页面仅供企业和专家用户登录后使用');
    return {
      side: party.side,
      displayName: party.displayName,
      unread: inbox?.inbox(`${party.side}:${party.key}`, { limit: 1, offset: 0, unreadOnly: true }).unread ?? 0,
      csrfToken: req.authSession.csrfToken,
    };
  };
  const sendParticipant = (
    req: FastifyRequest,
    reply: FastifyReply,
    party: SelectionParty,
    page: { title: string; current?: string; body: unknown; data?: Record<string, string> },
  ) => html(reply, renderParticipantPage({ ...page, body: page.body as never, viewer: participantViewer(req, party), assets: o.assets }));
  const overseerOf = (req: FastifyRequest): SelectionOverseer => overseerOfPrincipal(requirePrincipal(req));
  const inboxItems = (party: SelectionParty): InboxItem[] =>
    (inbox?.inbox(`${party.side}:${party.key}`, { limit: 100, offset: 0 }).items ?? []).map((i) => ({
      id: String(i.id),
      subject: i.subject,
      body: i.body,
      link: i.link,
      at: i.createdAt,
      read: i.readAt !== null,
    }));
  const staffOf = (req: FastifyRequest): StaffPrincipal => {
    const p = requirePrincipal(req);
    if (p.kind !== 'staff') throw new AppError('FORBIDDEN', '网页仅供工作人员登录后使用');
    return p;
  };
  const regionName = (code: string | null | undefined) => (code ? (reader.regions().find((r) => r.code === code)?.name ?? code) : '全市');

  const both: RouteAccess = { participant: ['enterprise', 'expert'] };
  const enterprise: RouteAccess = { participant: ['enterprise'] };
  const expert: RouteAccess = { participant: ['expert'] };
  const staff: RouteAccess = { staff: ['admin', 'reviewer', 'viewer'] };

  // ---------------------------------------------------------------- participants
  app.get('/participant', { config: { access: both }, schema: hide }, async (req, reply) => {
    const party = partyOf(req);
    if (party.side === 'enterprise')
      return sendParticipant(req, reply, party, { title: '我的需求', current: 'home', body: enterpriseHomeBody(selection.enterpriseDemands(party)) });
    const { paused } = selection.expertSettings(party);
    return sendParticipant(req, reply, party, { title: '洽谈邀请', current: 'home', body: expertHomeBody({ paused, invitations: selection.invitations(party) }) });
  });

  app.get('/participant/demands', { config: { access: expert }, schema: hide }, async (req, reply) => {
    const party = partyOf(req);
    return sendParticipant(req, reply, party, { title: '匹配需求', current: 'demands', body: expertDemandsBody(await selection.matches(party)) });
  });

  app.get('/participant/demands/:demandId', { config: { access: enterprise }, schema: { ...hide, params: demandIdParamsSchema } }, async (req, reply) => {
    const party = partyOf(req);
    const s = await selection.shortlist(party, req.params.demandId);
    const demand = reader.get('demands', s.demandId) as { description?: string } | undefined;
    return sendParticipant(req, reply, party, { title: s.demandTitle, current: 'home', body: shortlistBody(s, demand?.description ?? null) });
  });

  app.get('/participant/talks/:talkId', { config: { access: both }, schema: { ...hide, params: talkIdParamsSchema } }, async (req, reply) => {
    const party = partyOf(req);
    const t = selection.getTalk({ kind: 'party', party }, req.params.talkId);
    return sendParticipant(req, reply, party, {
      title: `洽谈：${t.demandTitle}`,
      body: talkBody(t, { kind: 'party', side: party.side }),
      data: { channel: t.channel, 'talk-path': `/participant/talks/${t.id}` },
    });
  });

  app.get('/participant/talks/:talkId/thread', { config: { access: both }, schema: { ...hide, params: talkIdParamsSchema } }, async (req, reply) => {
    const party = partyOf(req);
    const t = selection.getTalk({ kind: 'party', party }, req.params.talkId);
    return html(reply, String(liveFragment(t, { kind: 'party', side: party.side })));
  });

  app.get('/participant/inbox', { config: { access: both }, schema: hide }, async (req, reply) => {
    const party = partyOf(req);
    return sendParticipant(req, reply, party, { title: '消息', current: 'inbox', body: inboxBody(inboxItems(party)) });
  });

  // ---------------------------------------------------------------- county staff
  app.get('/selection', { config: { access: staff }, schema: { ...hide, querystring: z.object({ cycle: z.string().max(64).optional() }) } }, async (req, reply) => {
    const viewer = viewerOf(req);
    const overseer = overseerOf(req);
    const region = regionFilter(requirePrincipal(req), undefined);
    const cycle = req.query.cycle;
    return sendStaff(reply, {
      title: '双向选择与洽谈',
      viewer,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '双向选择与洽谈' }],
      extra: staffExtra,
      body: oversightBody(
        {
          regionName: regionName(region),
          talks: selection.listTalks({ kind: 'staff', overseer }, { cycle, region }),
          demands: selection.demandStages(overseer, { cycle, region }),
          stale: selection.staleDemands(overseer, { cycle, region }),
        },
        viewer.role !== 'viewer',
      ),
    });
  });

  const staffTalk = (req: FastifyRequest, talkId: number) => selection.getTalk({ kind: 'staff', overseer: overseerOf(req) }, talkId);
  const staffViewer: TalkPageViewer = { kind: 'staff' };

  // Notifications link to /selection/talks/<id> for everyone: a participant is sent on to their own talk page.
  const staffOrParty: RouteAccess = { ...staff, participant: ['enterprise', 'expert'] };
  app.get('/selection/talks/:talkId', { config: { access: staffOrParty }, schema: { ...hide, params: talkIdParamsSchema } }, async (req, reply) => {
    if (requirePrincipal(req).kind === 'participant') return reply.redirect(`/participant/talks/${req.params.talkId}`, 303);
    const viewer = viewerOf(req);
    const t = staffTalk(req, req.params.talkId);
    return sendStaff(reply, {
      title: `洽谈：${t.demandTitle}`,
      viewer,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '双向选择与洽谈', href: '/selection' }, { label: t.demandTitle }],
      extra: staffExtra,
      data: { channel: t.channel, 'talk-path': `/selection/talks/${t.id}` },
      body: talkBody(t, staffViewer),
    });
  });

  app.get('/selection/talks/:talkId/thread', { config: { access: staff }, schema: { ...hide, params: talkIdParamsSchema } }, async (req, reply) =>
    html(reply, String(liveFragment(staffTalk(req, req.params.talkId), staffViewer))),
  );

  app.get('/selection/interests/:interestId', { config: { access: staffOrParty }, schema: { ...hide, params: interestIdParamsSchema } }, async (req, reply) =>
    reply.redirect(requirePrincipal(req).kind === 'participant' ? '/participant' : '/selection', 303),
  );

  app.get('/selection/invitations', { config: { access: { staff: ['admin', 'reviewer'] } }, schema: hide }, async (req, reply) => {
    const viewer = viewerOf(req);
    return sendStaff(reply, {
      title: '邀请企业或专家',
      viewer,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '双向选择与洽谈', href: '/selection' }, { label: '邀请企业或专家' }],
      extra: staffExtra,
      body: inviteBody({ regionName: viewer.regionName ?? '本区县', accounts: accounts.list(staffOf(req)) }),
    });
  });
};
