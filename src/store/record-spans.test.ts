import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { testRecord, testRelease } from '../../test/support/fixtures.js';
import { seededRandom } from '../../test/support/random.js';
import type { ParsedRelease } from '../ingest/release.js';
import { releaseOrdinal } from './record-spans.js';
import { HcpcsStore, releaseKey } from './store.js';

function count(path: string, table: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const hemin = testRecord('J1640', 'Injection, hemin, 1 mg');
const ranibizumab = testRecord('J2778', 'Injection, ranibizumab, 0.1 mg');

describe('release ordinals', () => {
  it('order releases by id, then revision, with room between quarters', () => {
    expect(releaseOrdinal('2025-10', 4)).toBe(202510004);
    expect(releaseOrdinal('2013-01', 1)).toBeLessThan(releaseOrdinal('2025-10', 1));
    expect(releaseOrdinal('2025-10', 999)).toBeLessThan(releaseOrdinal('2026-01', 1));
    expect(() => releaseOrdinal('2025-10', 1000)).toThrow(
      'revision 1000 is not a whole number from 1 to 999',
    );
  });
});

describe('record spans', () => {
  it('keep a record unchanged through releases as one span; a release imported between two splits it where it differs', () => {
    const path = tempDbPath();
    const store = HcpcsStore.open(path);
    try {
      store.importRelease(testRelease('2025-01', [hemin, ranibizumab]));
      store.importRelease(testRelease('2025-07', [hemin, ranibizumab]));
      store.importRelease(testRelease('2025-10', [hemin, ranibizumab]));
      expect(count(path, 'record_spans')).toBe(2);
      // 2025-04 arrives last, with J2778 changed and J1640 as before: J1640 stays one span.
      store.importRelease(testRelease('2025-04', [hemin, { ...ranibizumab, coverage: 'D' }]));
      expect(count(path, 'record_spans')).toBe(4);
      expect(store.recordsOfCode('J2778').map((r) => [r.releaseKey, r.record.coverage])).toEqual([
        ['2025-01_v1', 'C'],
        ['2025-04_v1', 'D'],
        ['2025-07_v1', 'C'],
        ['2025-10_v1', 'C'],
      ]);
      // Replaced by a release equal to its neighbours: the three spans of J2778 join again, and the
      // version no release holds any more goes.
      store.importRelease(testRelease('2025-04', [hemin, ranibizumab]), { replace: true });
      expect(count(path, 'record_spans')).toBe(2);
      expect(count(path, 'record_versions')).toBe(2);
      // A second revision of 2025-07 without J1640: J1640's span is cut around it.
      store.importRelease(testRelease('2025-07', [ranibizumab], 2));
      expect(store.recordsOfCode('J1640').map((r) => r.releaseKey)).toEqual([
        '2025-01_v1',
        '2025-04_v1',
        '2025-07_v1',
        '2025-10_v1',
      ]);
      expect(store.record('2025-07_v2', 'J1640')).toBeUndefined();
      expect(store.record('2025-10_v1', 'J1640')?.release).toBe('2025-10');
    } finally {
      store.close();
    }
  });

  it('keep texts, notes and file bytes once, and drop them when the last release holding them is replaced', () => {
    const path = tempDbPath();
    const store = HcpcsStore.open(path);
    const bytes = new TextEncoder().encode('HCPCS record layout');
    const withTexts = (id: string, readme: string): ParsedRelease => ({
      ...testRelease(id, [hemin]),
      readme,
      recordLayout: 'layout text',
      processingNotes: new Map([['10', 'Note ten']]),
      files: [
        {
          path: `${id}/layout.txt`,
          name: 'layout.txt',
          role: 'record-layout',
          sha256: 'ab12',
          size: 19,
          bytes,
        },
        { path: `${id}/notes.txt`, name: 'notes.txt', role: 'processing-notes', sha256: 'cd34', size: 8 },
        {
          path: `${id}/corrections.xlsx`,
          name: 'corrections.xlsx',
          role: 'corrections',
          sha256: 'ef56',
          size: 3,
          bytes: new Uint8Array([1, 2, 3]),
          corrections: {
            reader: 1,
            reading: {
              list: { file: 'corrections.xlsx', format: 'workbook', title: null, entries: [], warnings: [] },
            },
          },
        },
      ],
    });
    try {
      store.importRelease(withTexts('2025-10', 'readme A'));
      store.importRelease(withTexts('2026-01', 'readme A'));
      expect([
        count(path, 'release_texts'),
        count(path, 'processing_notes'),
        count(path, 'file_contents'),
        count(path, 'corrections_read'),
      ]).toEqual([2, 1, 2, 1]);
      store.importRelease(withTexts('2026-01', 'readme B'), { replace: true });
      expect(count(path, 'release_texts')).toBe(3);
      store.importRelease(
        { ...testRelease('2025-10', [hemin]), readme: 'readme B', layoutNotCompared: 'a PDF layout file' },
        { replace: true },
      );
      expect(store.release('2025-10_v1')?.layoutNotCompared).toBe('a PDF layout file');
      // readme A, the notes and the bytes are still 2026-01's; nothing 2025-10 alone held is left.
      expect(count(path, 'release_texts')).toBe(2);
      expect(store.release('2025-10_v1')?.recordLayout).toBeNull();
      expect(store.release('2026-01_v1')).toMatchObject({ readme: 'readme B', recordLayout: 'layout text' });
      expect(store.processingNote('2026-01_v1', '10')).toEqual({
        text: 'Note ten',
        releaseKey: '2026-01_v1',
      });
      expect(store.sourceFileContents('2026-01_v1', 'record-layout')[0]?.content.toString()).toBe(
        'HCPCS record layout',
      );
      store.importRelease(testRelease('2026-01', [hemin]), { replace: true });
      expect([
        count(path, 'release_texts'),
        count(path, 'processing_notes'),
        count(path, 'file_contents'),
        count(path, 'corrections_read'),
      ]).toEqual([1, 0, 0, 0]);
    } finally {
      store.close();
    }
  });

  it('answer as the releases imported, in any order, with revisions and replacements (seeded random sequences)', () => {
    const codes = ['AA', 'ZZ', 'A0021', 'E0100', 'J1640', 'J2778', 'L3000'];
    const quarters = ['2013-01', '2019-01', '2020-04', '2020-07', '2025-10', '2026-01'];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const random = seededRandom(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const path = tempDbPath();
      const store = HcpcsStore.open(path);
      const held = new Map<string, ParsedRelease>();
      try {
        for (let step = 0; step < 25; step++) {
          const id = pick(quarters);
          const revision = pick([1, 1, 2, 3]);
          const records = codes
            .filter(() => random() < 0.8)
            .map((code) =>
              testRecord(code, `${code} description ${pick(['a', 'b', 'c'])}`, {
                crossReferences: pick([[], [], ['J1640'], ['J2778', 'L3000']]),
              }),
            );
          // Now and then a file in an order of its own (kept as it came).
          if (random() < 0.2) records.reverse();
          const release = testRelease(id, records, revision);
          store.importRelease(release, { replace: true });
          held.set(releaseKey(id, revision), release);
          const expected = [...held.entries()].sort(
            ([, a], [, b]) => releaseOrdinal(a.id, a.revision) - releaseOrdinal(b.id, b.revision),
          );
          const context = `seed ${seed} step ${step}`;
          for (const [key, r] of expected) {
            expect([...store.records(key)], `${context} records ${key}`).toEqual(r.records);
            for (const code of codes) {
              expect(store.record(key, code), `${context} record ${key} ${code}`).toEqual(
                r.records.find((x) => x.code === code),
              );
            }
          }
          for (const code of codes) {
            const found = store.recordsOfCode(code).map(({ releaseKey, record }) => ({ releaseKey, record }));
            expect(found, `${context} recordsOfCode ${code}`).toEqual(
              expected.flatMap(([key, r]) => {
                const record = r.records.find((x) => x.code === code);
                return record ? [{ releaseKey: key, record }] : [];
              }),
            );
          }
          // Each version a held release has, once; nothing a replaced release alone had.
          const versions = new Set(expected.flatMap(([, r]) => r.records.map((x) => JSON.stringify(x))));
          expect(count(path, 'record_versions'), context).toBe(
            new Set([...versions].map((v) => v.replace(/"release":"[^"]*"/, ''))).size,
          );
          const references = new Set(
            expected.flatMap(([, r]) =>
              r.records.flatMap((x) => x.crossReferences.map((t) => `${x.code}>${t}`)),
            ),
          );
          expect(new Set(store.crossReferences().map((x) => `${x.source}>${x.target}`)), context).toEqual(
            references,
          );
        }
      } finally {
        store.close();
      }
    }
  });
});
