import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Where a start-up is: the step of the retrieval sync under way, with its count (shown on /readyz). */
export type StartupProgress = { stage: string; done: number; total: number };
export type Readiness = () => {
  ready: boolean;
  checks: Record<string, string>;
  progress?: StartupProgress;
  /** Set while matches are answered from a partial index (staged start): what the shortlist is based on, in Chinese. */
  partial?: string;
};

const readinessBody = z.object({
  status: z.string(),
  checks: z.record(z.string(), z.string()),
  progress: z.object({ stage: z.string(), done: z.number().int(), total: z.number().int() }).optional(),
  partial: z.string().optional(),
});

export const healthRoutes: FastifyPluginAsyncZod<{ readiness: Readiness }> = async (app, opts) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      schema: {
        hide: true,
        response: {
          200: readinessBody,
          503: readinessBody,
        },
      },
    },
    async (_req, reply) => {
      const r = opts.readiness();
      return reply.code(r.ready ? 200 : 503).send({
        status: r.ready ? 'ready' : 'starting',
        checks: r.checks,
        ...(r.progress ? { progress: r.progress } : {}),
        ...(r.partial ? { partial: r.partial } : {}),
      });
    },
  );
};
