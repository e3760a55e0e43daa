// npm run export -- <experts|enterprises|demands> [FILE] [--format jsonl|csv]  (stdout when FILE is omitted;
// the format follows FILE's extension, JSON Lines by default)
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { exportLines } from '../src/intake/export.service';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli } from './lib/cli';

const USAGE = 'usage: npm run export -- <experts|enterprises|demands> [FILE] [--format jsonl|csv]';
const { positionals, values } = parseArgs({ allowPositionals: true, options: { format: { type: 'string' } } });
const [kind, file] = positionals;
if (!['experts', 'enterprises', 'demands'].includes(kind)) fail(USAGE);
const format = values.format ?? (file && extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
if (format !== 'jsonl' && format !== 'csv') fail(USAGE);

const cli = openCli('export');
const out = file ? createWriteStream(file) : process.stdout;
let n = -(format === 'csv' ? 1 : 0);
for (const line of exportLines(cli.runtime.repositories, kind as EntityKind, format)) {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
  n++;
}
if (file) {
  (out as ReturnType<typeof createWriteStream>).end();
  await once(out, 'finish');
  process.stderr.write(`${JSON.stringify({ exported: n, kind, format, file })}\n`);
}
await cli.close();
