import { addSummarySheet, type SummaryColumn } from '../intake/attachment2-workbook.builder';
import type { ReferenceRepository } from '../intake/reference.repository';
import { decisionLabel, REGION_STATUS_LABELS } from './review-labels';
import type { DemandReview, RegionReview } from './review.schema';
import type { ReviewService } from './review.service';

export type RegionExport = { filename: string; body: Buffer };

/**
 * 附件2 columns (企业“科技副总”选派需求汇总表) in order; `group` columns sit under one merged header
 * (指定专家). The review columns after them are this system's: the proposal and the county's decision.
 */
const COLUMNS: Array<SummaryColumn & { value: (d: DemandReview, i: number, r: RegionReview) => string | number | null }> = [
  { header: '序号', width: 4, value: (_d, i) => i + 1 },
  { header: '企业所在地', width: 7, value: (_d, _i, r) => r.region.name },
  { header: '申报企业名称', width: 16, value: (d) => d.enterprise.name },
  { header: '所属行业', width: 8, value: (d) => d.enterprise.industry },
  { header: '企业从业人数（名）', width: 7, value: (d) => d.enterprise.employees },
  { header: '上年营业收入（万元）', width: 8, value: (d) => d.enterprise.revenue },
  { header: '期望专家研究领域', width: 10, value: (d) => d.expectedField },
  { header: '期望“科技副总”帮助解决的技术创新难题', width: 26, value: (d) => [d.title, d.problem].filter(Boolean).join('：') },
  { header: '期望与“科技副总”派出单位开展的项目合作', width: 18, value: (d) => d.expectedCooperation },
  { header: '期望专家备选人员1所在单位', group: '指定专家', width: 10, value: (d) => d.namedCandidates[0]?.institution ?? null },
  { header: '期望专家备选人员1姓名', group: '指定专家', width: 7, value: (d) => named(d, 0) },
  { header: '是否已经协商一致', group: '指定专家', width: 6, center: true, value: (d) => agreed(d, 0) },
  { header: '期望专家备选人员2所在单位', group: '指定专家', width: 10, value: (d) => d.namedCandidates[1]?.institution ?? null },
  { header: '期望专家备选人员2姓名', group: '指定专家', width: 7, value: (d) => named(d, 1) },
  { header: '是否已经协商一致', group: '指定专家', width: 6, center: true, value: (d) => agreed(d, 1) },
  { header: '未指定具体专家（打√）', width: 6, value: (d) => (d.namedCandidates.length === 0 ? '√' : null) },
  { header: '系统推荐专家', width: 8, value: (d) => d.proposed?.name ?? null },
  { header: '推荐专家所在单位', width: 12, value: (d) => d.proposed?.institution ?? null },
  { header: '匹配得分', width: 6, value: (d) => (d.proposed ? Math.round(d.proposed.score * 1000) / 1000 : null) },
  { header: '未推荐原因', width: 12, value: (d) => (d.proposed ? null : d.unfilledReason) },
  { header: '审核状态', width: 7, value: (d) => decisionLabel(d) },
  { header: '审核确定专家', width: 8, value: (d) => d.assigned?.name ?? null },
  { header: '审核确定专家所在单位', width: 12, value: (d) => d.assigned?.institution ?? null },
  { header: '审核意见', width: 14, value: (d) => d.decision.reason },
];

function named(d: DemandReview, i: number): string | null {
  const c = d.namedCandidates[i];
  return c ? (c.name ?? c.expertId) : null;
}
function agreed(d: DemandReview, i: number): string | null {
  const c = d.namedCandidates[i];
  return c ? (c.agreed ? '是' : '否') : null;
}

/** One region's shortlist as an XLSX in the 附件2 layout, one row per demand, plus the review columns. */
export class RegionExportService {
  constructor(private readonly deps: { reviews: Pick<ReviewService, 'getRegionReview'>; reference: Pick<ReferenceRepository, 'getCycle'> }) {}

  async exportRegion(runId: string, region: string, now: Date = new Date()): Promise<RegionExport> {
    const review = this.deps.reviews.getRegionReview(runId, region);
    const year = this.deps.reference.getCycle(review.run.cycleId)?.year ?? now.getFullYear();
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = '科技副总匹配服务';
    wb.created = now;
    const r = review.region;
    // The shared 附件2 sheet: A3 landscape, rows 1–4 on every page, fit to width, 10 pt wrapped text, borders.
    addSummarySheet(wb, {
      name: '需求汇总表',
      title: `${year}年企业“科技副总”选派需求汇总表（${r.name}）`,
      meta:
        `填报单位：${r.name}　　匹配批次：${review.run.id}　　名额：${r.seats}${r.seatsShared ? `（与名额单位 ${r.seatUnit} 的其他区县共用）` : ''}　　已分配：${r.assigned}　　` +
        `待审核：${r.pending}　　审核状态：${REGION_STATUS_LABELS[r.status]}　　导出时间：${now.toISOString().slice(0, 16).replace('T', ' ')}（UTC）`,
      columns: COLUMNS,
      rows: review.items.map((d, i) => COLUMNS.map((c) => c.value(d, i, review))),
    });

    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `${review.run.id}-${region}-${review.region.name}-需求汇总表.xlsx`, body };
  }
}
