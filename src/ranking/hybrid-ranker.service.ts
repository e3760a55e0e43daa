import type { Services } from '../container';
import type { Demand } from '../intake/demand.schema';
import type { Enterprise } from '../intake/enterprise.schema';
import type { Expert } from '../intake/expert.schema';
import { todayInChina } from '../policy/calendar';
import { compileProfile } from '../policy/compile-profile';
import { evaluatePair } from '../policy/evaluate';
import type { Evaluation, PolicyContext } from '../policy/evaluation.types';
import { PolicyContextRepository, type CycleAssignments } from '../policy/policy-context.repository';
import type { PolicyProfile } from '../policy/policy.schema';
import type { Retrieval } from '../retrieval/retrieval.factory';
import type { ExpertScore } from '../retrieval/retrieval-index';
import { badRequest, notFound } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Bm25Params, Bm25Scores } from './bm25.index';
import { EligibilityCache, type EligibilitySnapshot, ExpertStatus } from './eligibility.cache';
import { type AllowSet, type FilteredSearchOptions, searchAllowedExperts } from './filtered-search';
import { type FusionWeights, fuse, roundBreakdown, SHIPPED_WEIGHTS, type Signals } from './fusion';
import type { RankOptions, RankQuery, RankResult, Ranker } from './ranker.port';
import { type ExpertMeta, RankingCorpus, type Tokenizer } from './ranking-corpus';
import { RankingRepository } from './ranking.repository';
import { candidateFlags, toPolicyFlag } from './candidate-flags';
import type { EvidenceRef, ExcludedCandidate, PolicyFlag, RankedCandidate } from './ranking.schema';

export const MAX_TOP = 100;
/** Each retriever (dense, BM25) contributes at least this many candidates to the fused pool. */
export const MIN_POOL_PER_RETRIEVER = 50;
const EXPERT_CACHE_MAX = 5000;
const RECORD_CACHE_MAX = 1000;

export type HybridRankerOptions = {
  weights?: FusionWeights;
  /** 'YYYY-MM-DD' for requests with neither a cycle nor a reference date (default: today in China). */
  today?: () => string;
  search?: FilteredSearchOptions;
  /** Candidates per retriever = max(this, 4 × top). */
  poolPerRetriever?: number;
  bm25?: Bm25Params;
};

export type HybridRankerDeps = {
  services: Services;
  retrieval: Retrieval;
  logger: Logger;
  tokenizer: Tokenizer;
};

/** Everything a request resolved before ranking: the demand, its enterprise, the profile and the context facts. */
type RankContext = {
  demand: Demand;
  stored: boolean;
  enterprise?: Enterprise;
  profile: PolicyProfile;
  ctx: PolicyContext;
  assignments?: CycleAssignments;
  /** Sum of the profile's soft-rule boosts: a pair's priority signal is its boost over this. */
  maxBoost: number;
};

/** A pool member: raw signals (priority still 0) and the dense score with its best evidence. */
export type PoolCandidate = { id: number; meta: ExpertMeta; signals: Signals; dense?: ExpertScore; base: number };
export type CandidatePool = { candidates: PoolCandidate[]; exact: boolean; eligible: number; exhausted: boolean };

type Shortlisted = RankedCandidate & { meta: ExpertMeta; cand: PoolCandidate };

const byScore = (a: { score: number; meta: ExpertMeta }, b: { score: number; meta: ExpertMeta }) =>
  b.score - a.score || (a.meta.externalId < b.meta.externalId ? -1 : a.meta.externalId > b.meta.externalId ? 1 : 0);

const IPC_SUBCLASS = /\b([A-H]\d{2}[A-Z])(?=[\s\d/]|$)/g;

/**
 * POST /v1/match, the batch CLI and cycle runs rank with this. Per request: embed the problem (cached by
 * text hash), BM25 over jieba tokens, dense candidates among the experts that pass the profile's expert-only
 * rules (cached per profile and context, see EligibilityCache; filtered search never drops allowed experts),
 * fuse the signals linearly, then evaluate the pair rules for the best candidates only, in score order, until
 * no later candidate could still enter the shortlist.
 */
