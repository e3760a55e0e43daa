import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../auth/access.policy';
import { assertRecordRegion, assertRegion } from '../auth/region-scope.policy';
import { errorResponseSchema } from '../http/common.schema';
import type { IntakeReader } from '../intake/intake-reader.service';
import type { Readiness } from '../http/health.routes';
import { AppError } from '../shared/errors';
import { MATCH_EXCLUDED_FOR_STAFF, matchRequestSchema, matchResponseSchema } from './match.schema';
import type { RankQuery, Ranker } from './ranker.port';

export interface MatchRoutesOptions {
  ranker: Ranker;
  /** Where a stored demand belongs (a county reviewer matches their own county's only). */
  reader: Pick<IntakeReader, 'regionOf'>;
  /** Until the first retrieval sync has finished, matching answers 503 rather than a shortlist from half an index. */
  readiness?: Readiness;
}

/**
 * POST /v1/match while the embedding model is missing or corrupt: the rest of the service runs, and matching
 * answers 503 with what to do (same access declaration, so the route × role matrix is unchanged).
 */
export const matchUnavailableRoutes: FastifyPluginAsyncZod<{ reason: string }> = async (app, { reason }) => {
  app.post(
    '/v1/match',
    {
      config: { access: { portal: ['match'], staff: ['admin', 'reviewer'], write: false } },
      schema: { tags: ['match'], summary: '专家匹配（模型不可用：请运行 npm run setup）', response: { 503: errorResponseSchema } },
    },
    async () => {
      throw new AppError('MODEL_UNAVAILABLE', '匹配模型缺失或已损坏，匹配暂不可用：请在服务器上运行 npm run setup 后重启服务', { reason });
    },
  );
};

/** POST /v1/match: an explained shortlist for a stored demand or an ad-hoc problem. */
export const matchRoutes: FastifyPluginAsyncZod<MatchRoutesOptions> = async (app, { ranker, reader, readiness }) => {
  app.post(
    '/v1/match',
    {
      // A query: it changes no records, so it is not audited; portals (the online forms) and city/county staff.
      config: { access: { portal: ['match'], staff: ['admin', 'reviewer'], write: false } },
      schema: {
        tags: ['match'],
        summary: '专家匹配：需求（编号或临时文本）→ 经政策筛选的候选专家名单，含评分构成、匹配依据与需复核标记',
        description:
          '请求体为 {demandId} 或临时需求（title、description、expectedField、region、namedCandidates），' +
          '另可给 cycle 或 policy（不设条件时用 open）与 top（默认 10，最多 100）。工作人员另见被排除的高分专家及其条款。',
        body: matchRequestSchema,
        response: {
          200: matchResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      if (readiness && !readiness().ready) throw new AppError('NOT_READY', '匹配索引正在建立，请稍后再试');
      const body = req.body;
      let query: RankQuery;
      if ('demandId' in body) {
        // County reviewers match their own county's demands only (the demand and its enterprise are county data).
        assertRecordRegion(principal, '需求', body.demandId, (k) => reader.regionOf('demands', k));
        query = { demandId: body.demandId, title: '', description: '', expectedField: '', namedCandidates: [] };
      } else {
        const { cycle: _c, policy: _p, top: _t, ...demand } = body;
        // An ad-hoc problem on behalf of an enterprise reads its records (history, credit) like a stored demand does.
        if (demand.enterpriseCreditCode) assertRecordRegion(principal, '企业', demand.enterpriseCreditCode, (k) => reader.regionOf('enterprises', k));
        if (demand.region !== undefined) assertRegion(principal, demand.region);
        query = demand;
      }
      // Excluded experts are personal data of people who were not proposed: staff only, never portals.
      const staff = principal.kind === 'staff';
      const res = await ranker.rank(query, { policy: body.policy, cycleId: body.cycle, top: body.top, excluded: staff ? MATCH_EXCLUDED_FOR_STAFF : 0 });
      return {
        demandId: res.context?.demandId ?? null,
        policy: res.context?.policy ?? { id: body.policy ?? '', version: 0, name: '' },
        cycle: res.context?.cycle ?? null,
        referenceDate: res.context?.referenceDate ?? '',
        candidates: res.candidates,
        ...(staff ? { excluded: res.excluded } : {}),
        stats: res.stats,
      };
    },
  );
};
