import type { Expert } from '../../src/intake/expert.schema';
import type { Evaluation } from '../../src/policy/evaluation.types';
import type { PoolCandidate } from '../../src/ranking/candidate-pool.builder';
import type { FusionWeights } from '../../src/ranking/fusion';
import type { ExpertMeta } from '../../src/ranking/ranking-corpus';

/** Fusion that is just max-over-evidence: a candidate's fused score is its `maxEvidence` signal. */
export const PLAIN: FusionWeights = { denseBest: 0, maxEvidence: 1, centroid: 0, lexical: 0, overlap: 0, strength: 0, priority: 0.1 };

export function meta(id: number, over: Partial<ExpertMeta> = {}): ExpertMeta {
  return {
    id,
    externalId: `E${String(id).padStart(3, '0')}`,
    name: `专家${id}`,
    region: '330302',
    institution: '温州大学',
    fieldTerms: new Set(),
    keywords: new Map(),
    ipc: new Set(),
    strength: 0,
    ...over,
  };
}

/** Pool members with the given fused scores, best first (as the pool builder returns them). */
export function pool(bases: number[]): PoolCandidate[] {
  return bases.map((base, i) => ({
    id: i + 1,
    meta: meta(i + 1),
    base,
    dense: undefined,
    signals: { maxEvidence: base, centroid: 0, lexical: 0, overlap: 0, strength: 0, priority: 0 },
  }));
}

export const expert = (id: number) => ({ externalId: `E${String(id).padStart(3, '0')}` }) as Expert;

export const pass = (boost = 0): Evaluation => ({ eligible: true, needsReview: false, results: [], priorityBoost: boost, priorities: [] });

export const fail = (code = 'EXPERT_TOO_OLD'): Evaluation => ({
  eligible: false,
  needsReview: false,
  priorityBoost: 0,
  priorities: [],
  results: [{ ruleId: 'r-age', kind: 'expert.maxAge', effect: 'hard', outcome: 'fail', code: code as never, message: '年龄超限', clause: { document: '测试文件', article: '一' } }],
});
