import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, auditActorOf, requirePrincipal } from '../auth/access.policy';
import type { RouteAccess } from '../auth/auth.types';
import { attachmentHeader, errorResponses } from '../http/common.schema';
import type { PlacementActivityService } from './placement-activity.service';
import type { PlacementAgreementService } from './placement-agreement.service';
import type { PlacementDashboardService } from './placement-dashboard.service';
import type { PlacementEndService } from './placement-end.service';
import type { PlacementEvaluationService } from './placement-evaluation.service';
import {
  agreedPairBodySchema,
  agreementDecisionBodySchema,
  assessmentBodySchema,
  cityDashboardSchema,
  countyDashboardParamsSchema,
  countyDashboardSchema,
  dashboardQuerySchema,
  documentSchema,
  gradeBodySchema,
  gradeConfirmBodySchema,
  onBehalfSchema,
  outcomeBodySchema,
  placementDetailSchema,
  placementItemParamsSchema,
  placementListQuerySchema,
  placementListResponseSchema,
  placementParamsSchema,
  renewalAcceptBodySchema,
  renewalResultSchema,
  serviceLogBodySchema,
  serviceLogReviewBodySchema,
  serviceTimeSchema,
  terminationBodySchema,
  terminationFileBodySchema,
  terminationResultSchema,
  topListQuerySchema,
  topListSchema,
  uploadQuerySchema,
  DOCUMENT_MEDIA_TYPES,
  type PartySide,
} from './placement.schema';
import type { PlacementService } from './placement.service';
import type { PlacementCaller } from './placement.types';

export type PlacementRouteOptions = {
  placements: {
    placements: PlacementService;
    agreements: PlacementAgreementService;
    activity: PlacementActivityService;
    evaluations: PlacementEvaluationService;
    ends: PlacementEndService;
    dashboards: PlacementDashboardService;
  };
  /** The largest document accepted (config PLACEMENT_UPLOAD_MAX_MB). */
  maxUploadBytes: number;
};

const tags = ['选派管理'];
const readers: RouteAccess = { staff: ALL_STAFF, portal: true, participant: ['enterprise', 'expert'] };
/** Writes: county reviewers and the city (the services decide which step is whose), portals acting for a party. */
const writers: RouteAccess = { staff: ['admin', 'reviewer'], portal: true, participant: ['enterprise', 'expert'] };
const city: RouteAccess = { staff: ['admin', 'viewer'] };
const staffOnly: RouteAccess = { staff: ALL_STAFF };

/** The caller as the services see it; staff and portals record a party's step by naming its side. */
function callerOf(req: FastifyRequest, side?: PartySide): PlacementCaller {
  const p = requirePrincipal(req);
  const party = side ? { side, key: null } : null;
  if (p.kind === 'portal') return { actor: auditActorOf(p), role: 'portal', region: null, party };
  // Merge of i14a: an enterprise or expert signed in (or a portal acting for one) speaks for its own party.
  if (p.kind === 'participant') {
    const key = p.side === 'enterprise' ? p.enterpriseCreditCode : p.expertExternalId;
    return { actor: auditActorOf(p), role: 'participant', region: null, party: key ? { side: p.side, key } : null };
  }
  return { actor: auditActorOf(p), role: p.role, region: p.role === 'reviewer' ? (p.region ?? '(none)') : null, party };
}

const sideQuery = onBehalfSchema;
const uploadQuery = uploadQuerySchema.extend(onBehalfSchema.shape);
const detailResponse = { 200: placementDetailSchema, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] };

