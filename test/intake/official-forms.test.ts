import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseAttachment2 } from '../../src/intake/attachment2.reader';
import { readWorkbookCells } from '../../src/intake/official-workbook.reader';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cycleRecord } from '../fixtures/records';
import { ATTACHMENT1_DEMAND, ATTACHMENT1_ENTERPRISE, attachment1Rows, CODE_A, CODE_B, CODE_C, writeAttachment2, writeWorkbook } from './official-forms.fixtures';

let tmp: TestRuntime;
beforeEach(() => {
  tmp = createTestRuntime();
  tmp.runtime.services.intake.saveCycle(cycleRecord());
});
afterEach(async () => {
  await tmp.cleanup();
});
const opts = { cycle: 'test-2026' };
const svc = () => tmp.runtime.services.formImport;

async function importForm1(sheets: Array<[string, ReturnType<typeof attachment1Rows>]>, name = 'form1.xlsx') {
  const file = join(tmp.dir, name);
  await writeWorkbook(file, sheets);
  return svc().importAttachment1(await readWorkbookCells(file), opts);
}

describe('附件1 workbook import (one enterprise per sheet)', () => {
  it('imports a filled form without loss: every answer lands in its field', async () => {
    const report = await importForm1([['企业1', attachment1Rows()]]);
    expect(report.rejected).toEqual([]);
    expect(report).toMatchObject({ enterprises: { inserted: 1 }, demands: { inserted: 1 } });
    expect(tmp.runtime.repositories.enterprises.getByCreditCode(CODE_A)).toEqual(ATTACHMENT1_ENTERPRISE);
    expect(tmp.runtime.repositories.demands.getByExternalId(ATTACHMENT1_DEMAND.externalId)!.demand).toEqual(ATTACHMENT1_DEMAND);
    // Importing the same form again changes nothing.
    const again = await importForm1([['企业1', attachment1Rows()]], 'again.xlsx');
    expect(again).toMatchObject({ enterprises: { unchanged: 1 }, demands: { unchanged: 1 } });
  });

  it('rejects a sheet whole for a cell the form does not allow, naming sheet, cell and field, and keeps the good sheets', async () => {
    const bad = attachment1Rows({ 统一社会信用代码: CODE_C, 企业名称: '坏表企业', 行业领域: '☑新材料 ☑节能环保 □其他', '（二）需求描述': '说明' });
    bad[4][3] = '一百多';
    const report = await importForm1([
      ['好', attachment1Rows()],
      ['坏', bad],
    ]);
    expect(report.stored.map((s) => s.sheet)).toEqual(['好']);
    expect(report.rejected.map((e) => [e.sheet, e.cell, e.field])).toEqual([
      ['坏', 'B7', 'industry'],
      ['坏', 'D5', 'employees'],
    ]);
    expect(tmp.runtime.repositories.enterprises.getByCreditCode(CODE_C)).toBeUndefined();
    expect(tmp.runtime.repositories.demands.count()).toBe(1);
  });

  it('reports a schema rejection at its cell and stores neither the enterprise nor its demand', async () => {
    const report = await importForm1([['长', attachment1Rows({ 统一社会信用代码: CODE_C, '期望“科技副总”帮助解决的技术创新难题': '难'.repeat(201) })]]);
    expect(report.rejected).toEqual([expect.objectContaining({ sheet: '长', cell: 'B25', line: 25, field: 'title' })]);
    expect(tmp.runtime.repositories.enterprises.getByCreditCode(CODE_C)).toBeUndefined();
  });

  it('a form with section 三 left empty is a problem-only demand (no 科技副总 asked)', async () => {
    const rows = attachment1Rows().filter(
      (r) =>
        !['期望专家来源', '期望专家研究领域', '期望专家备选人员', '说明', '期望“科技副总”', '期望与', null].some((p) => (p === null ? r[0] === null : String(r[0]).startsWith(p))),
    );
    const report = await importForm1([['难题', rows]]);
    expect(report.rejected).toEqual([]);
    const d = tmp.runtime.repositories.demands.getByExternalId(ATTACHMENT1_DEMAND.externalId)!.demand;
    expect(d).toMatchObject({ requestsVicePresident: false, title: '电池组热失控早期信号难以捕捉', problem: '电池组热失控早期信号难以捕捉', namedCandidates: [] });
  });

  it('reads one enterprise per file just the same', async () => {
    const a = join(tmp.dir, 'a.xlsx');
    const b = join(tmp.dir, 'b.xlsx');
    await writeWorkbook(a, [['Sheet1', attachment1Rows()]]);
    await writeWorkbook(b, [['Sheet1', attachment1Rows({ 统一社会信用代码: CODE_C, 企业名称: '第二家' })]]);
    const sheets = [...(await readWorkbookCells(a)), ...(await readWorkbookCells(b))];
    const report = svc().importAttachment1(sheets, opts);
    expect(report.rejected).toEqual([]);
    expect(report.stored.map((s) => [s.file, s.enterprise])).toEqual([
      [a, CODE_A],
      [b, CODE_C],
    ]);
  });
});

