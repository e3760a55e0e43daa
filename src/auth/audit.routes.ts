import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/common.schema';
import { requirePrincipal } from './access.policy';
import type { AuditLogService } from './audit-log.service';
import { auditEntrySchema, auditQuerySchema } from './auth.schema';
import { regionFilter } from './region-scope.policy';

/** Read-only view of the audit trail: there is deliberately no route that edits or deletes entries. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: Pick<AuditLogService, 'list'> }> = async (app, { audit }) => {
  app.get(
    '/v1/audit',
    {
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: {
        tags: ['审计'],
        summary: '审计日志（区县审核员仅见本区县）',
        querystring: auditQuerySchema,
        response: { 200: z.object({ items: z.array(auditEntrySchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const { region, ...q } = req.query;
      return { items: audit.list({ ...q, regionCode: regionFilter(requirePrincipal(req), region) }) };
    },
  );
};
