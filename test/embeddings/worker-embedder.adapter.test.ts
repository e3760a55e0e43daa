import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { EmbeddingModelError } from '../../src/embeddings/embedder.port';
import { TransformersEmbedder } from '../../src/embeddings/transformers-embedder.adapter';
import { WorkerEmbedder } from '../../src/embeddings/worker-embedder.adapter';

const config = loadConfig({});
const options = { modelDir: config.modelDir, model: config.embedModel, maxTokens: 64, batchSize: 4 };
const texts = ['一种锂离子电池正极材料的包覆改性方法', '染色', '数控机床热误差补偿与精度保持技术研究', '高分子材料', '光伏组件', '印染废水深度处理与回用', '储能电池热失控预警'];

describe('WorkerEmbedder (real local model in a worker thread)', () => {
  let inThread: TransformersEmbedder;
  let worker: WorkerEmbedder;
  beforeAll(async () => {
    [inThread, worker] = await Promise.all([TransformersEmbedder.load(options), WorkerEmbedder.load(options)]);
  });
  afterAll(async () => {
    await Promise.all([inThread?.dispose(), worker?.dispose()]);
  });

  it('names the same vector space and returns the in-thread vectors to 1e-6, in the caller order', async () => {
    expect(worker.modelId).toBe(inThread.modelId);
    expect(worker.dim).toBe(512);
    const [a, b] = await Promise.all([inThread.embed(texts), worker.embed(texts)]);
    expect(b).toHaveLength(texts.length);
    for (const [i, v] of b.entries()) {
      expect(v).toBeInstanceOf(Float32Array);
      let diff = 0;
      for (let d = 0; d < v.length; d++) diff = Math.max(diff, Math.abs(v[d] - a[i][d]));
      expect(diff).toBeLessThan(1e-6);
    }
  });

  it('answers overlapping calls each with its own vectors (a short call may overtake a long one)', async () => {
    const long = worker.embed([...texts, ...texts]);
    const short = worker.embed([texts[2]]);
    const [l, [s]] = await Promise.all([long, short]);
    const [alone] = await inThread.embed([texts[2]]);
    expect(l).toHaveLength(texts.length * 2);
    expect(Math.max(...s.map((x, d) => Math.abs(x - alone[d])))).toBeLessThan(1e-6);
    expect(await worker.embed([])).toEqual([]);
  });

  it('reports a missing model as the usual model error, from the worker', async () => {
    const err = await WorkerEmbedder.load({ ...options, modelDir: '/nonexistent-model-dir' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingModelError);
    expect((err as Error).message).toContain('npm run setup');
  });

  it('refuses calls after dispose instead of hanging', async () => {
    const w = await WorkerEmbedder.load(options);
    await w.dispose();
    await expect(w.embed(['x'])).rejects.toThrow(/closed/);
  });
});
