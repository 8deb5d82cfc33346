import { describe, expect, it } from 'vitest';
import { fileText, procedureLine, recordLine } from '../../test/support/fixtures.js';
import { HcpcsError } from '../errors.js';
import { readFixedWidth } from './fixed-width.js';
import { finishRecord } from './record-builder.js';

const read = (lines: string[], text = fileText(lines)) =>
  readFixedWidth(text, 'fixture.txt').drafts.map((d) => finishRecord(d, '2020-01'));

function errorOf(fn: () => unknown): HcpcsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HcpcsError) return error;
    throw error;
  }
  throw new Error('expected an HcpcsError');
}

describe('readFixedWidth', () => {
  it('reads every field by the layout, types it, and joins continuation lines', () => {
    const first = recordLine({
      code: 'J1640',
      longDescription: 'Injection, hemin,',
      shortDescription: 'Hemin, 1 mg',
      pricingIndicators: ['51', '', '13'],
      multiplePricingIndicator: 'A',
      mcmReferences: ['2049'],
      labCertifications: ['010', '100'],
      crossReferences: ['J1641'],
      coverage: 'D',
      ascGroup: 'YY',
      ascEffectiveDate: '20080101',
      processingNote: '0095',
      betos: 'O1E',
      typesOfService: ['1', 'P'],
      anesthesiaBaseUnits: '5',
      addedDate: '20060101',
      actionEffectiveDate: '20060101',
      terminationDate: '20201231',
      actionCode: 'N',
    });
    const continuation = recordLine({ code: 'J1640', seq: '00200', rid: '4', longDescription: '  1 mg  ' });
    const [record] = read([first, continuation.slice(0, 91)]);
    expect(record).toEqual({
      code: 'J1640',
      kind: 'procedure',
      release: '2020-01',
      longDescription: 'Injection, hemin, 1 mg',
      shortDescription: 'Hemin, 1 mg',
      pricingIndicators: ['51', '13'],
      multiplePricingIndicator: 'A',
      cimReferences: [],
      mcmReferences: ['2049'],
      statute: null,
      labCertifications: ['010', '100'],
      crossReferences: ['J1641'],
      coverage: 'D',
      ascGroup: 'YY',
      ascEffectiveDate: '2008-01-01',
      mogGroup: null,
      mogPolicyIndicator: null,
      mogEffectiveDate: null,
      processingNote: '0095',
      betos: 'O1E',
      typesOfService: ['1', 'P'],
      anesthesiaBaseUnits: 5,
      addedDate: '2006-01-01',
      actionEffectiveDate: '2006-01-01',
      terminationDate: '2020-12-31',
      actionCode: 'N',
      warnings: [],
    });
  });

  it('reads right-aligned modifiers, a disclaimer block, blanks past column 320 and a blank last line', () => {
    const text = [
      '***Disclaimers\t\t\t',
      '*Inclusion or exclusion of a procedure \u2019does not imply coverage.',
      '',
      recordLine({ code: 'A1', longDescription: 'Dressing for one wound', actionCode: 'N' }),
      `${procedureLine('A0021')}      `,
      ' '.repeat(296),
    ].join('\r\n');
    const parsed = readFixedWidth(text, 'fixture.txt');
    expect(parsed.preamble).toBe(
      '***Disclaimers\n*Inclusion or exclusion of a procedure \u2019does not imply coverage.',
    );
    const records = parsed.drafts.map((d) => finishRecord(d, '2020-01'));
    expect(records.map((r) => [r.code, r.kind])).toEqual([
      ['A1', 'modifier'],
      ['A0021', 'procedure'],
    ]);
    const leftAligned = readFixedWidth(
      fileText([recordLine({ code: 'A1' }).replace(/^ {3}A1/, 'A1   ')]),
      'f.txt',
    );
    expect(leftAligned.drafts[0]?.code).toBe('A1');
  });

  it('keeps field-level slips as read, with a warning, instead of stopping', () => {
    const [record] = read([
      procedureLine('E0100', {
        addedDate: '2019010',
        actionEffectiveDate: '20190231',
        coverage: 'Q',
        betos: 'ZZZ',
        anesthesiaBaseUnits: 'AB',
      }),
    ]);
    expect(record?.addedDate).toBe('2019010');
    expect(record?.actionEffectiveDate).toBe('20190231');
    expect(record?.coverage).toBe('Q');
    expect(record?.anesthesiaBaseUnits).toBe('AB');
    expect(record?.warnings).toEqual([
      { field: 'coverage', value: 'Q', problem: 'not in the code table HCPCS Coverage Code' },
      { field: 'betos', value: 'ZZZ', problem: 'not in the code table BETOS Table (BETOS_TB)' },
      { field: 'anesthesiaBaseUnits', value: 'AB', problem: 'not a number' },
      { field: 'addedDate', value: '2019010', problem: 'not a date (the layout says YYYYMMDD)' },
      { field: 'actionEffectiveDate', value: '20190231', problem: 'not a date (the layout says YYYYMMDD)' },
    ]);
  });

  it('keeps a first line that ends before the action code inside the file, its last fields blank, with a warning', () => {
    // A writer that trims trailing blanks ends a record whose last fields are blank early; the
    // line end after it says the file goes on, so it is not a cut file.
    const full = recordLine({
      code: 'A0080',
      longDescription: 'Non-emergency transport',
      shortDescription: 'Noner transport',
      betos: 'O1A',
      addedDate: '20010101',
      actionEffectiveDate: '20190101',
      actionCode: 'N',
    });
    const short = full.slice(0, 276).trimEnd();
    expect(short).toHaveLength(276);
    const [trimmed, next] = read([short, procedureLine('A0090')]);
    const [whole] = read([full]);
    expect(trimmed).toEqual({
      ...whole,
      actionEffectiveDate: null,
      actionCode: null,
      warnings: [
        {
          field: 'line',
          value: '276',
          problem:
            'line 1: record is 276 characters long and ends before the action code (column 293): the fields past column 276 read as blank',
        },
      ],
    });
    expect(whole?.actionCode).toBe('N');
    expect(next?.code).toBe('A0090');
  });

  it('reads a record repeated whole once, with a warning on the record kept', () => {
    const continuation = recordLine({ code: 'A0021', seq: '00200', rid: '4', longDescription: 'per mile' });
    const records = read([
      procedureLine('A0021'),
      continuation,
      procedureLine('A0080'),
      procedureLine('A0021'),
      continuation,
    ]);
    expect(records.map((r) => r.code)).toEqual(['A0021', 'A0080']);
    expect(records[0]?.longDescription).toBe('Test procedure A0021 per mile');
    expect(records[0]?.warnings).toEqual([
      {
        field: 'line',
        value: 'A0021',
        problem: 'line 4: the same record again as line 1 (the same code, description and fields): read once',
      },
    ]);
    expect(records[1]?.warnings).toEqual([]);
  });

  describe('bad input stops with file, line and what is wrong', () => {
    it('a truncated file (the last record cut short)', () => {
      const text = `${procedureLine('A0021')}\r\n${procedureLine('A0080').slice(0, 150)}`;
      const error = errorOf(() => readFixedWidth(text, 'cut.txt'));
      expect(error.code).toBe('HCPCS_E_INPUT');
      expect(error.message).toBe(
        'cut.txt:2: record is 150 characters long: a first line must reach column 293 (the action code) of the 320-character record (is the file truncated?)',
      );
    });

    it('a file of another kind', () => {
      const error = errorOf(() => readFixedWidth('name,age\nAlice,30\n', 'people.csv'));
      expect(error.message).toMatch(/^people\.csv: no HCPCS record found: this is not a fixed-width/);
    });

    it('a record line that ends inside its record id', () => {
      const error = errorOf(() =>
        read([procedureLine('A0021'), procedureLine('A0080').slice(0, 11), procedureLine('A0090')]),
      );
      expect(error.message).toBe(
        'fixture.txt:2: record is 11 characters long: a first line must reach column 293 (the action code) of the 320-character record',
      );
    });

    it('an unknown record id', () => {
      const error = errorOf(() => read([procedureLine('A0021'), recordLine({ code: 'A0080', rid: '5' })]));
      expect(error.message).toBe(
        'fixture.txt:2: unknown record identification code "5" in column 11 (the layout defines 3, 4, 7 and 8)',
      );
    });

    it('a continuation line without its first line', () => {
      const error = errorOf(() =>
        read([
          procedureLine('A0021'),
          recordLine({ code: 'A0080', seq: '00200', rid: '4', longDescription: 'more' }),
        ]),
      );
      expect(error.message).toBe(
        'fixture.txt:2: continuation line of procedure A0080 without its first line (record identification code 3 for A0080 must come before it)',
      );
    });

    it('a code defined twice with different values (a continuation line makes the difference)', () => {
      const error = errorOf(() =>
        read([
          procedureLine('A0021'),
          procedureLine('A0080'),
          procedureLine('A0021'),
          recordLine({ code: 'A0021', seq: '00200', rid: '4', longDescription: 'more' }),
          procedureLine('A0090'),
        ]),
      );
      expect(error.message).toBe('fixture.txt:3: duplicate procedure code A0021: already defined at line 1');
    });

    it('a line that is not a record between records (text after the last record is kept as a trailer)', () => {
      const error = errorOf(() => read([procedureLine('A0021'), 'Total records: 1', procedureLine('A0080')]));
      expect(error.message).toBe(
        'fixture.txt:2: not a HCPCS record: expected a 5-character code, a 5-digit sequence number and a record identification code, found "Total records: 1"',
      );
      const trailing = readFixedWidth(fileText([procedureLine('A0021'), 'Total records: 1']), 'fixture.txt');
      expect(trailing.drafts).toHaveLength(1);
      expect(trailing.trailer).toBe('Total records: 1');
    });
  });

  it('keeps a control character in a field as read and names it in the warnings (NUL; 0x81, a byte windows-1252 leaves unassigned)', () => {
    const [record] = read([
      procedureLine('A0021', { longDescription: 'Ambulance\u0000 service', shortDescription: 'Amb\u0081' }),
    ]);
    expect(record?.longDescription).toBe('Ambulance\u0000 service');
    expect(record?.warnings).toEqual([
      {
        field: 'longDescription',
        value: 'Ambulance\u0000 service',
        problem: 'holds the control character U+0000 (not text; the file may be damaged)',
      },
      {
        field: 'shortDescription',
        value: 'Amb\u0081',
        problem: 'holds the control character U+0081 (not text; the file may be damaged)',
      },
    ]);
  });

  it('reports a last line without a line end, and reads CR-only line ends', () => {
    const text = fileText([procedureLine('A0021'), procedureLine('A0080')]);
    expect(readFixedWidth(text, 'f.txt').unterminatedLastLine).toBeUndefined();
    // Cut inside its last record: what followed is missing.
    expect(readFixedWidth(text.slice(0, -12), 'f.txt').unterminatedLastLine).toEqual({
      line: 2,
      text: procedureLine('A0080').slice(0, -10),
      record: true,
    });
    // Only the line end missing: the last record has the 320 columns of the file's other lines,
    // so nothing of it is lost (a writer that ends the last line without one).
    expect(readFixedWidth(text.slice(0, -2), 'f.txt').unterminatedLastLine).toBeUndefined();
    // So in a file whose lines end at their action code (column 293, the last field): the length
    // its other lines have.
    const trimmed = fileText([procedureLine('A0021').trimEnd(), procedureLine('A0080').trimEnd()]);
    expect(readFixedWidth(trimmed.slice(0, -2), 'f.txt').unterminatedLastLine).toBeUndefined();
    // Cut inside the leading blanks of a modifier's line: blanks alone, and the records are missing.
    expect(readFixedWidth(`${text}   `, 'f.txt').unterminatedLastLine).toEqual({
      line: 3,
      text: '   ',
      record: false,
    });
    expect(readFixedWidth(text.replace(/\r\n/g, '\r'), 'f.txt').drafts.map((d) => d.code)).toEqual([
      'A0021',
      'A0080',
    ]);
  });
});

