// npm run export -- <experts|enterprises|demands> [FILE] [--force]  (JSON Lines; stdout when FILE is omitted)
// Refuses (exit 2, nothing written) to write over the live database or its WAL files, ever, and over any
// other existing file unless --force is given. The file is written beside the target and renamed into place
// when complete, so an interrupted export never leaves half a file under the name.
import { createWriteStream, existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { exportRecords } from '../src/intake/export.service';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli } from './lib/cli';

const USAGE = 'usage: npm run export -- <experts|enterprises|demands> [FILE] [--force]';
const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
const [kind, file] = positionals;
if (!['experts', 'enterprises', 'demands'].includes(kind)) fail(USAGE);

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

const cli = openCli('export');
const partial = file ? `${resolve(file)}.part-${process.pid}` : undefined;
const out = partial ? createWriteStream(partial, { mode: 0o600 }) : process.stdout;
let n = 0;
try {
  for (const record of exportRecords(cli.runtime.repositories, kind as EntityKind)) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    n++;
  }
  if (partial) {
    (out as ReturnType<typeof createWriteStream>).end();
    await once(out, 'finish');
    renameSync(partial, resolve(file));
    process.stderr.write(`${JSON.stringify({ exported: n, kind, file })}\n`);
  }
} catch (err) {
  if (partial) rmSync(partial, { force: true });
  await cli.close();
  fail(`导出失败：${(err as Error).message}`, 1);
}
await cli.close();
