import { describe, expect, it } from 'vitest';
import type { StoredDemand } from '../../src/intake/demand.repository';
import type { CycleContext } from '../../src/policy/policy.service';
import { EXPERT_CACHE_MAX, RecordCache, RECORD_CACHE_MAX } from '../../src/ranking/record.cache';
import { expert } from './ranker-parts.fixtures';

const demand = (id: string) => ({ demand: { externalId: id } }) as unknown as StoredDemand;

describe('RecordCache', () => {
  it('loads a record once while the watermark stands and again after it moves', () => {
    const c = new RecordCache();
    let loads = 0;
    const load = () => {
      loads++;
      return demand('D1');
    };
    c.track(1);
    c.demand('D1', load);
    c.demand('D1', load);
    expect(loads).toBe(1);
    c.track(1);
    c.demand('D1', load);
    expect(loads).toBe(1);
    c.track(2);
    c.demand('D1', load);
    expect(loads).toBe(2);
  });

  it('does not remember a miss, so a record imported later is found', () => {
    const c = new RecordCache();
    c.track(1);
    expect(c.demand('D2', () => undefined)).toBeUndefined();
    expect(c.demand('D2', () => demand('D2'))).toMatchObject({ demand: { externalId: 'D2' } });
  });

  it('loads only the expert records it does not hold, in one call', () => {
    const c = new RecordCache();
    c.track(1);
    const calls: number[][] = [];
    const load = (ids: number[]) => {
      calls.push(ids);
      return new Map(ids.map((id) => [id, expert(id)]));
    };
    c.expertsByIds([1, 2], load);
    const got = c.expertsByIds([2, 3, 1], load);
    expect(calls).toEqual([[1, 2], [3]]);
    expect([...got.keys()].sort()).toEqual([1, 2, 3]);
  });

  it('stays bounded: the oldest entries go first', () => {
    const c = new RecordCache();
    c.track(1);
    for (let i = 0; i <= RECORD_CACHE_MAX; i++) c.demand(`D${i}`, () => demand(`D${i}`));
    let reloaded = 0;
    c.demand('D0', () => {
      reloaded++;
      return demand('D0');
    });
    c.demand(`D${RECORD_CACHE_MAX}`, () => {
      reloaded += 10;
      return demand('x');
    });
    expect(reloaded).toBe(1);
    const ids = Array.from({ length: EXPERT_CACHE_MAX + 1 }, (_, i) => i + 1);
    c.expertsByIds(ids, (m) => new Map(m.map((id) => [id, expert(id)])));
    const again: number[][] = [];
    c.expertsByIds([1, EXPERT_CACHE_MAX + 1], (m) => {
      again.push(m);
      return new Map(m.map((id) => [id, expert(id)]));
    });
    expect(again).toEqual([[1]]);
  });

  it('keeps cycle contexts by key until the watermark moves', () => {
    const c = new RecordCache();
    c.track(5);
    let loads = 0;
    const ctx = {} as CycleContext;
    c.cycle('wz|', () => {
      loads++;
      return ctx;
    });
    expect(
      c.cycle('wz|', () => {
        loads++;
        return ctx;
      }),
    ).toBe(ctx);
    c.track(6);
    c.cycle('wz|', () => {
      loads++;
      return ctx;
    });
    expect(loads).toBe(2);
  });
});
