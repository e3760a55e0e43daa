import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, auditActorOf, requirePrincipal } from '../auth/access.policy';
import { errorResponses } from '../http/common.schema';
import { overseerOfPrincipal } from './selection-principal';
import {
  cycleIdParamsSchema,
  cycleSettingsBodySchema,
  cycleSettingsSchema,
  demandStageRowSchema,
  meetingIdParamsSchema,
  meetingOutcomeBodySchema,
  meetingSchema,
  oversightQuerySchema,
  staleDemandsSchema,
  staleQuerySchema,
} from './selection.schema';
import type { SelectionApi } from './selection.types';

const TAGS = ['双向选择（区县监督）'];

/**
 * County oversight of the selection flow (read-only over talks; a reviewer sees their own county only) and the
 * cycle's selection settings (deadlines, N, X: the city administrator sets them).
 */
export const selectionOversightRoutes: FastifyPluginAsyncZod<{ selection: SelectionApi }> = async (app, { selection }) => {
  app.get(
    '/v1/selection/oversight/demands',
    {
      config: { access: { staff: ALL_STAFF } },
      schema: {
        tags: TAGS,
        summary: '各需求的双向选择阶段（尚无意向 / 有意向 / 洽谈中 / 已选定 / 已达成 / 已婉拒）',
        querystring: oversightQuerySchema,
        response: { 200: z.array(demandStageRowSchema), ...errorResponses },
      },
    },
    async (req) => selection.demandStages(overseerOfPrincipal(requirePrincipal(req)), req.query),
  );

  app.get(
    '/v1/selection/oversight/stale',
    {
      config: { access: { staff: ALL_STAFF } },
      schema: { tags: TAGS, summary: '审核通过已满 X 天仍无人洽谈的需求', querystring: staleQuerySchema, response: { 200: staleDemandsSchema, ...errorResponses } },
    },
    async (req) => selection.staleDemands(overseerOfPrincipal(requirePrincipal(req)), req.query),
  );

  app.post(
    '/v1/selection/meetings/:meetingId/outcome',
    {
      config: { access: { staff: ['admin', 'reviewer'] } },
      schema: {
        tags: TAGS,
        summary: '区县记录线下见面或面谈的安排与结果',
        params: meetingIdParamsSchema,
        body: meetingOutcomeBodySchema,
        response: { 200: meetingSchema, ...errorResponses },
      },
    },
    async (req) => {
      const out = selection.noteMeetingOutcome(overseerOfPrincipal(requirePrincipal(req)), req.params.meetingId, req.body);
      req.auditContext = { recorded: true };
      return out;
    },
  );

  app.get(
    '/v1/selection/cycles/:cycleId/settings',
    {
      config: { access: { staff: ALL_STAFF, participant: ['enterprise', 'expert'] } },
      schema: {
        tags: TAGS,
        summary: '选派周期的双向选择设置（截止时间、意向人数上限 N、无人洽谈天数 X）',
        params: cycleIdParamsSchema,
        response: { 200: cycleSettingsSchema, ...errorResponses },
      },
    },
    async (req) => selection.cycleSettings(req.params.cycleId),
  );

  app.put(
    '/v1/selection/cycles/:cycleId/settings',
    {
      config: { access: { staff: ['admin'] } },
      schema: {
        tags: TAGS,
        summary: '设置选派周期的双向选择截止时间与人数（市级管理员）',
        params: cycleIdParamsSchema,
        body: cycleSettingsBodySchema,
        response: { 200: cycleSettingsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const out = selection.setCycleSettings(req.params.cycleId, req.body, auditActorOf(requirePrincipal(req)));
      req.auditContext = { recorded: true };
      return out;
    },
  );
};
