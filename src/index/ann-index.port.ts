/** A search hit: the label is the caller's id (evidence_items.id); similarity is the inner product of unit vectors. */
export type Neighbor = { label: number; similarity: number };

/** Restricts a search: either an explicit set of labels or a predicate on labels. */
export type LabelFilter = { labels: Iterable<number> } | { predicate: (label: number) => boolean };

export interface VectorSearch {
  readonly dim: number;
  /** Up to k nearest labels by inner product, best first. */
  search(query: Float32Array, k: number, filter?: LabelFilter): Neighbor[];
}

/** An approximate nearest-neighbour index over unit vectors, labelled by evidence id. */
export interface AnnIndex extends VectorSearch {
  add(label: number, vector: Float32Array): void;
  /** Hides a label from searches; its slot stays until the index is rebuilt. */
  markDelete(label: number): void;
  has(label: number): boolean;
  /** Number of searchable (not deleted) labels. */
  size(): number;
  /** Labels marked deleted but still occupying space: a rebuild reclaims them. */
  deletedCount(): number;
  labels(): number[];
  /** Writes the index to one file (not atomically: callers write a temp file and rename). */
  save(file: string): void;
}
