import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileText, procedureLine } from '../../test/support/fixtures.js';
import { readReleases, releaseFromLink, releaseFromName } from './release.js';

describe('releaseFromName', () => {
  it.each([
    ['HCPC2020_APR_ANWEB.xlsx', { id: '2020-04' }],
    ['HCPC2025_OCT_ANWEB_v4.xlsx', { id: '2025-10', revision: 4 }],
    ['HCPC2026_JAN_ANWEB_01122026.txt', { id: '2026-01' }],
    ['HCPC2019_CONTR_ANWEB.txt', { id: '2019-01' }],
    ['2020-Alpha-Numeric-HCPCS-File.zip', { id: '2020-01' }],
    ['july-2024-alpha-numeric-hcpcs-file.zip', { id: '2024-07' }],
    ['October 2023 Alpha-Numeric HCPCS File_v2.zip', { id: '2023-10', revision: 2 }],
    ['2020-10', { id: '2020-10' }],
    ['03anweb.zip', { id: '2003-01' }],
    ['13anweb_v2.zip', { id: '2013-01', revision: 2 }],
    ['HCPC2013_A-N.txt', { id: '2013-01' }],
    ['HCPC2010_CONTR_ANWEB.xls', { id: '2010-01' }],
    ['HCPC2017_ANWEB_w_disclaimer.xlsx', { id: '2017-01' }],
    ['records.txt', {}],
    // The site's zip names (lower-case words joined by hyphens) and what CMS put inside them.
    ['april-2025-alpha-numeric-hcpcs-file-v2.zip', { id: '2025-04', revision: 2 }],
    ['october-2023-alpha-numeric-hcpcs-files.zip', { id: '2023-10' }],
    ['2017-alpha-numeric-hcpcs-file-april.zip', { id: '2017-04' }],
    ['2015-Annual-Alpha-Numeric-HCPCS-File.zip', { id: '2015-01' }],
    ['HCPC2015_CONTR_ANWEB_v2.txt', { id: '2015-01', revision: 2 }],
    ['HCPC2024_JUL_ANWEB_v3.xlsx', { id: '2024-07', revision: 3 }],
    ['HCPC2025_JAN_ANWEB_12172024.txt', { id: '2025-01' }],
    ['noc_codes_jul_2024.xlsx', { id: '2024-07' }],
    ['14anweb.zip', { id: '2014-01' }],
    ['03ANWEB.ZIP', { id: '2003-01' }],
  ])('%s', (name, expected) => {
    expect(releaseFromName(name)).toEqual(expected);
  });
});

describe('releaseFromLink', () => {
  it.each([
    // The name speaks first; a revision the name lacks comes from the text.
    [
      'january-2026-alpha-numeric-hcpcs-file.zip',
      'January 2026 Alpha-Numeric HCPCS File (ZIP)',
      { id: '2026-01' },
    ],
    [
      'july-2025-alpha-numeric-hcpcs-file.zip',
      'July 2025 Alpha-Numeric HCPCS File - Version 3 (ZIP)',
      { id: '2025-07', revision: 3 },
    ],
    [
      'april-2025-alpha-numeric-hcpcs-file-v2.zip',
      'April 2025 Alpha-Numeric HCPCS File (ZIP)',
      { id: '2025-04', revision: 2 },
    ],
    // A quarter in the text beats a bare year in the name, never a quarter the name names.
    ['2017-alpha-numeric-hcpcs-file.zip', 'April 2017 Alpha-Numeric HCPCS File', { id: '2017-04' }],
    ['january-2024-alpha-numeric-hcpcs-file.zip', 'April 2024 Alpha-Numeric HCPCS File', { id: '2024-01' }],
    ['2018-alpha-numeric-hcpcs-file.zip', 'October 2017 Alpha-Numeric HCPCS File', { id: '2018-01' }],
    ['hcpcs.zip', 'January 2023 Alpha-Numeric HCPCS File (v3)', { id: '2023-01', revision: 3 }],
    ['hcpcs.zip', 'Download', {}],
  ])('%s "%s"', (name, text, expected) => {
    expect(releaseFromLink(name, text)).toEqual(expected);
  });
});

