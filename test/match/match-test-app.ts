import type { DemoData } from '../../src/demo/demo-data.generator';
import { DEMO_REFERENCE_DATE, generateDemoData } from '../../src/demo/demo-data.generator';
import type { Embedder } from '../../src/embeddings/embedder.port';
import type { HybridRanker } from '../../src/ranking/hybrid-ranker.service';
import type { RetrievalService } from '../../src/retrieval/retrieval.service';
import { createTestApp, type TestApp } from '../helpers/test-app';

export { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
export { realModel } from '../helpers/test-runtime';

/** The test app (test/helpers/test-app.ts) with POST /v1/match over a seeded small demo, and shorter callers. */
export type MatchTestApp = TestApp & {
  retrieval: RetrievalService;
  ranker: HybridRanker;
  demo: DemoData;
  portal: () => Record<string, string>;
  staff: (role: 'admin' | 'reviewer' | 'viewer', region?: string) => Promise<Record<string, string>>;
  close: () => Promise<void>;
};

export async function createMatchTestApp(opts: { embedder: Embedder; experts?: number; enterprises?: number; rateLimit?: boolean }): Promise<MatchTestApp> {
  const t = await createTestApp({
    demo: generateDemoData({ experts: opts.experts ?? 80, enterprises: opts.enterprises ?? 30 }),
    matching: { embedder: opts.embedder },
    referenceYear: 2026,
    ranking: { today: () => DEMO_REFERENCE_DATE },
    // Generous rate limits: the robustness tests send thousands of requests with one key.
    auth: opts.rateLimit ? undefined : { portalRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } },
  });
  const portal = await t.asPortal();
  return {
    ...t,
    retrieval: t.retrieval!,
    ranker: t.ranker!,
    demo: t.demo!,
    portal: () => portal,
    staff: (role, region) => (role === 'admin' ? t.asAdmin() : role === 'viewer' ? t.asViewer() : t.asReviewer(region)),
    close: t.cleanup,
  };
}
