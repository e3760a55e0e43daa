import type { Transaction } from '../shared/transaction.port';
import { parseAttachment1 } from './attachment1.reader';
import { type Attachment2Row, parseAttachment2 } from './attachment2.reader';
import type { DemandRepository } from './demand.repository';
import type { EnterpriseRepository } from './enterprise.repository';
import type { FieldError, IntakeService } from './intake.service';
import type { FormError, SheetCell, SheetCells } from './official-workbook.reader';
import { readNumber, readTicks } from './official-workbook.reader';
import type { ReferenceRepository } from './reference.repository';

export type FormImportCounts = { inserted: number; updated: number; unchanged: number };
/** Per sheet (附件1) or row (附件2): stored whole, or rejected whole with every reason. */
export type FormImportReport = {
  enterprises: FormImportCounts;
  demands: FormImportCounts;
  stored: Array<{ file: string; sheet: string; line?: number; enterprise: string; demand: string }>;
  rejected: FormError[];
};
export type FormImportOptions = { cycle: string; region?: string };

class RejectUnit extends Error {}
const counts = (): FormImportCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

/**
 * Imports the official workbooks. A 附件1 sheet makes an enterprise and its demand and is stored in one
 * transaction or not at all; a 附件2 row completes (or creates) an enterprise and its demand of the cycle, also as one unit.
 */
export class OfficialFormImportService {
  constructor(
    private readonly deps: {
      intake: Pick<IntakeService, 'save'>;
      transaction: Transaction;
      enterprises: Pick<EnterpriseRepository, 'getByCreditCode' | 'findByName'>;
      demands: Pick<DemandRepository, 'getByExternalId' | 'listByCycle'>;
      reference: Pick<ReferenceRepository, 'listRegions' | 'getCycle'>;
    },
  ) {}

  importAttachment1(sheets: SheetCells[], opts: FormImportOptions): FormImportReport {
    const report = this.emptyReport(opts);
    if (report.rejected.length) return report;
    for (const sheet of sheets) {
      const parsed = parseAttachment1(sheet, opts);
      const errors = [...parsed.errors];
      const where = (f: FieldError): FormError => {
        const c = parsed.cellOf(f.field);
        return { file: sheet.file, sheet: sheet.sheet, cell: c?.address ?? '-', line: c?.row ?? 0, field: f.field, message: f.message };
      };
      const enterprise = this.withRegion(parsed.enterprise ?? {}, parsed.cellOf('region'), sheet, errors);
      if (errors.length === 0) this.storeUnit(report, { file: sheet.file, sheet: sheet.sheet }, enterprise, parsed.demand ?? {}, where, errors);
      report.rejected.push(...errors);
    }
    return report;
  }

  importAttachment2(sheets: SheetCells[], opts: FormImportOptions): FormImportReport {
    const report = this.emptyReport(opts);
    if (report.rejected.length) return report;
    const cycleDemands = this.deps.demands.listByCycle(opts.cycle);
    for (const sheet of sheets) {
      const parsed = parseAttachment2(sheet);
      report.rejected.push(...parsed.errors);
      if (parsed.errors.length) continue;
      for (const row of parsed.rows) {
        const errors: FormError[] = [];
        const at = (c: SheetCell | undefined, field: string, message: string) =>
          errors.push({ file: sheet.file, sheet: sheet.sheet, cell: c?.address ?? `${row.line}`, line: row.line, field, message });
        const units = this.rowRecords(row, opts, cycleDemands, at);
        if (units && errors.length === 0) {
          const cellOf = (field: string) => row.cells[FIELD_COLUMN[field.split('.')[0]] ?? 'enterprise'];
          const where = (f: FieldError): FormError => ({
            file: sheet.file,
            sheet: sheet.sheet,
            cell: cellOf(f.field)?.address ?? `${row.line}`,
            line: row.line,
            field: f.field,
            message: f.message,
          });
          const enterprise = this.withRegion(units.enterprise, row.cells.location, sheet, errors, row.line);
          if (errors.length === 0) this.storeUnit(report, { file: sheet.file, sheet: sheet.sheet, line: row.line }, enterprise, units.demand, where, errors);
        }
        report.rejected.push(...errors);
      }
    }
    return report;
  }

