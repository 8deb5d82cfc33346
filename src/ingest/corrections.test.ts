import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { correctionsWorkbook as workbook } from '../../test/support/fixtures.js';
import { inTimeZone, ZONES_AROUND_THE_WORLD } from '../../test/support/time-zone.js';
import {
  correctionFilesToRead,
  correctionKind,
  listVersion,
  readCorrections,
  revertOfWords,
  supersededLists,
  valuesFromWords,
} from './corrections.js';

describe('readCorrections', () => {
  it('reads each row: code, words, kind, date, the values by layout field, comments, and where', () => {
    const bytes = workbook([
      ['B4105', 'Change Cov to C and Price to 39', new Date(2019, 0, 1), null, null, null, null, 'C', 39],
      [
        'C1890',
        'ADD CODE',
        '1/1/19',
        'No device w/dev-intensive px',
        'No implantable/insertable device used with device-intensive procedures',
        '9,F',
        'D1E',
        'D',
        '53',
        null,
        'YY',
        '01/01/2019',
        'Statute 1833(t)',
      ],
      ['C9034', 'Discontinue ', '1/1/19', null, null, null, null, null, null, 'J1095'],
      ['DA', 'Removed in error - add back to file', '1/1/11'],
    ]);
    const list = readCorrections(bytes, 'HCPC2019_Corrections_ALPHA.xlsx');
    expect(list.format).toBe('workbook');
    expect(list.title).toBe('2019 ALPHA-NUMERIC HCPCS CORRECTIONS');
    expect(list.warnings).toEqual([]);
    expect(list.entries.map((e) => [e.code, e.kind, e.effectiveDate])).toEqual([
      ['B4105', 'change', '2019-01-01'],
      ['C1890', 'add', '2019-01-01'],
      ['C9034', 'discontinue', '2019-01-01'],
      ['DA', 'add-back', '2011-01-01'],
    ]);
    const [b4105, c1890, c9034] = list.entries;
    expect(b4105?.values).toEqual([
      { field: 'coverage', value: 'C' },
      { field: 'pricingIndicators', value: ['39'] },
    ]);
    expect(b4105?.location).toEqual({
      file: 'HCPC2019_Corrections_ALPHA.xlsx',
      sheet: '2019 HCPS Corrections',
      row: 5,
    });
    expect(c1890?.values).toEqual([
      { field: 'shortDescription', value: 'No device w/dev-intensive px' },
      {
        field: 'longDescription',
        value: 'No implantable/insertable device used with device-intensive procedures',
      },
      { field: 'typesOfService', value: ['9', 'F'] },
      { field: 'betos', value: 'D1E' },
      { field: 'coverage', value: 'D' },
      { field: 'pricingIndicators', value: ['53'] },
      { field: 'ascGroup', value: 'YY' },
      { field: 'ascEffectiveDate', value: '2019-01-01' },
    ]);
    expect(c1890?.comments).toBe('Statute 1833(t)');
    expect(c9034?.action).toBe('Discontinue');
    expect(c9034?.values).toEqual([{ field: 'crossReferences', value: ['J1095'] }]);
  });

  it('keeps a row whose date is no date, and one whose value breaks its field, with a warning each; skips a row with no code', () => {
    const bytes = workbook([
      ['Q5111', 'ADD CODE', '01/0/12019', null, null, null, null, 'Q'],
      ['see note', 'ADD CODE', '1/1/19'],
    ]);
    const list = readCorrections(bytes, 'c.xlsx');
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]).toMatchObject({
      code: 'Q5111',
      effectiveDate: null,
      effectiveDateAsWritten: '01/0/12019',
      values: [{ field: 'coverage', value: 'Q' }],
    });
    expect(list.warnings.map((w) => [w.location.row, w.problem])).toEqual([
      [5, 'EFF DATE "01/0/12019" is not a date; the correction is kept without one'],
      [5, 'Coverage Code "Q" is not in the form the record layout gives it; kept as written'],
      [6, '"SEE NOTE" is not a HCPCS code or modifier; row skipped'],
    ]);
  });

  it('reads the PRN print for code, words and date only, saying so; a date cut short is kept as written', () => {
    const prn = [
      '                          2019 ALPHA-NUMERIC HCPCS CORRECTIONS',
      '',
      '',
      '  CODE   ACTION  EFF DATE        SHORT DESC                LONG DESC          TOBETOCOPRICXREF CODASC IASC DATCOMMENTS',
      ' A5513  Change Ac01/01/2019',
      ' C1890  ADD CODE 01/01/201No device w/dev-intensivNo implantable/insertable de9,D1E D  53',
      ' C9034  Discontin01/01/2019                                                                J1095',
      '',
    ].join('\r\n');
    const list = readCorrections(new TextEncoder().encode(prn), 'HCPC2019_Corrections_ALPHA.prn');
    expect(list.format).toBe('prn');
    expect(list.entries.map((e) => [e.code, e.action, e.kind, e.effectiveDate, e.values])).toEqual([
      ['A5513', 'Change Ac', 'change', '2019-01-01', []],
      ['C1890', 'ADD CODE', 'add', null, []],
      ['C9034', 'Discontin', 'discontinue', '2019-01-01', []],
    ]);
    expect(list.warnings.map((w) => w.problem)).toEqual([
      'read from the PRN print, which cuts every column to its printed width: only code, words and date are read',
      'EFF DATE "01/01/201" is not a date; the correction is kept without one',
    ]);
    expect(list.warnings[1]?.location).toEqual({ file: 'HCPC2019_Corrections_ALPHA.prn', line: 6 });
  });

  it("reads values from CMS's words only when the row gives none and every clause is read; words that contradict a cell are a warning", () => {
    const bytes = workbook([
      ['C9468', 'Change xref code to J7203', '1/1/19'],
      ['Q2026', 'Remove "YY" ASC Ind and ASC Start date of 01/01/2019', '1/1/19'],
      ['A5513', 'Change Action code to "F" and add Action Effective date', '1/1/19'],
      ['B4105', 'Change Cov to C and Price to 39', '1/1/19', null, null, null, null, 'D', 39],
    ]);
    const list = readCorrections(bytes, 'LIST.xlsx');
    expect(list.entries.map((e) => [e.code, e.values, e.valuesFromWords])).toEqual([
      ['C9468', [{ field: 'crossReferences', value: ['J7203'] }], true],
      [
        'Q2026',
        [
          { field: 'ascGroup', value: null },
          { field: 'ascEffectiveDate', value: null },
        ],
        true,
      ],
      // "add Action Effective date" names a date with no value: the row's EFF DATE is it.
      [
        'A5513',
        [
          { field: 'actionCode', value: 'F' },
          { field: 'actionEffectiveDate', value: '2019-01-01' },
        ],
        true,
      ],
      // The cells stand; the words that say otherwise are named.
      [
        'B4105',
        [
          { field: 'coverage', value: 'D' },
          { field: 'pricingIndicators', value: ['39'] },
        ],
        undefined,
      ],
    ]);
    expect(list.warnings).toEqual([
      {
        location: { file: 'LIST.xlsx', sheet: '2019 HCPS Corrections', row: 8 },
        problem: 'the words say Coverage Code C, the cell D; the cell is kept',
      },
    ]);
  });

  it("2017's and 2018's words: one value added to or taken from a repeated field; a field named with its value in a cell and a date in EFF DATE", () => {
    const bytes = workbook([
      // 2018: the list has an ASC IND column and no ASC date column.
      ['C9488', 'Change ASC Ind/ASC eff date', '4/1/17', null, null, null, null, null, null, null, 'YY'],
      ['G0499', 'Add Lab Cert code 220', '1/1/18'],
      ['E0627', 'Remove xref code Q0080', '1/1/17'],
      // A field named with no value, no cell for it, and not a date: words alone.
      ['G9999', 'Change ASC Ind', '1/1/18'],
    ]);
    const list = readCorrections(bytes, 'LIST.xlsx');
    expect(list.entries.map((e) => [e.code, e.values, e.valuesFromWords])).toEqual([
      [
        'C9488',
        [
          { field: 'ascGroup', value: 'YY' },
          { field: 'ascEffectiveDate', value: '2017-04-01' },
        ],
        true,
      ],
      ['G0499', [{ field: 'labCertifications', value: ['220'], operation: 'add' }], true],
      ['E0627', [{ field: 'crossReferences', value: ['Q0080'], operation: 'remove' }], true],
      ['G9999', [], undefined],
    ]);
    expect(list.warnings).toEqual([]);
  });

  it("2018's G9637: words that put back an earlier year's description give that year, no value", () => {
    const list = readCorrections(
      workbook([['G9637', 'Should not have been updated - revert back to 2017 description', null]]),
      'LIST.xlsx',
    );
    expect(list.entries.map((e) => [e.code, e.kind, e.values, e.revertTo])).toEqual([
      ['G9637', 'change', [], { year: '2017', fields: ['longDescription', 'shortDescription'] }],
    ]);
    expect(revertOfWords('Revert to the 2016 long description')).toEqual({
      year: '2016',
      fields: ['longDescription'],
    });
    expect(revertOfWords('revert back to 2017 short desc')).toEqual({
      year: '2017',
      fields: ['shortDescription'],
    });
    for (const words of ['Revert to prior description', 'revert back to 2017', 'Revise Long Desc']) {
      expect(revertOfWords(words), words).toBeUndefined();
    }
  });

  it('valuesFromWords: each form of clause, and every clause it does not read (nothing is guessed)', () => {
    expect(valuesFromWords('Change Cov to C and Price to 39')).toEqual([
      { field: 'coverage', value: 'C' },
      { field: 'pricingIndicators', value: ['39'] },
    ]);
    expect(valuesFromWords('Add "YY" ASC Ind')).toEqual([{ field: 'ascGroup', value: 'YY' }]);
    expect(valuesFromWords('change betos to O1E')).toEqual([{ field: 'betos', value: 'O1E' }]);
    expect(valuesFromWords('Change ASC date to 4/1/19')).toEqual([
      { field: 'ascEffectiveDate', value: '2019-04-01' },
    ]);
    expect(valuesFromWords('Remove TOS')).toEqual([{ field: 'typesOfService', value: [] }]);
    expect(valuesFromWords('Remove TOS 9 and add TOS "F"')).toEqual([
      { field: 'typesOfService', value: ['9'], operation: 'remove' },
      { field: 'typesOfService', value: ['F'], operation: 'add' },
    ]);
    expect(valuesFromWords('Remove "YY" ASC Ind')).toEqual([{ field: 'ascGroup', value: null }]);
    // A date named with no value is the row's EFF DATE, given the row.
    expect(valuesFromWords('Add Action Effective date', { date: '2019-01-01', cells: [] })).toEqual([
      { field: 'actionEffectiveDate', value: '2019-01-01' },
    ]);
    for (const unread of [
      'Change Cov to', // cut short, as a PRN prints it
      'Change Ac',
      'Change Cov to C and Pr',
      'Change xref code to J72', // not a code
      'Change Price to 3x', // not a pricing indicator
      'Change ASC date to 13/45/19', // not a date
      'Change flavor to C', // no such field
      'Add Action Effective date', // no value, and no row to give the date
      'Add Lab Cert code 2200', // not a lab certification code
      'Remove xref code Q008', // not a code
      'Remove, will be assigned at a later date', // 2018 V3: no field
      'DO NOT ADD - Remove from previous corrections document', // 2018 V4: no verb first
      'Change ASC Ind/ASC eff date', // named with no value, and no row to give them
      'Correct the long description',
      '',
    ]) {
      expect(valuesFromWords(unread), unread).toBeUndefined();
    }
  });

  it('refuses a file with no corrections header, naming the file', () => {
    expect(() => readCorrections(new TextEncoder().encode('nothing here\r\n'), 'x.prn')).toThrow(
      'x.prn: no corrections header (CODE, ACTION, EFF DATE) found',
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['HCPC', 'LONG DESCRIPTION']]), 'Sheet1');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(() => readCorrections(bytes, 'y.xlsx')).toThrow(
      'y.xlsx: no sheet has a corrections header (CODE and ACTION) in its first 50 rows',
    );
  });
});

