import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from '../auth/access.policy';
import type { AccountService } from '../auth/account.service';
import type { Principal, RouteAccess } from '../auth/auth.types';
import { assertRegion, regionFilter } from '../auth/region-scope.policy';
import type { IntakeReader } from '../intake/intake-reader.service';
import { countyDashboardParamsSchema, PLACEMENT_STATES, placementParamsSchema } from '../placements/placement.schema';
import type { PlacementCaller, PlacementDashboards, PlacementReads } from '../placements/placement.types';
import { AppError } from '../shared/errors';
import { html, type SafeHtml } from './html';
import { renderPage, type PageOptions, type Viewer } from './layout.view';
import { toDashboardView, STATE_LABELS } from './placement-dashboard.builder';
import { buildDashboardWorkbook } from './placement-dashboard-workbook.builder';
import { placementDashboardBody } from './placement-dashboard.view';
import { placementDetailBody, placementListBody } from './placement-detail.view';
import { toDetailView, toListRow } from './placement-view.builder';
import type { DashboardView } from './placement-view.types';

export type PlacementPageOptions = {
  placements: Pick<PlacementReads, 'list' | 'get' | 'serviceTime'>;
  dashboards: Pick<PlacementDashboards, 'county' | 'city' | 'topList'>;
  accounts: Pick<AccountService, 'getUser'>;
  reader: Pick<IntakeReader, 'regions'>;
  /** Today in China Standard Time (tests pin it). */
  today?: () => string;
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="placements.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Who calls the placement services: staff as themselves (a reviewer bound to the county), a portal city-wide. */
export function placementCallerOf(p: Principal): PlacementCaller {
  const actor = auditActorOf(p);
  if (p.kind === 'staff') return { actor, role: p.role, region: p.role === 'reviewer' ? p.region : null, party: null };
  if (p.kind === 'participant') {
    const key = p.side === 'enterprise' ? p.enterpriseCreditCode : p.expertExternalId;
    return { actor, role: 'participant', region: null, party: key ? { side: p.side, key } : null };
  }
  return { actor, role: 'portal', region: null, party: null };
}

/** An asset with its content hash in the URL (the shared ones are served by web.routes under /assets/). */
function loadAsset(name: string, type: string, prefix = '/placement-assets/') {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  const v = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, type, href: `${prefix}${name}?v=${v}` };
}

/**
 * The placement pages (list, one placement with the viewer's actions, the county and city dashboards) and the
 * dashboard's XLSX export. Registered inside the web routes, so the page security headers and the HTML error
 * pages apply; the actions post to the /v1/placements routes from the page script.
 */
