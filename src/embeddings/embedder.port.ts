import { AppError } from '../shared/errors';

/**
 * Turns texts into unit-length vectors (inner product = cosine similarity).
 * `modelId` names the vector space: the model plus whatever changes its vectors (weights variant,
 * pooling, token limit). Vectors with different ids are never compared, cached together or indexed together.
 */
export interface Embedder {
  readonly modelId: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** The model cannot be used: always says how to install it, because that is nearly always the fix. */
export class EmbeddingModelError extends AppError {
  constructor(
    readonly model: string,
    readonly modelDir: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'MODEL_MISSING',
      `Embedding model ${model} is missing or corrupt under ${modelDir} (${reason}). ` + 'Install it with `npm run setup` (or point MODEL_DIR at the folder that holds it).',
      undefined,
      options,
    );
  }
}
