// Writes what the offline signal study (scripts/analysis/signal-variants.py, docs/evaluation.md) reads: per task,
// every evidence item's BM25 terms (the ranker's tokenizer: jieba words + character bigrams) and vector, the
// portrait vectors, and each query's split, relevant expert, terms and vector. The study re-computes the shipped
// ranking from these exactly (NSFC DEV recall@10 0.317) and scores every variant over all experts, not a pool.
//
//   npx tsx scripts/eval-signals-export.ts --data ../shared/eval/nsfc-management/projects.csv \
//     --csl ../shared/eval/csl-dev/papers.jsonl --data-dir /work/cache/i17-eval --out /tmp/i17/x
//
// Run `npm run eval -- … --data-dir DIR` once before: it imports and embeds, this only reads DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiebaKeywordExtractor } from '../src/portraits/jieba-keyword.adapter';
import { createLexicalTokenizer } from '../src/ranking/lexical-tokenizer';
import { buildCslTask, readCslPapers } from './lib/csl-task';
import { type PreparedTask, prepareTask } from './lib/eval-runner';
import { readNsfcProjects } from './lib/nsfc-projects';
import { buildNsfcTask } from './lib/nsfc-task';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const tokenizer = createLexicalTokenizer(createJiebaKeywordExtractor());

const f32 = (vectors: Float32Array[], dim: number) => {
  const buf = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => buf.set(v, i * dim));
  return Buffer.from(buf.buffer);
};

async function exportTask(name: string, p: PreparedTask, out: string): Promise<void> {
  const { index } = p.matching.retrieval;
  const corpus = p.matching.ranker.corpus;
  corpus.refresh();
  const ext = (expertId: number) => corpus.meta.get(expertId)?.externalId;
  const items: string[] = [];
  const itemVectors: Float32Array[] = [];
  const itemIds = new Set<number>();
  for (const page of p.runtime.repositories.ranking.iterateEvidenceTexts()) {
    for (const row of page) {
      const v = index.vectorOf(row.id);
      if (!v) continue;
      itemIds.add(row.id);
      items.push(JSON.stringify({ id: row.id, e: ext(row.expertId), t: tokenizer.tokenize(row.text) }));
      itemVectors.push(v);
    }
  }
  // Evidence the lexical texts do not list is the portrait (one per expert).
  const portraits: string[] = [];
  const portraitVectors: Float32Array[] = [];
  for (const id of index.evidenceIds()) {
    if (itemIds.has(id)) continue;
    portraits.push(JSON.stringify({ id, e: ext(index.expertOf(id)!) }));
    portraitVectors.push(index.vectorOf(id)!);
  }
  const queries = [...p.test.map((q) => ({ ...q, split: 'test' })), ...p.dev.map((q) => ({ ...q, split: 'dev' }))];
  const queryVectors: Float32Array[] = [];
  for (const q of queries) queryVectors.push(await p.matching.retrieval.embedQuery(q.title));
  writeFileSync(join(out, `${name}-ev.jsonl`), items.join('\n'));
  writeFileSync(join(out, `${name}-ev.f32`), f32(itemVectors, index.dim));
  writeFileSync(join(out, `${name}-pt.jsonl`), portraits.join('\n'));
  writeFileSync(join(out, `${name}-pt.f32`), f32(portraitVectors, index.dim));
  writeFileSync(join(out, `${name}-q.jsonl`), queries.map((q) => JSON.stringify({ split: q.split, rel: q.expertId, q: q.title, t: tokenizer.tokenize(q.title) })).join('\n'));
  writeFileSync(join(out, `${name}-q.f32`), f32(queryVectors, index.dim));
  process.stderr.write(`${JSON.stringify({ task: name, items: items.length, portraits: portraits.length, queries: queries.length })}\n`);
}

async function main() {
  const data = arg('data');
  const cslFile = arg('csl');
  const dataDir = arg('data-dir');
  if (!data || !cslFile || !dataDir) {
    process.stderr.write('usage: npx tsx scripts/eval-signals-export.ts --data <projects.csv> --csl <papers.jsonl> --data-dir DIR [--out DIR]\n');
    process.exit(2);
  }
  const out = resolve(arg('out') ?? '/tmp/i17/x');
  mkdirSync(out, { recursive: true });
  const nsfc = await prepareTask('nsfc', buildNsfcTask(readNsfcProjects(data)), { dataDir: join(dataDir, 'nsfc'), referenceYear: 2018, seed: 1, test: 2000, dev: 1000 });
  await exportTask('nsfc', nsfc, out);
  await nsfc.runtime.close();
  const cslTask = buildCslTask(readCslPapers(cslFile));
  const csl = await prepareTask('csl', cslTask, { dataDir: join(dataDir, 'csl'), referenceYear: 2018, seed: 1, test: cslTask.queries.length, dev: 0 });
  await exportTask('csl', csl, out);
  await csl.runtime.close();
}

await main();
