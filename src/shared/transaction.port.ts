/**
 * Runs `fn` in one database transaction: it commits when `fn` returns and rolls back when it throws; calls
 * inside it (repositories' own transactions) become savepoints. Services that need a unit of work get this,
 * never the database.
 */
export type Transaction = <T>(fn: () => T) => T;
