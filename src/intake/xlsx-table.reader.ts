import type { CellValue, Row } from 'exceljs';
import { AppError } from '../shared/errors';
import type { FieldError } from './intake.service';

/** One sheet row as text cells, cut to the header's width, with the reasons a row cannot be read. */
export type XlsxTableRow = { line: number; cells: string[]; errors?: FieldError[] };

/** The most data rows one import file may hold: past it the operator splits the file (memory stays bounded). */
export const MAX_IMPORT_ROWS = 200_000;
/** The widest header accepted: every kind has fewer than 30 columns, so more is a damaged or foreign sheet. */
export const MAX_IMPORT_COLUMNS = 64;

/** Column number (1-based) → Excel letters, for messages an operator can find in the sheet. */
function toColumnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function toText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v !== 'object') return String(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return toText(v.result as CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return '';
  return String(v as unknown);
}

/** The header: every cell up to the last non-empty one; a wider sheet is refused before any data row is read. */
function readHeader(row: Row): string[] {
  const header: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = toText(cell.value).trim();
    if (text === '') return;
    if (col > MAX_IMPORT_COLUMNS) {
      throw new AppError('VALIDATION_FAILED', `表头超过 ${MAX_IMPORT_COLUMNS} 列（第 ${row.number} 行 ${toColumnLetters(col)} 列有内容）：请只保留导入格式中的列`, {
        line: row.number,
        column: toColumnLetters(col),
      });
    }
    header[col - 1] = text;
  });
  return Array.from(header, (h) => h ?? '');
}

/** A data row cut to the header's width: a filled cell beyond it has no column name and is reported, not read. */
function readBodyRow(row: Row, width: number): XlsxTableRow {
  const cells = new Array<string>(width).fill('');
  const errors: FieldError[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = toText(cell.value);
    if (col <= width) cells[col - 1] = text;
    else if (text.trim() !== '' && errors.length === 0) {
      errors.push({ field: `(${toColumnLetters(col)} 列)`, message: `单元格在表头之外（表头共 ${width} 列）：该列没有列名，无法导入` });
    }
  });
  return errors.length ? { line: row.number, cells, errors } : { line: row.number, cells };
}

/**
 * Reads the first worksheet in time and memory that grow with the cells present, not with the sheet's
 * declared dimensions: one stray cell in column XFD costs one cell, not 16,384 per row (the old reader asked
 * every row for every column up to ws.columnCount, recounted per cell: quadratic). exceljs's streaming
 * WorkbookReader is not used: it decodes each zip chunk separately (utils/parse-sax.js), so a Chinese
 * character split across a chunk boundary becomes U+FFFD — silent data corruption in an import.
 */
export async function readXlsxTable(file: string): Promise<XlsxTableRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const out: XlsxTableRow[] = [];
  let width = -1;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (width < 0) {
      const header = readHeader(row);
      width = header.length;
      out.push({ line: row.number, cells: header });
      return;
    }
    if (out.length > MAX_IMPORT_ROWS) {
      throw new AppError('VALIDATION_FAILED', `文件超过 ${MAX_IMPORT_ROWS} 行数据：请拆分成多个文件分别导入`, { limit: MAX_IMPORT_ROWS });
    }
    out.push(readBodyRow(row, width));
  });
  return out;
}
