import type { FormError, SheetCell, SheetCells } from './official-workbook.reader';

// 武汉 2023 附件2 《企业“科技副总”选派需求汇总表》: a title, the 填报单位 / 填报人 / 联系方式 / 填报日期 line, two header
// rows (指定专家 spans six sub-columns) and one row per enterprise. Columns are found by their header text, so
// a sheet with extra columns (ours adds hidden 统一社会信用代码 / 需求编号 ones for the round trip) still reads.

export const ATTACHMENT2_HEADERS = {
  seq: '序号',
  location: '企业所在地',
  enterprise: '申报企业名称',
  industry: '所属行业',
  employees: '企业从业人数（名）',
  revenue: '上年营业收入（万元）',
  expectedField: '期望专家研究领域',
  problem: '期望“科技副总”帮助解决的技术创新难题',
  cooperation: '期望与“科技副总”派出单位开展的项目合作',
  c1Institution: '期望专家备选人员1所在单位',
  c1Name: '期望专家备选人员1姓名',
  c1Agreed: '是否已经协商一致',
  c2Institution: '期望专家备选人员2所在单位',
  c2Name: '期望专家备选人员2姓名',
  c2Agreed: '是否已经协商一致',
  unnamed: '未指定具体专家（打√）',
  creditCode: '统一社会信用代码',
  demandId: '需求编号',
} as const;
export type Attachment2Key = keyof typeof ATTACHMENT2_HEADERS;
export const ATTACHMENT2_GROUP = '指定专家';

/** One data row: the cell under each known header, by key. */
export type Attachment2Row = { line: number; cells: Partial<Record<Attachment2Key, SheetCell>> };
export type Attachment2Sheet = { meta: { unit?: string; filler?: string; phone?: string; date?: string }; rows: Attachment2Row[]; errors: FormError[] };

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[“”"]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

export function parseAttachment2(sheet: SheetCells): Attachment2Sheet {
  const errors: FormError[] = [];
  const rowsOf = new Map<number, SheetCell[]>();
  for (const c of sheet.cells) rowsOf.set(c.row, [...(rowsOf.get(c.row) ?? []), c]);
  const headerRow = [...rowsOf.entries()].find(([, cells]) => cells.some((c) => norm(c.text) === '序号') && cells.some((c) => norm(c.text) === '申报企业名称'))?.[0];
  if (headerRow === undefined) {
    return {
      meta: {},
      rows: [],
      errors: [{ file: sheet.file, sheet: sheet.sheet, cell: 'A1', line: 1, field: '(sheet)', message: '找不到附件2 表头（“序号”“申报企业名称”所在行）' }],
    };
  }
  // Header line above the table: 填报单位（加盖公章）：… 填报人：… 联系方式：… 填报日期：…
  const metaText = [...rowsOf.entries()]
    .filter(([r]) => r < headerRow)
    .flatMap(([, cells]) => cells.map((c) => c.text))
    .join('　');
  const pick = (label: string) => metaText.match(new RegExp(`${label}[^：:]*[：:][ \\t]*([^\\s：:]+)`))?.[1];
  const meta = { unit: pick('填报单位'), filler: pick('填报人'), phone: pick('联系方式'), date: pick('填报日期') };

  const columns = new Map<number, Attachment2Key>();
  const sub = rowsOf.get(headerRow + 1) ?? [];
  const hasSubRow = sub.some((c) => norm(c.text).startsWith('期望专家备选人员'));
  let agreedSeen = 0;
  for (const c of [...(rowsOf.get(headerRow) ?? []), ...(hasSubRow ? sub : [])].sort((a, b) => a.col - b.col || a.row - b.row)) {
    const t = norm(c.text);
    if (t === '是否已经协商一致') {
      columns.set(c.col, agreedSeen++ === 0 ? 'c1Agreed' : 'c2Agreed');
      continue;
    }
    const key = (Object.keys(ATTACHMENT2_HEADERS) as Attachment2Key[]).find((k) => norm(ATTACHMENT2_HEADERS[k]) === t);
    if (key) columns.set(c.col, key);
  }
  for (const need of ['enterprise', 'problem'] as const) {
    if (![...columns.values()].includes(need)) {
      errors.push({ file: sheet.file, sheet: sheet.sheet, cell: `${headerRow}`, line: headerRow, field: '(header)', message: `表头缺少“${ATTACHMENT2_HEADERS[need]}”列` });
    }
  }
  const firstData = headerRow + (hasSubRow ? 2 : 1);
  const rows: Attachment2Row[] = [];
  for (const [line, cells] of [...rowsOf.entries()].filter(([r]) => r >= firstData).sort((a, b) => a[0] - b[0])) {
    const row: Attachment2Row = { line, cells: {} };
    for (const c of cells) {
      const key = columns.get(c.col);
      if (key) row.cells[key] = c;
    }
    // A row with only its 序号 is an unused line of the printed form.
    if (Object.keys(row.cells).some((k) => k !== 'seq')) rows.push(row);
  }
  return { meta, rows, errors };
}
