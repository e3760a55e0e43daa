// The rankers of the cycle benchmark (see cycle.bench.ts): a synthetic-vector ranker over the stored records
// with the real policy, or the real retrieval + hybrid ranker with hashed vectors instead of the model.
import type { CycleRunRepository } from '../../src/cycles/cycle-run.repository';
import type { CycleRunService, SyncProgressEvent } from '../../src/cycles/cycle-run.service';
import { silentProgress } from '../../src/cycles/progress.port';
import { evaluateEnterprise, evaluateExpert, evaluatePair } from '../../src/policy/evaluate';
import type { Demand, Enterprise, Evaluation, Expert, ExpertEvaluation, PolicyContext } from '../../src/policy/evaluation.types';
import type { PolicyProfile } from '../../src/policy/policy.schema';
import { failedHardRules, relaxedRules, toPolicyFlag } from '../../src/policy/policy-flags';
import { isNamedAgreed } from '../../src/policy/rules/pair.rules';
import type { RankOptions, RankQuery, RankResult, Ranker } from '../../src/ranking/ranker.port';
import type { ExcludedCandidate, RankedCandidate } from '../../src/ranking/ranking.schema';
import type { Runtime } from '../../src/runtime';
import type { Logger } from '../../src/shared/logger';
import { hashedTextVector } from '../../src/embeddings/hashing-embedder.fake';

const DIM = 256;
/** Best-scoring experts examined per demand before the full sorted list is walked. */
const SHORTLIST = 400;

function expertText(x: Expert): string {
  return [
    x.fields.join(' '),
    ...x.projects.map((p) => `${p.title} ${p.keywords.join(' ')} ${p.abstract}`),
    ...x.patents.map((p) => `${p.title} ${p.abstract}`),
    ...x.papers.map((p) => `${p.title} ${p.keywords.join(' ')}`),
  ].join(' ');
}

type ExpertEntry = { expert: Expert; hash: string; index: number };

/**
 * One hashed vector per expert, scanned exactly per demand, candidates walked best-first through the real policy.
 * `sync` recomputes only the experts whose content hash changed, like the real retrieval sync.
 */
class SyntheticVectorRanker implements Ranker {
  private readonly entries = new Map<string, ExpertEntry>();
  private ids: string[] = [];
  private matrix = new Float32Array(0);
  private context?: {
    key: string;
    profile: PolicyProfile;
    ctx: PolicyContext;
    hadTechVp: Map<string, boolean>;
    demands: Map<string, Demand>;
    enterprises: Map<string, Enterprise>;
  };
  private readonly expertEvals = new Map<string, ExpertEvaluation>();
  private readonly enterpriseEvals = new Map<string, Evaluation>();

  private readonly runs: CycleRunRepository;

  constructor(private readonly runtime: Runtime) {
    this.runs = runtime.repositories.runs;
  }

  async sync(cycleId: string, onProgress: (p: SyncProgressEvent) => void): Promise<{ changed: number }> {
    const current = this.runs.fingerprint(cycleId).experts;
    const stale = current.filter(([id, hash]) => this.entries.get(id)?.hash !== hash);
    const internal = this.runs.expertIdsByExternalId(stale.map(([id]) => id));
    const hashOf = new Map(stale);
    for (let i = 0; i < stale.length; i += 500) {
      const page = stale.slice(i, i + 500).map(([id]) => internal.get(id)!);
      for (const x of this.runtime.repositories.experts.getByIds(page).values()) {
        this.entries.set(x.externalId, { expert: x, hash: hashOf.get(x.externalId)!, index: -1 });
        this.expertEvals.delete(x.externalId);
      }
      onProgress({ stage: 'vectors', done: Math.min(i + 500, stale.length), total: stale.length });
    }
    const live = new Set(current.map(([id]) => id));
    for (const id of [...this.entries.keys()]) if (!live.has(id)) this.entries.delete(id);
    // Vectors are cheap; the matrix is re-packed (ids sorted) so scans stay contiguous.
    this.ids = [...this.entries.keys()].sort();
    const old = this.matrix;
    const oldIndex = new Map([...this.entries].map(([id, e]) => [id, e.index]));
    this.matrix = new Float32Array(this.ids.length * DIM);
    this.ids.forEach((id, i) => {
      const e = this.entries.get(id)!;
      const prev = oldIndex.get(id)!;
      if (prev >= 0 && !hashOf.has(id)) this.matrix.set(old.subarray(prev * DIM, (prev + 1) * DIM), i * DIM);
      else this.matrix.set(hashedTextVector(expertText(e.expert), DIM), i * DIM);
      e.index = i;
    });
    this.context = undefined;
    this.enterpriseEvals.clear();
    return { changed: stale.length };
  }

