import type { ScoreBreakdown } from './ranking.schema';

/**
 * Raw signals of one candidate for one demand, each on a fixed scale that does not depend on which other
 * experts are in the candidate pool (so a score means the same whatever the policy filtered away).
 */
export type Signals = {
  /** Best cosine similarity over the expert's evidence vectors (portrait, projects, patents, papers). */
  maxEvidence: number;
  /** Cosine similarity with the normalised mean of the expert's project/patent/paper vectors (0 when none). */
  centroid: number;
  /** BM25 over jieba tokens divided by the best BM25 score of the query over all experts: 0..1. */
  lexical: number;
  /** Research field / IPC overlap with the demand: 0..1. */
  overlap: number;
  /** Granted invention patents, project levels, recent activity: 0..1. */
  strength: number;
  /** Soft policy priorities that hold for this pair, as a share of all the profile's priority boosts: 0..1. */
  priority: number;
};

/** Weights of a linear fusion: score = Σ weight × signal. `denseBest` weighs max(maxEvidence, centroid). */
export type FusionWeights = {
  denseBest: number;
  maxEvidence: number;
  centroid: number;
  lexical: number;
  overlap: number;
  strength: number;
  priority: number;
};

const ZERO: FusionWeights = { denseBest: 0, maxEvidence: 0, centroid: 0, lexical: 0, overlap: 0, strength: 0, priority: 0 };

/** Dense retrieval alone, as RetrievalIndex scores experts (best of max-over-evidence and centroid). */
export const DENSE_ONLY: FusionWeights = { ...ZERO, denseBest: 1 };
/** BM25 alone. */
export const BM25_ONLY: FusionWeights = { ...ZERO, lexical: 1 };

/**
 * The shipped fusion, tuned by grid search on recall@10 (MRR@10 breaking ties) over the DEV split of the NSFC
 * expert-finding task: 1,000 held-out titles, disjoint from the 2,000 reported TEST titles, open profile,
 * candidate pools of the shipped ranker (`npm run eval -- --data … --tune`). On DEV: dense alone 0.279, BM25
 * (words + bigrams) alone 0.294, this fusion 0.320 (best of the grid; the flat region around it, e.g. 0.75 ×
 * max(maxEvidence, centroid) + 0.25 × lexical, scores 0.315–0.319). Strength tuned to 0 there: NSFC experts
 * have projects only, and a prior on their number did not help. The NSFC records carry no fields or IPC classes,
 * so `overlap` could not be tuned: it gets a modest weight for the demo's expected fields. `priority` is policy,
 * not relevance: the full set of a profile's priorities is worth a 0.1 gap in score.
 * TEST (2,000 titles, seed 1, recall@10 / MRR@10): BM25 0.275 / 0.167, dense 0.250 / 0.148, this fusion
 * 0.302 / 0.183 — against 0.279 for the reciprocal-rank fusion of BM25 and dense max-over-projects measured before.
 */
export const SHIPPED_WEIGHTS: FusionWeights = {
  denseBest: 0,
  maxEvidence: 0.675,
  centroid: 0.075,
  lexical: 0.25,
  overlap: 0.1,
  strength: 0,
  priority: 0.1,
};

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The fused score and its breakdown into the five parts the API shows; the parts add up to the score. */
export function fuse(s: Signals, w: FusionWeights): { score: number; breakdown: ScoreBreakdown } {
  const semantic = w.denseBest * Math.max(s.maxEvidence, s.centroid) + w.maxEvidence * s.maxEvidence + w.centroid * s.centroid;
  const breakdown = {
    semantic,
    lexical: w.lexical * s.lexical,
    overlap: w.overlap * s.overlap,
    strength: w.strength * s.strength,
    priority: w.priority * s.priority,
  };
  return { score: breakdown.semantic + breakdown.lexical + breakdown.overlap + breakdown.strength + breakdown.priority, breakdown };
}

/** Rounded for the response, with the score recomputed from the rounded parts so they still add up exactly. */
export function roundBreakdown(b: ScoreBreakdown): { score: number; breakdown: ScoreBreakdown } {
  const r = { semantic: round4(b.semantic), lexical: round4(b.lexical), overlap: round4(b.overlap), strength: round4(b.strength), priority: round4(b.priority) };
  return { score: round4(r.semantic + r.lexical + r.overlap + r.strength + r.priority), breakdown: r };
}

/** The most the priority part can add: candidates below the k-th score by more than this cannot enter. */
export const maxPriorityContribution = (w: FusionWeights) => w.priority;
