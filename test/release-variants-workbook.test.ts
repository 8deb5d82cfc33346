/**
 * A workbook-only release (2023-01, XLSX: no fixed-width file was published) rewritten into the
 * shapes CMS's workbooks take over the years, each imported and compared field by field with the
 * import of the original workbook. CMS files are read from ../shared at test time; the variants
 * live in a temporary folder removed after the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ParsedRelease, readReleases } from '../src/ingest/release.js';
import { cms } from './support/cms.js';
import { seededRandom } from './support/random.js';
import {
  expectSameRelease,
  fieldDifferences,
  useVariantDir,
  writeVariant,
} from './support/release-variants.js';
import {
  describeWorkbookVariants,
  useWorkbookBase,
  WORKBOOK_VARIANTS,
} from './support/workbook-variant-cases.js';
import { CURRENT_HEADINGS, renamed, sheetOf, sheetsWorkbook } from './support/workbook-variants.js';

/** FUZZ_CASES multiplies the seeded cases below, as in import-fuzz.test.ts. */
const SCALE = Number(process.env.FUZZ_CASES ?? 1);

const name = 'HCPC2023_JAN_ANWEB_v3.xlsx';
const dir = useVariantDir('workbook-2023-01');
const base = useWorkbookBase(
  {
    label: '2023-01',
    name,
    id: '2023-01',
    revision: 3,
    bytes: () => readFileSync(join(cms(), '../cms-more/2023-01', name)),
  },
  dir.path,
);
describeWorkbookVariants([base], WORKBOOK_VARIANTS, dir.path);

describe('the 2023-01 workbook with three headings this program does not know', () => {
  // Spellings no CMS workbook seen so far uses: read by their place in the layout order.
  const unknown: Readonly<Record<string, string>> = {
    BETOS: 'BETOS CODE',
    'ADD DT': 'DATE ADDED',
    'ACTION CD': 'ACTN',
  };

  it('reads every field as the original; each record holding a value there says which column it came from', () => {
    const headings = CURRENT_HEADINGS.map((h) => unknown[h] ?? h);
    const file = writeVariant(
      dir.path('unknown-headings', name),
      sheetsWorkbook([['HCPC_CONTR', sheetOf(renamed(base.rows, headings))]], 'xlsx'),
    );
    const [variant] = readReleases([file]) as [ParsedRelease];
    expect(fieldDifferences(base.original.records, variant.records, ['warnings']).slice(0, 10)).toEqual([]);
    const byCode = new Map(variant.records.map((r) => [`${r.kind}:${r.code}`, r]));
    const added: Record<string, number> = {};
    for (const record of base.original.records) {
      const read = byCode.get(`${record.kind}:${record.code}`);
      const more = (read?.warnings ?? []).slice(record.warnings.length);
      expect(read?.warnings.slice(0, record.warnings.length)).toEqual(record.warnings);
      for (const w of more) added[w.field] = (added[w.field] ?? 0) + 1;
    }
    // As many warnings as records with a value in each column: counted from the original's fields.
    const holding = (value: (r: (typeof base.original.records)[number]) => unknown) =>
      base.original.records.filter((r) => value(r) !== null && value(r) !== '').length;
    expect(added).toEqual({
      betos: holding((r) => r.betos),
      addedDate: holding((r) => r.addedDate),
      actionCode: holding((r) => r.actionCode),
    });
    expect(added.addedDate).toBeGreaterThan(7000);
    expect(byCode.get('procedure:J1640')?.warnings.at(-1)).toEqual({
      field: 'actionCode',
      value: 'N',
      problem:
        'read from column AV as ACTION CD by its place in the layout order (after TERM DT): its heading "ACTN" is not a name this program knows',
    });
  });
});

describe('the 2023-01 workbook with no header row and empty columns put in at seeded places', () => {
  // One or two columns, anywhere from SEQNUM to ACTION CD: the match over every row must find
  // them (a one-off sweep of all 48 places and 20 pairs in the 2013, 2020-04 and 2023-01
  // workbooks read all 204 exactly).
  const random = seededRandom(48);
  const places = Array.from({ length: 6 * SCALE }, (_, i) =>
    Array.from({ length: 1 + (i % 2) }, () => 1 + Math.floor(random() * 48)).sort((a, b) => b - a),
  );
  it.each(places.map((at) => [at.join(' and '), at] as const))(
    'an empty column before each of sheet columns %s: every field of every record reads the same',
    (label, at) => {
      const data = base.rows.data.map((row) => {
        const wider = [...row];
        for (const column of at) wider.splice(column, 0, null);
        return wider;
      });
      const file = writeVariant(
        dir.path('seeded-empty-columns', label.replace(/\W+/g, '-'), name),
        sheetsWorkbook([['HCPC_CONTR', sheetOf({ ...base.rows, data }, { header: false })]], 'xlsx'),
      );
      expectSameRelease(file, base.original, { id: '2023-01', revision: 3 });
    },
  );
});
