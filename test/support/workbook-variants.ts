/**
 * Test support: a real ANWEB workbook (or fixed-width file) as rows of cell values, and the
 * rewrites of those rows into the shapes older or future CMS workbooks take (no header row, a
 * header lower down, other headings, extra empty columns, numbers and dates stored otherwise,
 * long descriptions split over rows), written with the project's spreadsheet library as XLSX or
 * legacy XLS (BIFF8).
 */
import * as XLSX from '@e965/xlsx';
import {
  CODE_FIELD,
  DETAIL_FIELDS,
  type FieldSpec,
  LONG_DESCRIPTION_FIELD,
  RECORD_ID_FIELD,
  SEQUENCE_NUMBER_FIELD,
} from '../../src/layout/index.js';
import { canonicalHeading } from '../../src/layout/workbook-headings.js';
import { recordLine } from './fixtures.js';

export type Value = string | number | Date | null;

/** A records sheet: the rows above the header, the header, the record rows. */
export interface SheetRows {
  readonly preamble: Value[][];
  readonly header: string[];
  readonly data: Value[][];
}

/** Every field in layout order, as the workbooks order their columns. */
const LAYOUT_FIELDS: readonly FieldSpec[] = [
  CODE_FIELD,
  SEQUENCE_NUMBER_FIELD,
  RECORD_ID_FIELD,
  LONG_DESCRIPTION_FIELD,
  ...DETAIL_FIELDS,
];

/** The headings of 2019-2026 workbooks, in layout order. */
export const CURRENT_HEADINGS: readonly string[] = LAYOUT_FIELDS.flatMap((f) => f.workbookColumns);

/** The headings of the 2013 workbook (HCPC2013_A-N.xlsx), in layout order. */
export const HEADINGS_2013: readonly string[] = [
  'HCPC',
  'SEQ NUM',
  'RIC',
  'LONG DESCRIPTION',
  'SHORT DESCRIPTION',
  ...[1, 2, 3, 4].map((n) => `PI${n}`),
  'MPI',
  ...[1, 2, 3].map((n) => `CIM${n}`),
  ...[1, 2, 3].map((n) => `MCM${n}`),
  'STATUTE',
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `LAB CERT${n}`),
  ...[1, 2, 3, 4, 5].map((n) => `X-REF${n}`),
  'COVERAGE',
  'ASC PAY GRP',
  'ASC PAY GRP EFF DATE',
  'MOG PAY GRP',
  'MOG PAY IND',
  'MOG EFF DATE',
  'PROC NOTE',
  'BETOS',
  ...[1, 2, 3, 4, 5].map((n) => `TOS${n}`),
  'ANEST BASE UNITS',
  'CODE ADD DATE',
  'ACTION EFF DATE',
  'TERM DATE',
  'ACTION CODE',
];

/** The record layout's own names (label, with the occurrence as "#n"), in layout order. */
export const LAYOUT_NAME_HEADINGS: readonly string[] = LAYOUT_FIELDS.flatMap((f) =>
  f.workbookColumns.map((_, i) => (f.occurs > 1 ? `${f.label} #${i + 1}` : f.label)),
);

function cellValue(cell: XLSX.CellObject | undefined): Value {
  if (!cell || cell.v === undefined || cell.v === null || cell.v === '') return null;
  // An error cell (2013's "- homemix" read as a formula) is read by its code; keep that number.
  return cell.v as Value;
}

/**
 * The records sheet of a workbook as values (the header found by its first heading, HCPC).
 * @example readSheetRows(bytes).header[0] // 'HCPC'
 */
export function readSheetRows(bytes: Uint8Array): SheetRows {
  const workbook = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: true });
  for (const name of workbook.SheetNames) {
    const dense = (workbook.Sheets[name] as { '!data'?: XLSX.CellObject[][] })['!data'] ?? [];
    const rows = Array.from(dense, (r) => Array.from(r ?? [], (cell) => cellValue(cell)));
    const headerIndex = rows.findIndex((r) => String(r[0] ?? '').trim() === 'HCPC');
    if (headerIndex < 0) continue;
    const header = (rows[headerIndex] ?? []).map((v) => String(v ?? ''));
    const width = header.length;
    const pad = (r: Value[]) => Array.from({ length: width }, (_, i) => r[i] ?? null);
    return {
      preamble: rows.slice(0, headerIndex),
      header,
      data: rows
        .slice(headerIndex + 1)
        .filter((r) => r.some((v) => v !== null))
        .map(pad),
    };
  }
  throw new Error('no sheet with an HCPC header');
}

/** `YYYYMMDD` text of a date value as CMS writes it (text, a number, or a date cell). */
function yyyymmdd(value: Value): string | undefined {
  if (value instanceof Date)
    return `${value.getFullYear()}${String(value.getMonth() + 1).padStart(2, '0')}${String(value.getDate()).padStart(2, '0')}`;
  const text = String(value ?? '').trim();
  return /^\d{8}$/.test(text) ? text : undefined;
}