describe('readReleases: files of the family under their other names', () => {
  it('an NNanweb.zip with an A-N TXT, HCPCREAD readme, procnotes and a layout file under other names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-family-'));
    const bytes = zipSync({
      'HCPC2009_A-N.txt': new TextEncoder().encode(
        fileText([procedureLine('A0021'), procedureLine('A0080')]),
      ),
      'HCPCREAD.TXT': new TextEncoder().encode('CENTERS FOR MEDICARE & MEDICAID SERVICES (CMS)\r\n'),
      'procnotes.txt': new TextEncoder().encode('0001--THIS PROCESSING NOTE DELETED 1/1/97.\r\n'),
      'HCPC_layout.txt': new TextEncoder().encode('HCPCS RECORD LAYOUT\r\nHCPC  1-5  code\r\n'),
    });
    writeFileSync(join(dir, '09anweb.zip'), bytes);
    const [release] = readReleases([join(dir, '09anweb.zip')]);
    expect(release?.id).toBe('2009-01');
    expect(release?.files.map((f) => `${f.role} ${f.name}`)).toEqual([
      'records-txt HCPC2009_A-N.txt',
      'readme HCPCREAD.TXT',
      'processing-notes procnotes.txt',
      'record-layout HCPC_layout.txt',
    ]);
    // A layout file in a form this program does not read: not compared, no moved field reported.
    expect(release?.layoutDifferences).toEqual([]);
    expect(release?.layoutNotCompared).toBe('no numbered field with its positions was found in it');
  });

  it("a zip re-issued as '-v2' around a file named as the first issue is revision 2", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-family-'));
    const bytes = zipSync({
      'HCPC2025_APR_ANWEB.txt': new TextEncoder().encode(fileText([procedureLine('A0021')])),
    });
    writeFileSync(join(dir, 'april-2025-alpha-numeric-hcpcs-file-v2.zip'), bytes);
    writeFileSync(join(dir, 'april-2025-alpha-numeric-hcpcs-file.zip'), bytes);
    expect(readReleases([dir]).map((r) => `${r.id}_v${r.revision}`)).toEqual(['2025-04_v2', '2025-04_v1']);
  });

  it('a zip with its files extracted beside it, imported as one folder: each file read once, from the zip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-family-'));
    const members = {
      'HCPC2025_APR_ANWEB.txt': new TextEncoder().encode(fileText([procedureLine('A0021')])),
      'proc_notes_APR2025.txt': new TextEncoder().encode('0001 A note.\r\n'),
    };
    writeFileSync(join(dir, 'april-2025-alpha-numeric-hcpcs-file.zip'), zipSync(members));
    for (const [name, bytes] of Object.entries(members)) writeFileSync(join(dir, name), bytes);
    const releases = readReleases([dir]);
    expect(
      releases.map((r) => [r.id, r.records.length, r.files.map((f) => f.path.slice(dir.length + 1))]),
    ).toEqual([
      [
        '2025-04',
        1,
        [
          'april-2025-alpha-numeric-hcpcs-file.zip!HCPC2025_APR_ANWEB.txt',
          'april-2025-alpha-numeric-hcpcs-file.zip!proc_notes_APR2025.txt',
        ],
      ],
    ]);
  });
});

