import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../shared/errors';

// Fastify's own client errors, given stable codes and Chinese messages.
const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'EMPTY_BODY', message: '请求体不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', message: '请求长度与内容不符' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.statusCode).send({ code: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext === 'body' ? undefined : err.validationContext, ...(v.instancePath ?? '').split('/').filter(Boolean)]
          .filter(Boolean).join('.') || '(root)',
        message: v.message,
      }));
      return reply.code(400).send({ code: 'VALIDATION_FAILED', message: '请求内容校验失败', details });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误' });
    }
    const known = err.code ? FASTIFY_CLIENT_ERRORS[err.code] : undefined;
    if (known) return reply.code(err.statusCode ?? 400).send({ ...known, details: undefined });
    if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      // JSON.parse failures (including lone surrogates) and other client-side errors fastify reports.
      return reply.code(err.statusCode && err.statusCode < 500 ? err.statusCode : 400)
        .send({ code: err.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', message: err.statusCode === 429 ? '请求过于频繁，请稍后再试' : '请求无效', details: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
}
