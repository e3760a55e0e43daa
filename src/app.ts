import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { auditRoutes } from './auth/audit.routes';
import { registerAuth, SESSION_COOKIE, type AuthOptions } from './auth/auth.plugin';
import { authRoutes } from './auth/auth.routes';
import type { Services } from './container';
import { cycleRoutes } from './cycles/cycle.routes';
import { registerErrorHandling } from './http/error-handler';
import { healthRoutes, type Readiness } from './http/health.routes';
import { intakeRoutes } from './intake/intake.routes';
import { policyRoutes } from './policy/policy.routes';
import { matchRoutes } from './ranking/match.routes';
import type { Ranker } from './ranking/ranker.port';
import { reviewRoutes } from './review/review.routes';
import type { Logger } from './shared/logger';
import { webRoutes } from './web/web.routes';

export type AppDeps = {
  services: Services;
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
  await app.register(policyRoutes, { policies: services.policies });
  if (deps.ranker) await app.register(matchRoutes, { ranker: deps.ranker, demands: services.repos.demands, readiness: deps.readiness });
  await app.register(cycleRoutes, { reader: services.cycles.reader });
  await app.register(reviewRoutes, { review: services.review.service, exporter: services.review.exporter, verification: services.review.verification });
  // The review web page (server-rendered, same access control as the API).
  await app.register(webRoutes, { review: services.review.service, accounts: services.auth.accounts, reference: services.repos.reference });
  return app;
}
