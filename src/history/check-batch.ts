/**
 * Batch validity (`hcpcs check --file claims.csv`, and the server's streaming endpoint): CSV claim
 * lines in, one result per line out, streamed. Columns are found by a header row (code, date,
 * modifiers, or modifier1..modifierN, and dose for the billing units; common aliases too) or,
 * without one, taken as code, date, modifier... A malformed row is reported by line number and the batch goes on; so is a line over
 * the bounds of batch-limits.ts (length, fields, modifiers), which the reader never holds whole.
 */
import type { HcpcsStore } from '../store/store.js';
import { MAX_MODIFIERS_PER_LINE, tooManyModifiers } from './batch-limits.js';
import { csvRow } from './csv.js';
import { CsvReader, type CsvRecord } from './csv-reader.js';
import { parseServiceDate, today } from './dates.js';
import { type CheckResult, createChecker } from './validity.js';

export interface BatchOptions {
  /** Date of service for rows without one (default: today, UTC). */
  readonly defaultDate?: string;
  /** Name of the input in error messages (`claims.csv`). */
  readonly source?: string;
}

export interface BatchRow {
  /** 1-based line of the input the row starts on. */
  readonly line: number;
  readonly code: string;
  readonly date: string;
  readonly modifiers: string[];
  /** The dose the line gives ("250 mg"), from a dose column (header rows only). */
  readonly dose?: string;
  /** The check, or undefined when the row itself is malformed (see `error`). */
  readonly result?: CheckResult;
  /** Why the row could not be checked, naming the line. */
  readonly error?: string;
}

const CODE_HEADINGS = ['code', 'hcpcs', 'hcpcscode', 'hcpc', 'procedurecode', 'proccode', 'cpthcpcs'];
const DATE_HEADINGS = ['date', 'dateofservice', 'dos', 'servicedate', 'fromdate', 'dosfrom'];
const MODIFIER_HEADING = /^(modifiers?|mods?)(\d*)$/;
const DOSE_HEADINGS = ['dose', 'dosegiven', 'doseadministered', 'amountadministered'];

function heading(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.]+/g, '');
}

interface Columns {
  readonly code: number;
  readonly date: number;
  readonly modifiers: number[];
  readonly dose: number;
}

function headerColumns(fields: readonly string[]): Columns | undefined {
  const names = fields.map(heading);
  const code = names.findIndex((n) => CODE_HEADINGS.includes(n));
  if (code < 0) return undefined;
  return {
    code,
    date: names.findIndex((n) => DATE_HEADINGS.includes(n)),
    modifiers: names.flatMap((n, i) => (MODIFIER_HEADING.test(n) ? [i] : [])),
    dose: names.findIndex((n) => DOSE_HEADINGS.includes(n)),
  };
}

/** Modifiers of a cell: several may share one, separated by spaces, `|`, `;` or commas. */
function splitModifiers(cell: string): string[] {
  return cell
    .split(/[\s|;,]+/)
    .map((m) => m.trim())
    .filter(Boolean);
}

type Source = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Checks every claim line of a CSV stream, yielding one row per input row in order.
 * @example for await (const row of checkBatch(store, createReadStream('claims.csv'))) console.log(batchRowToCsv(row))
 */
