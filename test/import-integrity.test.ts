/**
 * Issue 10, import defects 5, 6, 7 and 10: a damaged, truncated or oversized file must not import.
 * Each case is made here from a copy of a CMS sample file in a temporary folder (or built from
 * scratch), run through the real CLI: exit 1, a message naming the file (and zip member), and the
 * database exactly as before; `--force` lets the overridable checks pass.
 */
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './support/cli.js';
import { cms } from './support/cms.js';
import { fileText, procedureLine } from './support/fixtures.js';

const { dir, hcpcs, write } = cliSandbox('hcpcs-integrity-');
const TXT_2026 = cms('2026-01', 'HCPC2026_JAN_ANWEB_01122026.txt');
const ZIP_2019 = cms('2019', '2019-Alpha-Numeric-HCPCS-File.zip');

/** Everything a user can see of the database: must not move when an import is refused. */
function snapshot(): string {
  // Through a file: the export of 9,006 records is larger than spawnSync's 1 MiB output buffer.
  const out = join(dir, 'snapshot.ndjson');
  expect(hcpcs('export', '--release', '2026-01', '--out', out).status).toBe(0);
  return hcpcs('releases', '--json').stdout + readFileSync(out, 'utf8');
}

interface Imported {
  key: string;
  outcome: string;
  counts: { records: number };
  forced?: string[];
}
function imported(stdout: string): Imported[] {
  return JSON.parse(stdout) as Imported[];
}

/** The 2026 TXT cut after its first `lines` lines (each with its CRLF): a file cut at a line end. */
function firstLines(bytes: Uint8Array, lines: number): Uint8Array {
  let at = 0;
  for (let n = 0; n < lines; n++) at = bytes.indexOf(0x0a, at) + 1;
  return bytes.subarray(0, at);
}

beforeAll(() => {
  expect(hcpcs('import', cms('2026-01')).status).toBe(0);
});

describe('a truncated TXT is refused', () => {
  it('cut inside a continuation line (head -c 934012): refused, naming the file and line; --force imports what is there', () => {
    const path = write('cut/HCPC2026_JAN_ANWEB_01122026.txt', readFileSync(TXT_2026).subarray(0, 934012));
    const before = snapshot();
    const result = hcpcs('import', '--release', '2031-01', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `hcpcs: ${path}:2901: the file ends inside a record, without a line end (line 2901 has 212 of the record's 320 characters): it is truncated, and the records after it are missing; pass --force to import it as it is\n`,
    );
    expect(snapshot()).toBe(before);
    const forced = hcpcs('import', '--release', '2031-01', '--force', '--json', path);
    expect(forced.status).toBe(0);
    expect(imported(forced.stdout).map((r) => [r.key, r.outcome, r.counts.records, r.forced])).toEqual([
      [
        '2031-01_v1',
        'imported',
        1821,
        [
          `${path}:2901: the file ends inside a record, without a line end (line 2901 has 212 of the record's 320 characters): it is truncated, and the records after it are missing`,
        ],
      ],
    ]);
  });

  it('--replace with a file cut at a line end: refused when it holds over 10% fewer records than the release it replaces', () => {
    const path = write(
      'cut-at-line/HCPC2026_JAN_ANWEB_01122026.txt',
      firstLines(readFileSync(TXT_2026), 13000),
    );
    const before = snapshot();
    const result = hcpcs('import', '--replace', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `hcpcs: ${path}: holds 6,844 records, 24% fewer than the 9,006 of release 2026-01_v1 it would replace (more than 10% fewer): is the file truncated? pass --force to import it anyway\n`,
    );
    expect(snapshot()).toBe(before);
    const forced = hcpcs('import', '--replace', '--force', '--json', path);
    expect(imported(forced.stdout).map((r) => [r.key, r.outcome, r.counts.records])).toEqual([
      ['2026-01_v1', 'replaced', 6844],
    ]);
    // The full file back: more records than the release it replaces, so no --force needed.
    const restored = hcpcs('import', '--replace', '--json', cms('2026-01'));
    expect(imported(restored.stdout).map((r) => [r.key, r.outcome, r.counts.records])).toEqual([
      ['2026-01_v1', 'replaced', 9006],
    ]);
  });

  it('a new revision of a quarter held, with over 10% fewer records than the revision held: refused the same way', () => {
    const path = write('cut-v2/HCPC2026_JAN_ANWEB_v2.txt', firstLines(readFileSync(TXT_2026), 13000));
    const result = hcpcs('import', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `hcpcs: ${path}: holds 6,844 records, 24% fewer than the 9,006 of release 2026-01_v1 it would replace (more than 10% fewer): is the file truncated? pass --force to import it anyway\n`,
    );
  });

  it('a TXT cut at a line end inside a zip beside its workbook: refused, the workbook holds codes the TXT lacks', () => {
    const members = unzipSync(readFileSync(ZIP_2019));
    const txt = members['HCPC2019_CONTR_ANWEB.txt'] as Uint8Array;
    const path = write(
      '2019-cut/2019-Alpha-Numeric-HCPCS-File.zip',
      zipSync({ ...members, 'HCPC2019_CONTR_ANWEB.txt': firstLines(txt, 9000) }),
    );
    const result = hcpcs('import', '--release', '2032-01', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `hcpcs: ${path}!HCPC2019_CONTR_ANWEB.txt: holds 5,059 records, the workbook beside it (HCPC2019_CONTR_ANWEB.xlsx) 6,800: 1,741 codes of the workbook are missing from the TXT (the first: L4396, L4397, L4398); is the TXT truncated? pass --force to import it anyway\n`,
    );
    const forced = hcpcs('import', '--release', '2032-01', '--force', path);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('records 5059:');
    expect(forced.stdout).toContain(
      `  imported with --force although: ${path}!HCPC2019_CONTR_ANWEB.txt: holds 5,059 records, the workbook beside it`,
    );
  });
});

