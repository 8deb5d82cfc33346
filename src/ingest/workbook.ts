/**
 * Reads the ANWEB workbook (XLSX, or legacy BIFF8 XLS) that CMS ships beside or instead of the
 * fixed-width file. Columns are found by their headings (HCPC, SEQNUM, RECID, LONG DESCRIPTION,
 * PRICE1 ...; see `workbookColumns` in the layout), wherever the header row sits and whatever the
 * sheet is called. Cells are read as text; a number cell of a zero-padded field gets its zeros back.
 */
import * as XLSX from '@e965/xlsx';
import { type ErrorLocation, inputError } from '../errors.js';
import {
  CODE_FIELD,
  DETAIL_FIELDS,
  type FieldSpec,
  fitsFieldForm,
  LONG_DESCRIPTION_FIELD,
  RECORD_ID_FIELD,
  SEQUENCE_NUMBER_FIELD,
} from '../layout/index.js';
import { canonicalHeading } from '../layout/workbook-headings.js';
import type { FieldWarning } from '../model.js';
import { IMPORT_LIMITS } from './limits.js';
import { DraftCollector, lineRole, type RecordDraft } from './record-builder.js';
import { firstBytes, looksLikeZip, readZip } from './zip-archive.js';

const IDENTITY_FIELDS = [CODE_FIELD, SEQUENCE_NUMBER_FIELD, RECORD_ID_FIELD, LONG_DESCRIPTION_FIELD];
const ALL_FIELDS: readonly FieldSpec[] = [...IDENTITY_FIELDS, ...DETAIL_FIELDS];

/** Every column's heading in layout order, as the layout writes it (HCPC ... ACTION CD). */
const LAYOUT_COLUMNS: readonly string[] = ALL_FIELDS.flatMap((f) => f.workbookColumns);

/** Every column in layout order, normalized: what a workbook without a header row is read by. */
const LAYOUT_ORDER: readonly string[] = LAYOUT_COLUMNS.map(canonicalHeading);

/** The field behind each column of LAYOUT_ORDER. */
const LAYOUT_SLOTS: readonly FieldSpec[] = ALL_FIELDS.flatMap((f) => f.workbookColumns.map(() => f));

export interface WorkbookFile {
  readonly drafts: RecordDraft[];
  readonly sheet: string;
  /** 1-based row of the header; 0 when the sheet has none and columns were read in layout order. */
  readonly headerRow: number;
  /** Text above the header row (CMS's disclaimer), one line per non-empty row. */
  readonly preamble: string;
  /** Text below the last record (a copyright line, "End of file"), kept rather than refused. */
  readonly trailer: string;
}

type Row = readonly (XLSX.CellObject | undefined)[];

