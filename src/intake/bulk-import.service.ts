import { type AuditActor, SYSTEM_ACTOR } from '../shared/audit-trail.port';
import type { Transaction } from '../shared/transaction.port';
import { isBusyError, isDatabaseFailure } from '../shared/database-errors';
import { factList, missingFacts } from './fact-labels';
import type { ImportRow } from './import-file.reader';
import type { ReviewOnSave } from './intake-review.service';
import type { EntityKind, IntakeService } from './intake.service';

export type RejectedRow = { line: number; field: string; message: string };
/** A stored row that lacks facts a policy rule reads: those verdicts stay `unknown` until the facts are entered. */
export type ImportWarning = { line: number; key: string; missing: string[]; message: string };
export type ImportSummary = { inserted: number; updated: number; unchanged: number; rejected: RejectedRow[]; warnings: ImportWarning[] };

const emptySummary = (): ImportSummary => ({ inserted: 0, updated: 0, unchanged: 0, rejected: [], warnings: [] });

/** Rows stored (new, changed or already identical): zero means the import achieved nothing. */
export const storedRows = (s: Pick<ImportSummary, 'inserted' | 'updated' | 'unchanged'>): number => s.inserted + s.updated + s.unchanged;

class StrictRollback extends Error {}

/** Waits (blocking: the import is synchronous like better-sqlite3) before a locked chunk is tried again. */
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export type ChunkRetry = { attempts: number; backoffMs: number };
const DEFAULT_RETRY: ChunkRetry = { attempts: 8, backoffMs: 200 };

/**
 * Runs one chunk's transaction; when the database stays locked past the busy timeout (another writer held it
 * too long) the rolled-back chunk is tried again with doubling waits. Never reported as rejected rows: the
 * rows are fine, the database was busy. Past the last attempt the error ends the import.
 */
function runChunkWithRetry<T>(transaction: Transaction, fn: () => T, retry: ChunkRetry, onRetry?: (attempt: number, err: unknown) => void): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return transaction(fn);
    } catch (err) {
      if (!isBusyError(err) || attempt >= retry.attempts) throw err;
      onRetry?.(attempt, err);
      sleepSync(retry.backoffMs * 2 ** (attempt - 1));
    }
  }
}

function mergeInto(into: ImportSummary, from: ImportSummary): void {
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.rejected.push(...from.rejected);
  into.warnings.push(...from.warnings);
}

/**
 * Stores rows in chunks of one transaction each, so a crash leaves whole chunks and a re-run (upsert by
 * business key, no-op when unchanged) finishes the job. Strict mode is all-or-nothing in one transaction.
 */
export function importRows(
  deps: { intake: Pick<IntakeService, 'save'>; transaction: Transaction },
  kind: EntityKind,
  rows: ImportRow[],
  opts: {
    strict?: boolean;
    chunkSize?: number;
    maxChunkMs?: number;
    retry?: ChunkRetry;
    by?: AuditActor;
    review?: Omit<ReviewOnSave, 'by'>;
    onRetry?: (attempt: number, err: unknown) => void;
  } = {},
): ImportSummary {
  const { intake, transaction } = deps;
  const chunkSize = opts.chunkSize ?? 500;
  // A chunk also ends after this long: a chunk holds the write lock, and on a loaded machine 500 rows can take
  // longer than other writers' busy timeout (the soak bench saw 16 s chunks and 503s from the server).
  const maxChunkMs = opts.maxChunkMs ?? 300;
  const summary = emptySummary();
  const storeOne = (row: ImportRow, into: ImportSummary) => {
    if (row.errors) {
      for (const e of row.errors) into.rejected.push({ line: row.line, ...e });
      return;
    }
    let result: ReturnType<IntakeService['save']>;
    try {
      result = intake.save(kind, row.record, { by: opts.by ?? SYSTEM_ACTOR, ...opts.review });
    } catch (err) {
      // A locked, full or broken database is not the row's fault: the chunk rolls back and is retried or fails.
      if (isDatabaseFailure(err)) throw err;
      // A row the database refuses (its savepoint rolled back) is reported, never fatal for the others.
      into.rejected.push({ line: row.line, field: '(row)', message: `保存失败：${(err as Error).message}` });
      return;
    }
    if (!result.ok) {
      for (const e of result.errors) into.rejected.push({ line: row.line, ...e });
      return;
    }
    into[result.status]++;
    const missing = missingFacts(kind, row.record);
    if (missing.length) {
      into.warnings.push({ line: row.line, key: result.key, missing, message: `已保存，但缺少${factList(missing)}：需要这些信息的政策条件将显示为“待核实”` });
    }
  };

  if (opts.strict) {
    let attempt = emptySummary();
    try {
      runChunkWithRetry(
        transaction,
        () => {
          attempt = emptySummary();
          for (const row of rows) storeOne(row, attempt);
          if (attempt.rejected.length) throw new StrictRollback();
        },
        opts.retry ?? DEFAULT_RETRY,
        opts.onRetry,
      );
      return attempt;
    } catch (err) {
      if (!(err instanceof StrictRollback)) throw err;
      return { ...emptySummary(), rejected: attempt.rejected };
    }
  }

  for (let i = 0; i < rows.length;) {
    // Counted per chunk and merged after its commit: a retried chunk is never counted twice.
    const chunk = runChunkWithRetry(
      transaction,
      () => {
        const part = emptySummary();
        const started = performance.now();
        let n = 0;
        while (i + n < rows.length && n < chunkSize && (n === 0 || performance.now() - started < maxChunkMs)) storeOne(rows[i + n++], part);
        return { part, n };
      },
      opts.retry ?? DEFAULT_RETRY,
      opts.onRetry,
    );
    mergeInto(summary, chunk.part);
    i += chunk.n;
  }
  return summary;
}
