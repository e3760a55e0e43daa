import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditRoutes } from './auth/audit.routes';
import type { AccountService } from './auth/account.service';
import type { AuditLogService } from './auth/audit-log.service';
import { registerAuth, SESSION_COOKIE, type AuthOptions, type AuthServices } from './auth/auth.plugin';
import { authRoutes } from './auth/auth.routes';
import type { ParticipantAccountService } from './auth/participant-account.service';
import { participantRoutes } from './auth/participant.routes';
import type { CycleRunReader } from './cycles/cycle-run-reader.service';
import { cycleRoutes } from './cycles/cycle.routes';
import { registerErrorHandling } from './http/error-handler';
import { healthRoutes, type Readiness } from './http/health.routes';
import { registerSecurityHeaders, type SecurityHeaderOptions } from './http/security-headers.plugin';
import type { IntakeReader } from './intake/intake-reader.service';
import { intakeReviewRoutes } from './intake/intake-review.routes';
import type { IntakeReviewService } from './intake/intake-review.service';
import { intakeRoutes } from './intake/intake.routes';
import type { DemandSummaryExportService } from './intake/demand-summary-export.service';
import { formExportRoutes } from './intake/form-export.routes';
import type { IntakeService } from './intake/intake.service';
import { placementRoutes, type PlacementRouteOptions } from './placements/placement.routes';
import { policyRoutes } from './policy/policy.routes';
import type { PolicyService } from './policy/policy.service';
import type { MatchDefaultsService } from './ranking/match-defaults.service';
import { matchRoutes, matchUnavailableRoutes } from './ranking/match.routes';
import type { Ranker } from './ranking/ranker.port';
import type { RegionExportService } from './review/region-export.service';
import { reviewRoutes } from './review/review.routes';
import type { ReviewService } from './review/review.service';
import type { VerificationService } from './review/verification.service';
import { selectionOversightRoutes } from './selection/selection-oversight.routes';
import { selectionRoutes } from './selection/selection.routes';
import type { SelectionApi } from './selection/selection.types';
import type { LiveEventHub } from './notifications/live-event-hub';
import { liveEventRoutes } from './notifications/live-events.routes';
import { notificationRoutes } from './notifications/notification.routes';
import type { NotificationService } from './notifications/notifier.service';
import type { WebhookEndpointService } from './notifications/webhook-endpoint.service';
import type { Logger } from './shared/logger';
import { webRoutes } from './web/web.routes';

/** The use-cases the HTTP edge calls (src/runtime.ts builds them once). */
export type AppServices = {
  /** Two-way selection (issue 14): interest, one-to-one talks, choice and confirmation, county oversight. */
  selection: SelectionApi;
  auth: AuthServices & { accounts: Pick<AccountService, 'getUser'>; audit: Pick<AuditLogService, 'append' | 'list'> };
  /** In-app inbox (the Notifier's rows) and the portals' webhook receivers. */
  notifications: Pick<NotificationService, 'inbox' | 'markRead'>;
  webhooks: WebhookEndpointService;
  /** The live-event hub behind GET /v1/events. */
  live: LiveEventHub;
  /** Enterprise and expert accounts: invitations, activation, disabling. */
  participantAccounts: ParticipantAccountService;
  intake: IntakeService;
  /** The county's intake review of demands and expert forms (approve / return / withdraw, the queue). */
  intakeReview: IntakeReviewService;
  reader: IntakeReader;
  policies: PolicyService;
  /** Ad-hoc /v1/match without policy or cycle: the county's open cycle or the configured default profile. */
  matchDefaults: MatchDefaultsService;
  cycleRuns: CycleRunReader;
  review: ReviewService;
  /** County resolution of unknown facts (待核实): facts entered or a reasoned verdict. */
  verification: VerificationService;
  exporter: RegionExportService;
  /** 附件2 汇总表 of a region's demands before matching. */
  summaryExport: DemandSummaryExportService;
  /** The placements' use-cases (agreement, service log, outcomes, evaluation, termination, renewal, dashboards). */
  placements: PlacementRouteOptions['placements'];
};

