import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRows } from '../../src/intake/bulk-import.service';
import { exportRecords } from '../../src/intake/export.service';
import { readImportFile, readJsonLines } from '../../src/intake/import-file.reader';
import type { Runtime } from '../../src/runtime';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cycleRecord, demandRecord, enterpriseRecord, expertRecord } from '../fixtures/records';

let tmp: TestRuntime;
let services: Runtime['services'] & { repos: Runtime['repositories'] };
/** The import's ports from a runtime: the intake write path and a transaction per chunk. */
const portsOf = (r: Runtime) => ({ intake: r.services.intake, transaction: r.transaction });
beforeEach(() => {
  tmp = createTestRuntime();
  services = { ...tmp.runtime.services, repos: tmp.runtime.repositories };
});
afterEach(async () => {
  await tmp.cleanup();
});

const jsonl = (records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

describe('bulk import', () => {
  it('stores the good rows, reports each bad one with line, field and reason, and a re-import changes nothing', () => {
    const text = jsonl([
      expertRecord({ externalId: 'A1' }),
      expertRecord({ externalId: 'A2', birthDate: '19850312' }),
      '{not json',
      expertRecord({ externalId: 'A3', region: '000000' }),
      expertRecord({ externalId: 'A4', name: '王芳' }),
    ]);
    const first = importRows(portsOf(tmp.runtime), 'experts', readJsonLines(text));
    expect(first.inserted).toBe(2);
    expect(first.rejected).toEqual([
      { line: 2, field: 'birthDate', message: '日期格式应为 YYYY-MM-DD' },
      expect.objectContaining({ line: 3, field: '(line)' }),
      { line: 4, field: 'region', message: '未知的行政区划代码：000000' },
    ]);
    const second = importRows(portsOf(tmp.runtime), 'experts', readJsonLines(text));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(services.repos.experts.count()).toBe(2);
  });

  it('a changed re-import replaces the expert and its children, and reads back exactly as imported', () => {
    importRows(portsOf(tmp.runtime), 'experts', readJsonLines(jsonl([expertRecord({ externalId: 'U1' })])));
    const changed = expertRecord({
      externalId: 'U1',
      title: '正高级',
      projects: [{ title: '新课题', abstract: '摘要', keywords: ['储能'], startYear: 2025 }],
      patents: [],
      papers: [{ title: '论文', year: 2024 }],
      cooperations: [{ enterpriseCreditCode: '91330302MA2AB0001X', year: 2024 }],
    });
    const summary = importRows(portsOf(tmp.runtime), 'experts', readJsonLines(jsonl([changed])));
    expect(summary).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    const [stored] = [...exportRecords(services.repos, 'experts')] as Array<Record<string, unknown>>;
    expect(stored).toMatchObject({ title: '正高级', patents: [], papers: [{ title: '论文', year: 2024 }] });
    expect(stored.projects).toEqual([{ title: '新课题', abstract: '摘要', keywords: ['储能'], role: 'leader', level: 'other', startYear: 2025 }]);
    expect(services.repos.experts.count()).toBe(1);
  });

  it('--strict stores nothing when any row is bad', () => {
    const rows = readJsonLines(jsonl([expertRecord({ externalId: 'S1' }), expertRecord({ externalId: 'S2', title: '教授' })]));
    const summary = importRows(portsOf(tmp.runtime), 'experts', rows, { strict: true });
    expect(summary.inserted).toBe(0);
    expect(summary.rejected).toEqual([expect.objectContaining({ line: 2, field: 'title' })]);
    expect(services.repos.experts.count()).toBe(0);
  });

  it('--strict stores everything in one go when all rows are good', () => {
    const rows = readJsonLines(jsonl([expertRecord({ externalId: 'S1' }), expertRecord({ externalId: 'S2' })]));
    expect(importRows(portsOf(tmp.runtime), 'experts', rows, { strict: true })).toMatchObject({ inserted: 2, rejected: [] });
  });

  it('reads CSV with quoted commas, newlines, lists and JSON cells, counting lines from the header', async () => {
    const file = join(tmp.dir, 'enterprises.csv');
    writeFileSync(
      file,
      [
        'creditCode,name,region,registeredAt,employees,qualifications,industry,relatedParties,address',
        '91330302MA2AB0001X,"温州瓯能储能科技有限公司",330302,2018-05-20,120,高新技术企业;科技型中小企业,新能源,"[{""kind"":""investor"",""institutionName"":""温州大学""}]","鹿城区 1 号,\n二楼"',
        '91330302MA2AB0002X,坏企业,330302,2018-05-20,很多,,新能源,,',
        '',
      ].join('\n'),
    );
    const summary = importRows(portsOf(tmp.runtime), 'enterprises', await readImportFile('enterprises', file));
    expect(summary.inserted).toBe(1);
    expect(summary.rejected).toEqual([{ line: 4, field: 'employees', message: '应为数字：很多' }]);
    const stored = services.repos.enterprises.getByCreditCode('91330302MA2AB0001X')!;
    expect(stored.qualifications).toEqual(['高新技术企业', '科技型中小企业']);
    expect(stored.relatedParties).toEqual([{ kind: 'investor', institutionName: '温州大学' }]);
    expect(stored.address).toBe('鹿城区 1 号,\n二楼');
  });

  it('reports unknown CSV columns instead of dropping them silently', async () => {
    const file = join(tmp.dir, 'x.csv');
    writeFileSync(file, 'creditCode,nmae\n91330302MA2AB0001X,x\n');
    const summary = importRows(portsOf(tmp.runtime), 'enterprises', await readImportFile('enterprises', file));
    expect(summary.rejected).toEqual([{ line: 1, field: 'nmae', message: '未知的列：nmae' }]);
  });

  it('round-trips import → export → import without loss', async () => {
    services.intake.saveCycle(cycleRecord());
    const experts = [
      expertRecord({ externalId: 'R1' }),
      expertRecord({ externalId: 'R2', papers: [{ title: '论文', year: 2020 }], badRecords: [{ date: '2024-01-01', kind: '学术不端' }] }),
    ];
    importRows(portsOf(tmp.runtime), 'experts', readJsonLines(jsonl(experts)));
    importRows(portsOf(tmp.runtime), 'enterprises', readJsonLines(jsonl([enterpriseRecord({ creditIssues: [{ date: '2025-01-01', kind: '税务失信' }] })])));
    importRows(portsOf(tmp.runtime), 'demands', readJsonLines(jsonl([demandRecord()])));

    const exported = (['experts', 'enterprises', 'demands'] as const).map((k) => [...exportRecords(services.repos, k)]);
    const copy = createTestRuntime();
    try {
      const other = { ...copy.runtime.services, repos: copy.runtime.repositories };
      other.intake.saveCycle(cycleRecord());
      (['experts', 'enterprises', 'demands'] as const).forEach((k, i) => {
        const s = importRows(portsOf(copy.runtime), k, readJsonLines(jsonl(exported[i])));
        expect(s.rejected).toEqual([]);
      });
      const again = (['experts', 'enterprises', 'demands'] as const).map((k) => [...exportRecords(other.repos, k)]);
      expect(again).toEqual(exported);
      // And re-importing the export into the original changes nothing: the records are identical.
      const s = importRows(portsOf(tmp.runtime), 'experts', readJsonLines(jsonl(exported[0])));
      expect(s).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    } finally {
      await copy.cleanup();
    }
  });
});
