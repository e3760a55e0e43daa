import type { Expert } from '../intake/expert.schema';
import type { Evaluation } from '../policy/evaluation.types';
import { failedHardRules, toPolicyFlag } from '../policy/policy-flags';
import type { StoredEvidence } from '../portraits/portrait.repository';
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
};

/** Every failing hard rule of a verdict, with its clause. */
export const failures = (ev: Evaluation): PolicyFlag[] => failedHardRules(ev).map(toPolicyFlag);

/**
 * The best-scoring experts the rules excluded, by fused score: those the pair rules excluded during the walk
 * and the best of those the expert-only rules excluded (named candidates that passed those count as allowed),
 * each with every failing rule and its clause.
 */
export function explainExcluded(input: ExcludedInput, deps: ExcludedDeps): ExcludedCandidate[] {
  const { snapshot, named, n } = input;
  const found: Array<{ score: number; meta: ExpertMeta; reasons: PolicyFlag[] }> = input.pairExcluded.map(({ cand, ev }) => ({
    score: cand.base,
    meta: cand.meta,
    reasons: failures(ev),
  }));
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
  return found
    .filter((f) => f.reasons.length > 0)
    .sort(byScore)
    .slice(0, n)
    .map((f) => ({
      expertId: f.meta.externalId,
      name: f.meta.name,
      score: Math.round(f.score * 1e4) / 1e4,
      reasons: f.reasons,
    }));
}

/** The 3 projects, patents or papers most similar to the problem of each shortlisted expert, with labels. */
export function describeEvidence(list: Shortlisted[], describe: (ids: number[]) => Map<number, StoredEvidence>): Map<string, EvidenceRef[]> {
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
        return { kind: h.kind, label: r?.label ?? '', year: r?.year ?? null, similarity: Math.round(h.similarity * 1e4) / 1e4 };
      }),
    );
  }
  return out;
}
