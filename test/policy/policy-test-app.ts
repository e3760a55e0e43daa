import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Principal } from '../../src/auth/auth.types';
import { registerErrorHandling } from '../../src/http/error-handler';
import { policyRoutes } from '../../src/policy/policy.routes';
import { createTestRuntime } from '../helpers/test-runtime';

/**
 * The policy routes alone (without the access hook, so the rule tests need no login) on the app's real error
 * handler, over the test runtime's services and a real temp database, with "today" pinned.
 */
export async function createPolicyTestApp(today = '2023-03-01') {
  const t = createTestRuntime({ today: () => today });
  const { intake, policies, reader } = t.runtime.services;
  const app: FastifyInstance = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // The city administrator (all regions) stands in for the access hook; region scoping is tested in test/auth.
  const admin: Principal = { kind: 'staff', userId: 0, username: 'policy-test', role: 'admin', region: null };
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    req.principal = admin;
  });
  await app.register(policyRoutes, { policies, reader });
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
