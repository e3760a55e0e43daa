import type { ExpertRepository } from '../intake/expert.repository';
import type { KeywordExtractor } from './keyword-extractor.port';
import { buildPortrait, PORTRAIT_BUILDER_VERSION } from './portrait.builder';
import type { PortraitRepository } from './portrait.repository';

export type PortraitPorts = Pick<PortraitRepository, 'countStale' | 'findStale' | 'saveMany'>;
export type PortraitRebuildResult = { built: number; evidenceAdded: number; evidenceRemoved: number };
export type PortraitProgress = (p: { stage: 'portraits'; done: number; total: number }) => void;

type RebuildDeps = { portraits: PortraitPorts; experts: Pick<ExpertRepository, 'getByIds'>; keywords: KeywordExtractor };
type RebuildOptions = { referenceYear: number; batchSize?: number; onProgress?: PortraitProgress };

/** One batch of the pass: builds and saves the next stale portraits after `afterId`; undefined when none are left. */
function rebuildNextBatch(deps: RebuildDeps, opts: RebuildOptions, total: number, result: PortraitRebuildResult, afterId: number): number | undefined {
  const { portraits, experts } = deps;
  const stale = portraits.findStale({ builderVersion: PORTRAIT_BUILDER_VERSION, referenceYear: opts.referenceYear, limit: opts.batchSize ?? 200, afterId });
  if (stale.length === 0) return undefined;
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
  return stale[stale.length - 1].expertId;
}

/**
 * Rebuilds only the portraits whose expert record, builder version or reference year changed.
 * Evidence rows whose text did not change keep their id (and so their vector and index entry).
 * One pass in id order: an expert edited behind the cursor while we run is stale again and is picked up by
 * the next sync, so the loop always ends.
 */
export function rebuildStalePortraits(deps: RebuildDeps, opts: RebuildOptions): PortraitRebuildResult {
  const total = deps.portraits.countStale({ builderVersion: PORTRAIT_BUILDER_VERSION, referenceYear: opts.referenceYear });
  const result: PortraitRebuildResult = { built: 0, evidenceAdded: 0, evidenceRemoved: 0 };
  for (let afterId: number | undefined = 0; afterId !== undefined;) afterId = rebuildNextBatch(deps, opts, total, result, afterId);
  return result;
}

/** The same pass with `pause()` awaited between batches: the server's event loop gets a turn (start-up). */
export async function rebuildStalePortraitsPausing(deps: RebuildDeps, opts: RebuildOptions & { pause: () => Promise<void> | undefined }): Promise<PortraitRebuildResult> {
  const total = deps.portraits.countStale({ builderVersion: PORTRAIT_BUILDER_VERSION, referenceYear: opts.referenceYear });
  const result: PortraitRebuildResult = { built: 0, evidenceAdded: 0, evidenceRemoved: 0 };
  for (let afterId: number | undefined = 0; afterId !== undefined;) {
    afterId = rebuildNextBatch(deps, opts, total, result, afterId);
    await opts.pause();
  }
  return result;
}
