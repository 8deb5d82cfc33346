/**
 * Test support: where the official CMS sample releases are (../shared/cms, never copied into the
 * repository), and a database with all of them imported once per test run (see global-setup.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { HcpcsStore } from '../../src/store/store.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CMS_DIR = resolve(REPO_ROOT, '../shared/cms');

/** A path under ../shared/cms. */
export function cms(...parts: string[]): string {
  return join(CMS_DIR, ...parts);
}

/** The database global-setup.ts filled with every sample release. Open it, do not write to it. */
export function sampleDbPath(): string {
  const path = process.env.HCPCS_TEST_SAMPLE_DB;
  if (!path) throw new Error('HCPCS_TEST_SAMPLE_DB is not set: run the tests through vitest (global setup)');
  return path;
}

/** The sample database, read-only: open it inside a test or hook, close it when done. */
export function openSampleStore(): HcpcsStore {
  return HcpcsStore.open(sampleDbPath(), { readonly: true });
}

/**
 * The sample database for the tests of one file: opened now (while the file's tests are collected)
 * and closed after them.
 * @example const store = useSampleStore(); it('...', () => expect(store.record('2026-01_v1', 'J1640')).toBeDefined());
 */
export function useSampleStore(): HcpcsStore {
  const store = openSampleStore();
  afterAll(() => store.close());
  return store;
}

/** A fresh, empty database file path in a new temporary folder. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'hcpcs-test-')), 'hcpcs.sqlite');
}
