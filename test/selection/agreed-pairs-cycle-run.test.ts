import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import type { SelectionParty } from '../../src/selection/selection.types';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Agreed pairs of two-way selection enter a real cycle run (real SQLite, retrieval index and ranker over the
// hashing embedder) as fixed pairs, re-checked against every hard rule.

let t: TestApp;
const clock = '2026-07-01T08:00:00.000Z';
const actor = { actor: 'test', actorRole: 'test' };

beforeAll(async () => {
  t = await createTestApp({ matching: { embedder: new HashingEmbedder() }, now: () => clock });
}, 120_000);
afterAll(() => t?.cleanup());

const enterpriseParty = (key: string, regionCode: string): SelectionParty => ({ side: 'enterprise', key, displayName: key, regionCode, actor });
const expertParty = (key: string): SelectionParty => ({ side: 'expert', key, displayName: key, regionCode: '', actor });

describe('agreed pairs in the cycle run', () => {
  it('assigns an agreed pair as fixed, and reports a pair that breaks a hard rule while its demand stays in the pool', async () => {
    const sel = t.services.selection;
    const approved = t.demo!.demands.filter((d) => d.requestsVicePresident !== false && t.repos.demands.getByExternalId(d.externalId)!.review === 'approved');
    // The agreed pair: the third candidate of a demand's shortlist (the solver alone might have chosen another).
    let agreedDemand: string | undefined;
    let agreedExpert: string | undefined;
    for (const d of approved) {
      const stored = t.repos.demands.getByExternalId(d.externalId)!;
      const party = enterpriseParty(d.enterpriseCreditCode, stored.region);
      const list = await sel.shortlist(party, d.externalId);
      if (list.candidates.length < 3) continue;
      const expertId = list.candidates[2].expertId;
      await sel.expressInterest(party, { demandId: d.externalId, expertId });
      const talk = await sel.expressInterest(expertParty(expertId), { demandId: d.externalId });
      sel.choose(party, talk.id);
      expect(sel.confirm(expertParty(expertId), talk.id).state).toBe('agreed');
      agreedDemand = d.externalId;
      agreedExpert = expertId;
      break;
    }
    expect(agreedDemand).toBeDefined();

    // A second agreement whose expert fails a hard rule (facts changed after the agreement): written directly.
    const other = approved.find((d) => d.externalId !== agreedDemand && d.enterpriseCreditCode !== t.repos.demands.getByExternalId(agreedDemand!)!.demand.enterpriseCreditCode)!;
    const bad = t.demo!.experts.map((e) => e.externalId).find((id) => t.services.policies.checkEligibility({ demandId: other.externalId, expertId: id }).status === 'ineligible')!;
    const otherStored = t.repos.demands.getByExternalId(other.externalId)!;
    t.repos.selection.insert({
      cycleId: otherStored.demand.cycle,
      demandId: otherStored.id,
      expertId: t.repos.experts.findIdByExternalId(bad)!,
      initiatedBy: 'enterprise',
      state: 'agreed',
      enterpriseInterestedAt: clock,
      expertInterestedAt: clock,
      chosenAt: clock,
      confirmedAt: clock,
      createdAt: clock,
      updatedAt: clock,
    });

    const cycleId = otherStored.demand.cycle;
    const run = await (await t.runtime.matching()).cycleRuns({}).execute({ cycleId });
    const fixed = run.summary.fixedPairs!;
    expect(fixed.find((f) => f.demandId === agreedDemand)).toMatchObject({ expertId: agreedExpert, status: 'fixed' });
    const refused = fixed.find((f) => f.demandId === other.externalId)!;
    expect(refused.status).toBe('refused');
    expect(refused.rules.length).toBeGreaterThan(0);
    expect(refused.rules[0].clause?.document).toBeTruthy();

    const assigned = new Map(run.summary.assignments.map((a) => [a.demandId, a.expertId]));
    expect(assigned.get(agreedDemand!)).toBe(agreedExpert);
    // The refused pair's demand stays in the pool: never given the ineligible expert, still planned like any other.
    expect(assigned.get(other.externalId)).not.toBe(bad);
    const proposal = run.plan.proposals.find((p) => p.demandId === other.externalId)!;
    expect(proposal.excluded.map((x) => x.expertId)).toContain(bad);
    expect(proposal.expertId !== null || proposal.unfilled !== null).toBe(true);

    // The agreements are part of the input: unchanged, the same hash (a dry run of the same input).
    const again = await (await t.runtime.matching()).cycleRuns({}).execute({ cycleId, dryRun: true });
    expect(again.inputHash).toBe(run.inputHash);
  }, 240_000);
});