/** YYYYMMDD of a cell the workbook holds as a date rather than as CMS's YYYYMMDD text or number. */
function excelDate(cell: XLSX.CellObject): string | undefined {
  // Read with cellDates, so date-formatted cells arrive as Date values holding the cell's date and
  // time as UTC (the library's reading, whatever the machine's time zone, the 1904 date system
  // included): read in UTC, or west of Greenwich every date would read as the day before.
  if (!(cell.v instanceof Date) || Number.isNaN(cell.v.getTime())) return undefined;
  const d = cell.v;
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Number cells of workbooks that count days from 1904 (the date system of Excel for Mac before
 * 2011, a workbook property): a serial there is 1,462 days later than the same number in the 1900
 * system. Date-formatted cells the library turns into dates itself; this is for serials without a
 * date format (otherDateForm).
 */
const SERIALS_FROM_1904 = new WeakSet<XLSX.CellObject>();

function noteDateSystem(book: XLSX.WorkBook): void {
  if (!book.Workbook?.WBProps?.date1904) return;
  for (const sheet of Object.values(book.Sheets))
    for (const row of sheetRows(sheet))
      for (const cell of row) if (cell?.t === 'n') SERIALS_FROM_1904.add(cell);
}

/**
 * The serials read as dates: 1900-01-01 (1) to 2099-12-31 (73050). HCPCS dates lie well inside;
 * a larger number in a date column (a YYYYMMDD short of a digit, 2020101) is no serial a CMS
 * workbook holds, and is left to be reported as not a date rather than read as the year 7430.
 */
const LAST_EXCEL_SERIAL = 73050;

/** `YYYYMMDD` of a calendar date, or undefined when the month or day cannot be one. */
function yyyymmdd(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/**
 * YYYYMMDD of a date cell a workbook holds in another form than the layout's YYYYMMDD (record
 * layout EDIT RULES): an Excel date serial in a cell without a date format (43831 for 2020-01-01;
 * an 8-digit number is CMS's YYYYMMDD itself), or text as Excel shows a date ("1/1/2020", or ISO
 * "2020-01-01"). Anything else is left to be read as it is.
 */
function otherDateForm(cell: XLSX.CellObject): string | undefined {
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const serial = cell.v;
    if (!Number.isInteger(serial) || serial < 1 || serial > LAST_EXCEL_SERIAL || String(serial).length === 8)
      return undefined;
    // The spreadsheet library's reading of a serial keeps Excel's 1900 calendar (its leap day).
    const date = XLSX.SSF.parse_date_code(serial, { date1904: SERIALS_FROM_1904.has(cell) });
    return yyyymmdd(date.y, date.m, date.d);
  }
  if (typeof cell.v !== 'string') return undefined;
  const text = cell.v.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return yyyymmdd(Number(us[3]), Number(us[1]), Number(us[2]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return iso ? yyyymmdd(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
}

/** A cell's value as text: a date field's date as YYYYMMDD, a number as written, blank as ''. */
export function cellText(cell: XLSX.CellObject | undefined, field?: FieldSpec): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (field?.type === 'date') {
    const date = excelDate(cell) ?? otherDateForm(cell);
    if (date) return date;
  }
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const text = Number.isInteger(cell.v) ? String(cell.v) : String(cell.w ?? cell.v);
    return field?.zeroPadded ? text.padStart(field.length, '0') : text;
  }
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  if (cell.v instanceof Date) return excelDate(cell) ?? '';
  return String(cell.v);
}

/**
 * YYYYMMDD of a cell that holds a date in any form a workbook gives one (a date-formatted cell, a
 * serial, "1/1/2020"), or undefined when it holds none.
 */
export function cellDate(cell: XLSX.CellObject | undefined): string | undefined {
  if (!cell || cell.v === undefined || cell.v === null) return undefined;
  return excelDate(cell) ?? otherDateForm(cell);
}

/** Whether a sheet's row holds the ANWEB header (HCPC, RECID and LONG DESCRIPTION at least). */
function headerColumns(row: Row): Map<string, number> | undefined {
  const byHeading = new Map<string, number>();
  row.forEach((cell, index) => {
    const text = canonicalHeading(cellText(cell));
    if (text && !byHeading.has(text)) byHeading.set(text, index);
  });
  const required = IDENTITY_FIELDS.map((f) => canonicalHeading(f.workbookColumns[0] ?? ''));
  return required.every((h) => byHeading.has(h)) ? byHeading : undefined;
}

function sheetRows(sheet: XLSX.WorkSheet): Row[] {
  const dense = (sheet as { '!data'?: Row[] })['!data'];
  return dense ? Array.from(dense, (r) => r ?? []) : [];
}

/** The OLE2 compound-file signature a legacy XLS begins with (MS-CFB 2.2). */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

function isOle2(bytes: Uint8Array): boolean {
  return OLE2_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Whether bytes are a spreadsheet this reader can open (ZIP-based XLSX or OLE2 XLS). */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || isOle2(bytes);
}

/**
 * Opens a workbook, turning the library's failures into an input error that names the file. An
 * XLSX is a zip: its parts are checked against their CRC-32 and sizes first (the spreadsheet
 * library does neither), within the import limits, so a damaged workbook is named as such.
 */
export function openWorkbook(bytes: Uint8Array, file: string): XLSX.WorkBook {
  if (bytes.length === 0) throw inputError('the file is empty (0 bytes), not a workbook', { file });
  const zip = looksLikeZip(bytes);
  if (zip) {
    readZip(
      bytes,
      file,
      { memberBytes: IMPORT_LIMITS.fileBytes, totalBytes: IMPORT_LIMITS.zipBytes, spent: 0 },
      {
        kind: 'workbook',
      },
    );
  } else if (!isOle2(bytes)) {
    throw inputError(
      `not a workbook: an XLSX file begins with the zip signature "PK" and an XLS file with the OLE2 signature D0 CF 11 E0, this one begins with ${firstBytes(bytes)}`,
      { file },
    );
  }
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellHTML: false,
      cellFormula: false,
    });
  } catch (error) {
    // Excel keeps a workbook saved with a password as an encrypted package inside an OLE2 file
    // (MS-OFFCRYPTO 2.3.4: streams EncryptionInfo and EncryptedPackage), whatever its name says.
    if (/password-protected/i.test((error as Error).message)) {
      throw inputError(
        "the workbook is password-protected (encrypted), so it cannot be read: open it in Excel and save it without a password, or import the release's TXT",
        { file },
      );
    }
    // What is left is the library's own reading of the content ("Major Version: Expected 3 or 4
    // saw 14959" for a damaged compound-file header): said plainly first, the detail after.
    throw inputError(
      `the ${zip ? 'XLSX' : 'XLS'} workbook is damaged: its ${zip ? 'parts are intact but their content cannot be read as a spreadsheet' : 'OLE2 compound-file structure cannot be read'} (spreadsheet library: ${(error as Error).message})`,
      { file },
    );
  }
  noteDateSystem(book);
  return book;
}

