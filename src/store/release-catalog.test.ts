/**
 * The store's release catalog: one object per data version, new as soon as this store or another
 * connection imports, resolving references as the CLI documents them, and one shared snapshot of
 * a release's records.
 */
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { testRecord, testRelease } from '../../test/support/fixtures.js';
import { HcpcsStore } from './store.js';

const HEMIN = testRecord('J1640', 'Injection, hemin, 1 mg');
const SALINE = testRecord('J7050', 'Infusion, normal saline solution, 250 cc');

function storeWith(...ids: string[]): { store: HcpcsStore; path: string } {
  const path = tempDbPath();
  const store = HcpcsStore.open(path);
  for (const id of ids) store.importRelease(testRelease(id, [HEMIN, SALINE]));
  return { store, path };
}

describe('the catalog', () => {
  it('stays the same object, with its snapshots, while the data does not change', () => {
    const { store } = storeWith('2025-01');
    const catalog = store.catalog();
    const snapshot = catalog.snapshot('2025-01_v1');
    expect(store.catalog()).toBe(catalog);
    expect(store.catalog().snapshot('2025-01_v1')).toBe(snapshot);
    expect(snapshot.records.map((r) => r.code)).toEqual(['J1640', 'J7050']);
    expect(snapshot.byCode.get('J1640')?.longDescription).toBe('Injection, hemin, 1 mg');
    // Importing the same release again changes nothing: the catalog stays.
    store.importRelease(testRelease('2025-01', [HEMIN, SALINE]));
    expect(store.catalog()).toBe(catalog);
    store.close();
  });

  it('is new, with a new data version, right after a replacement in the same millisecond', () => {
    const { store } = storeWith('2025-01');
    const before = store.catalog();
    store.importRelease(testRelease('2025-01', [HEMIN]), { replace: true });
    const after = store.catalog();
    expect(after).not.toBe(before);
    expect(after.dataVersion).not.toBe(before.dataVersion);
    expect(after.snapshot('2025-01_v1').records.map((r) => r.code)).toEqual(['J1640']);
    store.close();
  });

  it("sees another connection's import at the next call (SQLite's data_version), without waiting", () => {
    const { store, path } = storeWith('2025-01');
    const reader = HcpcsStore.open(path, { readonly: true });
    const before = reader.catalog();
    expect(before.latest?.key).toBe('2025-01_v1');
    store.importRelease(testRelease('2025-04', [HEMIN, SALINE]));
    const after = reader.catalog();
    expect(after.latest?.key).toBe('2025-04_v1');
    expect(after.dataVersion).toBe(store.catalog().dataVersion);
    reader.close();
    store.close();
  });

  it('resolves release references: id (latest revision), key, latest, and errors naming what is imported', () => {
    const { store } = storeWith('2025-01');
    store.importRelease(testRelease('2025-01', [HEMIN], 2));
    const catalog = store.catalog();
    expect(catalog.resolve(undefined)?.key).toBe('2025-01_v2');
    expect(catalog.resolve('latest')?.key).toBe('2025-01_v2');
    expect(catalog.resolve('2025-01')?.key).toBe('2025-01_v2');
    expect(catalog.resolve('2025-01_v1')?.key).toBe('2025-01_v1');
    expect(catalog.resolve('2025-01_v1')?.superseded).toBe(true);
    expect(catalog.resolve('2030-01', { required: false })).toBeUndefined();
    expect(() => catalog.resolve('2030-01')).toThrow(
      'release 2030-01 is not imported (imported: 2025-01_v1, 2025-01_v2)',
    );
    expect(() => catalog.resolve('jan')).toThrow(
      'release "jan" is not a release id: use YYYY-MM or YYYY-MM_vN (e.g. 2025-10_v4)',
    );
    expect(() => catalog.snapshot('2030-01_v1')).toThrow('release 2030-01_v1 is not imported');
    store.close();
  });

  it('says when nothing is imported', () => {
    const { store } = storeWith();
    expect(store.catalog().latest).toBeUndefined();
    expect(store.catalog().resolve(undefined, { required: false })).toBeUndefined();
    expect(() => store.catalog().resolve(undefined)).toThrow('no release is imported yet: run hcpcs import');
    store.close();
  });
});
