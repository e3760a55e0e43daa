import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, auditActorOf, requirePrincipal } from '../auth/access.policy';
import { auditEntrySchema } from '../auth/auth.schema';
import type { RouteAccess } from '../auth/auth.types';
import { assertRegion, regionFilter } from '../auth/region-scope.policy';
import { attachmentHeader, errorResponses, XLSX_TYPE } from '../http/common.schema';
import type { RegionExportService } from './region-export.service';
import {
  auditListQuerySchema,
  decisionBodySchema,
  decisionResponseSchema,
  regionListResponseSchema,
  regionReviewResponseSchema,
  regionSummarySchema,
  returnBodySchema,
  runDemandParamsSchema,
  runParamsSchema,
  runRegionParamsSchema,
  verifyBodySchema,
  verifyResponseSchema,
} from './review.schema';
import type { ReviewService } from './review.service';
import type { VerificationService } from './verification.service';

export type ReviewRouteOptions = { review: ReviewService; exporter: RegionExportService; verification: VerificationService };

const tags = ['区县审核'];
/** Reading a run's review (and exporting it) is open to all staff; a reviewer only ever sees their county. */
const readers: RouteAccess = { staff: ALL_STAFF };
/** Decisions and submission are the county's; confirmation the city's (separation of duties). */
const county: RouteAccess = { staff: ['reviewer'] };
const city: RouteAccess = { staff: ['admin'] };

/** /v1/runs/:runId/… — county review of a completed cycle run (Wenzhou 四(二)). */
export const reviewRoutes: FastifyPluginAsyncZod<ReviewRouteOptions> = async (app, { review, exporter, verification }) => {
  app.get(
    '/v1/runs/:runId/regions',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '批次各区县审核进度（需求数、名额、已分配、待审核；区县审核员仅见本区县）',
        params: runParamsSchema,
        response: { 200: regionListResponseSchema, ...errorResponses },
      },
    },
    async (req) => review.listRegions(req.params.runId, regionFilter(requirePrincipal(req), undefined)),
  );

  app.get(
    '/v1/runs/:runId/regions/:region/review',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '区县推荐名单：每条需求的推荐专家、备选专家、评分构成、依据、排除原因和审核结果',
        params: runRegionParamsSchema,
        response: { 200: regionReviewResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      assertRegion(requirePrincipal(req), req.params.region);
      return review.getRegionReview(req.params.runId, req.params.region);
    },
  );

  app.post(
    '/v1/runs/:runId/demands/:demandId/decision',
    {
      config: { access: county },
      schema: {
        tags,
        summary: '审核一条推荐：通过（approve）、驳回（reject，须填理由）或替换为备选专家（swap，重新校验全部硬性条件和名额）',
        params: runDemandParamsSchema,
        body: decisionBodySchema,
        response: { 200: decisionResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const { runId, demandId } = req.params;
      assertRegion(p, review.regionOfDemand(runId, demandId));
      const result = review.decide(runId, demandId, req.body, auditActorOf(p));
      req.auditContext = { recorded: true };
      return result;
    },
  );

  app.post(
    '/v1/runs/:runId/demands/:demandId/verifications',
    {
      config: { access: county },
      schema: {
        tags,
        summary: '核实待核实条件：为专家、企业或需求补录缺少的信息（facts），或记录核实结论（verdict，须填理由）；留痕审计',
        params: runDemandParamsSchema,
        body: verifyBodySchema,
        response: { 200: verifyResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const { runId, demandId } = req.params;
      assertRegion(p, review.regionOfDemand(runId, demandId));
      const result = verification.resolve(runId, demandId, req.body, auditActorOf(p));
      req.auditContext = { recorded: true };
      return result;
    },
  );

  app.post(
    '/v1/runs/:runId/regions/:region/submit',
    {
      config: { access: county },
      schema: {
        tags,
        summary: '区县提交审核结果（所有推荐均已审核后）',
        params: runRegionParamsSchema,
        response: { 200: regionSummarySchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      assertRegion(p, req.params.region);
      const result = review.submitRegion(req.params.runId, req.params.region, auditActorOf(p));
      req.auditContext = { recorded: true };
      return result;
    },
  );

  app.post(
    '/v1/runs/:runId/regions/:region/confirm',
    {
      config: { access: city },
      schema: {
        tags,
        summary: '市级确认区县审核结果',
        params: runRegionParamsSchema,
        body: z.object({ note: z.string().trim().max(1000).optional() }).default({}),
        response: { 200: regionSummarySchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const result = review.confirmRegion(req.params.runId, req.params.region, auditActorOf(p), req.body.note);
      req.auditContext = { recorded: true };
      return result;
    },
  );

  app.post(
    '/v1/runs/:runId/regions/:region/return',
    {
      config: { access: city },
      schema: {
        tags,
        summary: '市级退回区县审核结果（须填意见），区县可修改后重新提交',
        params: runRegionParamsSchema,
        body: returnBodySchema,
        response: { 200: regionSummarySchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const result = review.returnRegion(req.params.runId, req.params.region, req.body.note, auditActorOf(p));
      req.auditContext = { recorded: true };
      return result;
    },
  );

  app.get(
    '/v1/runs/:runId/regions/:region/export.xlsx',
    {
      config: { access: readers },
      schema: { tags, summary: '导出区县需求汇总表（附件2 格式，含推荐与审核结果，XLSX）', params: runRegionParamsSchema },
    },
    async (req, reply) => {
      assertRegion(requirePrincipal(req), req.params.region);
      const file = await exporter.exportRegion(req.params.runId, req.params.region);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(file.filename)).header('cache-control', 'no-store').send(file.body);
    },
  );

  app.get(
    '/v1/runs/:runId/regions/:region/audit',
    {
      // Same audience as GET /v1/audit: the trail is for those who act on it.
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: {
        tags,
        summary: '区县审核记录（谁、何时、做了什么、修改前后），只读',
        params: runRegionParamsSchema,
        querystring: auditListQuerySchema,
        response: { 200: z.object({ items: z.array(auditEntrySchema) }), ...errorResponses },
      },
    },
    async (req) => {
      assertRegion(requirePrincipal(req), req.params.region);
      return { items: review.listAudit(req.params.runId, req.params.region, req.query.limit) };
    },
  );
};
