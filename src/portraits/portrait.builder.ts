import type { Expert, Paper, Patent, Project } from '../intake/expert.schema';
import { hashText } from '../shared/hash';
import type { KeywordExtractor, KeywordSource } from './keyword-extractor.port';
import type { EvidenceDraft, PortraitDraft, StrengthIndicators } from './portrait.types';

/** Bump when the output of buildPortrait changes for the same input: every portrait then counts as stale. */
export const PORTRAIT_BUILDER_VERSION = 1;

export const SUMMARY_MAX_CHARS = 400;
/** Evidence texts are embedded truncated to EMBED_MAX_TOKENS anyway; storing whole 20k-char abstracts buys nothing. */
export const EVIDENCE_MAX_CHARS = 1000;
const KEYWORDS_TOP_K = 20;
const RECENT_YEARS = 5;

const PROJECT_LEVEL_ZH: Record<Project['level'], string> = {
  national: '国家级',
  provincial: '省级',
  municipal: '市级',
  enterprise: '企业委托',
  other: '其他',
};
const PROJECT_LEVEL_WEIGHT: Record<Project['level'], number> = {
  national: 3,
  provincial: 2.2,
  municipal: 1.6,
  enterprise: 1.5,
  other: 1,
};
const PATENT_TYPE_ZH: Record<Patent['type'], string> = {
  invention: '发明专利',
  utility: '实用新型专利',
  design: '外观设计专利',
  software_copyright: '软件著作权',
};
const PATENT_STATUS_ZH: Record<Patent['status'], string> = { filed: '申请中', granted: '已授权', lapsed: '已失效' };
const KIND_ORDER = { portrait: 0, project: 1, patent: 2, paper: 3 } as const;

const yearOf = (date?: string) => (date ? Number(date.slice(0, 4)) : undefined);
const clip = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max));
const joinParts = (parts: Array<string | undefined>) =>
  parts
    .map((p) => p?.trim())
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/[。；;.]+$/u, ''))
    .join('。');

function patentRelevance(p: Patent): number {
  const base = p.type === 'invention' ? (p.status === 'filed' ? 1.8 : 3) : p.type === 'utility' ? 1.4 : p.type === 'software_copyright' ? 1 : 0.8;
  return p.status === 'lapsed' ? base * 0.5 : base;
}

function projectEvidence(p: Project, ordinal: number): EvidenceDraft {
  const years = p.startYear || p.endYear ? `（${p.startYear ?? ''}–${p.endYear ?? ''}）` : '';
  const text = clip(joinParts([p.title, p.keywords.join('，'), p.abstract]), EVIDENCE_MAX_CHARS);
  return {
    kind: 'project',
    ordinal,
    text,
    textHash: hashText(text),
    label: `${PROJECT_LEVEL_ZH[p.level]}项目《${p.title}》${p.role === 'leader' ? '（负责人）' : '（参与）'}${years}`,
    year: p.endYear ?? p.startYear ?? null,
    relevance: PROJECT_LEVEL_WEIGHT[p.level] + (p.role === 'leader' ? 0.5 : 0),
  };
}

function patentEvidence(p: Patent, ordinal: number): EvidenceDraft {
  const text = clip(joinParts([p.title, p.abstract]), EVIDENCE_MAX_CHARS);
  return {
    kind: 'patent',
    ordinal,
    text,
    textHash: hashText(text),
    label: `${PATENT_TYPE_ZH[p.type]} ${p.number}《${p.title}》（${PATENT_STATUS_ZH[p.status]}）`,
    year: yearOf(p.grantedAt) ?? yearOf(p.filedAt) ?? null,
    relevance: patentRelevance(p),
  };
}

function paperEvidence(p: Paper, ordinal: number): EvidenceDraft {
  const text = clip(joinParts([p.title, p.keywords.join('，'), p.abstract]), EVIDENCE_MAX_CHARS);
  const tail = [p.venue, p.year?.toString()].filter(Boolean).join('，');
  return {
    kind: 'paper',
    ordinal,
    text,
    textHash: hashText(text),
    label: `论文《${p.title}》${tail ? `（${tail}）` : ''}`,
    year: p.year ?? null,
    relevance: 1.5,
  };
}

/** Most relevant first, then most recent, then source order: a total order, so the summary is deterministic. */
function byRelevance(a: EvidenceDraft, b: EvidenceDraft): number {
  return b.relevance - a.relevance || (b.year ?? -1) - (a.year ?? -1) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.ordinal - b.ordinal;
}

