import hnswlib from 'hnswlib-node';
import type { AnnIndex, LabelFilter, Neighbor } from './ann-index.port';

const { HierarchicalNSW } = hnswlib;
type Native = InstanceType<typeof HierarchicalNSW>;

export type HnswParams = { m: number; efConstruction: number; efSearch: number };

const MIN_CAPACITY = 1024;
// A fixed seed makes a rebuild from the same vectors produce the same graph.
const RANDOM_SEED = 100;

/**
 * hnswlib in inner-product space on unit vectors (distance = 1 − similarity). Tracks which labels are
 * live, because hnswlib keeps deleted labels in its id list; grows itself when full.
 */
export class HnswIndex implements AnnIndex {
  private readonly live: Set<number>;
  private readonly deleted: Set<number>;
  private efSearch: number;

  private constructor(
    private readonly native: Native,
    readonly dim: number,
    readonly params: HnswParams,
    live: Set<number>,
    deleted: Set<number>,
  ) {
    this.live = live;
    this.deleted = deleted;
    this.efSearch = params.efSearch;
  }

  static create(dim: number, params: HnswParams, capacity = MIN_CAPACITY): HnswIndex {
    const native = new HierarchicalNSW('ip', dim);
    native.initIndex({ maxElements: Math.max(capacity, MIN_CAPACITY), m: params.m, efConstruction: params.efConstruction, randomSeed: RANDOM_SEED });
    return new HnswIndex(native, dim, params, new Set(), new Set());
  }

  /**
   * Reads an index file written by save(). `liveLabels` comes from the caller's manifest: every other label
   * in the file was marked deleted before it was saved.
   */
  static load(file: string, dim: number, params: HnswParams, liveLabels: Iterable<number>): HnswIndex {
    const native = new HierarchicalNSW('ip', dim);
    native.readIndexSync(file);
    if (native.getNumDimensions() !== dim) throw new Error(`index file has ${native.getNumDimensions()} dimensions, expected ${dim}`);
    const live = new Set(liveLabels);
    const deleted = new Set(native.getIdsList());
    for (const label of live) if (!deleted.delete(label)) throw new Error(`index file lacks label ${label}`);
    return new HnswIndex(native, dim, params, live, deleted);
  }

  add(label: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`vector has ${vector.length} dimensions, expected ${this.dim}`);
    const max = this.native.getMaxElements();
    if (this.native.getCurrentCount() >= max) this.native.resizeIndex(Math.max(MIN_CAPACITY, Math.ceil(max * 1.5)));
    // Re-adding a label (live or deleted) replaces its vector and makes it live again.
    this.native.addPoint(Array.from(vector), label);
    this.deleted.delete(label);
    this.live.add(label);
  }

  markDelete(label: number): void {
    if (!this.live.has(label)) return;
    this.native.markDelete(label);
    this.live.delete(label);
    this.deleted.add(label);
  }

  has(label: number): boolean {
    return this.live.has(label);
  }
  size(): number {
    return this.live.size;
  }
  deletedCount(): number {
    return this.deleted.size;
  }
  labels(): number[] {
    return [...this.live];
  }
  capacity(): number {
    return this.native.getMaxElements();
  }
  /** Search breadth only: unlike M and efConstruction it can change without rebuilding the graph. */
  setEfSearch(ef: number): void {
    this.efSearch = ef;
  }

  search(query: Float32Array, k: number, filter?: LabelFilter): Neighbor[] {
    const n = Math.min(k, this.live.size);
    if (n <= 0) return [];
    // ef below k would silently return fewer and worse neighbours.
    this.native.setEf(Math.max(this.efSearch, n));
    let fn: ((label: number) => boolean) | undefined;
    if (filter) {
      if ('labels' in filter) {
        const allowed = filter.labels instanceof Set ? (filter.labels as Set<number>) : new Set(filter.labels);
        fn = (label) => allowed.has(label);
      } else {
        fn = filter.predicate;
      }
    }
    const res = fn ? this.native.searchKnn(Array.from(query), n, fn) : this.native.searchKnn(Array.from(query), n);
    const out: Neighbor[] = [];
    for (let i = 0; i < res.neighbors.length; i++) out.push({ label: res.neighbors[i], similarity: 1 - res.distances[i] });
    return out;
  }

  save(file: string): void {
    this.native.writeIndexSync(file);
  }
}
