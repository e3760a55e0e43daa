import { describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';
import { expertRecord } from '../fixtures/records';

describe('persistence', () => {
  it('keeps stored records across a restart (close and reopen the SQLite file)', async () => {
    const t = createTestRuntime();
    try {
      expect(t.runtime.services.intake.saveExpert(expertRecord({ externalId: 'P1' }))).toMatchObject({ ok: true, status: 'inserted' });
      const again = await t.reopen();
      expect(again.repositories.experts.getByExternalId('P1')).toMatchObject({ externalId: 'P1', name: '李明' });
      // Migrations are applied once: reopening finds nothing to do and the WAL journal stays on.
      expect(again.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(again.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
