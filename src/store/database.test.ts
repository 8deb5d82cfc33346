/**
 * Opening the database for writing and read-only: the writer leaves a self-contained file, a
 * reader never creates or changes one.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { testRecord, testRelease } from '../../test/support/fixtures.js';
import { HcpcsStore } from './store.js';

/** File format write and read versions (header bytes 18, 19): 1 rollback journal, 2 WAL (fileformat2.html). */
function journalOf(path: string): string {
  const [write, read] = readFileSync(path).subarray(18, 20);
  return write === 2 && read === 2 ? 'wal' : write === 1 && read === 1 ? 'rollback' : `${write},${read}`;
}

describe('a writable store', () => {
  it('closed alone, leaves one file in rollback-journal mode (no -wal, no -shm to carry along)', () => {
    const path = tempDbPath();
    HcpcsStore.open(path).close();
    expect(journalOf(path)).toBe('rollback');
    expect(readdirSync(dirname(path))).toEqual(['hcpcs.sqlite']);
  });

  it('closed while a reader is open, stays in WAL mode (no waiting); the next writer closing alone switches it back', () => {
    const path = tempDbPath();
    HcpcsStore.open(path).close();
    const writer = HcpcsStore.open(path);
    const reader = HcpcsStore.open(path, { readonly: true });
    expect(reader.releases()).toEqual([]);
    const started = Date.now();
    writer.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(journalOf(path)).toBe('wal');
    expect(reader.releases()).toEqual([]);
    reader.close();
    HcpcsStore.open(path).close();
    expect(journalOf(path)).toBe('rollback');
  });
});

describe('a read-only store', () => {
  it('a missing file: HCPCS_E_NOT_FOUND naming the path, and no file created', () => {
    const path = tempDbPath();
    expect(() => HcpcsStore.open(path, { readonly: true })).toThrow(
      expect.objectContaining({
        code: 'HCPCS_E_NOT_FOUND',
        message: `no database at ${path}: run hcpcs import <path> to import CMS releases (HCPCS_DB names the database file)`,
      }),
    );
    expect(existsSync(path)).toBe(false);
  });

  it('a file without the tables: HCPCS_E_NOT_FOUND, the file left empty', () => {
    const path = join(dirname(tempDbPath()), 'empty.sqlite');
    writeFileSync(path, '');
    expect(() => HcpcsStore.open(path, { readonly: true })).toThrow(
      expect.objectContaining({
        code: 'HCPCS_E_NOT_FOUND',
        message: `no hcpcs tables in the database ${path}: run hcpcs import <path> to import CMS releases into it`,
      }),
    );
    expect(readFileSync(path).length).toBe(0);
    expect(readdirSync(dirname(path))).toEqual(['empty.sqlite']);
  });

  it("cannot write: importing through it fails with SQLite's read-only error, the data unchanged", () => {
    const path = tempDbPath();
    HcpcsStore.open(path).close();
    const bytes = readFileSync(path);
    const reader = HcpcsStore.open(path, { readonly: true });
    expect(() =>
      reader.importRelease(testRelease('2025-01', [testRecord('J1640', 'Injection, hemin, 1 mg')])),
    ).toThrow('attempt to write a readonly database');
    reader.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
