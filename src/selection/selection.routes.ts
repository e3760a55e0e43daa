import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, requirePrincipal } from '../auth/access.policy';
import type { RouteAccess } from '../auth/auth.types';
import { errorResponses, errorResponseSchema } from '../http/common.schema';
import { partyOfPrincipal, viewerOfPrincipal } from './selection-principal';
import {
  contactsSchema,
  declineBodySchema,
  demandIdParamsSchema,
  enterpriseDemandSchema,
  expertMatchesSchema,
  expertSettingsSchema,
  expressInterestBodySchema,
  interestIdParamsSchema,
  interestListQuerySchema,
  interestSchema,
  meetingRequestBodySchema,
  meetingSchema,
  messageBodySchema,
  messageSchema,
  pauseBodySchema,
  shortlistSchema,
  talkIdParamsSchema,
  talkSchema,
  talkSummarySchema,
} from './selection.schema';
import type { SelectionApi } from './selection.types';

export type SelectionRoutesOptions = { selection: SelectionApi };

const TAGS = ['双向选择'];
const ENTERPRISE: RouteAccess = { participant: ['enterprise'] };
const EXPERT: RouteAccess = { participant: ['expert'] };
const BOTH: RouteAccess = { participant: ['enterprise', 'expert'] };
const responses = { ...errorResponses, 429: errorResponseSchema };

/**
 * Two-way selection for the participants (own pages, or a portal acting for one with X-Participant): the
 * enterprise's shortlist and invitations, the expert's invitations and matching demands, interest, decline,
 * choice and confirmation, and the one-to-one talk. The services write the audit entries (one per change).
 */
