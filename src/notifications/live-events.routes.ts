import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, requirePrincipal } from '../auth/access.policy';
import { PARTICIPANT_SIDES } from '../auth/auth.types';
import { errorResponses } from '../http/common.schema';
import { AppError } from '../shared/errors';
import type { LiveEventHub } from './live-event-hub';
import { inboxChannel, type ChannelSubscriber } from './live-events.port';
import { inboxRecipientOf } from './notification.routes';

export type LiveEventRouteOptions = { hub: LiveEventHub; heartbeatMs?: number };

const channelList = z
  .string()
  .max(2000)
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(z.array(z.string().regex(/^[a-z]+:[\w:.-]{1,100}$/, '频道名称无效')).max(20, '最多订阅 20 个频道'));

/**
 * Server-Sent Events for open pages: the caller's inbox plus the channels it asks for and may hear (a talk it
 * is part of, decided by the channel's owner); heartbeat comments keep proxies from closing an idle stream.
 * Pages that cannot keep a stream open fall back to reloading.
 */
export const liveEventRoutes: FastifyPluginAsyncZod<LiveEventRouteOptions> = async (app, { hub, heartbeatMs = 25_000 }) => {
  app.addHook('preClose', async () => hub.closeAll());

  app.get(
    '/v1/events',
    {
      config: { access: { staff: ALL_STAFF, participant: PARTICIPANT_SIDES } },
      schema: {
        tags: ['实时更新'],
        summary: '实时事件流（text/event-stream：本人通知及有权收听的洽谈）',
        querystring: z.object({ channels: channelList }),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const recipient = inboxRecipientOf(p);
      const subscriber: ChannelSubscriber =
        p.kind === 'participant'
          ? { recipient, kind: 'participant', regionCode: p.regionCode }
          : { recipient, kind: 'staff', regionCode: p.kind === 'staff' ? p.region : null, role: p.kind === 'staff' ? p.role : undefined };
      const refused = req.query.channels.filter((c) => !hub.mayListen(subscriber, c));
      if (refused.length) throw new AppError('FORBIDDEN', '无权收听这些频道', { channels: refused });
      const channels = [...new Set([inboxChannel(recipient), ...req.query.channels])];

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 3000\n: channels ${channels.join(',')}\n\n`);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      const unsubscribe = hub.subscribe(
        channels,
        (channel, event) => res.write(`event: ${event.type.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify({ channel, data: event.data })}\n\n`),
        end,
      );
      req.raw.on('close', end);
    },
  );
};
