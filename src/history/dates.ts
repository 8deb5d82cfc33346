/** Dates of service as claims write them, made ISO (`YYYY-MM-DD`), and quarter arithmetic. */
import { HcpcsError } from '../errors.js';

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A date of service as ISO `YYYY-MM-DD`, from ISO, `YYYYMMDD` or US `MM/DD/YYYY`; undefined when it
 * is none of these or not a calendar date.
 * @example parseServiceDate('12/15/2023') // '2023-12-15'
 */
export function parseServiceDate(input: string): string | undefined {
  const text = input.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  let parts: [number, number, number] | undefined;
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (m) parts = [Number(m[3]), Number(m[1]), Number(m[2])];
  }
  if (!parts || !isRealDate(...parts)) return undefined;
  const [y, mo, d] = parts;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Like {@link parseServiceDate}, but a usage error naming the parameter when the date is bad. */
export function requireServiceDate(input: string, parameter = '--date'): string {
  const iso = parseServiceDate(input);
  if (!iso) {
    throw new HcpcsError(
      'HCPCS_E_USAGE',
      `${parameter} "${input}" is not a date: use YYYY-MM-DD (also accepted: YYYYMMDD, MM/DD/YYYY)`,
    );
  }
  return iso;
}

/**
 * Today where the program runs (its time zone, `TZ`) as `YYYY-MM-DD`: the date of service a biller
 * means by "today" is their own day, and at 8 pm in New York on December 31 UTC is already in the
 * new year, where a code ending that day would read as ended.
 */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The ISO date `days` after (or, negative, before) an ISO date. @example addDays('2019-01-01', -1) // '2018-12-31' */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day of the month `months` after an ISO date's month. @example addMonths('2020-10-01', 3) // '2021-01-01' */
export function addMonths(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + months;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}
