import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { testRecord, testRelease } from '../../test/support/fixtures.js';
import { HcpcsStore } from './store.js';

const hemin = testRecord('J1640', 'Injection, hemin, 1 mg');
const ranibizumab = testRecord('J2778', 'Injection, ranibizumab, 0.1 mg');

function versionCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM record_versions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('record versions shared by releases', () => {
  it('keeps an unchanged record once, gives each release its own release id, and drops versions a replace leaves unused', () => {
    const path = tempDbPath();
    const store = HcpcsStore.open(path);
    try {
      store.importRelease(testRelease('2025-10', [hemin, ranibizumab]));
      store.importRelease(testRelease('2026-01', [hemin, { ...ranibizumab, coverage: 'D' }]));
      // J1640 unchanged: one version; J2778 changed: two.
      expect(versionCount(path)).toBe(3);
      expect(store.record('2025-10_v1', 'J1640')?.release).toBe('2025-10');
      expect(store.record('2026-01_v1', 'J1640')?.release).toBe('2026-01');
      expect([...store.records('2026-01_v1')].map((r) => [r.code, r.release, r.coverage])).toEqual([
        ['J1640', '2026-01', 'C'],
        ['J2778', '2026-01', 'D'],
      ]);
      expect(
        store.recordsOfCode('J2778').map((r) => [r.releaseKey, r.record.release, r.record.coverage]),
      ).toEqual([
        ['2025-10_v1', '2025-10', 'C'],
        ['2026-01_v1', '2026-01', 'D'],
      ]);

      // 2026-01 replaced by a release without J2778's changed version: that version goes.
      const outcome = store.importRelease(testRelease('2026-01', [hemin, ranibizumab]), { replace: true });
      expect(outcome.outcome).toBe('replaced');
      expect(versionCount(path)).toBe(2);
      expect(store.record('2026-01_v1', 'J2778')?.coverage).toBe('C');
      expect(store.recordsOfCode('J1640').map((r) => r.releaseKey)).toEqual(['2025-10_v1', '2026-01_v1']);
    } finally {
      store.close();
    }
  });
});