export type AppDeps = {
  services: AppServices;
  logger: Logger;
  readiness?: Readiness;
  /** Rate-limit overrides (tests use small limits). */
  auth?: AuthOptions;
  /** POST /v1/match is registered only with a ranker (it needs the model and index; other tests build without). */
  ranker?: Ranker;
  /** HSTS when served over TLS. */
  security?: SecurityHeaderOptions;
  /** Why the model could not be loaded: POST /v1/match then answers 503 naming `npm run setup`. */
  matchingUnavailable?: string;
  /** Heartbeat comment interval of GET /v1/events (tests use a short one). */
  liveHeartbeatMs?: number;
  /** config.trustProxy: which proxies' X-Forwarded-For/-Proto decide req.ip and req.protocol. */
  trustProxy?: boolean | number | string;
};

/** Builds the HTTP app without listening: entry points listen, tests use app.inject. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024,
    // fastify's overloads cannot take the union itself; each member is a documented trustProxy form.
    trustProxy: (deps.trustProxy ?? false) as FastifyServerOptions['trustProxy'] & boolean,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app, deps.security);
  // Before any route: every route must pass through the access hook and be seen by the route registry.
  await registerAuth(app, { services: deps.services.auth, options: deps.auth });

  await app.register(swagger, {
    openapi: {
      info: { title: '科技副总匹配服务 API', description: '企业技术需求与科技人才的匹配、政策校验与审核', version: '0.1.0' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // swagger-ui's own policy (hashes of its inline scripts), without upgrade-insecure-requests, which would break
  // /docs on a plain-HTTP loopback or intranet address.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: (h) => h.replace(/\s*upgrade-insecure-requests;?/, '') });

  const { services } = deps;
  await app.register(healthRoutes, { readiness: deps.readiness ?? (() => ({ ready: true, checks: { database: 'ok' } })) });
  await app.register(authRoutes, { services: services.auth, options: deps.auth });
  await app.register(participantRoutes, { services: services.auth, participantAccounts: services.participantAccounts, options: deps.auth });
  await app.register(auditRoutes, { audit: services.auth.audit });
  await app.register(notificationRoutes, { notifications: services.notifications, webhooks: services.webhooks });
  await app.register(liveEventRoutes, { hub: services.live, heartbeatMs: deps.liveHeartbeatMs });
  await app.register(intakeRoutes, { intake: services.intake, reader: services.reader });
  await app.register(intakeReviewRoutes, { intakeReview: services.intakeReview, reader: services.reader });
  await app.register(formExportRoutes, { summaryExport: services.summaryExport });
  await app.register(policyRoutes, { policies: services.policies, reader: services.reader });
  if (deps.ranker) await app.register(matchRoutes, { ranker: deps.ranker, reader: services.reader, readiness: deps.readiness, defaults: services.matchDefaults });
  else if (deps.matchingUnavailable !== undefined) await app.register(matchUnavailableRoutes, { reason: deps.matchingUnavailable });
  await app.register(cycleRoutes, { reader: services.cycleRuns });
  await app.register(selectionRoutes, { selection: services.selection });
  await app.register(selectionOversightRoutes, { selection: services.selection });
  await app.register(reviewRoutes, { review: services.review, exporter: services.exporter, verification: services.verification });
  await app.register(placementRoutes, { placements: services.placements, maxUploadBytes: services.placements.agreements.maxUploadBytes });
  // The review web page (server-rendered, same access control as the API).
  await app.register(webRoutes, {
    review: services.review,
    accounts: services.auth.accounts,
    reader: services.reader,
    intakeReview: services.intakeReview,
    participants: { participantAccounts: services.participantAccounts, participantSessions: services.auth.participantSessions, cookieSecure: deps.auth?.cookieSecure },
    selectionPages: { selection: services.selection, accounts: services.participantAccounts, inbox: services.notifications },
    placements: { placements: services.placements.placements, dashboards: services.placements.dashboards },
  });
  return app;
}