/** The text a value stands for in a field (what the fixed-width file holds there). */
function textOf(value: Value, field: FieldSpec): string {
  if (value === null) return '';
  if (field.type === 'date') return yyyymmdd(value) ?? String(value).trim();
  if (typeof value === 'number')
    return field.zeroPadded ? String(value).padStart(field.length, '0') : String(value);
  return String(value).trim();
}

/** Where each layout column sits in a header, by heading. */
function columnsOf(header: readonly string[]): Map<string, number> {
  return new Map(header.map((h, i) => [canonicalHeading(h), i]));
}

function columnOf(header: readonly string[], heading: string): number {
  const index = columnsOf(header).get(canonicalHeading(heading));
  if (index === undefined) throw new Error(`no column ${heading}`);
  return index;
}

/** The columns of the date fields (layout fields 13, 16, 27-29: ASC_DT, OPPS_DT, ADD DT, ACT EFF DT, TERM DT). */
export function dateColumns(header: readonly string[]): number[] {
  return DETAIL_FIELDS.filter((f) => f.type === 'date').flatMap((f) =>
    f.workbookColumns.map((h) => columnOf(header, h)),
  );
}

/** Rows with each date cell replaced by `to(yyyymmdd)` (blank dates by `blank`, when given). */
export function mapDates(
  rows: SheetRows,
  to: (date: string) => Value,
  blank?: (row: number) => Value,
): SheetRows {
  const columns = dateColumns(rows.header);
  return {
    ...rows,
    data: rows.data.map((r, ri) =>
      r.map((v, i) => {
        if (!columns.includes(i)) return v;
        const date = yyyymmdd(v);
        if (date) return to(date);
        return v === null && blank ? blank(ri) : v;
      }),
    ),
  };
}

