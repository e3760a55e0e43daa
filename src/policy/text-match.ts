import type { TermMatcher } from './policy.schema';

const QUOTES_AND_SPACES = /[\s"'“”‘’「」『』《》〈〉【】]/g;

/** NFKC (full-width → half-width), then quotes and whitespace removed: '国家“专精特新” 小巨人' → '国家专精特新小巨人'. */
export function normalizeTerm(s: string): string {
  return s.normalize('NFKC').replace(QUOTES_AND_SPACES, '');
}

/**
 * Spellings of one qualification that mean the same thing, each group's first entry canonical. Kept small
 * and literal (docs/policies.md lists it): a spelling not here is a different qualification, so
 * '高新技术企业培育库入库企业' is not '高新技术企业' and '省级专精特新培育入库企业' is not '专精特新中小企业'.
 */
export const QUALIFICATION_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['高新技术企业', '国家高新技术企业', '国家级高新技术企业'],
  ['专精特新小巨人企业', '专精特新小巨人', '国家级专精特新小巨人企业', '国家专精特新小巨人', '国家专精特新小巨人企业', '国家级专精特新小巨人'],
  ['专精特新中小企业', '省级专精特新中小企业'],
  ['规上工业企业', '规模以上工业企业'],
  ['规上制造业企业', '规模以上制造业企业'],
  ['瞪羚企业', '瞪羚'],
  ['科技型中小企业', '国家科技型中小企业'],
  ['创新型中小企业', '省级创新型中小企业'],
  ['独角兽企业', '独角兽'],
  ['隐形冠军企业', '隐形冠军'],
];

const canonical = new Map<string, string>();
for (const group of QUALIFICATION_SYNONYMS) for (const g of group) canonical.set(normalizeTerm(g), normalizeTerm(group[0]));

/** The qualification's canonical spelling: normalised, then its synonym group's first entry. */
export function canonicalQualification(s: string): string {
  const n = normalizeTerm(s);
  return canonical.get(n) ?? n;
}

export type CompiledTerms = Array<{ name: string; needles: string[] }>;

/** Industry terms: substrings of the enterprise's industry after normalisation. */
export function compileTerms(terms: readonly TermMatcher[]): CompiledTerms {
  return terms.map((t) => ({ name: t.name, needles: t.match.map(normalizeTerm).filter((n) => n.length > 0) }));
}

/** The first listed term some value contains, with the value it matched in. */
export function findTerm(values: readonly string[], terms: CompiledTerms): { term: string; value: string } | undefined {
  for (const value of values) {
    const v = normalizeTerm(value);
    for (const t of terms) {
      for (const n of t.needles) if (v.includes(n)) return { term: t.name, value };
    }
  }
  return undefined;
}

export type CompiledList = Map<string, string>;

/** A qualification list: canonical spelling of the name and of every `match` entry → the listed name. */
export function compileList(terms: readonly TermMatcher[]): CompiledList {
  const out = new Map<string, string>();
  for (const t of terms) for (const spelling of [t.name, ...t.match]) out.set(canonicalQualification(spelling), t.name);
  return out;
}

/** The first value that is exactly a listed item (after synonyms), with the item's name. */
export function findExact(values: readonly string[], list: CompiledList): { term: string; value: string } | undefined {
  for (const value of values) {
    const hit = list.get(canonicalQualification(value));
    if (hit) return { term: hit, value };
  }
  return undefined;
}
