/**
 * Reads one CMS payment file keyed by HCPCS code, recognised by its content (its header row), not
 * its name: the ASP pricing file ("Payment Allowance Limits for Medicare Part B Drugs") or a
 * DMEPOS / PEN fee schedule. The quarter comes from the file's own banner row. Every amount is kept
 * as the file's text; a cell that is not a number, a header out of place, an unknown state column
 * or a code+modifier listed twice is an error naming the file, the row and the column.
 */
import { inputError } from '../../errors.js';
import {
  ASP_COLUMNS,
  ASP_NUMERIC_COLUMNS,
  ASP_PERIOD,
  type AspColumnKey,
  FEE_SCHEDULE_PERIOD,
} from '../../layout/asp-file.js';
import {
  DESCRIPTION_COLUMN,
  DMEPOS_LEADING_COLUMNS,
  DMEPOS_STATES,
  PEN_LEADING_COLUMNS,
  STATE_FEE_COLUMN,
} from '../../layout/dmepos-readme.js';
import { IMPORT_LIMITS } from '../limits.js';
import { looksLikeWorkbook } from '../workbook.js';
import { looksLikeZip, readZip } from '../zip-archive.js';
import { readSheetRows } from './sheet-rows.js';

export type PaymentSchedule = 'asp' | 'dmepos' | 'pen';

export interface PaymentPeriod {
  /** ISO dates, both inclusive. */
  readonly start: string;
  readonly end: string;
}

export interface AspRow {
  /** 1-based row of the file (the CSV line). */
  readonly row: number;
  readonly code: string;
  /** Null for CPT (Level I) codes: their descriptors are the AMA's, never kept. */
  readonly shortDescription: string | null;
  readonly dosage: string;
  /** The file's text of each amount column, null where blank. */
  readonly amounts: Readonly<
    Record<Exclude<AspColumnKey, 'code' | 'shortDescription' | 'dosage' | 'notes'>, string | null>
  >;
  readonly notes: string | null;
}

export interface StateFee {
  readonly nonRural: string;
  readonly rural: string;
}

export interface FeeRow {
  readonly row: number;
  readonly code: string;
  readonly modifier: string | null;
  readonly modifier2: string | null;
  /** DMEPOS only (PEN has no JURIS, CATG, Ceiling, Floor). */
  readonly jurisdiction: string | null;
  readonly category: string | null;
  readonly ceiling: string | null;
  readonly floor: string | null;
  /** Per state code, in the file's column order. */
  readonly fees: Readonly<Record<string, StateFee>>;
  readonly description: string | null;
}

interface FileBase {
  readonly path: string;
  readonly period: PaymentPeriod;
  readonly headerRow: number;
}

export type PaymentFile =
  | (FileBase & { readonly schedule: 'asp'; readonly rows: readonly AspRow[] })
  | (FileBase & { readonly schedule: 'dmepos' | 'pen'; readonly rows: readonly FeeRow[] });

const HCPCS_CODE = /^[A-Z0-9]\d{3}[A-Z0-9]$|^\d{4}[A-Z0-9]$/;
/**
 * CMS writes amounts as plain decimals ("33.122", "0.00"), or "N/A" where no limit applies (the ASP
 * file's A9606, radium Ra-223, priced at AWP as its note says): kept as written.
 */
const AMOUNT = /^-?\d+(\.\d+)?$|^N\/A$/;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** How far down the banner rows a header row is looked for. */
const HEADER_SEARCH_ROWS = 40;

const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