describe('readReleases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-release-'));
  const lines = [
    procedureLine('A0021', { actionEffectiveDate: '20310401', addedDate: '20310401', actionCode: 'A' }),
    procedureLine('A0080'),
  ];

  it('takes the id from the content when no name gives one (the quarter of the latest action)', () => {
    mkdirSync(join(dir, 'undated'));
    writeFileSync(join(dir, 'undated', 'records.txt'), fileText(lines));
    const [release] = readReleases([join(dir, 'undated', 'records.txt')]);
    expect([release?.id, release?.revision, release?.records[0]?.release]).toEqual(['2031-04', 1, '2031-04']);
  });

  it('--release overrides names and content', () => {
    const [release] = readReleases([join(dir, 'undated', 'records.txt')], { release: '2031-07' });
    expect([release?.id, release?.records[0]?.release]).toEqual(['2031-07', '2031-07']);
  });

  it('reads a zip inside a zip and keeps the names of both for the id', () => {
    const inner = zipSync({ 'HCPC_ANWEB.txt': new TextEncoder().encode(fileText(lines)) });
    writeFileSync(join(dir, 'outer.zip'), zipSync({ 'july-2030-alpha-numeric-hcpcs-file.zip': inner }));
    const [release] = readReleases([join(dir, 'outer.zip')]);
    expect(release?.id).toBe('2030-07');
    expect(release?.sourceOfRecord).toBe(
      `${join(dir, 'outer.zip')}!july-2030-alpha-numeric-hcpcs-file.zip!HCPC_ANWEB.txt`,
    );
    expect(release?.files.map((f) => [f.role, f.sha256.length])).toEqual([['records-txt', 64]]);
  });

  it('a workbook beside the TXT that cannot be read: imported from the TXT, the reconciliation says why', () => {
    const text = new TextEncoder().encode(fileText(lines));
    const damaged = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(600, 'Q')]);
    writeFileSync(
      join(dir, 'april-2031-alpha-numeric-hcpcs-file.zip'),
      zipSync({ 'HCPC2031_APR_ANWEB.txt': text, 'HCPC2031_APR_ANWEB.xls': damaged }),
    );
    const [release] = readReleases([join(dir, 'april-2031-alpha-numeric-hcpcs-file.zip')]);
    mkdirSync(join(dir, 'txt-alone'));
    writeFileSync(join(dir, 'txt-alone', 'HCPC2031_APR_ANWEB.txt'), text);
    const [fromTxt] = readReleases([join(dir, 'txt-alone', 'HCPC2031_APR_ANWEB.txt')]);
    expect(release?.id).toBe('2031-04');
    expect(release?.records).toEqual(fromTxt?.records);
    expect(release?.records.length).toBeGreaterThan(0);
    expect(release?.reconciliation).toMatchObject({
      txtCount: fromTxt?.records.length,
      workbookCount: 0,
      disagreements: [],
      workbookNotRead: expect.stringMatching(
        /zip!HCPC2031_APR_ANWEB\.xls: no sheet has the Alpha-Numeric HCPCS header .* in its first 100 rows, nor begins with a record in layout order/,
      ),
    });
    expect(release?.files.map((f) => f.role)).toEqual(['records-txt', 'records-workbook']);
  });

  it('refuses a TXT that ends without a line end, also when the cut leaves only the start of a line', () => {
    const text = fileText(lines);
    for (const [cut, shown] of [
      [text.length - 12, "line 2 has 310 of the record's 320 characters"],
      // Eight characters: not record-shaped, so it was read as free text after the last record.
      [322 + 8, 'line 2 has 8 characters, "A0080001"'],
    ] as const) {
      mkdirSync(join(dir, `cut-${cut}`));
      const path = join(dir, `cut-${cut}`, 'HCPC2031_APR_ANWEB.txt');
      writeFileSync(path, text.slice(0, cut));
      expect(() => readReleases([path])).toThrow(`${path}:2: the file ends inside a`);
      expect(() => readReleases([path])).toThrow(shown);
      const [forced] = readReleases([path], { force: true });
      expect(forced?.forced?.[0]).toMatch(
        /:2: the file ends inside a .*: it is truncated, and the records after it are missing$/,
      );
    }
  });

  it('reads a TXT whose last record has its 320 columns and no line end, or ends with the DOS end-of-file mark', () => {
    const text = fileText(lines);
    for (const [name, variant] of [
      ['no-line-end', text.slice(0, -2)],
      ['ctrl-z', `${text}\x1a`],
      ['ctrl-z-no-line-end', `${text.slice(0, -2)}\x1a`],
      ['nuls-filling-a-block', `${text}${'\0'.repeat(512)}`],
    ] as const) {
      mkdirSync(join(dir, name));
      const path = join(dir, name, 'HCPC2031_APR_ANWEB.txt');
      writeFileSync(path, variant, 'latin1');
      const [release] = readReleases([path]);
      expect(release?.records.map((r) => [r.code, r.warnings.length])).toEqual([
        ['A0021', 0],
        ['A0080', 0],
      ]);
      expect(release?.forced).toBeUndefined();
    }
  });

  it('a TXT cut short whose missing part a download tool filled with NULs is still refused as cut', () => {
    mkdirSync(join(dir, 'preallocated'));
    const text = fileText(lines);
    const path = join(dir, 'preallocated', 'HCPC2031_APR_ANWEB.txt');
    writeFileSync(path, `${text.slice(0, 400)}${'\0'.repeat(text.length - 400)}`, 'latin1');
    expect(() => readReleases([path])).toThrow(
      `${path}:2: record is 78 characters long: a first line must reach column 293 (the action code) of the 320-character record (is the file truncated?)`,
    );
  });

  it('reads CR-only line ends as line ends', () => {
    mkdirSync(join(dir, 'cr'));
    writeFileSync(join(dir, 'cr', 'HCPC2031_APR_ANWEB.txt'), fileText(lines).replace(/\r\n/g, '\r'));
    const [release] = readReleases([join(dir, 'cr', 'HCPC2031_APR_ANWEB.txt')]);
    expect(release?.records.map((r) => r.code)).toEqual(['A0021', 'A0080']);
  });
});
