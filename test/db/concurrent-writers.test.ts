// Concurrent writers on one database file: separate processes (the operator's two `npm run import`), the
// server writing while an import runs, and start-up of a CLI during an import. Every row must be stored
// exactly once, nobody may see "database is locked" as a rejected row, and every command exits 0.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { loadConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createTestApp } from '../helpers/test-app';
import { silentLogger } from '../helpers/test-runtime';
import { expertRecord } from '../fixtures/records';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kjfz-conc-'));
  dirs.push(d);
  return d;
};

/** A JSON Lines file of `n` experts `<prefix>-<i>`. */
function writeExperts(dir: string, prefix: string, n: number): string {
  const file = join(dir, `${prefix}.jsonl`);
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify(expertRecord({ externalId: `${prefix}-${i}`, name: `专家${i}` })));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

type Result = { code: number | null; stdout: string; stderr: string };
function runScript(script: string, args: string[], dataDir: string): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
const summaryOf = (r: Result) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { inserted: number; rejected: unknown[] };

function storedExpertIds(dbFile: string): string[] {
  const db = openDatabase(dbFile);
  try {
    return (db.$client.prepare('SELECT external_id AS id FROM experts').all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    closeDatabase(db);
  }
}

describe('concurrent writers', () => {
  it('two imports into one (new) database at once store every row exactly once and both exit 0', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const a = writeExperts(dir, 'A', 1500);
    const b = writeExperts(dir, 'B', 1500);
    const [ra, rb] = await Promise.all([runScript('import.ts', ['experts', a], dataDir), runScript('import.ts', ['experts', b], dataDir)]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(summaryOf(ra)).toMatchObject({ inserted: 1500, rejected: [] });
    expect(summaryOf(rb)).toMatchObject({ inserted: 1500, rejected: [] });
    const ids = storedExpertIds(join(dataDir, 'app.db'));
    expect(ids).toHaveLength(3000);
    expect(new Set(ids).size).toBe(3000);
  }, 90_000);

  it('the server keeps answering writes while an import runs, and neither loses a row', async () => {
    const t = await createTestApp();
    try {
      const admin = await t.asAdmin();
      const file = writeExperts(t.dir, 'IMP', 2500);
      const importing = runScript('import.ts', ['experts', file], t.dir);
      let finished = false;
      void importing.then(() => (finished = true));
      const statuses: number[] = [];
      // Write through the API until the import is done (and at least 40 times).
      for (let i = 0; !finished || i < 40; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: admin, payload: expertRecord({ externalId: `API-${i}` }) });
        statuses.push(res.statusCode);
        await new Promise((r) => setTimeout(r, 5));
      }
      const imported = await importing;
      expect(imported.code, imported.stderr).toBe(0);
      expect(summaryOf(imported)).toMatchObject({ inserted: 2500, rejected: [] });
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      const ids = storedExpertIds(join(t.dir, 'app.db'));
      expect(ids.filter((id) => id.startsWith('IMP-'))).toHaveLength(2500);
      expect(ids.filter((id) => id.startsWith('API-'))).toHaveLength(statuses.length);
    } finally {
      await t.cleanup();
    }
  }, 90_000);

  it('start-up writes nothing when nothing changed: a second runtime over a current database commits no transaction', async () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    await createRuntime(config, { logger: silentLogger }).close();
    const watcherDb = openDatabase(config.dbFile);
    const watcher = watcherDb.$client;
    const before = watcher.pragma('data_version', { simple: true });
    // Held write lock: a start-up that wanted to write would block here for the busy timeout and fail.
    const holderDb = openDatabase(config.dbFile);
    const holder = holderDb.$client;
    holder.exec('BEGIN IMMEDIATE');
    const started = createRuntime(config, { logger: silentLogger });
    holder.exec('ROLLBACK');
    await started.close();
    expect(watcher.pragma('data_version', { simple: true })).toBe(before);
    closeDatabase(holderDb);
    closeDatabase(watcherDb);
  });
});

describe('bulk import on a locked database', () => {
  const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

  it('retries a chunk that met SQLITE_BUSY instead of reporting its rows as rejected, and counts it once', async () => {
    const { importRows } = await import('../../src/intake/bulk-import.service');
    const { readJsonLines } = await import('../../src/intake/import-file.reader');
    const t = await createTestApp();
    try {
      let failures = 1;
      const flaky = <T>(fn: () => T): T =>
        t.runtime.transaction(() => {
          const out = fn();
          // The commit is what meets the lock: thrown after the rows were written, so the chunk rolls back.
          if (failures-- > 0) throw busy();
          return out;
        });
      const rows = readJsonLines([1, 2, 3].map((i) => JSON.stringify(expertRecord({ externalId: `R-${i}` }))).join('\n'));
      const retries: number[] = [];
      const summary = importRows({ intake: t.services.intake, transaction: flaky }, 'experts', rows, { retry: { attempts: 3, backoffMs: 1 }, onRetry: (n) => retries.push(n) });
      expect(retries).toEqual([1]);
      expect(summary).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: [] });
      expect(storedExpertIds(join(t.dir, 'app.db')).sort()).toEqual(['R-1', 'R-2', 'R-3']);

      // Still locked after the last attempt: the import fails (the CLI exits 1), it never "rejects" the rows.
      const locked = <T>(): T => {
        throw busy();
      };
      expect(() => importRows({ intake: t.services.intake, transaction: locked }, 'experts', rows, { retry: { attempts: 2, backoffMs: 1 } })).toThrow(/locked/);
    } finally {
      await t.cleanup();
    }
  });
});
