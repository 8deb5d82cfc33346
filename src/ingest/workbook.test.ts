import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { procedureLine, workbookBytes, workbookRow } from '../../test/support/fixtures.js';
import { inTimeZone, ZONES_AROUND_THE_WORLD } from '../../test/support/time-zone.js';
import { HEADINGS_2013 } from '../../test/support/workbook-variants.js';
import { readFixedWidth } from './fixed-width.js';
import { finishRecord } from './record-builder.js';
import { readWorkbook } from './workbook.js';

const hemin = {
  HCPC: 'J1640',
  SEQNUM: '0010',
  RECID: '3',
  'LONG DESCRIPTION': 'Injection, hemin,',
  'SHORT DESCRIPTION': 'Hemin, 1 mg',
  PRICE1: 51,
  MULT_PI: 'A',
  MCM1: '2049',
  LABCERT1: 10,
  COV: 'D',
  ASC_GRP: 'YY',
  ASC_DT: 20080101,
  OPPS_DT: new Date(2008, 0, 1),
  PROCNOTE: 95,
  BETOS: 'O1E',
  TOS1: 1,
  TOS2: 'P',
  ANEST_BU: '  0',
  'ADD DT': '20060101',
  'ACT EFF DT': 20060101,
  'ACTION CD': 'N',
};

/** The spreadsheet library's compound-file (OLE2) writer, which its types leave out. */
interface CompoundFiles {
  readonly utils: {
    cfb_new(): object;
    cfb_add(container: object, name: string, bytes: Uint8Array): void;
  };
  write(container: object, options: { type: 'buffer' }): Uint8Array;
}