describe('readCorrections in every time zone', () => {
  it("an EFF DATE date cell is the list's day west and east of Greenwich (the 2019 lists' cells are dates)", () => {
    const bytes = workbook([['B4105', 'Change Cov to C', new Date(2019, 0, 1)]]);
    const dates = ZONES_AROUND_THE_WORLD.map((tz) =>
      inTimeZone(
        tz,
        () => `${tz} ${readCorrections(bytes, 'HCPC2019_Corrections_ALPHA.xlsx').entries[0]?.effectiveDate}`,
      ),
    );
    expect(dates).toEqual(['America/Los_Angeles 2019-01-01', 'UTC 2019-01-01', 'Asia/Tokyo 2019-01-01']);
  });
});

describe('correctionKind', () => {
  it.each([
    ['ADD CODE', 'add'],
    ['Added code', 'add'],
    ['Add "YY" ASC Ind ', 'change'],
    ['Removed in error - add back to file', 'add-back'],
    ['Discontinue ', 'discontinue'],
    ['Change xref code to J7203', 'change'],
    ['Remove "YY" ASC Ind and ASC Start date of 01/01/2019', 'change'],
  ])('%s -> %s', (words, kind) => {
    expect(correctionKind(words)).toBe(kind);
  });
});

describe('correctionFilesToRead', () => {
  it('takes each list once, its workbook over its PRN, the first list before _v2', () => {
    const names = [
      'HCPC2019_Corrections_ALPHA.prn',
      'HCPC2019_Corrections_ALPHA.xlsx',
      'HCPC2019_Corrections_ALPHA_v2.prn',
      'HCPC2019_Corrections_ALPHA_v2.xlsx',
    ];
    expect(correctionFilesToRead(names.map((name) => ({ name }))).map((f) => f.name)).toEqual([
      'HCPC2019_Corrections_ALPHA.xlsx',
      'HCPC2019_Corrections_ALPHA_v2.xlsx',
    ]);
    expect(correctionFilesToRead([{ name: 'HCPC2020_Corrections.prn' }]).map((f) => f.name)).toEqual([
      'HCPC2020_Corrections.prn',
    ]);
  });

  it("orders each list's versions by number (V2 before V10), and reads no read-me (2018's zip has one)", () => {
    const names = [
      'V10_HCPC2018_Corrections_ANWEB.xlsx',
      'HCPC2018_Corrections_README.txt',
      'V2_HCPC2018_Corrections_ANWEB.prn',
      'V2_HCPC2018_Corrections_ANWEB.xlsx',
      'V1_HCPC2018_Corrections_ANWEB.xlsx',
    ];
    expect(correctionFilesToRead(names.map((name) => ({ name }))).map((f) => f.name)).toEqual([
      'V1_HCPC2018_Corrections_ANWEB.xlsx',
      'V2_HCPC2018_Corrections_ANWEB.xlsx',
      'V10_HCPC2018_Corrections_ANWEB.xlsx',
    ]);
  });
});

