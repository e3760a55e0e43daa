import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  eligibilityRequestSchema,
  eligibilityResponseSchema,
  errorResponseSchema,
  policyDetailResponseSchema,
  policyListResponseSchema,
  policyLoadedResponseSchema,
  policyRefSchema,
} from './policy-api.schema';
import type { PolicyService } from './policy.service';
import { ALL_STAFF, auditActorOf, requirePrincipal } from '../auth/access.policy';
import { assertRecordRegion } from '../auth/region-scope.policy';
import type { IntakeReader } from '../intake/intake-reader.service';

export interface PolicyRoutesOptions {
  policies: PolicyService;
  /** Where an enterprise or demand belongs: a county reviewer checks their own county's only. */
  reader: Pick<IntakeReader, 'regionOf'>;
}

/** GET/POST /v1/policies and POST /v1/eligibility. Errors are AppErrors for the app's error handler. */
export const policyRoutes: FastifyPluginAsyncZod<PolicyRoutesOptions> = async (app, { policies, reader }) => {
  app.get(
    '/v1/policies',
    {
      config: { access: { staff: ALL_STAFF } },
      schema: { tags: ['policies'], summary: '策略配置列表（内置与自定义的最新版本）', response: { 200: policyListResponseSchema } },
    },
    async () => ({ items: policies.list() }),
  );

  app.get(
    '/v1/policies/:id',
    {
      config: { access: { staff: ALL_STAFF } },
      schema: {
        tags: ['policies'],
        summary: '策略配置详情（编号或“编号@版本”）',
        params: z.object({ id: policyRefSchema }),
        response: { 200: policyDetailResponseSchema, 404: errorResponseSchema },
      },
    },
    async (req) => policies.get(req.params.id),
  );

  app.post(
    '/v1/policies',
    {
      config: { access: { staff: ['admin'] } },
      schema: {
        tags: ['policies'],
        summary: '加载自定义策略配置（同一编号再次加载时版本号加一）',
        // Validated by the service so every bad field is reported with its path under INVALID_POLICY.
        body: z.unknown(),
        response: { 201: policyLoadedResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (req, reply) => {
      // Audited by the use-case, in the transaction that stores the profile.
      // The access hook always sets the principal; the policy layer's own tests mount these routes without it.
      const loaded = policies.load(req.body, req.principal ? auditActorOf(req.principal) : undefined);
      req.auditContext = { recorded: true };
      return reply.code(201).send(loaded);
    },
  );

  app.post(
    '/v1/eligibility',
    {
      // Evaluating changes nothing, so viewers may ask too.
      config: { access: { staff: ALL_STAFF, write: false } },
      schema: {
        tags: ['policies'],
        summary: '资格核验：专家、企业或专家—企业（需求）配对，逐条给出结论、原因代码和政策条款',
        body: eligibilityRequestSchema,
        response: { 200: eligibilityResponseSchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (req) => {
      // The verdicts show the enterprise's credit records: another county's are refused like its record is.
      const principal = requirePrincipal(req);
      const { enterpriseCreditCode, demandId } = req.body;
      if (enterpriseCreditCode) assertRecordRegion(principal, '企业', enterpriseCreditCode, (k) => reader.regionOf('enterprises', k));
      if (demandId) assertRecordRegion(principal, '需求', demandId, (k) => reader.regionOf('demands', k));
      return policies.checkEligibility(req.body);
    },
  );
};
