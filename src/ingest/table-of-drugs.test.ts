/**
 * The Table of Drugs reader: on lines written here (the layout rules), and on the 2019 PDF CMS
 * published (../shared/cms/2019).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cms } from '../../test/support/cms.js';
import { type PdfTextItem, pdfLines } from './alpha-index.js';
import { parseTableOfDrugs, readTableOfDrugsSync } from './table-of-drugs.js';

let page = 1;
function line(y: number, ...runs: [number, string][]): PdfTextItem[] {
  return runs.map(([x, text]) => ({ page, x, y, width: text.length * 4.5, text }));
}

describe('parseTableOfDrugs', () => {
  it('reads name, unit, route and codes in printed order; resolves "see" rows; joins continued names', () => {
    page = 1;
    const items = [
      ...line(600, [54, 'IV - Intravenous administration']),
      ...line(590, [54, 'A']),
      ...line(580, [54, 'Abatacept'], [325, '10 mg'], [444, 'IV'], [506, 'J0129']),
      ...line(570, [54, 'Abelcet, see Amphotericin B Lipid Complex']),
      ...line(560, [54, 'Acetylcysteine, IVection'], [322, '100 mg'], [444, 'IV'], [506, 'J0132']),
      ...line(550, [54, 'Amphotericin B Lipid Complex'], [325, '10 mg'], [444, 'IV'], [486, 'J0287-J0289']),
      ...line(540, [54, 'Argatroban (for non-esrd use)'], [329, '1 mg'], [444, 'IV'], [506, 'J0883']),
      ...line(530, [117, '(for esrd use)'], [329, '1 mg'], [444, 'IV'], [506, 'J0884']),
      ...line(520, [54, 'Betamethasone acetate']),
      ...line(510, [57, '& betamethasone sodium phosphate'], [318, 'per 3 mg'], [443, 'IM'], [506, 'J0702']),
      ...line(500, [54, 'Capecitabine'], [322, '150 mg'], [434, 'ORAL'], [506, 'J8520']),
      ...line(490, [322, '500 mg'], [434, 'ORAL'], [506, 'J8521']),
      ...line(480, [54, 'Cytoxan, see Capecitabine; and Abatacept']),
      ...line(41, [372, '1']),
    ];
    expect(parseTableOfDrugs(pdfLines(items))).toEqual([
      { name: 'Abatacept', unit: '10 mg', route: 'IV', codes: ['J0129'], ranges: [], see: null },
      {
        name: 'Abelcet, see Amphotericin B Lipid Complex',
        unit: null,
        route: null,
        codes: [],
        ranges: [['J0287', 'J0289']],
        see: 'Amphotericin B Lipid Complex',
      },
      {
        name: 'Acetylcysteine, injection',
        unit: '100 mg',
        route: 'IV',
        codes: ['J0132'],
        ranges: [],
        see: null,
      },
      {
        name: 'Amphotericin B Lipid Complex',
        unit: '10 mg',
        route: 'IV',
        codes: [],
        ranges: [['J0287', 'J0289']],
        see: null,
      },
      {
        name: 'Argatroban (for non-esrd use)',
        unit: '1 mg',
        route: 'IV',
        codes: ['J0883'],
        ranges: [],
        see: null,
      },
      {
        name: 'Argatroban (for esrd use)',
        unit: '1 mg',
        route: 'IV',
        codes: ['J0884'],
        ranges: [],
        see: null,
      },
      {
        name: 'Betamethasone acetate & betamethasone sodium phosphate',
        unit: 'per 3 mg',
        route: 'IM',
        codes: ['J0702'],
        ranges: [],
        see: null,
      },
      { name: 'Capecitabine', unit: '150 mg', route: 'ORAL', codes: ['J8520'], ranges: [], see: null },
      { name: 'Capecitabine', unit: '500 mg', route: 'ORAL', codes: ['J8521'], ranges: [], see: null },
      {
        name: 'Cytoxan, see Capecitabine; and Abatacept',
        unit: null,
        route: null,
        codes: ['J8520', 'J8521', 'J0129'],
        ranges: [],
        see: 'Capecitabine; and Abatacept',
      },
    ]);
  });
});

describe('the 2019 Table of Drugs PDF', () => {
  const entries = readTableOfDrugsSync(readFileSync(cms('2019', '2019-Table-of-Drugs.pdf')));
  const named = (name: string) => entries.filter((e) => e.name === name);

  it('reads the rows, generic and brand', () => {
    expect(entries).toHaveLength(1370);
    expect(named('Abatacept')).toEqual([
      { name: 'Abatacept', unit: '10 mg', route: 'IV', codes: ['J0129'], ranges: [], see: null },
    ]);
    expect(named('Capecitabine').map((e) => [e.unit, e.codes])).toEqual([
      ['150 mg', ['J8520']],
      ['500 mg', ['J8521']],
    ]);
    expect(named('Xeloda, see Capecitabine')[0]?.codes).toEqual(['J8520', 'J8521']);
    expect(named('Herceptin, see Trastuzumab')[0]?.codes).toEqual(['J9355']);
    expect(named('Argatroban (for esrd use)')[0]?.codes).toEqual(['J0884']);
    expect(entries.filter((e) => e.codes.length + e.ranges.length === 0)).toEqual([]);
    expect(entries.filter((e) => /IVection|Table of Drugs/.test(e.name))).toEqual([]);
  });
});
