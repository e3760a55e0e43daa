import { addSummarySheet, type SummaryCell, type SummaryColumn } from '../intake/attachment2-workbook.builder';
import type { DashboardView } from './placement-view.types';

// The dashboard as a workbook to print and send upward: the same sheet layout and print setup as the 附件2
// export (title, meta line, repeated header rows, fit to one page wide, 10 pt wrapped text, page numbers).

const SUMMARY_COLUMNS: SummaryColumn[] = [
  { header: '类别', width: 14 },
  { header: '项目', width: 24 },
  { header: '数值', width: 12, center: true },
  { header: '目标', width: 12, center: true },
  { header: '说明', width: 40 },
];

const LAGGING_COLUMNS: SummaryColumn[] = [
  { header: '序号', width: 5, center: true },
  { header: '科技副总', width: 10 },
  { header: '派驻企业', width: 22 },
  { header: '区县', width: 9 },
  { header: '状态', width: 8, center: true },
  { header: '服务时长', width: 30 },
  { header: '依据条款', width: 44 },
];

const TOP_COLUMNS: SummaryColumn[] = [
  { header: '名次', width: 6, center: true },
  { header: '科技副总', width: 12 },
  { header: '派驻企业', width: 26 },
  { header: '区县', width: 10 },
  { header: '评价结果', width: 10, center: true },
  { header: '工作成效（项）', width: 10, center: true },
  { header: '服务天数', width: 10, center: true },
  { header: '连续两年前十', width: 10, center: true },
];

const pct = (actual: number, target: number | null) => (target ? `${Math.round((actual / target) * 100)}%` : '—');

function summaryRows(d: DashboardView): SummaryCell[][] {
  const rows: SummaryCell[][] = [];
  const total = d.byState.reduce((n, s) => n + s.count, 0);
  d.byState.forEach((s, i) => rows.push([i === 0 ? '派驻状态' : '', s.label, s.count, null, i === 0 ? `合计 ${total} 个派驻` : null]));
  const s = d.service;
  rows.push(['服务时长', '正常', s.onTrack, null, '按政策配置的最低服务时长与任期进度判断']);
  rows.push(['', '滞后', s.behind, null, '低于按时间进度应达到的时长（明细见“服务时长滞后”表）']);
  rows.push(['', '未达标', s.missed, null, '年度或任期结束时仍不足']);
  d.outcomes.forEach((o, i) =>
    rows.push([i === 0 ? '工作成效' : '', o.label, `${o.actual} ${o.unit}`, o.target === null ? '—' : `${o.target} ${o.unit}`, `完成 ${pct(o.actual, o.target)}`]),
  );
  const e = d.evaluations;
  (['优秀', '良好', '合格', '不合格'] as const).forEach((g, i) => rows.push([i === 0 ? '任期评价' : '', g, e.grades[g] ?? 0, null, i === 0 ? '已经市级确认的评价结果' : null]));
  rows.push(['', '待评定或待确认', e.pending, null, null]);
  if (d.regions.length > 1) {
    d.regions.forEach((r, i) =>
      rows.push([
        i === 0 ? '各区县' : '',
        r.name,
        r.placements,
        null,
        `正常 ${r.onTrack}，滞后 ${r.behind}，未达标 ${r.missed}；优秀 ${r.grades['优秀'] ?? 0}，合格 ${r.grades['合格'] ?? 0}，不合格 ${r.grades['不合格'] ?? 0}`,
      ]),
    );
  }
  return rows;
}

export type DashboardWorkbook = { filename: string; body: Buffer };

/** The dashboard's three sheets: 看板汇总, 服务时长滞后 (with the clause of each minimum), 工作成效前十. */
export async function buildDashboardWorkbook(d: DashboardView, now: Date = new Date()): Promise<DashboardWorkbook> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '科技副总匹配服务';
  wb.created = now;
  // The header is one line here (no 指定专家 group): the shared sheet's tall second header row would waste a band.
  const sheet = (o: Parameters<typeof addSummarySheet>[1]) => {
    addSummarySheet(wb, o).getRow(4).height = 14;
  };
  const stamp = `导出时间：${now.toISOString().slice(0, 16).replace('T', ' ')}（UTC）`;
  sheet({
    name: '看板汇总',
    title: `${d.year}年${d.scopeName}科技副总派驻情况汇总表`,
    meta: `填报单位：${d.scopeName}　　派驻总数：${d.byState.reduce((n, s) => n + s.count, 0)}　　${stamp}`,
    columns: SUMMARY_COLUMNS,
    rows: summaryRows(d),
  });
  sheet({
    name: '服务时长滞后',
    title: `${d.year}年${d.scopeName}科技副总服务时长滞后名单`,
    meta: `填报单位：${d.scopeName}　　滞后 ${d.service.behind} 个，未达标 ${d.service.missed} 个　　${stamp}`,
    columns: LAGGING_COLUMNS,
    rows: d.service.lagging.map((l, i) => [
      i + 1,
      l.expertName,
      l.enterpriseName,
      l.regionName,
      l.statusLabel,
      l.message,
      l.clause ? `《${l.clause.document}》${l.clause.article}：${l.clause.text}` : null,
    ]),
  });
  sheet({
    name: '工作成效前十',
    title: `${d.year}年${d.scopeName}科技副总工作成效前十名`,
    meta: `依据：《温州市深化科技副总派驻工作实施方案》五（一）每年工作成效排前十的科技副总，优先推荐国家和省级重点人才计划遴选　　${stamp}`,
    columns: TOP_COLUMNS,
    rows: d.topTen.map((t) => [t.rank, t.expertName, t.enterpriseName, t.regionName, t.grade, t.outcomes, t.serviceDays, t.consecutive ? '是' : null]),
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${d.year}-${d.scopeName}-科技副总派驻看板.xlsx`, body };
}