describe('readWorkbook', () => {
  for (const bookType of ['xlsx', 'biff8'] as const) {
    it(`${bookType}: finds the header under a disclaimer, reads number cells as the TXT's text, joins split descriptions`, () => {
      const bytes = workbookBytes(
        [
          workbookRow({
            HCPC: '   LT',
            SEQNUM: '0010',
            RECID: '7',
            'LONG DESCRIPTION': 'Left side',
            'ACTION CD': 'N',
          }),
          workbookRow(hemin),
          workbookRow({ HCPC: 'J1640', SEQNUM: '0020', RECID: '4', 'LONG DESCRIPTION': '1 mg' }),
          [],
        ],
        {
          sheet: 'HCPC2099_JAN_ANWEB',
          preamble: ['***Disclaimers', '', 'Brand names appear for indexing only.'],
          bookType,
        },
      );
      const parsed = readWorkbook(bytes, 'fixture.xlsx');
      expect(parsed.sheet).toBe('HCPC2099_JAN_ANWEB');
      expect(parsed.headerRow).toBe(4);
      expect(parsed.preamble).toBe('***Disclaimers\nBrand names appear for indexing only.');
      const [modifier, record] = parsed.drafts.map((d) => finishRecord(d, '2099-01'));
      expect(modifier?.code).toBe('LT');
      expect(modifier?.kind).toBe('modifier');
      expect(record).toMatchObject({
        code: 'J1640',
        longDescription: 'Injection, hemin, 1 mg',
        pricingIndicators: ['51'],
        labCertifications: ['010'],
        processingNote: '0095',
        ascEffectiveDate: '2008-01-01',
        mogEffectiveDate: '2008-01-01',
        actionEffectiveDate: '2006-01-01',
        typesOfService: ['1', 'P'],
        anesthesiaBaseUnits: 0,
        warnings: [],
      });
    });
  }

  it('reads the records of every sheet with the header, in workbook order (procedures on one, modifiers on another)', () => {
    const sheetOf = (rows: (string | number | Date | null)[][]) =>
      XLSX.read(workbookBytes(rows), { type: 'buffer' }).Sheets.A as XLSX.WorkSheet;
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([['Disclaimer: CPT codes and descriptions ...']]),
      'Read me',
    );
    XLSX.utils.book_append_sheet(book, sheetOf([workbookRow(hemin)]), 'Procedures');
    XLSX.utils.book_append_sheet(
      book,
      sheetOf([
        workbookRow({
          ...hemin,
          HCPC: '   A1',
          SEQNUM: '0010',
          RECID: '7',
          'LONG DESCRIPTION': 'Dressing for one wound',
        }),
      ]),
      'Modifiers',
    );
    const read = readWorkbook(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'split.xlsx');
    expect([read.sheet, read.drafts.map((d) => d.code)]).toEqual(['Procedures, Modifiers', ['J1640', 'A1']]);
    // A code defined again, differently, on another sheet: the error names both sheets.
    const twice = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(twice, sheetOf([workbookRow(hemin)]), 'One');
    XLSX.utils.book_append_sheet(
      twice,
      sheetOf([workbookRow({ ...hemin, 'SHORT DESCRIPTION': 'Other' })]),
      'Two',
    );
    expect(() =>
      readWorkbook(XLSX.write(twice, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'twice.xlsx'),
    ).toThrow(
      'twice.xlsx [sheet Two] row 2: duplicate procedure code J1640: already defined at [sheet One] row 2',
    );
  });

  it('keeps a note below the last record as text; refuses it when records follow, and a record that lost its code', () => {
    const note = ['CPT only copyright 2019 American Medical Association. All rights reserved.'];
    const read = readWorkbook(workbookBytes([workbookRow(hemin), [], note]), 'footer.xlsx');
    expect([read.drafts.map((d) => d.code), read.trailer]).toEqual([['J1640'], note[0]]);
    expect(() =>
      readWorkbook(
        workbookBytes([workbookRow(hemin), note, workbookRow({ ...hemin, HCPC: 'J1641' })]),
        'mid.xlsx',
      ),
    ).toThrow(
      `mid.xlsx [sheet A] row 3: column HCPC holds "${note[0]}", not a HCPCS code, and records follow it`,
    );
    // The last record with its code and record id blank still holds its other fields: refused.
    expect(() =>
      readWorkbook(
        workbookBytes([workbookRow(hemin), workbookRow({ ...hemin, HCPC: '', RECID: '' })]),
        'lost.xlsx',
      ),
    ).toThrow('lost.xlsx [sheet A] row 3: column HCPC holds "", not a HCPCS code');
  });

  it('names sheet and row for a continuation without its first line, an unknown record id, a duplicate', () => {
    const cont = workbookBytes([
      workbookRow({ HCPC: 'J1640', SEQNUM: '0020', RECID: '4', 'LONG DESCRIPTION': 'x' }),
    ]);
    expect(() => readWorkbook(cont, 'a.xlsx')).toThrow(
      'a.xlsx [sheet A] row 2: continuation line of procedure J1640 without its first line (record identification code 3 for J1640 must come before it)',
    );
    const rid = workbookBytes([workbookRow({ ...hemin, RECID: '9' })]);
    expect(() => readWorkbook(rid, 'b.xlsx')).toThrow(
      'b.xlsx [sheet A] row 2: unknown record identification code "9" in column RECID (the layout defines 3, 4, 7 and 8)',
    );
    const dup = workbookBytes([workbookRow(hemin), workbookRow({ ...hemin, 'SHORT DESCRIPTION': 'Other' })]);
    expect(() => readWorkbook(dup, 'c.xlsx')).toThrow(
      'c.xlsx [sheet A] row 3: duplicate procedure code J1640: already defined at row 2',
    );
    // The same row twice loses nothing read once: kept once, and the record says so.
    const repeated = readWorkbook(workbookBytes([workbookRow(hemin), workbookRow(hemin)]), 'd.xlsx');
    expect(repeated.drafts.map((d) => d.code)).toEqual(['J1640']);
    expect(repeated.drafts[0]?.lineWarnings).toEqual([
      {
        field: 'line',
        value: 'J1640',
        problem: 'row 3: the same record again as row 2 (the same code, description and fields): read once',
      },
    ]);
  });

  it('refuses a workbook without the ANWEB header, a header missing columns, and bytes that are no workbook', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'Age'],
        ['Alice', 30],
      ]),
      'People',
    );
    const people = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(() => readWorkbook(people, 'people.xlsx')).toThrow(
      'people.xlsx: no sheet has the Alpha-Numeric HCPCS header (columns HCPC, SEQNUM, RECID, LONG DESCRIPTION) in its first 100 rows',
    );
    const partial = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      partial,
      XLSX.utils.aoa_to_sheet([['HCPC', 'SEQNUM', 'RECID', 'LONG DESCRIPTION']]),
      'A',
    );
    expect(() =>
      readWorkbook(XLSX.write(partial, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'p.xlsx'),
    ).toThrow(
      /^p\.xlsx \[sheet A\] row 1: the header row lacks the columns SHORT DESCRIPTION, PRICE1, PRICE2/,
    );
    expect(() => readWorkbook(Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.xlsx')).toThrow(
      'broken.xlsx: not a readable XLSX workbook (an XLSX file is a zip): its end-of-central-directory record is missing (the file is truncated)',
    );
  });

  it('says in plain words what is wrong with bytes that are no workbook or a damaged XLS', () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(4000, 'Q'),
    ]);
    expect(() => readWorkbook(ole, 'damaged.xls')).toThrow(
      'damaged.xls: the XLS workbook is damaged: its OLE2 compound-file structure cannot be read (spreadsheet library: Major Version: Expected 3 or 4 saw 20817)',
    );
    expect(() => readWorkbook(Buffer.from('HCPC,SEQNUM\n'), 'text.xls')).toThrow(
      'text.xls: not a workbook: an XLSX file begins with the zip signature "PK" and an XLS file with the OLE2 signature D0 CF 11 E0, this one begins with "HCPC"',
    );
    expect(() => readWorkbook(Buffer.alloc(0), 'empty.xlsx')).toThrow(
      'empty.xlsx: the file is empty (0 bytes), not a workbook',
    );
    // A workbook saved with a password: an OLE2 file holding the encrypted package (MS-OFFCRYPTO).
    const { CFB } = XLSX as unknown as { CFB: CompoundFiles };
    const encrypted = CFB.utils.cfb_new();
    CFB.utils.cfb_add(encrypted, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, 1, 1, 1, 1]));
    CFB.utils.cfb_add(encrypted, '/EncryptedPackage', new Uint8Array(1000).fill(7));
    expect(() => readWorkbook(Buffer.from(CFB.write(encrypted, { type: 'buffer' })), 'locked.xlsx')).toThrow(
      "locked.xlsx: the workbook is password-protected (encrypted), so it cannot be read: open it in Excel and save it without a password, or import the release's TXT",
    );
  });
});

