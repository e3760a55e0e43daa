import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ALL_STAFF, requirePrincipal } from '../auth/access.policy';
import type { RouteAccess } from '../auth/auth.types';
import { regionFilter, regionScope } from '../auth/region-scope.policy';
import { errorResponses } from '../http/common.schema';
import type { CycleRunReader } from './cycle-run-reader.service';
import { assignmentListResponseSchema, assignmentQuerySchema, cycleParamsSchema, cycleRunParamsSchema, runDetailResponseSchema, runListResponseSchema } from './cycle-run.schema';

export type CycleRouteOptions = { reader: CycleRunReader };

const tags = ['匹配批次'];
/** Staff only: runs carry candidates' names and exclusion reasons. A county reviewer sees only their county. */
const readers: RouteAccess = { staff: ALL_STAFF };

/** Read API of cycle runs; runs are made by the batch (`npm run cycle`), never over HTTP. */
export const cycleRoutes: FastifyPluginAsyncZod<CycleRouteOptions> = async (app, { reader }) => {
  app.get(
    '/v1/cycles/:id/runs',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '选派周期的匹配批次列表（最新在前；含参数、输入哈希、耗时）',
        params: cycleParamsSchema,
        response: { 200: runListResponseSchema, ...errorResponses },
      },
    },
    async (req) => ({ items: reader.listRuns(req.params.id) }),
  );

  app.get(
    '/v1/cycles/:id/runs/:run',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '匹配批次概要：各区县名额计算（占比、精确配额、余数、名额）、已推荐数和未推荐原因；区县审核员仅见本区县',
        params: cycleRunParamsSchema,
        response: { 200: runDetailResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const scope = regionScope(requirePrincipal(req));
      return reader.getRun(req.params.id, req.params.run, scope.all ? undefined : scope.region);
    },
  );

  app.get(
    '/v1/cycles/:id/assignments',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '推荐结果：每条需求的推荐专家、匹配度、备选专家、排除原因或未推荐原因（默认最新完成的批次，?run= 指定）',
        params: cycleParamsSchema,
        querystring: assignmentQuerySchema,
        response: { 200: assignmentListResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { run, region, unfilled, limit, offset } = req.query;
      return reader.listAssignments(req.params.id, {
        run,
        region: regionFilter(requirePrincipal(req), region),
        unfilled: unfilled === undefined ? undefined : unfilled === 'true',
        limit,
        offset,
      });
    },
  );
};
