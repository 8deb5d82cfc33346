/**
 * A release CMS has not published yet, or one of 2003-2018 we do not hold, must import exactly as
 * the files we hold do. Each real fixed-width release (2013, 2019, 2020, 2026-01) is rewritten into
 * the shapes the family takes (file and zip names of every era, line ends, records padded or not,
 * TAB slips, disclaimers, encodings), imported with the project's reader, and compared field by
 * field with the import of the original file. CMS files are read from ../shared at test time; the
 * variants live in a temporary folder removed after the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ParsedRelease, readReleases, releaseFromName } from '../src/ingest/release.js';
import { DETAIL_FIELDS } from '../src/layout/index.js';
import { cms } from './support/cms.js';
import {
  expectSameRelease,
  fieldDifferences,
  useVariantDir,
  writeVariant,
  zipOf,
} from './support/release-variants.js';

const CMS_MORE = join(cms(), '../cms-more');
const dir = useVariantDir('txt');

interface Base {
  readonly label: string;
  readonly name: string;
  readonly id: string;
  readonly bytes: Uint8Array;
  original: ParsedRelease;
}

function member(zip: string, name: string): Uint8Array {
  const bytes = unzipSync(readFileSync(zip), { filter: (f) => f.name === name })[name];
  if (!bytes) throw new Error(`${name} not in ${zip}`);
  return bytes;
}

const zip2019 = cms('2019/2019-Alpha-Numeric-HCPCS-File.zip');
const BASES: Base[] = [
  { label: '2013', name: 'HCPC2013_A-N.txt', id: '2013-01', zip: join(CMS_MORE, '2013/13anweb.zip') },
  { label: '2019', name: 'HCPC2019_CONTR_ANWEB.txt', id: '2019-01', zip: zip2019 },
  {
    label: '2020',
    name: 'HCPC2020_ANWEB_w_disclaimer.txt',
    id: '2020-01',
    zip: cms('2020/2020-Alpha-Numeric-HCPCS-File.zip'),
  },
  {
    label: '2026-01',
    name: 'HCPC2026_JAN_ANWEB_01122026.txt',
    id: '2026-01',
    file: cms('2026-01/HCPC2026_JAN_ANWEB_01122026.txt'),
  },
].map((b) => ({
  label: b.label,
  name: b.name,
  id: b.id,
  bytes: 'zip' in b && b.zip ? member(b.zip, b.name) : readFileSync((b as { file: string }).file),
  original: undefined as unknown as ParsedRelease,
}));

beforeAll(() => {
  // The originals, imported once: each alone under its CMS name.
  for (const base of BASES) {
    const path = writeVariant(dir.path('original', base.label, base.name), base.bytes);
    base.original = readReleases([path])[0] as ParsedRelease;
  }
});

/** Bytes as one char per byte (windows-1252 bytes kept exactly), and back. */
const asBinary = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const fromBinary = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

const RECORD_LINE = /^[ A-Z0-9]{5}\d{5}[3478]/;

function rewriteLines(
  bytes: Uint8Array,
  eol: string,
  edit: (line: string, index: number) => string,
): Uint8Array {
  const lines = asBinary(bytes).split(/\r\n|\n|\r/);
  let recordIndex = -1;
  const out = lines.map((line) => (RECORD_LINE.test(line) ? edit(line, ++recordIndex) : line));
  return fromBinary(out.join(eol));
}

/** Runs of two or more blanks that end at an 8-column tab stop as TABs (what `unexpand -a` does). */
function unexpand(line: string): string {
  let out = '';
  let column = 0;
  let run = 0;
  for (const ch of line) {
    column++;
    if (ch === ' ') {
      run++;
      if (column % 8 === 0) {
        out += run >= 2 ? '\t' : ' '.repeat(run);
        run = 0;
      }
      continue;
    }
    out += ' '.repeat(run) + ch;
    run = 0;
  }
  return out + ' '.repeat(run);
}

/** A single blank between two words of the long description (columns 12-91) as a TAB. */
function tabForOneBlank(line: string): string {
  for (let i = 13; i < 90; i++) {
    if (line[i] === ' ' && line[i - 1] !== ' ' && line[i + 1] !== ' ')
      return `${line.slice(0, i)}\t${line.slice(i + 1)}`;
  }
  return line;
}

