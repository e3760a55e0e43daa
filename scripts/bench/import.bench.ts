// Bulk import of experts with projects and patents from JSON Lines, CSV and XLSX: rows/s and peak RSS, each
// format in its own process over a fresh database. With --baseline-root (an older checkout, e.g. the main
// branch before this change) the same files also go through that code in the same run, and the stored
// records are compared by hash. The old XLSX reader is quadratic, so its baseline reads only the first
// --baseline-xlsx-rows rows (and its rows/s is for that size).
//   npm run bench -- import [--quick] [--experts N] [--formats jsonl,csv,xlsx] [--baseline-root DIR] [--baseline-xlsx-rows N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { formatCsvCell } from '../../src/intake/csv.parser';
import { COLUMNS } from '../../src/intake/tabular-columns';
import { emit, flag, numberOption, option, round } from './bench.types';

const here = dirname(fileURLToPath(import.meta.url));
const REGIONS = ['330302', '330303', '330304', '330324', '330381', '330382'];
const TITLES = ['正高级', '副高级', '中级'];
const WORDS = ['锂离子电池', '储能材料', '智能制造', '工业机器人', '阀门密封', '电气控制', '鞋材工艺', '光伏组件', '精密模具', '新材料'];

/** Deterministic experts, 3 projects and 2 patents each, in the import format. */
export function buildExperts(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const w = (k: number) => WORDS[(i + k) % WORDS.length];
    return {
      externalId: `BENCH-${String(i).padStart(6, '0')}`,
      name: `专家${i}`,
      title: TITLES[i % 3],
      degree: '博士',
      institution: { name: `研究院${i % 300}`, type: 'university', region: REGIONS[i % REGIONS.length] },
      region: REGIONS[(i + 1) % REGIONS.length],
      fields: [w(0), w(3)],
      workStartYear: 2000 + (i % 20),
      honours: [],
      projects: [0, 1, 2].map((k) => ({
        title: `${w(k)}关键技术研究${i}-${k}`,
        abstract: `面向${w(k + 1)}的${w(k + 2)}方法，解决${w(k)}在工程应用中的可靠性问题。`,
        keywords: [w(k), w(k + 1)],
        startYear: 2018 + k,
        endYear: 2021 + k,
      })),
      patents: [0, 1].map((k) => ({
        number: `CN2021${String(i).padStart(6, '0')}${k}.X`,
        title: `一种${w(k + 4)}装置${k}`,
        type: 'invention',
        status: 'granted',
        ipc: ['H01M 10/0567'],
      })),
    };
  });
}

const cellOf = (record: Record<string, unknown>, column: string): string => {
  let v: unknown = record;
  for (const key of column.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.length && typeof v[0] === 'object' ? JSON.stringify(v) : v.join(';');
  return String(v);
};

export async function writeFiles(dir: string, experts: Array<Record<string, unknown>>, xlsxRows: Array<[string, number]>): Promise<Record<string, string>> {
  const columns = Object.keys(COLUMNS.experts);
  const files: Record<string, string> = { jsonl: join(dir, 'experts.jsonl'), csv: join(dir, 'experts.csv') };
  writeFileSync(files.jsonl, experts.map((e) => JSON.stringify(e)).join('\n'));
  writeFileSync(files.csv, [columns.join(','), ...experts.map((e) => columns.map((c) => formatCsvCell(cellOf(e, c))).join(','))].join('\n'));
  for (const [name, n] of xlsxRows) {
    files[name] = join(dir, `${name}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: files[name], useSharedStrings: false });
    const ws = wb.addWorksheet('experts');
    ws.addRow(columns).commit();
    for (const e of experts.slice(0, n)) ws.addRow(columns.map((c) => cellOf(e, c))).commit();
    ws.commit();
    await wb.commit();
  }
  return files;
}

type ChildFigures = { rows: number; readS: number; storeS: number; inserted: number; rejected: number; storedHash: string; peakRssMb: number };

function runChild(root: string, file: string, tmp: string): ChildFigures {
  const dataDir = mkdtempSync(join(tmp, 'db-'));
  const tsx = join(here, '../../node_modules/.bin/tsx');
  const out = execFileSync(tsx, [join(here, 'import-run.child.ts'), root, file, dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  rmSync(dataDir, { recursive: true, force: true });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildFigures;
}

const figuresOf = (f: ChildFigures) => ({
  rows: f.rows,
  rowsPerS: round(f.rows / (f.readS + f.storeS), 1),
  readS: round(f.readS, 2),
  storeS: round(f.storeS, 2),
  msPerExpertStore: round((f.storeS * 1000) / f.rows, 3),
  peakRssMb: f.peakRssMb,
  inserted: f.inserted,
  rejected: f.rejected,
  storedHash: f.storedHash,
});

export async function run(args: string[]): Promise<void> {
  const quick = flag(args, 'quick');
  const n = numberOption(args, 'experts', quick ? 5000 : 50_000);
  const baselineRoot = option(args, 'baseline-root');
  const baselineXlsx = Math.min(n, numberOption(args, 'baseline-xlsx-rows', 2000));
  const root = resolve(here, '../..');
  const tmp = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const files = await writeFiles(
      tmp,
      buildExperts(n),
      baselineRoot
        ? [
            ['xlsx', n],
            ['xlsx-baseline', baselineXlsx],
          ]
        : [['xlsx', n]],
    );
    const formats = (option(args, 'formats') ?? 'jsonl,csv,xlsx').split(',') as Array<'jsonl' | 'csv' | 'xlsx'>;
    for (const format of formats) {
      const current = figuresOf(runChild(root, files[format], tmp));
      const line: Record<string, unknown> = { bench: 'import', format, experts: n, projectsPerExpert: 3, patentsPerExpert: 2, current };
      if (baselineRoot) {
        const file = format === 'xlsx' ? files['xlsx-baseline'] : files[format];
        const baseline = figuresOf(runChild(resolve(baselineRoot), file, tmp));
        line.baseline = { root: resolve(baselineRoot), ...baseline };
        line.speedup = round(current.rowsPerS / baseline.rowsPerS, 2);
        if (format !== 'xlsx') line.sameStoredRecords = current.storedHash === baseline.storedHash;
        else {
          // Same rows as the baseline's: the new reader on the first baselineXlsx rows, for a like-for-like ratio.
          const small = figuresOf(runChild(root, file, tmp));
          line.currentAtBaselineRows = small;
          line.speedupAtBaselineRows = round(small.rowsPerS / baseline.rowsPerS, 2);
          line.sameStoredRecords = small.storedHash === baseline.storedHash;
        }
      }
      emit(line);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
