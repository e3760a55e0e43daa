import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, requirePrincipal } from '../auth/access.policy';
import { assertRegion } from '../auth/region-scope.policy';
import { attachmentHeader, XLSX_TYPE } from '../http/common.schema';
import { dateSchema, regionCodeSchema } from './common.schema';
import type { DemandSummaryExportService } from './demand-summary-export.service';

export type FormExportRouteOptions = { summaryExport: Pick<DemandSummaryExportService, 'exportSummary'> };

/** GET …/demand-summary.xlsx: the 附件2 汇总表 of a region's demands before matching, for staff of that region. */
export const formExportRoutes: FastifyPluginAsyncZod<FormExportRouteOptions> = async (app, { summaryExport }) => {
  app.get(
    '/v1/cycles/:cycle/regions/:region/demand-summary.xlsx',
    {
      config: { access: { staff: ALL_STAFF } },
      schema: {
        tags: ['选派周期'],
        summary: '导出选派需求汇总表（附件2 格式，匹配前，XLSX，可打印）',
        params: z.object({ cycle: z.string().min(1).max(64), region: regionCodeSchema }),
        querystring: z.object({
          filler: z.string().trim().max(50).optional(),
          phone: z.string().trim().max(30).optional(),
          date: dateSchema.optional(),
        }),
      },
    },
    async (req, reply) => {
      assertRegion(requirePrincipal(req), req.params.region);
      const file = await summaryExport.exportSummary({ cycle: req.params.cycle, region: req.params.region, ...req.query });
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(file.filename)).header('cache-control', 'no-store').send(file.body);
    },
  );
};
