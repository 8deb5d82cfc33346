/**
 * codeVersionRows on a store written here: the validity spans follow CMS's corrections, which move
 * `hcpcs check`'s answer at their own dates.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { correctionsWorkbook, testRecord, testRelease } from '../../test/support/fixtures.js';
import { HcpcsStore } from '../store/store.js';
import { codeVersionRows } from './dataset.js';

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
