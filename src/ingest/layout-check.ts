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
 * Why a layout file cannot be compared with ours, or undefined when this program read it whole.
 * A file it reads whole has a record length and every field of ours, each with a length, a first
 * column and at least one occurrence, inside the record. A layout written in a format this parser
 * does not know reads as missing fields or zero occurrences, which must not pass for a moved field.
 * @example layoutNotUnderstood(parseRecordLayout(text)) // undefined
 */
export function layoutNotUnderstood(file: LayoutFile): string | undefined {
  if (file.fields.length === 0) return 'no numbered field with its positions was found in it';
  if (!(file.recordLength > 0)) return 'no record length was found in it';
  const missing = KNOWN_FIELDS.filter((k) => !file.fields.some((f) => f.number === k.number));
  if (missing.length > 0)
    return `fields ${missing.map((f) => f.number).join(', ')} of our layout were not found in it`;
  const unread = file.fields.find((f) => f.occursMax === 0);
  if (unread)
    return `the occurrences (OCCURS) of field ${unread.number} are written in a form this program does not read`;
  const bad = file.fields.find((f) => !(f.length > 0 && f.start > 0));
  if (bad) return `field ${bad.number} reads as ${bad.length} characters at column ${bad.start}`;
  // Occurrences left unread look like one occurrence followed by blank columns that exactly fit
  // the rest of ours, up to where the next field begins.
  const sorted = [...file.fields].sort((a, b) => a.start - b.start);
  // A count read from OCCURS MIN (older reports) must fill the columns up to the next field
  // exactly (or to the record's end); otherwise the clause was not understood.
  for (const field of file.fields.filter((f) => f.occursFromMin)) {
    const nextStart = sorted.find((f) => f.start > field.start)?.start ?? file.recordLength + 1;
    if (field.start + field.length * field.occursMax !== nextStart)
      return `the occurrences (OCCURS) of field ${field.number} are written in a form this program does not read`;
  }
  for (const ours of KNOWN_FIELDS.filter((k) => k.occurs > 1)) {
    const theirs = file.fields.find((f) => f.number === ours.number);
    const next = sorted.find((f) => theirs && f.start > theirs.start);
    if (
      theirs &&
      next &&
      theirs.occursMax < ours.occurs &&
      next.start === theirs.start + theirs.length * ours.occurs
    )
      return `field ${theirs.number} reads as ${theirs.occursMax} occurrence(s) where its columns up to field ${next.number} hold ${ours.occurs}: its OCCURS clause was not read`;
  }
  const past = file.fields.find((f) => f.start + f.length * f.occursMax - 1 > file.recordLength);
  if (past)
    return `field ${past.number} reads as ending past the record length ${file.recordLength} (columns ${past.start}-${past.start + past.length * past.occursMax - 1})`;
  return undefined;
}

/**
 * Differences between a CMS layout file and our layout; empty when they define the same record.
 * Only for a file {@link layoutNotUnderstood} accepts.
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
