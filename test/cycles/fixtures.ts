import { createHash } from 'node:crypto';
import type { CycleRunService } from '../../src/cycles/cycle-run.service';
import type { DemoData } from '../../src/demo/demo-data.generator';
import type { Expert } from '../../src/intake/expert.schema';
import { evaluatePair } from '../../src/policy/evaluate';
import { failedHardRules, relaxedRules, toPolicyFlag } from '../../src/policy/policy-flags';
import { isNamedAgreed } from '../../src/policy/rules/pair.rules';
import type { RankOptions, RankQuery, RankResult, Ranker } from '../../src/ranking/ranker.port';
import type { ExcludedCandidate, PolicyFlag, RankedCandidate } from '../../src/ranking/ranking.schema';
import type { Runtime } from '../../src/runtime';
import { createTestRuntime, silentLogger, smallDemoData } from '../helpers/test-runtime';

export { silentLogger };

/** Small deterministic demo data (30 enterprises, 34 demands, 80 experts, every planted edge case). */
export const demoData = (): DemoData => smallDemoData();

/** A temp database seeded with the demo data, and its runtime (called `services` here: what the tests use of it). */
export function createSeededWorld(): { services: Runtime; dir: string; cleanup: () => Promise<void> } {
  const t = createTestRuntime({ demo: true });
  return { services: t.runtime, dir: t.dir, cleanup: t.cleanup };
}

/** A stable pseudo-random score in [0.2, 0.9) per pair, so runs are reproducible without a model. */
export function pairScore(demandId: string, expertId: string): number {
  const u = parseInt(createHash('sha256').update(`${demandId}|${expertId}`).digest('hex').slice(0, 8), 16) / 2 ** 32;
  return Math.round((0.2 + 0.7 * u) * 10_000) / 10_000;
}

export type FakeRankerOptions = {
  /** Throws ("simulated crash") on every call after this many successful ones. */
  failAfter?: number;
  /** Extra candidates reported as eligible whatever the policy says (to test the re-check). */
  inject?: (demandId: string) => Array<{ expertId: string; score: number }>;
  score?: (demandId: string, expertId: string) => number;
};

/**
 * A Ranker over the stored records without a model: every expert is checked with the real policy for the
 * pair, eligible ones get pairScore (+0.2 when named and agreed), best first.
 */
export class FakeRanker implements Ranker {
  readonly calls: string[] = [];
  private experts?: Expert[];

  constructor(
    private readonly runtime: Runtime,
    private readonly opts: FakeRankerOptions = {},
  ) {}

  async rank(query: RankQuery, opts: RankOptions): Promise<RankResult> {
    if (this.opts.failAfter !== undefined && this.calls.length >= this.opts.failAfter) throw new Error('simulated crash');
    this.calls.push(query.demandId!);
    const repos = this.runtime.repositories;
    const { policies } = this.runtime.services;
    this.experts ??= [...repos.experts.iterate()].map((r) => r.expert);
    const demand = repos.demands.getByExternalId(query.demandId!)!.demand;
    const enterprise = repos.enterprises.getByCreditCode(demand.enterpriseCreditCode)!;
    const cc = policies.cycleContext(opts.cycleId!);
    const profile = opts.policy ? policies.resolve(opts.policy) : cc.profile;
    const hadTechVp = repos.policyContext
      .loadEnterpriseFacts([enterprise.creditCode], { referenceDate: cc.ctx.referenceDate, cycleId: opts.cycleId })
      .get(enterprise.creditCode)!.hadTechVp;
    const score = this.opts.score ?? pairScore;

    const candidates: RankedCandidate[] = [];
    const excluded: ExcludedCandidate[] = [];
    for (const x of this.experts) {
      const ev = evaluatePair(profile, x, enterprise, demand, {
        ...cc.ctx,
        enterpriseHadTechVp: hadTechVp,
        assignedEnterprisesOfExpert: cc.assignments.byExpert.get(x.externalId) ?? [],
        assignedExpertsOfEnterprise: cc.assignments.byEnterprise.get(enterprise.creditCode) ?? [],
      });
      const named = isNamedAgreed(demand, x);
      const s = Math.round((score(demand.externalId, x.externalId) + (named ? 0.2 : 0)) * 10_000) / 10_000;
      if (ev.eligible) candidates.push(this.candidate(x, s, named, relaxedRules(ev).map(toPolicyFlag), ev.priorities.map(toPolicyFlag)));
      else excluded.push({ expertId: x.externalId, name: x.name, score: s, reasons: failedHardRules(ev).map(toPolicyFlag) });
    }
    for (const extra of this.opts.inject?.(demand.externalId) ?? []) {
      const x = this.experts.find((e) => e.externalId === extra.expertId)!;
      candidates.push(this.candidate(x, extra.score, false, [], []));
    }
    const best = (a: { score: number; expertId: string }, b: { score: number; expertId: string }) => b.score - a.score || (a.expertId < b.expertId ? -1 : 1);
    candidates.sort(best);
    excluded.sort(best);
    return {
      candidates: candidates.slice(0, opts.top),
      excluded: excluded.slice(0, opts.excluded ?? 0),
      stats: { pool: this.experts.length, eligible: candidates.length, scored: this.experts.length, exact: true, ms: 0 },
    };
  }

  private candidate(x: Expert, score: number, namedAgreed: boolean, flags: PolicyFlag[], priorities: PolicyFlag[]): RankedCandidate {
    return {
      expertId: x.externalId,
      name: x.name,
      institution: x.institution.name,
      region: x.region,
      score,
      breakdown: { semantic: score, lexical: 0, overlap: 0, strength: 0, priority: namedAgreed ? 1 : 0 },
      evidence: [],
      flags,
      priorities,
      namedAgreed,
    };
  }
}

export function createRunService(runtime: Runtime, ranker: Ranker, extra: { chunkSize?: number; concurrency?: number } = {}): CycleRunService {
  return runtime.createCycleRunService({
    ranker,
    syncRetrieval: async () => undefined,
    logger: silentLogger,
    rankerId: 'fake-ranker',
    clock: { now: () => new Date('2026-07-01T08:00:00.000Z') },
    ...extra,
  });
}
