import type { StoredDemand } from '../intake/demand.repository';
import type { Enterprise } from '../intake/enterprise.schema';
import type { Expert } from '../intake/expert.schema';
import type { CycleContext } from '../policy/policy.service';

export const EXPERT_CACHE_MAX = 5000;
export const RECORD_CACHE_MAX = 1000;
const CYCLE_CACHE_MAX = 32;

export type EnterpriseFacts = { enterprise: Enterprise; hadTechVp: boolean };

/**
 * The ranker's one cache of records read from the database: stored demands, enterprises with their context
 * facts, full expert records for the pair rules and cycle contexts. Everything in it is dropped at once when
 * the change-log watermark moves (any import or edit), so a hit is always as fresh as a read.
 */
export class RecordCache {
  private seq = -1;
  private readonly demands = new Map<string, StoredDemand>();
  private readonly enterprises = new Map<string, EnterpriseFacts>();
  private readonly experts = new Map<number, Expert>();
  private readonly cycles = new Map<string, CycleContext>();

  /** Call with the current watermark before reading: a new one empties the cache. */
  track(seq: number): void {
    if (seq === this.seq) return;
    this.demands.clear();
    this.enterprises.clear();
    this.experts.clear();
    this.cycles.clear();
    this.seq = seq;
  }

  demand(id: string, load: () => StoredDemand | undefined): StoredDemand | undefined {
    return remember(this.demands, id, RECORD_CACHE_MAX, load);
  }

  enterprise(key: string, load: () => EnterpriseFacts): EnterpriseFacts {
    return remember(this.enterprises, key, RECORD_CACHE_MAX, load)!;
  }

  cycle(key: string, load: () => CycleContext): CycleContext {
    const hit = this.cycles.get(key);
    if (hit) return hit;
    const value = load();
    if (this.cycles.size > CYCLE_CACHE_MAX) this.cycles.clear();
    this.cycles.set(key, value);
    return value;
  }

  /** Full expert records by id; only the missing ones are loaded (one query). */
  expertsByIds(ids: number[], load: (missing: number[]) => Map<number, Expert>): Map<number, Expert> {
    const out = new Map<number, Expert>();
    const missing: number[] = [];
    for (const id of ids) {
      const e = this.experts.get(id);
      if (e) out.set(id, e);
      else missing.push(id);
    }
    if (missing.length) {
      for (const [id, e] of load(missing)) {
        out.set(id, e);
        if (this.experts.size >= EXPERT_CACHE_MAX) this.experts.delete(this.experts.keys().next().value!);
        this.experts.set(id, e);
      }
    }
    return out;
  }
}

/** Insertion-ordered map with a size bound (the oldest entry goes); undefined results are not kept. */
function remember<K, V>(cache: Map<K, V>, key: K, max: number, load: () => V | undefined): V | undefined {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = load();
  if (value === undefined) return undefined;
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}
