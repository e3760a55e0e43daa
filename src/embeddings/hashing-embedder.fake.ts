// A model-free stand-in for sentence embeddings in tests and benchmarks: character unigrams and bigrams of a text hashed
// into `dim` buckets, square-root damped and L2-normalised. Texts sharing vocabulary (同一领域的术语) get a high
// inner product, unrelated ones a low one — enough structure for ranking and assignment to have real choices,
// at microseconds per text instead of the model's tens of milliseconds.
import type { Embedder } from './embedder.port';

function bucket(s: string, dim: number): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % dim;
}

export function hashedTextVector(text: string, dim: number): Float32Array {
  const v = new Float32Array(dim);
  const chars = [...text.replace(/\s+/g, '')];
  for (let i = 0; i < chars.length; i++) {
    v[bucket(chars[i], dim)] += 0.5;
    if (i + 1 < chars.length) v[bucket(chars[i] + chars[i + 1], dim)] += 1;
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    v[i] = Math.sqrt(v[i]);
    norm += v[i] * v[i];
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < dim; i++) v[i] /= norm;
  return v;
}

/**
 * The project's one fake Embedder: the hashed vectors above behind the Embedder port, for the real retrieval
 * sync, index and ranker without the model (tests above the embedding layer, benchmarks). It records what it
 * was asked, so a test can prove that unchanged texts are never embedded twice.
 */
export class HashingEmbedder implements Embedder {
  readonly modelId: string;
  calls = 0;
  readonly texts: string[] = [];

  constructor(
    readonly dim = 256,
    modelId?: string,
  ) {
    this.modelId = modelId ?? `hashed-char-bigrams-${dim}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls++;
    this.texts.push(...texts);
    return texts.map((t) => hashedTextVector(t, this.dim));
  }
}

/** Counts what reaches another embedder (the real model in the retrieval tests). */
export class CountingEmbedder implements Embedder {
  calls = 0;
  readonly texts: string[] = [];
  constructor(private readonly inner: Embedder) {}
  get modelId() {
    return this.inner.modelId;
  }
  get dim() {
    return this.inner.dim;
  }
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls++;
    this.texts.push(...texts);
    return this.inner.embed(texts);
  }
}
