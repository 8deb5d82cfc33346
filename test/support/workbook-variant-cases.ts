/**
 * Test support: the workbook variants every base workbook is rewritten into, and the test body
 * that imports each one and compares it field by field with the import of the original file.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, it } from 'vitest';
import { type ParsedRelease, readReleases } from '../../src/ingest/release.js';
import { expectSameRelease, useVariantDir, writeVariant } from './release-variants.js';
import {
  CURRENT_HEADINGS,
  digitsAsNumbers,
  excelSerial,
  HEADINGS_2013,
  LAYOUT_NAME_HEADINGS,
  localDate,
  mapDates,
  mergeContinuations,
  readSheetRows,
  renamed,
  type SheetRows,
  sheetOf,
  sheetsWorkbook,
  splitDescriptions,
  type Value,
  withEmptyColumns,
} from './workbook-variants.js';

/** A real release whose workbook (or records) the variants are made from. */
export interface WorkbookBase {
  readonly label: string;
  /** The CMS file name the variants are written under (its extension set by the variant). */
  readonly stem: string;
  readonly id: string;
  readonly revision?: number;
  rows: SheetRows;
  original: ParsedRelease;
}

/** Where a base workbook comes from: its CMS file name and how to get its bytes (read in `beforeAll`). */
export interface WorkbookSource {
  readonly label: string;
  /** The CMS file name, extension included. */
  readonly name: string;
  readonly id: string;
  readonly revision?: number;
  readonly bytes: () => Uint8Array;
}

/**
 * A base workbook read once before the tests: its rows, and the import of the original file
 * (alone, under its CMS name, in `path`).
 */
export function useWorkbookBase(source: WorkbookSource, path: (...parts: string[]) => string): WorkbookBase {
  const base: WorkbookBase = {
    label: source.label,
    stem: source.name.replace(/\.xlsx?$/i, ''),
    id: source.id,
    ...(source.revision ? { revision: source.revision } : {}),
    rows: { preamble: [], header: [], data: [] },
    original: undefined as unknown as ParsedRelease,
  };
  beforeAll(() => {
    const bytes = source.bytes();
    base.rows = readSheetRows(bytes);
    const [release] = readReleases([writeVariant(path('original', source.label, source.name), bytes)]);
    if (!release) throw new Error(`${source.name} did not import`);
    base.original = release;
  });
  return base;
}

export interface WorkbookVariant {
  readonly what: string;
  readonly bookType?: 'xlsx' | 'biff8';
  readonly sheets: (base: WorkbookBase) => (readonly [string, Value[][]])[];
}

const DISCLAIMER: Value[][] = [
  [
    'Note regarding coverage and payment indicators for codes in CMS’ HCPCS Update and DMEPOS Fee Schedule Files',
  ],
  [],
  [
    'If specific Medicare coverage or payment indicators or values have not been established for any new HCPCS codes, ...',
  ],
];

const records = (rows: SheetRows, options?: Parameters<typeof sheetOf>[1]) => [
  ['HCPC_CONTR', sheetOf(rows, options)] as const,
];

/** The other era's headings: the current ones for the 2013 workbook, 2013's for later ones. */
const otherEraHeadings = (base: WorkbookBase) =>
  base.rows.header.includes('SEQNUM') ? HEADINGS_2013 : CURRENT_HEADINGS;