/**
 * Whether a row is a record's first line as the layout orders the columns: a code, a sequence
 * number, a record identification code of a first line (layout field 6), then a description.
 */
function recordShaped(row: Row): boolean {
  const [code, sequence, recordId, description] = row.slice(0, 4).map((c) => cellText(c).trim());
  return (
    /^[A-Z0-9]{2,5}$/.test(code ?? '') &&
    /^\d{1,5}$/.test(sequence ?? '') &&
    lineRole(recordId ?? '')?.first === true &&
    (description ?? '') !== ''
  );
}

/** Whether a cell holds nothing but blanks (or is missing). */
function isBlank(cell: XLSX.CellObject | undefined): boolean {
  return cellText(cell).trim() === '';
}

/** The index of a row's last non-blank cell, -1 for a blank row. */
function lastFilled(row: Row): number {
  for (let c = row.length - 1; c >= 0; c--) if (!isBlank(row[c])) return c;
  return -1;
}

/** The most columns a headerless sheet may have beyond the layout's to be matched to it. */
const MOST_EXTRA_COLUMNS = 8;

/** How a headerless sheet's columns match the layout's (LAYOUT_ORDER). */
interface HeadlessColumns {
  /** `columns[k]`: the sheet column of LAYOUT_ORDER[k]. */
  readonly columns: number[];
  /** Set when two matches fit the values equally well and read them differently: the empty columns that could be the extra ones. */
  readonly ambiguous?: number[];
}

/**
 * The columns of a sheet with no header row. One as wide as the layout (48 columns) is read in
 * layout order. A wider one (an empty column in the middle, as a workbook with a header has in
 * some years) is matched to the layout column by column, in order. A column empty in every row may
 * be passed over; a column past the last layout column is left, its values lost, each costing one.
 * What else costs one: a cell whose value breaks its field's form (layout EDIT RULES: dates
 * YYYYMMDD, codes of the field's table, widths), and a row that fills an occurrence of a repeated
 * field (PRICE1-4, TOS1-5 ...) after leaving the one before it blank, which no CMS file does (none
 * in 2013, 2019, 2020 or 2026). The cheapest match wins; the layout order when it is as cheap.
 * Two cheapest matches that read the values differently are reported, never guessed.
 */
