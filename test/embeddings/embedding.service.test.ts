import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobToVector, EmbeddingCacheRepository, vectorToBlob } from '../../src/embeddings/embedding-cache.repository';
import { EmbeddingService } from '../../src/embeddings/embedding.service';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { createTempWorld } from '../retrieval/fixtures';

describe('EmbeddingService', () => {
  let world: ReturnType<typeof createTempWorld>;
  beforeEach(() => {
    world = createTempWorld('embed-cache-');
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('stores Float32Array vectors as blobs without loss', () => {
    const v = Float32Array.from([0.1, -0.25, 1e-7, 3.5]);
    expect(blobToVector(vectorToBlob(v))).toEqual(v);
    const sub = new Float32Array([9, 1, 2, 9]).subarray(1, 3);
    expect(blobToVector(vectorToBlob(sub))).toEqual(Float32Array.from([1, 2]));
  });

  it('never embeds an unchanged text twice, and embeds duplicates within a call once', async () => {
    const fake = new HashingEmbedder(8, 'fake-model');
    const svc = new EmbeddingService(fake, new EmbeddingCacheRepository(world.db));
    const first = await svc.embedWithStats(['锂电池', '染色', '锂电池']);
    expect(first).toMatchObject({ hits: 0, embedded: 2 });
    expect(first.vectors[0]).toEqual(first.vectors[2]);
    const second = await svc.embedWithStats(['染色', '锂电池', '机床']);
    expect(second).toMatchObject({ hits: 2, embedded: 1 });
    expect(second.vectors[1]).toEqual(first.vectors[0]);
    expect(fake.texts).toEqual(['锂电池', '染色', '机床']);
    expect(svc.stats).toEqual({ hits: 2, embedded: 3 });
  });

  it('keeps the cache across restarts and separates vector spaces by model id', async () => {
    await new EmbeddingService(new HashingEmbedder(8, 'fake-model'), new EmbeddingCacheRepository(world.db)).embed(['锂电池']);
    await world.reopen();
    const again = new HashingEmbedder(8, 'fake-model');
    await new EmbeddingService(again, new EmbeddingCacheRepository(world.db)).embed(['锂电池']);
    expect(again.texts).toEqual([]);
    const other = new HashingEmbedder(8, 'other-model');
    await new EmbeddingService(other, new EmbeddingCacheRepository(world.db)).embed(['锂电池']);
    expect(other.texts).toEqual(['锂电池']);
    expect(new EmbeddingCacheRepository(world.db).getMany('fake-model', []).size).toBe(0);
  });
});
