import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSampleStore, tempDbPath } from '../../test/support/cms.js';
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

describe('recordsThatDiffer', () => {
  it('gives the codes whose version differs between two releases, in code order, each side as held', () => {
    const store = HcpcsStore.open(tempDbPath());
    try {
      const gone = testRecord('A0021', 'Ambulance service, outside state per mile');
      const added = testRecord('Q5101', 'Injection, filgrastim-sndz, biosimilar, 1 microgram');
      store.importRelease(testRelease('2025-10', [hemin, ranibizumab, gone]));
      store.importRelease(testRelease('2026-01', [hemin, { ...ranibizumab, coverage: 'D' }, added]));
      // A release placed between the two: J2778 changes there already, A0021 is still held.
      store.importRelease(testRelease('2025-10', [hemin, { ...ranibizumab, coverage: 'D' }, gone], 2));
      const differ = (from: string, to: string) =>
        store
          .recordsThatDiffer(from, to)
          .map((d) => [d.code, d.before?.release ?? null, d.after?.release ?? null]);
      expect(differ('2025-10_v1', '2026-01_v1')).toEqual([
        ['A0021', '2025-10', null],
        ['J2778', '2025-10', '2026-01'],
        ['Q5101', null, '2026-01'],
      ]);
      expect(differ('2026-01_v1', '2025-10_v1')).toEqual([
        ['A0021', null, '2025-10'],
        ['J2778', '2026-01', '2025-10'],
        ['Q5101', '2026-01', null],
      ]);
      expect(differ('2025-10_v2', '2026-01_v1')).toEqual([
        ['A0021', '2025-10', null],
        ['Q5101', null, '2026-01'],
      ]);
      expect(store.recordsThatDiffer('2026-01_v1', '2026-01_v1')).toEqual([]);
      expect(() => store.recordsThatDiffer('2025-10_v1', '2024-01_v1')).toThrow(
        'release 2024-01_v1 is not imported',
      );
    } finally {
      store.close();
    }
  });

  it('on the samples, leaves out exactly the codes whose records are equal but for the release id', () => {
    const store = openSampleStore();
    try {
      for (const [from, to] of [
        ['2020-04_v1', '2020-07_v1'],
        ['2019-01_v1', '2026-01_v1'],
        ['2025-10_v4', '2025-10_v1'],
      ] as const) {
        // The independent reading: every record of both releases, compared whole.
        const before = new Map([...store.records(from)].map((r) => [r.code, { ...r, release: '' }]));
        const after = new Map([...store.records(to)].map((r) => [r.code, { ...r, release: '' }]));
        const codes = [...new Set([...before.keys(), ...after.keys()])].sort();
        const expected = codes.filter(
          (code) => JSON.stringify(before.get(code)) !== JSON.stringify(after.get(code)),
        );
        const found = store.recordsThatDiffer(from, to);
        expect(found.map((d) => d.code)).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan(codes.length);
      }
    } finally {
      store.close();
    }
  });
});
