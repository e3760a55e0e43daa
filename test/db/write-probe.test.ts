import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import { createWriteProbe } from '../../src/db/write-probe';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function freshDb(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'write-probe-'));
  dirs.push(dir);
  const file = join(dir, 'app.db');
  const db = openDatabase(file);
  open.push(db);
  return { db, file };
}
const countRows = (db: Db) => db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '_write_probe'").get() as { n: number };

// A full disk: no page left to grow into and no free page inside the file (migrations that drop a table leave
// free pages, which a write would reuse).
function fillUp(db: Db): void {
  db.$client.exec('VACUUM');
  const pages = db.$client.pragma('page_count', { simple: true }) as number;
  db.$client.pragma(`max_page_count = ${pages}`);
}

describe('database write probe (/readyz)', () => {
  it('passes on a writable database and leaves nothing behind', () => {
    const { db, file } = freshDb();
    expect(createWriteProbe(db, file, { minFreeBytes: 0 })()).toEqual({ ok: true });
    expect(countRows(db).n).toBe(0);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('reports a database that cannot grow (the page limit reached, as on a full disk)', () => {
    const { db, file } = freshDb();
    fillUp(db);
    const r = createWriteProbe(db, file, { minFreeBytes: 0 })();
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.reason).toMatch(/cannot write: .*full/i);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('reports a database that refuses writes (read-only)', () => {
    const { db, file } = freshDb();
    // query_only makes SQLite refuse every write on this connection, as a read-only file or volume does.
    db.$client.pragma('query_only = ON');
    expect(createWriteProbe(db, file, { minFreeBytes: 0 })()).toEqual({ ok: false, reason: expect.stringMatching(/cannot write: .*readonly/) });
    db.$client.pragma('query_only = OFF');
  });

  it('reports too little free space on the data volume', () => {
    const { db, file } = freshDb();
    const r = createWriteProbe(db, file, { minFreeBytes: Number.MAX_SAFE_INTEGER })();
    expect(!r.ok && r.reason).toMatch(/^disk full: \d+ MiB free/);
  });

  it('does not wait for another writer: a held write lock is no failure', () => {
    const { db, file } = freshDb();
    const other = openDatabase(file);
    try {
      other.$client.exec('BEGIN IMMEDIATE');
      expect(createWriteProbe(db, file, { minFreeBytes: 0 })()).toEqual({ ok: true });
      other.$client.exec('ROLLBACK');
    } finally {
      closeDatabase(other);
    }
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('reuses its answer for the cache period, then probes again', () => {
    const { db, file } = freshDb();
    let t = 0;
    const probe = createWriteProbe(db, file, { minFreeBytes: 0, cacheMs: 5000, now: () => t });
    expect(probe().ok).toBe(true);
    fillUp(db);
    t = 4999;
    expect(probe().ok).toBe(true);
    t = 5000;
    expect(probe().ok).toBe(false);
  });
});
