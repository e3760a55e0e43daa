import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import type { RankResult } from '../../src/ranking/ranker.port';
import { createMatchTestApp, HashingEmbedder, type MatchTestApp } from '../match/match-test-app';

// Cycle runs rank several demands at once. BM25 scores live in shared scratch buffers until the next query is
// scored, so the ranker must use them before it awaits anything: concurrent answers equal sequential ones.
let t: MatchTestApp;
beforeAll(async () => {
  t = await createMatchTestApp({ embedder: new HashingEmbedder(), experts: 60, enterprises: 25 });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const withoutTiming = (r: RankResult) => ({ ...r, stats: { ...r.stats, ms: 0 } });

describe('HybridRanker under concurrent requests', () => {
  it('answers each of eight concurrent requests exactly as it answers them one by one', async () => {
    const demands = t.demo.demands.filter((d) => d.cycle === DEMO_CYCLE_ID).slice(0, 8);
    const rank = (id: string) => t.ranker.rank({ demandId: id, title: '', description: '', expectedField: '', namedCandidates: [] }, { top: 10, excluded: 5 });
    const sequential = [];
    for (const d of demands) sequential.push(withoutTiming(await rank(d.externalId)));
    const concurrent = (await Promise.all(demands.map((d) => rank(d.externalId)))).map(withoutTiming);
    expect(concurrent).toEqual(sequential);
    expect(sequential.some((r) => r.candidates.length > 0)).toBe(true);
  });
});
