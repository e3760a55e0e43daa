// SQLite failure codes as the layers above the database need to tell them apart (better-sqlite3 puts the
// extended code on `err.code`). Services must not import src/db, so the classification lives here.

/** SQLite failures that say nothing about the row being written: the command fails, no row is "rejected". */
const FATAL_SQLITE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY|CORRUPT|CANTOPEN|NOTADB|PROTOCOL|NOMEM)/;

const codeOf = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The database was locked (another writer held it past the busy timeout): the work can be retried. */
export function isBusyError(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(codeOf(err) ?? '');
}

/** A lock, I/O, full-disk or corruption failure: not the record's fault, and fatal for a batch. */
export function isDatabaseFailure(err: unknown): boolean {
  return FATAL_SQLITE.test(codeOf(err) ?? '');
}
