/**
 * The Alpha-Numeric Index reader: on lines written here (the layout rules), and on the 2019 PDF
 * CMS published (../shared/cms/2019), read with pdfjs-dist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cms } from '../../test/support/cms.js';
import {
  codesIn,
  type PdfLine,
  type PdfTextItem,
  parseAlphaIndex,
  pdfLines,
  readAlphaIndexSync,
  readPdfItems,
  readPdfItemsSync,
} from './alpha-index.js';

function line(y: number, ...runs: [number, string][]): PdfTextItem[] {
  return runs.map(([x, text]) => ({ page: 1, x, y, width: text.length * 4.5, text }));
}

describe('codesIn', () => {
  it('splits the term from its codes and ranges', () => {
    expect(codesIn('Accessories beds, E0271-E0280, E0300-E0326')).toEqual({
      text: 'Accessories beds',
      codes: [],
      ranges: [
        ['E0271', 'E0280'],
        ['E0300', 'E0326'],
      ],
    });
    expect(codesIn('Adenosine, J0151, J0153')).toEqual({
      text: 'Adenosine',
      codes: ['J0151', 'J0153'],
      ranges: [],
    });
    expect(codesIn('Argatroban, J0883-0884').ranges).toEqual([['J0883', 'J0884']]);
    expect(codesIn('Abdomen')).toEqual({ text: 'Abdomen', codes: [], ranges: [] });
  });
});

describe('pdfLines', () => {
  it('groups runs a point or two apart into one line, left to right', () => {
    const lines = pdfLines([
      ...line(679, [314, '10,000 kiu'], [506, 'J0365']),
      ...line(678, [54, 'Aprotinin']),
      ...line(660, [54, 'Next']),
    ]);
    expect(lines.map((l: PdfLine) => l.items.map((i) => i.text).join('|'))).toEqual([
      'Aprotinin|10,000 kiu|J0365',
      'Next',
    ]);
  });
});

describe('parseAlphaIndex', () => {
  it('puts headings before their sub-terms, joins run-on codes, resolves "see", skips furniture', () => {
    const items = [
      ...line(700, [72, 'Questions regarding coding, A1234 is not an entry']),
      ...line(690, [72, 'A']),
      ...line(680, [72, 'Abdomen']),
      ...line(670, [81, 'dressing holder/binder, A4462']),
      ...line(660, [81, 'artificial kidney and machine (see also ESRD), E1510-E1699']),
      ...line(650, [72, '2019 HCPCS Alpha-Numeric Index 2']),
      ...line(640, [72, 'Ambulance, A0021-A0999']),
      ...line(630, [81, 'replacement for blood glucose monitor, A4233'], [327, '-'], [330, 'A4236']),
      ...line(620, [72, 'Injections (see also drug name), J0120-J7320, J9032,']),
      ...line(610, [90, 'J9173, Q9992']),
      ...line(600, [72, 'ESRD (End Stage Renal Disease; see also Dialysis)']),
      ...line(590, [81, 'plumbing, A4870']),
      ...line(580, [72, 'Fragmin, see Injections']),
    ];
    expect(parseAlphaIndex(pdfLines(items))).toEqual([
      { term: 'Abdomen dressing holder/binder', codes: ['A4462'], ranges: [] },
      { term: 'Abdomen artificial kidney and machine', codes: [], ranges: [['E1510', 'E1699']] },
      { term: 'Ambulance', codes: [], ranges: [['A0021', 'A0999']] },
      { term: 'Ambulance replacement for blood glucose monitor', codes: [], ranges: [['A4233', 'A4236']] },
      { term: 'Injections', codes: ['J9032', 'J9173', 'Q9992'], ranges: [['J0120', 'J7320']] },
      { term: 'ESRD (End Stage Renal Disease) plumbing', codes: ['A4870'], ranges: [] },
      { term: 'Fragmin, see Injections', codes: ['J9032', 'J9173', 'Q9992'], ranges: [['J0120', 'J7320']] },
    ]);
  });
});

describe('the 2019 Alpha-Numeric Index PDF', () => {
  const pdf = readFileSync(cms('2019', '2019-HCPCS-Index.pdf'));
  const entries = readAlphaIndexSync(pdf);

  it('reads every entry with codes, A to Z', () => {
    expect(entries).toHaveLength(1874);
    expect(entries[0]).toEqual({ term: 'Abatacept', codes: ['J0129'], ranges: [] });
    expect(entries.find((e) => e.term === 'Accessories wheelchairs')).toEqual({
      term: 'Accessories wheelchairs',
      codes: [],
      ranges: [
        ['E0950', 'E1030'],
        ['E1050', 'E1298'],
        ['E2300', 'E2399'],
        ['K0001', 'K0109'],
      ],
    });
    expect(entries.find((e) => e.term === 'Bathtub stool or bench')).toEqual({
      term: 'Bathtub stool or bench',
      codes: ['E0245'],
      ranges: [['E0247', 'E0248']],
    });
    expect(entries.filter((e) => /Alpha-Numeric Index|^\d+$|see also|^\s*$/.test(e.term))).toEqual([]);
    // Codes that run on to the next line stay with their term.
    expect(entries.find((e) => e.term === 'Injections')?.codes).toEqual([
      'J9032',
      'J9039',
      'J9044',
      'J9057',
      'J9153',
      'J9173',
      'J9229',
      'J9271',
      'J9299',
      'J9308',
      'Q9950',
      'Q9991',
      'Q9992',
    ]);
    // "X, see Y" gets Y's codes.
    expect(entries.find((e) => e.term.startsWith('Corvert'))).toEqual({
      term: 'Corvert, see Ibutilide fumarate',
      codes: ['J1742'],
      ranges: [],
    });
    expect(new Set(entries.map((e) => e.term[0]?.toUpperCase())).size).toBeGreaterThanOrEqual(24);
  });
  it('reads the same runs synchronously (worker) and asynchronously', async () => {
    const sync = readPdfItemsSync(pdf);
    const async = await readPdfItems(pdf);
    expect(sync).toEqual(async);
    expect(sync.length).toBeGreaterThan(2000);
  });
  it('names the file when the bytes are no PDF', async () => {
    const junk = new TextEncoder().encode('not a pdf at all');
    expect(() => readPdfItemsSync(junk, 'x/index.pdf')).toThrow(/^x\/index\.pdf: not a readable PDF: /);
    await expect(readPdfItems(junk, 'x/index.pdf')).rejects.toThrow(/^x\/index\.pdf: not a readable PDF: /);
  });
});
