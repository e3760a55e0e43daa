// One import in a fresh process, so its peak RSS is its own: `tsx import-run.child.ts ROOT FILE DATA_DIR`.
// ROOT is the checkout whose code runs (this tree, or an older one as the baseline); the same reader,
// bulk import and runtime as `npm run import`. Prints one JSON line: times, peak RSS and a hash of the
// stored experts as exported, so two code versions can be checked to store the same thing.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, file, dataDir] = process.argv.slice(2);
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(root, rel)).href)) as T;

type Mods = {
  config: { loadConfig(env?: Record<string, string | undefined>): unknown };
  runtime: { createRuntime(config: unknown, overrides?: unknown): { services: { intake: unknown }; repositories: unknown; transaction: unknown; close(): Promise<void> } };
  reader: { readImportFile(kind: string, file: string): Promise<unknown[]> };
  bulk: { importRows(deps: unknown, kind: string, rows: unknown[]): { inserted: number; updated: number; unchanged: number; rejected: unknown[] } };
  exporter: { exportRecords(repos: unknown, kind: string): Iterable<object> };
  hash: { stringifyStable(v: unknown): string };
  logger: { createCliLogger(level: string, name: string): unknown };
};

const m: Mods = {
  config: await load('src/config.ts'),
  runtime: await load('src/runtime.ts'),
  reader: await load('src/intake/import-file.reader.ts'),
  bulk: await load('src/intake/bulk-import.service.ts'),
  exporter: await load('src/intake/export.service.ts'),
  hash: await load('src/shared/hash.ts'),
  logger: await load('src/shared/logger.ts'),
};
const config = m.config.loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'off' });
const runtime = m.runtime.createRuntime(config, { logger: m.logger.createCliLogger('warn', 'bench-import') });
const t0 = performance.now();
const rows = await m.reader.readImportFile('experts', file);
const t1 = performance.now();
const summary = m.bulk.importRows({ intake: runtime.services.intake, transaction: runtime.transaction }, 'experts', rows);
const t2 = performance.now();
const digest = createHash('sha256');
for (const r of m.exporter.exportRecords(runtime.repositories, 'experts')) digest.update(m.hash.stringifyStable(r)).update('\n');
await runtime.close();
process.stdout.write(
  `${JSON.stringify({
    rows: rows.length,
    readS: (t1 - t0) / 1000,
    storeS: (t2 - t1) / 1000,
    inserted: summary.inserted,
    rejected: summary.rejected.length,
    storedHash: digest.digest('hex').slice(0, 16),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
