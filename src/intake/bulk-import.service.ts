import type { Transaction } from '../shared/transaction.port';
import type { ImportRow } from './import-file.reader';
import type { EntityKind, IntakeService } from './intake.service';

export type RejectedRow = { line: number; field: string; message: string };
export type ImportSummary = { inserted: number; updated: number; unchanged: number; rejected: RejectedRow[] };

class StrictRollback extends Error {}

/**
 * Stores rows in chunks of one transaction each, so a crash leaves whole chunks and a re-run (upsert by
 * business key, no-op when unchanged) finishes the job. Strict mode is all-or-nothing in one transaction.
 */
export function importRows(
  deps: { intake: Pick<IntakeService, 'save'>; transaction: Transaction },
  kind: EntityKind,
  rows: ImportRow[],
  opts: { strict?: boolean; chunkSize?: number } = {},
): ImportSummary {
  const { intake, transaction } = deps;
  const chunkSize = opts.chunkSize ?? 500;
  const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  const storeOne = (row: ImportRow, into: ImportSummary) => {
    if (row.errors) {
      for (const e of row.errors) into.rejected.push({ line: row.line, ...e });
      return;
    }
    let result: ReturnType<IntakeService['save']>;
    try {
      result = intake.save(kind, row.record);
    } catch (err) {
      // A row the database refuses (its savepoint rolled back) is reported, never fatal for the others.
      into.rejected.push({ line: row.line, field: '(row)', message: `保存失败：${(err as Error).message}` });
      return;
    }
    if (!result.ok) for (const e of result.errors) into.rejected.push({ line: row.line, ...e });
    else into[result.status]++;
  };

  if (opts.strict) {
    const attempt: ImportSummary = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
    try {
      transaction(() => {
        for (const row of rows) storeOne(row, attempt);
        if (attempt.rejected.length) throw new StrictRollback();
      });
      return attempt;
    } catch (err) {
      if (!(err instanceof StrictRollback)) throw err;
      return { inserted: 0, updated: 0, unchanged: 0, rejected: attempt.rejected };
    }
  }

  for (let i = 0; i < rows.length; i += chunkSize) {
    transaction(() => {
      for (const row of rows.slice(i, i + chunkSize)) storeOne(row, summary);
    });
  }
  return summary;
}
