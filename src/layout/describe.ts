/**
 * A record presented field by field the way the reference pages show it: label (repeated fields
 * numbered #1, #2 ...), value, decoded meaning, and the CMS definition. The CLI, API and pages all
 * present records through this one function.
 */
import { type HcpcsRecord, isActiveOn } from '../model.js';
import { RECORD_FIELDS } from './fields.js';
import { decodeCode, definitionText } from './index.js';
import type { FieldSpec } from './types.js';

export interface PresentedField {
  readonly key: string;
  /** "Pricing Indicator Code #1" */
  readonly label: string;
  readonly value: string;
  /** The code table's label, or "unknown code"; absent for fields without a table. */
  readonly meaning?: string;
  readonly definition: string;
}

export interface RecordStatus {
  readonly status: 'active' | 'terminated';
  readonly terminationDate: string | null;
  /** "active", "active, terminates on 2026-03-31", "terminated on 2019-12-31" */
  readonly text: string;
}

/** Decoded labels beside the values: one per coded field, lists for repeated ones. */
export type DecodedValues = Record<string, string | string[] | null>;

function fieldValues(record: HcpcsRecord, field: FieldSpec): string[] {
  const value = record[field.key as keyof HcpcsRecord];
  if (Array.isArray(value)) return value.map(String);
  return value === null || value === undefined ? [] : [String(value)];
}

/**
 * Every non-blank field of a record, in layout order, numbered as the reference pages number them.
 * @example presentFields(j1640)[3] // { key: 'pricingIndicators', label: 'Pricing Indicator Code #1', value: '51', meaning: 'Drugs', ... }
 */
export function presentFields(record: HcpcsRecord): PresentedField[] {
  const out: PresentedField[] = [];
  for (const field of RECORD_FIELDS) {
    const values = fieldValues(record, field);
    values.forEach((value, i) => {
      out.push({
        key: field.key,
        label: field.occurs > 1 ? `${field.label} #${i + 1}` : field.label,
        value,
        ...(field.table ? { meaning: decodeCode(field.table, value) } : {}),
        definition: definitionText(field),
      });
    });
  }
  return out;
}

/** `decoded` of the record JSON: the table label of every coded field. */
export function decodedValues(record: HcpcsRecord): DecodedValues {
  const decoded: DecodedValues = {};
  for (const field of RECORD_FIELDS) {
    const table = field.table;
    if (!table) continue;
    const value = record[field.key as keyof HcpcsRecord];
    if (Array.isArray(value)) decoded[field.key] = value.map((v) => decodeCode(table, String(v)));
    else decoded[field.key] = value === null ? null : decodeCode(table, String(value));
  }
  return decoded;
}

let definitions: Readonly<Record<string, string>> | undefined;

/** `definitions` of the record JSON: each field's CMS definition (built once, shared, frozen). */
export function fieldDefinitions(): Readonly<Record<string, string>> {
  definitions ??= Object.freeze(Object.fromEntries(RECORD_FIELDS.map((f) => [f.key, definitionText(f)])));
  return definitions;
}

/**
 * Whether the code is in force at the start of its release (termination date = last day of use).
 * @example recordStatus({ terminationDate: '2019-12-31' }, '2020-01-01').text // 'terminated on 2019-12-31'
 */
export function recordStatus(record: Pick<HcpcsRecord, 'terminationDate'>, onDate: string): RecordStatus {
  const terminationDate = record.terminationDate;
  if (isActiveOn(record, onDate)) {
    return {
      status: 'active',
      terminationDate,
      text: terminationDate ? `active, terminates after ${terminationDate}` : 'active',
    };
  }
  return { status: 'terminated', terminationDate, text: `terminated on ${terminationDate}` };
}