describe('readWorkbook: older workbooks of the family', () => {
  const layoutHeader = workbookRow({}).map((_, i, row) => row[i]);
  const book = (aoa: unknown[][], bookType: 'xlsx' | 'biff8' = 'xlsx') => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'HCPC2013_CONTR2_CF');
    return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
  };
  const row = workbookRow(hemin);

  it('no header row: the columns are read in layout order from the first record', () => {
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const parsed = readWorkbook(book([row], bookType), 'HCPC2013_A-N.xlsx');
      expect(parsed.headerRow).toBe(0);
      const record = finishRecord(parsed.drafts[0] as never, '2013-01');
      expect([record.code, record.longDescription, record.coverage, record.addedDate]).toEqual([
        'J1640',
        'Injection, hemin,',
        'D',
        '2006-01-01',
      ]);
      expect(layoutHeader).toHaveLength(48);
    }
  });

  it('the 2013 headings (SEQ NUM, RIC, PI1, X-REF1, CODE ADD DATE ...) on row 3 map to the layout', () => {
    // Columns in another order than the layout's: read by their names, not by position.
    const swap = (r: unknown[]) => [r[0], r[2], r[1], ...r.slice(3)];
    const parsed = readWorkbook(book([['Disclaimer'], [], swap([...HEADINGS_2013]), swap(row)]), 'x.xlsx');
    expect(parsed.headerRow).toBe(3);
    const record = finishRecord(parsed.drafts[0] as never, '2013-01');
    expect([record.code, record.pricingIndicators, record.processingNote, record.actionCode]).toEqual([
      'J1640',
      ['51'],
      '0095',
      'N',
    ]);
  });

  describe('no header row and an empty column more than the layout has', () => {
    const at = (heading: string) => HEADINGS_2013.indexOf(heading);
    /** The row with an empty cell put before each of the columns `before` (2013 headings). */
    const widened = (r: readonly unknown[], before: readonly string[]) =>
      r.flatMap((v, i) => (before.map(at).includes(i) ? [null, v] : [v]));
    // A record with every field filled (each occurrence of the repeated ones): no column is empty.
    const full = workbookRow({
      ...hemin,
      HCPC: 'J1642',
      PRICE2: 52,
      PRICE3: 57,
      PRICE4: 11,
      CIM1: '60-9',
      CIM2: '35-27',
      CIM3: '45-16',
      MCM2: '2130',
      MCM3: '4450',
      STATUTE: '1861S2B',
      ...Object.fromEntries(
        ['100', '110', '115', '120', '130', '140', '150'].map((c, i) => [`LABCERT${i + 2}`, c]),
      ),
      ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`XREF${n}`, `J${1650 + n}`])),
      OPPS: '102',
      OPPS_PI: '1',
      TOS3: '9',
      TOS4: '2',
      TOS5: '4',
      ANEST_BU: 5,
      'TERM DT': 20201231,
    });
    const terminated = workbookRow({ ...hemin, HCPC: 'J1641', 'TERM DT': 20201231, 'ACTION CD': 'D' });
    const read = (rows: unknown[][]) =>
      readWorkbook(book(rows), 'HCPC2013_A-N.xlsx').drafts.map((d) => finishRecord(d, '2013-01'));

    it('is passed over wherever it stands: every field of every record reads as without it', () => {
      const expected = read([row, full, terminated]);
      expect(expected.map((r) => r.warnings)).toEqual([[], [], []]);
      expect(expected[1]).toMatchObject({
        pricingIndicators: ['51', '52', '57', '11'],
        typesOfService: ['1', 'P', '9', '2', '4'],
      });
      const places = [
        ['SEQ NUM'],
        ['SHORT DESCRIPTION'],
        ['PI3'],
        ['TOS2'],
        ['COVERAGE', 'BETOS'],
        ['ACTION CODE'],
      ];
      for (const before of places) {
        expect(
          read([widened(row, before), widened(full, before), widened(terminated, before)]),
          before.join(),
        ).toEqual(expected);
      }
    });

    it('a note far right of the records (more than 8 columns past the layout): read in layout order, as before', () => {
      const noted = [...row, ...new Array(30).fill(null), 'checked 2013-01-02'];
      expect(read([noted, full, terminated])).toEqual(read([row, full, terminated]));
    });

    it('two matches that fit the values equally well and read them differently: refused, naming the candidates', () => {
      // Only sparse records: the empty column before COV could as well be one of the empty CIM,
      // LABCERT or XREF columns, and the columns between read as other fields either way.
      expect(() => read([widened(row, ['COVERAGE']), widened(terminated, ['COVERAGE'])])).toThrow(
        /^HCPC2013_A-N\.xlsx \[sheet HCPC2013_CONTR2_CF\]: the sheet has no header row and more columns than the layout's 48, and which of its empty columns \(G, H, I, K, L, M, .*AE.*\) are not the layout's cannot be told: two ways of passing them over fit the values equally well and read them differently$/,
      );
    });
  });

  describe('headings this program does not know: placed by the layout order where that is certain', () => {
    const rename = (renames: Record<string, string>) => HEADINGS_2013.map((h) => renames[h] ?? h);
    const terminated = workbookRow({ ...hemin, HCPC: 'J1641', BETOS: '', 'TERM DT': 20201231 });
    const records = (bytes: Buffer) =>
      readWorkbook(bytes, 'renamed.xlsx').drafts.map((d) => finishRecord(d, '2013-01'));

    it('one between two found, two side by side, one after the last: read, and each record with a value there says so', () => {
      const header = rename({
        BETOS: 'BERENSON-EGGERS TOS',
        'CODE ADD DATE': 'DATE ADDED',
        'ACTION EFF DATE': 'DATE OF ACTION',
        'ACTION CODE': 'ACTN',
      });
      const [hemin1, hemin2] = records(book([['Disclaimer'], header, row, terminated]));
      expect([hemin1?.betos, hemin1?.addedDate, hemin1?.actionEffectiveDate, hemin1?.actionCode]).toEqual([
        'O1E',
        '2006-01-01',
        '2006-01-01',
        'N',
      ]);
      expect([hemin2?.betos, hemin2?.terminationDate]).toEqual([null, '2020-12-31']);
      const said = (
        field: string,
        value: string,
        column: string,
        as: string,
        where: string,
        heading: string,
      ) => ({
        field,
        value,
        problem: `read from column ${column} as ${as} by its place in the layout order (${where}): its heading "${heading}" is not a name this program knows`,
      });
      const dates = [
        said('addedDate', '20060101', 'AS', 'ADD DT', 'between ANEST_BU and TERM DT', 'DATE ADDED'),
        said(
          'actionEffectiveDate',
          '20060101',
          'AT',
          'ACT EFF DT',
          'between ANEST_BU and TERM DT',
          'DATE OF ACTION',
        ),
        said('actionCode', 'N', 'AV', 'ACTION CD', 'after TERM DT', 'ACTN'),
      ];
      expect(hemin1?.warnings).toEqual([
        said('betos', 'O1E', 'AL', 'BETOS', 'between PROCNOTE and TOS1', 'BERENSON-EGGERS TOS'),
        ...dates,
      ]);
      // No BETOS in the second record: nothing read from that column, nothing said of it.
      expect(hemin2?.warnings).toEqual(dates);
    });

    it('a column more or less than the layout puts there, a name of another layout column, or no heading after the last: refused as before', () => {
      const refused = (header: unknown[], rows: unknown[][] = [row]) =>
        expect(() => readWorkbook(book([header, ...rows]), 'renamed.xlsx')).toThrow(
          /^renamed\.xlsx \[sheet HCPC2013_CONTR2_CF\] row 1: the header row lacks the columns BETOS$/,
        );
      const at = HEADINGS_2013.indexOf('BETOS');
      const withExtra = (r: readonly unknown[]) => [...r.slice(0, at), 'extra', ...r.slice(at)];
      refused(withExtra(rename({ BETOS: 'BERENSON-EGGERS TOS' })), [withExtra(row)]);
      refused(
        HEADINGS_2013.filter((h) => h !== 'BETOS'),
        [row.filter((_, i) => i !== at)],
      );
      // Headed with another layout column's name (a second PROC NOTE): not taken for BETOS.
      refused(rename({ BETOS: 'PROC NOTE' }));
      expect(() => readWorkbook(book([rename({ 'ACTION CODE': '' }), row]), 'renamed.xlsx')).toThrow(
        /the header row lacks the columns ACTION CD$/,
      );
    });
  });

  it('neither a header nor a record in layout order: the error says what was looked for', () => {
    expect(() => readWorkbook(book([['Some other sheet', 1, 2]]), 'other.xlsx')).toThrow(
      'nor begins with a record in layout order',
    );
  });
});

