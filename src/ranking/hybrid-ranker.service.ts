import type { DemandRepository } from '../intake/demand.repository';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { Expert } from '../intake/expert.schema';
import type { ReferenceRepository } from '../intake/reference.repository';
import { todayInChina } from '../policy/calendar';
import { evaluatePair } from '../policy/evaluate';
import type { Evaluation, PolicyContext } from '../policy/evaluation.types';
import { agreedExpertIds } from '../policy/policy-flags';
import type { PolicyContextRepository } from '../policy/policy-context.repository';
import type { PolicyService } from '../policy/policy.service';
import type { RetrievalService } from '../retrieval/retrieval.service';
import type { Bm25Params } from './bm25.index';
import {
  buildCandidatePool,
  type BuiltPool,
  demandTerms,
  fullLexicalText,
  fullQueryText,
  lexicalQueryText,
  type PoolCandidate,
  type PoolQuery,
  type PoolRequest,
  queryText,
} from './candidate-pool.builder';
import { EligibilityCache, type EligibilitySnapshot, ExpertStatus } from './eligibility.cache';
import type { AllowSet, FilteredSearchOptions } from './filtered-search';
import { type FusionWeights, SHIPPED_WEIGHTS } from './fusion';
import { extractDemandCore, locateInDemand } from './demand-core';
import { describeEvidence, explainExcluded } from './match.explainer';
import { type RankContext, RankContextResolver, type ResolveOptions } from './rank-context.resolver';
import type { RankOptions, RankQuery, RankResult, Ranker } from './ranker.port';
import { RankingCorpus, type Tokenizer } from './ranking-corpus';
import type { RankingRepository } from './ranking.repository';
import type { ExcludedCandidate, RankedCandidate } from './ranking.schema';
import { RecordCache } from './record.cache';
import { type PairExcluded, type Shortlisted, walkShortlist } from './shortlist.walker';

export { overlapOf, queryText, type PoolCandidate } from './candidate-pool.builder';
export type { RankContext } from './rank-context.resolver';

export const MAX_TOP = 100;
/** Each retriever (dense, BM25) contributes at least this many candidates to the fused pool. */
export const MIN_POOL_PER_RETRIEVER = 50;

export type HybridRankerOptions = {
  weights?: FusionWeights;
  /** 'YYYY-MM-DD' for requests with neither a cycle nor a reference date (default: today in China). */
  today?: () => string;
  search?: FilteredSearchOptions;
  /** Candidates per retriever = max(this, 4 × top). */
  poolPerRetriever?: number;
  bm25?: Bm25Params;
  /**
   * Embed and match the demand's whole text instead of its technical core (scripts/boilerplate-check.ts
   * measures what the core changes; production never sets it).
   */
  fullText?: boolean;
};

/** The narrow ports the ranker reads through (built once by src/runtime.ts). */
export type HybridRankerDeps = {
  ranking: Pick<RankingRepository, 'changeSeq' | 'expertsChangedSince' | 'expertMeta' | 'evidenceTexts' | 'evidenceSignatures' | 'iterateEvidenceTexts'>;
  experts: Pick<ExpertRepository, 'getByIds' | 'iterate'>;
  demands: Pick<DemandRepository, 'getByExternalId'>;
  enterprises: Pick<EnterpriseRepository, 'getByCreditCode'>;
  reference: Pick<ReferenceRepository, 'getCycle'>;
  policies: Pick<PolicyService, 'resolve' | 'cycleContext'>;
  policyContext: Pick<PolicyContextRepository, 'loadEnterpriseFacts'>;
  retrieval: Pick<RetrievalService, 'index' | 'embedQuery' | 'describeEvidence' | 'catchUp'>;
  tokenizer: Tokenizer;
};

/** The fused pool of a query before pair rules, and whether widening it could still find more. */
export type CandidatePool = { candidates: PoolCandidate[]; exact: boolean; eligible: number; exhausted: boolean };

const NO_RULES: Evaluation = { eligible: true, status: 'eligible', needsReview: false, missing: [], results: [], priorityBoost: 0, priorities: [] };

/**
 * POST /v1/match, the batch CLI and cycle runs rank with this. Per request: resolve the context
 * (RankContextResolver), embed the problem (cached by text hash), BM25 over jieba tokens, dense candidates
 * among the experts that pass the profile's expert-only rules (EligibilityCache; filtered search never drops
 * allowed experts), fuse the signals linearly (buildCandidatePool), evaluate the pair rules for the best
 * candidates only, in score order, until no later candidate could still enter the shortlist (walkShortlist),
 * then explain the shortlist and the best excluded experts (match.explainer).
 */
export class HybridRanker implements Ranker {
  readonly weights: FusionWeights;
  readonly corpus: RankingCorpus;
  private readonly eligibility: EligibilityCache;
  private readonly records = new RecordCache();
  private readonly context: RankContextResolver;

