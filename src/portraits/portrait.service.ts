import type { ExpertRepository } from '../intake/expert.repository';
import type { KeywordExtractor } from './keyword-extractor.port';
import { buildPortrait, PORTRAIT_BUILDER_VERSION } from './portrait.builder';
import type { PortraitRepository } from './portrait.repository';

export type PortraitPorts = Pick<PortraitRepository, 'countStale' | 'findStale' | 'saveMany'>;
export type PortraitRebuildResult = { built: number; evidenceAdded: number; evidenceRemoved: number };
export type PortraitProgress = (p: { stage: 'portraits'; done: number; total: number }) => void;

/**
 * Rebuilds only the portraits whose expert record, builder version or reference year changed.
 * Evidence rows whose text did not change keep their id (and so their vector and index entry).
 */
export function rebuildStalePortraits(
  deps: { portraits: PortraitPorts; experts: Pick<ExpertRepository, 'getByIds'>; keywords: KeywordExtractor },
  opts: { referenceYear: number; batchSize?: number; onProgress?: PortraitProgress },
): PortraitRebuildResult {
  const { portraits, experts } = deps;
  const batchSize = opts.batchSize ?? 200;
  const staleOpts = { builderVersion: PORTRAIT_BUILDER_VERSION, referenceYear: opts.referenceYear };
  const total = portraits.countStale(staleOpts);
  const result: PortraitRebuildResult = { built: 0, evidenceAdded: 0, evidenceRemoved: 0 };
  // One pass in id order: an expert edited behind the cursor while we run is stale again and is
  // picked up by the next sync, so the loop always ends.
  let afterId = 0;
  for (;;) {
    const stale = portraits.findStale({ ...staleOpts, limit: batchSize, afterId });
    if (stale.length === 0) break;
    afterId = stale[stale.length - 1].expertId;
    const records = experts.getByIds(stale.map((s) => s.expertId));
    const entries = [];
    for (const s of stale) {
      const expert = records.get(s.expertId);
      if (!expert) continue;
      entries.push({
        expertId: s.expertId,
        sourceHash: s.contentHash,
        builderVersion: PORTRAIT_BUILDER_VERSION,
        draft: buildPortrait(expert, { referenceYear: opts.referenceYear, keywords: deps.keywords }),
      });
    }
    const change = portraits.saveMany(entries);
    result.built += entries.length;
    result.evidenceAdded += change.added;
    result.evidenceRemoved += change.removed;
    opts.onProgress?.({ stage: 'portraits', done: result.built, total: Math.max(total, result.built) });
  }
  return result;
}