export class HybridRanker implements Ranker {
  readonly weights: FusionWeights;
  readonly corpus: RankingCorpus;
  private readonly eligibility: EligibilityCache;
  private readonly ranking: RankingRepository;
  private readonly context: PolicyContextRepository;
  private readonly today: () => string;
  private readonly expertCache = new Map<number, Expert>();
  private expertCacheSeq = -1;
  /** Stored demands and enterprises (with their context facts) by key, dropped whenever any record changes. */
  private readonly demandCache = new Map<string, ReturnType<Services['repos']['demands']['getByExternalId']> & object>();
  private readonly enterpriseCache = new Map<string, { enterprise: Enterprise; hadTechVp: boolean }>();
  private recordsSeq = -1;
  private readonly cycleCache = new Map<string, { seq: number; value: ReturnType<Services['policies']['cycleContext']> }>();

  constructor(private readonly deps: HybridRankerDeps, private readonly options: HybridRankerOptions = {}) {
    this.weights = options.weights ?? SHIPPED_WEIGHTS;
    this.ranking = new RankingRepository(deps.services.db);
    this.context = new PolicyContextRepository(deps.services.db);
    this.corpus = new RankingCorpus(this.ranking, deps.retrieval.index, deps.tokenizer, options.bm25);
    this.eligibility = new EligibilityCache({ experts: deps.services.repos.experts, ranking: this.ranking });
    this.today = options.today ?? (() => todayInChina());
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
    const rc = this.resolveContext(query, opts);
    const snapshot = this.eligibility.get(rc.profile, rc.ctx, this.corpus.changeSeq);
    const qv = await this.deps.retrieval.embedQuery(queryText(rc.demand));
    const bm = this.corpus.lexical.score(this.deps.tokenizer.tokenize(`${rc.demand.title} ${rc.demand.description} ${rc.demand.expectedField}`));
    const named = this.namedIds(rc.demand);

    let perRetriever = Math.max(this.options.poolPerRetriever ?? MIN_POOL_PER_RETRIEVER, 4 * top);
    let final: Shortlisted[] = [];
    const pairExcluded: Array<{ cand: PoolCandidate; ev: Evaluation }> = [];
    let pool: CandidatePool;
    for (;;) {
      pool = this.candidatePool(rc, snapshot, qv, bm, named, perRetriever);
      pairExcluded.length = 0;
      final = this.evaluateInOrder(rc, pool.candidates, top, named, pairExcluded);
      // Pair rules removed so many that the shortlist is short: widen until the allowed set is exhausted.
      if (final.length >= top || pool.exhausted) break;
      perRetriever *= 4;
    }

    let excluded: ExcludedCandidate[] = [];
    if ((opts.excluded ?? 0) > 0) excluded = this.explainExcluded(rc, snapshot, qv, bm, named, pairExcluded, opts.excluded!);

    const evidence = this.describe(final);
    const candidates: RankedCandidate[] = final.map(({ meta: _m, cand: _c, ...c }) => ({ ...c, evidence: evidence.get(c.expertId) ?? [] }));
    return {
      candidates,
      excluded,
      context: {
        policy: { id: rc.profile.id, version: rc.profile.version, name: rc.profile.name },
        cycle: rc.ctx.cycleId ?? null, referenceDate: rc.ctx.referenceDate, demandId: rc.stored ? rc.demand.externalId : null,
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
    const qv = await this.deps.retrieval.embedQuery(queryText(rc.demand));
    const bm = this.corpus.lexical.score(this.deps.tokenizer.tokenize(`${rc.demand.title} ${rc.demand.description} ${rc.demand.expectedField}`));
    const per = perRetriever ?? Math.max(this.options.poolPerRetriever ?? MIN_POOL_PER_RETRIEVER, 4 * opts.top);
    return this.candidatePool(rc, snapshot, qv, bm, this.namedIds(rc.demand), per);
  }

  /**
   * Candidates from both retrievers among the allowed experts, with all signals except priority, sorted by
   * fused score. Exposed for tuning the fusion weights (scripts/eval.ts --tune).
   */
  candidatePool(rc: RankContext, snapshot: EligibilitySnapshot, qv: Float32Array, bm: Bm25Scores, named: Set<number>, perRetriever: number): CandidatePool {
    // Named experts are always in the pool unless excluded outright; the pair-relaxable ones are extra to the allowed set.
    const namedInPool = [...named].filter((id) => snapshot.status(id) !== ExpertStatus.Excluded);
    const allowedNamed = namedInPool.filter((id) => snapshot.status(id) === ExpertStatus.PairRelaxable);
    const allowExtra = new Set(allowedNamed);
    // Unknown experts (a hard rule lacks a fact) are ranked like eligible ones and shown flagged 待核实.
    const allowed = (st: ExpertStatus) => st === ExpertStatus.Eligible || st === ExpertStatus.Unknown;
    const has = (id: number) => this.corpus.meta.has(id) && (allowed(snapshot.status(id)) || allowExtra.has(id));
    const allow: AllowSet = {
      all: snapshot.all,
      has,
      ids: () => (snapshot.all ? this.corpus.meta.keys() : [...snapshot.eligibleIds!, ...allowedNamed]),
      evidence: snapshot.all ? this.deps.retrieval.index.matrix.size : this.evidenceCount(snapshot, allowedNamed),
      share: snapshot.all ? 1 : (snapshot.eligibleCount + allowedNamed.length) / Math.max(1, this.corpus.meta.size),
    };
    const dense = searchAllowedExperts(this.deps.retrieval.index, qv, perRetriever, allow, { topEvidence: 4, ...this.options.search });
    const denseTop = dense.experts.slice(0, perRetriever);
    const lexTop = bm.top(perRetriever, has);
    const denseOf = new Map(denseTop.map((d) => [d.expertId, d]));
    const ids = new Set<number>([...denseOf.keys(), ...lexTop.map((h) => h.key), ...namedInPool]);
    const missing = [...ids].filter((id) => !denseOf.has(id));
    for (const d of this.deps.retrieval.index.scoreExpertsExact(qv, missing, { topEvidence: 4 })) denseOf.set(d.expertId, d);
    const fieldTerms = this.demandTerms(rc.demand);
    const candidates: PoolCandidate[] = [];
    for (const id of ids) {
      const meta = this.corpus.meta.get(id);
      if (!meta) continue;
      const d = denseOf.get(id);
      const signals: Signals = {
        maxEvidence: d?.maxEvidence ?? 0, centroid: d?.centroid ?? 0,
        lexical: bm.max > 0 ? bm.of(id) / bm.max : 0,
        overlap: overlapOf(meta, fieldTerms), strength: meta.strength, priority: 0,
      };
      candidates.push({ id, meta, signals, dense: d, base: fuse(signals, this.weights).score });
    }
    candidates.sort((a, b) => byScore({ score: a.base, meta: a.meta }, { score: b.base, meta: b.meta }));
    const eligible = snapshot.all ? this.corpus.meta.size : snapshot.eligibleCount + allowedNamed.length;
    // Nothing more to find: each retriever returned fewer than asked, or the pool already holds every allowed expert.
    const exhausted = (denseTop.length < perRetriever && lexTop.length < perRetriever) || candidates.length >= eligible;
    return { candidates, exact: dense.exact, eligible, exhausted };
  }

  /** Pair rules in fused-score order; stops once no later candidate could overtake the k-th even with full priority. */
  private evaluateInOrder(rc: RankContext, pool: PoolCandidate[], top: number, named: Set<number>, pairExcluded: Array<{ cand: PoolCandidate; ev: Evaluation }>) {
    const out: Shortlisted[] = [];
    // Without soft rules no candidate can gain from priorities: the walk stops at the k-th base score.
    const maxPriority = rc.maxBoost > 0 ? this.weights.priority : 0;
    const namedAgreed = new Set(rc.demand.namedCandidates.filter((c) => c.agreed && c.expertExternalId).map((c) => c.expertExternalId!));
    const consider = (cand: PoolCandidate, expert: Expert) => {
      const ev = this.evaluate(rc, expert);
      if (ev.status === 'ineligible') { pairExcluded.push({ cand, ev }); return; }
      const signals = { ...cand.signals, priority: rc.maxBoost > 0 ? Math.min(1, ev.priorityBoost / rc.maxBoost) : 0 };
      const { score, breakdown } = roundBreakdown(fuse(signals, this.weights).breakdown);
      out.push({
        meta: cand.meta, cand, expertId: cand.meta.externalId, name: cand.meta.name, institution: cand.meta.institution, region: cand.meta.region,
        score, breakdown, evidence: [], ...candidateFlags(ev),
        namedAgreed: namedAgreed.has(cand.meta.externalId),
      });
    };
    const BATCH = Math.max(16, top + 8);
    const evaluated = new Set<number>();
    const run = (batch: PoolCandidate[]) => {
      // A profile without rules needs no records: everyone passes.
      const records = rc.profile.rules.length === 0 ? new Map(batch.map((c) => [c.id, NO_RECORD])) : this.experts(batch.map((c) => c.id));
      for (const cand of batch) {
        const e = records.get(cand.id);
        evaluated.add(cand.id);
        if (e) consider(cand, e);
      }
    };
    for (let i = 0; i < pool.length;) {
      if (out.length >= top && pool[i].base + maxPriority < out.sort(byScore)[top - 1].score) break;
      // Candidates are taken in batches (one records query each) but never past the stopping point.
      let end = i + 1;
      while (end < pool.length && end - i < BATCH && (out.length + (end - i) < top || pool[end].base + maxPriority >= (out.length >= top ? out.sort(byScore)[top - 1].score : -Infinity))) end++;
      run(pool.slice(i, end));
      i = end;
    }
    // Named and agreed experts are evaluated even when the walk stopped before them (they may be pinned below).
    run(pool.filter((c) => !evaluated.has(c.id) && namedAgreed.has(c.meta.externalId)));
    out.sort(byScore);
    const shortlist = out.slice(0, top);
    // Named and agreed experts who pass the rules are always shown where the profile says they come first
    // (Hubei 73号 四(二): 可优先考虑、直接安排; Wuhan applies it); other profiles rank them like anyone else.
    const missingNamed = !rc.profile.allocation.namedAgreedFirst ? [] : [...named].filter((id) => namedAgreed.has(this.corpus.meta.get(id)?.externalId ?? '') && !shortlist.some((c) => c.meta.id === id));
    for (const id of missingNamed) {
      const c = out.find((x) => x.meta.id === id);
      if (!c) continue;
      const slot = [...shortlist.keys()].reverse().find((k) => !shortlist[k].namedAgreed);
      if (shortlist.length < top) shortlist.push(c);
      else if (slot !== undefined) shortlist[slot] = c;
    }
    return shortlist.sort(byScore);
  }

  /** The best-scoring experts the rules excluded (expert-only or pair rules), with every failing rule and its clause. */
  private explainExcluded(rc: RankContext, snapshot: EligibilitySnapshot, qv: Float32Array, bm: Bm25Scores, named: Set<number>,
    pairExcluded: Array<{ cand: PoolCandidate; ev: Evaluation }>, n: number): ExcludedCandidate[] {
    const found: Array<{ score: number; meta: ExpertMeta; reasons: PolicyFlag[] }> = pairExcluded.map(({ cand, ev }) => ({
      score: cand.base, meta: cand.meta, reasons: failures(ev),
    }));
    // The experts the enterprise named are always explained when they are out, whatever their score.
    const seen = new Set(found.map((f) => f.meta.id));
    const namedOut = [...named].filter((id) => !seen.has(id) && this.corpus.meta.has(id));
    if (namedOut.length) {
      const records = this.experts(namedOut);
      for (const id of namedOut) {
        const e = records.get(id);
        const reasons = e ? failures(this.evaluate(rc, e)) : [];
        if (reasons.length) found.push({ score: 0, meta: this.corpus.meta.get(id)!, reasons });
      }
    }
    if (!snapshot.all && snapshot.excludedIds.length) {
      const out = snapshot.excludedIds.filter((id) => !named.has(id) || snapshot.status(id) === ExpertStatus.Excluded);
      const outSet = new Set(out);
      const allow: AllowSet = { all: false, has: (id) => outSet.has(id), ids: () => out, evidence: this.evidenceCountOf(out), share: out.length / Math.max(1, this.corpus.meta.size) };
      const per = Math.max(2 * n, 20);
      const dense = searchAllowedExperts(this.deps.retrieval.index, qv, per, allow, { topEvidence: 1, ...this.options.search }).experts.slice(0, per);
      const lex = bm.top(per, (id) => outSet.has(id));
      const denseOf = new Map(dense.map((d) => [d.expertId, d]));
      const ids = [...new Set([...denseOf.keys(), ...lex.map((h) => h.key)])];
      for (const d of this.deps.retrieval.index.scoreExpertsExact(qv, ids.filter((id) => !denseOf.has(id)), { topEvidence: 1 })) denseOf.set(d.expertId, d);
      const fieldTerms = this.demandTerms(rc.demand);
      const scored = ids.map((id) => {
        const meta = this.corpus.meta.get(id);
        if (!meta) return undefined;
        const d = denseOf.get(id);
        const signals: Signals = {
          maxEvidence: d?.maxEvidence ?? 0, centroid: d?.centroid ?? 0, lexical: bm.max > 0 ? bm.of(id) / bm.max : 0,
          overlap: overlapOf(meta, fieldTerms), strength: meta.strength, priority: 0,
        };
        return { score: fuse(signals, this.weights).score, meta };
      }).filter((x): x is { score: number; meta: ExpertMeta } => !!x).sort(byScore).slice(0, n);
      const records = this.experts(scored.map((s) => s.meta.id));
      for (const s of scored) {
        const e = records.get(s.meta.id);
        if (!e) continue;
        const reasons = failures(this.evaluate(rc, e));
        if (reasons.length) found.push({ ...s, reasons });
      }
    }
    const isNamed = (f: { meta: ExpertMeta }) => named.has(f.meta.id);
    const namedFirst = found.filter((f) => f.reasons.length > 0 && isNamed(f));
    const others = found.filter((f) => f.reasons.length > 0 && !isNamed(f) && !namedFirst.some((x) => x.meta.id === f.meta.id));
    const explained = [...namedFirst.sort(byScore), ...others.sort(byScore)].filter((f, i, all) => all.findIndex((x) => x.meta.id === f.meta.id) === i);
    return explained.slice(0, Math.max(n, namedFirst.length)).map((f) => ({
      expertId: f.meta.externalId, name: f.meta.name, score: Math.round(f.score * 1e4) / 1e4, reasons: f.reasons,
    }));
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

  /** Brings the corpus up to date, then resolves demand, enterprise, profile and context facts; 404 for an unknown demand, cycle, policy or enterprise. */
  resolveContext(query: RankQuery, opts: Omit<RankOptions, 'top'> & { top?: number; referenceDate?: string }): RankContext {
    const { repos, policies } = this.deps.services;
    let demand: Demand;
    let stored = false;
    // One watermark read per request: the corpus, the record caches and the cycle context all key on it.
    this.corpus.refresh();
    const seq = this.corpus.changeSeq;
    if (seq !== this.recordsSeq) { this.demandCache.clear(); this.enterpriseCache.clear(); this.recordsSeq = seq; }
    if (query.demandId) {
      let found = this.demandCache.get(query.demandId);
      if (!found) {
        found = repos.demands.getByExternalId(query.demandId);
        if (found) this.remember(this.demandCache, query.demandId, found);
      }
      if (!found) throw notFound('需求', query.demandId);
      if (opts.cycleId && opts.cycleId !== found.demand.cycle) {
        throw badRequest('DEMAND_CYCLE_MISMATCH', `需求 ${query.demandId} 属于选派周期 ${found.demand.cycle}，与所给周期不一致`);
      }
      demand = found.demand;
      stored = true;
    } else {
      demand = {
        externalId: 'ad-hoc', enterpriseCreditCode: query.enterpriseCreditCode ?? '', cycle: opts.cycleId ?? '',
        title: query.title, description: query.description ?? '', expectedField: query.expectedField ?? '',
        namedCandidates: (query.namedCandidates ?? []).map((c) => ({ ...c, agreed: c.agreed ?? false })),
        // An ad-hoc problem has answered nothing: a rule on the demand's answers says unknown, never yes.
        keyCommonTech: false, cooperationModes: [],
      };
    }
    const cycleId = opts.cycleId ?? (stored ? demand.cycle : undefined);
    let ctx: PolicyContext;
    let assignments: CycleAssignments | undefined;
    let profile: PolicyProfile;
    if (cycleId) {
      const cc = this.cycleContext(cycleId, opts.referenceDate);
      ctx = { ...cc.ctx };
      assignments = cc.assignments;
      // An explicit policy overrides the cycle's profile; dates and history stay the cycle's.
      profile = opts.policy ? policies.resolve(opts.policy) : cc.profile;
    } else {
      if (!opts.policy) throw badRequest('POLICY_REQUIRED', '需要指定策略配置（policy，不设条件时用 open）或选派周期（cycle）');
      ctx = { referenceDate: opts.referenceDate ?? this.today() };
      profile = policies.resolve(opts.policy);
    }
    let enterprise: Enterprise | undefined;
    if (demand.enterpriseCreditCode) {
      const key = `${demand.enterpriseCreditCode}|${ctx.referenceDate}|${cycleId ?? ''}`;
      let facts = this.enterpriseCache.get(key);
      if (!facts) {
        const e = repos.enterprises.getByCreditCode(demand.enterpriseCreditCode);
        if (!e) throw notFound('企业', demand.enterpriseCreditCode);
        facts = { enterprise: e, hadTechVp: this.context.loadEnterpriseFacts([e.creditCode], { referenceDate: ctx.referenceDate, cycleId }).get(e.creditCode)!.hadTechVp };
        this.remember(this.enterpriseCache, key, facts);
      }
      enterprise = facts.enterprise;
      ctx.enterpriseHadTechVp = facts.hadTechVp;
    }
    const maxBoost = compileProfile(profile).rules.reduce((s, r) => (r.rule.effect === 'soft' ? s + r.rule.boost : s), 0);
    return { demand, stored, enterprise, profile, ctx, assignments, maxBoost };
  }

  private remember<V>(cache: Map<string, V>, key: string, value: V): void {
    if (cache.size >= RECORD_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }

  /** A cycle's shared context, cached until the records change. */
  private cycleContext(cycleId: string, referenceDate?: string) {
    const seq = this.corpus.changeSeq;
    const key = `${cycleId}|${referenceDate ?? ''}|${JSON.stringify(this.deps.services.repos.reference.getCycle(cycleId) ?? null)}`;
    const hit = this.cycleCache.get(key);
    if (hit && hit.seq === seq) return hit.value;
    const value = this.deps.services.policies.cycleContext(cycleId, referenceDate);
    if (this.cycleCache.size > 32) this.cycleCache.clear();
    this.cycleCache.set(key, { seq, value });
    return value;
  }

  private namedIds(demand: Demand): Set<number> {
    const out = new Set<number>();
    for (const c of demand.namedCandidates) {
      const id = c.expertExternalId ? this.corpus.idOf(c.expertExternalId) : undefined;
      if (id !== undefined) out.add(id);
    }
    return out;
  }

  private demandTerms(d: Demand): { field: Set<string>; ipc: Set<string> } {
    const field = new Set<string>();
    if (d.expectedField) {
      field.add(d.expectedField);
      for (const t of this.deps.tokenizer.tokenize(d.expectedField)) field.add(t);
    }
    const ipc = new Set<string>();
    for (const m of `${d.expectedField} ${d.title} ${d.description}`.toUpperCase().matchAll(IPC_SUBCLASS)) ipc.add(m[1]);
    return { field, ipc };
  }

  private evidenceCount(snapshot: EligibilitySnapshot, extra: number[]): number {
    return this.corpus.evidenceTotal(snapshot.key, snapshot.seq, snapshot.eligibleIds ?? []) + this.evidenceCountOf(extra);
  }

  private evidenceCountOf(ids: number[]): number {
    let n = 0;
    for (const id of ids) n += this.corpus.evidenceCountOf(id);
    return n;
  }

  /** Full records for pair rules, from a small cache that is dropped whenever the records change. */
  private experts(ids: number[]): Map<number, Expert> {
    const seq = this.corpus.changeSeq;
    if (seq !== this.expertCacheSeq) { this.expertCache.clear(); this.expertCacheSeq = seq; }
    const out = new Map<number, Expert>();
    const missing: number[] = [];
    for (const id of ids) {
      const e = this.expertCache.get(id);
      if (e) out.set(id, e); else missing.push(id);
    }
    if (missing.length) {
      for (const [id, e] of this.deps.services.repos.experts.getByIds(missing)) {
        out.set(id, e);
        if (this.expertCache.size >= EXPERT_CACHE_MAX) this.expertCache.delete(this.expertCache.keys().next().value!);
        this.expertCache.set(id, e);
      }
    }
    return out;
  }

  /** The 3 projects, patents or papers most similar to the problem, with labels. */
  private describe(list: Shortlisted[]): Map<string, EvidenceRef[]> {
    const out = new Map<string, EvidenceRef[]>();
    const pending = list.map((c) => ({
      ext: c.meta.externalId, hits: (c.cand.dense?.evidence ?? []).filter((h) => h.kind !== 'portrait').slice(0, 3),
    }));
    const rows = this.deps.retrieval.describeEvidence(pending.flatMap((p) => p.hits.map((h) => h.evidenceId)));
    for (const p of pending) {
      out.set(p.ext, p.hits.map((h) => {
        const r = rows.get(h.evidenceId);
        return { kind: h.kind, label: r?.label ?? '', year: r?.year ?? null, similarity: Math.round(h.similarity * 1e4) / 1e4 };
      }));
    }
    return out;
  }
}

const NO_RULES: Evaluation = { eligible: true, status: 'eligible', needsReview: false, missing: [], results: [], priorityBoost: 0, priorities: [] };
const NO_RECORD = {} as Expert;

function failures(ev: Evaluation): PolicyFlag[] {
  return ev.results.filter((r) => r.effect === 'hard' && r.outcome === 'fail').map(toPolicyFlag);
}

/** The text embedded for a demand: its title, then the problem description (the embedder cuts it by tokens). */
export function queryText(d: Pick<Demand, 'title' | 'description' | 'expectedField'>): string {
  return [d.title, d.description, d.expectedField ? `期望领域：${d.expectedField}` : ''].filter(Boolean).join('\n');
}

/**
 * Field overlap: the share of the demand's expected-field terms found among the expert's fields and portrait
 * keywords; IPC overlap: the share of IPC subclasses named in the demand that the expert's patents carry. The
 * better of the two (0 when the demand names neither).
 */
export function overlapOf(meta: ExpertMeta, terms: { field: Set<string>; ipc: Set<string> }): number {
  let field = 0;
  if (terms.field.size) {
    let hit = 0;
    for (const t of terms.field) if (meta.fieldTerms.has(t) || meta.keywords.has(t)) hit++;
    field = hit / terms.field.size;
  }
  let ipc = 0;
  if (terms.ipc.size) {
    let hit = 0;
    for (const c of terms.ipc) if (meta.ipc.has(c)) hit++;
    ipc = hit / terms.ipc.size;
  }
  return Math.max(field, ipc);
}
