import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { createWriteProbe } from '../../src/db/write-probe';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { StartupState } from '../../src/http/startup-state';
import type { SyncStage } from '../../src/retrieval/retrieval-sync.service';
import { createTestRuntime, silentLogger, type TestRuntime } from '../helpers/test-runtime';

const QUERY = { title: '储能电池组热失控预警', description: '储能电池在高温工况下存在热失控风险，需要早期预警与阻断方案。', policy: 'open' };

/** The retrieval state a search reads: every evidence vector and the HNSW graph's labels. */
function snapshot(t: TestRuntime, retrieval: Awaited<ReturnType<TestRuntime['runtime']['matching']>>['retrieval']) {
  const ids = retrieval.index.evidenceIds().sort((a, b) => a - b);
  return { ids, vectors: ids.map((id) => [...retrieval.index.vectorOf(id)!]), ann: retrieval.index.ann?.labels().sort((a, b) => a - b), dir: t.dir };
}

describe('staged start: portraits first, the rest in the background', () => {
  let staged: TestRuntime;
  let oneStep: TestRuntime;
  beforeAll(() => {
    staged = createTestRuntime({ demo: true, embedder: new HashingEmbedder(64), referenceYear: 2025 });
    oneStep = createTestRuntime({ demo: true, embedder: new HashingEmbedder(64), referenceYear: 2025 });
  });
  afterAll(async () => {
    await staged?.cleanup();
    await oneStep?.cleanup();
  });

  it('answers matches from the first pass (saying so on /readyz and in the shortlist), and ends in the state of a one-step sync', async () => {
    const { retrieval, ranker } = await staged.runtime.matching();
    const startup = new StartupState({ database: staged.runtime.probeDatabase });
    const app = await buildApp({ services: staged.runtime.services, logger: silentLogger, ranker, readiness: startup.readiness });
    const { key } = staged.runtime.services.apiKeys.create('staged', { actor: 'test', actorRole: 'test' });
    const match = () => app.inject({ method: 'POST', url: '/v1/match', headers: { authorization: `Bearer ${key}` }, payload: QUERY });

    const before = await app.inject('/readyz');
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({ status: 'starting', checks: { database: 'ok', index: 'building' } });
    expect((await match()).json()).toMatchObject({ code: 'NOT_READY' });

    const stages: SyncStage[] = [];
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    let atFirstPass: { kinds: Set<string>; experts: number; ann: boolean; evidence: number; remaining: number } | undefined;
    const done = retrieval.sync({
      onProgress: (p) => {
        startup.progress = p;
        if (stages.at(-1) !== p.stage) stages.push(p.stage);
      },
      onFirstPass: (p) => {
        const ids = retrieval.index.evidenceIds();
        atFirstPass = {
          kinds: new Set(ids.map((id) => staged.runtime.repositories.portraits.getEvidence([id]).get(id)!.kind)),
          experts: retrieval.index.stats().experts,
          ann: retrieval.index.ann !== undefined,
          evidence: p.embedded,
          remaining: p.remaining,
        };
        ranker.warm({ policy: 'open' });
        startup.stage = 'first-pass';
      },
    });
    // The first pass hands over before the rest is embedded: a match in between sees the partial index.
    while (startup.stage !== 'first-pass') await new Promise((r) => setImmediate(r));
    const partialReady = await app.inject('/readyz');
    const firstPass = { readyz: partialReady.json() as unknown, readyStatus: partialReady.statusCode };
    const partialMatch = (await match()).json();
    const result = await done;
    clearInterval(ticker);
    startup.stage = 'complete';

    expect(atFirstPass).toMatchObject({ kinds: new Set(['portrait']), experts: staged.demo!.experts.length, ann: false, evidence: staged.demo!.experts.length });
    expect(atFirstPass!.remaining).toBeGreaterThan(0);
    expect(stages.indexOf('embed-first')).toBeLessThan(stages.indexOf('embed'));
    expect(stages).toContain('index');
    expect(firstPass.readyStatus).toBe(200);
    expect(firstPass.readyz).toMatchObject({ status: 'ready', checks: { index: expect.stringMatching(/^partial/) }, partial: expect.stringContaining('画像') });
    expect(partialMatch.candidates.length).toBeGreaterThan(0);
    expect(partialMatch.retrieval).toEqual({ complete: false, note: expect.stringContaining('后台补全') });
    // The loops gave the event loop turns (setInterval callbacks ran while the sync was under way).
    expect(turns).toBeGreaterThan(0);
    expect(result.evidence).toBe(retrieval.index.stats().evidence);

    const complete = await app.inject('/readyz');
    expect(complete.json()).toEqual({ status: 'ready', checks: { database: 'ok', model: 'ok', index: 'ok' } });
    const finalMatch = (await match()).json();
    expect(finalMatch.retrieval).toBeUndefined();

    // Same vectors, same graph, same shortlist as a sync without a first pass.
    const other = await oneStep.runtime.matching();
    await other.retrieval.sync();
    const a = snapshot(staged, retrieval);
    const b = snapshot(oneStep, other.retrieval);
    expect(a.ids).toEqual(b.ids);
    expect(a.vectors).toEqual(b.vectors);
    expect(a.ann).toEqual(b.ann);
    const otherApp = await buildApp({ services: oneStep.runtime.services, logger: silentLogger, ranker: other.ranker });
    const { key: otherKey } = oneStep.runtime.services.apiKeys.create('one-step', { actor: 'test', actorRole: 'test' });
    const oneStepMatch = (await otherApp.inject({ method: 'POST', url: '/v1/match', headers: { authorization: `Bearer ${otherKey}` }, payload: QUERY })).json();
    const ranked = (m: { candidates: Array<{ expertId: string; score: number }> }) => m.candidates.map((c) => [c.expertId, c.score]);
    expect(ranked(finalMatch)).toEqual(ranked(oneStepMatch));
    await app.close();
    await otherApp.close();
  });

  it('is not ready while the database cannot write, and says why', async () => {
    const startup = new StartupState({ database: staged.runtime.probeDatabase });
    startup.stage = 'complete';
    const app = await buildApp({ services: staged.runtime.services, logger: silentLogger, readiness: startup.readiness });
    const { db } = staged.runtime;
    const pages = db.$client.pragma('page_count', { simple: true }) as number;
    db.$client.pragma(`max_page_count = ${pages}`);
    try {
      // The probe caches for a few seconds: a fresh one sees the full database at once.
      const full = new StartupState({ database: createWriteProbe(db, staged.config.dbFile, { minFreeBytes: 0 }) });
      full.stage = 'complete';
      const fullApp = await buildApp({ services: staged.runtime.services, logger: silentLogger, readiness: full.readiness });
      const res = await fullApp.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'starting', checks: { database: expect.stringMatching(/^cannot write: .*full/), index: 'ok' } });
      await fullApp.close();
    } finally {
      db.$client.pragma('max_page_count = 4294967294');
    }
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    await app.close();
  });
});

describe('closing during a sync', () => {
  it('stops the sync at its next chunk instead of waiting for every text (a shutdown during the background fill)', async () => {
    const t = createTestRuntime({ demo: true, embedder: new HashingEmbedder(64), referenceYear: 2025 });
    try {
      const { retrieval } = await t.runtime.matching();
      const syncing = retrieval.sync();
      await retrieval.close();
      await expect(syncing).rejects.toThrow(/retrieval closed/);
      expect(retrieval.index.stats().evidence).toBeLessThan(t.runtime.repositories.retrieval.listEvidenceMeta().length);
    } finally {
      await t.cleanup();
    }
  });
});