function isoDate(text: string, file: string, row: number): string {
  const match = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(text.trim());
  const month = match ? MONTHS.indexOf((match[1] as string).toLowerCase()) : -1;
  if (!match || month < 0) throw inputError(`"${text}" is not a date like "January 1, 2025"`, { file, row });
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${(match[2] as string).padStart(2, '0')}`;
}

function lastDayOfQuarter(year: number, month: number): string {
  const endMonth = month + 2;
  const last = new Date(Date.UTC(year, endMonth + 1, 0)).getUTCDate();
  return `${year}-${String(endMonth + 1).padStart(2, '0')}-${last}`;
}

/**
 * The quarter a file states in its banner rows (above the header). A DMEPOS/PEN file names only its
 * month ("January 2025 Fee Schedule"); the read-me's "Update Schedule" makes each a quarterly
 * complete replacement, so it is taken to cover that quarter.
 */
function findPeriod(
  rows: readonly (readonly string[])[],
  headerRow: number,
  schedule: PaymentSchedule,
  file: string,
): PaymentPeriod {
  for (let r = 0; r < headerRow; r++) {
    for (const cell of rows[r] ?? []) {
      if (schedule === 'asp') {
        const match = ASP_PERIOD.exec(cell);
        if (match)
          return {
            start: isoDate(match[1] as string, file, r + 1),
            end: isoDate(match[2] as string, file, r + 1),
          };
      } else {
        const match = FEE_SCHEDULE_PERIOD.exec(cell);
        const month = match ? MONTHS.indexOf((match[1] as string).toLowerCase()) : -1;
        if (match && month >= 0) {
          const year = Number(match[2]);
          return {
            start: `${year}-${String(month + 1).padStart(2, '0')}-01`,
            end: lastDayOfQuarter(year, month),
          };
        }
      }
    }
  }
  throw inputError(
    schedule === 'asp'
      ? 'no "Effective <Month D, YYYY> through <Month D, YYYY>" row above the header: the quarter the limits apply to is unknown'
      : 'no "<Month YYYY> Fee Schedule" row above the header: the quarter the fees apply to is unknown',
    { file },
  );
}

/** Which kind of payment file a header row belongs to, or undefined for another table. */
function scheduleOfHeader(cells: readonly string[]): PaymentSchedule | undefined {
  const lower = cells.map((c) => c.toLowerCase());
  if (lower.includes('payment limit') && lower.includes('hcpcs code')) return 'asp';
  if (lower.includes('hcpcs') && cells.some((c) => STATE_FEE_COLUMN.test(c)))
    return lower.includes('juris') ? 'dmepos' : 'pen';
  return undefined;
}

function columnError(file: string, row: number, column: string, message: string) {
  return inputError(`column "${column}": ${message}`, { file, row });
}

function checkHeading(
  file: string,
  row: number,
  index: number,
  actual: string | undefined,
  expected: string,
): void {
  if (!same(actual, expected)) {
    throw columnError(
      file,
      row,
      expected,
      `the header row has "${actual ?? ''}" in column ${index + 1} where the layout has "${expected}" (a shifted or changed header)`,
    );
  }
}

function amount(file: string, row: number, column: string, text: string | undefined): string | null {
  const value = text ?? '';
  if (value === '') return null;
  if (!AMOUNT.test(value)) throw columnError(file, row, column, `"${value}" is not a number (nor "N/A")`);
  return value;
}

function readCode(file: string, row: number, column: string, text: string): string {
  const code = text.toUpperCase();
  if (!HCPCS_CODE.test(code))
    throw columnError(file, row, column, `"${text}" is not a 5-character HCPCS or CPT code`);
  return code;
}

function readAsp(path: string, rows: readonly (readonly string[])[], header: number): AspRow[] {
  const headerCells = rows[header] ?? [];
  ASP_COLUMNS.forEach((column, i) => {
    checkHeading(path, header + 1, i, headerCells[i], column.heading);
  });
  const out: AspRow[] = [];
  const seen = new Map<string, number>();
  for (let r = header + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((c) => c === '')) continue;
    const row = r + 1;
    const code = readCode(path, row, 'HCPCS Code', cells[0] ?? '');
    const earlier = seen.get(code);
    if (earlier !== undefined)
      throw columnError(path, row, 'HCPCS Code', `${code} is listed twice (rows ${earlier} and ${row})`);
    seen.set(code, row);
    const get = (key: AspColumnKey) => cells[ASP_COLUMNS.findIndex((c) => c.key === key)] ?? '';
    const amounts = Object.fromEntries(
      ASP_NUMERIC_COLUMNS.map((key) => [
        key,
        amount(path, row, ASP_COLUMNS.find((c) => c.key === key)?.heading ?? key, get(key)),
      ]),
    ) as AspRow['amounts'];
    out.push({
      row,
      code,
      // CPT descriptors are the AMA's (ARCHITECTURE.md "Facts"): the code and amounts are kept, the words never.
      shortDescription: /^\d/.test(code) ? null : get('shortDescription') || null,
      dosage: get('dosage'),
      amounts,
      notes: get('notes') || null,
    });
  }
  return out;
}

function readFees(
  path: string,
  rows: readonly (readonly string[])[],
  header: number,
  schedule: 'dmepos' | 'pen',
): FeeRow[] {
  const headerCells = rows[header] ?? [];
  const leading = schedule === 'dmepos' ? DMEPOS_LEADING_COLUMNS : PEN_LEADING_COLUMNS;
  leading.forEach((heading, i) => {
    checkHeading(path, header + 1, i, headerCells[i], heading);
  });
  const states: string[] = [];
  let c = leading.length;
  for (; c < headerCells.length; c += 2) {
    const heading = headerCells[c] ?? '';
    if (DESCRIPTION_COLUMN.test(heading)) break;
    const match = STATE_FEE_COLUMN.exec(heading);
    const state = match?.[1] as string;
    if (!match || !(state in DMEPOS_STATES)) {
      throw columnError(
        path,
        header + 1,
        heading,
        `column ${c + 1} is not a known state's fee column (a state code of the DMEPOS read-me, then "(NR)" or "(R)")`,
      );
    }
    if (match[2] !== 'NR' || !new RegExp(`^${state} ?\\(R\\)$`).test(headerCells[c + 1] ?? '')) {
      throw columnError(
        path,
        header + 1,
        heading,
        `expected "${state} (NR)" followed by "${state} (R)", found "${heading}", "${headerCells[c + 1] ?? ''}"`,
      );
    }
    if (states.includes(state))
      throw columnError(path, header + 1, heading, `state ${state} has two pairs of fee columns`);
    states.push(state);
  }
  const descriptionColumn = c;
  if (!DESCRIPTION_COLUMN.test(headerCells[descriptionColumn] ?? '')) {
    throw columnError(
      path,
      header + 1,
      'Description',
      `the header row ends without a Description column after the state fee columns`,
    );
  }
  const out: FeeRow[] = [];
  const seen = new Map<string, number>();
  for (let r = header + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((cell) => cell === '')) continue;
    const row = r + 1;
    const code = readCode(path, row, 'HCPCS', cells[0] ?? '');
    const modifier = cells[1] || null;
    const modifier2 = cells[2] || null;
    const key = [code, modifier ?? '', modifier2 ?? ''].join(' ');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw columnError(
        path,
        row,
        'HCPCS',
        `${[code, modifier, modifier2].filter(Boolean).join(' ')} (code and modifiers) is listed twice (rows ${earlier} and ${row})`,
      );
    }
    seen.set(key, row);
    const fees: Record<string, StateFee> = {};
    states.forEach((state, i) => {
      const at = leading.length + 2 * i;
      fees[state] = {
        nonRural: amount(path, row, headerCells[at] as string, cells[at]) ?? '',
        rural: amount(path, row, headerCells[at + 1] as string, cells[at + 1]) ?? '',
      };
    });
    out.push({
      row,
      code,
      modifier,
      modifier2,
      jurisdiction: schedule === 'dmepos' ? cells[3] || null : null,
      category: schedule === 'dmepos' ? cells[4] || null : null,
      ceiling: schedule === 'dmepos' ? amount(path, row, 'Ceiling', cells[5]) : null,
      floor: schedule === 'dmepos' ? amount(path, row, 'Floor', cells[6]) : null,
      fees,
      description: cells[descriptionColumn] || null,
    });
  }
  return out;
}