describe('dates in every form CMS wrote them read the same (record layout EDIT RULES: YYYYMMDD)', () => {
  // 2020-01-01 and "no date" as a fixed-width file and as workbook cells hold them.
  const firstOfJanuary2020: [string, string | number | Date][] = [
    ['YYYYMMDD text', '20200101'],
    ['YYYYMMDD number', 20200101],
    ['a date cell', new Date(2020, 0, 1)],
    ['an Excel serial in a cell without a date format', 43831],
    ['text as Excel shows a date', '1/1/2020'],
    ['ISO text', '2020-01-01'],
  ];
  const noDate: [string, string | number | null][] = [
    ['an empty cell', null],
    ['blanks', '        '],
    ['zeros (a zero-filled NUM field)', '00000000'],
    ['the number 0', 0],
  ];

  it('the fixed-width file: 20200101 and blank or 00000000', () => {
    const line = (added: string) => procedureLine('J1640', { addedDate: added, terminationDate: '' });
    const parsed = readFixedWidth(
      `${line('20200101')}\r\n${line('00000000').replace('J1640', 'J1641')}\r\n`,
      'x.txt',
    );
    const [dated, zeros] = parsed.drafts.map((d) => finishRecord(d, '2020-01'));
    expect([dated?.addedDate, dated?.terminationDate, zeros?.addedDate, zeros?.warnings]).toEqual([
      '2020-01-01',
      null,
      null,
      [],
    ]);
  });

  it('a date cell and a serial read as the same day in every time zone, and in a workbook of the 1904 date system', () => {
    // 2020-01-01 is serial 43831 in the 1900 date system and 42369 in the 1904 one (Excel for Mac
    // before 2011): a date-formatted cell of each, and a serial without a date format.
    const book = (date1904: boolean) => {
      const serial = date1904 ? 42369 : 43831;
      const out = XLSX.read(workbookBytes([workbookRow({ ...hemin, 'TERM DT': 0 })]), { type: 'buffer' });
      const sheet = out.Sheets.A as XLSX.WorkSheet;
      const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0] ?? [];
      sheet[XLSX.utils.encode_cell({ r: 1, c: header.indexOf('ADD DT') })] = {
        t: 'n',
        v: serial,
        z: 'm/d/yyyy',
      };
      sheet[XLSX.utils.encode_cell({ r: 1, c: header.indexOf('TERM DT') })] = { t: 'n', v: serial };
      if (date1904) out.Workbook = { WBProps: { date1904: true } };
      return XLSX.write(out, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    };
    for (const tz of ZONES_AROUND_THE_WORLD) {
      for (const date1904 of [false, true]) {
        const [record] = inTimeZone(tz, () =>
          readWorkbook(book(date1904), 'dates.xlsx').drafts.map((d) => finishRecord(d, '2020-01')),
        );
        expect([tz, date1904, record?.addedDate, record?.terminationDate]).toEqual([
          tz,
          date1904,
          '2020-01-01',
          '2020-01-01',
        ]);
      }
    }
  });

  it('a number in a date column that is neither YYYYMMDD nor a serial of 1900-2099: kept as read, warned', () => {
    const rows = [workbookRow({ ...hemin, 'TERM DT': 2020101 })];
    const [record] = readWorkbook(workbookBytes(rows), 'dates.xlsx').drafts.map((d) =>
      finishRecord(d, '2020-01'),
    );
    expect([record?.terminationDate, record?.warnings]).toEqual([
      '2020101',
      [{ field: 'terminationDate', value: '2020101', problem: 'not a date (the layout says YYYYMMDD)' }],
    ]);
  });

  for (const bookType of ['xlsx', 'biff8'] as const) {
    it(`${bookType}: ${firstOfJanuary2020.map(([how]) => how).join(', ')}; and no date as ${noDate.map(([how]) => how).join(', ')}`, () => {
      const rows = [
        ...firstOfJanuary2020.map(([, value], i) =>
          workbookRow({ ...hemin, HCPC: `J${1640 + i}`, 'ADD DT': value, 'TERM DT': value }),
        ),
        ...noDate.map(([, value], i) =>
          workbookRow({ ...hemin, HCPC: `J${1700 + i}`, ...(value === null ? {} : { 'TERM DT': value }) }),
        ),
      ];
      const records = readWorkbook(workbookBytes(rows, { bookType }), 'dates.xlsx').drafts.map((d) =>
        finishRecord(d, '2020-01'),
      );
      expect(records.map((r) => [r.code, r.addedDate, r.terminationDate, r.warnings])).toEqual([
        ...firstOfJanuary2020.map((_, i) => [`J${1640 + i}`, '2020-01-01', '2020-01-01', []]),
        ...noDate.map((_, i) => [`J${1700 + i}`, '2006-01-01', null, []]),
      ]);
    });
  }
});
