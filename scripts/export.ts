// npm run export -- <experts|enterprises|demands> [FILE]  (JSON Lines; stdout when FILE is omitted)
import { chmodSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportRecords } from '../src/intake/export.service';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli } from './lib/cli';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const [kind, file] = positionals;
if (!['experts', 'enterprises', 'demands'].includes(kind)) fail('usage: npm run export -- <experts|enterprises|demands> [FILE]');

const cli = openCli('export');
// Personal data: owner-only from the first byte, and an older file written over is made owner-only too.
const out = file ? createWriteStream(file, { mode: 0o600 }) : process.stdout;
if (file) {
  await once(out, 'open');
  chmodSync(file, 0o600);
}
let n = 0;
for (const record of exportRecords(cli.runtime.repositories, kind as EntityKind)) {
  if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  n++;
}
if (file) {
  (out as ReturnType<typeof createWriteStream>).end();
  await once(out, 'finish');
  process.stderr.write(`${JSON.stringify({ exported: n, kind, file })}\n`);
}
await cli.close();