  constructor(
    private readonly deps: HybridRankerDeps,
    private readonly options: HybridRankerOptions = {},
  ) {
    this.weights = options.weights ?? SHIPPED_WEIGHTS;
    this.corpus = new RankingCorpus(deps.ranking, deps.retrieval.index, deps.tokenizer, options.bm25);
    this.eligibility = new EligibilityCache({ experts: deps.experts, ranking: deps.ranking });
    this.context = new RankContextResolver({
      demands: deps.demands,
      enterprises: deps.enterprises,
      reference: deps.reference,
      policies: deps.policies,
      policyContext: deps.policyContext,
      records: this.records,
      today: options.today ?? (() => todayInChina()),
    });
  }

  /**
   * Loads the corpus and the eligibility of a cycle's profile ahead of the first request (start-up), so that
   * request does not pay for it.
   */
  warm(opts: { cycleId?: string; policy?: string } = {}): { ms: number } {
    const started = performance.now();
    if (!opts.cycleId && !opts.policy) this.corpus.refresh();
    else {
      const rc = this.resolveContext({ title: 'warm', description: '', expectedField: '', namedCandidates: [] }, { ...opts, top: 1 });
      this.eligibility.get(rc.profile, rc.ctx, this.corpus.changeSeq);
    }
    return { ms: Math.round(performance.now() - started) };
  }

  async rank(query: RankQuery, opts: RankOptions): Promise<RankResult> {
    const started = performance.now();
    const top = Math.max(1, Math.min(MAX_TOP, Math.floor(opts.top)));
    // Another server process may have synced newer evidence: rank over the same index it does.
    await this.deps.retrieval.catchUp();
    const rc = this.resolveContext(query, opts);
    const snapshot = this.eligibility.get(rc.profile, rc.ctx, this.corpus.changeSeq);
    // BM25 scores live in shared scratch buffers until the next score() call: no await between scoring and use.
    const qv = await this.deps.retrieval.embedQuery(this.options.fullText ? fullQueryText(rc.demand) : queryText(rc.demand));
    const pq = this.poolQuery(rc, qv);
    const named = this.namedIds(rc);
    const namedAgreed = new Set(agreedExpertIds(rc.demand));

    let perRetriever = Math.max(this.options.poolPerRetriever ?? MIN_POOL_PER_RETRIEVER, 4 * top);
    let pool: CandidatePool;
    let walk: { shortlist: Shortlisted[]; pairExcluded: PairExcluded[] };
    for (;;) {
      pool = this.shortlistPool(snapshot, pq, named, perRetriever);
      walk = walkShortlist(
        {
          pool: pool.candidates,
          top,
          named,
          namedAgreed,
          namedAgreedFirst: !!rc.profile.allocation.namedAgreedFirst,
          noRules: rc.profile.rules.length === 0,
          maxBoost: rc.maxBoost,
          weights: this.weights,
        },
        { records: (ids) => this.expertRecords(ids), evaluate: (e) => this.evaluate(rc, e), externalIdOf: (id) => this.corpus.meta.get(id)?.externalId },
      );
      // Pair rules removed so many that the shortlist is short: widen until the allowed set is exhausted.
      if (walk.shortlist.length >= top || pool.exhausted) break;
      perRetriever *= 4;
    }

    let excluded: ExcludedCandidate[] = [];
    if ((opts.excluded ?? 0) > 0) {
      excluded = explainExcluded(
        { snapshot, named, pairExcluded: walk.pairExcluded, n: opts.excluded!, corpusSize: this.corpus.meta.size },
        {
          pool: (req) => this.pool(pq, req),
          evidenceCountOf: (ids) => this.evidenceCountOf(ids),
          records: (ids) => this.expertRecords(ids),
          evaluate: (e) => this.evaluate(rc, e),
          metaOf: (id) => this.corpus.meta.get(id),
        },
      );
    }

    const locate = locateInDemand(extractDemandCore(rc.demand), (text) => this.deps.tokenizer.tokenize(text));
    const evidence = describeEvidence(walk.shortlist, (ids) => this.deps.retrieval.describeEvidence(ids), locate);
    const candidates: RankedCandidate[] = walk.shortlist.map(({ meta: _m, cand: _c, ...c }) => ({ ...c, evidence: evidence.get(c.expertId) ?? [] }));
    return {
      candidates,
      excluded,
      context: {
        policy: { id: rc.profile.id, version: rc.profile.version, name: rc.profile.name },
        cycle: rc.ctx.cycleId ?? null,
        referenceDate: rc.ctx.referenceDate,
        demandId: rc.stored ? rc.demand.externalId : null,
      },
      stats: {
        pool: this.deps.retrieval.index.stats().experts,
        eligible: snapshot.all ? this.corpus.meta.size : snapshot.eligibleCount,
        scored: pool.candidates.length,
        exact: pool.exact,
        ms: Math.round((performance.now() - started) * 100) / 100,
      },
    };
  }

