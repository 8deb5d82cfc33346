/**
 * Field-by-field comparison of two records of one code, driven by the record layout (RECORD_FIELDS):
 * a diff compares CMS field values, never CMS's action code (ARCHITECTURE.md "Facts worth knowing":
 * the action code describes CMS's maintenance, not the difference between two files you hold).
 */
import { decodeCode, type FieldSpec, RECORD_FIELDS } from '../layout/index.js';
import type { HcpcsRecord } from '../model.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A field value as the record JSON holds it. */
export type FieldValue = string | number | string[] | null;

/** The decoded meaning of a value: one label, one per list entry, or null for a blank value. */
export type FieldMeaning = string | string[] | null;

export interface FieldChange {
  readonly code: string;
  /** Record JSON property (layout field key), e.g. `longDescription`, `pricingIndicators`. */
  readonly field: string;
  /** The layout's label, e.g. "Pricing Indicator Code". */
  readonly label: string;
  readonly from: FieldValue;
  readonly to: FieldValue;
  /** Code-table labels beside coded values (layout code tables); absent for fields without a table. */
  readonly fromMeaning?: FieldMeaning;
  readonly toMeaning?: FieldMeaning;
  /** True when the texts differ only in spaces (CMS re-keys descriptions, e.g. "including  all"). */
  readonly whitespaceOnly?: boolean;
}

/**
 * Layout fields that record CMS's maintenance (fields 28 and 30: action effective date, action
 * code). They change whenever CMS touches a code, so a diff reports them only on request.
 */
export const ACTION_FIELDS: readonly string[] = ['actionEffectiveDate', 'actionCode'];

/** Description fields (the rest is administrative): defined in the layout, re-exported for history users. */
export { DESCRIPTION_FIELDS } from '../layout/index.js';

/** Every value field of the layout except the code itself, in layout order. */
export const COMPARED_FIELDS: readonly FieldSpec[] = RECORD_FIELDS.filter((f) => f.key !== 'code');

/** The compared fields without CMS's maintenance fields: what a diff compares unless asked. */
const VALUE_FIELDS: readonly FieldSpec[] = COMPARED_FIELDS.filter((f) => !ACTION_FIELDS.includes(f.key));

function fieldValue(record: HcpcsRecord, field: FieldSpec): FieldValue {
  const value = record[field.key as keyof HcpcsRecord] as FieldValue | undefined;
  return value === undefined ? null : value;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return a === b;
}

/**
 * A field value as the history's text says it: a list joined with commas, a blank value (or an
 * empty list) as "(blank)".
 * @example fieldValueText([]) // '(blank)'
 */
export function fieldValueText(value: unknown): string {
  if (value === null || value === undefined) return '(blank)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(blank)';
  return String(value);
}

/** The code-table meaning of a value (layout tables), or undefined when the field has no table. */
export function meaningOf(field: FieldSpec, value: FieldValue): FieldMeaning | undefined {
  const table = field.table;
  if (!table) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => decodeCode(table, v));
  return decodeCode(table, String(value));
}

/** Whether a character code is whitespace as the regular expression \s means it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether two texts are equal once each run of spaces is one space and the ends are trimmed, read
 * in place (no copies: history compares every changed description of every code it shows).
 */
export function equalButSpaces(a: string, b: string): boolean {
  const skipSpaces = (text: string, from: number) => {
    let at = from;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    return at;
  };
  // The last non-space characters first: a changed description usually differs at its end, and
  // this spares the walk through the words both share.
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= 0 && isSpace(a.charCodeAt(endA))) endA--;
  while (endB >= 0 && isSpace(b.charCodeAt(endB))) endB--;
  if (endA < 0 || endB < 0) return endA < 0 && endB < 0;
  if (a.charCodeAt(endA) !== b.charCodeAt(endB)) return false;
  // Then the characters both start with, compared plainly (a new version of a description mostly
  // keeps its start). Where they part: inside a word, or a word against a space, the texts differ;
  // in a run of spaces (or at the start), the word-by-word walk below takes over from the run.
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a.charCodeAt(common) === b.charCodeAt(common)) common++;
  let from = common;
  while (from > 0 && isSpace(a.charCodeAt(from - 1))) from--;
  if (from === common && common > 0) {
    if (common === a.length) return skipSpaces(b, common) === b.length;
    if (common === b.length) return skipSpaces(a, common) === a.length;
    if (!isSpace(a.charCodeAt(common)) || !isSpace(b.charCodeAt(common))) return false;
  }
  let i = skipSpaces(a, from);
  let j = skipSpaces(b, from);
  for (;;) {
    // One word of each, character by character, then the spaces after it.
    while (i < a.length && j < b.length && !isSpace(a.charCodeAt(i)) && !isSpace(b.charCodeAt(j))) {
      if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
      i++;
      j++;
    }
    const wordEndA = i >= a.length || isSpace(a.charCodeAt(i));
    const wordEndB = j >= b.length || isSpace(b.charCodeAt(j));
    if (!wordEndA || !wordEndB) return false;
    i = skipSpaces(a, i);
    j = skipSpaces(b, j);
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length;
  }
}

/**
 * Every field whose value differs between two records of one code, in layout order.
 * @example fieldChanges(l6034v1, l6034v4) // [{ code: 'L6034', field: 'longDescription', from: '...', to: '...' }]
 */
export function fieldChanges(
  before: HcpcsRecord,
  after: HcpcsRecord,
  options: { includeActionFields?: boolean } = {},
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of options.includeActionFields ? COMPARED_FIELDS : VALUE_FIELDS) {
    const from = fieldValue(before, field);
    const to = fieldValue(after, field);
    if (sameValue(from, to)) continue;
    // Built by assignment, not by spreading optional parts: a history compares every version of
    // every code it shows, and spread copies cost more than the comparison itself.
    const change: Mutable<FieldChange> = { code: after.code, field: field.key, label: field.label, from, to };
    const fromMeaning = meaningOf(field, from);
    if (fromMeaning !== undefined) {
      change.fromMeaning = fromMeaning;
      change.toMeaning = meaningOf(field, to);
    }
    if (field.type === 'text' && equalButSpaces(String(from ?? ''), String(to ?? '')))
      change.whitespaceOnly = true;
    changes.push(change);
  }
  return changes;
}