describe('readFixedWidth: variations across the family', () => {
  const hemin = () => procedureLine('J1640', { terminationDate: '20201231', actionCode: 'T' });

  it('records that end after their last field (not padded to 320) read alike', () => {
    const line = hemin();
    const [padded] = read([line]);
    const [unpadded] = read([line.trimEnd()]);
    expect(unpadded).toEqual(padded);
    expect(line.trimEnd()).toHaveLength(293);
  });

  it('what is layout to a printer reads as nothing: a form feed starting a line, blanks and TABs ending one', () => {
    const lines = [procedureLine('A0021'), procedureLine('A0080'), procedureLine('A0090')];
    const clean = read(lines);
    expect(read([lines[0] as string, `\f${lines[1]}`, `\f\f${lines[2]}`])).toEqual(clean);
    expect(read(['\f', ...lines])).toEqual(clean);
    // A TAB after the last character shifts nothing: no slip, so no warning.
    const tabEnded = read(lines.map((line) => `${line.trimEnd()}\t`));
    expect(tabEnded).toEqual(clean);
    expect(read(lines.map((line) => `${line.slice(0, 300)}\t  \t`))).toEqual(clean);
    // NULs where CMS pads with blanks (COBOL's LOW-VALUES), after the last character.
    expect(read(lines.map((line) => line.replace(/ +$/, (blanks) => '\0'.repeat(blanks.length))))).toEqual(
      clean,
    );
  });

  it('UTF-8 text padded to the columns by bytes reads as padded by characters, without a warning', () => {
    const line = procedureLine('J1640', {
      longDescription: 'Injection, hemin, cafX',
      shortDescription: 'Hemin cafX',
      terminationDate: '20201231',
      actionCode: 'T',
    });
    const [ascii] = read([line]);
    // "é" takes two bytes: a writer padding by bytes gives it one blank less after it, and the line
    // has 319 characters in 320 bytes.
    for (const [what, text] of [
      ['long description', 'Injection, hemin, cafX '],
      ['short description', 'Hemin cafX '],
    ] as const) {
      const at = line.indexOf(text);
      const byBytes = `${line.slice(0, at)}${text.replace('X ', 'é')}${line.slice(at + text.length)}`;
      expect(new TextEncoder().encode(byBytes)).toHaveLength(320);
      const [record] = read([byBytes]);
      const field = what === 'long description' ? 'longDescription' : 'shortDescription';
      expect(record).toEqual({ ...ascii, [field]: String(ascii?.[field]).replace('cafX', 'café') });
    }
    // Padded by characters: read as it stands.
    const [byCharacters] = read([line.replace('cafX', 'café')]);
    expect(byCharacters).toEqual({ ...ascii, longDescription: 'Injection, hemin, café' });
  });

  it('a TAB where blanks belong is read as the blanks that put the fields back, with a warning', () => {
    const line = hemin();
    // An editor turned the 9 blanks after "Test J1640" (short description) into a TAB.
    const at = line.indexOf('Test J1640') + 'Test J1640'.length;
    const tabbed = `${line.slice(0, at)}\t${line.slice(at + 9)}`;
    const [record] = read([tabbed]);
    const [clean] = read([line]);
    expect({ ...record, warnings: [] }).toEqual(clean);
    expect(record?.warnings).toEqual([
      {
        field: 'line',
        value: 'Test J1640<TAB>         ',
        problem: `line 1: a TAB at column ${at + 1} where the layout has blanks, read as 9 blank(s), padding the record to 320 columns`,
      },
    ]);
    // The same slip in a record that ends at its action code: read to end there.
    const [short] = read([tabbed.trimEnd()]);
    expect(short?.terminationDate).toBe('2020-12-31');
    expect(short?.warnings[0]?.problem).toMatch(/ending the line at the action code, column 293$/);
  });

  it('blanks a whitespace slip added inside a line, pushing text past column 320: read back to its columns, the text past 320 left out, both said', () => {
    const line = hemin();
    // Three blanks added after "Test J1640" (short description): everything after moves right.
    const at = line.indexOf('Test J1640') + 'Test J1640'.length;
    const slipped = `${line.slice(0, at)}   ${line.slice(at)}XYZ`;
    expect(slipped).toHaveLength(326);
    const [record] = read([slipped]);
    const [clean] = read([line]);
    expect({ ...record, warnings: [] }).toEqual(clean);
    expect(record?.warnings).toEqual([
      {
        field: 'line',
        value: 'Test J1640          ',
        problem:
          'line 1: the dates and action code stand off their columns; read with 3 blanks too many at column 102 (a whitespace slip)',
      },
      {
        field: 'line',
        value: 'XYZ',
        problem:
          "line 1: record is 323 characters long and holds text past column 320 (blanks added inside the line push its end there): read at the layout's columns, the text past column 320 left out",
      },
    ]);
  });

  it("a line off from its very start (a modifier's leading blanks trimmed, a blank typed before a code): put back, and said", () => {
    const modifier = procedureLine('LT', { longDescription: 'Left side' });
    const lines = [modifier, procedureLine('J1640'), procedureLine('J1641')];
    const clean = read(lines);
    // Every line trimmed at its start, the modifier first: without the realignment it would read
    // as the disclaimer before the first record.
    const trimmed = read(lines.map((l) => l.trimStart()));
    expect(clean.map((r) => [r.code, r.kind])).toEqual([
      ['LT', 'modifier'],
      ['J1640', 'procedure'],
      ['J1641', 'procedure'],
    ]);
    expect(trimmed.map((r) => ({ ...r, warnings: [] }))).toEqual(clean);
    expect(trimmed.map((r) => r.warnings.map((w) => w.problem))).toEqual([
      [
        'line 1: the code, sequence number and record id stand off their columns; read with 3 blank(s) missing at its start',
      ],
      [],
      [],
    ]);
    const typed = read([modifier, ` ${procedureLine('J1640')}`, procedureLine('J1641')]);
    expect(typed.map((r) => ({ ...r, warnings: [] }))).toEqual(clean);
    expect(typed[1]?.warnings.map((w) => w.problem)).toEqual([
      'line 2: the code, sequence number and record id stand off their columns; read with 1 blank(s) too many at its start',
    ]);
  });

  describe('a whitespace slip with no TAB (blanks typed in or lost): seen by the dates and action code', () => {
    const lines = ['A0021', 'A0080', 'A0090', 'A0100', 'J1640', 'J1641'].map((code) =>
      procedureLine(code, { statute: '1861S2B', labCertifications: ['100'] }),
    );
    const clean = read(lines);
    const slip = (index: number, edit: (line: string) => string) =>
      read(lines.map((line, i) => (i === index ? edit(line) : line)));

    it('a blank lost, a blank too many, two lost: every field as without the slip, the record says where', () => {
      const cases: [number, (line: string) => string, string][] = [
        // The blank after the statute, lost: the lab certifications and all after move left.
        [1, (l) => `${l.slice(0, 178)}${l.slice(179)}`, '1 blank missing at column 178'],
        // One more blank in the empty cross references: coverage, dates and action code move right.
        [3, (l) => `${l.slice(0, 210)} ${l.slice(210)}`, '1 blank too many at column 184'],
        [4, (l) => `${l.slice(0, 130)}${l.slice(132)}`, '2 blanks missing at column 129'],
      ];
      for (const [index, edit, how] of cases) {
        const records = slip(index, edit);
        expect(records.map((r) => ({ ...r, warnings: [] }))).toEqual(clean);
        expect(records[index]?.warnings.map((w) => w.problem)).toEqual([
          `line ${index + 1}: the dates and action code stand off their columns; read with ${how} (a whitespace slip)`,
        ]);
      }
    });

    it('dates that no moving of blanks puts in form: read as they stand, each date saying it is not one', () => {
      const records = slip(2, (l) => l.replace('2020010120200101', '2O2OO1O12O2OO1O1'));
      expect(records[2]?.warnings.map((w) => [w.field, w.problem])).toEqual([
        ['addedDate', 'not a date (the layout says YYYYMMDD)'],
        ['actionEffectiveDate', 'not a date (the layout says YYYYMMDD)'],
      ]);
    });
  });

  it('upper-case descriptions of older years are kept as read', () => {
    const [record] = read([procedureLine('A4206', { longDescription: 'SYRINGE WITH NEEDLE, STERILE 1 CC' })]);
    expect(record?.longDescription).toBe('SYRINGE WITH NEEDLE, STERILE 1 CC');
    expect(record?.warnings).toEqual([]);
  });
});