function alignHeadless(rows: readonly Row[], offset: number): HeadlessColumns {
  const fields = LAYOUT_SLOTS.length;
  let width = fields;
  for (const row of rows) width = Math.max(width, lastFilled(row) + 1 - offset);
  const layoutOrder = { columns: LAYOUT_SLOTS.map((_, k) => k + offset) };
  const extra = width - fields;
  // More columns than a few empty ones put in: not the layout with gaps; read as before.
  if (extra === 0 || extra > MOST_EXTRA_COLUMNS) return layoutOrder;
  const cells = Array.from({ length: width }, (_, c) => rows.map((row) => row[c + offset]));
  const blank = cells.map((column) => column.map(isBlank));
  const values = blank.map((column) => column.filter((b) => !b).length);
  const misfits = cells.map((column, c) => {
    const filled = column.filter((_, r) => !blank[c]?.[r]) as XLSX.CellObject[];
    const byField = new Map(
      ALL_FIELDS.map((field) => [
        field,
        filled.filter((cell) => !fitsFieldForm(cellText(cell, field).trim(), field)).length,
      ]),
    );
    return LAYOUT_SLOTS.map((field) => byField.get(field) as number);
  });
  const take = (c: number, k: number) => (misfits[c] as number[])[k] as number;
  /** Rows leaving sheet column a blank and filling b: for two occurrences of one field, a gap. */
  const gapCounts = new Map<number, number>();
  const gaps = (a: number, b: number) => {
    let count = gapCounts.get(a * width + b);
    if (count === undefined) {
      const second = blank[b] as boolean[];
      count = (blank[a] as boolean[]).filter((isBlank, r) => isBlank && !second[r]).length;
      gapCounts.set(a * width + b, count);
    }
    return count;
  };
  const sameField = (k: number) => k > 0 && LAYOUT_SLOTS[k - 1] === LAYOUT_SLOTS[k];
  const emptyBetween = (a: number, b: number) => values.slice(a + 1, b).every((n) => n === 0);
  const after = (c: number) => values.slice(c + 1).reduce((n, v) => n + v, 0);
  // best[k][c]: the cheapest match of layout columns 0..k with layout column k at sheet column c
  // (k <= c <= k + extra); step(k, p, c): what matching it there costs after k - 1 at column p.
  const step = (k: number, p: number, c: number) => take(c, k) + (sameField(k) ? gaps(p, c) : 0);
  const best = Array.from({ length: fields }, () => new Array<number>(width).fill(Number.POSITIVE_INFINITY));
  for (let c = 0; c <= extra; c++) if (emptyBetween(-1, c)) (best[0] as number[])[c] = take(c, 0);
  for (let k = 1; k < fields; k++) {
    for (let c = k; c <= k + extra; c++) {
      for (let p = Math.max(k - 1, c - 1 - extra); p < c; p++) {
        const from = (best[k - 1] as number[])[p] as number;
        if (from === Number.POSITIVE_INFINITY || !emptyBetween(p, c)) continue;
        const cost = from + step(k, p, c);
        if (cost < ((best[k] as number[])[c] as number)) (best[k] as number[])[c] = cost;
      }
    }
  }
  const last = best[fields - 1] as number[];
  const total = (c: number) => (last[c] as number) + after(c);
  let cheapest = Number.POSITIVE_INFINITY;
  for (let c = fields - 1; c < width; c++) cheapest = Math.min(cheapest, total(c));
  const asLaid =
    LAYOUT_SLOTS.reduce((n, _, k) => n + (k === 0 ? take(0, 0) : step(k, k - 1, k)), 0) + after(fields - 1);
  if (asLaid <= cheapest) return layoutOrder;
  /** One cheapest match, taking at each tie the earliest sheet column, or the latest. */
  const match = (latest: boolean) => {
    const ends = [...Array(width).keys()].filter((c) => c >= fields - 1 && total(c) === cheapest);
    const columns = [(latest ? ends.at(-1) : ends[0]) as number];
    for (let k = fields - 1; k > 0; k--) {
      const c = columns[0] as number;
      const here = (best[k] as number[])[c] as number;
      const from = [...Array(c).keys()].filter(
        (p) =>
          p >= k - 1 &&
          emptyBetween(p, c) &&
          ((best[k - 1] as number[])[p] as number) + step(k, p, c) === here,
      );
      columns.unshift((latest ? from.at(-1) : from[0]) as number);
    }
    return columns;
  };
  const earliest = match(false);
  // Sheet column -> layout column, for the columns holding values: what a reader would get.
  const reading = (columns: number[]) =>
    columns.flatMap((c, k) => ((values[c] as number) > 0 ? [`${c}:${k}`] : [])).join(' ');
  const columns = earliest.map((c) => c + offset);
  if (reading(earliest) !== reading(match(true))) {
    return { columns, ambiguous: values.flatMap((n, c) => (n === 0 ? [c + offset] : [])) };
  }
  return { columns };
}

