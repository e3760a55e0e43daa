import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditRoutes } from './auth/audit.routes';
import type { AccountService } from './auth/account.service';
import type { AuditLogService } from './auth/audit-log.service';
import { registerAuth, SESSION_COOKIE, type AuthOptions, type AuthServices } from './auth/auth.plugin';
import { authRoutes } from './auth/auth.routes';
import type { CycleRunReader } from './cycles/cycle-run-reader.service';
import { cycleRoutes } from './cycles/cycle.routes';
import { registerErrorHandling } from './http/error-handler';
import { healthRoutes, type Readiness } from './http/health.routes';
import type { IntakeReader } from './intake/intake-reader.service';
import { intakeReviewRoutes } from './intake/intake-review.routes';
import type { IntakeReviewService } from './intake/intake-review.service';
import { intakeRoutes } from './intake/intake.routes';
import type { IntakeService } from './intake/intake.service';
import { policyRoutes } from './policy/policy.routes';
import type { PolicyService } from './policy/policy.service';
import { matchRoutes } from './ranking/match.routes';
import type { Ranker } from './ranking/ranker.port';
import type { RegionExportService } from './review/region-export.service';
import { reviewRoutes } from './review/review.routes';
import type { ReviewService } from './review/review.service';
import type { VerificationService } from './review/verification.service';
import type { Logger } from './shared/logger';
import { webRoutes } from './web/web.routes';

/** The use-cases the HTTP edge calls (src/runtime.ts builds them once). */
export type AppServices = {
  auth: AuthServices & { accounts: Pick<AccountService, 'getUser'>; audit: Pick<AuditLogService, 'append' | 'list'> };
  intake: IntakeService;
  /** The county's intake review of demands and expert forms (approve / return / withdraw, the queue). */
  intakeReview: IntakeReviewService;
  reader: IntakeReader;
  policies: PolicyService;
  cycleRuns: CycleRunReader;
  review: ReviewService;
  /** County resolution of unknown facts (待核实): facts entered or a reasoned verdict. */
  verification: VerificationService;
  exporter: RegionExportService;
};

export type AppDeps = {
  services: AppServices;
  logger: Logger;
  readiness?: Readiness;
  /** Rate-limit overrides (tests use small limits). */
  auth?: AuthOptions;
  /** POST /v1/match is registered only with a ranker (it needs the model and index; other tests build without). */
  ranker?: Ranker;
};

/** Builds the HTTP app without listening: entry points listen, tests use app.inject. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
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
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const { services } = deps;
  await app.register(healthRoutes, { readiness: deps.readiness ?? (() => ({ ready: true, checks: { database: 'ok' } })) });
  await app.register(authRoutes, { services: services.auth, options: deps.auth });
  await app.register(auditRoutes, { audit: services.auth.audit });
  await app.register(intakeRoutes, { intake: services.intake, reader: services.reader });
  await app.register(intakeReviewRoutes, { intakeReview: services.intakeReview, reader: services.reader });
  await app.register(policyRoutes, { policies: services.policies });
  if (deps.ranker) await app.register(matchRoutes, { ranker: deps.ranker, reader: services.reader, readiness: deps.readiness });
  await app.register(cycleRoutes, { reader: services.cycleRuns });
  await app.register(reviewRoutes, { review: services.review, exporter: services.exporter, verification: services.verification });
  // The review web page (server-rendered, same access control as the API).
  await app.register(webRoutes, { review: services.review, accounts: services.auth.accounts, reader: services.reader, intakeReview: services.intakeReview });
  return app;
}
