import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, requirePrincipal } from '../auth/access.policy';
import type { AccountService } from '../auth/account.service';
import type { RouteAccess } from '../auth/auth.types';
import { assertRegion, regionFilter } from '../auth/region-scope.policy';
import type { IntakeReader } from '../intake/intake-reader.service';
import type { IntakeReviewService } from '../intake/intake-review.service';
import { runParamsSchema, runRegionParamsSchema } from '../review/review.schema';
import type { ReviewService } from '../review/review.service';
import { AppError } from '../shared/errors';
import { auditBody } from './audit.view';
import { dashboardBody, noRunBody } from './dashboard.view';
import { errorBody, errorTitle } from './error.view';
import { seg } from './html';
import { renderPage, type PageOptions, type Viewer } from './layout.view';
import { intakeQueueBody } from './intake-queue.view';
import { loginBody } from './login.view';
import { placementPageRoutes, type PlacementPageOptions } from './placement-pages.routes';
import { participantPageRoutes, type ParticipantPageOptions } from './participant-pages.routes';
import { reviewBody } from './review.view';
import { isParticipantPage, PARTICIPANT_LOGIN, selectionPageRoutes, type SelectionPageServices } from './selection-pages.routes';

export type WebRouteOptions = {
  review: ReviewService;
  accounts: Pick<AccountService, 'getUser'>;
  reader: Pick<IntakeReader, 'regions' | 'get'>;
  intakeReview: Pick<IntakeReviewService, 'queue'>;
  /** The placement pages and dashboards (issue 15), registered inside this plugin for its headers and error pages. */
  placements?: Omit<PlacementPageOptions, 'accounts' | 'reader'>;
  /** The invitation link and the participant sign-in pages. */
  participants: Omit<ParticipantPageOptions, 'assets'>;
  /** The two-way selection pages (participants and county oversight). */
  selectionPages?: SelectionPageServices;
};

type Asset = { body: Buffer; type: string; href: string };
const ASSET_NAMES = ['app.css', 'app.js', 'selection.css', 'selection.js'] as const;
type AssetName = (typeof ASSET_NAMES)[number];

function loadAsset(name: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  // The content hash in the URL lets browsers cache the file and still see a new version at once.
  const v = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, type, href: `/assets/${name}?v=${v}` };
}

/**
 * Only same-site paths may follow a login: one leading '/', then no '/' or '\\' (`//host`, `/\\host` are another
 * site), and no backslash, whitespace or control character anywhere, since browsers drop tabs and newlines
 * from URLs (`/%09/evil.example` becomes `//evil.example`).
 */
const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 500 || !/^\/(?![/\\])/.test(next)) return undefined;
  return /[\\\s]/.test(next) || [...next].some(isControl) ? undefined : next;
}

const wantsHtml = (req: FastifyRequest) => req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');

// Pages hold personal data and run only our own script and styles.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * The review web page: server-rendered HTML in Chinese plus one script and one stylesheet. Pages are
 * declared like API routes (the same access hook guards them); a browser that is not signed in is sent
 * to /login instead of getting a JSON 401, and other refusals render as a page.
 */