describe('listVersion and supersededLists', () => {
  it.each([
    ['V3_HCPC2018_Corrections_ANWEB.xlsx', 'hcpc2018_corrections_anweb', 3],
    ['HCPC2019_Corrections_ALPHA_v2.xlsx', 'hcpc2019_corrections_alpha', 2],
    ['HCPC2019_Corrections_ALPHA.xlsx', 'hcpc2019_corrections_alpha', 1],
    ['hcpc2017_corrections_alpha.txt', 'hcpc2017_corrections_alpha', 1],
    ['HCPC2020 Corrections rev 3.xlsx', 'hcpc2020 corrections', 3],
    ['HCPC2021_Corrections_ver2.xlsx', 'hcpc2021_corrections', 2],
    // A date ending the name orders versions by it: MMDDYYYY, MMDDYY, YYYYMMDD.
    ['HCPC2021_Corrections.12212022.xlsx', 'hcpc2021_corrections', 20221221],
    ['HCPC2021_Corrections_010919.xlsx', 'hcpc2021_corrections', 20190109],
    ['HCPC2021_Corrections_20190109.xlsx', 'hcpc2021_corrections', 20190109],
    // A number that is part of the name, or no date, is no version.
    ['HCPC2019_Corrections_ALPHA2.xlsx', 'hcpc2019_corrections_alpha2', 1],
    ['HCPC2021_Correctionsv2.xlsx', 'hcpc2021_correctionsv2', 1],
    ['HCPC2021_Corrections_2019.xlsx', 'hcpc2021_corrections_2019', 1],
    ['HCPC2021_Corrections_13992019.xlsx', 'hcpc2021_corrections_13992019', 1],
  ])('%s: list %s, version %s', (name, list, version) => {
    expect(listVersion(name)).toEqual({ list, version });
  });

  const list = (name: string, rows: string[]) => ({ name, rows });

  it("2018's shape: each version repeats the one before with changes, so the last alone is in force", () => {
    const common = [
      'c9488 change asc ind/asc eff date',
      'c9745 change asc ind/asc eff date',
      'g0279 revise long desc',
      'g9868 add code',
    ];
    const v1 = list('V1_HCPC2018_Corrections_ANWEB.xlsx', common);
    const v2 = list('V2_HCPC2018_Corrections_ANWEB.xlsx', [...common, 'g9978 add code', 'g9979 add code']);
    const v3 = list('V3_HCPC2018_Corrections_ANWEB.xlsx', [
      ...common,
      'g9978 remove, will be assigned at a later date',
      'g9979 remove, will be assigned at a later date',
      'g9989 add code',
      'g9990 add code',
    ]);
    // V4 drops V3's rows for G9978 and G9979 and changes its G9989 and G9990: 4 of V3's 8 rows again.
    const v4 = list('V4_HCPC2018_Corrections_ANWEB.xlsx', [
      ...common,
      'g9989 do not add - remove from previous corrections document',
      'g9990 do not add - remove from previous corrections document',
    ]);
    expect(supersededLists([v1, v2, v3, v4])).toEqual(
      new Map([
        [v1, v4],
        [v2, v4],
        [v3, v4],
      ]),
    );
  });

  it("2019's shape: a _v2 repeating none of the first list's rows adds to it, though it names C1890 again", () => {
    const first = list('HCPC2019_Corrections_ALPHA.xlsx', [
      'a5513 change action code to "f" and add action effective date',
      'b4105 change cov to c and price to 39',
      'c1890 add code',
      'c9034 discontinue',
    ]);
    const second = list('HCPC2019_Corrections_ALPHA_v2.xlsx', [
      'da removed in error - add back to file',
      'c1890 add "yy" asc ind',
      'j7329 add "yy" asc ind',
    ]);
    expect(supersededLists([first, second]).size).toBe(0);
    // The same codes corrected again in other words: an addendum too.
    const again = list(
      'HCPC2019_Corrections_ALPHA_v2.xlsx',
      first.rows.map((row) => `${row} and add "yy" asc ind`),
    );
    expect(supersededLists([first, again]).size).toBe(0);
  });

  it('half of the rows again is a revision, fewer is not; other lists, earlier versions and lists not read never replace', () => {
    const first = list('LIST.xlsx', ['a0001 add code', 'a0002 add code', 'a0003 add code', 'a0004 add code']);
    const half = list('LIST_v2.xlsx', ['a0001 add code', 'a0002 add code', 'b0001 add code']);
    const fewer = list('LIST_v2.xlsx', ['a0001 add code', 'b0001 add code', 'b0002 add code']);
    expect(supersededLists([first, half])).toEqual(new Map([[first, half]]));
    expect(supersededLists([first, fewer]).size).toBe(0);
    expect(supersededLists([first, list('OTHER_v2.xlsx', first.rows)]).size).toBe(0);
    // An earlier version never replaces a later one: v3 replaces v2 here, whatever their order.
    const third = list('LIST_v3.xlsx', first.rows);
    expect(supersededLists([third, half])).toEqual(new Map([[half, third]]));
    const unread = list('LIST_v3.xlsx', []);
    expect(supersededLists([first, unread]).size).toBe(0);
    expect(supersededLists([unread, list('LIST_v4.xlsx', ['a0001 add code'])]).size).toBe(0);
  });
});
