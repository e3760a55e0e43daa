import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobToVector, EmbeddingCacheRepository, vectorToBlob } from '../../src/embeddings/embedding-cache.repository';
import { EmbeddingService } from '../../src/embeddings/embedding.service';
import type { Embedder } from '../../src/embeddings/embedder.port';
import { createTempWorld } from '../retrieval/fixtures';

/** Deterministic fake: a vector from the text's character codes; counts what it is asked. */
class FakeEmbedder implements Embedder {
  readonly dim = 8;
  asked: string[] = [];
  constructor(readonly modelId = 'fake-model') {}
  async embed(texts: string[]) {
    this.asked.push(...texts);
    return texts.map((t) => {
      const v = new Float32Array(this.dim);
      for (let i = 0; i < t.length; i++) v[i % this.dim] += t.charCodeAt(i) % 97;
      const n = Math.hypot(...v) || 1;
      return v.map((x) => x / n);
    });
  }
}

describe('EmbeddingService', () => {
  let world: ReturnType<typeof createTempWorld>;
  beforeEach(() => { world = createTempWorld('embed-cache-'); });
  afterEach(() => world.cleanup());

  it('stores Float32Array vectors as blobs without loss', () => {
    const v = Float32Array.from([0.1, -0.25, 1e-7, 3.5]);
    expect(blobToVector(vectorToBlob(v))).toEqual(v);
    const sub = new Float32Array([9, 1, 2, 9]).subarray(1, 3);
    expect(blobToVector(vectorToBlob(sub))).toEqual(Float32Array.from([1, 2]));
  });

  it('never embeds an unchanged text twice, and embeds duplicates within a call once', async () => {
    const fake = new FakeEmbedder();
    const svc = new EmbeddingService(fake, world.db);
    const first = await svc.embedWithStats(['锂电池', '染色', '锂电池']);
    expect(first).toMatchObject({ hits: 0, embedded: 2 });
    expect(first.vectors[0]).toEqual(first.vectors[2]);
    const second = await svc.embedWithStats(['染色', '锂电池', '机床']);
    expect(second).toMatchObject({ hits: 2, embedded: 1 });
    expect(second.vectors[1]).toEqual(first.vectors[0]);
    expect(fake.asked).toEqual(['锂电池', '染色', '机床']);
    expect(svc.stats).toEqual({ hits: 2, embedded: 3 });
  });

  it('keeps the cache across restarts and separates vector spaces by model id', async () => {
    await new EmbeddingService(new FakeEmbedder(), world.db).embed(['锂电池']);
    world.reopen();
    const again = new FakeEmbedder();
    await new EmbeddingService(again, world.db).embed(['锂电池']);
    expect(again.asked).toEqual([]);
    const other = new FakeEmbedder('other-model');
    await new EmbeddingService(other, world.db).embed(['锂电池']);
    expect(other.asked).toEqual(['锂电池']);
    expect(new EmbeddingCacheRepository(world.db).getMany('fake-model', []).size).toBe(0);
  });
});
