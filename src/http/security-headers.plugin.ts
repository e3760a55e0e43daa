import type { FastifyInstance } from 'fastify';

export type SecurityHeaderOptions = {
  /**
   * Strict-Transport-Security (config.cookieSecure): 'auto' on requests that came over https (directly, or per a
   * trusted proxy's X-Forwarded-Proto), 'always', or 'never'. Default 'auto'.
   */
  hsts?: 'auto' | 'always' | 'never';
};

// An API answer is data, never a document to render or frame: the strictest policy. The pages (src/web) and
// /docs (swagger-ui) replace the content-security-policy with their own in their own onSend hooks.
const BASE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
const HSTS = 'max-age=31536000; includeSubDomains';

/** One root onSend hook: every response (API, /docs, XLSX, 404, errors) carries the headers. Call before any route. */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions = {}): void {
  const hsts = options.hsts ?? 'auto';
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [k, v] of Object.entries(BASE_HEADERS)) reply.header(k, v);
    if (hsts === 'always' || (hsts === 'auto' && req.protocol === 'https')) reply.header('strict-transport-security', HSTS);
    return payload;
  });
}
