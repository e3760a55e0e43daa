import type { TermMatcher } from './policy.schema';

const QUOTES_AND_SPACES = /[\s"'“”‘’「」『』《》〈〉【】]/g;

/** NFKC (full-width → half-width), then quotes and whitespace removed: '国家“专精特新” 小巨人' → '国家专精特新小巨人'. */
export function normalizeTerm(s: string): string {
  return s.normalize('NFKC').replace(QUOTES_AND_SPACES, '');
}

export type CompiledTerms = Array<{ name: string; needles: string[] }>;

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