/**
 * Finds the sheets and rows that hold the ANWEB header (by its headings, older spellings too):
 * every such sheet, in workbook order, since a workbook may split its records over several (a
 * sheet of procedures and one of modifiers), and reading the first alone would lose the others
 * without a word. Only when no sheet has a header, the first sheet with no header row (as in some
 * older annual workbooks) is read in layout order from its first record-shaped row (free text
 * above it is the preamble, an empty first column is skipped): `headerIndex` is then the row
 * before that record.
 */
function findAnwebSheets(workbook: XLSX.WorkBook): AnwebSheet[] {
  const headed: AnwebSheet[] = [];
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    const rows = sheetRows(sheet);
    const limit = Math.min(rows.length, 100);
    for (let r = 0; r < limit; r++) {
      const columns = headerColumns(rows[r] ?? []);
      if (columns) {
        headed.push({ sheet: name, rows, headerIndex: r, columns });
        break;
      }
    }
  }
  if (headed.length > 0) return headed;
  const headless = firstHeadlessSheet(workbook);
  return headless ? [headless] : [];
}

/** A sheet of ANWEB records: where its header row is (or would be) and the column of each heading. */
interface AnwebSheet {
  readonly sheet: string;
  readonly rows: Row[];
  readonly headerIndex: number;
  readonly columns: Map<string, number>;
  readonly inLayoutOrder?: true;
  /** A headerless sheet wider than the layout whose extra empty columns cannot be told: the candidates. */
  readonly ambiguous?: number[];
}

/** The first sheet with no header row that begins with a record in layout order. */
function firstHeadlessSheet(workbook: XLSX.WorkBook): AnwebSheet | undefined {
  for (const name of workbook.SheetNames) {
    const rows = sheetRows(workbook.Sheets[name] ?? {});
    const limit = Math.min(rows.length, 100);
    for (let r = 0; r < limit; r++) {
      const row = rows[r] ?? [];
      // The record may start in another column than A (a sheet whose first column is empty).
      const offset = row.findIndex((c) => !isBlank(c));
      // An empty column among the first four (code, sequence, record id, description) is passed over too.
      if (offset < 0 || !recordShaped(row.slice(offset).filter((c) => !isBlank(c)))) continue;
      const aligned = alignHeadless(rows.slice(r), offset);
      const columns = new Map(LAYOUT_ORDER.map((h, i) => [h, aligned.columns[i] as number]));
      return {
        sheet: name,
        rows,
        headerIndex: r - 1,
        columns,
        inLayoutOrder: true,
        ...(aligned.ambiguous ? { ambiguous: aligned.ambiguous } : {}),
      };
    }
  }
  return undefined;
}

/** A layout column found by its place among the found ones, not by its heading. */
interface PlacedColumn {
  readonly column: number;
  /** The heading the workbook gives it, as written. */
  readonly heading: string;
  /** The layout's columns found by name on either side (the second absent past the last). */
  readonly between: readonly [string, string | undefined];
}

