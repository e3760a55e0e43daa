import type { ExpertInput } from '../../src/intake/expert.schema';
import type { NsfcProject } from './nsfc-projects';

/** Facts NSFC (and CSL) rows do not carry: documented placeholders the open profile never reads. */
export const PLACEHOLDER = { birthDate: '1970-01-01', region: '110000', institutionType: 'university' } as const;

/** An expert-finding task: experts to import and held-out queries, each with the one relevant expert. */
export type ExpertTask = { experts: ExpertInput[]; queries: Array<{ expertId: string; title: string }> };

/** The NSFC task: experts from all but each PI's latest project, that project's title as the query. */
export function buildNsfcTask(rows: NsfcProject[]): ExpertTask {
  const byExpert = new Map<string, NsfcProject[]>();
  for (const r of rows) {
    const key = `${r.pi}|${r.institution}`;
    const list = byExpert.get(key);
    if (list) list.push(r);
    else byExpert.set(key, [r]);
  }
  const level = (cat: string) => (/重点|重大|面上|青年|国际|杰出|优秀|专项/.test(cat) ? ('national' as const) : ('other' as const));
  const experts: ExpertInput[] = [];
  const queries: ExpertTask['queries'] = [];
  [...byExpert.keys()].sort().forEach((key, idx) => {
    const list = [...byExpert.get(key)!].sort((x, y) => (x.approval < y.approval ? -1 : x.approval > y.approval ? 1 : 0));
    const externalId = `nsfc-${String(idx + 1).padStart(5, '0')}`;
    if (list.length >= 2) queries.push({ expertId: externalId, title: list[list.length - 1].title });
    const kept = list.length >= 2 ? list.slice(0, -1) : list;
    const [pi, institution] = key.split('|');
    experts.push({
      externalId,
      name: pi.slice(0, 50),
      birthDate: PLACEHOLDER.birthDate,
      region: PLACEHOLDER.region,
      institution: { name: institution.slice(0, 200), type: PLACEHOLDER.institutionType },
      projects: kept.map((p) => ({ title: p.title.slice(0, 200), role: 'leader' as const, level: level(p.category), startYear: p.start, endYear: p.end })),
    });
  });
  return { experts, queries };
}
