// The second expert-finding task, built from CSL papers (../shared/eval/csl-dev/papers.jsonl, see its README).
//
// Construction (deterministic, no randomness): a pseudo-expert is a group of papers that share a discipline and a
// keyword, the way one researcher's papers share a topic. Greedily, the (discipline, keyword) pair with the most
// still-unassigned papers (ties: discipline, then keyword, in code-point order) becomes a group of its papers
// (at most GROUP_MAX, lowest ids first); repeat while some pair still has ≥ GROUP_MIN unassigned papers. From each
// group the paper with the highest id is held out: its title is the query, the group (its remaining papers) the
// one relevant expert. Every other paper joins a distractor expert: the leftovers of each discipline, in id
// order, are cut into groups of 3 (so distractors look like researchers with a few papers in one discipline,
// not like single papers that a max-over-evidence ranking would favour or a sum would punish).
import { readFileSync } from 'node:fs';
import type { ExpertInput } from '../../src/intake/expert.schema';
import { type ExpertTask, PLACEHOLDER } from './nsfc-task';

export type CslPaper = { id: string; title: string; abstract: string; keywords: string[]; discipline: string };

export const GROUP_MIN = 2;
export const GROUP_MAX = 8;
const DISTRACTOR_SIZE = 3;

/** Reads papers.jsonl; rows without a title are skipped. */
export function readCslPapers(file: string): CslPaper[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CslPaper)
    .filter((p) => p.title?.trim());
}

const idNum = (p: CslPaper) => Number(p.id.replace(/\D+/g, '')) || 0;
const byId = (a: CslPaper, b: CslPaper) => idNum(a) - idNum(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Topic groups by greedy (discipline, keyword) selection, then the leftovers per discipline. */
export function groupCslPapers(papers: CslPaper[]): { topical: CslPaper[][]; distractors: CslPaper[][] } {
  const sorted = [...papers].sort(byId);
  const unassigned = new Set(sorted);
  const topical: CslPaper[][] = [];
  for (;;) {
    const counts = new Map<string, CslPaper[]>();
    for (const p of sorted) {
      if (!unassigned.has(p)) continue;
      for (const k of new Set(p.keywords.map((x) => x.trim()).filter(Boolean))) {
        const key = `${p.discipline}\u0000${k}`;
        const list = counts.get(key);
        if (list) list.push(p);
        else counts.set(key, [p]);
      }
    }
    let best: [string, CslPaper[]] | undefined;
    for (const e of counts) if (e[1].length >= GROUP_MIN && (!best || e[1].length > best[1].length || (e[1].length === best[1].length && cmp(e[0], best[0]) < 0))) best = e;
    if (!best) break;
    const members = best[1].slice(0, GROUP_MAX);
    for (const p of members) unassigned.delete(p);
    topical.push(members);
  }
  const byDiscipline = new Map<string, CslPaper[]>();
  for (const p of sorted) if (unassigned.has(p)) byDiscipline.set(p.discipline, [...(byDiscipline.get(p.discipline) ?? []), p]);
  const distractors: CslPaper[][] = [];
  for (const d of [...byDiscipline.keys()].sort(cmp)) {
    const list = byDiscipline.get(d)!;
    for (let i = 0; i < list.length; i += DISTRACTOR_SIZE) distractors.push(list.slice(i, i + DISTRACTOR_SIZE));
  }
  return { topical, distractors };
}

const toPaper = (p: CslPaper) => ({ title: p.title.slice(0, 200), abstract: p.abstract.slice(0, 20_000), keywords: p.keywords.map((k) => k.slice(0, 100)).slice(0, 100) });

/** The CSL task: topical groups (one title held out of each) and distractor experts, all imported as papers. */
export function buildCslTask(papers: CslPaper[]): ExpertTask {
  const { topical, distractors } = groupCslPapers(papers);
  const experts: ExpertInput[] = [];
  const queries: ExpertTask['queries'] = [];
  const expert = (externalId: string, list: CslPaper[]): ExpertInput => ({
    externalId,
    name: `CSL ${externalId}`,
    birthDate: PLACEHOLDER.birthDate,
    region: PLACEHOLDER.region,
    institution: { name: 'CSL', type: PLACEHOLDER.institutionType },
    papers: list.map(toPaper),
  });
  topical.forEach((g, i) => {
    const externalId = `csl-t${String(i + 1).padStart(4, '0')}`;
    const held = g[g.length - 1];
    queries.push({ expertId: externalId, title: held.title });
    experts.push(expert(externalId, g.slice(0, -1)));
  });
  distractors.forEach((g, i) => experts.push(expert(`csl-d${String(i + 1).padStart(4, '0')}`, g)));
  return { experts, queries };
}
