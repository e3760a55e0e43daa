import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseCsv } from './csv.parser';
import type { EntityKind, FieldError } from './intake.service';
import { findUnknownColumns, toRecord } from './tabular-columns';
import { readXlsxTable } from './xlsx-table.reader';

export type ImportFormat = 'jsonl' | 'csv' | 'xlsx';
/** A row read from a file: either a record to validate or the reason it could not be read. */
export type ImportRow = { line: number; record?: unknown; errors?: FieldError[] };

export function detectFormat(file: string): ImportFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
}

export function readJsonLines(text: string): ImportRow[] {
  const rows: ImportRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = (i === 0 ? raw.replace(/^\ufeff/, '') : raw).trim();
    if (trimmed === '') return;
    try {
      rows.push({ line, record: JSON.parse(trimmed) });
    } catch (err) {
      rows.push({ line, errors: [{ field: '(line)', message: `不是合法的 JSON：${(err as Error).message}` }] });
    }
  });
  return rows;
}

function readTable(kind: EntityKind, table: Array<{ line: number; cells: string[]; errors?: FieldError[] }>): ImportRow[] {
  if (table.length === 0) return [];
  const [head, ...body] = table;
  const header = head.cells.map((h) => h.trim());
  const unknown = findUnknownColumns(kind, header);
  if (unknown.length) {
    return [{ line: head.line, errors: unknown.map((c) => ({ field: c, message: `未知的列：${c}` })) }];
  }
  return body.map(({ line, cells, errors: readErrors }) => {
    if (readErrors) return { line, errors: readErrors };
    const { record, errors } = toRecord(kind, header, cells);
    return record ? { line, record } : { line, errors };
  });
}

export async function readImportFile(kind: EntityKind, file: string, format = detectFormat(file)): Promise<ImportRow[]> {
  if (format === 'xlsx') return readTable(kind, await readXlsxTable(file));
  const text = await readFile(file, 'utf8');
  if (format === 'csv') return readTable(kind, parseCsv(text));
  return readJsonLines(text);
}
