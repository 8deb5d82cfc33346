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

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  /** Wraps `fn` so that it runs in one transaction, rolled back when it throws. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

/**
 * Opens (creating folders and file as needed) a SQLite database file; `:memory:` for tests.
 * @example const db = openDatabase('./data/hcpcs.sqlite')
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): SqlDatabase {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  return db as unknown as SqlDatabase;
}
