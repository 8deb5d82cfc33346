/**
 * Compares a record layout file that came with a release against the layout this program reads
 * by (`src/layout`). A release whose layout moved a field would otherwise be misread silently, so
 * every difference in position, length or occurrences is reported, and code-table entries the
 * file defines that we do not know are listed.
 */

import { RECORD_FIELDS } from '../layout/fields.js';
import {
  CODE_FIELD,
  type CodeTable,
  lookupCode,
  RECORD_ID_FIELD,
  RECORD_LENGTH,
  SEQUENCE_NUMBER_FIELD,
} from '../layout/index.js';
import type { FieldSpec } from '../layout/types.js';
import type { LayoutFile } from './record-layout-file.js';

export interface LayoutDifference {
  readonly field: number;
  readonly name: string;
  readonly problem: string;
}

const KNOWN_FIELDS: readonly FieldSpec[] = [
  CODE_FIELD,
  SEQUENCE_NUMBER_FIELD,
  RECORD_ID_FIELD,
  ...RECORD_FIELDS,
];

/** The appendix tables of the layout file that back a field's CODE TABLE reference. */
function tableCodes(file: LayoutFile, field: FieldSpec): { code: string; label: string }[] {
  const parsed = file.fields.find((f) => f.number === field.number);
  if (!parsed) return [];
  if (parsed.codeTable) return [...(file.tables[parsed.codeTable] ?? [])];
  return [...parsed.codes];
}

/**
 * Differences between a CMS layout file and our layout; empty when they define the same record.
 * @example compareLayout(parseRecordLayout(text)) // []
 */
export function compareLayout(file: LayoutFile): LayoutDifference[] {
  const out: LayoutDifference[] = [];
  if (file.recordLength !== RECORD_LENGTH) {
    out.push({
      field: 0,
      name: 'record',
      problem: `record length ${file.recordLength}, expected ${RECORD_LENGTH}`,
    });
  }
  for (const field of KNOWN_FIELDS) {
    const parsed = file.fields.find((f) => f.number === field.number);
    if (!parsed) {
      out.push({ field: field.number, name: field.cmsName, problem: 'not in the layout file' });
      continue;
    }
    if (parsed.start !== field.start || parsed.length !== field.length || parsed.occursMax !== field.occurs) {
      out.push({
        field: field.number,
        name: field.cmsName,
        problem: `layout file has columns ${parsed.start}-${parsed.end} x${parsed.occursMax}, we read ${field.start}-${field.start + field.length - 1} x${field.occurs}`,
      });
    }
    const table: CodeTable | undefined = field.table;
    if (!table) continue;
    for (const entry of tableCodes(file, field)) {
      if (lookupCode(table, entry.code) === undefined) {
        out.push({
          field: field.number,
          name: field.cmsName,
          problem: `code ${entry.code} (${entry.label}) is not in our ${table.name} table`,
        });
      }
    }
  }
  return out;
}
