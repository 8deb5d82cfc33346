/**
 * codeVersionRows on a store written here: the validity spans follow CMS's corrections, which move
 * `hcpcs check`'s answer at their own dates.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import {
  correctionsFile,
  correctionsWorkbook,
  testRecord,
  testRelease,
} from '../../test/support/fixtures.js';
import { HcpcsStore } from '../store/store.js';
import { codeVersionRows, exportDataset } from './dataset.js';

let store: HcpcsStore;
beforeAll(() => {
  store = HcpcsStore.open(tempDbPath());
  const list = correctionsWorkbook([['X1001', 'Discontinue', '2/15/30']]);
  store.importRelease({
    ...testRelease('2030-01', [testRecord('X1001', 'Gadget, each', { addedDate: '2020-01-01' })]),
    files: [
      {
        path: 'c.zip!HCPC2030_Corrections_ALPHA.xlsx',
        name: 'HCPC2030_Corrections_ALPHA.xlsx',
        role: 'corrections',
        sha256: createHash('sha256').update(list).digest('hex'),
        size: list.length,
        bytes: list,
      },
    ],
  });
});
afterAll(() => store.close());

describe('codeVersionRows', () => {
  it("ends a code's validity the day before a correction discontinues it, inside the quarter", () => {
    const { validity } = codeVersionRows(store, store.releases());
    expect(validity).toEqual([['X1001', '2020-01-01', '2030-02-14', 1]]);
  });
});

describe('the corrections_lists table', () => {
  // 2018's shape: V2 repeats V1's rows and changes one, so V1 is superseded and only V2's rows are
  // corrections; a file that is no workbook is held and not read.
  let versions: HcpcsStore;
  beforeAll(() => {
    versions = HcpcsStore.open(tempDbPath());
    const v1 = correctionsWorkbook([
      ['X2001', 'Discontinue', '2/15/31'],
      ['X2002', 'Discontinue', '2/15/31'],
    ]);
    const v2 = correctionsWorkbook([
      ['X2001', 'Discontinue', '2/15/31'],
      ['X2002', 'Discontinue', '2/15/31'],
      ['X2003', 'Discontinue', '3/1/31'],
    ]);
    versions.importRelease({
      ...testRelease('2031-01', [testRecord('X2001', 'Gadget, each', { addedDate: '2020-01-01' })]),
      files: [
        correctionsFile('V1_HCPC2031_Corrections.xlsx', v1),
        correctionsFile('V2_HCPC2031_Corrections.xlsx', v2),
        correctionsFile('HCPC2031_Corrections_notes.xlsx', new TextEncoder().encode('not a workbook')),
      ],
    });
  });
  afterAll(() => versions.close());

  const tableOf = (name: string) => exportDataset(versions).tables.find((t) => t.name === name);

  it('names every list file held, with its status, and the corrections table holds the list in force alone', () => {
    const lists = tableOf('corrections_lists');
    expect(lists?.columns.map((c) => c.name)).toEqual([
      'release',
      'release_id',
      'position',
      'file',
      'entries',
      'status',
      'superseded_by',
      'error',
    ]);
    const byFile = new Map(lists?.rows.map((r) => [r[3], r]));
    expect(byFile.get('V1_HCPC2031_Corrections.xlsx')?.slice(4, 7)).toEqual([
      2,
      'superseded',
      'V2_HCPC2031_Corrections.xlsx',
    ]);
    expect(byFile.get('V2_HCPC2031_Corrections.xlsx')?.slice(4, 8)).toEqual([3, 'in force', null, null]);
    const unread = byFile.get('HCPC2031_Corrections_notes.xlsx');
    expect(unread?.slice(4, 6)).toEqual([0, 'not read']);
    expect(String(unread?.[7])).toMatch(/\S/);
    expect(lists?.rows.map((r) => r.slice(0, 3))).toEqual([
      ['2031-01_v1', '2031-01', 1],
      ['2031-01_v1', '2031-01', 2],
      ['2031-01_v1', '2031-01', 3],
    ]);
    expect(tableOf('corrections')?.rows.map((r) => `${r[3]} ${r[10]}`)).toEqual([
      'X2001 V2_HCPC2031_Corrections.xlsx [sheet 2019 HCPS Corrections] row 5',
      'X2002 V2_HCPC2031_Corrections.xlsx [sheet 2019 HCPS Corrections] row 6',
      'X2003 V2_HCPC2031_Corrections.xlsx [sheet 2019 HCPS Corrections] row 7',
    ]);
  });
});