/**
 * Reads a payment file whole; undefined when it is not one (no payment header in its first rows).
 * Throws an input error naming the file, row and column for a payment file that is wrong.
 * @example readPaymentFile(readFileSync('DMEPOS_JAN.csv'), 'DMEPOS_JAN.csv')?.rows.length // 3487
 */
export function readPaymentFile(bytes: Uint8Array, path: string): PaymentFile | undefined {
  for (const { rows } of readSheetRows(bytes, path)) {
    const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
    for (let r = 0; r < limit; r++) {
      const schedule = scheduleOfHeader(rows[r] ?? []);
      if (!schedule) continue;
      const period = findPeriod(rows, r, schedule, path);
      return schedule === 'asp'
        ? { schedule, path, period, headerRow: r + 1, rows: readAsp(path, rows, r) }
        : { schedule, path, period, headerRow: r + 1, rows: readFees(path, rows, r, schedule) };
    }
  }
  return undefined;
}

/** The file names a payment file can have: CMS ships them as CSV, XLS and XLSX. */
export const PAYMENT_FILE_NAME = /\.(csv|xlsx?)$/i;

/**
 * The shared strings of an XLSX workbook (each `<si>`, its rich text runs joined), or undefined
 * for any other file or a workbook without them (inline strings).
 */
