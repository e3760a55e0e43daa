import { AutoModel, AutoTokenizer, env, LogLevel, Tensor, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Embedder, EmbeddingModelError } from './embedder.port';

export type Pooling = 'cls' | 'mean';

export type TransformersEmbedderOptions = {
  modelDir: string;
  /** Folder name under modelDir, e.g. BAAI/bge-small-zh-v1.5. */
  model: string;
  maxTokens: number;
  batchSize: number;
  /** bge models are trained with the [CLS] vector as the sentence embedding. */
  pooling?: Pooling;
  /** Threads for ONNX Runtime's intra-op pool; default: its own choice (physical cores). */
  threads?: number;
};

/** One padded batch of token ids, with the positions in the caller's list its rows belong to. */
export type TokenBatch = {
  indices: number[];
  seqLen: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
};

// int8 weights: the model as installed by `npm run setup`. Its activations are quantised dynamically with
// scales taken over the whole batch, so a text's vector moves slightly with its batch-mates (cosine ≈ 0.99
// against embedding it alone). Batching is still worth it (≈ 1.7× throughput on 2 cores), and the cache
// keeps the first vector of a text, so stored vectors never drift.
const DTYPE = 'q8';
const ONNX_FILE = 'onnx/model_quantized.onnx';
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE];

function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** Pools rows of a [batch, seq, dim] hidden-state buffer into unit vectors. */
export function poolHiddenStates(hidden: Float32Array, batch: TokenBatch, dim: number, pooling: Pooling): Float32Array[] {
  const out: Float32Array[] = [];
  const rows = batch.indices.length;
  for (let r = 0; r < rows; r++) {
    const base = r * batch.seqLen * dim;
    if (pooling === 'cls') {
      out.push(normalise(hidden.slice(base, base + dim)));
      continue;
    }
    const v = new Float32Array(dim);
    let n = 0;
    for (let t = 0; t < batch.seqLen; t++) {
      if (batch.attentionMask[r * batch.seqLen + t] === 0n) continue;
      n++;
      for (let d = 0; d < dim; d++) v[d] += hidden[base + t * dim + d];
    }
    for (let d = 0; d < dim; d++) v[d] /= Math.max(n, 1);
    out.push(normalise(v));
  }
  return out;
}

/**
 * Embedder on a local ONNX model through transformers.js. Never touches the network: the model must be
 * installed under MODEL_DIR (`npm run setup`). Texts are cut by tokens, not characters, and batched by
 * similar length so padding costs little.
 */
export class TransformersEmbedder implements Embedder {
  readonly modelId: string;
  readonly dim: number;
  readonly onnxPath: string;

  private constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly opts: Required<Omit<TransformersEmbedderOptions, 'threads'>> & { threads?: number },
    dim: number,
  ) {
    this.dim = dim;
    this.modelId = `${opts.model}:${DTYPE}:${opts.pooling}:${opts.maxTokens}`;
    this.onnxPath = join(opts.modelDir, opts.model, ONNX_FILE);
  }

  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const opts = { pooling: 'cls' as Pooling, ...options };
    const dir = join(opts.modelDir, opts.model);
    const missing = REQUIRED_FILES.filter((f) => !existsSync(join(dir, f)));
    if (missing.length) throw new EmbeddingModelError(opts.model, opts.modelDir, `missing ${missing.join(', ')}`);
    let dim: number;
    try {
      dim = Number(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).hidden_size);
      if (!Number.isInteger(dim) || dim <= 0) throw new Error('config.json has no hidden_size');
    } catch (err) {
      throw new EmbeddingModelError(opts.model, opts.modelDir, `unreadable config.json: ${(err as Error).message}`, { cause: err });
    }
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = opts.modelDir.endsWith('/') ? opts.modelDir : `${opts.modelDir}/`;
    env.logLevel = LogLevel.ERROR;
    let tokenizer: PreTrainedTokenizer;
    let model: PreTrainedModel;
    try {
      tokenizer = await AutoTokenizer.from_pretrained(opts.model, { local_files_only: true });
      model = await AutoModel.from_pretrained(opts.model, {
        local_files_only: true,
        dtype: DTYPE,
        device: 'cpu',
        session_options: opts.threads ? { intraOpNumThreads: opts.threads } : {},
      });
    } catch (err) {
      throw new EmbeddingModelError(opts.model, opts.modelDir, `cannot load: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    const embedder = new TransformersEmbedder(tokenizer, model, opts, dim);
    try {
      const [probe] = await embedder.embed(['模型自检']);
      if (probe.length !== dim || !Number.isFinite(probe[0])) throw new Error(`probe vector has ${probe.length} dimensions`);
    } catch (err) {
      throw new EmbeddingModelError(opts.model, opts.modelDir, `self-test failed: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    return embedder;
  }

  /** Token ids with [CLS]/[SEP], cut to maxTokens keeping the closing [SEP]. */
  encode(text: string): number[] {
    const ids = this.tokenizer.encode(text || ' ');
    if (ids.length <= this.opts.maxTokens) return ids;
    return [...ids.slice(0, this.opts.maxTokens - 1), ids[ids.length - 1]];
  }

  /** Sorted-by-length, padded batches: exposed so a benchmark can feed a bare ONNX session the very same input. */
  prepareBatches(texts: string[]): TokenBatch[] {
    const encoded = texts.map((t) => this.encode(t));
    const order = encoded.map((_, i) => i).sort((a, b) => encoded[a].length - encoded[b].length || a - b);
    const batches: TokenBatch[] = [];
    for (let i = 0; i < order.length; i += this.opts.batchSize) {
      const indices = order.slice(i, i + this.opts.batchSize);
      const seqLen = Math.max(...indices.map((j) => encoded[j].length));
      const size = indices.length * seqLen;
      const inputIds = new BigInt64Array(size);
      const attentionMask = new BigInt64Array(size);
      indices.forEach((j, r) => {
        const ids = encoded[j];
        for (let t = 0; t < ids.length; t++) {
          inputIds[r * seqLen + t] = BigInt(ids[t]);
          attentionMask[r * seqLen + t] = 1n;
        }
      });
      batches.push({ indices, seqLen, inputIds, attentionMask, tokenTypeIds: new BigInt64Array(size) });
    }
    return batches;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out = new Array<Float32Array>(texts.length);
    for (const batch of this.prepareBatches(texts)) {
      const vectors = await this.runBatch(batch);
      batch.indices.forEach((j, r) => {
        out[j] = vectors[r];
      });
    }
    return out;
  }

  /**
   * One session run over a prepared batch: the vectors of its rows in row order. The worker adapter runs a
   * call's batches one by one through this, so a query can go between two batches of a long call.
   */
  async runBatch(batch: TokenBatch): Promise<Float32Array[]> {
    const dims = [batch.indices.length, batch.seqLen];
    const result = await this.model({
      input_ids: new Tensor('int64', batch.inputIds, dims),
      attention_mask: new Tensor('int64', batch.attentionMask, dims),
      token_type_ids: new Tensor('int64', batch.tokenTypeIds, dims),
    });
    const hidden = result.last_hidden_state as Tensor;
    const vectors = poolHiddenStates(hidden.data as Float32Array, batch, this.dim, this.opts.pooling);
    hidden.dispose?.();
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
