// Where a first start's time goes, step by step, on a fresh DATA_DIR with the full demo: runtime (migrations),
// demo seed, portraits (jieba), then the embedding of a sample of the real evidence texts under several
// settings (ONNX Runtime intra-op threads, batch size, token limit), extrapolated to all texts, and the HNSW
// build of that many vectors. Interleaved configurations would be fairer but cost minutes each; every
// configuration embeds the same sample.
//   npm run bench -- start-profile [--sample N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { seedDemoIfEmpty } from '../../src/demo/seed-demo.service';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { TransformersEmbedder } from '../../src/embeddings/transformers-embedder.adapter';
import { HnswIndex } from '../../src/index/hnsw.adapter';
import { createRuntime } from '../../src/runtime';
import { createLogger } from '../../src/shared/logger';
import { emit, numberOption, option, round } from './bench.types';

export async function run(args: string[]): Promise<void> {
  const sample = numberOption(args, 'sample', 512);
  const only = option(args, 'configs');
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-profile-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const t = performance.now();
  const lap = (() => {
    let last = t;
    return () => {
      const now = performance.now();
      const s = (now - last) / 1000;
      last = now;
      return round(s, 2);
    };
  })();
  const runtime = createRuntime(config, { logger: createLogger('silent'), embedder: new HashingEmbedder(512) });
  const runtimeS = lap();
  const seeded = seedDemoIfEmpty({ intake: runtime.services.intake, transaction: runtime.transaction, counts: runtime.repositories }, 'on');
  const seedS = lap();
  const stages: Record<string, number> = {};
  let stageStart = performance.now();
  let stage = '';
  const matching = await runtime.matching();
  const sync = await matching.retrieval.sync({
    onProgress: (p) => {
      if (p.stage !== stage) {
        const now = performance.now();
        if (stage) stages[stage] = round((now - stageStart) / 1000, 2);
        stage = p.stage;
        stageStart = now;
      }
    },
  });
  stages[stage] = round((performance.now() - stageStart) / 1000, 2);
  const syncS = lap();
  const warm = matching.ranker.warm({ cycleId: runtime.repositories.reference.listCycles().at(-1)?.id });
  const warmS = lap();
  const repo = runtime.repositories.retrieval;
  const meta = repo.listEvidenceMeta();
  const texts = repo.texts(meta.map((m) => m.id)).map((r) => r.text);
  const byKind: Record<string, number> = {};
  for (const m of meta) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
  const experts = new Set(meta.map((m) => m.expertId)).size;
  const chars = texts.reduce((s, x) => s + x.length, 0);
  emit({
    bench: 'start-profile',
    part: 'pipeline',
    runtime_s: runtimeS,
    seed_s: seedS,
    seeded: seeded && { experts: seeded.experts.inserted, demands: seeded.demands.inserted },
    sync_with_hashing_embedder_s: syncS,
    sync_stages_s: stages,
    warm_s: warmS,
    warm_ms: warm.ms,
    evidence: meta.length,
    evidence_by_kind: byKind,
    experts,
    avg_chars: round(chars / texts.length, 1),
    hnsw_build_s: stages.index ?? null,
    sync_ms: sync.ms,
  });

  // the sample: every k-th text, so lengths and kinds are as in the whole set
  const step = Math.max(1, Math.floor(texts.length / sample));
  const picked = texts.filter((_, i) => i % step === 0).slice(0, sample);
  const configs = [
    { threads: 2, batch: 32, maxTokens: 256 },
    { threads: 1, batch: 32, maxTokens: 256 },
    { threads: 2, batch: 8, maxTokens: 256 },
    { threads: 2, batch: 64, maxTokens: 256 },
    { threads: 2, batch: 32, maxTokens: 128 },
    { threads: 2, batch: 32, maxTokens: 64 },
  ].filter((_, i) => !only || only.split(',').includes(String(i)));
  for (const c of configs) {
    const loadT = performance.now();
    const embedder = await TransformersEmbedder.load({ modelDir: config.modelDir, model: config.embedModel, maxTokens: c.maxTokens, batchSize: c.batch, threads: c.threads });
    const loadS = (performance.now() - loadT) / 1000;
    const tokT = performance.now();
    const batches = embedder.prepareBatches(picked);
    const tokS = (performance.now() - tokT) / 1000;
    const tokens = batches.reduce((s, b) => s + b.attentionMask.reduce((a, x) => a + Number(x), 0), 0);
    const padded = batches.reduce((s, b) => s + b.attentionMask.length, 0);
    await embedder.embed(picked.slice(0, 32));
    const t0 = performance.now();
    await embedder.embed(picked);
    const s = (performance.now() - t0) / 1000;
    emit({
      bench: 'start-profile',
      part: 'embed',
      ...c,
      model_load_s: round(loadS, 2),
      texts: picked.length,
      avg_tokens: round(tokens / picked.length, 1),
      padding_share: round(1 - tokens / padded, 3),
      tokenise_s: round(tokS, 3),
      embed_s: round(s, 2),
      texts_per_s: round(picked.length / s, 1),
      all_evidence_s: round((texts.length / picked.length) * s, 1),
    });
    await embedder.dispose();
  }
  void HnswIndex;
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
}
