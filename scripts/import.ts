// npm run import -- <experts|enterprises|demands> FILE [--strict] [--format jsonl|csv|xlsx]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importRows } from '../src/intake/bulk-import.service';
import { detectFormat, readImportFile, type ImportFormat } from '../src/intake/import-file.reader';
import type { EntityKind } from '../src/intake/intake.service';
import { fail, openCli, writeJsonLine } from './lib/cli';

const KINDS = ['experts', 'enterprises', 'demands'] as const;
const USAGE = 'usage: npm run import -- <experts|enterprises|demands> FILE [--strict] [--format jsonl|csv|xlsx]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { strict: { type: 'boolean', default: false }, format: { type: 'string' } },
});
const [kind, file] = positionals;
if (!KINDS.includes(kind as EntityKind) || !file) fail(USAGE);
if (!existsSync(file)) fail(`文件不存在：${file}`);
const format = (values.format ?? detectFormat(file)) as ImportFormat | undefined;
if (!format || !['jsonl', 'csv', 'xlsx'].includes(format)) fail(`无法识别文件格式（.jsonl / .csv / .xlsx，或用 --format 指定）：${file}`);

const cli = openCli('import');
try {
  const rows = await readImportFile(kind as EntityKind, file, format);
  const summary = importRows({ intake: cli.runtime.services.intake, transaction: cli.runtime.transaction }, kind as EntityKind, rows, { strict: values.strict });
  writeJsonLine(summary);
  await cli.close();
  // Without --strict the good rows are stored even when others are rejected: that is success.
  process.exit(values.strict && summary.rejected.length > 0 ? 1 : 0);
} catch (err) {
  await cli.close();
  fail(`导入失败：${(err as Error).message}`, 1);
}
