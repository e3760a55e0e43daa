import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createRunFixture, type RunFixture } from './run-fixture';

let t: TestApp;
let f: RunFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = createRunFixture(t);
});
afterAll(async () => t.cleanup());

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
const COLS = 24;
/** A row as strings, empty cells included (row.values is sparse). */
const cells = (ws: ExcelJS.Worksheet, n: number) => Array.from({ length: COLS }, (_, i) => text(ws.getRow(n).getCell(i + 1).value));

describe('region XLSX export (附件2 layout)', () => {
  it('has the 附件2 headers in order, one row per demand, and the proposal and review columns', async () => {
    const review = t.services.review;
    const [a, b] = f.inRegion(f.main).filter((d) => d.proposed);
    review.decide(f.runId, a.demandId, { action: 'approve' }, { actor: 'r', actorRole: 'reviewer' });
    review.decide(f.runId, b.demandId, { action: 'reject', reason: '企业已有合作专家' }, { actor: 'r', actorRole: 'reviewer' });

    const file = await t.services.exporter.exportRegion(f.runId, f.main, new Date('2026-07-01T02:00:00Z'));
    expect(file.filename).toBe(`${f.runId}-${f.main}-鹿城区-需求汇总表.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('需求汇总表')!;

    expect(text(ws.getCell('A1').value)).toBe('2026年企业“科技副总”选派需求汇总表（鹿城区）');
    expect(text(ws.getCell('A2').value)).toContain('填报单位：鹿城区');
    const row3 = cells(ws, 3);
    const row4 = cells(ws, 4);
    expect(row3.slice(0, 9)).toEqual([
      '序号',
      '企业所在地',
      '申报企业名称',
      '所属行业',
      '企业从业人数（名）',
      '上年营业收入（万元）',
      '期望专家研究领域',
      '期望“科技副总”帮助解决的技术创新难题',
      '期望与“科技副总”派出单位开展的项目合作',
    ]);
    expect(row3[9]).toBe('指定专家');
    expect(row4.slice(9, 15)).toEqual([
      '期望专家备选人员1所在单位',
      '期望专家备选人员1姓名',
      '是否已经协商一致',
      '期望专家备选人员2所在单位',
      '期望专家备选人员2姓名',
      '是否已经协商一致',
    ]);
    expect(row3[15]).toBe('未指定具体专家（打√）');
    expect(row3.slice(16)).toEqual(['系统推荐专家', '推荐专家所在单位', '匹配得分', '未推荐原因', '审核状态', '审核确定专家', '审核确定专家所在单位', '审核意见']);
    expect(ws.getCell('J3').isMerged).toBe(true);

    const body = Array.from({ length: ws.rowCount - 4 }, (_, i) => cells(ws, i + 5));
    expect(body).toHaveLength(f.inRegion(f.main).length);
    expect(body.map((r) => r[0])).toEqual(body.map((_, i) => String(i + 1)));
    expect(body.every((r) => r[1] === '鹿城区')).toBe(true);
    const approved = body.find((r) => r[20] === '已通过')!;
    const names = t.services.review.getRegionReview(f.runId, f.main).items;
    const aItem = names.find((i) => i.demandId === a.demandId)!;
    expect(approved[2]).toBe(aItem.enterprise.name);
    expect(approved[16]).toBe(aItem.proposed!.name);
    expect(approved[21]).toBe(aItem.proposed!.name);
    const rejected = body.find((r) => r[20] === '已驳回')!;
    expect(rejected[23]).toBe('企业已有合作专家');
    expect(rejected[21]).toBe('');
    const unproposed = body.filter((r) => r[16] === '');
    expect(unproposed.length).toBe(f.inRegion(f.main).length - 2);
    expect(unproposed.every((r) => r[20] === '无推荐' && r[19] === '本区县名额已用完')).toBe(true);
  });
});
