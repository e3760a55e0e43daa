import type { WeightedTerm } from './keyword-extractor.port';

export type EvidenceKind = 'portrait' | 'project' | 'patent' | 'paper';

/** One embeddable unit of an expert's record; `ordinal` is its position in the source list (0 for the portrait). */
export type EvidenceDraft = {
  kind: EvidenceKind;
  ordinal: number;
  label: string;
  text: string;
  textHash: string;
  year: number | null;
  relevance: number;
};

export type StrengthIndicators = {
  referenceYear: number;
  grantedInventionPatents: number;
  inventionPatents: number;
  patents: number;
  projects: number;
  projectsNational: number;
  projectsProvincial: number;
  projectsMunicipal: number;
  projectsEnterprise: number;
  projectsOther: number;
  projectsLed: number;
  papers: number;
  honours: number;
  recentProjects: number;
  recentPatents: number;
  recentPapers: number;
  /** Distinct years with a project running, a patent filed or granted, or a paper published, in the last five. */
  activeYearsLast5: number;
  lastActiveYear: number;
};

export type PortraitDraft = {
  summary: string;
  keywords: WeightedTerm[];
  fields: string[];
  ipcClasses: string[];
  strength: StrengthIndicators;
  /** The portrait summary first, then projects, patents and papers by relevance. */
  evidence: EvidenceDraft[];
};
