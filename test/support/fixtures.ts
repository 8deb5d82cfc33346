/**
 * Small fixed-width and workbook fixtures written by the tests themselves (never CMS files):
 * record lines are laid out from `src/layout`, so they follow the CMS record layout by construction.
 */
import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import type { ParsedRelease } from '../../src/ingest/release.js';
import {
  CODE_FIELD,
  DETAIL_FIELDS,
  type FieldSpec,
  LONG_DESCRIPTION_FIELD,
  occurrenceColumns,
  RECORD_ID_FIELD,
  RECORD_LENGTH,
  SEQUENCE_NUMBER_FIELD,
} from '../../src/layout/index.js';
import { blankRecord, type HcpcsRecord } from '../../src/model.js';

export type FixtureValues = Record<string, string | string[]>;

function put(line: string[], field: FieldSpec, value: string, occurrence = 0): void {
  const { start } = occurrenceColumns(field, occurrence);
  const text = value.padEnd(field.length).slice(0, field.length);
  for (let i = 0; i < field.length; i++) line[start + i] = text[i] ?? ' ';
}

/**
 * One 320-character line: `code` is placed as CMS places it (modifiers right-aligned).
 * @example recordLine({ code: 'J1640', seq: '00100', rid: '3', longDescription: 'Injection, hemin, 1 mg' })
 */
export function recordLine(values: FixtureValues & { code: string; seq?: string; rid?: string }): string {
  const line = Array.from({ length: RECORD_LENGTH }, () => ' ');
  put(line, CODE_FIELD, values.code.length === 2 ? `   ${values.code}` : values.code);
  put(line, SEQUENCE_NUMBER_FIELD, values.seq ?? '00100');
  put(line, RECORD_ID_FIELD, values.rid ?? (values.code.length === 2 ? '7' : '3'));
  put(line, LONG_DESCRIPTION_FIELD, String(values.longDescription ?? ''));
  for (const field of DETAIL_FIELDS) {
    const value = values[field.key];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((v, i) => {
      put(line, field, field.key === 'anesthesiaBaseUnits' ? v.padStart(field.length) : v, i);
    });
  }
  return line.join('');
}

/** A valid first line of a procedure code with typical values. */
export function procedureLine(code: string, overrides: FixtureValues = {}): string {
  return recordLine({
    code,
    longDescription: `Test procedure ${code}`,
    shortDescription: `Test ${code}`,
    pricingIndicators: ['51'],
    multiplePricingIndicator: 'A',
    coverage: 'C',
    betos: 'O1E',
    typesOfService: ['1'],
    anesthesiaBaseUnits: '0',
    addedDate: '20200101',
    actionEffectiveDate: '20200101',
    actionCode: 'N',
    ...overrides,
  });
}

/** Lines joined as CMS writes them: CRLF, one at the end. */
export function fileText(lines: readonly string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

/** The ANWEB workbook's column headings, in layout order. */
const WORKBOOK_HEADER = [
  CODE_FIELD,
  SEQUENCE_NUMBER_FIELD,
  RECORD_ID_FIELD,
  LONG_DESCRIPTION_FIELD,
  ...DETAIL_FIELDS,
].flatMap((f) => f.workbookColumns);

/** An ANWEB-style workbook: `preamble` rows, then the header, then the rows. */
export function workbookBytes(
  rows: readonly (readonly (string | number | Date | null)[])[],
  options: { sheet?: string; preamble?: readonly string[]; bookType?: 'xlsx' | 'biff8' } = {},
): Buffer {
  const aoa = [...(options.preamble ?? []).map((p) => [p]), WORKBOOK_HEADER, ...rows];
  const sheet = XLSX.utils.aoa_to_sheet(aoa as unknown[][]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, options.sheet ?? 'A');
  return XLSX.write(book, { type: 'buffer', bookType: options.bookType ?? 'xlsx' }) as Buffer;
}

/**
 * A corrections list shaped like CMS's 2019 one (HCPC2019_Corrections_ALPHA.xlsx): a title row, two
 * blank rows, the header CODE | ACTION | EFF DATE | SHORT DESC | LONG DESC | TOS | BETOS | COV | PRICE |
 * XREF CODE | ASC IND | ASC DATE | COMMENTS, then `rows`.
 */
export function correctionsWorkbook(rows: readonly unknown[][]): Uint8Array {
  const header = ['CODE', 'ACTION', 'EFF DATE', 'SHORT DESC', 'LONG DESC', 'TOS ', 'BETOS', 'COV', 'PRICE'];
  const sheet = XLSX.utils.aoa_to_sheet(
    [
      [null, null, null, '2019 ALPHA-NUMERIC HCPCS CORRECTIONS'],
      [],
      [],
      [...header, 'XREF CODE', 'ASC IND', 'ASC DATE', 'COMMENTS'],
      ...rows,
    ],
    { cellDates: true },
  );
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '2019 HCPS Corrections');
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/**
 * A corrections list file of a release as the import keeps it (role `corrections`), for
 * `store.importRelease({ ...testRelease(...), files: [...] })`.
 */
export function correctionsFile(name: string, bytes: Uint8Array) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    path: `corrections.zip!${name}`,
    name,
    role: 'corrections' as const,
    sha256,
    size: bytes.length,
    bytes,
  };
}

/** The workbook columns in order, for building rows by name. */
export function workbookRow(
  values: Record<string, string | number | Date>,
): (string | number | Date | null)[] {
  return WORKBOOK_HEADER.map((h) => values[h] ?? null);
}

/**
 * A record value with every field blank but the ones given: for tests that build an index or a
 * store from records written by hand.
 * @example testRecord('J1640', 'Injection, hemin, 1 mg', { coverage: 'D' })
 */
export function testRecord(
  code: string,
  longDescription: string,
  extra: Partial<HcpcsRecord> = {},
): HcpcsRecord {
  return { ...blankRecord(code, ''), longDescription, coverage: 'C', actionCode: 'N', ...extra };
}

/**
 * A parsed release of records written by hand, ready for `store.importRelease`: no source files,
 * no processing notes; each record takes the release id.
 * @example store.importRelease(testRelease('2025-01', [testRecord('J1640', 'Injection, hemin, 1 mg')]))
 */
export function testRelease(id: string, records: readonly HcpcsRecord[], revision = 1): ParsedRelease {
  return {
    id,
    revision,
    sourceOfRecord: `${id}.txt`,
    records: records.map((r) => ({ ...r, release: id })),
    files: [],
    processingNotes: new Map<string, string>(),
    layoutDifferences: [],
  };
}
