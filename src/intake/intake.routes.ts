import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF, auditActorOf, requirePrincipal } from '../auth/access.policy';
import type { RouteAccess } from '../auth/auth.types';
import { assertRegion, regionFilter } from '../auth/region-scope.policy';
import { errorResponses, paginationQuerySchema } from '../http/common.schema';
import { AppError, notFound } from '../shared/errors';
import { regionCodeSchema } from './common.schema';
import { cycleSchema } from './cycle.schema';
import { demandSchema } from './demand.schema';
import { enterpriseSchema } from './enterprise.schema';
import { expertSchema } from './expert.schema';
import { missingFacts } from './fact-labels';
import { INTAKE_REVIEW_STATUSES } from './intake-review.schema';
import type { EntityKind, IntakeService, SaveResult } from './intake.service';
import type { IntakeReader } from './intake-reader.service';

type Resource = {
  kind: EntityKind;
  path: string;
  label: string;
  keyField: 'externalId' | 'creditCode';
  body: z.ZodType;
  /** Who may create and update; reading is open to all staff and closed to portals. */
  writers: RouteAccess;
  /** Enterprises and demands belong to a county; experts are the city's shared talent pool. */
  regional: boolean;
};

const RESOURCES: Resource[] = [
  { kind: 'experts', path: '/v1/experts', label: '专家', keyField: 'externalId', body: expertSchema, writers: { staff: ['admin'], portal: ['intake'] }, regional: false },
  {
    kind: 'enterprises',
    path: '/v1/enterprises',
    label: '企业',
    keyField: 'creditCode',
    body: enterpriseSchema,
    writers: { staff: ['admin', 'reviewer'], portal: ['intake'] },
    regional: true,
  },
  {
    kind: 'demands',
    path: '/v1/demands',
    label: '需求',
    keyField: 'externalId',
    body: demandSchema,
    writers: { staff: ['admin', 'reviewer'], portal: ['intake'] },
    regional: true,
  },
];
const readers: RouteAccess = { staff: ALL_STAFF };

const saveResponse = z.object({
  key: z.string(),
  status: z.enum(['inserted', 'updated', 'unchanged']),
  /** Facts a policy rule reads that the record lacks: it is stored, and those verdicts are `unknown` until they are entered. */
  missing: z.array(z.string()),
  /** Experts and demands: the intake review state after the save (a new or changed form waits for the county). */
  review: z.object({ status: z.enum(INTAKE_REVIEW_STATUSES), reason: z.string().nullable() }).optional(),
});

function unwrap(result: SaveResult<string>): { key: string; status: 'inserted' | 'updated' | 'unchanged' } {
  if (!result.ok) throw new AppError('REFERENCE_NOT_FOUND', '记录引用的区划、企业或周期不存在', result.errors);
  return { key: result.key, status: result.status };
}

/** A saved record, with the facts a policy rule reads that it lacks (stored anyway; those verdicts are unknown). */
function unwrapRecord(kind: EntityKind, body: unknown, result: SaveResult<string>): z.infer<typeof saveResponse> {
  const review = result.ok && result.review ? { status: result.review.status, reason: result.review.reason } : undefined;
  return { ...unwrap(result), missing: missingFacts(kind, body), ...(review ? { review } : {}) };
}

export type IntakeRouteOptions = { intake: IntakeService; reader: IntakeReader };

