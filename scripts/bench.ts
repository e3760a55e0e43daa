// Benchmark dispatcher: `npm run bench -- <name> [args]` runs scripts/bench/<name>.bench.ts, whose
// `run(args)` prints one JSON line per figure set on stdout (logs go to stderr). Adding a bench is adding
// a file: nothing here needs to change.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule } from './bench/bench.types';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const available = () =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(join(dir, `${name}.bench.ts`))) {
  process.stderr.write(`usage: npm run bench -- <name> [--quick] [options]\navailable: ${available().join(', ')}\n`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as BenchModule;
await mod.run(args);