export const WORKBOOK_VARIANTS: readonly WorkbookVariant[] = [
  { what: 'the same rows written anew as XLSX', sheets: (b) => records(b.rows) },
  { what: 'no header row (records from row 1)', sheets: (b) => records(b.rows, { header: false }) },
  {
    what: 'no header row, records from column B under a disclaimer',
    sheets: (b) => [
      [
        'HCPC_CONTR',
        [...DISCLAIMER, [], ...b.rows.data].map((r, i) => (i < DISCLAIMER.length + 1 ? r : [null, ...r])),
      ] as const,
    ],
  },
  {
    what: 'the header on row 3 under a disclaimer',
    sheets: (b) => records(b.rows, { above: [DISCLAIMER[0] ?? [], []] }),
  },
  {
    what: 'the header on row 5 of the second sheet, a notes sheet first',
    sheets: (b) => [
      ['Notes', [['Alpha-Numeric HCPCS file'], ['See the README for the record layout.']]] as const,
      ...records(b.rows, { above: [...DISCLAIMER, []] }),
    ],
  },
  {
    what: 'the other era’s column headings (2013 "SEQ NUM", "PI1", "CODE ADD DATE" ... or the current ones)',
    sheets: (b) => records(renamed(b.rows, otherEraHeadings(b))),
  },
  {
    what: 'the record layout’s own field names as headings ("Pricing Indicator Code #1", "Code Added Date")',
    sheets: (b) => records(renamed(b.rows, LAYOUT_NAME_HEADINGS)),
  },
  {
    what: 'extra empty columns (column A, and before SHORT DESCRIPTION and COV)',
    sheets: (b) => records(withEmptyColumns(b.rows, ['HCPC', 'SHORT DESCRIPTION', 'COV'])),
  },
  {
    what: 'no header row and extra empty columns (column A, and before SHORT DESCRIPTION and BETOS)',
    sheets: (b) =>
      records(withEmptyColumns(b.rows, ['HCPC', 'SHORT DESCRIPTION', 'BETOS']), { header: false }),
  },
  {
    what: 'every all-digit cell stored as a number (pricing indicator 11 as 11, SEQNUM 0010 as 10, dates as 20200101)',
    sheets: (b) => records(digitsAsNumbers(b.rows)),
  },
  {
    what: 'dates as Excel date cells (m/d/yyyy format)',
    sheets: (b) => records(mapDates(b.rows, localDate)),
  },
  {
    what: 'dates as Excel serial numbers in cells without a date format',
    sheets: (b) => records(mapDates(b.rows, excelSerial)),
  },
  {
    what: 'dates as text the way Excel shows them (1/1/2020)',
    sheets: (b) =>
      records(mapDates(b.rows, (d) => `${Number(d.slice(4, 6))}/${Number(d.slice(6, 8))}/${d.slice(0, 4)}`)),
  },
  {
    what: 'blank dates written as 00000000 or 0',
    sheets: (b) =>
      records(
        mapDates(
          b.rows,
          (d) => d,
          (row) => (row % 2 ? '00000000' : 0),
        ),
      ),
  },
  {
    what: 'long descriptions split over continuation rows (record id 4 or 8) at 60 characters',
    sheets: (b) => records(splitDescriptions(b.rows, 60)),
  },
  {
    what: 'continuation rows folded into their first row',
    sheets: (b) => records(mergeContinuations(b.rows)),
  },
];

/** Imports each variant of each base and compares every field of every record with the base's original import. */
export function describeWorkbookVariants(
  bases: readonly WorkbookBase[],
  variants: readonly WorkbookVariant[],
  path: (...parts: string[]) => string,
): void {
  describe.each(bases.map((b) => [b.label, b] as const))('the %s workbook rewritten', (label, base) => {
    it.each(variants.map((v) => [v.what, v] as const))(
      '%s: every field of every record reads the same',
      (what, variant) => {
        const bookType = variant.bookType ?? 'xlsx';
        const name = `${base.stem}.${bookType === 'biff8' ? 'xls' : 'xlsx'}`;
        const file = writeVariant(
          path(label, what.replace(/\W+/g, '-').slice(0, 60), name),
          sheetsWorkbook(variant.sheets(base), bookType),
        );
        expectSameRelease(file, base.original, {
          id: base.id,
          ...(base.revision ? { revision: base.revision } : {}),
        });
      },
    );
  });
}

/** One of WORKBOOK_VARIANTS by the start of its description. */
export function workbookVariant(what: string): WorkbookVariant {
  const found = WORKBOOK_VARIANTS.find((v) => v.what.startsWith(what));
  if (!found) throw new Error(`no workbook variant "${what}"`);
  return found;
}

/** The shapes that matter for legacy XLS (slow to write, so each written once per base). */
export const XLS_VARIANTS = {
  sameRows: {
    what: 'the same rows written anew as legacy XLS (BIFF8)',
    bookType: 'biff8',
    sheets: (b) => records(b.rows),
  },
  olderShape: {
    what: 'legacy XLS with no header row, all-digit cells as numbers, dates as Excel date cells, long descriptions over rows',
    bookType: 'biff8',
    sheets: (b) =>
      records(splitDescriptions(mapDates(digitsAsNumbers(b.rows), localDate), 70), { header: false }),
  },
} as const satisfies Record<string, WorkbookVariant>;

/** The bytes of one member of a CMS zip. */
export function zipMember(zip: string, name: string): () => Uint8Array {
  return () => {
    const bytes = unzipSync(readFileSync(zip), { filter: (f) => f.name === name })[name];
    if (!bytes) throw new Error(`${name} is not in ${zip}`);
    return bytes;
  };
}

/**
 * A whole variant test file: the base workbook read once, each variant written to a temporary
 * folder (removed after the tests), imported and compared with the import of the original.
 * @example describeVariantsOf({ label: '2019', name, id: '2019-01', bytes }, [XLS_VARIANTS.sameRows])
 */
export function describeVariantsOf(source: WorkbookSource, variants: readonly WorkbookVariant[]): void {
  const dir = useVariantDir(`workbook-${source.label}`);
  describeWorkbookVariants([useWorkbookBase(source, dir.path)], variants, dir.path);
}
