import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransformersEmbedder } from '../../src/embeddings/transformers-embedder.adapter';
import { expertSchema } from '../../src/intake/expert.schema';
import { readManifest } from '../../src/index/ann-persistence';
import { PortraitRepository } from '../../src/portraits/portrait.repository';
import type { RetrievalService } from '../../src/retrieval/retrieval.service';
import { batteryExpert, CountingEmbedder, createTempWorld, machiningExpert, textileExpert, upsertExperts } from './fixtures';

const PROBLEM = '我公司生产的动力电池包在高温和过充条件下容易发生热失控起火，希望改进正极材料和电解液，提高电池安全性。';

describe('retrieval sync with the real model', () => {
  let model: TransformersEmbedder;
  let world: ReturnType<typeof createTempWorld>;
  let ids: number[];
  const open: RetrievalService[] = [];

  beforeAll(async () => {
    const w = createTempWorld('model-');
    model = await TransformersEmbedder.load({ modelDir: w.config.modelDir, model: w.config.embedModel, maxTokens: w.config.embedMaxTokens, batchSize: w.config.embedBatch });
    await w.cleanup();
  });
  afterAll(() => model?.dispose());
  beforeEach(() => {
    world = createTempWorld('sync-');
    ids = upsertExperts(world, [batteryExpert, textileExpert, machiningExpert]);
  });
  afterEach(async () => {
    for (const r of open.splice(0)) await r.close();
    await world.cleanup();
  });

  /** A fresh process: new in-memory state over the same DATA_DIR, with the embed calls counted. */
  async function start() {
    const counter = new CountingEmbedder(model);
    const { retrieval } = await world.start({ embedder: counter, referenceYear: 2025 }).matching();
    open.push(retrieval);
    return { retrieval, counter };
  }

  it('ranks the lithium-battery materials expert above the textile dyeing expert for a thermal-runaway problem, pointing at the evidence', async () => {
    const { retrieval } = await start();
    const result = await retrieval.sync();
    expect(result).toMatchObject({ portraitsBuilt: 3, cacheHits: 0, rebuilt: true, saved: true });
    expect(result.textsEmbedded).toBe(result.evidence);
    const q = await retrieval.embedQuery(PROBLEM);
    const scores = retrieval.index.scoreExpertsExact(q);
    const [battId, textId] = ids;
    expect(scores[0].expertId).toBe(battId);
    const batt = scores.find((s) => s.expertId === battId)!;
    const text = scores.find((s) => s.expertId === textId)!;
    expect(batt.score).toBeGreaterThan(text.score + 0.1);
    const best = retrieval.describeEvidence([batt.evidence[0].evidenceId]).get(batt.evidence[0].evidenceId)!;
    expect(best.expertId).toBe(battId);
    expect(best.label).toMatch(/热失控/);
    expect(retrieval.index.searchExperts(q, 2).map((s) => s.expertId)).toEqual(scores.slice(0, 2).map((s) => s.expertId));
    expect(retrieval.index.searchEvidence(q, 3, { allowExpertIds: [textId] }).every((h) => h.expertId === textId)).toBe(true);
  });

  it('a restart reuses portraits, vectors and the saved index without embedding anything', async () => {
    const first = await start();
    await first.retrieval.sync();
    const q = await first.retrieval.embedQuery(PROBLEM);
    const before = first.retrieval.index.searchEvidence(q, 5);

    await world.reopen();
    const second = await start();
    const result = await second.retrieval.sync();
    expect(result).toMatchObject({ portraitsBuilt: 0, textsEmbedded: 0, indexAdded: 0, indexDeleted: 0, rebuilt: false, saved: false });
    expect(result.cacheHits).toBe(result.evidence);
    expect(second.counter.calls).toBe(0);
    expect(second.retrieval.index.searchEvidence(q, 5, { exact: false })).toEqual(before);
  });

  it('rebuilds only the stale portrait and embeds only its changed texts', async () => {
    await (await start()).retrieval.sync();
    const changed = structuredClone(batteryExpert);
    changed.projects![0].abstract = '研究钠离子电池层状氧化物正极材料的热稳定性，以及电池热失控的早期预警方法。';
    world.runtime.repositories.experts.upsert(expertSchema.parse(changed));

    const { retrieval, counter } = await start();
    const result = await retrieval.sync();
    expect(result.portraitsBuilt).toBe(1);
    const battTexts = new PortraitRepository(world.db).listEvidence(ids[0]).map((e) => e.text);
    expect(counter.texts.length).toBeGreaterThanOrEqual(1);
    expect(counter.texts.every((t) => battTexts.includes(t))).toBe(true);
    expect(counter.texts.some((t) => t.includes('钠离子电池'))).toBe(true);
    expect(result.textsEmbedded).toBe(counter.texts.length);
    expect(result).toMatchObject({ rebuilt: false, saved: true, indexAdded: counter.texts.length, indexDeleted: counter.texts.length });
  });

  it('a save killed before the manifest swap leaves the previous index usable; the next sync adds only the difference', async () => {
    await (await start()).retrieval.sync();
    const dir = world.config.indexDir;
    const gen = readManifest(dir).manifest!.generation;
    // leftovers of a save that died: renamed data files of the next generation and a torn manifest
    writeFileSync(join(dir, `hnsw.${gen + 1}.bin`), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, `hnsw.${gen + 1}.labels.tmp`), Buffer.alloc(16, 1));
    writeFileSync(join(dir, 'manifest.json.tmp'), '{"format":1,"modelId":"BA');

    await world.reopen();
    const restarted = await start();
    expect(await restarted.retrieval.sync()).toMatchObject({ rebuilt: false, textsEmbedded: 0, saved: false });

    upsertExperts(world, [{ ...machiningExpert, externalId: 'EXP-MACH-2', name: '赵机床' }]);
    const result = await restarted.retrieval.sync();
    // the copy's project text equals the original's: cached, not embedded again; its portrait differs by nothing either
    expect(result).toMatchObject({ portraitsBuilt: 1, rebuilt: false, saved: true, indexDeleted: 0, textsEmbedded: 0 });
    expect(result.indexAdded).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readManifest(dir).manifest!.count).toBe(result.evidence);
  });

  it('a corrupt index file is rebuilt from cached vectors, without embedding', async () => {
    await (await start()).retrieval.sync();
    const dir = world.config.indexDir;
    const m = readManifest(dir).manifest!;
    const file = join(dir, m.files.graph);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(file, bytes);

    const { retrieval, counter } = await start();
    const result = await retrieval.sync();
    expect(result).toMatchObject({ rebuilt: true, textsEmbedded: 0, saved: true });
    expect(result.rebuildReason).toMatch(/corrupt/);
    expect(counter.calls).toBe(0);
  });

  it('deleting an expert marks its evidence deleted in the index', async () => {
    const { retrieval } = await start();
    const first = await retrieval.sync();
    const textileItems = new PortraitRepository(world.db).listEvidence(ids[1]).length;
    world.db.$client.prepare('delete from experts where id = ?').run(ids[1]);
    const result = await retrieval.sync();
    expect(result).toMatchObject({ indexDeleted: textileItems, indexAdded: 0, evidence: first.evidence - textileItems, saved: true });
    const q = await retrieval.embedQuery('棉织物活性染料染色');
    expect(retrieval.index.searchEvidence(q, 10).some((h) => h.expertId === ids[1])).toBe(false);
    expect(retrieval.index.scoreExpertsExact(q, [ids[1]])).toEqual([]);
  });

  it('another model id rebuilds the index and embeds into its own vector space', async () => {
    await (await start()).retrieval.sync();
    const other = new CountingEmbedder(model);
    Object.defineProperty(other, 'modelId', { get: () => 'another-model' });
    const { retrieval } = await world.start({ embedder: other, referenceYear: 2025 }).matching();
    open.push(retrieval);
    const result = await retrieval.sync();
    expect(result.rebuilt).toBe(true);
    expect(result.rebuildReason).toMatch(/model changed/);
    expect(result.textsEmbedded).toBe(result.evidence);
    expect(readManifest(world.config.indexDir).manifest!.modelId).toBe('another-model');
  });
});
