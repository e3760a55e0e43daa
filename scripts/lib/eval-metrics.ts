/** Ranking quality with one relevant item per query: recall@1, recall@10, MRR@10 and nDCG@10. */
export type Metrics = { recall1: number; recall10: number; mrr10: number; ndcg10: number; queries: number };

/** Accumulates the 1-based rank of the relevant item per query (0 or > 10: not in the top 10). */
export class MetricsAccumulator {
  private n = 0;
  private r1 = 0;
  private r10 = 0;
  private mrr = 0;
  private ndcg = 0;

  add(rank: number): void {
    this.n++;
    if (rank < 1 || rank > 10) return;
    if (rank === 1) this.r1++;
    this.r10++;
    this.mrr += 1 / rank;
    // One relevant item: the ideal DCG is 1, so nDCG@10 = 1 / log2(rank + 1).
    this.ndcg += 1 / Math.log2(rank + 1);
  }

  result(): Metrics {
    const n = Math.max(1, this.n);
    const r4 = (x: number) => Math.round((x / n) * 1e4) / 1e4;
    return { recall1: r4(this.r1), recall10: r4(this.r10), mrr10: r4(this.mrr), ndcg10: r4(this.ndcg), queries: this.n };
  }
}

/**
 * Reciprocal-rank fusion (Cormack et al. 2009, k = 60) of ranked lists of ids: Σ 1 / (k + rank) over the lists
 * an id appears in; higher first, ties by id.
 */
export function fuseReciprocalRanks(lists: string[][], k = 60): string[] {
  const score = new Map<string, number>();
  for (const list of lists) list.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (k + i + 1)));
  return [...score].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id]) => id);
}
