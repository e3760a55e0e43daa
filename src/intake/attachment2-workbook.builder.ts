import type { Workbook, Worksheet } from 'exceljs';
import { ATTACHMENT2_GROUP, ATTACHMENT2_HEADERS, type Attachment2Key } from './attachment2.reader';

// The 附件2 sheet as it is printed, stamped and sent upward: title, the 填报单位 / 填报人 / 联系方式 / 填报日期 line,
// two header rows (指定专家 over its six columns), one row per demand. Page setup so a printout is legible:
// landscape, every page repeats rows 1–4, fit to one page wide and as many tall as needed, 10 pt wrapped text.

export type SummaryColumn = { header: string; group?: string; width: number; hidden?: boolean; /** short marks (序号, 是/否, √) */ center?: boolean };
export type SummaryCell = string | number | null | undefined;

/** The official columns in order (widths sized so A3 landscape prints them at about full size). */
export const ATTACHMENT2_COLUMNS: Array<SummaryColumn & { key: Attachment2Key }> = [
  { key: 'seq', center: true, header: ATTACHMENT2_HEADERS.seq, width: 5 },
  { key: 'location', header: ATTACHMENT2_HEADERS.location, width: 9 },
  { key: 'enterprise', header: ATTACHMENT2_HEADERS.enterprise, width: 20 },
  { key: 'industry', header: ATTACHMENT2_HEADERS.industry, width: 10 },
  { key: 'employees', header: ATTACHMENT2_HEADERS.employees, width: 8 },
  { key: 'revenue', header: ATTACHMENT2_HEADERS.revenue, width: 9 },
  { key: 'expectedField', header: ATTACHMENT2_HEADERS.expectedField, width: 12 },
  { key: 'problem', header: ATTACHMENT2_HEADERS.problem, width: 34 },
  { key: 'cooperation', header: ATTACHMENT2_HEADERS.cooperation, width: 24 },
  { key: 'c1Institution', header: ATTACHMENT2_HEADERS.c1Institution, group: ATTACHMENT2_GROUP, width: 14 },
  { key: 'c1Name', header: ATTACHMENT2_HEADERS.c1Name, group: ATTACHMENT2_GROUP, width: 8 },
  { key: 'c1Agreed', center: true, header: ATTACHMENT2_HEADERS.c1Agreed, group: ATTACHMENT2_GROUP, width: 7 },
  { key: 'c2Institution', header: ATTACHMENT2_HEADERS.c2Institution, group: ATTACHMENT2_GROUP, width: 14 },
  { key: 'c2Name', header: ATTACHMENT2_HEADERS.c2Name, group: ATTACHMENT2_GROUP, width: 8 },
  { key: 'c2Agreed', center: true, header: ATTACHMENT2_HEADERS.c2Agreed, group: ATTACHMENT2_GROUP, width: 7 },
  { key: 'unnamed', header: ATTACHMENT2_HEADERS.unnamed, width: 9, center: true },
];

const HEADER_ROWS = 4;
/** Line height of 10 pt text, in points. */
const LINE_PT = 13.5;

/** Column-width units a text takes: a CJK (full-width) character about 1.8 at 10 pt, others about one. */
const textWidth = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 1.8 : 1.1), 0);

/** How many lines a value wraps to in a column `width` units wide (one unit of padding). */
export function wrappedLines(v: SummaryCell, width: number): number {
  if (v === null || v === undefined || v === '') return 1;
  const usable = Math.max(1, width - 1);
  return String(v)
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}
const FONT = 'SimSun';

/** Sums the visible widths: past ~200 characters A3 is needed to print at a legible scale. */
const visibleWidth = (columns: SummaryColumn[]) => columns.filter((c) => !c.hidden).reduce((n, c) => n + c.width, 0);

/** Adds the 附件2-style sheet to `wb`: title, meta line, grouped two-row header, data rows, page setup. */
export function addSummarySheet(wb: Workbook, opts: { name: string; title: string; meta: string; columns: SummaryColumn[]; rows: SummaryCell[][] }): Worksheet {
  const { columns } = opts;
  const last = columns.length;
  const ws = wb.addWorksheet(opts.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS }],
    pageSetup: {
      // OOXML paper codes: 8 = A3 (absent from exceljs's enum), 9 = A4.
      paperSize: (visibleWidth(columns) > 150 ? 8 : 9) as Worksheet['pageSetup']['paperSize'],
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `1:${HEADER_ROWS}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = columns.map((c) => ({ width: c.width, hidden: c.hidden ?? false }));
  const visibleLast = columns.reduce((n, c, i) => (c.hidden ? n : i + 1), 1);

  ws.mergeCells(1, 1, 1, visibleLast);
  const title = ws.getCell(1, 1);
  title.value = opts.title;
  title.font = { name: FONT, bold: true, size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;

  ws.mergeCells(2, 1, 2, visibleLast);
  const meta = ws.getCell(2, 1);
  meta.value = opts.meta;
  meta.font = { name: FONT, size: 11 };
  meta.alignment = { vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 24;

  const header = (row: number, col: number, value: string) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { name: FONT, bold: true, size: 10 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  };
  for (let i = 0; i < last; i++) {
    const col = i + 1;
    const c = columns[i];
    if (c.group) {
      header(4, col, c.header);
      if (columns[i - 1]?.group !== c.group) {
        const span = columns.slice(i).findIndex((x) => x.group !== c.group);
        ws.mergeCells(3, col, 3, span < 0 ? last : i + span);
        header(3, col, c.group);
      }
    } else {
      ws.mergeCells(3, col, 4, col);
      header(3, col, c.header);
    }
  }
  ws.getRow(3).height = 20;
  ws.getRow(4).height = 58;

  for (const values of opts.rows) {
    const row = ws.addRow(values.map((v) => (v === undefined ? null : v)));
    row.font = { name: FONT, size: 10 };
    row.alignment = { vertical: 'top', wrapText: true };
    // Spreadsheet programs do not grow a row for wrapped text on opening (LibreOffice prints it cut to one line):
    // the height is set from the longest cell.
    const lines = Math.max(1, ...values.map((v, i) => (columns[i].hidden ? 1 : wrappedLines(v, columns[i].width))));
    row.height = lines * LINE_PT + 4;
    columns.forEach((c, i) => {
      if (c.center) row.getCell(i + 1).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    });
  }
  const border = { style: 'thin' as const, color: { argb: 'FF666666' } };
  for (let r = 3; r <= ws.rowCount; r++) {
    for (let col = 1; col <= last; col++) ws.getCell(r, col).border = { top: border, left: border, bottom: border, right: border };
  }
  return ws;
}