export const webRoutes: FastifyPluginAsyncZod<WebRouteOptions> = async (app, { review, accounts, reader, intakeReview, participants, selectionPages, placements }) => {
  const css = 'text/css; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  const files: Record<AssetName, Asset> = {
    'app.css': loadAsset('app.css', css),
    'app.js': loadAsset('app.js', js),
    'selection.css': loadAsset('selection.css', css),
    'selection.js': loadAsset('selection.js', js),
  };
  const assets = { css: files['app.css'], js: files['app.js'] };
  const assetHrefs = { css: assets.css.href, js: assets.js.href };
  // The selection pages load the shared files first, then their own.
  const selectionAssets = { css: [assets.css.href, files['selection.css'].href], js: [assets.js.href, files['selection.js'].href] };
  const regionName = (code: string | null) => (code ? (reader.regions().find((r) => r.code === code)?.name ?? code) : null);

  const send = (reply: FastifyReply, o: Omit<PageOptions, 'assets'>, status = 200) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderPage({ ...o, assets: assetHrefs }));

  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    // API-style callers (no text/html) get the app's JSON errors from the parent handler.
    if (!wantsHtml(req)) throw err;
    let status = 500;
    let message = '服务器内部错误，请稍后再试';
    if (err instanceof AppError) {
      status = err.statusCode;
      message = err.message;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      message = '页面地址无效';
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      message = '请求无效';
    }
    // Enterprise and expert pages have their own sign-in form.
    if (status === 401 && isParticipantPage(req.url)) return reply.redirect(PARTICIPANT_LOGIN, 303);
    if (status === 401) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (status >= 500) req.log.error({ err }, 'page failed');
    return send(reply, { title: errorTitle(status), body: errorBody(status, message) }, status);
  });

  const viewerOf = (req: FastifyRequest): Viewer => {
    const p = requirePrincipal(req);
    const user = p.kind === 'staff' ? accounts.getUser(p.userId) : undefined;
    if (!user || !req.authSession) throw new AppError('FORBIDDEN', '网页仅供工作人员登录后使用');
    return { ...user, regionName: regionName(user.region), csrfToken: req.authSession.csrfToken };
  };

  const readers: RouteAccess = { staff: ALL_STAFF };
  const hide = { hide: true } as const;
  await app.register(participantPageRoutes, { ...participants, assets: assetHrefs });

  app.get('/assets/:name', { schema: { ...hide, params: z.object({ name: z.enum(ASSET_NAMES) }) } }, async (req, reply) => {
    const a = files[req.params.name];
    return reply.header('content-type', a.type).header('cache-control', 'public, max-age=86400').send(a.body);
  });

  app.get('/login', { schema: { ...hide, querystring: z.object({ next: z.string().optional() }) } }, async (req, reply) =>
    send(reply, { title: '登录', body: loginBody(safeNext(req.query.next)) }),
  );

  const dashboard = (req: FastifyRequest, reply: FastifyReply, runId: string | undefined) => {
    const viewer = viewerOf(req);
    const runs = review.listRuns();
    const run = runId === undefined ? runs[0] : review.getRun(runId);
    if (!run) return send(reply, { title: '区县审核', viewer, body: noRunBody() });
    const { items } = review.listRegions(run.id, regionFilter(requirePrincipal(req), undefined));
    return send(reply, { title: '区县审核总览', viewer, body: dashboardBody({ viewer, runs, run, items }) });
  };

  app.get('/', { config: { access: readers }, schema: hide }, async (req, reply) => dashboard(req, reply, undefined));

  app.get('/runs/:runId', { config: { access: readers }, schema: { ...hide, params: runParamsSchema } }, async (req, reply) => dashboard(req, reply, req.params.runId));

  app.get('/runs/:runId/regions/:region', { config: { access: readers }, schema: { ...hide, params: runRegionParamsSchema } }, async (req, reply) => {
    const viewer = viewerOf(req);
    assertRegion(requirePrincipal(req), req.params.region);
    const r = review.getRegionReview(req.params.runId, req.params.region);
    return send(reply, {
      title: `${r.region.name}审核`,
      viewer,
      breadcrumbs: [{ label: '总览', href: `/runs/${seg(r.run.id)}` }, { label: r.region.name }],
      data: { run: r.run.id, region: r.region.code },
      body: reviewBody(r, viewer),
    });
  });

  // The county's intake queue (Wenzhou 四(一): forms enter the pool after the county's check).
  app.get('/intake', { config: { access: { staff: ['admin', 'reviewer'] } }, schema: hide }, async (req, reply) => {
    const viewer = viewerOf(req);
    const items = intakeReview.queue(regionFilter(requirePrincipal(req), undefined));
    return send(reply, {
      title: '入库审核',
      viewer,
      breadcrumbs: [{ label: '总览', href: '/' }, { label: '入库审核' }],
      data: { page: 'intake' },
      body: intakeQueueBody({ regionName: viewer.regionName, items }),
    });
  });

  app.get(
    '/runs/:runId/regions/:region/audit',
    {
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: { ...hide, params: runRegionParamsSchema },
    },
    async (req, reply) => {
      const viewer = viewerOf(req);
      const { runId, region } = req.params;
      assertRegion(requirePrincipal(req), region);
      const items = review.listAudit(runId, region, 500);
      const name = regionName(region) ?? region;
      const backHref = `/runs/${seg(runId)}/regions/${seg(region)}`;
      return send(reply, {
        title: `${name}审核记录`,
        viewer,
        breadcrumbs: [{ label: '总览', href: `/runs/${seg(runId)}` }, { label: name, href: backHref }, { label: '审核记录' }],
        body: auditBody({ regionName: name, runId, items, backHref }),
      });
    },
  );

  if (selectionPages) await app.register(selectionPageRoutes, { ...selectionPages, reader, viewerOf, sendStaff: send, assets: selectionAssets });
  if (placements) await app.register(placementPageRoutes, { ...placements, accounts, reader });
};