  async rank(query: RankQuery, opts: RankOptions): Promise<RankResult> {
    const started = performance.now();
    const c = this.loadContext(opts);
    const demand = c.demands.get(query.demandId!)!;
    const enterprise = c.enterprises.get(demand.enterpriseCreditCode)!;
    let enterpriseEval = this.enterpriseEvals.get(enterprise.creditCode);
    if (!enterpriseEval) {
      enterpriseEval = evaluateEnterprise(c.profile, enterprise, { ...c.ctx, enterpriseHadTechVp: c.hadTechVp.get(enterprise.creditCode) ?? false });
      this.enterpriseEvals.set(enterprise.creditCode, enterpriseEval);
    }
    const q = hashedTextVector(`${query.title} ${query.description} ${query.expectedField}`, DIM);
    const n = this.ids.length;
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = i * DIM;
      for (let k = 0; k < DIM; k++) s += this.matrix[base + k] * q[k];
      scores[i] = s;
    }
    const order = topIndices(scores, Math.min(n, SHORTLIST));
    const candidates: RankedCandidate[] = [];
    const excluded: ExcludedCandidate[] = [];
    const walk = (list: Iterable<number>, seen?: Set<number>) => {
      for (const i of list) {
        if (candidates.length >= opts.top) return;
        if (seen?.has(i)) continue;
        const x = this.entries.get(this.ids[i])!.expert;
        let ex = this.expertEvals.get(x.externalId);
        if (!ex) {
          ex = evaluateExpert(c.profile, x, c.ctx);
          this.expertEvals.set(x.externalId, ex);
        }
        if (!ex.eligible && !ex.pairRelaxable) {
          if (excluded.length < (opts.excluded ?? 0)) excluded.push(this.excludedOf(x, scores[i], ex));
          continue;
        }
        const ctx = { ...c.ctx, enterpriseHadTechVp: c.hadTechVp.get(enterprise.creditCode) ?? false };
        const ev = evaluatePair(c.profile, x, enterprise, demand, ctx, { expert: ex, enterprise: enterpriseEval });
        if (!ev.eligible) {
          if (excluded.length < (opts.excluded ?? 0)) excluded.push(this.excludedOf(x, scores[i], ev));
          continue;
        }
        const score = Math.round(scores[i] * 1e6) / 1e6;
        candidates.push({
          expertId: x.externalId,
          name: x.name,
          institution: x.institution.name,
          region: x.region,
          score,
          breakdown: { semantic: score, lexical: 0, overlap: 0, strength: 0, priority: 0 },
          evidence: [],
          flags: relaxedRules(ev).map(toPolicyFlag),
          priorities: ev.priorities.map(toPolicyFlag),
          namedAgreed: isNamedAgreed(demand, x),
        });
      }
    };
    walk(order);
    if (candidates.length < opts.top && order.length < n) walk(topIndices(scores, n), new Set(order));
    return { candidates, excluded, stats: { pool: n, eligible: candidates.length, scored: n, exact: true, ms: performance.now() - started } };
  }

  private excludedOf(x: Expert, score: number, ev: Evaluation): ExcludedCandidate {
    return { expertId: x.externalId, name: x.name, score, reasons: failedHardRules(ev).map(toPolicyFlag) };
  }

  private loadContext(opts: RankOptions) {
    const key = `${opts.cycleId}|${opts.policy}`;
    if (this.context?.key === key) return this.context;
    const { policies } = this.runtime.services;
    const repos = this.runtime.repositories;
    const cc = policies.cycleContext(opts.cycleId!);
    const stored = repos.demands.listByCycle(opts.cycleId!);
    const enterprises = new Map([...repos.enterprises.getByIds([...new Set(stored.map((d) => d.enterpriseId))]).values()].map((e) => [e.creditCode, e]));
    const facts = repos.policyContext.loadEnterpriseFacts([...enterprises.keys()], { referenceDate: cc.ctx.referenceDate, cycleId: opts.cycleId });
    this.context = {
      key,
      profile: opts.policy ? policies.resolve(opts.policy) : cc.profile,
      ctx: cc.ctx,
      hadTechVp: new Map([...facts].map(([k, f]) => [k, f.hadTechVp])),
      demands: new Map(stored.map((d) => [d.demand.externalId, d.demand])),
      enterprises,
    };
    this.expertEvals.clear();
    return this.context;
  }
}

/** Indices of the k largest scores, best first (ties: smaller index first), via a size-k min-heap. */
function topIndices(scores: Float32Array, k: number): number[] {
  const heap: number[] = [];
  // "a ranks below b": lower score, or equal score and larger index.
  const below = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!below(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && below(heap[l], heap[m])) m = l;
      if (r < heap.length && below(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (k > 0 && below(heap[0], i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
}

export type BenchCycleRun = {
  service: CycleRunService;
  description: { ranker: string; sync: string };
  close(): Promise<void>;
};

/** The embedder the runtime of a real-ranker bench is built with (createRuntime's `embedder` override). */
export const BENCH_EMBEDDER_DIM = DIM;

export async function createBenchCycleRun(runtime: Runtime, opts: { logger: Logger; realRanker: boolean; cycleId: string }): Promise<BenchCycleRun> {
  if (opts.realRanker) {
    const matching = await runtime.matching();
    const service = matching.cycleRuns({ progress: silentProgress, logger: opts.logger });
    return {
      service,
      description: {
        ranker: `real hybrid ranker (dense HNSW/exact + BM25 + signals + policy) over hashed char-bigram vectors dim ${DIM} instead of the model`,
        sync: 'real retrieval sync: stale portraits, evidence vectors (hashed) and HNSW index update',
      },
      close: async () => undefined,
    };
  }
  const ranker = new SyntheticVectorRanker(runtime);
  const service = runtime.createCycleRunService({
    ranker,
    syncRetrieval: (onProgress) => ranker.sync(opts.cycleId, onProgress),
    progress: silentProgress,
    logger: opts.logger,
    rankerId: `synthetic-hashed-${DIM}`,
  });
  return {
    service,
    description: {
      ranker: `synthetic: one hashed char-bigram vector (dim ${DIM}) per expert, exact scan per demand, best-first through the real policy (top 20)`,
      sync: 'synthetic: expert records reloaded and vectors recomputed only for changed content hashes',
    },
    close: async () => undefined,
  };
}
