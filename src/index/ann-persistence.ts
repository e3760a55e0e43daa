import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type HnswParams, HnswIndex } from './hnsw.adapter';

/** How far the database was when the index was saved: start-up compares it to tell whether anything changed. */
export const watermarkSchema = z.object({
  changeSeq: z.number().int().nonnegative(),
  maxEvidenceId: z.number().int().nonnegative(),
  evidenceCount: z.number().int().nonnegative(),
});
export type Watermark = z.infer<typeof watermarkSchema>;

export const indexManifestSchema = z.object({
  format: z.literal(1),
  modelId: z.string().min(1),
  dim: z.number().int().positive(),
  space: z.literal('ip'),
  count: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  params: z.object({ m: z.number().int().positive(), efConstruction: z.number().int().positive() }),
  watermark: watermarkSchema,
  generation: z.number().int().positive(),
  files: z.object({ graph: z.string().min(1), labels: z.string().min(1) }),
  sha256: z.object({ graph: z.string().length(64), labels: z.string().length(64) }),
  savedAt: z.string(),
});
export type IndexManifest = z.infer<typeof indexManifestSchema>;

export const MANIFEST_FILE = 'manifest.json';
const DATA_FILE = /^hnsw\.(\d+)\.(bin|labels)(\.tmp)?$/;

/** Thrown by the fault-injection points that tests use to simulate a crash in the middle of a save. */
export class SimulatedCrash extends Error {}
export type CrashPoint = 'after-temp-files' | 'before-manifest';

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function readManifest(dir: string): { manifest?: IndexManifest; reason?: string } {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return { reason: 'no saved index' };
  try {
    const parsed = indexManifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? { manifest: parsed.data } : { reason: `manifest invalid: ${parsed.error.issues[0]?.message}` };
  } catch (err) {
    return { reason: `manifest unreadable: ${(err as Error).message}` };
  }
}

/**
 * Saves the index as a new generation: data files are written under temp names, fsynced and renamed,
 * then the manifest naming them is swapped in by rename — the single commit point. A crash at any step
 * leaves the previous manifest pointing at the previous, intact files.
 */
export function saveIndexAtomically(dir: string, index: HnswIndex, meta: { modelId: string; watermark: Watermark }, opts: { crashAt?: CrashPoint } = {}): IndexManifest {
  mkdirSync(dir, { recursive: true });
  const previous = readManifest(dir).manifest;
  const used = readdirSync(dir)
    .map((f) => DATA_FILE.exec(f))
    .filter(Boolean)
    .map((m) => Number(m![1]));
  const generation = Math.max(previous?.generation ?? 0, ...used) + 1;
  const files = { graph: `hnsw.${generation}.bin`, labels: `hnsw.${generation}.labels` };
  const tmp = { graph: join(dir, `${files.graph}.tmp`), labels: join(dir, `${files.labels}.tmp`) };

  index.save(tmp.graph);
  fsyncPath(tmp.graph);
  const live = Uint32Array.from(index.labels()).sort();
  writeFileSync(tmp.labels, Buffer.from(live.buffer, live.byteOffset, live.byteLength));
  fsyncPath(tmp.labels);
  const sha256 = { graph: sha256File(tmp.graph), labels: sha256File(tmp.labels) };
  if (opts.crashAt === 'after-temp-files') throw new SimulatedCrash('simulated crash after writing temp files');

  renameSync(tmp.graph, join(dir, files.graph));
  renameSync(tmp.labels, join(dir, files.labels));
  if (opts.crashAt === 'before-manifest') throw new SimulatedCrash('simulated crash before the manifest swap');

  const manifest: IndexManifest = {
    format: 1,
    modelId: meta.modelId,
    dim: index.dim,
    space: 'ip',
    count: index.size(),
    deleted: index.deletedCount(),
    params: { m: index.params.m, efConstruction: index.params.efConstruction },
    watermark: meta.watermark,
    generation,
    files,
    sha256,
    savedAt: new Date().toISOString(),
  };
  const manifestTmp = join(dir, `${MANIFEST_FILE}.tmp`);
  writeFileSync(manifestTmp, JSON.stringify(manifest, null, 2));
  fsyncPath(manifestTmp);
  renameSync(manifestTmp, join(dir, MANIFEST_FILE));
  fsyncPath(dir);

  // Only now may older generations and leftovers of crashed saves go.
  for (const f of readdirSync(dir)) {
    const m = DATA_FILE.exec(f);
    if (m && Number(m[1]) !== generation) rmSync(join(dir, f), { force: true });
  }
  return manifest;
}

export type LoadedIndex = { index: HnswIndex; manifest: IndexManifest };

/**
 * Loads the committed generation if it was built for this model, dimension and graph parameters and its
 * files match their checksums (a corrupt file is never handed to the native reader). Otherwise says why.
 */
export function loadIndex(dir: string, expected: { modelId: string; dim: number; params: HnswParams }): LoadedIndex | { reason: string } {
  const { manifest, reason } = readManifest(dir);
  if (!manifest) return { reason: reason! };
  if (manifest.modelId !== expected.modelId) return { reason: `model changed (${manifest.modelId} → ${expected.modelId})` };
  if (manifest.dim !== expected.dim) return { reason: `dimension changed (${manifest.dim} → ${expected.dim})` };
  if (manifest.params.m !== expected.params.m || manifest.params.efConstruction !== expected.params.efConstruction) {
    return { reason: `graph parameters changed (M ${manifest.params.m}, efConstruction ${manifest.params.efConstruction})` };
  }
  const graph = join(dir, manifest.files.graph);
  const labels = join(dir, manifest.files.labels);
  if (!existsSync(graph) || !existsSync(labels)) return { reason: 'index files missing' };
  if (sha256File(graph) !== manifest.sha256.graph || sha256File(labels) !== manifest.sha256.labels) return { reason: 'index files corrupt (checksum mismatch)' };
  const raw = readFileSync(labels);
  const live = new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  if (live.length !== manifest.count) return { reason: 'label file does not match the manifest' };
  try {
    return { index: HnswIndex.load(graph, manifest.dim, expected.params, live), manifest };
  } catch (err) {
    return { reason: `index unreadable: ${(err as Error).message}` };
  }
}

/** Rewrites only the manifest (same data files) with a newer watermark, atomically. */
export function writeManifestWatermark(dir: string, manifest: IndexManifest, watermark: Watermark): IndexManifest {
  const next = { ...manifest, watermark };
  const tmp = join(dir, `${MANIFEST_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(next, null, 2));
  fsyncPath(tmp);
  renameSync(tmp, join(dir, MANIFEST_FILE));
  return next;
}