const DATE_FIELDS = DETAIL_FIELDS.filter((f) => f.type === 'date');

/** A first line's blank date fields written as zeros, the way a zero-filled NUM field reads. */
function zeroBlankDates(line: string): string {
  if (!/^.{10}[37]/.test(line)) return line;
  let out = line;
  for (const field of DATE_FIELDS) {
    const start = field.start - 1;
    out = out.padEnd(start + field.length);
    if (out.slice(start, start + field.length).trim() === '')
      out = `${out.slice(0, start)}${'0'.repeat(field.length)}${out.slice(start + field.length)}`;
  }
  return out;
}

const DISCLAIMER =
  'Note regarding coverage and payment indicators for codes in CMS\x92 HCPCS Update\r\n\r\n' +
  '\tIf specific Medicare coverage or payment indicators have not been established for a new code, ...\r\n\r\n';

interface TxtVariant {
  readonly what: string;
  readonly rewrite: (bytes: Uint8Array) => Uint8Array;
  /**
   * The lines the variant slips (a TAB, blanks) and the warning each such record gets: every slipped
   * line is read back to its columns, and its record says so, nothing else.
   */
  readonly slips?: { readonly lines: (bytes: Uint8Array) => number; readonly warning: RegExp };
}

/** How many record lines `edit` changes. */
function changedLines(bytes: Uint8Array, edit: (line: string, index: number) => string): number {
  let count = 0;
  rewriteLines(bytes, '\r\n', (l, i) => {
    if (edit(l, i) !== l) count++;
    return l;
  });
  return count;
}

/**
 * Whitespace slips with no TAB: on every 37th first line 2 blanks more where its long description
 * ends (column 92 on), on every 53rd 1 blank fewer in the blanks of its empty lab certification
 * columns (from column 185), when that line has them.
 */
function blankSlip(line: string, index: number): string {
  if (!/^.{10}[37]/.test(line)) return line;
  if (everyNth(index, 37)) return `${line.slice(0, 91)}  ${line.slice(91)}`;
  if (everyNth(index, 53, 7) && line.slice(184, 188) === '    ')
    return `${line.slice(0, 184)}${line.slice(185)}`;
  return line;
}

const everyNth = (index: number, n: number, offset = 0) => index % n === offset;

