import type { KeywordExtractor } from '../portraits/keyword-extractor.port';
import type { RetrievalIndex } from '../retrieval/retrieval-index';
import { type Bm25Params, Bm25Index, DEFAULT_BM25 } from './bm25.index';
import type { ExpertMetaRow, RankingRepository } from './ranking.repository';

export type Tokenizer = Pick<KeywordExtractor, 'tokenize'>;

/** An expert as ranking sees it on every request: enough to score overlap and strength and to name the expert. */
export type ExpertMeta = {
  id: number;
  externalId: string;
  name: string;
  region: string;
  institution: string;
  /** Field tags and their tokens. */
  fieldTerms: Set<string>;
  /** Portrait keywords (TF-IDF weight 0..1). */
  keywords: Map<string, number>;
  /** IPC subclasses of the expert's patents (e.g. H01M). */
  ipc: Set<string>;
  /** 0..1, see strengthOf. */
  strength: number;
};

/**
 * One number from the portrait's strength indicators, saturating: the first granted invention patent or
 * national project counts most, the tenth little. Weights are judgement (the NSFC task cannot tell them apart:
 * it has projects only); the fusion weight of the whole signal is what was tuned.
 */
export function strengthOf(s: Record<string, number> | null): number {
  if (!s) return 0;
  const g = (k: string) => Math.max(0, s[k] ?? 0);
  const raw =
    1.0 * Math.log1p(g('grantedInventionPatents')) +
    0.3 * Math.log1p(Math.max(0, g('patents') - g('grantedInventionPatents'))) +
    0.8 * Math.log1p(g('projectsNational')) +
    0.5 * Math.log1p(g('projectsProvincial')) +
    0.3 * Math.log1p(g('projectsMunicipal') + g('projectsEnterprise')) +
    0.15 * Math.log1p(g('projectsOther')) +
    0.2 * Math.log1p(g('papers')) +
    0.4 * Math.min(1, g('activeYearsLast5') / 5);
  return 1 - Math.exp(-raw / 1.5);
}

export type CorpusStats = { experts: number; lexicalDocs: number; refreshes: number; lastRefreshMs: number };

/**
 * The ranking layer's in-memory view of the expert pool: metadata of every expert and a BM25 index over the
 * texts of their projects, patents and papers. Follows the database lazily: each request compares the
 * change-log watermark and the retrieval index's shape (both O(1)) and only then reloads what changed.
 */
export class RankingCorpus {
  readonly meta = new Map<number, ExpertMeta>();
  private bm25: Bm25Index;
  private seq = -1;
  private indexShape = '';
  /** Per expert: count and id sum of its evidence rows, to tell which experts' texts a sync changed. */
  private evidenceSig = new Map<number, string>();
  private readonly annIds = new WeakMap<object, number>();
  private readonly byExternal = new Map<string, number>();
  private evidenceCounts = new Map<number, number>();
  private readonly totals = new Map<string, number>();
  private refreshes = 0;
  private lastRefreshMs = 0;

  constructor(
    private readonly repo: Pick<RankingRepository, 'changeSeq' | 'expertsChangedSince' | 'expertMeta' | 'evidenceTexts' | 'evidenceSignatures' | 'iterateEvidenceTexts'>,
    private readonly index: RetrievalIndex,
    private readonly tokenizer: Tokenizer,
    private readonly bm25Params: Bm25Params = DEFAULT_BM25,
  ) {
    this.bm25 = new Bm25Index(bm25Params);
  }

  get lexical(): Bm25Index {
    return this.bm25;
  }
  stats(): CorpusStats {
    return { experts: this.meta.size, lexicalDocs: this.bm25.size, refreshes: this.refreshes, lastRefreshMs: this.lastRefreshMs };
  }
  /** The change-log sequence the corpus reflects (eligibility snapshots key on it). */
  get changeSeq(): number {
    return this.seq;
  }
  idOf(externalId: string): number | undefined {
    return this.byExternal.get(externalId);
  }
  evidenceCountOf(expertId: number): number {
    return this.evidenceCounts.get(expertId) ?? 0;
  }

  /** Evidence rows of a set of experts, memoised per (key, seq): decides exact scan or graph walk. */
  evidenceTotal(key: string, seq: number, ids: readonly number[]): number {
    const k = `${key}|${seq}|${this.refreshes}`;
    let n = this.totals.get(k);
    if (n === undefined) {
      n = 0;
      for (const id of ids) n += this.evidenceCountOf(id);
      if (this.totals.size > 32) this.totals.clear();
      this.totals.set(k, n);
    }
    return n;
  }

