// npm run export -- <experts|enterprises|demands> [FILE] [--format jsonl|csv]  (stdout when FILE is omitted;
// the format follows FILE's extension, JSON Lines by default)
// npm run export -- summary FILE.xlsx --cycle ID --region CODE [--filler 姓名] [--phone 电话] [--date YYYY-MM-DD]
//   附件2 选派需求汇总表 of a region's demands before matching, set up for printing.
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { exportLines } from '../src/intake/export.service';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli } from './lib/cli';

const USAGE =
  'usage: npm run export -- <experts|enterprises|demands> [FILE] [--format jsonl|csv]\n' +
  '       npm run export -- summary FILE.xlsx --cycle ID --region CODE [--filler 姓名] [--phone 电话] [--date YYYY-MM-DD]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string' }, cycle: { type: 'string' }, region: { type: 'string' }, filler: { type: 'string' }, phone: { type: 'string' }, date: { type: 'string' } },
});
const [kind, file] = positionals;
if (kind === 'summary') await exportSummary();
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

async function exportSummary(): Promise<never> {
  if (!file || !values.cycle || !values.region) fail(USAGE);
  const cli = openCli('export');
  try {
    const out = await cli.runtime.services.summaryExport.exportSummary({
      cycle: values.cycle,
      region: values.region,
      filler: values.filler,
      phone: values.phone,
      date: values.date,
    });
    writeFileSync(file, out.body);
    process.stderr.write(`${JSON.stringify({ exported: out.rows, kind, file })}\n`);
    await cli.close();
    process.exit(0);
  } catch (err) {
    await cli.close();
    fail(`导出失败：${(err as Error).message}`, 1);
  }
}
