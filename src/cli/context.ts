/**
 * What every command shares: where the database is (HCPCS_DB), opening the store, printing, and
 * turning errors into exit codes (0 ok, 1 failure, 2 usage error) and messages.
 */
import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';
import { HcpcsError } from '../errors.js';
import { HcpcsStore } from '../store/store.js';

/** ARCHITECTURE.md "Environment". */
export const env = {
  db: () => process.env.HCPCS_DB || './data/hcpcs.sqlite',
  /**
   * The folders of CMS release files `npm start` imports: HCPCS_RELEASES, one folder or several
   * separated by the path delimiter (":" on Linux and macOS, ";" on Windows).
   */
  releases: (): string[] =>
    (process.env.HCPCS_RELEASES || ['../shared/cms', '../shared/cms-more'].join(delimiter))
      .split(delimiter)
      .filter(Boolean),
  /**
   * The folders of CMS payment files (ASP pricing, DMEPOS and PEN fee schedules) `npm start`
   * imports: HCPCS_PAYMENTS, separated as HCPCS_RELEASES; empty to import none.
   */
  payments: (): string[] => {
    const named = process.env.HCPCS_PAYMENTS;
    if (named !== undefined) return named.split(delimiter).filter(Boolean);
    // The default is the sample set beside the repository: where it is absent (an installed
    // package, a container), there is nothing to import, which is not an error.
    return existsSync('../shared/cms-payment') ? ['../shared/cms-payment'] : [];
  },
  /** As written (checked where it is used: `hcpcs serve` and `npm start` name PORT in their errors). */
  port: () => process.env.PORT || '8080',
};

/**
 * Opens the store at HCPCS_DB. Read-only unless `write` is set (only import writes): reading never
 * creates or changes the file, so a database of another user or on a read-only volume can be read
 * and served, and a missing one is an error naming the path instead of an empty new file.
 */
export function openStore(options: { write?: boolean } = {}): HcpcsStore {
  return HcpcsStore.open(env.db(), { readonly: !options.write });
}

/** Runs `fn` with the store open (read-only unless `write`) and closes it after, whatever happens. */
export async function withStore<T>(
  fn: (store: HcpcsStore) => T | Promise<T>,
  options: { write?: boolean } = {},
): Promise<T> {
  const store = openStore(options);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Exit code and message of an error thrown by a command. */
export function reportError(error: unknown, json: boolean): number {
  const code = error instanceof HcpcsError ? error.code : 'HCPCS_E_INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  if (json) process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`hcpcs: ${message}\n`);
  if (code === 'HCPCS_E_INTERNAL' && process.env.HCPCS_DEBUG && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
  return code === 'HCPCS_E_USAGE' ? EXIT.usage : EXIT.failure;
}

/** A usage error (exit 2): a bad option value or argument. */
export function usageError(message: string): HcpcsError {
  return new HcpcsError('HCPCS_E_USAGE', message);
}