/** An Excel date serial (days since 1899-12-30, Excel's 1900 calendar for dates after February 1900). */
export function excelSerial(date: string): number {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
  return Math.round((utc - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** Local-midnight date of `YYYYMMDD` (the spreadsheet library writes dates in local time). */
export function localDate(date: string): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
}

/** Words of a description cut into lines of at most `width` characters, each cut at a single blank. */
function cutDescription(text: string, width: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > width) {
    let at = -1;
    for (let i = Math.min(width, rest.length - 1); i > 0; i--) {
      if (rest[i] === ' ' && rest[i - 1] !== ' ' && rest[i + 1] !== ' ') {
        at = i;
        break;
      }
    }
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

const CONTINUATION_ID: Readonly<Record<string, string>> = { '3': '4', '7': '8' };

/** Each long description over `width` characters split over continuation rows (record id 4 or 8). */
export function splitDescriptions(rows: SheetRows, width: number): SheetRows {
  const [code, seq, rid, desc] = ['HCPC', 'SEQNUM', 'RECID', 'LONG DESCRIPTION'].map((h) =>
    columnOf(rows.header, h),
  ) as [number, number, number, number];
  // Records that already have continuation rows keep them as they are.
  const continued = new Set(
    rows.data.filter((r) => /^[48]$/.test(String(r[rid] ?? '').trim())).map((r) => String(r[code]).trim()),
  );
  const data: Value[][] = [];
  for (const row of rows.data) {
    const parts = cutDescription(String(row[desc] ?? ''), width);
    const continuation = CONTINUATION_ID[String(row[rid] ?? '').trim()];
    if (parts.length === 1 || !continuation || continued.has(String(row[code]).trim())) {
      data.push(row);
      continue;
    }
    const sequence = Number(row[seq]);
    data.push(row.map((v, i) => (i === desc ? (parts[0] ?? '') : v)));
    parts.slice(1).forEach((part, k) => {
      const line: Value[] = row.map(() => null);
      line[code] = row[code] ?? null;
      line[seq] = String(sequence + k + 1).padStart(4, '0');
      line[rid] = continuation;
      line[desc] = part;
      data.push(line);
    });
  }
  return { ...rows, data };
}

/** Continuation rows (record id 4 or 8) folded into their first row's description. */
export function mergeContinuations(rows: SheetRows): SheetRows {
  const [rid, desc] = ['RECID', 'LONG DESCRIPTION'].map((h) => columnOf(rows.header, h)) as [number, number];
  const data: Value[][] = [];
  for (const row of rows.data) {
    const id = String(row[rid] ?? '').trim();
    const last = data[data.length - 1];
    if ((id === '4' || id === '8') && last) {
      last[desc] = `${String(last[desc] ?? '').trim()} ${String(row[desc] ?? '').trim()}`;
      continue;
    }
    data.push([...row]);
  }
  return { ...rows, data };
}

/** Every text cell that holds only digits stored as a number instead ("11" as 11, "0010" as 10). */
export function digitsAsNumbers(rows: SheetRows): SheetRows {
  return {
    ...rows,
    data: rows.data.map((r) =>
      r.map((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v)),
    ),
  };
}

/** Empty columns inserted before the given layout headings (no heading above them). */
export function withEmptyColumns(rows: SheetRows, before: readonly string[]): SheetRows {
  const at = new Set(before.map((h) => columnOf(rows.header, h)));
  const spread = <T>(r: readonly T[], empty: T) => r.flatMap((v, i) => (at.has(i) ? [empty, v] : [v]));
  return {
    preamble: rows.preamble,
    header: spread(rows.header, ''),
    data: rows.data.map((r) => spread(r, null)),
  };
}

/** The header's headings replaced, column by column in layout order, by `headings`. */
export function renamed(rows: SheetRows, headings: readonly string[]): SheetRows {
  const columns = columnsOf(rows.header);
  const header = [...rows.header];
  CURRENT_HEADINGS.forEach((h, i) => {
    const index = columns.get(canonicalHeading(h));
    if (index !== undefined) header[index] = headings[i] ?? h;
  });
  return { ...rows, header };
}

/**
 * A workbook of `sheets` (name and rows), written as XLSX or legacy XLS (BIFF8).
 * @example sheetsWorkbook([['Records', rows]], 'biff8')
 */
export function sheetsWorkbook(
  sheets: readonly (readonly [string, Value[][]])[],
  bookType: 'xlsx' | 'biff8',
): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of sheets) {
    const sheet = XLSX.utils.aoa_to_sheet(rows, {
      cellDates: true,
      dateNF: 'm/d/yyyy',
      dense: true,
    } as XLSX.AOA2SheetOpts);
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  // Without a shared string table the library's BIFF8 writer cuts strings at 255 characters (a
  // LABEL record's limit); CMS's XLS keeps its long descriptions whole in one.
  return new Uint8Array(
    XLSX.write(book, { type: 'buffer', bookType, compression: true, bookSST: bookType === 'biff8' }),
  );
}

/** The header and record rows as one sheet's rows, under `above` (free text rows). */
export function sheetOf(rows: SheetRows, options: { header?: boolean; above?: Value[][] } = {}): Value[][] {
  return [...(options.above ?? []), ...(options.header === false ? [] : [rows.header]), ...rows.data];
}

/** The rows of a fixed-width file's record lines, one row per line (first and continuation lines), as CMS's workbooks lay them out. */
export function rowsOfFixedWidth(text: string): SheetRows {
  const data: Value[][] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (!/^[ A-Z0-9]{5}\d{5}[3478]/.test(line)) continue;
    const row: Value[] = [];
    for (const field of LAYOUT_FIELDS) {
      for (let i = 0; i < field.workbookColumns.length; i++) {
        const start = field.start - 1 + i * field.length;
        const raw = line.slice(start, start + field.length);
        const text = field === CODE_FIELD ? raw : raw.trim();
        row.push(text.trim() === '' ? null : text);
      }
    }
    data.push(row);
  }
  return { preamble: [], header: [...CURRENT_HEADINGS], data };
}

/** The records of a sheet as a 320-column fixed-width file (descriptions over 80 characters on continuation lines). */
export function fixedWidthOf(rows: SheetRows): string {
  const columns = columnsOf(rows.header);
  const at = (field: FieldSpec, i: number) =>
    columns.get(canonicalHeading(field.workbookColumns[i] ?? '')) ?? -1;
  const lines: string[] = [];
  for (const row of rows.data) {
    const value = (field: FieldSpec, i = 0) => textOf(row[at(field, i)] ?? null, field);
    const code = value(CODE_FIELD);
    const rid = value(RECORD_ID_FIELD);
    // Room for the continuation lines a long description needs before the file's own next line.
    const sequence = Number(value(SEQUENCE_NUMBER_FIELD)) * 100;
    const parts = cutDescription(value(LONG_DESCRIPTION_FIELD), LONG_DESCRIPTION_FIELD.length);
    const detail = Object.fromEntries(
      DETAIL_FIELDS.map((f) => [f.key, f.workbookColumns.map((_, i) => value(f, i))] as const),
    );
    lines.push(
      recordLine({
        ...detail,
        code,
        seq: String(sequence).padStart(5, '0'),
        rid,
        longDescription: parts[0] ?? '',
      }),
    );
    parts.slice(1).forEach((part, k) => {
      lines.push(
        recordLine({
          code,
          seq: String(sequence + k + 1).padStart(5, '0'),
          rid: CONTINUATION_ID[rid] ?? rid,
          longDescription: part,
        }),
      );
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