function sharedStrings(bytes: Uint8Array, name: string): string[] | undefined {
  if (!looksLikeZip(bytes)) return undefined;
  const budget = { memberBytes: IMPORT_LIMITS.fileBytes, totalBytes: IMPORT_LIMITS.zipBytes, spent: 0 };
  const member = readZip(bytes, name, budget, {
    kind: 'workbook',
    skip: (path) => path !== 'xl/sharedStrings.xml',
  })[0];
  if (!member) return undefined;
  return new TextDecoder()
    .decode(member.bytes)
    .split('</si>')
    .map((si) =>
      si
        .replace(/<[^>]*>/g, '')
        .replace(/&amp;/g, '&')
        .trim(),
    );
}

/**
 * A header cell of a payment file as a whole string of a legacy XLS's shared string table: one of
 * the ASP file's distinctive headings (several, so that no one cut can hide them all) or a DMEPOS /
 * PEN state fee column ("AL (NR)", "AL(R)"), with no letter, digit or space on either side (a
 * string's neighbours there are its length and option bytes; "Payment limits do not apply" in a
 * code release's descriptions is not a heading).
 */
const XLS_HEADER_CELL = new RegExp(
  `(?<![a-z0-9 ])(${ASP_COLUMNS.filter((c) => ASP_NUMERIC_COLUMNS.includes(c.key) || c.key === 'dosage')
    .map((c) => c.heading.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')}|[a-z]{2} ?\\(n?r\\))(?![a-z0-9 ])`,
);

/**
 * Whether a legacy XLS (BIFF8) workbook may hold a payment header row, from its bytes: its strings
 * sit in the shared string table as Latin-1 or UTF-16LE, a long table cut by CONTINUE records
 * (record 0x003C and an option byte, removed here so that a cut string reads whole). False only
 * when no string could be a payment heading; true may still be no payment file.
 */
function xlsMayHoldPaymentHeader(bytes: Uint8Array): boolean {
  // A byte loop: a regular expression replace over megabytes of Latin-1 text takes ten times longer.
  const kept = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === 0x3c && bytes[i + 1] === 0 && ((bytes[i + 4] as number) & 0xfe) === 0) i += 4;
    else if (byte !== 0) kept[n++] = byte;
  }
  return XLS_HEADER_CELL.test(Buffer.from(kept.buffer, 0, n).toString('latin1').toLowerCase());
}

/**
 * Whether a file is a payment file, for sorting an import's files before reading them. An XLSX
 * workbook none of whose shared strings could make a payment header row (the header's cells are
 * text, so they are among them) is not one, nor an XLS without the words of one: a code
 * release's workbook is passed over without parsing it (`npm run bench:payment-sniff`). The others
 * are read to their first
 * {@link HEADER_SEARCH_ROWS} rows for a payment header row.
 */
export function looksLikePaymentFile(bytes: Uint8Array, name: string): boolean {
  if (!PAYMENT_FILE_NAME.test(name)) return false;
  try {
    const strings = sharedStrings(bytes, name);
    if (strings && scheduleOfHeader(strings) === undefined) return false;
    if (!strings && looksLikeWorkbook(bytes) && !xlsMayHoldPaymentHeader(bytes)) return false;
    return readSheetRows(bytes, name, HEADER_SEARCH_ROWS).some(({ rows }) =>
      rows.some((cells) => scheduleOfHeader(cells) !== undefined),
    );
  } catch {
    return false;
  }
}
