// /readyz asks whether the database can still take a write (a read-only file or volume, a full disk):
// reading works in both cases, so only a write attempt or the free space tells.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './client';

export type WriteProbeResult = { ok: true } | { ok: false; reason: string };
export type WriteProbeOptions = {
  /** The answer is reused this long: /readyz may be polled every second by several balancers. */
  cacheMs?: number;
  /** Less free space than this on the database's volume counts as full (a commit could fail any time). */
  minFreeBytes?: number;
  now?: () => number;
};

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/**
 * A write that never lands: BEGIN IMMEDIATE (takes the write lock), a table plus a two-page row (needs new
 * pages), ROLLBACK. A read-only file or directory and a database at its page limit fail it; a writer holding
 * the lock is no failure (its commit shows writes work), and the probe does not wait for it (busy timeout 0
 * for the probe, so /readyz never blocks). A truly full disk may accept the rolled-back pages (they stay in
 * the page cache), hence the free-space check beside it.
 */
function probeOnce(db: Db, file: string, minFreeBytes: number): WriteProbeResult {
  const sqlite = db.$client;
  try {
    const fs = statfsSync(dirname(file));
    const free = fs.bavail * fs.bsize;
    if (free < minFreeBytes) return { ok: false, reason: `disk full: ${Math.floor(free / 2 ** 20)} MiB free on the data volume` };
  } catch {
    // statfs is missing on some platforms: the write attempt below still runs.
  }
  if (sqlite.inTransaction) return { ok: true };
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } catch (err) {
    sqlite.pragma(`busy_timeout = ${timeout}`);
    const msg = firstLine(err);
    return /busy|locked/i.test(msg) ? { ok: true } : { ok: false, reason: `cannot write: ${msg}` };
  }
  try {
    sqlite.exec('CREATE TABLE _write_probe (b BLOB); INSERT INTO _write_probe VALUES (zeroblob(8192));');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `cannot write: ${firstLine(err)}` };
  } finally {
    sqlite.exec('ROLLBACK');
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/** The database's write probe, cached for `cacheMs`. */
export function createWriteProbe(db: Db, file: string, opts: WriteProbeOptions = {}): () => WriteProbeResult {
  const cacheMs = opts.cacheMs ?? 5000;
  const minFreeBytes = opts.minFreeBytes ?? 16 * 2 ** 20;
  const now = opts.now ?? (() => performance.now());
  let last: { at: number; result: WriteProbeResult } | undefined;
  return () => {
    const t = now();
    if (!last || t - last.at >= cacheMs) last = { at: t, result: probeOnce(db, file, minFreeBytes) };
    return last.result;
  };
}