/** Create / read / update for experts, enterprises and demands; bodies are the bulk-import record formats. */
export const intakeRoutes: FastifyPluginAsyncZod<IntakeRouteOptions> = async (app, { intake, reader }) => {
  // The county a submitted record would belong to; unknown when its enterprise is unknown (the save then answers 422).
  const bodyRegion = (kind: EntityKind, body: Record<string, string>): string | undefined =>
    kind === 'enterprises' ? body.region : kind === 'demands' ? reader.regionOf('enterprises', body.enterpriseCreditCode) : undefined;

  for (const r of RESOURCES) {
    const tags = [r.label];
    app.post(
      r.path,
      {
        config: { access: r.writers },
        schema: { tags, summary: `新建${r.label}`, body: r.body, response: { 201: saveResponse, ...errorResponses } },
      },
      async (req, reply) => {
        const body = req.body as Record<string, string>;
        const key = body[r.keyField];
        const region = bodyRegion(r.kind, body);
        if (r.regional && region !== undefined) assertRegion(requirePrincipal(req), region);
        if (reader.exists(r.kind, key)) {
          throw new AppError('ALREADY_EXISTS', `${r.label}已存在：${key}（修改请用 PUT）`, { [r.keyField]: key });
        }
        // The use-case audits the change (fields before and after) in its own transaction.
        const saved = unwrapRecord(r.kind, req.body, intake.save(r.kind, req.body, auditActorOf(requirePrincipal(req))));
        req.auditContext = { recorded: true };
        return reply.code(201).send(saved);
      },
    );

    app.put(
      `${r.path}/:key`,
      {
        config: { access: r.writers },
        schema: {
          tags,
          summary: `修改${r.label}（整条替换）`,
          params: z.object({ key: z.string().min(1).max(64) }),
          body: r.body,
          response: { 200: saveResponse, ...errorResponses },
        },
      },
      async (req) => {
        const body = req.body as Record<string, string>;
        const key = body[r.keyField];
        if (key !== req.params.key && key !== req.params.key.toUpperCase()) {
          throw new AppError('KEY_MISMATCH', `路径中的编号与请求体中的 ${r.keyField} 不一致`, { path: req.params.key, body: key });
        }
        if (!reader.exists(r.kind, key)) throw notFound(r.label, key);
        const region = bodyRegion(r.kind, body);
        if (r.regional) {
          // Both ends count: a reviewer may neither edit another county's record nor move one into or out of theirs.
          const principal = requirePrincipal(req);
          assertRegion(principal, reader.regionOf(r.kind, key));
          if (region !== undefined) assertRegion(principal, region);
        }
        const saved = unwrapRecord(r.kind, req.body, intake.save(r.kind, req.body, auditActorOf(requirePrincipal(req))));
        req.auditContext = { recorded: true };
        return saved;
      },
    );

    app.get(
      `${r.path}/:key`,
      {
        config: { access: readers },
        schema: { tags, summary: `查询${r.label}`, params: z.object({ key: z.string().min(1).max(64) }), response: { 200: r.body, ...errorResponses } },
      },
      async (req) => {
        const found = reader.get(r.kind, req.params.key);
        if (!found) throw notFound(r.label, req.params.key);
        if (r.regional) assertRegion(requirePrincipal(req), reader.regionOf(r.kind, req.params.key));
        return found;
      },
    );

    app.get(
      r.path,
      {
        config: { access: readers },
        schema: {
          tags,
          summary: `${r.label}列表`,
          querystring: paginationQuerySchema.extend({ region: regionCodeSchema.optional(), cycle: z.string().max(64).optional() }),
          response: { 200: z.object({ total: z.number(), items: z.array(z.record(z.string(), z.unknown())) }), ...errorResponses },
        },
      },
      async (req) => reader.list(r.kind, r.regional ? { ...req.query, region: regionFilter(requirePrincipal(req), req.query.region) } : req.query),
    );
  }

  // Reference data the online forms need to fill in region and cycle fields; no personal data.
  const referenceReaders: RouteAccess = { staff: ALL_STAFF, portal: true };
  app.get('/v1/regions', { config: { access: referenceReaders }, schema: { tags: ['参考数据'], summary: '行政区划' } }, async () => reader.regions());

  app.get('/v1/cycles', { config: { access: referenceReaders }, schema: { tags: ['选派周期'], summary: '选派周期列表', response: { 200: z.array(cycleSchema) } } }, async () =>
    reader.cycles(),
  );

  app.put(
    '/v1/cycles/:id',
    {
      config: { access: { staff: ['admin'] } },
      schema: {
        tags: ['选派周期'],
        summary: '新建或修改选派周期',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: cycleSchema,
        response: { 200: saveResponse.omit({ missing: true }), ...errorResponses },
      },
    },
    async (req) => {
      if (req.body.id !== req.params.id) throw new AppError('KEY_MISMATCH', '路径中的周期编号与请求体不一致');
      const saved = unwrap(intake.saveCycle(req.body, auditActorOf(requirePrincipal(req))));
      req.auditContext = { recorded: true };
      return saved;
    },
  );
};
