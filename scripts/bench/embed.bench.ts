// Embedding throughput of the project's embedder (tokenise + batch + transformers.js model + CLS pooling)
// against a bare onnxruntime-node session running the same ONNX file on the very same token batches,
// interleaved in one run so machine noise hits both alike. The figure is the ratio (goal ≥ 0.9).
//   npm run bench -- embed [--quick] [--texts N] [--rounds R] [--batch B]
import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { loadConfig } from '../../src/config';
import { poolHiddenStates, type TokenBatch, TransformersEmbedder } from '../../src/embeddings/transformers-embedder.adapter';
import { emit, flag, numberOption, option, round, rssMb } from './bench.types';
import { syntheticTexts } from './synthetic-texts';

async function baselineEmbed(session: ort.InferenceSession, batches: TokenBatch[], dim: number, n: number): Promise<Float32Array[]> {
  const out = new Array<Float32Array>(n);
  for (const b of batches) {
    const dims = [b.indices.length, b.seqLen];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', b.inputIds, dims),
      attention_mask: new ort.Tensor('int64', b.attentionMask, dims),
    };
    if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', b.tokenTypeIds, dims);
    const res = await session.run(feeds);
    const hidden = res[session.outputNames[0]].data as Float32Array;
    poolHiddenStates(hidden, b, dim, 'cls').forEach((v, r) => {
      out[b.indices[r]] = v;
    });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(args: string[]): Promise<void> {
  const config = loadConfig();
  const quick = flag(args, 'quick');
  const nTexts = numberOption(args, 'texts', quick ? 256 : 1024);
  const rounds = numberOption(args, 'rounds', quick ? 3 : 5);
  const batchSize = numberOption(args, 'batch', config.embedBatch);
  const file = option(args, 'file');
  const texts = file ? readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, nTexts) : syntheticTexts(nTexts);

  const embedder = await TransformersEmbedder.load({ modelDir: config.modelDir, model: config.embedModel, maxTokens: config.embedMaxTokens, batchSize });
  // Same file, same default session options as transformers.js hands to onnxruntime-node.
  const session = await ort.InferenceSession.create(embedder.onnxPath, { logSeverityLevel: 3 });
  const batches = embedder.prepareBatches(texts);
  const tokens = batches.reduce((s, b) => s + b.attentionMask.reduce((a, x) => a + Number(x), 0), 0);

  // warm-up, and a check that both produce the same vectors
  const ours = await embedder.embed(texts.slice(0, 64));
  const bare = await baselineEmbed(session, embedder.prepareBatches(texts.slice(0, 64)), embedder.dim, 64);
  let maxDiff = 0;
  ours.forEach((v, i) =>
    v.forEach((x, d) => {
      maxDiff = Math.max(maxDiff, Math.abs(x - bare[i][d]));
    }),
  );

  const oursS: number[] = [];
  const bareS: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // alternate the order so neither side always runs on a warmer or cooler machine
    const order = r % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
    for (const who of order) {
      const t0 = performance.now();
      if (who === 'ours') await embedder.embed(texts);
      else await baselineEmbed(session, batches, embedder.dim, texts.length);
      (who === 'ours' ? oursS : bareS).push((performance.now() - t0) / 1000);
    }
  }
  const ours_tps = texts.length / median(oursS);
  const bare_tps = texts.length / median(bareS);
  emit({
    bench: 'embed',
    model: embedder.modelId,
    texts: texts.length,
    text_source: file ? `file:${file}` : 'synthetic-zh-technical',
    avg_tokens: round(tokens / texts.length, 1),
    batch: batchSize,
    rounds,
    quick,
    texts_per_s: round(ours_tps, 1),
    baseline_texts_per_s: round(bare_tps, 1),
    ratio: round(ours_tps / bare_tps, 3),
    max_abs_diff: Number(maxDiff.toExponential(2)),
    rss_mb: rssMb(),
  });
  await session.release();
  await embedder.dispose();
}
