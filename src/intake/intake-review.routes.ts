import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, auditActorOf, requirePrincipal } from '../auth/access.policy';
import type { RouteAccess } from '../auth/auth.types';
import { assertRegion } from '../auth/region-scope.policy';
import { errorResponses } from '../http/common.schema';
import { notFound } from '../shared/errors';
import { reviewStateSchema } from './intake-review.schema';
import type { IntakeReviewService, ReviewAction, ReviewKind } from './intake-review.service';
import type { IntakeReader } from './intake-reader.service';

const KINDS: Array<{ kind: ReviewKind; path: string; label: string }> = [
  { kind: 'demands', path: '/v1/demands', label: '需求' },
  { kind: 'experts', path: '/v1/experts', label: '专家' },
];

// County reviewers decide on their county's forms, the city administrator on any; the submitter (a portal) may withdraw.
const ACTIONS: Array<{ action: ReviewAction; summary: string; access: RouteAccess }> = [
  { action: 'approve', summary: '审核通过（进入匹配）', access: { staff: ['admin', 'reviewer'] } },
  { action: 'return', summary: '退回修改（须填写理由）', access: { staff: ['admin', 'reviewer'] } },
  { action: 'withdraw', summary: '撤回表单', access: { staff: ['admin', 'reviewer'], portal: ['intake'] } },
];

const params = z.object({ key: z.string().min(1).max(64) });
const body = z.object({ reason: z.string().max(1000).optional() }).optional();

export type IntakeReviewRouteOptions = { intakeReview: IntakeReviewService; reader: Pick<IntakeReader, 'regionOf' | 'exists'> };

/**
 * The intake review of demands and expert intention forms (Wenzhou 四(一): 经科技部门审核后入库): approve,
 * return with a reason, withdraw; and the state as the submitter sees it. The service writes the audit entry.
 */
export const intakeReviewRoutes: FastifyPluginAsyncZod<IntakeReviewRouteOptions> = async (app, { intakeReview, reader }) => {
  for (const k of KINDS) {
    for (const a of ACTIONS) {
      app.post(
        `${k.path}/:key/${a.action}`,
        { config: { access: a.access }, schema: { tags: ['入库审核'], summary: `${k.label}${a.summary}`, params, body, response: { 200: reviewStateSchema, ...errorResponses } } },
        async (req) => {
          const principal = requirePrincipal(req);
          if (!reader.exists(k.kind, req.params.key)) throw notFound(k.label, req.params.key);
          // An expert without a region belongs to no county: only the city decides on it.
          if (principal.kind === 'staff') assertRegion(principal, reader.regionOf(k.kind, req.params.key) ?? null);
          const state = intakeReview.decideByKey(k.kind, req.params.key, a.action, auditActorOf(principal), req.body?.reason);
          req.auditContext = { recorded: true };
          return state;
        },
      );
    }

    app.get(
      `${k.path}/:key/review`,
      {
        config: { access: { staff: ALL_STAFF, portal: ['intake'] } },
        schema: { tags: ['入库审核'], summary: `${k.label}的审核状态与退回理由`, params, response: { 200: reviewStateSchema, ...errorResponses } },
      },
      async (req) => {
        const principal = requirePrincipal(req);
        if (!reader.exists(k.kind, req.params.key)) throw notFound(k.label, req.params.key);
        if (k.kind === 'demands') assertRegion(principal, reader.regionOf(k.kind, req.params.key) ?? null);
        return intakeReview.stateByKey(k.kind, req.params.key);
      },
    );
  }
};
