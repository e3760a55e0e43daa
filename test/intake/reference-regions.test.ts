import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../src/intake/regions.data';
import { createTestRuntime } from '../helpers/test-runtime';

const totalChanges = (db: { $client: { prepare(sql: string): { get(): unknown } } }) => (db.$client.prepare('select total_changes() as n').get() as { n: number }).n;

describe('reference regions at start-up', () => {
  it('are written into a new database, and a restart over an unchanged one writes nothing', async () => {
    const t = createTestRuntime();
    try {
      expect(t.runtime.repositories.reference.listRegions()).toHaveLength(REGIONS.length);
      // A new connection's total_changes() counts every row it wrote: opening, migrating and syncing wrote none.
      const again = await t.reopen();
      expect(totalChanges(again.db)).toBe(0);
      expect(again.repositories.reference.syncRegions(REGIONS)).toBe(0);
      expect(totalChanges(again.db)).toBe(0);
    } finally {
      await t.cleanup();
    }
  });

  it('writes only the rows that differ from the code-defined list', async () => {
    const t = createTestRuntime();
    try {
      const { reference } = t.runtime.repositories;
      const renamed = REGIONS.map((r) => (r.code === '330302' ? { ...r, name: '鹿城区（旧名）' } : r));
      expect(reference.syncRegions(renamed)).toBe(1);
      expect(reference.listRegions().find((r) => r.code === '330302')!.name).toBe('鹿城区（旧名）');
      expect(reference.syncRegions(REGIONS)).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
