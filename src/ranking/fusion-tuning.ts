import { type FusionWeights, fuse, type Signals } from './fusion';
import type { HybridRanker } from './hybrid-ranker.service';
import type { RankQuery } from './ranker.port';

export type TuningItem = { query: RankQuery; relevant: string };
export type TuningResult = { weights: FusionWeights; recall10: number; mrr10: number; poolRecall: number; queries: number };

type Row = { signals: Signals[]; ids: string[]; relevant: number };

function metrics(rows: Row[], w: FusionWeights): { recall10: number; mrr10: number } {
  let r10 = 0;
  let mrr = 0;
  for (const row of rows) {
    if (row.relevant < 0) continue;
    const target = fuse(row.signals[row.relevant], w).score;
    const tid = row.ids[row.relevant];
    let rank = 1;
    for (let i = 0; i < row.signals.length && rank <= 10; i++) {
      if (i === row.relevant) continue;
      const s = fuse(row.signals[i], w).score;
      // Same tie-break as the ranker: higher score first, then external id.
      if (s > target || (s === target && row.ids[i] < tid)) rank++;
    }
    if (rank <= 10) {
      r10++;
      mrr += 1 / rank;
    }
  }
  return { recall10: r10 / rows.length, mrr10: mrr / rows.length };
}

const grid = (from: number, to: number, step: number) => {
  const out: number[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(Math.round(x * 1000) / 1000);
  return out;
};

/**
 * Grid search of the fusion weights on DEV queries, through the ranker's own candidate pool (same retrievers,
 * same signals, same pool size): the dense share is split between max-over-evidence, centroid and their max;
 * lexical and strength take the rest. Overlap and priority are left as given (the open profile and records
 * without fields cannot inform them). Returns the best weights by recall@10, MRR@10 breaking ties.
 */
export async function tuneFusion(ranker: HybridRanker, items: TuningItem[], opts: { policy: string; log?: (line: Record<string, unknown>) => void }): Promise<TuningResult> {
  const rows: Row[] = [];
  let inPool = 0;
  for (const it of items) {
    const pool = await ranker.poolFor(it.query, { policy: opts.policy, top: 10 });
    const ids = pool.candidates.map((c) => c.meta.externalId);
    const relevant = ids.indexOf(it.relevant);
    if (relevant >= 0) inPool++;
    rows.push({ signals: pool.candidates.map((c) => c.signals), ids, relevant });
  }
  const base = ranker.weights;
  let best: { weights: FusionWeights; recall10: number; mrr10: number } | undefined;
  for (const lexical of grid(0, 0.8, 0.05)) {
    for (const strength of grid(0, 0.3, 0.025)) {
      const dense = 1 - lexical - strength;
      if (dense < -1e-9) continue;
      for (const mode of ['best', ...grid(0, 1, 0.1).map(String)]) {
        const split =
          mode === 'best' ? { denseBest: dense, maxEvidence: 0, centroid: 0 } : { denseBest: 0, maxEvidence: dense * Number(mode), centroid: dense * (1 - Number(mode)) };
        const weights: FusionWeights = { ...base, ...split, lexical, strength };
        const m = metrics(rows, weights);
        if (!best || m.recall10 > best.recall10 + 1e-12 || (Math.abs(m.recall10 - best.recall10) < 1e-12 && m.mrr10 > best.mrr10)) {
          best = { weights, ...m };
          opts.log?.({ tune: 'better', lexical, strength, dense: mode, recall10: +m.recall10.toFixed(4), mrr10: +m.mrr10.toFixed(4) });
        }
      }
    }
  }
  const shipped = metrics(rows, base);
  opts.log?.({ tune: 'shipped-on-dev', recall10: +shipped.recall10.toFixed(4), mrr10: +shipped.mrr10.toFixed(4) });
  return { ...best!, poolRecall: inPool / rows.length, queries: rows.length };
}
