/**
 * Test support: where the official CMS sample releases are (../shared/cms, never copied into the
 * repository), and a database with all of them imported once per test run (see global-setup.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

export function openSampleStore(): HcpcsStore {
  return HcpcsStore.open(sampleDbPath(), { readonly: true });
}

/** A fresh, empty database file path in a new temporary folder. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'hcpcs-test-')), 'hcpcs.sqlite');
}