  /** The fused candidate pool of a query before pair rules (tuning and diagnostics). */
  async poolFor(query: RankQuery, opts: RankOptions, perRetriever?: number): Promise<CandidatePool> {
    const rc = this.resolveContext(query, opts);
    const snapshot = this.eligibility.get(rc.profile, rc.ctx, this.corpus.changeSeq);
    // BM25 scores live in shared scratch buffers until the next score() call: no await between scoring and use.
    const qv = await this.deps.retrieval.embedQuery(this.options.fullText ? fullQueryText(rc.demand) : queryText(rc.demand));
    const pq = this.poolQuery(rc, qv);
    const per = perRetriever ?? Math.max(this.options.poolPerRetriever ?? MIN_POOL_PER_RETRIEVER, 4 * opts.top);
    return this.shortlistPool(snapshot, pq, this.namedIds(rc), per);
  }

  /** Brings the corpus and the record cache up to date (one watermark read per request), then resolves the request. */
  resolveContext(query: RankQuery, opts: ResolveOptions): RankContext {
    this.corpus.refresh();
    this.records.track(this.corpus.changeSeq);
    return this.context.resolve(query, opts);
  }

  private poolQuery(rc: RankContext, qv: Float32Array): PoolQuery {
    const text = this.options.fullText ? fullLexicalText(rc.demand) : lexicalQueryText(rc.demand);
    const bm = this.corpus.lexical.score(this.deps.tokenizer.tokenize(text));
    return { qv, bm, terms: demandTerms(rc.demand, this.deps.tokenizer) };
  }

  private pool(pq: PoolQuery, req: PoolRequest): BuiltPool {
    return buildCandidatePool({ index: this.deps.retrieval.index, meta: this.corpus.meta, weights: this.weights, search: this.options.search }, pq, req);
  }

  /** The pool among the experts the expert-only rules allow, plus named candidates they did not exclude. */
  private shortlistPool(snapshot: EligibilitySnapshot, pq: PoolQuery, named: ReadonlySet<number>, perRetriever: number): CandidatePool {
    // Named experts are always in the pool unless excluded outright; the pair-relaxable ones are extra to the allowed set.
    const namedInPool = [...named].filter((id) => snapshot.status(id) !== ExpertStatus.Excluded);
    const allowedNamed = namedInPool.filter((id) => snapshot.status(id) === ExpertStatus.PairRelaxable);
    const allowExtra = new Set(allowedNamed);
    // Unknown experts (a hard rule lacks a fact) are ranked like eligible ones and shown flagged 待核实.
    const allowed = (st: ExpertStatus) => st === ExpertStatus.Eligible || st === ExpertStatus.Unknown;
    // The index also holds experts not (or no longer) approved: then "everyone" means the corpus, not the index.
    const all = snapshot.all && this.deps.retrieval.index.stats().experts <= this.corpus.meta.size;
    const allow: AllowSet = {
      all,
      has: (id) => this.corpus.meta.has(id) && (allowed(snapshot.status(id)) || allowExtra.has(id)),
      ids: () => (snapshot.all ? this.corpus.meta.keys() : [...snapshot.eligibleIds!, ...allowedNamed]),
      evidence: snapshot.all
        ? this.deps.retrieval.index.matrix.size
        : this.corpus.evidenceTotal(snapshot.key, snapshot.seq, snapshot.eligibleIds ?? []) + this.evidenceCountOf(allowedNamed),
      share: snapshot.all ? 1 : (snapshot.eligibleCount + allowedNamed.length) / Math.max(1, this.corpus.meta.size),
    };
    const built = this.pool(pq, { allow, perRetriever, topEvidence: 4, always: namedInPool });
    const eligible = snapshot.all ? this.corpus.meta.size : snapshot.eligibleCount + allowedNamed.length;
    // Nothing more to find: each retriever returned fewer than asked, or the pool already holds every allowed expert.
    const exhausted = built.retrieversExhausted || built.candidates.length >= eligible;
    return { candidates: built.candidates, exact: built.exact, eligible, exhausted };
  }

  private evaluate(rc: RankContext, expert: Expert): Evaluation {
    if (rc.profile.rules.length === 0) return NO_RULES;
    const ctx: PolicyContext = { ...rc.ctx };
    if (rc.assignments) {
      ctx.assignedEnterprisesOfExpert = rc.assignments.byExpert.get(expert.externalId) ?? [];
      if (rc.enterprise) ctx.assignedExpertsOfEnterprise = rc.assignments.byEnterprise.get(rc.enterprise.creditCode) ?? [];
    }
    return evaluatePair(rc.profile, expert, rc.enterprise!, rc.demand, ctx);
  }

  private namedIds(rc: RankContext): Set<number> {
    const out = new Set<number>();
    for (const c of rc.demand.namedCandidates) {
      const id = c.expertExternalId ? this.corpus.idOf(c.expertExternalId) : undefined;
      if (id !== undefined) out.add(id);
    }
    return out;
  }

  private evidenceCountOf(ids: number[]): number {
    let n = 0;
    for (const id of ids) n += this.corpus.evidenceCountOf(id);
    return n;
  }

  /** Full records for the pair rules, through the record cache. */
  private expertRecords(ids: number[]): Map<number, Expert> {
    return this.records.expertsByIds(ids, (missing) => this.deps.experts.getByIds(missing));
  }
}
