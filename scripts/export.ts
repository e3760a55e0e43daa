// npm run export -- <experts|enterprises|demands> [FILE] [--format jsonl|csv] [--force]  (stdout when FILE is
// omitted; the format follows FILE's extension, JSON Lines by default)
// npm run export -- summary FILE.xlsx --cycle ID --region CODE [--filler 姓名] [--phone 电话] [--date YYYY-MM-DD] [--force]
//   附件2 选派需求汇总表 of a region's demands before matching, set up for printing.
// Refuses (exit 2, nothing written) to write over the live database or its WAL files, ever, and over any
// other existing file unless --force is given. The file is written beside the target and renamed into place
// when complete, so an interrupted export never leaves half a file under the name.
import { createWriteStream, existsSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { exportLines } from '../src/intake/export.service';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli } from './lib/cli';

const USAGE =
  'usage: npm run export -- <experts|enterprises|demands> [FILE] [--format jsonl|csv] [--force]\n' +
  '       npm run export -- summary FILE.xlsx --cycle ID --region CODE [--filler 姓名] [--phone 电话] [--date YYYY-MM-DD] [--force]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    cycle: { type: 'string' },
    region: { type: 'string' },
    filler: { type: 'string' },
    phone: { type: 'string' },
    date: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const [kind, file] = positionals;
if (kind !== 'summary' && !['experts', 'enterprises', 'demands'].includes(kind)) fail(USAGE);

/** The path with symlinks resolved (of its folder, when the file itself does not exist yet). */
const canonical = (p: string) => {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  return existsSync(dirname(abs)) ? resolve(realpathSync(dirname(abs)), abs.slice(dirname(abs).length + 1)) : abs;
};

if (file) {
  const { dbFile } = loadConfig();
  const target = canonical(file);
  const db = canonical(dbFile);
  if ([db, `${db}-wal`, `${db}-shm`, `${db}-journal`].includes(target)) fail(`拒绝导出：${file} 是正在使用的数据库文件，覆盖它会毁掉全部数据。请换一个文件名。`);
  if (existsSync(target) && !values.force) fail(`拒绝导出：文件已存在：${file}。确认要覆盖请加 --force，或换一个文件名。`);
}

if (kind === 'summary') await exportSummary();

const format = values.format ?? (file && extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
if (format !== 'jsonl' && format !== 'csv') fail(USAGE);

const cli = openCli('export');
const partial = file ? `${resolve(file)}.part-${process.pid}` : undefined;
const out = partial ? createWriteStream(partial, { mode: 0o600 }) : process.stdout;
let n = -(format === 'csv' ? 1 : 0);
try {
  for (const line of exportLines(cli.runtime.repositories, kind as EntityKind, format)) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    n++;
  }
  if (partial) {
    (out as ReturnType<typeof createWriteStream>).end();
    await once(out, 'finish');
    renameSync(partial, resolve(file));
    process.stderr.write(`${JSON.stringify({ exported: n, kind, format, file })}\n`);
  }
} catch (err) {
  if (partial) rmSync(partial, { force: true });
  await cli.close();
  fail(`导出失败：${(err as Error).message}`, 1);
}
await cli.close();

async function exportSummary(): Promise<never> {
  if (!file || !values.cycle || !values.region) fail(USAGE);
  const cli = openCli('export');
  const partial = `${resolve(file)}.part-${process.pid}`;
  try {
    const out = await cli.runtime.services.summaryExport.exportSummary({
      cycle: values.cycle,
      region: values.region,
      filler: values.filler,
      phone: values.phone,
      date: values.date,
    });
    writeFileSync(partial, out.body, { mode: 0o600 });
    renameSync(partial, resolve(file));
    process.stderr.write(`${JSON.stringify({ exported: out.rows, kind, file })}\n`);
    await cli.close();
    process.exit(0);
  } catch (err) {
    rmSync(partial, { force: true });
    await cli.close();
    fail(`导出失败：${(err as Error).message}`, 1);
  }
}
