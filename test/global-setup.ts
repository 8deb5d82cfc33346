/**
 * Imports every sample release in ../shared/cms once per test run into a temporary database that
 * tests read (HCPCS_TEST_SAMPLE_DB). Reading the workbooks takes seconds; doing it once keeps the
 * suite fast.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-sample-'));
  const path = join(dir, 'sample.sqlite');
  const store = HcpcsStore.open(path);
  try {
    for (const release of readReleases([resolve(import.meta.dirname, '../../shared/cms')])) {
      store.importRelease(release);
    }
  } finally {
    store.close();
  }
  process.env.HCPCS_TEST_SAMPLE_DB = path;
  return () => rmSync(dir, { recursive: true, force: true });
}