/**
 * Places the layout columns a header row does not name (another spelling of a heading) by the
 * layout order, which every CMS workbook keeps (fields 1-30, each occurrence in turn). Between two
 * columns found by name, the missing ones are taken when exactly as many columns lie between as
 * the layout puts there and none of them is headed with a name of another layout column; after
 * the last one found, only columns with a heading are taken. Anything less certain stays missing.
 */
function placeByLayoutOrder(columns: ReadonlyMap<string, number>, header: Row): Map<string, PlacedColumn> {
  const layoutHeadings = new Set(LAYOUT_ORDER);
  const found = LAYOUT_ORDER.map((heading) => columns.get(heading));
  const placed = new Map<string, PlacedColumn>();
  for (let at = 0; at < LAYOUT_ORDER.length; at++) {
    if (found[at] !== undefined) continue;
    let before = at - 1;
    while (before >= 0 && found[before] === undefined) before--;
    let after = at + 1;
    while (after < LAYOUT_ORDER.length && found[after] === undefined) after++;
    const anchor = found[before];
    if (anchor === undefined) continue;
    const next = found[after];
    if (next !== undefined && next - anchor !== after - before) continue;
    const column = anchor + (at - before);
    const heading = cellText(header[column]).trim();
    if (layoutHeadings.has(canonicalHeading(heading)) || (next === undefined && heading === '')) continue;
    placed.set(LAYOUT_ORDER[at] as string, {
      column,
      heading,
      between: [LAYOUT_COLUMNS[before] as string, next === undefined ? undefined : LAYOUT_COLUMNS[after]],
    });
  }
  return placed;
}

/**
 * Parses the ANWEB workbook.
 * @example readWorkbook(bytes, 'HCPC2020_APR_ANWEB.xlsx').drafts.length
 */
export function readWorkbook(bytes: Uint8Array, file: string): WorkbookFile {
  const workbook = openWorkbook(bytes, file);
  const found = findAnwebSheets(workbook);
  const [first] = found;
  if (!first) {
    throw inputError(
      `no sheet has the Alpha-Numeric HCPCS header (columns ${IDENTITY_FIELDS.map((f) => f.workbookColumns[0]).join(', ')}) in its first 100 rows, nor begins with a record in layout order (code, sequence number, record identification code 3 or 7, long description)`,
      { file },
    );
  }
  // One collector over every sheet: a record repeated or redefined in another sheet is said as in
  // one, naming the sheet where there are several.
  const collector = new DraftCollector((where) =>
    found.length > 1 ? `[sheet ${where.sheet}] row ${where.row}` : `row ${where.row}`,
  );
  const trailer = found.flatMap((sheet) => readAnwebSheet(sheet, file, collector));
  const { rows, headerIndex, inLayoutOrder } = first;
  const preamble = rows
    .slice(0, Math.max(0, inLayoutOrder ? headerIndex + 1 : headerIndex))
    .map(rowText)
    .filter(Boolean)
    .join('\n');
  return {
    drafts: collector.finish(),
    sheet: found.map((f) => f.sheet).join(', '),
    headerRow: inLayoutOrder ? 0 : headerIndex + 1,
    preamble,
    trailer: trailer.join('\n'),
  };
}

