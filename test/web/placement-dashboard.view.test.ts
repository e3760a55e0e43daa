import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildDashboardWorkbook } from '../../src/web/placement-dashboard-workbook.builder';
import { placementDashboardBody } from '../../src/web/placement-dashboard.view';
import type { DashboardView } from '../../src/web/placement-view.types';

const clause = { document: '温州市深化科技副总派驻工作实施方案', article: '三（一）', text: '每年在企业服务时间累计不少于3个月' };

const sampleDashboard = (over: Partial<DashboardView> = {}): DashboardView => ({
  scopeName: '鹿城区',
  regionCode: '330302',
  year: 2026,
  exportHref: '/v1/placements/dashboard/export.xlsx?region=330302',
  byState: [
    { state: 'agreement_pending', label: '协议待上传', count: 1 },
    { state: 'active', label: '服务中', count: 4 },
    { state: 'terminated', label: '提前终止', count: 0 },
  ],
  service: {
    onTrack: 3,
    behind: 1,
    missed: 0,
    lagging: [
      {
        placementId: 'P-7',
        expertName: '张<b>伟',
        enterpriseName: '温州某某有限公司',
        regionName: '鹿城区',
        status: 'behind',
        statusLabel: '滞后',
        message: '已确认 12 天，按进度应达到 45 天',
        clause,
      },
    ],
  },
  outcomes: [
    { key: 'patents', label: '发明专利', actual: 3, target: 4, unit: '件' },
    { key: 'problems', label: '解决技术难题', actual: 6, target: 5, unit: '项' },
  ],
  evaluations: { grades: { 优秀: 1, 合格: 2, 不合格: 1 }, pending: 1 },
  regions: [{ code: '330302', name: '鹿城区', placements: 5, onTrack: 3, behind: 1, missed: 0, grades: { 优秀: 1, 合格: 2, 不合格: 1 } }],
  topTen: [{ rank: 1, placementId: 'P-1', expertName: '李娜', enterpriseName: '温州甲公司', regionName: '鹿城区', grade: '优秀', outcomes: 7, serviceDays: 96, consecutive: true }],
  ...over,
});

describe('placement dashboard view', () => {
  it('shows the behind placement with its clause, charts with text alternatives, and escapes record data', () => {
    const body = placementDashboardBody(sampleDashboard()).value;
    expect(body).toContain('<h1>鹿城区科技副总派驻看板</h1>');
    expect(body).toMatch(/<desc id="chart-service-desc">鹿城区：正常 3，滞后 1，未达标 0，合计 4 个<\/desc>/);
    expect(body).toContain('<span class="badge service-behind">滞后</span>');
    expect(body).toContain('<cite>《温州市深化科技副总派驻工作实施方案》三（一）</cite>');
    expect(body).toContain('<q>每年在企业服务时间累计不少于3个月</q>');
    expect(body).toContain('张&lt;b&gt;伟');
    expect(body).toContain('发明专利：完成 3 件，目标 4 件，完成 75%');
    expect(body).toContain('href="/v1/placements/dashboard/export.xlsx?region=330302"');
    expect(body).toContain('五（一）');
  });

  it('says so when nothing is behind and when no one ranks yet', () => {
    const body = placementDashboardBody(sampleDashboard({ service: { onTrack: 4, behind: 0, missed: 0, lagging: [] }, topTen: [] })).value;
    expect(body).toContain('所有服务中的派驻服务时长均正常');
    expect(body).toContain('本年度还没有可排名的工作成效记录');
  });

  it('exports three printable sheets with the lagging clause and A4/A3 landscape fit-to-width page setup', async () => {
    const file = await buildDashboardWorkbook(sampleDashboard(), new Date('2026-06-30T08:00:00Z'));
    expect(file.filename).toBe('2026-鹿城区-科技副总派驻看板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['看板汇总', '服务时长滞后', '工作成效前十']);
    const lag = wb.getWorksheet('服务时长滞后')!;
    expect(lag.getCell(5, 2).value).toBe('张<b>伟');
    expect(String(lag.getCell(5, 7).value)).toContain('《温州市深化科技副总派驻工作实施方案》三（一）');
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:4' });
    }
    const summary = wb.getWorksheet('看板汇总')!;
    const labels = summary.getColumn(2).values.filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['服务中', '滞后', '发明专利', '不合格']));
  });
});
