// npm run import -- <experts|enterprises|demands> FILE [--strict] [--approve] [--format jsonl|csv|xlsx]
// npm run import -- <form1|form2> FILE.xlsx [FILE.xlsx ...] --cycle ID [--region CODE]
//   the official workbooks: form1 = 附件1 需求与技术创新难题信息表 (one enterprise per sheet), form2 = 附件2 汇总表.
//   A bad 附件1 sheet (or 附件2 row) is rejected whole with its cells; the others are stored.
// Experts and demands land as submitted for the county's review; --approve (run by the city administrator on the
// server) approves them on import, each approval audited as 'intake.approve_on_import' by cli:import.
// Prints the JSON summary (rows inserted/updated/unchanged, rejected rows with line and field, and a warning
// per stored row that lacks facts a policy rule reads). Exit 1 when no row was stored at all, or with
// --strict when any row was rejected (then nothing is stored), and when the database failed (locked past the
// retries, disk full, I/O error: the summary is not printed, rows stored by earlier chunks stay); 2 for bad arguments.
// A chunk that meets a locked database is rolled back and retried with backoff, never reported as bad rows.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { importRows, storedRows } from '../src/intake/bulk-import.service';
import { detectFormat, readImportFile, type ImportFormat } from '../src/intake/import-file.reader';
import type { EntityKind } from '../src/intake/intake.service';
import { readWorkbookCells } from '../src/intake/official-workbook.reader';
import { fail, openCli, writeJsonLine } from './lib/cli';

const KINDS = ['experts', 'enterprises', 'demands'] as const;
const USAGE =
  'usage: npm run import -- <experts|enterprises|demands> FILE [--strict] [--approve] [--format jsonl|csv|xlsx]\n' +
  '       npm run import -- <form1|form2> FILE.xlsx [FILE.xlsx ...] --cycle ID [--region CODE]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    strict: { type: 'boolean', default: false },
    approve: { type: 'boolean', default: false },
    format: { type: 'string' },
    cycle: { type: 'string' },
    region: { type: 'string' },
  },
});
const [kind, file] = positionals;
if (kind === 'form1' || kind === 'form2') await importForms(kind, positionals.slice(1));
if (!KINDS.includes(kind as EntityKind) || !file) fail(USAGE);
if (!existsSync(file)) fail(`文件不存在：${file}`);
const format = (values.format ?? detectFormat(file)) as ImportFormat | undefined;
if (!format || !['jsonl', 'csv', 'xlsx'].includes(format)) fail(`无法识别文件格式（.jsonl / .csv / .xlsx，或用 --format 指定）：${file}`);

const cli = openCli('import');
try {
  const rows = await readImportFile(kind as EntityKind, file, format);
  const summary = importRows({ intake: cli.runtime.services.intake, transaction: cli.runtime.transaction }, kind as EntityKind, rows, {
    strict: values.strict,
    // The audit trail names the operator's login on this host: the CLI has no service account.
    by: { actor: `cli:import:${userInfo().username}`, actorRole: 'operator' },
    onRetry: (attempt, err) => cli.logger.warn({ attempt, code: (err as { code?: string }).code }, '数据库被其他进程占用，本批次已回滚，稍后重试'),
    review: { approve: values.approve },
  });
  writeJsonLine(summary);
  await cli.close();
  // Without --strict the good rows are stored even when others are rejected: that is success. Storing
  // nothing at all (an empty file, or every row rejected) is not.
  if (storedRows(summary) === 0) {
    process.stderr.write(`没有保存任何记录（${rows.length} 行，${summary.rejected.length} 处错误）：${file}\n`);
    process.exitCode = 1;
  } else {
    // exitCode, not exit(): a large summary on a pipe is written asynchronously and exit() would cut it off.
    process.exitCode = values.strict && summary.rejected.length > 0 ? 1 : 0;
  }
} catch (err) {
  await cli.close();
  const code = (err as { code?: string }).code;
  fail(`导入失败${code?.startsWith('SQLITE_') ? `（数据库错误 ${code}，已保存的批次保留，可重新运行导入）` : ''}：${(err as Error).message}`, 1);
}

async function importForms(form: 'form1' | 'form2', files: string[]): Promise<never> {
  if (files.length === 0 || !values.cycle) fail(USAGE);
  for (const f of files) if (!existsSync(f)) fail(`文件不存在：${f}`);
  const cli = openCli('import');
  try {
    const sheets = (await Promise.all(files.map((f) => readWorkbookCells(f)))).flat();
    const opts = { cycle: values.cycle!, region: values.region };
    const svc = cli.runtime.services.formImport;
    const report = form === 'form1' ? svc.importAttachment1(sheets, opts) : svc.importAttachment2(sheets, opts);
    writeJsonLine(report);
    await cli.close();
    process.exit(report.stored.length === 0 ? 1 : 0);
  } catch (err) {
    await cli.close();
    fail(`导入失败：${(err as Error).message}`, 1);
  }
}
