import type { Transaction } from '../shared/transaction.port';
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

/**
 * Stores rows in chunks of one transaction each, so a crash leaves whole chunks and a re-run (upsert by
 * business key, no-op when unchanged) finishes the job. Strict mode is all-or-nothing in one transaction.
 */
export function importRows(
  deps: { intake: Pick<IntakeService, 'save'>; transaction: Transaction },
  kind: EntityKind,
  rows: ImportRow[],
  opts: { strict?: boolean; chunkSize?: number; review?: ReviewOnSave } = {},
): ImportSummary {
  const { intake, transaction } = deps;
  const chunkSize = opts.chunkSize ?? 500;
  const summary = emptySummary();
  const storeOne = (row: ImportRow, into: ImportSummary) => {
    if (row.errors) {
      for (const e of row.errors) into.rejected.push({ line: row.line, ...e });
      return;
    }
    let result: ReturnType<IntakeService['save']>;
    try {
      result = intake.save(kind, row.record, opts.review);
    } catch (err) {
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
    const attempt = emptySummary();
    try {
      transaction(() => {
        for (const row of rows) storeOne(row, attempt);
        if (attempt.rejected.length) throw new StrictRollback();
      });
      return attempt;
    } catch (err) {
      if (!(err instanceof StrictRollback)) throw err;
      return { ...emptySummary(), rejected: attempt.rejected };
    }
  }

  for (let i = 0; i < rows.length; i += chunkSize) {
    transaction(() => {
      for (const row of rows.slice(i, i + chunkSize)) storeOne(row, summary);
    });
  }
  return summary;
}
