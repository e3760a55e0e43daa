import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../shared/transaction.port';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * How long a writer waits for another process's write transaction before SQLite gives up with SQLITE_BUSY.
 * Long enough for the slowest write transaction of the service (a bulk-import chunk, a run's result).
 */
export const BUSY_TIMEOUT_MS = 15_000;

/** Opens (creating if needed) the SQLite file, sets WAL and foreign keys, and applies pending migrations. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Setting WAL on a database already in WAL writes nothing; only the first opening converts the file.
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema }) as Db;
  // Every outermost transaction starts IMMEDIATE: it takes the write lock at BEGIN, waiting on the busy
  // timeout. A DEFERRED one that reads first and writes later cannot wait (SQLite answers SQLITE_BUSY at once
  // to avoid a deadlock) — that is how concurrent imports lost whole chunks. Nested calls stay savepoints.
  const deferredTransaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => deferredTransaction(fn, { behavior: 'immediate', ...config })) as typeof db.transaction;
  // Migrations rebuild tables the SQLite way (create new, copy, drop old, rename). They run in one
  // transaction, where PRAGMA foreign_keys cannot change, so foreign keys are off around them — otherwise
  // dropping a parent table would cascade-delete its children — and checked before they are switched on.
  sqlite.pragma('foreign_keys = OFF');
  applyMigrations(sqlite);
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length) throw new Error(`migrations left ${broken.length} foreign-key violations, e.g. ${JSON.stringify(broken[0])}`);
  sqlite.pragma('foreign_keys = ON');
  return db;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

/** created_at of every applied migration (drizzle's bookkeeping table); empty when none is. */
function appliedMigrations(sqlite: Database.Database): Set<number> {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  if (!table) return new Set();
  const rows = sqlite.prepare(`SELECT created_at AS at FROM ${MIGRATIONS_TABLE}`).all() as Array<{ at: number }>;
  return new Set(rows.map((r) => Number(r.at)));
}

/**
 * drizzle's migrator, in the same bookkeeping table, but safe for processes starting at once: it writes
 * nothing when the schema is current (a start-up never takes the write lock for nothing), and otherwise
 * migrates inside BEGIN IMMEDIATE, re-checking under the lock, so a second process waits and then finds the
 * work done instead of running the same CREATE TABLE again. Every migration not yet recorded is applied, not
 * only those newer than the newest recorded: branches developed in parallel merge their numbered migrations
 * in any order, and a database that already has a later one must still get an earlier one merged after it.
 */
function applyMigrations(sqlite: Database.Database): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  const pending = (applied: Set<number>) => migrations.filter((m) => !applied.has(m.folderMillis));
  if (!pending(appliedMigrations(sqlite)).length) return;
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)`);
    const record = sqlite.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (?, ?)`);
    for (const m of pending(appliedMigrations(sqlite))) {
      for (const statement of m.sql) if (statement.trim()) sqlite.exec(statement);
      record.run(m.hash, m.folderMillis);
    }
    sqlite.exec('COMMIT');
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw err;
  }
}

/** The Transaction port over this database (synchronous, like better-sqlite3; IMMEDIATE when outermost). */
export function transactionOf(db: Db): Transaction {
  return (fn) => db.transaction(() => fn());
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

export { schema };
