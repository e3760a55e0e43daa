import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { DOMAIN_WORDS } from './domain-words';
import type { KeywordExtractor, KeywordSource, WeightedTerm } from './keyword-extractor.port';
import { isNoiseToken } from './stop-words';

type Loaded = { jieba: Jieba; idf: Map<string, number>; medianIdf: number };
let loaded: Loaded | undefined;

// Loading the dictionaries takes a few hundred milliseconds: do it once per process.
function load(): Loaded {
  if (loaded) return loaded;
  const extra = Buffer.from(DOMAIN_WORDS.map((w) => `${w} 2000 n`).join('\n') + '\n');
  const jieba = Jieba.withDict(Buffer.concat([Buffer.from(dict), extra]));
  const table = new Map<string, number>();
  const values: number[] = [];
  for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
    const sp = line.lastIndexOf(' ');
    if (sp <= 0) continue;
    const v = Number(line.slice(sp + 1));
    if (!Number.isFinite(v)) continue;
    table.set(line.slice(0, sp), v);
    values.push(v);
  }
  values.sort((a, b) => a - b);
  // Unknown words get the median idf, as jieba's own extractor does.
  loaded = { jieba, idf: table, medianIdf: values[Math.floor(values.length / 2)] ?? 10 };
  return loaded;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * TF-IDF keywords computed here rather than with jieba's TfIdf: its stop-word option does not accept a
 * set from Node in v2, and its tie order is not specified. Segmentation itself is jieba's (HMM on).
 */
export function createJiebaKeywordExtractor(): KeywordExtractor {
  const { jieba, idf: idfTable, medianIdf } = load();
  const tokenize = (text: string) =>
    jieba
      .cut(text, true)
      .map((t) => t.trim())
      .filter((t) => !isNoiseToken(t));
  return {
    tokenize,
    extract(sources: KeywordSource[], topK: number): WeightedTerm[] {
      const tf = new Map<string, number>();
      let total = 0;
      for (const s of sources) {
        if (!s.text || s.weight <= 0) continue;
        for (const tok of tokenize(s.text)) {
          tf.set(tok, (tf.get(tok) ?? 0) + s.weight);
          total += s.weight;
        }
      }
      if (total === 0) return [];
      const scored = [...tf].map(([term, f]) => ({ term, weight: (f / total) * (idfTable.get(term) ?? medianIdf) }));
      scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      const top = scored.slice(0, topK);
      const max = top[0]?.weight ?? 1;
      return top.map((t) => ({ term: t.term, weight: round(t.weight / max) }));
    },
  };
}