  private emptyReport(opts: FormImportOptions): FormImportReport {
    const report: FormImportReport = { enterprises: counts(), demands: counts(), stored: [], rejected: [] };
    if (!this.deps.reference.getCycle(opts.cycle)) report.rejected.push({ file: '-', sheet: '-', cell: '-', line: 0, field: 'cycle', message: `选派周期不存在：${opts.cycle}` });
    return report;
  }

  /** Enterprise and demand in one transaction: a demand the database refuses takes its enterprise back with it. */
  private storeUnit(
    report: FormImportReport,
    origin: { file: string; sheet: string; line?: number },
    enterprise: Record<string, unknown>,
    demand: Record<string, unknown>,
    where: (f: FieldError) => FormError,
    errors: FormError[],
  ): void {
    try {
      this.deps.transaction(() => {
        const e = this.deps.intake.save('enterprises', enterprise);
        if (!e.ok) errors.push(...e.errors.map(where));
        const d = this.deps.intake.save('demands', demand);
        if (!d.ok) errors.push(...d.errors.map(where));
        if (!e.ok || !d.ok) {
          // The credit code fails twice (enterprise and demand) at one cell: say it once.
          const seen = new Set<string>();
          errors.splice(0, errors.length, ...errors.filter((x) => !seen.has(`${x.cell}|${x.message}`) && seen.add(`${x.cell}|${x.message}`)));
          throw new RejectUnit();
        }
        report.enterprises[e.status]++;
        report.demands[d.status]++;
        report.stored.push({ ...origin, enterprise: e.key, demand: d.key });
      });
    } catch (err) {
      if (!(err instanceof RejectUnit)) throw err;
    }
  }

  /** 企业所在地 as the form writes it (a name such as 鹿城区, or the 6-digit code); the --region default otherwise. */
  private withRegion(enterprise: Record<string, unknown>, cell: SheetCell | undefined, sheet: SheetCells, errors: FormError[], line?: number): Record<string, unknown> {
    const raw = typeof enterprise.region === 'string' ? enterprise.region : undefined;
    if (!raw || /^\d{6}$/.test(raw)) return enterprise;
    const found = this.deps.reference.listRegions().filter((r) => r.name === raw);
    const pick = found.find((r) => r.level === 'county') ?? found[0];
    if (!pick || found.filter((r) => r.level === pick.level).length > 1) {
      errors.push({
        file: sheet.file,
        sheet: sheet.sheet,
        cell: cell?.address ?? '-',
        line: line ?? cell?.row ?? 0,
        field: 'region',
        message: pick ? `地区名称不唯一：${raw}（请填写 6 位行政区划代码）` : `未知的地区：${raw}`,
      });
      return enterprise;
    }
    return { ...enterprise, region: pick.code };
  }