export const placementPageRoutes: FastifyPluginAsyncZod<PlacementPageOptions> = async (app, o) => {
  const css = loadAsset('placements.css', 'text/css; charset=utf-8');
  const js = loadAsset('placements.js', 'text/javascript; charset=utf-8');
  const shared = (name: string) => loadAsset(name, '', '/assets/').href;
  const assets = { css: shared('app.css'), js: shared('app.js') };
  const extra = { css: [css.href], js: [js.href] };
  const today = o.today ?? chinaToday;
  const hide = { hide: true } as const;
  const staff: RouteAccess = { staff: ['admin', 'reviewer', 'viewer'] };
  // Enterprises and experts see their own placements (the service limits the list and the detail to their party).
  const staffAndParties: RouteAccess = { staff: ['admin', 'reviewer', 'viewer'], participant: ['enterprise', 'expert'] };
  const regionName = (code: string | null) => (code ? (o.reader.regions().find((r) => r.code === code)?.name ?? code) : null);

  const viewerOf = (req: FastifyRequest): Viewer => {
    const p = requirePrincipal(req);
    const user = p.kind === 'staff' ? o.accounts.getUser(p.userId) : undefined;
    if (!user || !req.authSession) throw new AppError('FORBIDDEN', '网页仅供工作人员登录后使用');
    return { ...user, regionName: regionName(user.region), csrfToken: req.authSession.csrfToken };
  };
  /**
   * Staff get the shared header; an enterprise or expert signed in on its own page gets a line naming it, and its
   * session's CSRF token on <main> (the page script reads it there; the shared header is staff-only).
   */
  const whoOf = (req: FastifyRequest): { viewer?: Viewer; banner: SafeHtml | ''; data: Record<string, string> } => {
    const p = requirePrincipal(req);
    if (p.kind !== 'participant') return { viewer: viewerOf(req), banner: '', data: {} };
    if (!req.authSession) throw new AppError('FORBIDDEN', '请先登录企业或专家账号');
    const side = p.side === 'enterprise' ? '企业用户' : '专家用户';
    return {
      banner: html`<p class="participant-who card">${side}：<strong>${p.displayName}</strong> <a href="/placements">我的派驻</a>
        <button type="button" class="secondary" data-participant-logout>退出登录</button></p>`,
      data: { csrf: req.authSession.csrfToken },
    };
  };
  const send = (reply: FastifyReply, req: FastifyRequest, page: Omit<PageOptions, 'assets' | 'viewer'>) => {
    const who = whoOf(req);
    const rendered = renderPage({
      ...page,
      viewer: who.viewer,
      breadcrumbs: who.viewer ? page.breadcrumbs : undefined,
      data: { ...page.data, ...who.data },
      body: html`${who.banner}${page.body}`,
      assets,
      extra,
    });
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(rendered);
  };

  // Only the signed-in pages load these (the public list in access.policy.ts stays the login page's own assets).
  app.get(
    '/placement-assets/:name',
    { config: { access: staffAndParties }, schema: { ...hide, params: z.object({ name: z.enum(['placements.css', 'placements.js']) }) } },
    async (req, reply) => {
      const a = req.params.name === 'placements.css' ? css : js;
      return reply.header('content-type', a.type).header('cache-control', 'public, max-age=86400').send(a.body);
    },
  );

  const listQuery = z.object({
    state: z.enum(PLACEMENT_STATES).optional(),
    region: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  });
  app.get('/placements', { config: { access: staffAndParties }, schema: { ...hide, querystring: listQuery } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const caller = placementCallerOf(p);
    const party = p.kind === 'participant';
    const region = party ? undefined : regionFilter(p, req.query.region);
    const all = o.placements.list({ region, kind: 'programme', limit: 500, offset: 0 }, caller).items;
    const rows = all.filter((x) => !req.query.state || x.state === req.query.state);
    const scope = regionName(region ?? null) ?? '全市';
    return send(reply, req, {
      title: party ? '我的派驻' : `${scope}派驻`,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '派驻' }],
      data: { page: 'placements' },
      body: placementListBody({
        title: party ? '我的派驻' : `${scope}科技副总派驻`,
        currentState: req.query.state ?? null,
        dashboardHref: party ? null : `/placements/dashboard${region ? `?region=${region}` : ''}`,
        states: PLACEMENT_STATES.filter((s) => s !== 'historical').map((s) => ({ state: s, label: STATE_LABELS[s], count: all.filter((x) => x.state === s).length })),
        rows: rows.map(toListRow),
      }),
    });
  });

  /** The dashboard of a county (a reviewer's own; staff with ?region=) or of the city. */
  const dashboardOf = (p: Principal, requested: string | undefined, year: number | undefined): DashboardView => {
    const caller = placementCallerOf(p);
    const region = regionFilter(p, requested);
    const lagging = (['behind', 'missed'] as const).flatMap((s) => o.placements.list({ region, kind: 'programme', serviceTime: s, limit: 500, offset: 0 }, caller).items);
    const withTime = lagging.map((placement) => ({ placement, serviceTime: o.placements.serviceTime(placement.id, caller) }));
    const y = year ?? Number(today().slice(0, 4));
    // The top ten of the year asked for; without one, this year's or, before any grade of this year, last year's.
    let top = o.dashboards.topList(y, caller, region);
    if (year === undefined && top.items.length === 0) top = o.dashboards.topList(y - 1, caller, region);
    if (region) {
      const d = o.dashboards.county(region, caller);
      return toDashboardView({
        scopeName: d.figures.regionName,
        regionCode: region,
        year: top.year,
        totals: d.figures,
        counties: [d.figures],
        targets: d.targets,
        lagging: withTime,
        topList: top,
      });
    }
    const d = o.dashboards.city(caller);
    return toDashboardView({ scopeName: '温州市', regionCode: null, year: top.year, totals: d.totals, counties: d.counties, targets: d.targets, lagging: withTime, topList: top });
  };

  const dashQuery = z.object({
    region: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  });
  app.get('/placements/dashboard', { config: { access: staff }, schema: { ...hide, querystring: dashQuery } }, async (req, reply) => {
    const view = dashboardOf(requirePrincipal(req), req.query.region, req.query.year);
    return send(reply, req, {
      title: `${view.scopeName}派驻看板`,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '派驻', href: '/placements' }, { label: '看板' }],
      data: { page: 'placement-dashboard' },
      body: placementDashboardBody(view),
    });
  });

  app.get('/placements/:placementId', { config: { access: staffAndParties }, schema: { ...hide, params: placementParamsSchema } }, async (req, reply) => {
    const caller = placementCallerOf(requirePrincipal(req));
    const d = o.placements.get(req.params.placementId, caller);
    const view = toDetailView(d, { today: today() });
    return send(reply, req, {
      title: `${d.expert.name}派驻`,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '派驻', href: '/placements' }, { label: `${d.expert.name} · ${d.enterprise.name}` }],
      data: { page: 'placement', placement: String(d.id) },
      body: placementDetailBody(view),
    });
  });

  const tags = ['placements'];
  const sendWorkbook = async (reply: FastifyReply, view: DashboardView) => {
    const file = await buildDashboardWorkbook(view);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(file.filename)).header('cache-control', 'no-store').send(file.body);
  };
  app.get(
    '/v1/placement-dashboards/city/export.xlsx',
    {
      config: { access: { staff: ['admin', 'viewer'] } },
      schema: { tags, summary: '导出全市派驻看板（XLSX：汇总、服务时长滞后名单、工作成效前十）', querystring: dashQuery.pick({ year: true }) },
    },
    async (req, reply) => sendWorkbook(reply, dashboardOf(requirePrincipal(req), undefined, req.query.year)),
  );
  app.get(
    '/v1/placement-dashboards/counties/:region/export.xlsx',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: '导出区县派驻看板（XLSX：汇总、服务时长滞后名单及依据条款、工作成效前十）',
        params: countyDashboardParamsSchema,
        querystring: dashQuery.pick({ year: true }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      assertRegion(p, req.params.region);
      return sendWorkbook(reply, dashboardOf(p, req.params.region, req.query.year));
    },
  );
};
