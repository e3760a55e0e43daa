import { describe, expect, it } from 'vitest';
import type { StoredEvidence } from '../../src/portraits/portrait.repository';
import { ExpertStatus, type EligibilitySnapshot } from '../../src/ranking/eligibility.cache';
import { describeEvidence, explainExcluded } from '../../src/ranking/match.explainer';
import type { Shortlisted } from '../../src/ranking/shortlist.walker';
import { expert, fail, pass, pool } from './ranker-parts.fixtures';

const snapshot = (excluded: number[], statuses: Record<number, number> = {}): EligibilitySnapshot => ({
  key: 'k',
  all: false,
  seq: 1,
  builtMs: 0,
  eligibleCount: 0,
  eligibleIds: [],
  excludedIds: excluded,
  status: (id) => (statuses[id] ?? ExpertStatus.Excluded) as ExpertStatus,
});

describe('explainExcluded', () => {
  it('merges pair-rule and expert-rule exclusions by fused score, each with its failing rules and clauses', () => {
    const walked = pool([0.8, 0.6]);
    const outside = pool([0.9, 0.7, 0.5]).map((c) => ({ ...c, id: c.id + 10, meta: { ...c.meta, id: c.id + 10, externalId: `X${c.id}` } }));
    const requests: number[] = [];
    const got = explainExcluded(
      { snapshot: snapshot([11, 12, 13]), named: new Set(), pairExcluded: walked.map((cand) => ({ cand, ev: fail('PAIR_CONFLICT_OF_INTEREST') })), n: 3, corpusSize: 100 },
      {
        pool: (req) => {
          requests.push(req.perRetriever);
          return { candidates: outside.filter((c) => req.allow.has(c.id)), exact: true, retrieversExhausted: true };
        },
        evidenceCountOf: (ids) => ids.length,
        records: (ids) => new Map(ids.map((id) => [id, expert(id)])),
        evaluate: (e) => (e.externalId === 'E012' ? pass() : fail()),
      },
    );
    // The best three of 0.9 (X1), 0.8 (E001), 0.6 (E002), 0.5 (X3); X2 passes the pair rules, so it is not "excluded".
    expect(got.map((g) => [g.expertId, g.score])).toEqual([
      ['X1', 0.9],
      ['E001', 0.8],
      ['E002', 0.6],
    ]);
    expect(got[1].reasons[0]).toMatchObject({ code: 'PAIR_CONFLICT_OF_INTEREST', clause: { document: '测试文件', article: '一' } });
    expect(requests).toEqual([20]);
  });

  it('leaves named candidates whom only a demand-relaxable rule kept out to the shortlist', () => {
    let allowed: number[] = [];
    explainExcluded(
      { snapshot: snapshot([11, 12], { 12: ExpertStatus.PairRelaxable }), named: new Set([12]), pairExcluded: [], n: 5, corpusSize: 10 },
      {
        pool: (req) => {
          allowed = [...req.allow.ids()];
          return { candidates: [], exact: true, retrieversExhausted: true };
        },
        evidenceCountOf: () => 0,
        records: () => new Map(),
        evaluate: () => fail(),
      },
    );
    expect(allowed).toEqual([11]);
  });
});

describe('describeEvidence', () => {
  it('labels the three most similar non-portrait items of each shortlisted expert', () => {
    const [cand] = pool([0.9]);
    cand.dense = {
      expertId: 1,
      score: 0.9,
      maxEvidence: 0.9,
      centroid: null,
      evidence: [
        { evidenceId: 1, expertId: 1, kind: 'portrait', similarity: 0.95 },
        { evidenceId: 2, expertId: 1, kind: 'project', similarity: 0.912345 },
        { evidenceId: 3, expertId: 1, kind: 'patent', similarity: 0.8 },
        { evidenceId: 4, expertId: 1, kind: 'paper', similarity: 0.7 },
        { evidenceId: 5, expertId: 1, kind: 'paper', similarity: 0.6 },
      ],
    };
    const rows = new Map([
      [2, { label: '项目甲', year: 2024 }],
      [3, { label: '专利乙', year: null }],
      [4, { label: '论文丙', year: 2021 }],
    ]) as unknown as Map<number, StoredEvidence>;
    const asked: number[][] = [];
    const out = describeEvidence([{ meta: cand.meta, cand } as Shortlisted], (ids) => {
      asked.push(ids);
      return rows;
    });
    expect(asked).toEqual([[2, 3, 4]]);
    expect(out.get('E001')).toEqual([
      { kind: 'project', label: '项目甲', year: 2024, similarity: 0.9123 },
      { kind: 'patent', label: '专利乙', year: null, similarity: 0.8 },
      { kind: 'paper', label: '论文丙', year: 2021, similarity: 0.7 },
    ]);
  });
});
