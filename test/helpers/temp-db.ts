import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../src/db/client';

/** A real SQLite file (with migrations) in a fresh temp folder. */
export function createTempDb(): { db: Db; dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kjfz-test-'));
  const file = join(dir, 'app.db');
  const db = openDatabase(file);
  return {
    db,
    dir,
    file,
    cleanup: () => {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
