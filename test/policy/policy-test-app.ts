import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandling } from '../../src/http/error-handler';
import { DemandRepository } from '../../src/intake/demand.repository';
import { EnterpriseRepository } from '../../src/intake/enterprise.repository';
import { ExpertRepository } from '../../src/intake/expert.repository';
import { IntakeService } from '../../src/intake/intake.service';
import { ReferenceRepository } from '../../src/intake/reference.repository';
import { REGIONS } from '../../src/intake/regions.data';
import { PolicyContextRepository } from '../../src/policy/policy-context.repository';
import { PolicyProfileRepository } from '../../src/policy/policy-profile.repository';
import { policyRoutes } from '../../src/policy/policy.routes';
import { PolicyService } from '../../src/policy/policy.service';
import { createTempDb } from '../helpers/temp-db';

/**
 * The policy plugin on a minimal fastify instance with the app's real error handler, over a real temp
 * database. (src/app.ts does not register the plugin yet, and its routes need auth declarations.)
 */
export async function createPolicyTestApp(today = '2023-03-01') {
  const tmp = createTempDb();
  const repos = {
    experts: new ExpertRepository(tmp.db),
    enterprises: new EnterpriseRepository(tmp.db),
    demands: new DemandRepository(tmp.db),
    reference: new ReferenceRepository(tmp.db),
  };
  repos.reference.upsertRegions(REGIONS);
  const intake = new IntakeService(repos);
  const policies = new PolicyService({
    ...repos,
    profiles: new PolicyProfileRepository(tmp.db),
    context: new PolicyContextRepository(tmp.db),
    today: () => today,
  });
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
    close: async () => { await app.close(); tmp.cleanup(); },
  };
}
