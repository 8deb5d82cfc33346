/**
 * The concept properties this server defines for HCPCS (THO defines none): FHIR's standard
 * `status`, `inactive`, `notSelectable`, `parent` and `child`, the kind of code, and one property
 * per field of the CMS record layout (code = the record JSON key), typed from the layout and
 * described with CMS's own definition. Coded values carry their code-table label as description.
 */
import type { CodeSystemProperty } from 'fhir/r4.js';
import { decodeCode, definitionText, RECORD_FIELDS } from '../layout/index.js';
import type { FieldSpec } from '../layout/types.js';
import { type HcpcsRecord, isActiveOn } from '../model.js';

export type PropertyType = 'code' | 'string' | 'boolean' | 'dateTime' | 'integer';

/** One value of a property of a concept, as $lookup returns it. */
export interface PropertyValue {
  readonly code: string;
  readonly type: PropertyType;
  readonly value: string | number | boolean;
  /** The code-table label of a coded value. */
  readonly description?: string;
}

const CONCEPT_PROPERTIES = 'http://hl7.org/fhir/concept-properties';

/** Fields that are the concept itself (its code) or its designations, not properties. */
const NOT_PROPERTIES = new Set(['code', 'longDescription', 'shortDescription']);

function typeOf(field: FieldSpec): PropertyType {
  switch (field.type) {
    case 'date':
      return 'dateTime';
    case 'number':
      return 'integer';
    case 'code':
      return 'code';
    default:
      return 'string';
  }
}

const FIELD_PROPERTIES = RECORD_FIELDS.filter((f) => !NOT_PROPERTIES.has(f.key));

/** CodeSystem.property: every property a concept of this server can carry. */
export const PROPERTY_DEFINITIONS: readonly CodeSystemProperty[] = [
  {
    code: 'status',
    uri: `${CONCEPT_PROPERTIES}#status`,
    description:
      'active, or retired when the code is terminated at the start of the release (its termination date, record layout field 29, lies before the effective date)',
    type: 'code',
  },
  {
    code: 'inactive',
    uri: `${CONCEPT_PROPERTIES}#inactive`,
    description: 'true when the code is terminated at the start of the release',
    type: 'boolean',
  },
  {
    code: 'notSelectable',
    uri: `${CONCEPT_PROPERTIES}#notSelectable`,
    description: 'true for the grouping concepts (letter sections and hundred-blocks), which are not codes',
    type: 'boolean',
  },
  {
    code: 'parent',
    uri: `${CONCEPT_PROPERTIES}#parent`,
    description: 'the concept above in the hierarchy',
    type: 'code',
  },
  {
    code: 'child',
    uri: `${CONCEPT_PROPERTIES}#child`,
    description: 'a concept below in the hierarchy',
    type: 'code',
  },
  {
    code: 'kind',
    description:
      'procedure (a HCPCS procedure code, record id 3) or modifier (a HCPCS modifier, record id 7)',
    type: 'code',
  },
  {
    code: 'correction',
    description:
      "a correction CMS published to the release's file for this code after the release (a row of CMS's corrections list: its words, date, where it is written and what it changes); the other properties give the code as corrected by the corrections dated by the release's effective date",
    type: 'string',
  },
  ...FIELD_PROPERTIES.map(
    (field): CodeSystemProperty => ({
      code: field.key,
      description: `${field.label} (CMS record layout field ${field.number}, ${field.cmsName}${field.occurs > 1 ? `, up to ${field.occurs} values` : ''}): ${definitionText(field)}`,
      type: typeOf(field),
    }),
  ),
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The property values of a record in a release effective on `effectiveDate`, in definition order.
 * Values the file got wrong (see the record's warnings) are left out rather than mistyped.
 * @example recordProperties(j1640, '2026-01-01').find((p) => p.code === 'coverage') // { code: 'coverage', type: 'code', value: 'D', description: 'Special coverage instructions apply' }
 */
export function recordProperties(record: HcpcsRecord, effectiveDate: string): PropertyValue[] {
  const active = isActiveOn(record, effectiveDate);
  const out: PropertyValue[] = [
    { code: 'status', type: 'code', value: active ? 'active' : 'retired' },
    { code: 'inactive', type: 'boolean', value: !active },
    { code: 'kind', type: 'code', value: record.kind },
  ];
  for (const field of FIELD_PROPERTIES) {
    const raw = record[field.key as keyof HcpcsRecord];
    const values = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
    const type = typeOf(field);
    for (const value of values as (string | number)[]) {
      if (type === 'dateTime' && !(typeof value === 'string' && ISO_DATE.test(value))) continue;
      if (type === 'integer' && typeof value !== 'number') continue;
      out.push({
        code: field.key,
        type,
        value: type === 'integer' ? value : String(value),
        ...(field.table ? { description: decodeCode(field.table, String(value)) } : {}),
      });
    }
  }
  return out;
}

/** The FHIR `value[x]` key of a property type. */
export function valueKey(
  type: PropertyType,
): 'valueCode' | 'valueString' | 'valueBoolean' | 'valueDateTime' | 'valueInteger' {
  switch (type) {
    case 'code':
      return 'valueCode';
    case 'boolean':
      return 'valueBoolean';
    case 'dateTime':
      return 'valueDateTime';
    case 'integer':
      return 'valueInteger';
    default:
      return 'valueString';
  }
}
