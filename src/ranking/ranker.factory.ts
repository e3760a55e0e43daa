import type { Services } from '../container';
import { createJiebaKeywordExtractor } from '../portraits/jieba-keyword.adapter';
import type { Retrieval } from '../retrieval/retrieval.factory';
import type { Logger } from '../shared/logger';
import { HybridRanker, type HybridRankerOptions } from './hybrid-ranker.service';
import { createLexicalTokenizer } from './lexical-tokenizer';

export type { HybridRankerOptions } from './hybrid-ranker.service';

/**
 * The ranker of /v1/match, the batch CLI and cycle runs: hybrid dense + BM25 + structured signals with the
 * shipped fusion weights. Cheap to create; the first request (or warm()) loads the corpus. `options` is for
 * evaluations (other weights) and tests (a fixed "today").
 */
export function createRanker(deps: { services: Services; retrieval: Retrieval; logger: Logger }, options: HybridRankerOptions = {}): HybridRanker {
  // The portraits' jieba segmentation (same dictionary and domain words) plus character bigrams.
  const tokenizer = createLexicalTokenizer(createJiebaKeywordExtractor());
  return new HybridRanker({ ...deps, tokenizer }, options);
}
