import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../shared/transaction.port';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the SQLite file, sets WAL and foreign keys, and applies pending migrations. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  // Migrations rebuild tables the SQLite way (create new, copy, drop old, rename). They run in one
  // transaction, where PRAGMA foreign_keys cannot change, so foreign keys are off around them — otherwise
  // dropping a parent table would cascade-delete its children — and checked before they are switched on.
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length) throw new Error(`migrations left ${broken.length} foreign-key violations, e.g. ${JSON.stringify(broken[0])}`);
  sqlite.pragma('foreign_keys = ON');
  return db;
}

/** The Transaction port over this database (synchronous, like better-sqlite3). */
export function transactionOf(db: Db): Transaction {
  return (fn) => db.transaction(() => fn());
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

export { schema };
