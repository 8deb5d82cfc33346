/**
 * The narrow database interface the store is written against (as Kysely reaches its driver through
 * a structural interface): better-sqlite3 satisfies it today, and another SQLite driver with
 * prepared statements and transactions (libsql) could stand in.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface SqlStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/** A function that runs in one transaction, rolled back when it throws. */
export interface SqlTransaction<A extends unknown[], R> {
  /** Under a deferred BEGIN: the write lock is taken at the first write. */
  (...args: A): R;
  /**
   * Under BEGIN IMMEDIATE: the write lock is taken first, waiting up to the busy timeout while
   * another connection writes, so that what the transaction reads cannot change before it writes
   * (https://sqlite.org/lang_transaction.html).
   */
  immediate(...args: A): R;
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): SqlTransaction<A, R>;
  close(): void;
}

/**
 * How long a connection waits for another connection's lock before failing with SQLITE_BUSY
 * ("database is locked"): a second `hcpcs import` waits for the first one's release to commit
 * (a release's write takes about a second), and a reader waits while an import switches the
 * journal mode. better-sqlite3's own default is 5 s.
 */
export const BUSY_TIMEOUT_MS = 30_000;

export interface OpenOptions {
  /**
   * Open with SQLITE_OPEN_READONLY, never creating the file: nothing is written to it, so a file
   * the user may not write (another user's, a read-only volume) can be read.
   */
  readonly readonly?: boolean;
}

/** How much of the database file SQLite may map (larger files are read past it as usual). */
const MMAP_BYTES = 256 * 1024 * 1024;

/**
 * Opens a SQLite database file; `:memory:` for tests. For writing, folders and file are created
 * as needed and the journal is the write-ahead log, so that readers go on while an import writes.
 * @example const db = openDatabase('./data/hcpcs.sqlite', { readonly: true })
 */
export function openDatabase(path: string, options: OpenOptions = {}): SqlDatabase {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    timeout: BUSY_TIMEOUT_MS,
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  db.pragma('foreign_keys = ON');
  // Read pages through a memory map instead of a read() call and a copy per page
  // (https://sqlite.org/mmap.html): a lookup in a store of many releases touches pages spread over
  // the file, and a fresh handle has none of them in its page cache.
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  const sql = db as unknown as SqlDatabase;
  if (options.readonly || path === ':memory:') return sql;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return {
    prepare: (text) => sql.prepare(text),
    exec: (text) => sql.exec(text),
    transaction: (fn) => sql.transaction(fn),
    close: () => {
      leaveWriteAheadLog(db);
      db.close();
    },
  };
}

/**
 * Switches a database the writer is done with back to the rollback journal, so that the file is
 * whole by itself: it can be copied alone and opened read-only where its folder cannot be written.
 * A file left in WAL mode cannot: "If the WAL and WAL-index files are missing, then a process that
 * lacks permission to create and initialize those files will not be able to open the database,
 * unless the database is designated as immutable" (https://sqlite.org/walformat.html), and
 * better-sqlite3 is built without URI filenames (SQLITE_USE_URI=0), so `?immutable=1` is not at
 * hand. Leaving WAL needs every other connection closed: while one is open (a server reading, a
 * second import) the switch fails at once (busy_timeout 0: no waiting for a reader that may stay
 * for days) and the file stays in WAL mode, consistent, switched back by the next writer to close
 * alone. Best effort for that reason: no error here fails the close.
 */
function leaveWriteAheadLog(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // SQLITE_BUSY (another connection is open), or a statement still running: stays in WAL mode
  }
}
