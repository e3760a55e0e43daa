import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importRows } from '../../src/intake/bulk-import.service';
import { readImportFile } from '../../src/intake/import-file.reader';
import { MAX_IMPORT_COLUMNS } from '../../src/intake/xlsx-table.reader';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime';

let tmp: TestRuntime;
beforeEach(() => {
  tmp = createTestRuntime();
});
afterEach(async () => {
  await tmp.cleanup();
});

const HEADER = ['creditCode', 'name', 'region', 'registeredAt', 'employees', 'qualifications', 'industry'];
const row = (code: string, name: string) => [code, name, '330302', '2018-05-20', 120, '高新技术企业', '新能源'];

async function writeWorkbook(file: string, fill: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('企业'));
  wb.addWorksheet('说明').addRow(['这一页不是导入数据']);
  await wb.xlsx.writeFile(file);
}

describe('XLSX import', () => {
  it('reads the first sheet: rich text, dates and numbers as the CSV path would, later sheets ignored', async () => {
    const file = join(tmp.dir, 'ok.xlsx');
    await writeWorkbook(file, (ws) => {
      ws.addRow(HEADER);
      ws.addRow(row('91330302MA2AB0001X', '温州瓯能储能科技有限公司'));
      const r = ws.addRow(row('91330302MA2AB0002X', ''));
      r.getCell(2).value = { richText: [{ text: '温州' }, { text: '富文本科技有限公司', font: { bold: true } }] };
      r.getCell(4).value = new Date(Date.UTC(2019, 0, 15));
    });
    const summary = importRows({ intake: tmp.runtime.services.intake, transaction: tmp.runtime.transaction }, 'enterprises', await readImportFile('enterprises', file));
    expect(summary).toMatchObject({ inserted: 2, rejected: [] });
    const second = tmp.runtime.repositories.enterprises.getByCreditCode('91330302MA2AB0002X')!;
    expect(second.name).toBe('温州富文本科技有限公司');
    expect(second.registeredAt).toBe('2019-01-15');
    expect(second.employees).toBe(120);
  });

  it('keeps every Chinese character of a sheet larger than one read chunk intact', async () => {
    const file = join(tmp.dir, 'big.xlsx');
    const nameOf = (i: number) => `温州市鹿城区第${i}号智能制造与新材料科技有限公司`;
    await writeWorkbook(file, (ws) => {
      ws.addRow(HEADER);
      for (let i = 1; i <= 2000; i++) ws.addRow(row(`91330302MA2A${String(i).padStart(5, '0')}X`, nameOf(i)));
    });
    const rows = await readImportFile('enterprises', file);
    expect(rows.map((r) => (r.record as { name: string }).name)).toEqual(Array.from({ length: 2000 }, (_, i) => nameOf(i + 1)));
  });

  it('a stray cell in column XFD is one rejected row, not 16,384 cells per row; the other rows are stored', async () => {
    const file = join(tmp.dir, 'far.xlsx');
    await writeWorkbook(file, (ws) => {
      ws.addRow(HEADER);
      for (let i = 1; i <= 300; i++) ws.addRow(row(`91330302MA2AB${String(i).padStart(4, '0')}X`, `企业${i}`));
      ws.getCell('XFD5').value = '远处的单元格';
    });
    const rows = await readImportFile('enterprises', file);
    expect(rows).toHaveLength(300);
    // Every row is cut to the header's width: nothing allocated for the 16,377 empty columns in between.
    expect(rows.every((r) => r.errors !== undefined || Object.keys(r.record as object).length === HEADER.length)).toBe(true);
    const summary = importRows({ intake: tmp.runtime.services.intake, transaction: tmp.runtime.transaction }, 'enterprises', rows);
    expect(summary.rejected).toEqual([{ line: 5, field: '(XFD 列)', message: '单元格在表头之外（表头共 7 列）：该列没有列名，无法导入' }]);
    expect(summary.inserted).toBe(299);
  });

  it('refuses a header wider than the format allows with a Chinese message naming the column', async () => {
    const file = join(tmp.dir, 'wide.xlsx');
    await writeWorkbook(file, (ws) => {
      ws.addRow(HEADER);
      ws.getCell('XFD1').value = '多余的列';
      ws.addRow(row('91330302MA2AB0001X', '温州瓯能储能科技有限公司'));
    });
    await expect(readImportFile('enterprises', file)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `表头超过 ${MAX_IMPORT_COLUMNS} 列（第 1 行 XFD 列有内容）：请只保留导入格式中的列`,
    });
  });
});
