import { AppError } from '../shared/errors';
import { addSummarySheet, ATTACHMENT2_COLUMNS, type SummaryCell, type SummaryColumn } from './attachment2-workbook.builder';
import { ATTACHMENT2_HEADERS } from './attachment2.reader';
import type { DemandRepository } from './demand.repository';
import { requestsVicePresident } from './demand.schema';
import type { EnterpriseRepository } from './enterprise.repository';
import type { ReferenceRepository } from './reference.repository';

export type SummaryExportRequest = { cycle: string; region: string; filler?: string; phone?: string; date?: string };
export type SummaryExport = { filename: string; body: Buffer; rows: number };

/** Two hidden columns after the official ones: they do not print, and they let an edited export import back exactly. */
const HIDDEN: SummaryColumn[] = [
  { header: ATTACHMENT2_HEADERS.creditCode, width: 20, hidden: true },
  { header: ATTACHMENT2_HEADERS.demandId, width: 20, hidden: true },
];

/**
 * 附件2 《企业“科技副总”选派需求汇总表》 of one region's demands in a cycle, before any matching (武汉 六 “初核汇总…将
 * 推荐函及《…选派需求汇总表》电子版一并报送至市经信局”; 73号 四(一) the needs are 会核 and reported upward). Only demands that ask for a
 * 科技副总 are listed; a county's table has its own demands, a city's those of all its counties.
 */
export class DemandSummaryExportService {
  constructor(
    private readonly deps: {
      demands: Pick<DemandRepository, 'listByCycle'>;
      enterprises: Pick<EnterpriseRepository, 'getByIds'>;
      reference: Pick<ReferenceRepository, 'getCycle' | 'listRegions'>;
    },
  ) {}

  async exportSummary(req: SummaryExportRequest, now: Date = new Date()): Promise<SummaryExport> {
    const cycle = this.deps.reference.getCycle(req.cycle);
    if (!cycle) throw new AppError('CYCLE_NOT_FOUND', `选派周期不存在：${req.cycle}`);
    const regions = this.deps.reference.listRegions();
    const region = regions.find((r) => r.code === req.region);
    if (!region) throw new AppError('NOT_FOUND', `地区不存在：${req.region}`);
    const names = new Map(regions.map((r) => [r.code, r.name]));
    const inScope = new Set([region.code, ...regions.filter((r) => r.parentCode === region.code).map((r) => r.code)]);

    const demands = this.deps.demands.listByCycle(cycle.id).filter((d) => inScope.has(d.region) && requestsVicePresident(d.demand));
    const enterprises = this.deps.enterprises.getByIds([...new Set(demands.map((d) => d.enterpriseId))]);
    const rows: SummaryCell[][] = demands.map((s, i) => {
      const d = s.demand;
      const e = enterprises.get(s.enterpriseId);
      const c = (n: 0 | 1) => d.namedCandidates[n];
      const agreed = (n: 0 | 1) => (c(n) ? (c(n)!.agreed ? '是' : '否') : null);
      return [
        i + 1,
        names.get(s.region) ?? s.region,
        e?.name,
        e?.industry,
        e?.employees,
        e?.revenue,
        d.expectedField || null,
        d.title,
        d.expectedCooperation,
        c(0)?.institution,
        c(0)?.name ?? c(0)?.expertExternalId,
        agreed(0),
        c(1)?.institution,
        c(1)?.name ?? c(1)?.expertExternalId,
        agreed(1),
        d.namedCandidates.length === 0 ? '√' : null,
        d.enterpriseCreditCode,
        d.externalId,
      ];
    });

    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = '科技副总匹配服务';
    wb.created = now;
    const date = req.date ?? now.toISOString().slice(0, 10);
    const blank = '　　　　　　';
    addSummarySheet(wb, {
      name: '需求汇总表',
      title: `${cycle.year}年企业“科技副总”选派需求汇总表`,
      meta: `填报单位（加盖公章）：${region.name}　　　　　　填报人：${req.filler || blank}　　　　联系方式：${req.phone || blank}　　　　填报日期：${date}`,
      columns: [...ATTACHMENT2_COLUMNS, ...HIDDEN],
      rows,
    });
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `${cycle.id}-${region.code}-${region.name}-选派需求汇总表.xlsx`, body, rows: rows.length };
  }
}
