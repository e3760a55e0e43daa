import type { Tokenizer } from './ranking-corpus';

const HAN_RUN = /[\p{Script=Han}]{2,}/gu;

/**
 * BM25 terms of a text: jieba words (the portraits' segmentation, stop words dropped) plus the character
 * bigrams of every run of Chinese characters, marked so they never collide with words. Bigrams catch what
 * segmentation splits differently on the two sides ("供应链金融" vs "供应链" + "金融") and short technical
 * words jieba leaves out. Measured on the NSFC DEV split (scripts/eval.ts): see fusion.ts.
 */
export function createLexicalTokenizer(words: Tokenizer, opts: { bigrams?: boolean } = {}): Tokenizer {
  const bigrams = opts.bigrams ?? true;
  return {
    tokenize(text: string): string[] {
      const out = words.tokenize(text);
      if (!bigrams) return out;
      for (const m of text.matchAll(HAN_RUN)) {
        const run = m[0];
        for (let i = 0; i + 1 < run.length; i++) out.push(`\u0002${run[i]}${run[i + 1]}`);
      }
      return out;
    },
  };
}