  /** A 附件2 row completes the stored enterprise and demand (other fields kept) or, with a credit code, creates them. */
  private rowRecords(
    row: Attachment2Row,
    opts: FormImportOptions,
    cycleDemands: ReturnType<DemandRepository['listByCycle']>,
    at: (c: SheetCell | undefined, field: string, message: string) => void,
  ): { enterprise: Record<string, unknown>; demand: Record<string, unknown> } | undefined {
    const c = row.cells;
    const txt = (k: keyof typeof c) => c[k]?.text;
    const name = txt('enterprise');
    if (!name) {
      at(c.seq, 'name', '申报企业名称不能为空');
      return undefined;
    }
    const code = txt('creditCode')?.replace(/\s+/g, '').toUpperCase();
    let stored = code ? this.deps.enterprises.getByCreditCode(code) : undefined;
    if (!code) {
      const byName = this.deps.enterprises.findByName(name);
      if (byName.length !== 1) {
        at(
          c.enterprise,
          'name',
          byName.length
            ? `有 ${byName.length} 家同名企业：请加“统一社会信用代码”列`
            : `企业未登记：${name}（附件2 没有统一社会信用代码：先导入该企业的附件1，或加“统一社会信用代码”列）`,
        );
        return undefined;
      }
      stored = byName[0];
    }
    const num = (k: 'employees' | 'revenue') => {
      const cell = c[k];
      if (!cell) return undefined;
      const n = readNumber(cell.text);
      if (n === undefined || !/^[\d,.\s]+$/.test(cell.text)) at(cell, k, `应为数字：${cell.text}`);
      return n;
    };
    const yes = (k: 'c1Agreed' | 'c2Agreed') => {
      const cell = c[k];
      if (!cell) return false;
      const r = readTicks(cell.text.replace(/^[√✓✔]$/, '是'), ['是', '否']);
      if (r.error || r.ticked.length !== 1) at(cell, 'namedCandidates.agreed', `是否已经协商一致应为 是 / 否 / √：${cell.text}`);
      return r.ticked[0] === '是';
    };
    const enterprise = {
      ...(stored ?? { creditCode: code, region: opts.region }),
      name,
      ...(txt('location') ? { region: txt('location') } : {}),
      ...(txt('industry') ? { industry: txt('industry') } : {}),
      ...(c.employees ? { employees: num('employees') } : {}),
      ...(c.revenue ? { revenue: num('revenue') } : {}),
    } as Record<string, unknown>;
    const creditCode = (stored?.creditCode ?? code) as string;
    const candidates = ([1, 2] as const)
      .map((i) => ({ name: txt(`c${i}Name`), institution: txt(`c${i}Institution`), agreed: yes(`c${i}Agreed`) }))
      .filter((x) => x.name || x.institution);
    const unnamed = c.unnamed?.text;
    if (unnamed && !/^[√✓✔☑]$/.test(unnamed)) at(c.unnamed, 'namedCandidates', `“未指定具体专家”只能打√：${unnamed}`);
    if (unnamed && candidates.length) at(c.unnamed, 'namedCandidates', '打了“未指定具体专家”√，却填写了备选人员');

    const byId = txt('demandId');
    const mine = cycleDemands.filter((d) => d.demand.enterpriseCreditCode === creditCode);
    const existing = byId ? this.deps.demands.getByExternalId(byId)?.demand : mine.length === 1 ? mine[0].demand : undefined;
    if (!byId && mine.length > 1) {
      at(c.enterprise, 'externalId', `该企业在本周期有 ${mine.length} 条需求：请加“需求编号”列`);
      return undefined;
    }
    const problem = txt('problem');
    if (!problem && !existing) at(c.problem ?? c.enterprise, 'title', '期望“科技副总”帮助解决的技术创新难题不能为空');
    // Keep what the summary does not show about a candidate (expert id, phone) when it is the same person.
    const keep = (x: (typeof candidates)[number], i: number) => {
      const old = existing?.namedCandidates[i];
      return old && old.name === x.name ? { ...old, ...dropUndefined(x) } : dropUndefined(x);
    };
    const demand = {
      ...(existing ?? { externalId: byId ?? `${opts.cycle}:${creditCode}`, cycle: opts.cycle, description: problem }),
      enterpriseCreditCode: creditCode,
      ...(problem ? { title: problem } : {}),
      ...(txt('expectedField') ? { expectedField: txt('expectedField') } : {}),
      ...(txt('cooperation') ? { expectedCooperation: txt('cooperation') } : {}),
      namedCandidates: candidates.map(keep),
    } as Record<string, unknown>;
    if (existing && existing.cycle !== opts.cycle) at(c.demandId, 'cycle', `需求 ${byId} 属于选派周期 ${existing.cycle}`);
    return { enterprise, demand };
  }
}

/** Record field → the 附件2 column it came from (for rejections the schemas report by field). */
const FIELD_COLUMN: Record<string, Attachment2Row['cells'] extends Partial<Record<infer K, unknown>> ? K : never> = {
  name: 'enterprise',
  region: 'location',
  industry: 'industry',
  employees: 'employees',
  revenue: 'revenue',
  expectedField: 'expectedField',
  title: 'problem',
  description: 'problem',
  expectedCooperation: 'cooperation',
  namedCandidates: 'c1Name',
  creditCode: 'creditCode',
  enterpriseCreditCode: 'creditCode',
};

const dropUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
