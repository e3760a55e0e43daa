import type { Expert } from '../intake/expert.schema';
import type { Evaluation } from '../policy/evaluation.types';
import { failedHardRules, toPolicyFlag } from '../policy/policy-flags';
import type { StoredEvidence } from '../portraits/portrait.repository';
import type { DemandMatch } from './demand-core';
import { type BuiltPool, byScore, type PoolRequest } from './candidate-pool.builder';
import { ExpertStatus, type EligibilitySnapshot } from './eligibility.cache';
import type { ExpertMeta } from './ranking-corpus';
import type { EvidenceRef, ExcludedCandidate, PolicyFlag } from './ranking.schema';
import type { PairExcluded, Shortlisted } from './shortlist.walker';

export type ExcludedInput = {
  snapshot: EligibilitySnapshot;
  named: ReadonlySet<number>;
  /** Pool members the pair rules excluded during the walk. */
  pairExcluded: PairExcluded[];
  n: number;
  /** Experts in the whole corpus (for the allow set's share). */
  corpusSize: number;
};

export type ExcludedDeps = {
  /** The ranker's candidate pool over another allow set (the experts the expert-only rules excluded). */
  pool: (req: PoolRequest) => BuiltPool;
  evidenceCountOf: (ids: number[]) => number;
  records: (ids: number[]) => Map<number, Expert>;
  evaluate: (expert: Expert) => Evaluation;
  /** The corpus entry of an internal id (named experts the pools did not reach). */
  metaOf: (id: number) => ExpertMeta | undefined;
};

/** Every failing hard rule of a verdict, with its clause. */
export const failures = (ev: Evaluation): PolicyFlag[] => failedHardRules(ev).map(toPolicyFlag);

/**
 * The best-scoring experts the rules excluded, by fused score: those the pair rules excluded during the walk
 * and the best of those the expert-only rules excluded (named candidates that passed those count as allowed),
 * each with every failing rule and its clause. The experts the enterprise named come first whenever they are
 * out, whatever their score (the list grows past `n` for them).
 */
export function explainExcluded(input: ExcludedInput, deps: ExcludedDeps): ExcludedCandidate[] {
  const { snapshot, named, n } = input;
  const found: Array<{ score: number; meta: ExpertMeta; reasons: PolicyFlag[] }> = input.pairExcluded.map(({ cand, ev }) => ({
    score: cand.base,
    meta: cand.meta,
    reasons: failures(ev),
  }));
  // The experts the enterprise named are always explained when they are out, whatever their score.
  const seen = new Set(found.map((f) => f.meta.id));
  const namedOut = [...named].filter((id) => !seen.has(id) && deps.metaOf(id) !== undefined);
  if (namedOut.length) {
    const records = deps.records(namedOut);
    for (const id of namedOut) {
      const e = records.get(id);
      const reasons = e ? failures(deps.evaluate(e)) : [];
      if (reasons.length) found.push({ score: 0, meta: deps.metaOf(id)!, reasons });
    }
  }
  if (!snapshot.all && snapshot.excludedIds.length) {
    const out = snapshot.excludedIds.filter((id) => !named.has(id) || snapshot.status(id) === ExpertStatus.Excluded);
    const outSet = new Set(out);
    const per = Math.max(2 * n, 20);
    const pool = deps.pool({
      allow: { all: false, has: (id) => outSet.has(id), ids: () => out, evidence: deps.evidenceCountOf(out), share: out.length / Math.max(1, input.corpusSize) },
      perRetriever: per,
      topEvidence: 1,
    });
    const scored = pool.candidates.slice(0, n);
    const records = deps.records(scored.map((s) => s.meta.id));
    for (const s of scored) {
      const e = records.get(s.meta.id);
      if (!e) continue;
      const reasons = failures(deps.evaluate(e));
      if (reasons.length) found.push({ score: s.base, meta: s.meta, reasons });
    }
  }
  const isNamed = (f: { meta: ExpertMeta }) => named.has(f.meta.id);
  const namedFirst = found.filter((f) => f.reasons.length > 0 && isNamed(f));
  const others = found.filter((f) => f.reasons.length > 0 && !isNamed(f) && !namedFirst.some((x) => x.meta.id === f.meta.id));
  const explained = [...namedFirst.sort(byScore), ...others.sort(byScore)].filter((f, i, all) => all.findIndex((x) => x.meta.id === f.meta.id) === i);
  return explained.slice(0, Math.max(n, namedFirst.length)).map((f) => ({
    expertId: f.meta.externalId,
    name: f.meta.name,
    score: Math.round(f.score * 1e4) / 1e4,
    reasons: f.reasons,
  }));
}

/**
 * The 3 projects, patents or papers most similar to the problem of each shortlisted expert, with labels and,
 * given `locate`, the part of the demand (title, problem, target, field) each one matched.
 */
export function describeEvidence(
  list: Shortlisted[],
  describe: (ids: number[]) => Map<number, StoredEvidence>,
  locate?: (evidenceText: string) => DemandMatch | undefined,
): Map<string, EvidenceRef[]> {
  const out = new Map<string, EvidenceRef[]>();
  const pending = list.map((c) => ({
    ext: c.meta.externalId,
    hits: (c.cand.dense?.evidence ?? []).filter((h) => h.kind !== 'portrait').slice(0, 3),
  }));
  const rows = describe(pending.flatMap((p) => p.hits.map((h) => h.evidenceId)));
  for (const p of pending) {
    out.set(
      p.ext,
      p.hits.map((h) => {
        const r = rows.get(h.evidenceId);
        const ref: EvidenceRef = { kind: h.kind, label: r?.label ?? '', year: r?.year ?? null, similarity: Math.round(h.similarity * 1e4) / 1e4 };
        const matched = locate && r ? locate(r.text) : undefined;
        return matched ? { ...ref, matched } : ref;
      }),
    );
  }
  return out;
}
