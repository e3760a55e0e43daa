import { availableParallelism } from 'node:os';
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
  // staged: the server embeds in a worker thread and answers matches once every expert's portrait has its
  // vector, the rest following in the background; blocking: the former one-step start (benchmark baseline).
  STARTUP: z.enum(['staged', 'blocking']).default('staged'),
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
  // log2 of scrypt's N for new password hashes. 17 is OWASP's minimum; lower values exist only so the test suite
  // (hundreds of logins) stays fast, and production refuses them.
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  // HTTP server processes sharing the port (node:cluster): 'auto' = one per core, up to 4.
  WORKERS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d?)$/, 'WORKERS: auto or a number of processes (1–99)')
    .default('1'),
  // A placement whose tripartite agreement is not filed this many days after it was made is flagged.
  PLACEMENT_AGREEMENT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PLACEMENT_UPLOAD_MAX_MB: z.coerce.number().min(0.1).max(50).default(10),
  // Portal webhooks: first retry after the base delay, doubling up to the cap, at most this many attempts.
  WEBHOOK_BASE_DELAY_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  WEBHOOK_MAX_DELAY_MS: z.coerce.number().int().min(1).max(86_400_000).default(3_600_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Ad-hoc POST /v1/match without policy or cycle, when the enterprise's county has no open cycle: this profile.
  MATCH_DEFAULT_PROFILE: z.string().trim().max(64).optional(),
});

const MIN_PRODUCTION_HASH_COST = 17;

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
  /** How the server brings retrieval up to date at start (see STARTUP above). */
  startup: 'staged' | 'blocking';
  /** NODE_ENV=production (the Docker image): no demo data, no passwords on stdout. */
  production: boolean;
  /** Resolved: 'auto' is 'off' in production, and seeds an empty database elsewhere (`npm start` on a fresh clone). */
  demo: 'auto' | 'on' | 'off';
  /** req.ip and req.protocol come from X-Forwarded-For/-Proto only from these proxies (none by default). */
  trustProxy: boolean | number | string;
  /** Secure session cookie and HSTS: 'auto' when the request came over https (directly or per a trusted proxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** scrypt parameters of new password hashes (N = 2^PASSWORD_HASH_COST, r = 8, p = 1). */
  passwordHash: { N: number; r: number; p: number };
  /** HTTP server processes over the same database (1: this process serves alone). */
  workers: number;
  /** Placements: days until an unfiled agreement is flagged; the size cap of uploaded documents. */
  placements: { agreementDays: number; maxUploadBytes: number };
  /** Portal webhook delivery: retry backoff (base doubling up to max), attempts, poll interval, request timeout. */
  webhooks: { baseDelayMs: number; maxDelayMs: number; maxAttempts: number; pollMs: number; timeoutMs: number };
  /** The policy profile an ad-hoc portal match uses when neither a policy nor an open cycle of the enterprise's county applies. */
  matchDefaultProfile: string | null;
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
  if (production && e.PASSWORD_HASH_COST < MIN_PRODUCTION_HASH_COST) {
    throw new ConfigError(
      `Invalid configuration (environment variables):\n  PASSWORD_HASH_COST: ${e.PASSWORD_HASH_COST} is below OWASP's minimum (${MIN_PRODUCTION_HASH_COST}) and refused when NODE_ENV=production`,
    );
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    workers: e.WORKERS === 'auto' ? Math.min(4, availableParallelism()) : Number(e.WORKERS),
    host: e.HOST,
    dataDir,
    dbFile: resolve(dataDir, 'app.db'),
    indexDir: resolve(dataDir, 'index'),
    modelDir: resolve(e.MODEL_DIR),
    logLevel: e.LOG_LEVEL,
    embedModel: e.EMBED_MODEL,
    embedBatch: e.EMBED_BATCH,
    embedMaxTokens: e.EMBED_MAX_TOKENS,
    startup: e.STARTUP,
    hnsw: { m: e.HNSW_M, efConstruction: e.HNSW_EF_CONSTRUCTION, efSearch: e.HNSW_EF_SEARCH },
    production,
    demo: production ? 'off' : e.DEMO,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    cookieSecure: e.COOKIE_SECURE,
    passwordHash: { N: 2 ** e.PASSWORD_HASH_COST, r: 8, p: 1 },
    placements: { agreementDays: e.PLACEMENT_AGREEMENT_DAYS, maxUploadBytes: Math.round(e.PLACEMENT_UPLOAD_MAX_MB * 1024 * 1024) },
    webhooks: {
      baseDelayMs: e.WEBHOOK_BASE_DELAY_MS,
      maxDelayMs: e.WEBHOOK_MAX_DELAY_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      pollMs: e.WEBHOOK_POLL_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    matchDefaultProfile: e.MATCH_DEFAULT_PROFILE || null,
  };
}