export async function* checkBatch(
  store: HcpcsStore,
  source: Source,
  options: BatchOptions = {},
): AsyncGenerator<BatchRow> {
  const checker = createChecker(store);
  const reader = new CsvReader();
  const decoder = new TextDecoder('utf-8');
  const where = (line: number) => `${options.source ? `${options.source}:` : 'line '}${line}`;
  const fallbackDate = options.defaultDate ?? today();
  let columns: Columns | undefined;
  let first = true;

  const handle = (record: CsvRecord): BatchRow | undefined => {
    const { line, fields } = record;
    // A line over a bound is answered first: not taken as the header, and answered even when the
    // reader kept none of its fields.
    if (record.error && (fields.length === 0 || !columns)) {
      return {
        line,
        code: fields[0] ?? '',
        date: '',
        modifiers: [],
        error: `${where(line)}: ${record.error}`,
      };
    }
    if (first) {
      first = false;
      columns = headerColumns(fields);
      if (columns) return undefined;
      columns = { code: 0, date: 1, modifiers: fields.map((_, i) => i).filter((i) => i >= 2), dose: -1 };
    }
    if (fields.every((f) => f.trim() === '')) return undefined;
    const cols = columns as Columns;
    const code = fields[cols.code] ?? '';
    const rawDate = cols.date >= 0 ? (fields[cols.date] ?? '') : '';
    const modifierCells =
      cols.modifiers.length > 0
        ? cols.modifiers
        : fields.map((_, i) => i).filter((i) => i >= 2 && i !== cols.dose);
    const allModifiers = modifierCells.flatMap((i) => splitModifiers(fields[i] ?? ''));
    const modifiers = allModifiers.slice(0, MAX_MODIFIERS_PER_LINE);
    const dose = cols.dose >= 0 ? (fields[cols.dose] ?? '').trim() : '';
    const row = { line, code, date: rawDate, modifiers, ...(dose ? { dose } : {}) };
    if (record.error) return { ...row, error: `${where(line)}: ${record.error}` };
    if (allModifiers.length > MAX_MODIFIERS_PER_LINE)
      return { ...row, error: `${where(line)}: ${tooManyModifiers(allModifiers.length)}` };
    if (code.trim() === '') return { ...row, error: `${where(line)}: no code in column ${cols.code + 1}` };
    const date = rawDate.trim() === '' ? fallbackDate : parseServiceDate(rawDate);
    if (!date) {
      return {
        ...row,
        error: `${where(line)}: date "${rawDate}" is not a date (use YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)`,
      };
    }
    return { ...row, date, result: checker.check({ code, date, modifiers }) };
  };

  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (const record of reader.push(text)) {
      const row = handle(record);
      if (row) yield row;
    }
  }
  const rest = decoder.decode();
  for (const record of [...reader.push(rest), ...reader.end()]) {
    const row = handle(record);
    if (row) yield row;
  }
}

/** Columns of the batch CSV output. */
export const BATCH_CSV_COLUMNS = [
  'line',
  'code',
  'date',
  'modifiers',
  'valid',
  'status',
  'release',
  'replaced_by',
  'coverage',
  'payable_by_medicare',
  'reasons',
  'warnings',
  'error',
] as const;

/**
 * One output CSV line (without line end) for a batch row; reasons and warnings joined with ` | `.
 * @example batchRowToCsv(row) // '2,J1412,2023-12-15,,false,not-yet-effective,2025-10_v4,,...'
 */
export function batchRowToCsv(row: BatchRow): string {
  const r = row.result;
  return csvRow([
    row.line,
    r?.code ?? row.code,
    r?.date ?? row.date,
    row.modifiers,
    r ? String(r.valid) : 'false',
    r?.status ?? 'error',
    r?.release ?? '',
    r?.replacedBy ?? [],
    r?.coverage?.code ?? '',
    r?.coverage ? String(r.coverage.payableByMedicare) : '',
    (r?.reasons ?? []).join(' | '),
    (r?.warnings ?? []).join(' | '),
    row.error ?? '',
  ]);
}

/**
 * One NDJSON line (without line end): the check result with the input line number (and the `extra`
 * keys: the line's payment), or the error.
 * @example batchRowToJson(row) // '{"line":2,"code":"J1412",...}'
 */
export function batchRowToJson(row: BatchRow, extra: Readonly<Record<string, unknown>> = {}): string {
  if (row.result) return JSON.stringify({ line: row.line, ...row.result, ...extra });
  return JSON.stringify({
    line: row.line,
    code: row.code,
    date: row.date,
    modifiers: row.modifiers,
    valid: false,
    status: 'error',
    error: row.error,
  });
}