const TXT_VARIANTS: TxtVariant[] = [
  { what: 'LF line ends', rewrite: (b) => rewriteLines(b, '\n', (l) => l) },
  { what: 'CR line ends (an old Mac conversion)', rewrite: (b) => rewriteLines(b, '\r', (l) => l) },
  {
    what: 'records ending after their last field, not padded to 320 columns',
    rewrite: (b) => rewriteLines(b, '\r\n', (l) => l.trimEnd()),
  },
  {
    what: 'every record line padded to 320 columns',
    rewrite: (b) => rewriteLines(b, '\r\n', (l) => l.padEnd(320)),
  },
  {
    what: 'TAB slips: blanks to tab stops as TABs on every 41st line, one blank as a TAB on others',
    rewrite: (b) =>
      rewriteLines(b, '\r\n', (l, i) =>
        everyNth(i, 41) ? unexpand(l) : everyNth(i, 41, 20) ? tabForOneBlank(l) : l,
      ),
    slips: {
      // A line whose TABs all stand after its last character shifts nothing and is no slip.
      lines: (b) =>
        changedLines(b, (l, i) => {
          const tabbed = everyNth(i, 41) ? unexpand(l) : everyNth(i, 41, 20) ? tabForOneBlank(l) : l;
          return /\t.*\S/.test(tabbed) ? tabbed : l;
        }),
      warning: /a TAB at column/,
    },
  },
  {
    what: "every line trimmed at its start (the modifiers' leading blanks gone)",
    rewrite: (b) => rewriteLines(b, '\r\n', (l) => l.trimStart()),
    slips: {
      lines: (b) => changedLines(b, (l) => l.trimStart()),
      warning: /stand off their columns; read with 3 blank\(s\) missing at its start/,
    },
  },
  {
    what: 'blank slips with no TAB: 2 blanks more on every 37th first line, 1 fewer on every 53rd',
    rewrite: (b) => rewriteLines(b, '\r\n', blankSlip),
    slips: { lines: (b) => changedLines(b, blankSlip), warning: /a whitespace slip/ },
  },
  {
    what: 'a disclaimer after the last record',
    rewrite: (b) => fromBinary(`${asBinary(b).replace(/[\r\n]+$/, '')}\r\n\r\n${DISCLAIMER}`),
  },
  {
    what: 'another disclaimer (TABs, windows-1252 quote) in place of the text before the first record',
    rewrite: (b) => {
      const text = asBinary(b);
      const first = text.search(/^[ A-Z0-9]{5}\d{5}[37]/m);
      return fromBinary(DISCLAIMER + text.slice(first));
    },
  },
  {
    what: 'UTF-8 with a byte-order mark instead of windows-1252',
    rewrite: (b) =>
      new Uint8Array(
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(new TextDecoder('windows-1252').decode(b), 'utf8'),
        ]),
      ),
  },
  {
    what: 'UTF-16 with its byte-order mark (a Notepad "Unicode" save)',
    rewrite: (b) =>
      new Uint8Array(
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(new TextDecoder('windows-1252').decode(b), 'utf16le'),
        ]),
      ),
  },
  {
    what: 'blank dates written as 00000000',
    rewrite: (b) => rewriteLines(b, '\r\n', zeroBlankDates),
  },
  {
    what: 'blank lines after the last record',
    rewrite: (b) => fromBinary(`${asBinary(b)}\r\n   \r\n\r\n`),
  },
  {
    what: 'the DOS end-of-file mark (Ctrl-Z) after the last line',
    rewrite: (b) => fromBinary(`${asBinary(b)}\x1a`),
  },
  {
    what: 'NULs after the last line (a block filled out)',
    rewrite: (b) => fromBinary(`${asBinary(b)}${'\0'.repeat(512)}`),
  },
  {
    what: 'NULs where blanks end each record line',
    rewrite: (b) => rewriteLines(b, '\r\n', (l) => l.replace(/ +$/, (blanks) => '\0'.repeat(blanks.length))),
  },
  {
    what: 'no line end after the last record',
    rewrite: (b) => fromBinary(asBinary(b).replace(/[\r\n]+$/, '')),
  },
  {
    what: 'a form feed starting every 60th record line (the page breaks of a file made for printing)',
    rewrite: (b) => rewriteLines(b, '\r\n', (l, i) => (everyNth(i, 60) ? `\f${l}` : l)),
  },
  {
    what: 'the blanks ending each record line written as a TAB',
    rewrite: (b) => rewriteLines(b, '\r\n', (l) => l.replace(/ +$/, '\t')),
  },
];

describe.each(BASES.map((b) => [b.label, b] as const))(
  'the %s fixed-width file rewritten',
  (_label, base) => {
    it.each(TXT_VARIANTS.map((v) => [v.what, v] as const))(
      '%s: every field of every record reads the same',
      (what, variant) => {
        const path = writeVariant(
          dir.path(base.label, what.replace(/\W+/g, '-'), base.name),
          variant.rewrite(base.bytes),
        );
        const slipped = variant.slips?.lines(base.bytes);
        const release = expectSameRelease(path, base.original, {
          id: base.id,
          ...(slipped ? { leaveOut: ['warnings'] } : {}),
        });
        if (variant.slips && slipped !== undefined) {
          // Each slipped line is read back to its columns and its record says so, nothing else.
          const { warning } = variant.slips;
          const said = release.records.flatMap((r) => r.warnings.filter((w) => warning.test(w.problem)));
          expect(slipped).toBeGreaterThan(100);
          expect(said).toHaveLength(slipped);
          const other = release.records.flatMap((r) => r.warnings.filter((w) => !warning.test(w.problem)));
          expect(other).toEqual(base.original.records.flatMap((r) => r.warnings));
        }
      },
    );
  },
);

