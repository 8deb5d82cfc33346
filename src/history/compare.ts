/**
 * Field-by-field comparison of two records of one code, driven by the record layout (RECORD_FIELDS):
 * a diff compares CMS field values, never CMS's action code (ARCHITECTURE.md "Facts worth knowing":
 * the action code describes CMS's maintenance, not the difference between two files you hold).
 */
import { decodeCode, type FieldSpec, RECORD_FIELDS } from '../layout/index.js';
import type { HcpcsRecord } from '../model.js';

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

function fieldValue(record: HcpcsRecord, field: FieldSpec): FieldValue {
  const value = record[field.key as keyof HcpcsRecord] as FieldValue | undefined;
  return value === undefined ? null : value;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => v === b[i]);
  }
  return a === b;
}

/** The code-table meaning of a value (layout tables), or undefined when the field has no table. */
export function meaningOf(field: FieldSpec, value: FieldValue): FieldMeaning | undefined {
  const table = field.table;
  if (!table) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => decodeCode(table, v));
  return decodeCode(table, String(value));
}

function squeeze(value: FieldValue): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
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
  for (const field of COMPARED_FIELDS) {
    if (!options.includeActionFields && ACTION_FIELDS.includes(field.key)) continue;
    const from = fieldValue(before, field);
    const to = fieldValue(after, field);
    if (sameValue(from, to)) continue;
    const fromMeaning = meaningOf(field, from);
    const change: FieldChange = {
      code: after.code,
      field: field.key,
      label: field.label,
      from,
      to,
      ...(fromMeaning !== undefined ? { fromMeaning, toMeaning: meaningOf(field, to) } : {}),
      ...(field.type === 'text' && squeeze(from) === squeeze(to) ? { whitespaceOnly: true } : {}),
    };
    changes.push(change);
  }
  return changes;
}
