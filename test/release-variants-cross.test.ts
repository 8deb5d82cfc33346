/**
 * The two record formats read against each other: the 2026-01 fixed-width records written as a
 * workbook the way CMS lays its workbooks out (one row per line, XLSX and legacy XLS, with and
 * without a header) must read exactly as the fixed-width file does, and the 2023-01 workbook's
 * records written as a 320-column fixed-width file exactly as the workbook does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { decodeText, type ParsedRelease, readReleases } from '../src/ingest/release.js';
import { cms } from './support/cms.js';
import { expectSameRelease, useVariantDir, writeVariant } from './support/release-variants.js';
import {
  describeWorkbookVariants,
  WORKBOOK_VARIANTS,
  type WorkbookBase,
} from './support/workbook-variant-cases.js';
import {
  fixedWidthOf,
  readSheetRows,
  rowsOfFixedWidth,
  type SheetRows,
} from './support/workbook-variants.js';

const dir = useVariantDir('cross');
const TXT_2026 = cms('2026-01/HCPC2026_JAN_ANWEB_01122026.txt');
const XLSX_2023 = join(cms(), '../cms-more/2023-01/HCPC2023_JAN_ANWEB_v3.xlsx');

const from2026: WorkbookBase = {
  label: '2026-01 (from its fixed-width file)',
  stem: 'HCPC2026_JAN_ANWEB',
  id: '2026-01',
  rows: undefined as unknown as SheetRows,
  original: undefined as unknown as ParsedRelease,
};
let original2023: ParsedRelease;
let rows2023: SheetRows;

beforeAll(() => {
  const txt = readFileSync(TXT_2026);
  from2026.rows = rowsOfFixedWidth(decodeText(txt));
  from2026.original = readReleases([TXT_2026])[0] as ParsedRelease;
  const xlsx = readFileSync(XLSX_2023);
  rows2023 = readSheetRows(xlsx);
  original2023 = readReleases([XLSX_2023])[0] as ParsedRelease;
});

const byName = (what: string) => WORKBOOK_VARIANTS.filter((v) => v.what.startsWith(what));

describeWorkbookVariants(
  [from2026],
  [
    ...byName('the same rows written anew as XLSX'),
    ...byName('no header row (records from row 1)'),
    ...byName('continuation rows folded'),
    ...byName('dates as Excel date cells').map((v) => ({
      ...v,
      what: `${v.what}, as legacy XLS`,
      bookType: 'biff8' as const,
    })),
  ],
  dir.path,
);

describe('the 2023-01 workbook (no fixed-width file was published) written as a fixed-width file', () => {
  it('reads exactly as the workbook: every field of every record', () => {
    const path = writeVariant(dir.path('2023-txt', 'HCPC2023_JAN_ANWEB_v3.txt'), fixedWidthOf(rows2023));
    expectSameRelease(path, original2023, { id: '2023-01', revision: 3 });
  });
});
