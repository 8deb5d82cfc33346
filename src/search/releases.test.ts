/**
 * searchCodes on a small store written here: two releases, no PDFs, no NOC list; a code the
 * latest release dropped is still found by its code, from the release that last held it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { testRecord, testRelease } from '../../test/support/fixtures.js';
import type { HcpcsRecord } from '../model.js';
import { HcpcsStore } from '../store/store.js';
import { searchCodes } from './search-codes.js';

function record(code: string, longDescription: string, extra: Partial<HcpcsRecord> = {}): HcpcsRecord {
  return testRecord(code, longDescription, {
    kind: 'procedure',
    shortDescription: longDescription.slice(0, 28),
    ...extra,
  });
}

let store: HcpcsStore;
beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-search-cache-'));
  store = HcpcsStore.open(tempDbPath());
  store.importRelease(
    testRelease('2025-01', [
      record('A1234', 'Dropped widget, each'),
      record('E0100', 'Cane, includes canes of all materials, adjustable or fixed, with tip'),
    ]),
  );
  store.importRelease(
    testRelease('2026-01', [
      record('E0100', 'Cane, includes canes of all materials, adjustable or fixed, with tip'),
      record(
        'E0105',
        'Cane, quad or three prong, includes canes of all materials, adjustable or fixed, with tips',
      ),
      record('E1399', 'Durable medical equipment, miscellaneous', { terminationDate: '2025-12-31' }),
    ]),
  );
});
afterAll(() => store.close());

describe('searchCodes on a store without index, drug table or NOC list', () => {
  it('searches the latest release by default', () => {
    const result = searchCodes(store, 'cane');
    expect(result.release).toBe('2026-01_v1');
    expect(result.hits.map((h) => [h.code, h.status, h.via])).toEqual([
      ['E0100', 'active', undefined],
      ['E0105', 'active', undefined],
    ]);
  });
  it('finds a code the latest release dropped, from the release that last held it', () => {
    expect(searchCodes(store, 'E0100 A1234').hits.map((h) => [h.code, h.release, h.status])).toEqual([
      ['E0100', '2026-01_v1', 'active'],
      ['A1234', '2025-01_v1', 'terminated'],
    ]);
    expect(searchCodes(store, 'A1234', { status: 'active' }).total).toBe(0);
  });
  it('but not when a release is chosen', () => {
    expect(searchCodes(store, 'A1234', { release: '2026-01' }).total).toBe(0);
    expect(searchCodes(store, 'A1234', { release: '2025-01' }).hits[0]?.release).toBe('2025-01_v1');
  });
  it('gives each hit its status on the date asked', () => {
    expect(searchCodes(store, 'E1399').hits[0]?.status).toBe('terminated');
    expect(searchCodes(store, 'E1399', { date: '2025-12-31' }).hits[0]?.status).toBe('active');
  });
  it('sees a release imported again (--replace) within a second', async () => {
    expect(searchCodes(store, 'walker').total).toBe(0);
    store.importRelease(
      testRelease('2026-01', [
        record('E0100', 'Cane, with tip'),
        record('E0130', 'Walker, rigid (pickup), adjustable or fixed height'),
      ]),
      { replace: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(searchCodes(store, 'walker').hits.map((h) => h.code)).toEqual(['E0130']);
    // E0105 went with the re-import, and no earlier release held it.
    expect(searchCodes(store, 'E0105').total).toBe(0);
  });
  it('has no release to search in an empty store: a clear error', () => {
    const empty = HcpcsStore.open(tempDbPath());
    expect(() => searchCodes(empty, 'cane')).toThrow('no release is imported yet: run hcpcs import');
    empty.close();
  });
});
