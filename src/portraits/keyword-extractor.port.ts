export type WeightedTerm = { term: string; weight: number };

/** A weighted text: titles count more than abstracts when the keywords of a portrait are picked. */
export type KeywordSource = { text: string; weight: number };

/** Chinese word segmentation with TF-IDF weighting, behind a port so the native segmenter stays in one adapter. */
export interface KeywordExtractor {
  /** Topic tokens of a text in order (stop words and punctuation removed). */
  tokenize(text: string): string[];
  /** Top terms by TF-IDF over the weighted sources, ties broken by term so the result is deterministic. */
  extract(sources: KeywordSource[], topK: number): WeightedTerm[];
}
