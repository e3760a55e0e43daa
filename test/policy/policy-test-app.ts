import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandling } from '../../src/http/error-handler';
import { policyRoutes } from '../../src/policy/policy.routes';
import { createTestRuntime } from '../helpers/test-runtime';

/**
 * The policy routes alone (without the access hook, so the rule tests need no login) on the app's real error
 * handler, over the test runtime's services and a real temp database, with "today" pinned.
 */
export async function createPolicyTestApp(today = '2023-03-01') {
  const t = createTestRuntime({ today: () => today });
  const { intake, policies } = t.runtime.services;
  const app: FastifyInstance = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(policyRoutes, { policies });
  await app.ready();
  return {
    app,
    intake,
    policies,
    post: (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object }),
    close: async () => {
      await app.close();
      await t.cleanup();
    },
  };
}
