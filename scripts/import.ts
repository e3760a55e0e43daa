// npm run import -- <experts|enterprises|demands> FILE [--strict] [--approve] [--format jsonl|csv|xlsx]
// Experts and demands land as submitted for the county's review; --approve (run by the city administrator on the
// server) approves them on import, each approval audited as 'intake.approve_on_import' by cli:import.
// Prints the JSON summary (rows inserted/updated/unchanged, rejected rows with line and field, and a warning
// per stored row that lacks facts a policy rule reads). Exit 1 when no row was stored at all, or with
// --strict when any row was rejected (then nothing is stored); 2 for bad arguments.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importRows, storedRows } from '../src/intake/bulk-import.service';
import { detectFormat, readImportFile, type ImportFormat } from '../src/intake/import-file.reader';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli, writeJsonLine } from './lib/cli';

const KINDS = ['experts', 'enterprises', 'demands'] as const;
const USAGE = 'usage: npm run import -- <experts|enterprises|demands> FILE [--strict] [--approve] [--format jsonl|csv|xlsx]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { strict: { type: 'boolean', default: false }, approve: { type: 'boolean', default: false }, format: { type: 'string' } },
});
const [kind, file] = positionals;
if (!KINDS.includes(kind as EntityKind) || !file) fail(USAGE);
if (!existsSync(file)) fail(`文件不存在：${file}`);
const format = (values.format ?? detectFormat(file)) as ImportFormat | undefined;
if (!format || !['jsonl', 'csv', 'xlsx'].includes(format)) fail(`无法识别文件格式（.jsonl / .csv / .xlsx，或用 --format 指定）：${file}`);

const cli = openCli('import');
try {
  const rows = await readImportFile(kind as EntityKind, file, format);
  const summary = importRows({ intake: cli.runtime.services.intake, transaction: cli.runtime.transaction }, kind as EntityKind, rows, {
    strict: values.strict,
    review: { by: { actor: 'cli:import', actorRole: values.approve ? 'admin' : 'system' }, approve: values.approve },
  });
  writeJsonLine(summary);
  await cli.close();
  // Without --strict the good rows are stored even when others are rejected: that is success. Storing
  // nothing at all (an empty file, or every row rejected) is not.
  if (storedRows(summary) === 0) {
    process.stderr.write(`没有保存任何记录（${rows.length} 行，${summary.rejected.length} 处错误）：${file}\n`);
    process.exit(1);
  }
  process.exit(values.strict && summary.rejected.length > 0 ? 1 : 0);
} catch (err) {
  await cli.close();
  fail(`导入失败：${(err as Error).message}`, 1);
}