/**
 * File and zip names CMS used (sources: the sample files; 12anweb.zip/13anweb.zip/14anweb.zip with
 * HCPC2013_A-N.txt and HCPC2014_ANWEB.txt in scripts that download them; HCPC2012_CONTR.txt in the
 * NLM UMLS 2012AA HCPCS source notes; YYYY-Annual-Alpha-Numeric-HCPCS-File.zip holding
 * HCPCYYYY_CONTR_ANWEB_v2.txt and Mon-YYYY-Alpha-Numeric-HCPCS-File.zip in OHDSI's load notes;
 * HCPC17_CONTR_ANWEB.xlsx, HCPC2018_CONTR_ANWEB_disc.xlsx, HCPC2020_APRIL_ANWEB_w_disclaimer_v5.xlsx,
 * HCPC2021_APR_CONTR_ANWEB.xlsx, HCPC2024_JAN_ANWEB_v4.xlsx in analysts' scripts; month-named zips
 * from 2021 on, some plural "-files"; `_v2` ... `_v5` revisions), each holding the 2019 TXT.
 */
describe('the 2019 release under the file and zip names of every era', () => {
  const base = () => BASES[1] as Base;
  const names: [string, Record<string, unknown> | string, string, number?][] = [
    ['19anweb.zip', { 'HCPC2019_A-N.txt': 'txt' }, '2019-01'],
    ['03anweb.zip', { 'HCPC2003_A-N.txt': 'txt' }, '2003-01'],
    // The 2013 README, carried over from older years: "13ANWEB.XLS and 13ANWEB.TXT", "HCPCREAD.TXT".
    ['05anweb.zip', { '05ANWEB.TXT': 'txt', 'HCPCREAD.TXT': 'readme' }, '2005-01'],
    // "provided in a self-extracting, compressed file": an executable with the zip after it.
    ['04ANWEB.EXE', { '04ANWEB.TXT': 'txt', 'HCPCREAD.TXT': 'readme' }, '2004-01'],
    ['14anweb.zip', { 'HCPC2014_ANWEB.txt': 'txt' }, '2014-01'],
    ['13ANWEB.ZIP', { 'HCPC2013_A-N.TXT': 'txt' }, '2013-01'],
    ['HCPC2012_CONTR.txt', 'txt', '2012-01'],
    ['HCPC2019_CONTR_ANWEB.txt', 'txt', '2019-01'],
    ['hcpc2019_contr_anweb.txt', 'txt', '2019-01'],
    ['HCPC2019_A-N.zip', { 'HCPC2019_A-N.txt': 'txt' }, '2019-01'],
    ['2016-Annual-Alpha-Numeric-HCPCS-File.zip', { 'HCPC2016_CONTR_ANWEB_v2.txt': 'txt' }, '2016-01', 2],
    ['HCPC2020_ANWEB_w_disclaimer.txt', 'txt', '2020-01'],
    ['january-2021-alpha-numeric-hcpcs-file.zip', { 'HCPC2021_JAN_ANWEB.txt': 'txt' }, '2021-01'],
    ['april-2024-alpha-numeric-hcpcs-files.zip', { 'HCPC2024_APR_ANWEB_v2.txt': 'txt' }, '2024-04', 2],
    ['october-2025-alpha-numeric-hcpcs-file-v4.zip', { 'HCPC2025_OCT_ANWEB.txt': 'txt' }, '2025-10', 4],
    ['JULY-2022-ALPHA-NUMERIC-HCPCS-FILE.ZIP', { 'HCPC2022_JUL_ANWEB_V3.TXT': 'txt' }, '2022-07', 3],
    ['HCPC2026_JAN_ANWEB_01122026.txt', 'txt', '2026-01'],
    ['HCPC17_CONTR_ANWEB.txt', 'txt', '2017-01'],
    ['HCPC2018_CONTR_ANWEB_disc.txt', 'txt', '2018-01'],
    ['HCPC2020_APRIL_ANWEB_w_disclaimer_v5.txt', 'txt', '2020-04', 5],
    ['Oct-2019-Alpha-Numeric-HCPCS-File.zip', { 'HCPC2019_OCT_CONTR_ANWEB.txt': 'txt' }, '2019-10'],
    ['HCPC2021_APR_CONTR_ANWEB.txt', 'txt', '2021-04'],
    [
      '2019-Alpha-Numeric-HCPCS-File.zip',
      { '19anweb.zip': { 'HCPC2019_A-N.txt': 'txt', 'HCPCREAD_19.txt': 'readme' } },
      '2019-01',
    ],
    ['2019-Alpha-Numeric-HCPCS-File.zip', { 'HCPC2019/HCPC2019_CONTR_ANWEB.txt': 'txt' }, '2019-01'],
    ['a-file-with-no-date.zip', { 'hcpcs.txt': 'txt' }, '2019-01'],
  ];
  const readme = () => member(zip2019, 'HCPC2019_README.txt');
  const build = (spec: Record<string, unknown>): Record<string, Uint8Array> =>
    Object.fromEntries(
      Object.entries(spec).map(([name, what]) => [
        name,
        typeof what === 'object'
          ? zipOf(build(what as Record<string, unknown>))
          : what === 'txt'
            ? base().bytes
            : readme(),
      ]),
    );
  it.each(names)('%s %j: release %s, revision %s', (name, spec, id, revision) => {
    const zip = typeof spec === 'string' ? base().bytes : zipOf(build(spec));
    // A self-extracting archive: a DOS/Windows executable stub ("MZ"), the zip after it with the
    // offsets of the zip alone.
    const bytes = /\.exe$/i.test(name) ? Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4094), zip]) : zip;
    const path = writeVariant(
      dir.path('names', String(names.findIndex((n) => n[0] === name && n[1] === spec)), name),
      bytes,
    );
    expectSameRelease(path, base().original, { id, ...(revision ? { revision } : {}) });
  });

  it('readme, processing notes and record layout files under the names of other years get their roles', () => {
    const notes = member(zip2019, 'proc_notes_2019.txt');
    const layout = member(cms('2019/2019-HCPCS-Record-Layout.zip'), 'HCPCS2019_recordlayout.txt');
    const path = writeVariant(
      dir.path('aux', '12anweb.zip'),
      zipOf({
        'HCPC2012_CONTR.txt': base().bytes,
        'HCPCREAD.TXT': readme(),
        'proc_notes2012.txt': notes,
        'HCPC2012_recordlayout.txt': layout,
        'HCPC2012_TRANS_ALL.txt': new TextEncoder().encode('HCPCS TRANSACTION REPORT\r\n'),
      }),
    );
    const [release] = readReleases([path]);
    expect(release?.files.map((f) => `${f.role} ${f.name}`)).toEqual([
      'records-txt HCPC2012_CONTR.txt',
      'readme HCPCREAD.TXT',
      'processing-notes proc_notes2012.txt',
      'record-layout HCPC2012_recordlayout.txt',
      'transaction-report HCPC2012_TRANS_ALL.txt',
    ]);
    expect(release?.processingNotes.size).toBe(
      base().original.processingNotes.size || release?.processingNotes.size,
    );
    expect(release?.processingNotes.size).toBeGreaterThan(100);
    expect(release?.layoutDifferences).toEqual([]);
    expect(release?.layoutNotCompared).toBeUndefined();
    expect(fieldDifferences(base().original.records, release?.records ?? [])).toEqual([]);
  });

  it.each([
    ['HCPC2025_OCT_ANWEB_v4.xlsx', { id: '2025-10', revision: 4 }],
    ['HCPC2024_JAN_ANWEB_v4.xlsx', { id: '2024-01', revision: 4 }],
    ['HCPC17_CONTR_ANWEB.xlsx', { id: '2017-01' }],
    ['08ANWEB.XLS', { id: '2008-01' }],
    ['october-2025-alpha-numeric-hcpcs-file-v4.zip', { id: '2025-10', revision: 4 }],
    ['HCPC2023_JAN_ANWEB_V3.txt', { id: '2023-01', revision: 3 }],
    ['2023 Alpha Numeric HCPCS File v2.zip', { id: '2023-01', revision: 2 }],
    ['13anweb.zip', { id: '2013-01' }],
    ['HCPC2026_JAN_ANWEB_01122026.txt', { id: '2026-01' }],
    ['HCPC2019_ANWEB_11022018.txt', { id: '2019-01' }],
    ['2020-04', { id: '2020-04' }],
    ['HCPCS-Alpha-Numeric-Index.pdf', {}],
  ])('releaseFromName(%s) is %j', (name, expected) => {
    expect(releaseFromName(name)).toEqual(expected);
  });
});
