import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { createMatchTestApp, HashingEmbedder, type MatchTestApp } from '../match/match-test-app';

// The ranker follows the database without a restart: new experts after the next retrieval sync, changed
// eligibility as soon as the record changes (the change-log watermark moves).
let t: MatchTestApp;
beforeAll(async () => {
  t = await createMatchTestApp({ embedder: new HashingEmbedder(), experts: 40, enterprises: 25 });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// Imported by an administrator with --approve: only approved experts are candidates.
const APPROVE = { by: { actor: 'test-admin', actorRole: 'admin' }, approve: true };
const TITLE = '超导量子比特低温读出电路与微波封装';
const rank = (opts: { cycleId?: string; policy?: string; excluded?: number } = { policy: 'open' }) =>
  t.ranker.rank({ title: TITLE, description: '', expectedField: '', namedCandidates: [] }, { top: 5, ...opts });

describe('ranking freshness', () => {
  it('finds an expert imported after start-up once the retrieval sync has run, and drops them when they become ineligible', async () => {
    const template = t.demo.experts.find((e) => e.institution.type === 'university' && (e.projects?.length ?? 0) > 0)!;
    const newcomer = {
      ...template,
      externalId: 'new-quantum-1',
      name: '量子新人',
      title: '正高级' as const,
      degree: '博士' as const,
      workStartYear: 2005,
      workStartDate: '2005-07-01',
      birthDate: '1982-03-01',
      projects: [
        {
          title: TITLE,
          abstract: '研究超导量子比特的低温读出电路和微波封装技术。',
          keywords: ['超导量子比特', '微波封装'],
          level: 'national' as const,
          role: 'leader' as const,
          startYear: 2023,
          endYear: 2026,
        },
      ],
      patents: [],
      papers: [],
      serviceHistory: [],
      cooperations: [],
      badRecords: [],
    };
    expect(t.services.intake.saveExpert(newcomer, APPROVE).ok).toBe(true);
    // Recorded but not yet given a portrait and vectors: not matchable yet, and nothing breaks.
    expect((await rank()).candidates.map((c) => c.expertId)).not.toContain('new-quantum-1');
    await t.retrieval.sync();
    const found = await rank({ cycleId: DEMO_CYCLE_ID });
    expect(found.candidates[0].expertId).toBe('new-quantum-1');
    expect(found.candidates[0].breakdown.lexical).toBeGreaterThan(0);

    // Now the expert's institution is not one the Wenzhou profile accepts: excluded at once, and explained.
    expect(t.services.intake.saveExpert({ ...newcomer, institution: { name: '某咨询公司', type: 'other' } }, APPROVE).ok).toBe(true);
    const after = await rank({ cycleId: DEMO_CYCLE_ID, excluded: 5 });
    expect(after.candidates.map((c) => c.expertId)).not.toContain('new-quantum-1');
    expect(after.excluded.find((e) => e.expertId === 'new-quantum-1')?.reasons[0].code).toBe('EXPERT_INSTITUTION_NOT_ALLOWED');
  });
});