/** /v1/placements/… — the life of a placement: agreement, service log, outcomes, evaluation, termination, renewal. */
export const placementRoutes: FastifyPluginAsyncZod<PlacementRouteOptions> = async (app, { placements: s, maxUploadBytes }) => {
  // Documents arrive as the request body itself; their real type is sniffed from the bytes by the service.
  app.addContentTypeParser([...DOCUMENT_MEDIA_TYPES, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: maxUploadBytes + 1024 }, (_req, body, done) => done(null, body));
  const recorded = <T>(req: FastifyRequest, value: T): T => {
    req.auditContext = { recorded: true };
    return value;
  };
  const bytesOf = (req: FastifyRequest) => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

  app.get(
    '/v1/placements',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '选派记录列表（区县审核员仅见本区县；可按状态、服务时间进度、协议逾期筛选）',
        querystring: placementListQuerySchema,
        response: { 200: placementListResponseSchema, ...errorResponses },
      },
    },
    async (req) => s.placements.list(req.query, callerOf(req)),
  );

  app.post(
    '/v1/placements/agreed-pairs',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '登记供需双方协商一致的选派（按周期策略校验全部硬性条件后建立选派记录）',
        body: agreedPairBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.placements.createFromAgreedPair(req.body, callerOf(req))),
  );

  app.get(
    '/v1/placements/:placementId',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '选派记录详情：三方协议、服务台账、服务时间进度（含政策条款）、成果、评价、终止与续聘',
        params: placementParamsSchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => s.placements.get(req.params.placementId, callerOf(req)),
  );

  app.get(
    '/v1/placements/:placementId/service-time',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: '服务时间进度：按本记录所依据政策的最低服务时间判断进度正常、落后或未达要求',
        params: placementParamsSchema,
        querystring: dashboardQuerySchema,
        response: { 200: serviceTimeSchema, ...errorResponses },
      },
    },
    async (req) => s.placements.serviceTime(req.params.placementId, callerOf(req), req.query.referenceDate),
  );

  app.put(
    '/v1/placements/:placementId/agreement',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '上传签署的三方协议（请求体为文件本身：PDF、PNG 或 JPEG，按内容识别，大小受限；记录 SHA-256）',
        params: placementParamsSchema,
        querystring: uploadQuery,
        response: detailResponse,
      },
    },
    async (req) =>
      recorded(req, s.agreements.uploadAgreement(req.params.placementId, { fileName: req.query.fileName, bytes: bytesOf(req) }, req.query.signedOn, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/agreement/decision',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '区县备案三方协议（file）或退回（return，须填理由）',
        params: placementParamsSchema,
        body: agreementDecisionBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.agreements.decideAgreement(req.params.placementId, req.body, callerOf(req))),
  );

  app.post(
    '/v1/placements/:placementId/documents',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '上传成果佐证材料（PDF、PNG 或 JPEG）',
        params: placementParamsSchema,
        querystring: uploadQuery,
        response: { 200: documentSchema, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (req) => recorded(req, s.agreements.uploadEvidence(req.params.placementId, { fileName: req.query.fileName, bytes: bytesOf(req) }, callerOf(req, req.query.side))),
  );

  app.get(
    '/v1/placements/:placementId/documents/:itemId',
    {
      config: { access: readers },
      schema: { tags, summary: '下载三方协议或佐证材料（校验 SHA-256 后返回）', params: placementItemParamsSchema, response: { 200: z.any(), ...errorResponses } },
    },
    async (req, reply) => {
      const { document, bytes } = s.agreements.readDocument(req.params.placementId, req.params.itemId, callerOf(req));
      return reply
        .header('content-type', document.mediaType)
        .header('content-disposition', attachmentHeader(document.fileName))
        .header('x-content-sha256', document.sha256)
        .send(bytes);
    },
  );

  app.post(
    '/v1/placements/:placementId/service-log',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '专家记录服务台账（日期、天数、服务内容、服务对象），待企业确认',
        params: placementParamsSchema,
        querystring: sideQuery,
        body: serviceLogBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.activity.logService(req.params.placementId, req.body, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/service-log/:itemId/review',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '企业确认服务记录（confirm）或提出异议（dispute，须填理由）',
        params: placementItemParamsSchema,
        querystring: sideQuery,
        body: serviceLogReviewBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.activity.reviewServiceLog(req.params.placementId, req.params.itemId, req.body, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/outcomes',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '登记成果（破解技术难题、技术攻关项目、知识产权申请、新技术新产品、培训、培养人才、平台建设）及佐证',
        params: placementParamsSchema,
        querystring: sideQuery,
        body: outcomeBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.activity.recordOutcome(req.params.placementId, req.body, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/evaluations',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '企业提交评价（期满评价或年度评价）',
        params: placementParamsSchema,
        querystring: sideQuery,
        body: assessmentBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.evaluations.assess(req.params.placementId, req.body, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/evaluations/:itemId/grade',
    {
      config: { access: writers },
      schema: { tags, summary: '区县评定等次（须填理由）', params: placementItemParamsSchema, body: gradeBodySchema, response: { 200: placementDetailSchema, ...errorResponses } },
    },
    async (req) => recorded(req, s.evaluations.grade(req.params.placementId, req.params.itemId, req.body, callerOf(req))),
  );

  app.post(
    '/v1/placements/:placementId/evaluations/:itemId/confirm',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '市级确认评价等次（confirm）或退回区县（return，须填意见）；期满等次确认后计入选派资格规则',
        params: placementItemParamsSchema,
        body: gradeConfirmBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.evaluations.confirmGrade(req.params.placementId, req.params.itemId, req.body, callerOf(req))),
  );

  app.post(
    '/v1/placements/:placementId/termination',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '企业或专家申请提前终止（须填理由），待区县备案',
        params: placementParamsSchema,
        querystring: sideQuery,
        body: terminationBodySchema,
        response: { 200: placementDetailSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.ends.requestTermination(req.params.placementId, req.body, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/termination/file',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '区县备案提前终止：专家恢复可选派，企业可重新提交需求',
        params: placementParamsSchema,
        body: terminationFileBodySchema,
        response: { 200: terminationResultSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.ends.fileTermination(req.params.placementId, req.body.note, callerOf(req))),
  );

  app.post(
    '/v1/placements/:placementId/renewal',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '考核优秀后申请续聘（企业或专家一方提出）',
        params: placementParamsSchema,
        querystring: sideQuery,
        response: { 200: renewalResultSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.ends.requestRenewal(req.params.placementId, callerOf(req, req.query.side))),
  );

  app.post(
    '/v1/placements/:placementId/renewal/accept',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: '另一方同意续聘：按现行政策校验后直接建立下一服务期，无需重新匹配',
        params: placementParamsSchema,
        querystring: sideQuery,
        body: renewalAcceptBodySchema,
        response: { 200: renewalResultSchema, ...errorResponses },
      },
    },
    async (req) => recorded(req, s.ends.acceptRenewal(req.params.placementId, req.body.termStart, callerOf(req, req.query.side))),
  );

  app.get(
    '/v1/placement-dashboards/city',
    {
      config: { access: city },
      schema: {
        tags,
        summary: '全市选派统计：各区县状态、服务时间进度、协议逾期、成果与目标对比',
        querystring: dashboardQuerySchema,
        response: { 200: cityDashboardSchema, ...errorResponses },
      },
    },
    async (req) => s.dashboards.city(callerOf(req), req.query.referenceDate),
  );

  app.get(
    '/v1/placement-dashboards/counties/:region',
    {
      config: { access: staffOnly },
      schema: {
        tags,
        summary: '区县选派统计：需关注的选派（服务时间落后、协议逾期等，含政策条款）、成果与目标对比',
        params: countyDashboardParamsSchema,
        querystring: dashboardQuerySchema,
        response: { 200: countyDashboardSchema, ...errorResponses },
      },
    },
    async (req) => s.dashboards.county(req.params.region, callerOf(req), req.query.referenceDate),
  );

  app.get(
    '/v1/placement-dashboards/top-list',
    {
      config: { access: staffOnly },
      schema: {
        tags,
        summary: '年度工作成效前十名（按市级确认的评价等次、成果、服务天数排序）',
        querystring: topListQuerySchema,
        response: { 200: topListSchema, ...errorResponses },
      },
    },
    async (req) => s.dashboards.topList(req.query.year, callerOf(req), req.query.region),
  );
};