describe('zip members are checked against their CRC-32 and sizes', () => {
  it('one flipped bit in the 2019 zip (it inflated to "Surface electroopagraphy"): refused, naming zip and member', () => {
    const bytes = readFileSync(ZIP_2019);
    // Offset 423,540 lies in the TXT member's deflate data; this flip inflates to the same length
    // with one character changed, so only the CRC-32 can tell.
    bytes[423540] = (bytes[423540] ?? 0) ^ 0x01;
    const path = write('flipped/2019-Alpha-Numeric-HCPCS-File.zip', bytes);
    const before = snapshot();
    const result = hcpcs('import', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^hcpcs: ${path}!HCPC2019_CONTR_ANWEB\\.txt: the member is damaged: its CRC-32 check failed \\(the zip records [0-9a-f]{8}, the data gives [0-9a-f]{8}\\); download the zip again\\n$`,
      ),
    );
    expect(snapshot()).toBe(before);
  });
});

describe('oversized files are refused by size, naming the file, before they are read', () => {
  it('a 600 MiB TXT (sparse) is refused at once with its size and the limit', () => {
    const path = write('huge/HCPC2099_JAN_ANWEB.txt', '');
    // truncate(2) extends the file with a hole: 600 MiB long, no disk used.
    truncateSync(path, 600 * 1024 * 1024);
    const result = hcpcs('import', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `hcpcs: ${path}: the file is 600 MiB, over the limit of 64 MiB for one file (CMS's largest files are under 20 MB); refused before reading it\n`,
    );
  });
});

describe('plain messages and warnings', () => {
  it('a NUL byte in a description is kept as read and named in the record warnings', () => {
    const line = procedureLine('A0021', { longDescription: 'Ambulance service\u0000 outside state' });
    const path = write('nul/HCPC2033_JAN_ANWEB.txt', fileText([line]));
    const result = hcpcs('import', path);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 data-quality warnings');
    const record = JSON.parse(hcpcs('show', 'A0021', '--release', '2033-01', '--json').stdout);
    expect(record.warnings).toEqual([
      {
        field: 'longDescription',
        value: 'Ambulance service\u0000 outside state',
        problem: 'holds the control character U+0000 (not text; the file may be damaged)',
      },
    ]);
  });

  it('CR-only line ends are read as line ends', () => {
    const text = readFileSync(TXT_2026, 'latin1').replace(/\r\n/g, '\r');
    const path = write('cr/HCPC2026_JAN_ANWEB_01122026.txt', Buffer.from(text, 'latin1'));
    const result = hcpcs('import', '--release', '2034-01', '--json', path);
    expect(result.stderr).toBe('');
    expect(imported(result.stdout).map((r) => r.counts.records)).toEqual([9006]);
  });

  it('a 0-byte zip is "empty", a text file named .xls is "not a workbook", both naming the file', () => {
    const empty = write('plain/empty.zip', new Uint8Array(0));
    expect(hcpcs('import', empty).stderr).toBe(`hcpcs: ${empty}: the file is empty (0 bytes), not a zip\n`);
    const notBook = write('plain/HCPC2035_JAN_ANWEB.xls', `${'x'.repeat(40)}\n`.repeat(20));
    expect(hcpcs('import', notBook).stderr).toBe(
      `hcpcs: ${notBook}: not a workbook: an XLSX file begins with the zip signature "PK" and an XLS file with the OLE2 signature D0 CF 11 E0, this one begins with "xxxx"\n`,
    );
  });

  it('a damaged workbook inside a zip is named with its part, not "no sheet has the header"', () => {
    const members = unzipSync(readFileSync(cms('2020-04', 'HCPC2020_APR_ANWEB.xlsx')));
    const sheet = members['xl/worksheets/sheet1.xml'] as Uint8Array;
    const book = zipSync({ ...members, 'xl/worksheets/sheet1.xml': [sheet, { level: 0 }] });
    // Flip a byte inside the stored sheet: find it by its text.
    const at = Buffer.from(book).indexOf('<sheetData>') + 40;
    book[at] = (book[at] ?? 0) ^ 0x20;
    const path = write('book/HCPC2036_JAN_ANWEB.xlsx', book);
    expect(hcpcs('import', path).stderr).toMatch(
      new RegExp(
        `^hcpcs: ${path}!xl/worksheets/sheet1\\.xml: the member is damaged: its CRC-32 check failed \\(the workbook records [0-9a-f]{8}, the data gives [0-9a-f]{8}\\); download the workbook again\\n$`,
      ),
    );
  });

  it('--help documents --force', () => {
    expect(hcpcs('import', '--help').stdout).toMatch(/--force\s+import even when a check finds the file/);
  });
});
