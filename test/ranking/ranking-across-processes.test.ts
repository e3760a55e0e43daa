import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { DEMO_CYCLE_ID, DEMO_REFERENCE_DATE } from '../../src/demo/demo-data.generator';
import type { HybridRanker } from '../../src/ranking/hybrid-ranker.service';
import type { RankResult } from '../../src/ranking/ranker.port';
import { createRuntime, type Runtime } from '../../src/runtime';
import { createMatchTestApp, HashingEmbedder, type MatchTestApp } from '../match/match-test-app';
import { silentLogger } from '../helpers/test-runtime';

// WORKERS > 1 runs several server processes over one database (src/http/server-cluster.adapter.ts). Two
// runtimes over the same DATA_DIR stand for two of them here: each has its own caches and index, and both must
// answer every request as one process would, also after a record changed and after one of them synced.
let a: MatchTestApp;
let b: Runtime;
let bRanker: HybridRanker;
beforeAll(async () => {
  a = await createMatchTestApp({ embedder: new HashingEmbedder(), experts: 40, enterprises: 25 });
  b = createRuntime(loadConfig({ DATA_DIR: a.dir, LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
    embedder: new HashingEmbedder(),
    referenceYear: 2026,
    ranking: { today: () => DEMO_REFERENCE_DATE },
  });
  const m = await b.matching();
  await m.retrieval.sync();
  bRanker = m.ranker;
}, 120_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const APPROVE = { by: { actor: 'test-admin', actorRole: 'admin' }, approve: true };
const TITLES = ['超导量子比特低温读出电路与微波封装', '印染废水深度处理与回用', '锂电池正极材料热失控预警', '数控机床主轴热误差补偿'];
const withoutTiming = (r: RankResult) => ({ ...r, stats: { ...r.stats, ms: 0 } });
async function bothAnswer(opts: { cycleId?: string; policy?: string }) {
  for (const title of TITLES) {
    const q = { title, description: '', expectedField: '', namedCandidates: [] };
    const o = { top: 8, excluded: 3, ...opts };
    const [x, y] = [await a.ranker.rank(q, o), await bRanker.rank(q, o)];
    expect(withoutTiming(y)).toEqual(withoutTiming(x));
  }
}

describe('ranking in several processes over one database', () => {
  it('gives the same answers in every process, after a record change and after another process synced', async () => {
    await bothAnswer({ cycleId: DEMO_CYCLE_ID });
    await bothAnswer({ policy: 'open' });

    // A record changes (through process a): b's corpus, eligibility and record caches follow the change log.
    const expert = a.demo.experts.find((e) => (e.projects?.length ?? 0) > 0)!;
    expect(a.services.intake.saveExpert({ ...expert, institution: { name: '某咨询公司', type: 'other' } }, APPROVE).ok).toBe(true);
    await bothAnswer({ cycleId: DEMO_CYCLE_ID });

    // New evidence synced by process a only: b syncs before its next ranking, and ranks over the same index.
    const newcomer = {
      ...expert,
      externalId: 'new-quantum-1',
      name: '量子新人',
      projects: [{ ...expert.projects![0], title: TITLES[0], abstract: '研究超导量子比特的低温读出电路和微波封装技术。', keywords: ['超导量子比特'] }],
      patents: [],
      papers: [],
    };
    expect(a.services.intake.saveExpert(newcomer, APPROVE).ok).toBe(true);
    await a.retrieval.sync();
    const found = await a.ranker.rank({ title: TITLES[0], description: '', expectedField: '', namedCandidates: [] }, { top: 8, policy: 'open' });
    expect(found.candidates.map((c) => c.expertId)).toContain('new-quantum-1');
    await bothAnswer({ policy: 'open' });
    await bothAnswer({ cycleId: DEMO_CYCLE_ID });
  });
});
