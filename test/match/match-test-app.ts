import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createServices, type Services } from '../../src/container';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { DEMO_REFERENCE_DATE, generateDemoData, type DemoData } from '../../src/demo/demo-data.generator';
import { seedDemo } from '../../src/demo/seed-demo.service';
import type { Embedder } from '../../src/embeddings/embedder.port';
import { TransformersEmbedder } from '../../src/embeddings/transformers.embedder';
import { createRanker } from '../../src/ranking/ranker.factory';
import type { HybridRanker } from '../../src/ranking/hybrid-ranker.service';
import { createRetrieval, type Retrieval } from '../../src/retrieval/retrieval.factory';
import { createLogger } from '../../src/shared/logger';

const PASSWORD = 'test-password-0123456789';

/**
 * Deterministic stand-in for the model: character unigrams and bigrams hashed into 64 dimensions. Texts that
 * share words get similar vectors, which is all the HTTP and robustness tests need, in microseconds.
 */
export class HashingEmbedder implements Embedder {
  readonly modelId = 'test-hashing-64';
  readonly dim = 64;
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => {
      const v = new Float32Array(this.dim);
      const chars = [...t];
      const add = (s: string, w: number) => {
        let h = 2166136261;
        for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
        v[(h >>> 0) % this.dim] += w;
      };
      chars.forEach((c, i) => { add(c, 1); if (i > 0) add(chars[i - 1] + c, 2); });
      v[0] += 0.5;
      const n = Math.hypot(...v) || 1;
      return v.map((x) => x / n);
    });
  }
}

export type MatchTestApp = {
  app: FastifyInstance;
  services: Services;
  retrieval: Retrieval;
  ranker: HybridRanker;
  demo: DemoData;
  portal: () => Record<string, string>;
  staff: (role: 'admin' | 'reviewer' | 'viewer', region?: string) => Promise<Record<string, string>>;
  close: () => Promise<void>;
};

let model: Promise<TransformersEmbedder> | undefined;
/** The real model, loaded once per test file. */
export function realModel(): Promise<TransformersEmbedder> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  model ??= TransformersEmbedder.load({ modelDir: config.modelDir, model: config.embedModel, maxTokens: config.embedMaxTokens, batchSize: config.embedBatch });
  return model;
}

/** The whole app with POST /v1/match over a seeded small demo (real temp DATA_DIR, synced retrieval). */
export async function createMatchTestApp(opts: { embedder: Embedder; experts?: number; enterprises?: number; rateLimit?: boolean }): Promise<MatchTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kjfz-match-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const db = openDatabase(config.dbFile);
  const services = createServices(db);
  const demo = generateDemoData({ experts: opts.experts ?? 80, enterprises: opts.enterprises ?? 30 });
  const seeded = seedDemo(db, { data: demo });
  if (seeded.rejected.length) throw new Error(`demo seed rejected ${JSON.stringify(seeded.rejected.slice(0, 2))}`);
  const logger = createLogger('silent');
  const retrieval = await createRetrieval({ db, config, logger }, { embedder: opts.embedder, referenceYear: 2026 });
  await retrieval.sync();
  const ranker = createRanker({ services, retrieval, logger }, { today: () => DEMO_REFERENCE_DATE });
  // Generous rate limits: the robustness tests send thousands of requests with one key.
  const app = await buildApp({ services, logger, ranker, auth: opts.rateLimit ? undefined : { portalRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } } });
  await app.ready();
  const { key } = services.auth.apiKeys.create('test-portal', { actor: 'test', actorRole: 'test' });
  const sessions = new Map<string, Record<string, string>>();
  return {
    app, services, retrieval, ranker, demo,
    portal: () => ({ authorization: `Bearer ${key}` }),
    async staff(role, region) {
      const username = `t-${role}-${region ?? 'all'}`;
      let h = sessions.get(username);
      if (!h) {
        await services.auth.accounts.createUser({ username, displayName: username, role, region: role === 'reviewer' ? region ?? '330302' : null, password: PASSWORD });
        const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password: PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode} ${res.body}`);
        const token = res.cookies.find((c) => c.name === 'kjfz_session')!.value;
        h = { cookie: `kjfz_session=${token}`, 'x-csrf-token': res.json().csrfToken as string };
        sessions.set(username, h);
      }
      return h;
    },
    async close() {
      await app.close();
      await retrieval.close();
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
