import { describe, expect, it } from 'vitest';
import { hashedTextVector } from '../../src/embeddings/hashing-embedder.fake';
import { RetrievalIndex } from '../../src/retrieval/retrieval-index';
import { Bm25Index } from '../../src/ranking/bm25.index';
import { buildCandidatePool, demandTerms, overlapOf, type PoolQuery } from '../../src/ranking/candidate-pool.builder';
import type { AllowSet } from '../../src/ranking/filtered-search';
import { SHIPPED_WEIGHTS } from '../../src/ranking/fusion';
import { meta } from './ranker-parts.fixtures';

const DIM = 64;
const TEXTS: Record<number, string> = {
  1: '锂离子电池热失控预警与阻燃电解液',
  2: '动力电池正极材料包覆改性',
  3: '活性染料无盐低碱染色',
  4: '数控机床热误差补偿',
  5: '固态电解质界面稳定性',
};
const tokenize = (t: string) => [...t].slice(0, -1).map((c, i) => c + t[i + 1]);

function world() {
  const index = new RetrievalIndex('test', DIM);
  const bm25 = new Bm25Index();
  let evidence = 1;
  for (const [id, text] of Object.entries(TEXTS)) {
    index.putEvidence(evidence++, Number(id), 'project', hashedTextVector(text, DIM));
    bm25.upsert(Number(id), tokenize(text));
  }
  const metas = new Map(Object.keys(TEXTS).map((id) => [Number(id), meta(Number(id), { fieldTerms: new Set(Number(id) <= 2 ? ['新能源'] : []) })]));
  return { index, bm25, metas };
}

const allowOnly = (ids: number[]): AllowSet => ({ all: false, has: (id) => ids.includes(id), ids: () => ids, evidence: ids.length, share: ids.length / 5 });
const ALL: AllowSet = { all: true, has: () => true, ids: () => [1, 2, 3, 4, 5], evidence: 5, share: 1 };

function query(text: string, bm25: Bm25Index, expectedField = ''): PoolQuery {
  const tokenizer = { tokenize: (t: string) => [t] };
  return { qv: hashedTextVector(text, DIM), bm: bm25.score(tokenize(text)), terms: demandTerms({ title: text, description: '', expectedField }, tokenizer) };
}

describe('buildCandidatePool (the one pool of the shortlist and the excluded list)', () => {
  it('fuses dense, BM25 and overlap, best first, with each candidate’s raw signals', () => {
    const { index, bm25, metas } = world();
    const pool = buildCandidatePool({ index, meta: metas, weights: SHIPPED_WEIGHTS }, query('电池热失控阻燃', bm25, '新能源'), { allow: ALL, perRetriever: 5, topEvidence: 4 });
    expect(pool.candidates[0].id).toBe(1);
    for (let i = 1; i < pool.candidates.length; i++) expect(pool.candidates[i - 1].base).toBeGreaterThanOrEqual(pool.candidates[i].base);
    expect(pool.candidates[0].signals).toMatchObject({ lexical: 1, overlap: 1, priority: 0 });
    expect(pool.candidates.find((c) => c.id === 3)!.signals.overlap).toBe(0);
    expect(pool.exact).toBe(true);
  });

  it('never returns an expert outside the allow set, and always adds the ones it is told to', () => {
    const { index, bm25, metas } = world();
    const pool = buildCandidatePool({ index, meta: metas, weights: SHIPPED_WEIGHTS }, query('电池热失控阻燃', bm25), {
      allow: allowOnly([3, 4]),
      perRetriever: 1,
      topEvidence: 1,
      always: [5],
    });
    const ids = pool.candidates.map((c) => c.id);
    expect(ids.every((id) => [3, 4, 5].includes(id))).toBe(true);
    expect(ids).toContain(5);
    expect(ids).not.toContain(1);
  });

  it('says the retrievers are exhausted when each returned fewer than asked', () => {
    const { index, bm25, metas } = world();
    const wide = buildCandidatePool({ index, meta: metas, weights: SHIPPED_WEIGHTS }, query('电池', bm25), { allow: allowOnly([1, 2]), perRetriever: 10, topEvidence: 1 });
    expect(wide.retrieversExhausted).toBe(true);
    const narrow = buildCandidatePool({ index, meta: metas, weights: SHIPPED_WEIGHTS }, query('电池', bm25), { allow: ALL, perRetriever: 1, topEvidence: 1 });
    expect(narrow.retrieversExhausted).toBe(false);
  });

  it('measures overlap as the better of field terms and IPC subclasses named in the demand', () => {
    const m = meta(9, { fieldTerms: new Set(['新能源']), ipc: new Set(['H01M']) });
    const tokenizer = { tokenize: (t: string) => [t] };
    expect(overlapOf(m, demandTerms({ title: '电池', description: '涉及 H01M 10/0567 与 C08K', expectedField: '' }, tokenizer))).toBe(0.5);
    expect(overlapOf(m, demandTerms({ title: '电池', description: '', expectedField: '新能源' }, tokenizer))).toBe(1);
    expect(overlapOf(m, demandTerms({ title: '电池', description: '', expectedField: '' }, tokenizer))).toBe(0);
  });
});
