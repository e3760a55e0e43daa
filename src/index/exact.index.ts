import type { LabelFilter, Neighbor, VectorSearch } from './ann-index.port';
import { TopK } from './top-k';
import type { VectorMatrix } from './vector-matrix';

/**
 * Brute-force inner-product search over the in-memory matrix: the reference for measuring recall, the
 * path for small pools, and for filtered searches where an allow-list would starve an ANN graph walk.
 * With an explicit label list it only touches those rows.
 */
export class ExactIndex implements VectorSearch {
  constructor(private readonly matrix: VectorMatrix) {}

  get dim(): number {
    return this.matrix.dim;
  }

  search(query: Float32Array, k: number, filter?: LabelFilter): Neighbor[] {
    if (query.length !== this.matrix.dim) throw new Error(`query has ${query.length} dimensions, expected ${this.matrix.dim}`);
    const top = new TopK(k);
    const m = this.matrix;
    if (filter && 'labels' in filter) {
      for (const label of filter.labels) {
        const row = m.rowIndex(label);
        if (row !== undefined) top.push(label, m.dotRow(query, row));
      }
      return top.result();
    }
    const predicate = filter?.predicate;
    for (let row = 0; row < m.size; row++) {
      const label = m.labelAt(row);
      if (predicate && !predicate(label)) continue;
      const s = m.dotRow(query, row);
      if (s > top.threshold) top.push(label, s);
    }
    return top.result();
  }
}
