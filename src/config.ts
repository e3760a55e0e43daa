import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './shared/errors';
import { describeIssues } from './shared/zod-issues';

// The only module that reads process.env: everything else receives a parsed Config.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  MODEL_DIR: z.string().min(1).default('./models'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EMBED_MODEL: z.string().min(1).default('BAAI/bge-small-zh-v1.5'),
  EMBED_BATCH: z.coerce.number().int().min(1).max(256).default(32),
  EMBED_MAX_TOKENS: z.coerce.number().int().min(16).max(512).default(256),
  HNSW_M: z.coerce.number().int().min(4).max(128).default(32),
  HNSW_EF_CONSTRUCTION: z.coerce.number().int().min(10).max(2000).default(200),
  HNSW_EF_SEARCH: z.coerce.number().int().min(10).max(5000).default(128),
  NODE_ENV: z.string().optional(),
  DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  // Behind a TLS-terminating proxy: 'true' (trust every hop), a hop count, or a comma list of proxy addresses/CIDRs.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'TRUST_PROXY: true, false, a hop count or a comma list of proxy addresses')
    .default('false'),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  // A placement whose tripartite agreement is not filed this many days after it was made is flagged.
  PLACEMENT_AGREEMENT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PLACEMENT_UPLOAD_MAX_MB: z.coerce.number().min(0.1).max(50).default(10),
});

/** fastify's trustProxy: false, true, a hop count, or the proxies' addresses. */
function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'true' || v === 'false') return v === 'true';
  return /^\d+$/.test(v) ? Number(v) : v;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  indexDir: string;
  modelDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  embedModel: string;
  embedBatch: number;
  embedMaxTokens: number;
  hnsw: { m: number; efConstruction: number; efSearch: number };
  /** NODE_ENV=production (the Docker image): no demo data, no passwords on stdout. */
  production: boolean;
  /** Resolved: 'auto' is 'off' in production, and seeds an empty database elsewhere (`npm start` on a fresh clone). */
  demo: 'auto' | 'on' | 'off';
  /** req.ip and req.protocol come from X-Forwarded-For/-Proto only from these proxies (none by default). */
  trustProxy: boolean | number | string;
  /** Secure session cookie and HSTS: 'auto' when the request came over https (directly or per a trusted proxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Placements: days until an unfiled agreement is flagged; the size cap of uploaded documents. */
  placements: { agreementDays: number; maxUploadBytes: number };
};

export class ConfigError extends AppError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration (environment variables):\n${describeIssues(parsed.error.issues, '  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.DEMO === 'on') {
    throw new ConfigError('Invalid configuration (environment variables):\n  DEMO: DEMO=on is refused when NODE_ENV=production (demo accounts and data never go into production)');
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: resolve(dataDir, 'app.db'),
    indexDir: resolve(dataDir, 'index'),
    modelDir: resolve(e.MODEL_DIR),
    logLevel: e.LOG_LEVEL,
    embedModel: e.EMBED_MODEL,
    embedBatch: e.EMBED_BATCH,
    embedMaxTokens: e.EMBED_MAX_TOKENS,
    hnsw: { m: e.HNSW_M, efConstruction: e.HNSW_EF_CONSTRUCTION, efSearch: e.HNSW_EF_SEARCH },
    production,
    demo: production ? 'off' : e.DEMO,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    cookieSecure: e.COOKIE_SECURE,
    placements: { agreementDays: e.PLACEMENT_AGREEMENT_DAYS, maxUploadBytes: Math.round(e.PLACEMENT_UPLOAD_MAX_MB * 1024 * 1024) },
  };
}
