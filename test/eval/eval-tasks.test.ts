import { describe, expect, it } from 'vitest';
import { buildCslTask, type CslPaper, groupCslPapers } from '../../scripts/lib/csl-task';
import { fuseReciprocalRanks, MetricsAccumulator } from '../../scripts/lib/eval-metrics';

const paper = (n: number, discipline: string, keywords: string[]): CslPaper => ({ id: `csl_${n}`, title: `论文${n}`, abstract: `摘要${n}`, keywords, discipline });

describe('CSL pseudo-expert task', () => {
  const papers = [
    paper(1, '材料', ['锂电池', '隔膜']),
    paper(2, '材料', ['锂电池']),
    paper(3, '材料', ['锂电池', '电解液']),
    paper(4, '材料', ['隔膜']),
    paper(5, '化工', ['锂电池']),
    paper(6, '材料', ['陶瓷']),
    paper(7, '化工', ['催化']),
  ];

  it('groups papers by the (discipline, keyword) pair with most unassigned papers, then leftovers by discipline', () => {
    const { topical, distractors } = groupCslPapers(papers);
    // 材料/锂电池 takes 1, 2, 3 first; 材料/隔膜 then has only paper 4 left, so no second group.
    expect(topical.map((g) => g.map((p) => p.id))).toEqual([['csl_1', 'csl_2', 'csl_3']]);
    expect(distractors.map((g) => g.map((p) => p.id))).toEqual([
      ['csl_5', 'csl_7'],
      ['csl_4', 'csl_6'],
    ]);
  });

  it('holds the highest-id paper of each group out as the query of that group', () => {
    const task = buildCslTask(papers);
    expect(task.queries).toEqual([{ expertId: 'csl-t0001', title: '论文3' }]);
    const relevant = task.experts.find((e) => e.externalId === 'csl-t0001')!;
    expect(relevant.papers!.map((p) => p.title)).toEqual(['论文1', '论文2']);
    expect(task.experts).toHaveLength(3);
  });
});

describe('metrics', () => {
  it('computes recall, MRR and nDCG from ranks of the one relevant item', () => {
    const m = new MetricsAccumulator();
    for (const r of [1, 3, 0, 11]) m.add(r);
    const out = m.result();
    expect(out).toMatchObject({ recall1: 0.25, recall10: 0.5, queries: 4 });
    expect(out.mrr10).toBeCloseTo((1 + 1 / 3) / 4, 4);
    expect(out.ndcg10).toBeCloseTo((1 + 1 / Math.log2(4)) / 4, 4);
  });

  it('fuses ranked lists by reciprocal rank, ties by id', () => {
    expect(
      fuseReciprocalRanks([
        ['a', 'b', 'c'],
        ['b', 'a', 'd'],
      ]),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(fuseReciprocalRanks([['x'], ['b', 'x']])).toEqual(['x', 'b']);
  });
});
