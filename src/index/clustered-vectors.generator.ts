import { mulberry32 } from '../demo/prng';
// Synthetic unit vectors shaped like sentence embeddings rather than uniform noise: a shared direction
// (embeddings of one model are anisotropic: unrelated texts still have cosine ≈ 0.3–0.4), topics, subtopics
// within topics, and per-item noise. Queries come from the same distribution but are not indexed items.

export type ClusterSpec = {
  dim: number;
  topics: number;
  subtopicsPerTopic: number;
  /** Weights of the shared direction, topic, subtopic and noise components. */
  shared: number;
  topic: number;
  subtopic: number;
  noise: number;
  seed: number;
};

export const DEFAULT_CLUSTERS: Omit<ClusterSpec, 'dim'> = {
  topics: 200,
  subtopicsPerTopic: 20,
  shared: 0.55,
  topic: 0.6,
  subtopic: 0.5,
  noise: 0.55,
  seed: 42,
};

/** Standard normal samples (Box–Muller over the project's seeded mulberry32). */
export function createGaussian(seed: number): () => number {
  const next = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
}

export function describeSpec(s: ClusterSpec): string {
  return `clustered-unit(topics=${s.topics},subtopics=${s.subtopicsPerTopic},weights=${s.shared}/${s.topic}/${s.subtopic}/${s.noise})`;
}

function unitGaussian(dim: number, gauss: () => number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) {
    v[i] = gauss();
    n += v[i] * v[i];
  }
  n = Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i] /= n;
  return v;
}

export class ClusteredVectors {
  private readonly gauss: () => number;
  private readonly shared: Float32Array;
  private readonly topics: Float32Array[];
  private readonly subtopics: Float32Array[];

  constructor(readonly spec: ClusterSpec) {
    this.gauss = createGaussian(spec.seed);
    this.shared = unitGaussian(spec.dim, this.gauss);
    this.topics = Array.from({ length: spec.topics }, () => unitGaussian(spec.dim, this.gauss));
    this.subtopics = Array.from({ length: spec.topics * spec.subtopicsPerTopic }, () => unitGaussian(spec.dim, this.gauss));
  }

  /** Zipf-like topic sizes: a few big fields, many small ones, as in any research population. */
  private pickTopic(): number {
    const u = Math.abs(this.gauss()) / 3;
    return Math.min(this.spec.topics - 1, Math.floor(this.spec.topics * Math.min(u * u, 0.999999)));
  }

  next(): Float32Array {
    const { dim, subtopicsPerTopic: spt } = this.spec;
    const t = this.pickTopic();
    const s = t * spt + (Math.floor(Math.abs(this.gauss() * 0.4) * spt) % spt);
    const noise = unitGaussian(dim, this.gauss);
    const v = new Float32Array(dim);
    let n = 0;
    for (let i = 0; i < dim; i++) {
      v[i] = this.spec.shared * this.shared[i] + this.spec.topic * this.topics[t][i] + this.spec.subtopic * this.subtopics[s][i] + this.spec.noise * noise[i];
      n += v[i] * v[i];
    }
    n = Math.sqrt(n);
    for (let i = 0; i < dim; i++) v[i] /= n;
    return v;
  }

  take(n: number): Float32Array[] {
    return Array.from({ length: n }, () => this.next());
  }
}
