import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { EmbeddingModelError } from '../../src/embeddings/embedder.port';
import { TransformersEmbedder } from '../../src/embeddings/transformers-embedder.adapter';

const config = loadConfig({});
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('TransformersEmbedder (real local model)', () => {
  let embedder: TransformersEmbedder;
  beforeAll(async () => {
    embedder = await TransformersEmbedder.load({ modelDir: config.modelDir, model: config.embedModel, maxTokens: 64, batchSize: 4 });
  });
  afterAll(() => embedder?.dispose());

  it('returns one 512-d unit vector per text and names its vector space', async () => {
    const vs = await embedder.embed(['锂电池', '印染废水处理', '']);
    expect(vs).toHaveLength(3);
    for (const v of vs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(512);
      expect(dot(v, v)).toBeCloseTo(1, 4);
    }
    expect(embedder.dim).toBe(512);
    expect(embedder.modelId).toBe('BAAI/bge-small-zh-v1.5:q8:cls:64');
  });

  // int8 dynamic quantisation takes activation scales from the whole batch, so batch-mates move a vector
  // slightly (cosine ≈ 0.99); the cache then keeps whatever was computed first, so it never drifts after.
  it('gives nearly the same vector for a text alone or inside a batch of different lengths (order restored after sorting)', async () => {
    const texts = ['一种锂离子电池正极材料的包覆改性方法及其在动力电池中的应用', '染色', '数控机床热误差补偿', '高分子材料', '光伏组件'];
    const batch = await embedder.embed(texts);
    for (const [i, t] of texts.entries()) {
      const [alone] = await embedder.embed([t]);
      expect(dot(alone, batch[i])).toBeGreaterThan(0.98);
    }
  });

  it('places related technical texts closer than unrelated ones', async () => {
    const [q, battery, textile] = await embedder.embed(['动力电池热失控预警与抑制', '锂离子电池正极材料与电解液安全性', '棉织物活性染料染色工艺']);
    expect(dot(q, battery)).toBeGreaterThan(dot(q, textile) + 0.1);
  });

  it('truncates by tokens: text beyond the token limit does not change the vector', async () => {
    const head = '锂离子电池热失控机理与抑制技术研究。'.repeat(6); // > 64 tokens
    const [a, b] = await embedder.embed([head, `${head}${'纺织印染废水处理与回用。'.repeat(20)}`]);
    expect(embedder.encode(head).length).toBe(64);
    expect(dot(a, b)).toBeGreaterThan(0.9999);
  });
});

describe('TransformersEmbedder without a usable model', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tempModelDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'model-'));
    dirs.push(d);
    return d;
  };

  it('a missing model fails with one message that says to run npm run setup', async () => {
    const dir = tempModelDir();
    const err = await TransformersEmbedder.load({ modelDir: dir, model: 'BAAI/bge-small-zh-v1.5', maxTokens: 64, batchSize: 4 }).catch((e) => e);
    expect(err).toBeInstanceOf(EmbeddingModelError);
    expect(err.message).toContain('npm run setup');
    expect(err.message).toContain('BAAI/bge-small-zh-v1.5');
    expect(err.message).toContain('missing');
  });

  it('a corrupt ONNX file fails with the same kind of message', async () => {
    const dir = tempModelDir();
    const src = join(config.modelDir, config.embedModel);
    const dst = join(dir, config.embedModel);
    mkdirSync(join(dst, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt']) copyFileSync(join(src, f), join(dst, f));
    writeFileSync(join(dst, 'onnx/model_quantized.onnx'), Buffer.from('this is not an onnx model'));
    const err = await TransformersEmbedder.load({ modelDir: dir, model: config.embedModel, maxTokens: 64, batchSize: 4 }).catch((e) => e);
    expect(err).toBeInstanceOf(EmbeddingModelError);
    expect(err.message).toContain('npm run setup');
  });
});