  private shapeOfIndex(): string {
    const ann = this.index.ann;
    let annId = 0;
    if (ann) {
      annId = this.annIds.get(ann) ?? 0;
      if (!annId) this.annIds.set(ann, (annId = this.refreshes + 1 + Math.floor(Math.random() * 1e9)));
    }
    return `${this.index.matrix.size}|${annId}|${ann?.size() ?? 0}|${ann?.deletedCount() ?? 0}`;
  }

  /** Brings the corpus up to date; cheap when nothing changed. Returns whether anything was reloaded. */
  refresh(): boolean {
    const seq = this.repo.changeSeq();
    const shape = this.shapeOfIndex();
    if (seq === this.seq && shape === this.indexShape) return false;
    const started = performance.now();
    if (this.seq < 0) {
      this.loadAll();
    } else {
      const changed = new Set(seq !== this.seq ? this.repo.expertsChangedSince(this.seq) : []);
      if (shape !== this.indexShape) for (const id of this.diffEvidence()) changed.add(id);
      this.reload([...changed]);
    }
    this.seq = seq;
    this.indexShape = shape;
    this.refreshes++;
    this.lastRefreshMs = Math.round(performance.now() - started);
    return true;
  }

  private toMeta(r: ExpertMetaRow): ExpertMeta {
    const fieldTerms = new Set<string>();
    for (const f of r.fields) {
      fieldTerms.add(f);
      for (const t of this.tokenizer.tokenize(f)) fieldTerms.add(t);
    }
    return {
      id: r.id,
      externalId: r.externalId,
      name: r.name,
      region: r.region,
      institution: r.institution,
      fieldTerms,
      keywords: new Map(r.keywords.map((k) => [k.term, k.weight])),
      ipc: new Set(r.ipcClasses),
      strength: strengthOf(r.strength),
    };
  }

  private loadAll(): void {
    this.meta.clear();
    this.byExternal.clear();
    for (const r of this.repo.expertMeta()) this.setMeta(this.toMeta(r));
    this.bm25 = new Bm25Index(this.bm25Params);
    for (const page of this.repo.iterateEvidenceTexts()) this.indexTexts(page);
    this.setSignatures(this.repo.evidenceSignatures());
  }

  private setMeta(m: ExpertMeta): void {
    const old = this.meta.get(m.id);
    if (old && old.externalId !== m.externalId) this.byExternal.delete(old.externalId);
    this.meta.set(m.id, m);
    this.byExternal.set(m.externalId, m.id);
  }

  private setSignatures(sig: Map<number, string>): void {
    this.evidenceSig = sig;
    this.evidenceCounts = new Map([...sig].map(([id, s]) => [id, Number(s.slice(0, s.indexOf(':')))]));
  }

  private indexTexts(rows: Array<{ expertId: number; text: string }>, experts?: number[]): void {
    const docs = new Map<number, string[]>();
    for (const e of experts ?? []) docs.set(e, []);
    for (const r of rows) {
      let d = docs.get(r.expertId);
      if (!d) docs.set(r.expertId, (d = []));
      for (const t of this.tokenizer.tokenize(r.text)) d.push(t);
    }
    for (const [expertId, tokens] of docs) {
      if (tokens.length === 0 || !this.meta.has(expertId)) this.bm25.remove(expertId);
      else this.bm25.upsert(expertId, tokens);
    }
  }

  /** Experts whose evidence rows differ from what the lexical index was built from. */
  private diffEvidence(): number[] {
    const now = this.repo.evidenceSignatures();
    const changed: number[] = [];
    for (const [id, sig] of now) if (this.evidenceSig.get(id) !== sig) changed.push(id);
    for (const id of this.evidenceSig.keys()) if (!now.has(id)) changed.push(id);
    this.setSignatures(now);
    return changed;
  }

  private reload(ids: number[]): void {
    if (ids.length === 0) return;
    const rows = new Map(this.repo.expertMeta(ids).map((r) => [r.id, r]));
    for (const id of ids) {
      const r = rows.get(id);
      const old = this.meta.get(id);
      if (r) this.setMeta(this.toMeta(r));
      else if (old) {
        this.meta.delete(id);
        this.byExternal.delete(old.externalId);
      }
    }
    this.indexTexts(this.repo.evidenceTexts(ids), ids);
  }
}
