/**
 * Unit vectors of all evidence items in one growable Float32Array (row-major), addressed by label.
 * 100k × 512 floats is 200 MB: compact enough to keep in memory for exact scoring and index rebuilds.
 * Removal moves the last row into the hole, so rows stay dense.
 */
export class VectorMatrix {
  private data: Float32Array;
  private rowLabels: number[] = [];
  private readonly rowOf = new Map<number, number>();

  constructor(
    readonly dim: number,
    initialCapacity = 1024,
  ) {
    this.data = new Float32Array(dim * Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.rowLabels.length;
  }

  has(label: number): boolean {
    return this.rowOf.has(label);
  }

  set(label: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`vector has ${vector.length} dimensions, expected ${this.dim}`);
    let row = this.rowOf.get(label);
    if (row === undefined) {
      row = this.rowLabels.length;
      if ((row + 1) * this.dim > this.data.length) {
        const bigger = new Float32Array(Math.max(this.data.length * 2, (row + 1) * this.dim));
        bigger.set(this.data);
        this.data = bigger;
      }
      this.rowLabels.push(label);
      this.rowOf.set(label, row);
    }
    this.data.set(vector, row * this.dim);
  }

  delete(label: number): boolean {
    const row = this.rowOf.get(label);
    if (row === undefined) return false;
    const last = this.rowLabels.length - 1;
    if (row !== last) {
      this.data.copyWithin(row * this.dim, last * this.dim, (last + 1) * this.dim);
      const moved = this.rowLabels[last];
      this.rowLabels[row] = moved;
      this.rowOf.set(moved, row);
    }
    this.rowLabels.pop();
    this.rowOf.delete(label);
    return true;
  }

  /** A view into the matrix: valid until the next set or delete. */
  get(label: number): Float32Array | undefined {
    const row = this.rowOf.get(label);
    return row === undefined ? undefined : this.data.subarray(row * this.dim, (row + 1) * this.dim);
  }

  rowIndex(label: number): number | undefined {
    return this.rowOf.get(label);
  }
  labelAt(row: number): number {
    return this.rowLabels[row];
  }
  labels(): number[] {
    return [...this.rowLabels];
  }
  /** The raw rows (first size × dim floats are live): for tight loops. */
  raw(): Float32Array {
    return this.data;
  }

  /** Inner product of the query with the vector at a row. */
  dotRow(query: Float32Array, row: number): number {
    const d = this.data;
    const dim = this.dim;
    let base = row * dim;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    let i = 0;
    for (; i + 3 < dim; i += 4, base += 4) {
      s0 += query[i] * d[base];
      s1 += query[i + 1] * d[base + 1];
      s2 += query[i + 2] * d[base + 2];
      s3 += query[i + 3] * d[base + 3];
    }
    for (; i < dim; i++, base++) s0 += query[i] * d[base];
    return s0 + s1 + s2 + s3;
  }
}