function ipcSubclasses(patents: Patent[]): string[] {
  const freq = new Map<string, number>();
  for (const p of patents)
    for (const code of new Set(p.ipc.map((c) => c.slice(0, 4).toUpperCase()))) {
      freq.set(code, (freq.get(code) ?? 0) + 1);
    }
  return [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

function strengthOf(expert: Expert, referenceYear: number): StrengthIndicators {
  const from = referenceYear - RECENT_YEARS + 1;
  const inWindow = (y?: number) => y !== undefined && y >= from && y <= referenceYear;
  const active = new Set<number>();
  let lastActiveYear = 0;
  const mark = (y?: number) => {
    if (y === undefined || y > referenceYear) return;
    lastActiveYear = Math.max(lastActiveYear, y);
    if (inWindow(y)) active.add(y);
  };
  let recentProjects = 0;
  for (const p of expert.projects) {
    const start = p.startYear ?? p.endYear;
    const end = p.endYear ?? p.startYear;
    if (start === undefined || end === undefined) continue;
    if (start <= referenceYear && end >= from) recentProjects++;
    for (let y = Math.max(start, from); y <= Math.min(end, referenceYear); y++) active.add(y);
    if (start <= referenceYear) mark(Math.min(end, referenceYear));
  }
  let recentPatents = 0;
  for (const p of expert.patents) {
    const filed = yearOf(p.filedAt);
    const granted = yearOf(p.grantedAt);
    if (inWindow(filed) || inWindow(granted)) recentPatents++;
    mark(filed);
    mark(granted);
  }
  let recentPapers = 0;
  for (const p of expert.papers) {
    if (inWindow(p.year)) recentPapers++;
    mark(p.year);
  }
  const level = (l: Project['level']) => expert.projects.filter((p) => p.level === l).length;
  const inventions = expert.patents.filter((p) => p.type === 'invention');
  return {
    referenceYear,
    grantedInventionPatents: inventions.filter((p) => p.status === 'granted').length,
    inventionPatents: inventions.length,
    patents: expert.patents.length,
    projects: expert.projects.length,
    projectsNational: level('national'),
    projectsProvincial: level('provincial'),
    projectsMunicipal: level('municipal'),
    projectsEnterprise: level('enterprise'),
    projectsOther: level('other'),
    projectsLed: expert.projects.filter((p) => p.role === 'leader').length,
    papers: expert.papers.length,
    honours: expert.honours.length,
    recentProjects,
    recentPatents,
    recentPapers,
    activeYearsLast5: active.size,
    lastActiveYear,
  };
}

/** Adds whole pieces while they fit, so the summary never ends in half a title. */
function boundedSummary(pieces: string[], max: number): string {
  let out = '';
  for (const piece of pieces) {
    if (!piece) continue;
    if (out.length + piece.length > max) {
      if (out.length === 0) out = clip(piece, max);
      break;
    }
    out += piece;
  }
  return out;
}

function summaryOf(expert: Expert, ranked: EvidenceDraft[], keywords: string[], max: number): string {
  const titleOf = (e: EvidenceDraft) => {
    if (e.kind === 'project') return expert.projects[e.ordinal].title;
    if (e.kind === 'patent') return expert.patents[e.ordinal].title;
    return expert.papers[e.ordinal].title;
  };
  const pieces: string[] = [];
  if (expert.fields.length) pieces.push(`研究领域：${expert.fields.join('、')}。`);
  const titles = [...new Set(ranked.map(titleOf))];
  if (titles.length) {
    pieces.push(`代表成果：${titles[0]}`);
    for (const t of titles.slice(1)) pieces.push(`；${t}`);
    pieces.push('。');
  }
  // Once a title did not fit, the rest of the titles are dropped but keywords and honours may still fit.
  const out = boundedSummary(pieces, max);
  const tail = [keywords.length ? `关键词：${keywords.join('、')}。` : '', expert.honours.length ? `荣誉：${expert.honours.join('、')}。` : ''];
  let summary = out.endsWith('。') || out.length === 0 ? out : `${out}。`;
  for (const piece of tail) if (piece && summary.length + piece.length <= max) summary += piece;
  return summary.length > max ? clip(summary, max) : summary;
}

export type BuildPortraitOptions = {
  /** Year the "last five years" indicators count back from; pass it in so the builder stays a pure function. */
  referenceYear: number;
  keywords: KeywordExtractor;
  maxSummaryChars?: number;
};

/** Derives the portrait of an expert from the record alone: same record and reference year, same portrait. */
export function buildPortrait(expert: Expert, opts: BuildPortraitOptions): PortraitDraft {
  const items = [...expert.projects.map(projectEvidence), ...expert.patents.map(patentEvidence), ...expert.papers.map(paperEvidence)].sort(byRelevance);

  const sources: KeywordSource[] = [
    ...expert.fields.map((text) => ({ text, weight: 2 })),
    ...expert.projects.flatMap((p) => [{ text: p.title, weight: 3 }, ...p.keywords.map((k) => ({ text: k, weight: 3 })), { text: p.abstract, weight: 1 }]),
    ...expert.patents.flatMap((p) => [
      { text: p.title, weight: 3 },
      { text: p.abstract, weight: 1 },
    ]),
    ...expert.papers.flatMap((p) => [{ text: p.title, weight: 2 }, ...p.keywords.map((k) => ({ text: k, weight: 2 })), { text: p.abstract, weight: 1 }]),
  ];
  const keywords = opts.keywords.extract(sources, KEYWORDS_TOP_K);
  const summary = summaryOf(
    expert,
    items,
    keywords.slice(0, 8).map((k) => k.term),
    opts.maxSummaryChars ?? SUMMARY_MAX_CHARS,
  );
  const portraitItem: EvidenceDraft = {
    kind: 'portrait',
    ordinal: 0,
    label: '专家画像',
    text: summary,
    textHash: hashText(summary),
    year: null,
    relevance: 0,
  };
  return {
    summary,
    keywords,
    fields: [...expert.fields],
    ipcClasses: ipcSubclasses(expert.patents),
    strength: strengthOf(expert, opts.referenceYear),
    evidence: summary ? [portraitItem, ...items] : items,
  };
}