describe('附件2 summary import', () => {
  it('completes known enterprises by name, creates one with a credit code, rejects a bad row whole', async () => {
    await importForm1([['企业1', attachment1Rows()]]);
    const file = join(tmp.dir, 'form2.xlsx');
    const row = (...cells: Array<string | number | null>) => cells;
    await writeAttachment2(
      file,
      [
        row(
          1,
          '鹿城区',
          '温州瓯能储能科技有限公司',
          '新能源与智能网联汽车',
          120,
          8600,
          '储能安全',
          '储能电池组热失控早期预警',
          '共建储能安全联合实验室',
          '温州大学',
          '李明',
          '是',
          '浙江大学',
          '张华',
          '否',
          null,
        ),
        row(2, '龙湾区', '瓯江新材料有限公司', '新材料', 45, 1200, '高分子材料', '改性塑料耐候性不足', null, null, null, null, null, null, null, '√', CODE_B),
        row(3, '鹿城区', '坏行企业', '新材料', 'abc', 100, null, '某难题', null, null, null, null, null, null, null, '√', CODE_C),
        row(4),
      ],
      ['统一社会信用代码'],
    );
    const sheets = await readWorkbookCells(file);
    expect(parseAttachment2(sheets[0]).meta).toEqual({ unit: '鹿城区经信局', filler: '张三', phone: '0577-88880000', date: '2026-03-05' });
    const report = svc().importAttachment2(sheets, opts);
    expect(report.rejected.map((e) => [e.line, e.cell, e.field])).toEqual([[7, 'E7', 'employees']]);
    expect(report.stored.map((s) => s.line)).toEqual([5, 6]);
    expect(report.demands).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    // The first row says what 附件1 said: nothing of 附件1 is lost.
    expect(tmp.runtime.repositories.demands.getByExternalId(ATTACHMENT1_DEMAND.externalId)!.demand).toEqual(ATTACHMENT1_DEMAND);
    expect(tmp.runtime.repositories.enterprises.getByCreditCode(CODE_B)).toMatchObject({
      name: '瓯江新材料有限公司',
      region: '330303',
      industry: '新材料',
      employees: 45,
      revenue: 1200,
    });
    expect(tmp.runtime.repositories.demands.getByExternalId(`test-2026:${CODE_B}`)!.demand).toMatchObject({
      title: '改性塑料耐候性不足',
      expectedField: '高分子材料',
      namedCandidates: [],
    });
    expect(tmp.runtime.repositories.enterprises.getByCreditCode(CODE_C)).toBeUndefined();
  });

  it('refuses a 未指定 √ next to named candidates and an unknown enterprise without a credit code', async () => {
    const file = join(tmp.dir, 'bad2.xlsx');
    await writeAttachment2(file, [[1, '鹿城区', '没有登记的企业', '新材料', 10, 10, null, '难题', null, '温州大学', '李明', '是', null, null, null, '√']]);
    const report = svc().importAttachment2(await readWorkbookCells(file), opts);
    expect(report.rejected.map((e) => [e.cell, e.field])).toEqual([['C5', 'name']]);
    await importForm1([['企业1', attachment1Rows()]]);
    await writeAttachment2(file, [[1, '鹿城区', '温州瓯能储能科技有限公司', null, null, null, null, null, null, '温州大学', '李明', '是', null, null, null, '√']]);
    const second = svc().importAttachment2(await readWorkbookCells(file), opts);
    expect(second.rejected.map((e) => [e.cell, e.field])).toEqual([['P5', 'namedCandidates']]);
  });
});

