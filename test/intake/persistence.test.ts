import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { createServices } from '../../src/container';
import { createTempDb } from '../helpers/temp-db';
import { expertRecord } from '../fixtures/records';

describe('persistence', () => {
  it('keeps stored records across a restart (close and reopen the SQLite file)', () => {
    const tmp = createTempDb();
    try {
      const first = createServices(tmp.db);
      expect(first.intake.saveExpert(expertRecord({ externalId: 'P1' }))).toMatchObject({ ok: true, status: 'inserted' });
      closeDatabase(tmp.db);

      const reopened = openDatabase(tmp.file);
      try {
        const again = createServices(reopened);
        expect(again.repos.experts.getByExternalId('P1')).toMatchObject({ externalId: 'P1', name: '李明' });
        // Migrations are applied once: reopening finds nothing to do and the WAL journal stays on.
        expect(reopened.$client.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(reopened.$client.pragma('foreign_keys', { simple: true })).toBe(1);
      } finally {
        closeDatabase(reopened);
      }
    } finally {
      tmp.cleanup();
    }
  });
});
