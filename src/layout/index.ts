/**
 * The CMS record layout as data, and the lookups every layer uses to decode a value.
 * @example decodeCode(COVERAGE, 'D') // 'Special coverage instructions apply'
 */
import { LONG_DESCRIPTION_FIELD, RECORD_FIELDS, RECORD_ID_FIELD } from './fields.js';
import type { CodeTable, FieldSpec } from './types.js';

export * from './code-meanings.js';
export * from './code-tables.js';
export * from './fields.js';
export type * from './types.js';

/** What a decoded value says when the code is missing from its table (kept as read, never guessed). */
export const UNKNOWN_CODE = 'unknown code';

const labelsByTable = new Map<CodeTable, Map<string, string>>();

function labels(table: CodeTable): Map<string, string> {
  let map = labelsByTable.get(table);
  if (!map) {
    map = new Map(table.entries.map((e) => [e.code, e.label]));
    labelsByTable.set(table, map);
  }
  return map;
}

/** The label of `code` in `table`, or undefined when the table does not hold it. */
export function lookupCode(table: CodeTable, code: string): string | undefined {
  return labels(table).get(code);
}

/**
 * The 0-based columns [start, end) of one occurrence of a field on a fixed-width line: the
 * layout's BEG column, the occurrences side by side (OCCURS MAX, each `length` wide).
 * @example occurrenceColumns(fieldByKey('typesOfService') as FieldSpec, 1) // { start: 261, end: 262 }
 */
export function occurrenceColumns(field: FieldSpec, occurrence = 0): { start: number; end: number } {
  const start = field.start - 1 + occurrence * field.length;
  return { start, end: start + field.length };
}

/**
 * Whether a value (trimmed) has the form the record layout gives its field (EDIT RULES, PIC and
 * width): blank, which any field may be; a YYYYMMDD date; digits for a number or a zero-padded
 * code; a code of the field's table; and no wider than the field (the long description, split
 * over 80-column lines in the TXT and whole in a workbook, excepted). What tells a value read from
 * its field's columns from one read from a neighbour's.
 * @example fitsFieldForm('2019010', fieldByKey('addedDate') as FieldSpec) // false
 */
export function fitsFieldForm(text: string, field: FieldSpec): boolean {
  if (text === '') return true;
  if (field === LONG_DESCRIPTION_FIELD) return true;
  if (text.length > field.length) return false;
  if (field.type === 'date') return /^\d{8}$/.test(text);
  if (field.type === 'number' || field.zeroPadded) return /^\d+$/.test(text);
  if (field.type === 'code' && field.table) return lookupCode(field.table, text) !== undefined;
  return true;
}

/** The label of `code` in `table`, or {@link UNKNOWN_CODE}. */
export function decodeCode(table: CodeTable, code: string): string {
  return lookupCode(table, code) ?? UNKNOWN_CODE;
}

const byKey = new Map<string, FieldSpec>(RECORD_FIELDS.map((f) => [f.key, f]));

/** The field spec behind a record property (`coverage`, `pricingIndicators`, ...). */
export function fieldByKey(key: string): FieldSpec | undefined {
  return byKey.get(key);
}

/** The field definition as one text (paragraphs separated by a blank line). */
export function definitionText(field: FieldSpec): string {
  return field.definition.join('\n\n');
}

/** Every code table the layout uses, once each. */
export const CODE_TABLES: readonly CodeTable[] = [
  ...new Set([RECORD_ID_FIELD, ...RECORD_FIELDS].flatMap((f) => (f.table ? [f.table] : []))),
];