describe('附件2 export before matching', () => {
  it('lists the region’s 科技副总 demands in the official columns, set up for printing, and imports back without loss', async () => {
    await importForm1([['企业1', attachment1Rows()]]);
    tmp.runtime.services.intake.save('demands', { ...ATTACHMENT1_DEMAND, externalId: 'ONLY-PROBLEM', namedCandidates: [], requestsVicePresident: false });
    const out = await tmp.runtime.services.summaryExport.exportSummary({ cycle: 'test-2026', region: '330302', filler: '张三', phone: '0577-88880000', date: '2026-03-05' });
    expect(out.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 8, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:4' });
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.font?.size ?? 0).toBeGreaterThanOrEqual(10)));
    expect(ws.getCell('H5').alignment?.wrapText).toBe(true);
    expect(ws.getCell('H5').border?.left?.style).toBe('thin');
    expect(ws.getColumn(17).hidden).toBe(true);

    const file = join(tmp.dir, 'export.xlsx');
    await wb.xlsx.writeFile(file);
    const sheets = await readWorkbookCells(file);
    const parsed = parseAttachment2(sheets[0]);
    expect(parsed.meta).toEqual({ unit: '鹿城区', filler: '张三', phone: '0577-88880000', date: '2026-03-05' });
    expect(Object.fromEntries(Object.entries(parsed.rows[0].cells).map(([k, c]) => [k, c!.text]))).toEqual({
      seq: '1',
      location: '鹿城区',
      enterprise: '温州瓯能储能科技有限公司',
      industry: '新能源与智能网联汽车',
      employees: '120',
      revenue: '8600',
      expectedField: '储能安全',
      problem: '储能电池组热失控早期预警',
      cooperation: '共建储能安全联合实验室',
      c1Institution: '温州大学',
      c1Name: '李明',
      c1Agreed: '是',
      c2Institution: '浙江大学',
      c2Name: '张华',
      c2Agreed: '否',
      creditCode: CODE_A,
      demandId: ATTACHMENT1_DEMAND.externalId,
    });
    // Re-importing the export changes nothing; into an empty database it makes the same table again.
    expect(svc().importAttachment2(sheets, opts)).toMatchObject({ rejected: [], demands: { unchanged: 1 }, enterprises: { unchanged: 1 } });
    const copy = createTestRuntime();
    try {
      copy.runtime.services.intake.saveCycle(cycleRecord());
      expect(copy.runtime.services.formImport.importAttachment2(sheets, opts).rejected).toEqual([]);
      const again = await copy.runtime.services.summaryExport.exportSummary({ cycle: 'test-2026', region: '330302', filler: '张三', phone: '0577-88880000', date: '2026-03-05' });
      const rows = parseAttachment2((await readWorkbookCells(again.body))[0]).rows;
      expect(rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c!.text])))).toEqual(
        parsed.rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c!.text]))),
      );
    } finally {
      await copy.cleanup();
    }
  });
});

describe('附件1 credit code', () => {
  it('names the credit-code cell once when it is malformed', async () => {
    const report = await importForm1([['码', attachment1Rows({ 统一社会信用代码: '91330302MA2AB0003Z' })]]);
    expect(report.rejected.map((e) => [e.cell, e.field])).toEqual([['B3', 'creditCode']]);
  });
});
