import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, auditActorOf, participantKeyOf, requirePrincipal } from '../auth/access.policy';
import { PARTICIPANT_SIDES, type Principal } from '../auth/auth.types';
import { errorResponses } from '../http/common.schema';
import { AppError } from '../shared/errors';
import type { NotificationService } from './notifier.service';
import type { WebhookEndpointService } from './webhook-endpoint.service';

export type NotificationRouteOptions = { notifications: Pick<NotificationService, 'inbox' | 'markRead'>; webhooks: WebhookEndpointService };

const inboxItemSchema = z.object({
  id: z.number(),
  eventId: z.string(),
  type: z.string(),
  regionCode: z.string(),
  subject: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const endpointSchema = z.object({ id: z.number(), url: z.string(), createdAt: z.string() });
const deliverySchema = z.object({
  id: z.number(),
  eventId: z.string(),
  endpointId: z.number(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Whose inbox a caller reads: a participant's (own session or via a portal) or a staff user's. */
export function inboxRecipientOf(p: Principal): string {
  if (p.kind === 'participant') return participantKeyOf(p);
  if (p.kind === 'staff') return `staff:${p.userId}`;
  throw new AppError('FORBIDDEN', '无权访问此接口');
}

function portalKeyOf(p: Principal): string {
  if (p.kind !== 'portal') throw new AppError('FORBIDDEN', '仅门户 API 密钥可管理回调地址');
  return p.keyId;
}

/** The in-app inbox of every participant and staff user, and the webhook receivers of portals. */
export const notificationRoutes: FastifyPluginAsyncZod<NotificationRouteOptions> = async (app, { notifications, webhooks }) => {
  const inboxAccess = { staff: ALL_STAFF, participant: PARTICIPANT_SIDES };

  app.get(
    '/v1/inbox',
    {
      config: { access: inboxAccess },
      schema: {
        tags: ['站内通知'],
        summary: '我的站内通知（仅本人，含未读数）',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(inboxItemSchema), unread: z.number() }), ...errorResponses },
      },
    },
    async (req) => notifications.inbox(inboxRecipientOf(requirePrincipal(req)), { limit: req.query.limit, offset: req.query.offset, unreadOnly: req.query.unread === 'true' }),
  );

  app.post(
    '/v1/inbox/:id/read',
    {
      // Reading one's own notice changes no record anyone else relies on: viewers may, and it is not audited.
      config: { access: { ...inboxAccess, write: false } },
      schema: { tags: ['站内通知'], summary: '标记通知为已读', params: idParams, response: { 200: inboxItemSchema, ...errorResponses } },
    },
    async (req) => notifications.markRead(inboxRecipientOf(requirePrincipal(req)), req.params.id),
  );

  const portalAccess = { portal: ['participants'] as const };
  app.post(
    '/v1/webhooks',
    {
      config: { access: portalAccess },
      schema: {
        tags: ['门户回调'],
        summary: '登记回调地址（返回签名密钥，仅显示一次）',
        body: z.object({ url: z.string().min(1).max(2000) }),
        response: { 201: endpointSchema.extend({ secret: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const created = webhooks.create(portalKeyOf(p), req.body.url, auditActorOf(p));
      req.auditContext = { recorded: true };
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/v1/webhooks',
    { config: { access: portalAccess }, schema: { tags: ['门户回调'], summary: '本密钥的回调地址', response: { 200: z.array(endpointSchema), ...errorResponses } } },
    async (req) => webhooks.list(portalKeyOf(requirePrincipal(req))),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { access: portalAccess },
      schema: { tags: ['门户回调'], summary: '删除回调地址（未送达的事件不再投递）', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      webhooks.delete(portalKeyOf(p), req.params.id, auditActorOf(p));
      req.auditContext = { recorded: true };
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhooks/deliveries',
    {
      config: { access: portalAccess },
      schema: {
        tags: ['门户回调'],
        summary: '回调投递状态（次数、下次重试时间、最后一次结果）',
        querystring: z.object({ endpoint: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(deliverySchema), ...errorResponses },
      },
    },
    async (req) => webhooks.deliveries(portalKeyOf(requirePrincipal(req)), req.query.endpoint),
  );
};