/** Reads one sheet's records into `collector`. */
function readAnwebSheet(found: AnwebSheet, file: string, collector: DraftCollector): string[] {
  const trailer: { location: ErrorLocation; code: string; text: string }[] = [];
  const { sheet, rows, headerIndex, columns, inLayoutOrder, ambiguous } = found;
  if (ambiguous) {
    throw inputError(
      `the sheet has no header row and more columns than the layout's ${LAYOUT_ORDER.length}, and which of its empty columns (${ambiguous.map((c) => XLSX.utils.encode_col(c)).join(', ')}) are not the layout's cannot be told: two ways of passing them over fit the values equally well and read them differently`,
      { file, sheet },
    );
  }
  const placed = inLayoutOrder
    ? new Map<string, PlacedColumn>()
    : placeByLayoutOrder(columns, rows[headerIndex] ?? []);
  const columnOf = new Map<FieldSpec, number[]>();
  /** What each row's record is told of the columns placed by order, where it holds a value there. */
  const placedWarnings: { field: FieldSpec; occurrence: number; problem: string }[] = [];
  const missing: string[] = [];
  for (const field of ALL_FIELDS) {
    const indexes = field.workbookColumns.map((h, occurrence) => {
      const heading = canonicalHeading(h);
      const byName = columns.get(heading);
      if (byName !== undefined) return byName;
      const byOrder = placed.get(heading);
      if (!byOrder) return -1;
      const [before, after] = byOrder.between;
      placedWarnings.push({
        field,
        occurrence,
        problem: `read from column ${XLSX.utils.encode_col(byOrder.column)} as ${h} by its place in the layout order (${after ? `between ${before} and ${after}` : `after ${before}`}): its heading "${byOrder.heading}" is not a name this program knows`,
      });
      return byOrder.column;
    });
    indexes.forEach((index, i) => {
      if (index < 0) missing.push(field.workbookColumns[i] ?? field.key);
    });
    columnOf.set(field, indexes);
  }
  if (missing.length > 0) {
    throw inputError(`the header row lacks the columns ${missing.join(', ')}`, {
      file,
      sheet,
      row: headerIndex + 1,
    });
  }
  const value = (row: Row, field: FieldSpec, occurrence = 0): string => {
    const index = columnOf.get(field)?.[occurrence] ?? -1;
    return index < 0 ? '' : cellText(row[index], field);
  };

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every(isBlank)) continue;
    const location: ErrorLocation = { file, sheet, row: r + 1 };
    const code = value(row, CODE_FIELD).trim();
    const recordId = value(row, RECORD_ID_FIELD).trim();
    const role = lineRole(recordId);
    const isCode = /^[A-Z0-9]{2,5}$/.test(code);
    // A row of a note, no record (no code, no record id, one or two cells: a copyright line, "End
    // of file"): text below the records, as the fixed-width reader keeps text after the last
    // record, allowed only if no record follows it. A row with more cells is a record that lost
    // its code, and is refused.
    if (!isCode && recordId === '' && row.filter((c) => !isBlank(c)).length <= 2) {
      trailer.push({ location, code, text: rowText(row) });
      continue;
    }
    const stray = trailer[0];
    if (stray) {
      throw inputError(
        `column ${CODE_FIELD.workbookColumns[0]} holds "${stray.code}", not a HCPCS code, and records follow it`,
        stray.location,
      );
    }
    if (!isCode) {
      throw inputError(`column ${CODE_FIELD.workbookColumns[0]} holds "${code}", not a HCPCS code`, location);
    }
    if (!role) {
      throw inputError(
        `unknown record identification code "${recordId}" in column ${RECORD_ID_FIELD.workbookColumns[0]} (the layout defines 3, 4, 7 and 8)`,
        location,
      );
    }
    const warnings: FieldWarning[] = [];
    for (const { field, occurrence, problem } of placedWarnings) {
      const held = value(row, field, occurrence);
      if (held.trim() !== '') warnings.push({ field: field.key, value: held, problem });
    }
    collector.add({
      role,
      code,
      sequenceNumber: Number(value(row, SEQUENCE_NUMBER_FIELD)),
      description: value(row, LONG_DESCRIPTION_FIELD),
      location,
      detail: (field, occurrence) => value(row, field, occurrence),
      warnings,
    });
  }
  return trailer.map((t) => t.text).filter(Boolean);
}

/** A row's non-blank cells as one line of text. */
function rowText(row: Row): string {
  return row
    .map((c) => cellText(c).trim())
    .filter(Boolean)
    .join(' ');
}
