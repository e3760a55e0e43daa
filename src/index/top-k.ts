import type { Neighbor } from './ann-index.port';

/** Keeps the k best (label, similarity) pairs seen so far in a min-heap: O(n log k) over n candidates. */
export class TopK {
  private readonly sims: Float64Array;
  private readonly labels: Float64Array;
  private n = 0;

  constructor(readonly k: number) {
    this.sims = new Float64Array(Math.max(k, 1));
    this.labels = new Float64Array(Math.max(k, 1));
  }

  /** The similarity a candidate must beat to enter (−∞ while not full). */
  get threshold(): number {
    return this.n < this.k ? -Infinity : this.sims[0];
  }

  push(label: number, similarity: number): void {
    if (this.k <= 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.sims[p] <= similarity) break;
        this.sims[i] = this.sims[p];
        this.labels[i] = this.labels[p];
        i = p;
      }
      this.sims[i] = similarity;
      this.labels[i] = label;
      return;
    }
    if (similarity <= this.sims[0]) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && this.sims[r] < this.sims[l] ? r : l;
      if (this.sims[c] >= similarity) break;
      this.sims[i] = this.sims[c];
      this.labels[i] = this.labels[c];
      i = c;
    }
    this.sims[i] = similarity;
    this.labels[i] = label;
  }

  /** Best first; equal similarities by label, so results are deterministic. */
  result(): Neighbor[] {
    const out: Neighbor[] = [];
    for (let i = 0; i < this.n; i++) out.push({ label: this.labels[i], similarity: this.sims[i] });
    return out.sort((a, b) => b.similarity - a.similarity || a.label - b.label);
  }
}
