/**
 * Issue 13, "Bad input" and "files you have not seen": the real CMS files, damaged at random
 * (seeded, so a failure names a case that can be replayed), through the import step `hcpcs import`
 * and `npm start` run (importReleases) into a database that already holds a release. Every case
 * must end one of two ways: imported, or refused with an HcpcsError that names the file, the
 * database exactly as before. Any other error (a TypeError deep in a reader, a RangeError) or a
 * database changed by a refused import fails the test with the case's seed and damage.
 * FUZZ_CASES multiplies the cases (default 1: 228 cases in all, about 10 s).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReleases } from '../src/cli/import-releases.js';
import { HcpcsError } from '../src/errors.js';
import { HcpcsStore } from '../src/store/store.js';
import { cms, tempDbPath } from './support/cms.js';
import { fileText, procedureLine } from './support/fixtures.js';
import { seededRandom } from './support/random.js';

const SCALE = Number(process.env.FUZZ_CASES ?? 1);
/** Each test's time limit grows with its cases (a minute per default set). */
const TIMEOUT = 60_000 * SCALE;
const dir = join(tempDbPath(), '..');
/** A database holding one small release (2099-01): what a refused import must leave as it was. */
const template = join(dir, 'template.sqlite');

beforeAll(() => {
  const base = join(dir, 'base', 'HCPC2099_JAN_ANWEB.txt');
  mkdirSync(join(base, '..'), { recursive: true });
  writeFileSync(base, fileText(['A0021', 'J1640', 'K0001'].map((code) => procedureLine(code))));
  const store = HcpcsStore.open(template);
  try {
    importReleases(store, [base]);
  } finally {
    store.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a user can see of a database: its releases and every record of each. */
function visible(store: HcpcsStore): string {
  return JSON.stringify(
    store.releases().map((release) => ({ release, records: [...store.records(release.key)] })),
  );
}

interface Outcome {
  readonly imported: number;
  readonly refused: string[];
}

/**
 * Imports each damaged file into a fresh copy of the template database and checks the rule
 * above; returns how many imported and the refusals' messages (numbers blanked, for the summary).
 */
function runCases(kind: string, cases: { name: string; bytes: Uint8Array; damage: string }[]): Outcome {
  const refused: string[] = [];
  let imported = 0;
  cases.forEach(({ name, bytes, damage }, index) => {
    const caseDir = join(dir, `${kind}-${index}`);
    mkdirSync(caseDir, { recursive: true });
    const file = join(caseDir, name);
    writeFileSync(file, bytes);
    const db = join(caseDir, 'hcpcs.sqlite');
    copyFileSync(template, db);
    const store = HcpcsStore.open(db);
    const before = visible(store);
    try {
      importReleases(store, [file], { force: true });
      imported++;
    } catch (error) {
      const what = `${kind} case ${index} (${damage})`;
      if (!(error instanceof HcpcsError)) {
        throw new Error(
          `${what}: not an HcpcsError: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
      expect(error.message, what).toContain(name);
      expect(visible(store), `${what}: the database changed`).toBe(before);
      refused.push(error.message.slice(error.message.indexOf(name)).replace(/\d+/g, 'N'));
    } finally {
      store.close();
      rmSync(caseDir, { recursive: true, force: true });
    }
  });
  return { imported, refused };
}

/** The first `lines` lines of the 2026-01 TXT: its disclaimer and some 800 records, quick to import. */
function headOfTxt(lines: number): Uint8Array {
  const bytes = readFileSync(cms('2026-01', 'HCPC2026_JAN_ANWEB_01122026.txt'));
  let end = 0;
  for (let n = 0; n < lines; n++) end = bytes.indexOf(10, end) + 1;
  return bytes.subarray(0, end);
}

/** Bytes that damage a text file: TAB, NUL, line ends, blanks, windows-1252 letters, quotes. */
const DAMAGE_BYTES = [9, 0, 13, 10, 32, 0xe9, 0x81, 0xff, 0x22, 0x2c, 0x3c, 65, 48];

/** One to three damages of a text file: a byte set, bytes inserted, a range deleted, cut, a line repeated, dropped or trimmed. */
function damageText(source: Uint8Array, random: () => number): { bytes: Uint8Array; damage: string } {
  const int = (n: number) => Math.floor(random() * n);
  let bytes = Buffer.from(source);
  const damage: string[] = [];
  const lineAround = (at: number) => {
    const start = bytes.lastIndexOf(10, at) + 1;
    const end = bytes.indexOf(10, at) + 1 || bytes.length;
    return { start, end };
  };
  for (let k = 0, n = 1 + int(3); k < n; k++) {
    const at = int(bytes.length);
    const op = int(7);
    if (op === 0) {
      const value = DAMAGE_BYTES[int(DAMAGE_BYTES.length)] as number;
      bytes[at] = value;
      damage.push(`byte ${at} set to ${value}`);
    } else if (op === 1) {
      const inserted = Buffer.from(
        Array.from({ length: 1 + int(12) }, () => DAMAGE_BYTES[int(DAMAGE_BYTES.length)] as number),
      );
      bytes = Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
      damage.push(`${inserted.length} bytes inserted at ${at}`);
    } else if (op === 2) {
      const length = 1 + int(400);
      bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + length)]);
      damage.push(`${length} bytes deleted at ${at}`);
    } else if (op === 3) {
      bytes = bytes.subarray(0, at);
      damage.push(`cut at ${at}`);
    } else if (op === 4) {
      const { start, end } = lineAround(at);
      bytes = Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
      damage.push(`line at ${start} repeated`);
    } else if (op === 5) {
      const { start, end } = lineAround(at);
      bytes = Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
      damage.push(`line at ${start} dropped`);
    } else {
      // The line cut short inside, its line end kept.
      const { start, end } = lineAround(at);
      const keep = start + int(Math.max(1, end - start - 2));
      bytes = Buffer.concat([bytes.subarray(0, keep), Buffer.from('\r\n'), bytes.subarray(end)]);
      damage.push(`line at ${start} cut to ${keep - start} characters`);
    }
  }
  return { bytes, damage: damage.join(', ') };
}

/** Cell values a damaged or hand-edited workbook holds: blanks, odd numbers, dates, long text, errors. */
const CELL_VALUES: readonly unknown[] = [
  null,
  '',
  0,
  -1,
  1e300,
  Number.NaN,
  true,
  new Date(1900, 0, 1),
  new Date(2099, 11, 31),
  'x'.repeat(5000),
  '\u0000',
  '  ',
  '2020-13-45',
  20200101,
  '00000000',
];

describe('damaged CMS files: imported, or refused naming the file with the database unchanged', () => {
  it(
    'the 2026-01 TXT, bytes set, inserted, deleted, cut, lines repeated, dropped and cut short',
    () => {
      const source = headOfTxt(800);
      const random = seededRandom(13);
      const cases = Array.from({ length: 120 * SCALE }, () => ({
        name: 'HCPC2026_JAN_ANWEB.txt',
        ...damageText(source, random),
      }));
      const { imported, refused } = runCases('txt', cases);
      // Both outcomes occur: the damage is neither always harmless nor always fatal.
      expect(imported).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.some((m) => /\.txt:N: /.test(m))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'the 2020-04 workbook, cells changed, rows dropped, blank or repeated, as XLSX and as legacy XLS, with and without its header row',
    () => {
      const workbook = XLSX.read(readFileSync(cms('2020-04', 'HCPC2020_APR_ANWEB.xlsx')), {
        cellDates: true,
      });
      const sheet = workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet;
      const rows = XLSX.utils
        .sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null })
        .slice(0, 300);
      const random = seededRandom(14);
      const int = (n: number) => Math.floor(random() * n);
      const header = rows.findIndex((row) => row[0] === 'HCPC');
      expect(header).toBeGreaterThanOrEqual(0);
      const cases = Array.from({ length: 48 * SCALE }, (_, index) => {
        const copy = rows.map((row) => [...row]);
        const damage: string[] = [];
        if (index % 4 >= 2) {
          // Half the cases as an older workbook: no header row, and an empty column in the middle.
          copy.splice(header, 1);
          const column = 4 + int(44);
          for (const row of copy) row.splice(column, 0, null);
          damage.push(`no header row, an empty column before column ${column + 1}`);
        }
        for (let k = 0, n = 1 + int(6); k < n; k++) {
          const at = int(copy.length);
          const row = copy[at] as unknown[];
          const op = int(6);
          if (op <= 2) {
            const column = int(row.length + 2);
            const value = CELL_VALUES[int(CELL_VALUES.length)];
            row[column] = value;
            damage.push(`row ${at + 1} column ${column + 1} set to ${String(value).slice(0, 12)}`);
          } else if (op === 3) {
            copy.splice(at, 1);
            damage.push(`row ${at + 1} dropped`);
          } else if (op === 4) {
            copy.splice(at, 0, []);
            damage.push(`blank row at ${at + 1}`);
          } else {
            copy.splice(at, 0, [...row]);
            damage.push(`row ${at + 1} repeated`);
          }
        }
        const out = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(
          out,
          XLSX.utils.aoa_to_sheet(copy, { cellDates: true }),
          'HCPC2020_APR_ANWEB',
        );
        const legacy = index % 2 === 1;
        return {
          name: legacy ? 'HCPC2020_APR_ANWEB.xls' : 'HCPC2020_APR_ANWEB.xlsx',
          bytes: XLSX.write(out, { type: 'buffer', bookType: legacy ? 'biff8' : 'xlsx' }) as Uint8Array,
          damage: damage.join(', '),
        };
      });
      const { imported, refused } = runCases('workbook', cases);
      expect(imported).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.some((m) => /row N: /.test(m))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'the 2013 zip (13anweb.zip), bytes changed in its headers, its directory and its data',
    () => {
      const zip = readFileSync(cms('..', 'cms-more', '2013', '13anweb.zip'));
      const random = seededRandom(15);
      const int = (n: number) => Math.floor(random() * n);
      const cases = Array.from({ length: 60 * SCALE }, () => {
        const bytes = Buffer.from(zip);
        const damage: string[] = [];
        for (let k = 0, n = 1 + int(3); k < n; k++) {
          // The central directory and end record (the last 2 KB), the first local header, or anywhere.
          const region = int(3);
          const at =
            region === 0
              ? bytes.length - 1 - int(Math.min(2048, bytes.length))
              : region === 1
                ? int(200)
                : int(bytes.length);
          const value = [0, 0xff, 0x7f, 0x80, int(256)][int(5)] as number;
          bytes[at] = value;
          damage.push(`byte ${at} set to ${value}`);
        }
        return { name: '13anweb.zip', bytes, damage: damage.join(', ') };
      });
      const { refused } = runCases('zip', cases);
      expect(refused.some((m) => /damaged/.test(m))).toBe(true);
    },
    TIMEOUT,
  );
});
