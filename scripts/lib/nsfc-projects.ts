import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/intake/csv.parser';

/** One NSFC project row of ../shared/eval/nsfc-management/projects.csv (see its README). */
export type NsfcProject = { approval: string; category: string; title: string; institution: string; pi: string; start?: number; end?: number };

/** Reads the NSFC listing with the project's own CSV parser; rows without a title or PI are skipped. */
export function readNsfcProjects(file: string): NsfcProject[] {
  const [head, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const header = head.cells.map((h) => h.trim());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing in ${file}`);
    return i;
  };
  const [a, c, t, inst, pi, period] = ['项目批准号', '项目类别', '项目名称', '依托单位', '负责人', '起止年月'].map(col);
  return rows
    .map((r) => r.cells)
    .filter((r) => r[t]?.trim() && r[pi]?.trim())
    .map((r) => {
      const m = /^(\d{4})\.\d{2}-(\d{4})\.\d{2}$/.exec(r[period] ?? '');
      return {
        approval: r[a],
        category: r[c],
        title: r[t].trim(),
        institution: r[inst].trim(),
        pi: r[pi].trim(),
        start: m ? Number(m[1]) : undefined,
        end: m ? Number(m[2]) : undefined,
      };
    });
}
