import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type HttpErrorCode, statusOf } from '../shared/errors';
import { isBusyError } from '../shared/database-errors';
import { toFieldErrors } from '../shared/zod-issues';

// Fastify's own client errors, given stable codes and Chinese messages.
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'EMPTY_BODY', message: '请求体不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', message: '请求长度与内容不符' },
};

/** Every error answer has the same shape and the status of its code (src/shared/errors.ts). */
const send = (code: ErrorCode | HttpErrorCode, message: string, details?: unknown) => ({ status: statusOf(code), body: { code, message, details } });

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let out: ReturnType<typeof send>;
    if (err instanceof AppError) {
      out = send(err.code, err.message, err.details);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext && err.validationContext !== 'body' ? [err.validationContext] : [];
      const details = toFieldErrors(
        err.validation.map((v) => ({
          path: [...where, ...(v.instancePath ?? '').split('/').filter(Boolean)],
          message: v.message ?? '',
        })),
      );
      out = send('VALIDATION_FAILED', '请求内容校验失败', details);
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      out = send('INTERNAL', '服务器内部错误');
    } else if (err.code && FASTIFY_CLIENT_ERRORS[err.code]) {
      const known = FASTIFY_CLIENT_ERRORS[err.code];
      out = send(known.code, known.message);
    } else if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      // JSON.parse failures (including lone surrogates) and other client-side errors fastify reports.
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
      out = status === 429 ? send('RATE_LIMITED', '请求过于频繁，请稍后再试', err.message) : send(status === 400 ? 'BAD_REQUEST' : `HTTP_${status}`, '请求无效', err.message);
    } else if (isBusyError(err)) {
      // The write transaction waited the busy timeout and rolled back: the client may simply try again.
      req.log.warn({ err }, 'database busy');
      void reply.header('retry-after', '2');
      out = send('DATABASE_BUSY', '数据库正忙（其他任务正在写入），本次请求未保存任何内容，请稍后重试');
    } else {
      req.log.error({ err }, 'unhandled error');
      out = send('INTERNAL', '服务器内部错误');
    }
    return reply.code(out.status).send(out.body);
  });

  app.setNotFoundHandler((req, reply) => {
    const out = send('ROUTE_NOT_FOUND', `接口不存在：${req.method} ${req.url.split('?')[0]}`);
    return reply.code(out.status).send({ code: out.body.code, message: out.body.message });
  });
}
