// Reading workbooks in the official (武汉 附件1 / 附件2) layouts: every sheet as text cells with their addresses,
// so the layout parsers can point a rejection at the cell ("Sheet1!C7"). Separate from the bulk-import reader
// (import-file.reader.ts), which reads one flat table per file.

/** One non-empty cell: its 1-based row and column, its A1 address and its text (trimmed). */
export type SheetCell = { row: number; col: number; address: string; text: string };
export type SheetCells = { file: string; sheet: string; cells: SheetCell[] };

/** A form value that cannot be stored: where it is, which record field it would fill, and why. */
export type FormError = { file: string; sheet: string; cell: string; line: number; field: string; message: string };

export const columnLetter = (col: number): string => {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** The text of an exceljs cell value: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return '';
  }
  return String(v);
}

/** Every sheet of an XLSX file or buffer; merged areas count once (at their top-left cell). */
export async function readWorkbookCells(source: string | Buffer, file = typeof source === 'string' ? source : 'upload.xlsx'): Promise<SheetCells[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  if (typeof source === 'string') await wb.xlsx.readFile(source);
  else await wb.xlsx.load(source as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells: SheetCell[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const text = cellText(cell.value).trim();
        if (text) cells.push({ row: rowNumber, col: colNumber, address: `${columnLetter(colNumber)}${rowNumber}`, text });
      });
    });
    return { file, sheet: ws.name, cells };
  });
}

// ---- Tick boxes: □ unticked; ☑ ■ √ ✓ ✔ ☒ ▣ ticked (the seed form itself ticks with ☑).
const TICKED = /[☑■√✓✔☒▣]/;
const BOX = /[□☐]/;

export type TickResult = { ticked: string[]; error?: string };

/**
 * Which of `options` a tick-box cell ticks. A cell without any box may name options plainly (`有`, `联合开发；
 * 委托研发`). Text that is neither is an error: the form allows only its options.
 */
export function readTicks(text: string, options: readonly string[]): TickResult {
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/～|~|-/g, '～');
  const t = norm(text);
  if (TICKED.test(t) || BOX.test(t)) {
    const ticked: string[] = [];
    // Longest option first, so 研发 inside 合作研发 does not match twice.
    const byLength = [...options].sort((a, b) => norm(b).length - norm(a).length);
    let rest = t;
    const found: Array<{ at: number; option: string; mark: string }> = [];
    for (const o of byLength) {
      const i = rest.indexOf(norm(o));
      if (i < 0) continue;
      found.push({ at: i, option: o, mark: rest[i - 1] ?? '' });
      rest = rest.slice(0, i) + '\u0000'.repeat(norm(o).length) + rest.slice(i + norm(o).length);
    }
    for (const f of found.sort((a, b) => a.at - b.at)) if (TICKED.test(f.mark)) ticked.push(f.option);
    return { ticked };
  }
  const parts = t.split(/[;；,，、]/).filter(Boolean);
  const unknown = parts.filter((p) => !options.some((o) => norm(o) === p));
  if (unknown.length) return { ticked: [], error: `只能勾选：${options.join('、')}（不认识：${unknown.join('、')}）` };
  return { ticked: options.filter((o) => parts.includes(norm(o))) };
}

/** The text written after a label inside a tick-box cell, e.g. `□其他：____` or `□有 120 平方米`. */
export function textAfter(text: string, label: RegExp): string | undefined {
  const m = text.match(label);
  if (!m || m.index === undefined) return undefined;
  const after = text
    .slice(m.index + m[0].length)
    .split(/[□☐☑■√✓✔☒▣\n]/)[0]
    .replace(/^[:：\s]+/, '')
    .trim();
  return after || undefined;
}

/** A number written in a form cell (`120`, `1,200`, `120 平方米`); undefined when there is none. */
export function readNumber(text: string): number | undefined {
  const m = text.replace(/,/g, '').match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : undefined;
}