export const selectionRoutes: FastifyPluginAsyncZod<SelectionRoutesOptions> = async (app, { selection }) => {
  const recorded = (req: { auditContext: unknown }) => {
    req.auditContext = { recorded: true };
  };

  app.get(
    '/v1/selection/demands',
    {
      config: { access: ENTERPRISE },
      schema: { tags: TAGS, summary: '企业：本企业已审核通过的需求及其双向选择阶段', response: { 200: z.array(enterpriseDemandSchema), ...responses } },
    },
    async (req) => selection.enterpriseDemands(partyOfPrincipal(requirePrincipal(req))),
  );

  app.get(
    '/v1/selection/demands/:demandId/shortlist',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: TAGS,
        summary: '企业：需求的推荐专家名单（仅符合条件者，含匹配说明与依据，不含联系方式）',
        params: demandIdParamsSchema,
        response: { 200: shortlistSchema, ...responses },
      },
    },
    async (req) => selection.shortlist(partyOfPrincipal(requirePrincipal(req)), req.params.demandId),
  );

  app.post(
    '/v1/selection/interests',
    {
      config: { access: BOTH },
      schema: {
        tags: TAGS,
        summary: '表达洽谈意向：企业邀请专家（名单外专家先经全部硬性条件校验），专家对需求表达意向；双方有意向即开启一对一洽谈',
        body: expressInterestBodySchema,
        response: { 200: interestSchema, ...responses },
      },
    },
    async (req) => {
      const out = await selection.expressInterest(partyOfPrincipal(requirePrincipal(req)), req.body);
      recorded(req);
      return out;
    },
  );

  app.get(
    '/v1/selection/interests',
    {
      config: { access: BOTH },
      schema: { tags: TAGS, summary: '本方的全部意向与洽谈状态', querystring: interestListQuerySchema, response: { 200: z.array(interestSchema), ...responses } },
    },
    async (req) => selection.listInterests(partyOfPrincipal(requirePrincipal(req)), req.query),
  );

  app.get(
    '/v1/selection/invitations',
    { config: { access: EXPERT }, schema: { tags: TAGS, summary: '专家：收到的企业邀请', response: { 200: z.array(interestSchema), ...responses } } },
    async (req) => selection.invitations(partyOfPrincipal(requirePrincipal(req))),
  );

  app.get(
    '/v1/selection/matches',
    { config: { access: EXPERT }, schema: { tags: TAGS, summary: '专家：与本人最匹配的已审核需求（同一排序与政策规则）', response: { 200: expertMatchesSchema, ...responses } } },
    async (req) => selection.matches(partyOfPrincipal(requirePrincipal(req))),
  );

  const step = (path: string, access: RouteAccess, summary: string, run: (party: ReturnType<typeof partyOfPrincipal>, id: number, body: unknown) => unknown, body?: z.ZodType) =>
    app.post(
      `/v1/selection/interests/:interestId/${path}`,
      { config: { access }, schema: { tags: TAGS, summary, params: interestIdParamsSchema, ...(body ? { body } : {}), response: { 200: interestSchema, ...responses } } },
      async (req) => {
        const out = run(partyOfPrincipal(requirePrincipal(req)), req.params.interestId, req.body);
        recorded(req);
        return out as z.infer<typeof interestSchema>;
      },
    );
  step('decline', BOTH, '婉拒（须填写理由），任一方均可', (p, id, b) => selection.decline(p, id, (b as z.infer<typeof declineBodySchema>).reason), declineBodySchema);
  step('choose', ENTERPRISE, '企业选定该专家（每项需求一人，重新校验全部硬性条件）', (p, id) => selection.choose(p, id));
  step('confirm', EXPERT, '专家确认企业的选定：双方达成一致，作为确定人选进入本周期匹配', (p, id) => selection.confirm(p, id));

  app.get(
    '/v1/selection/talks',
    {
      config: { access: { ...BOTH, staff: ALL_STAFF } },
      schema: {
        tags: TAGS,
        summary: '洽谈列表：参与方看本方的洽谈；区县工作人员只读查看本区县的全部洽谈',
        querystring: z.object({ cycle: z.string().max(64).optional(), region: z.string().max(6).optional() }),
        response: { 200: z.array(talkSummarySchema), ...responses },
      },
    },
    async (req) => selection.listTalks(viewerOfPrincipal(requirePrincipal(req)), req.query),
  );

  app.get(
    '/v1/selection/talks/:talkId',
    {
      config: { access: { ...BOTH, staff: ALL_STAFF } },
      schema: { tags: TAGS, summary: '洽谈详情：消息（纯文本）与线下见面申请；区县工作人员只读', params: talkIdParamsSchema, response: { 200: talkSchema, ...responses } },
    },
    async (req) => selection.getTalk(viewerOfPrincipal(requirePrincipal(req)), req.params.talkId),
  );

  app.post(
    '/v1/selection/talks/:talkId/messages',
    {
      config: { access: BOTH },
      schema: {
        tags: TAGS,
        summary: '发送洽谈消息（纯文本，最多 1000 字，按发送方限制频率）',
        params: talkIdParamsSchema,
        body: messageBodySchema,
        response: { 200: messageSchema, ...responses },
      },
    },
    async (req) => {
      const out = selection.postMessage(partyOfPrincipal(requirePrincipal(req)), req.params.talkId, req.body.body);
      recorded(req);
      return out;
    },
  );

  app.get(
    '/v1/selection/talks/:talkId/contacts',
    {
      config: { access: BOTH },
      schema: {
        tags: TAGS,
        summary: '查看双方联系方式（双方有意向后才可查看，每次查看均记入审计日志）',
        params: talkIdParamsSchema,
        response: { 200: contactsSchema, ...responses },
      },
    },
    async (req) => selection.readContacts(partyOfPrincipal(requirePrincipal(req)), req.params.talkId),
  );

  app.post(
    '/v1/selection/talks/:talkId/meetings',
    {
      config: { access: BOTH },
      schema: {
        tags: TAGS,
        summary: '向区县科技部门申请线下见面或面谈（时间、地点）',
        params: talkIdParamsSchema,
        body: meetingRequestBodySchema,
        response: { 200: meetingSchema, ...responses },
      },
    },
    async (req) => {
      const out = selection.requestMeeting(partyOfPrincipal(requirePrincipal(req)), req.params.talkId, req.body);
      recorded(req);
      return out;
    },
  );

  app.get(
    '/v1/selection/me/settings',
    { config: { access: EXPERT }, schema: { tags: TAGS, summary: '专家：是否暂停接受联系', response: { 200: expertSettingsSchema, ...responses } } },
    async (req) => selection.expertSettings(partyOfPrincipal(requirePrincipal(req))),
  );

  app.put(
    '/v1/selection/me/pause',
    { config: { access: EXPERT }, schema: { tags: TAGS, summary: '专家：暂停或恢复接受企业联系', body: pauseBodySchema, response: { 200: expertSettingsSchema, ...responses } } },
    async (req) => {
      const out = selection.setPaused(partyOfPrincipal(requirePrincipal(req)), req.body.paused);
      recorded(req);
      return out;
    },
  );
};
