import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIndex, MANIFEST_FILE, readManifest, saveIndexAtomically, SimulatedCrash } from '../../src/index/ann-persistence';
import { HnswIndex } from '../../src/index/hnsw.adapter';
import { ClusteredVectors, DEFAULT_CLUSTERS } from '../../src/index/clustered-vectors.generator';

const dim = 32;
const params = { m: 8, efConstruction: 50, efSearch: 32 };
const vectors = new ClusteredVectors({ ...DEFAULT_CLUSTERS, topics: 5, subtopicsPerTopic: 3, dim, seed: 11 }).take(300);
const meta = (n: number) => ({ modelId: 'model-a', watermark: { changeSeq: n, maxEvidenceId: n, evidenceCount: n } });
const expected = { modelId: 'model-a', dim, params };

function indexOf(n: number): HnswIndex {
  const index = HnswIndex.create(dim, params);
  vectors.slice(0, n).forEach((v, i) => index.add(i + 1, v));
  return index;
}

describe('saveIndexAtomically / loadIndex', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ann-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips an index with its manifest (model, dimension, count, watermark) and removes the older generation', () => {
    saveIndexAtomically(dir, indexOf(100), meta(1));
    const m2 = saveIndexAtomically(dir, indexOf(200), meta(2));
    expect(m2).toMatchObject({ modelId: 'model-a', dim, count: 200, generation: 2, watermark: meta(2).watermark });
    expect(readdirSync(dir).sort()).toEqual(['hnsw.2.bin', 'hnsw.2.labels', MANIFEST_FILE]);
    const loaded = loadIndex(dir, expected);
    expect('index' in loaded && loaded.index.size()).toBe(200);
  });

  it('a crash after writing the temp files leaves the previous index loadable, and the next save cleans up', () => {
    saveIndexAtomically(dir, indexOf(100), meta(1));
    expect(() => saveIndexAtomically(dir, indexOf(200), meta(2), { crashAt: 'after-temp-files' })).toThrow(SimulatedCrash);
    // and a torn temp manifest, as if the process died while writing it
    writeFileSync(join(dir, `${MANIFEST_FILE}.tmp`), '{"format":1,"mod');
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
    const loaded = loadIndex(dir, expected);
    expect('index' in loaded && loaded.index.size()).toBe(100);
    saveIndexAtomically(dir, indexOf(150), meta(3));
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('a crash after the data renames but before the manifest swap still loads the previous generation', () => {
    saveIndexAtomically(dir, indexOf(100), meta(1));
    expect(() => saveIndexAtomically(dir, indexOf(200), meta(2), { crashAt: 'before-manifest' })).toThrow(SimulatedCrash);
    expect(existsSync(join(dir, 'hnsw.2.bin'))).toBe(true);
    const loaded = loadIndex(dir, expected);
    expect('index' in loaded && loaded.manifest.generation).toBe(1);
    expect('index' in loaded && loaded.index.size()).toBe(100);
  });

  it('refuses corrupt or truncated files, another model and other graph parameters, saying why', () => {
    const m = saveIndexAtomically(dir, indexOf(100), meta(1));
    expect(loadIndex(dir, { ...expected, modelId: 'model-b' })).toEqual({ reason: expect.stringContaining('model changed') });
    expect(loadIndex(dir, { ...expected, params: { ...params, m: 16 } })).toEqual({ reason: expect.stringContaining('graph parameters') });
    const graph = join(dir, m.files.graph);
    const bytes = readFileSync(graph);
    writeFileSync(graph, bytes.subarray(0, bytes.length >> 1));
    expect(loadIndex(dir, expected)).toEqual({ reason: expect.stringContaining('corrupt') });
    rmSync(join(dir, MANIFEST_FILE));
    expect(loadIndex(dir, expected)).toEqual({ reason: 'no saved index' });
    writeFileSync(join(dir, MANIFEST_FILE), 'not json');
    expect(readManifest(dir).reason).toContain('unreadable');
  });
});
