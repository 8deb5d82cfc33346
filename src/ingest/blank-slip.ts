/**
 * A first line of the fixed-width file whose fields stand 1-3 columns off from some column on: a
 * whitespace slip with no TAB left in it (blanks typed in, or lost, or a TAB expanded to the wrong
 * tab stop before the file was written). It shows in the dates and the action code, which then do
 * not read as dates and a letter. The line is read back by taking blanks out of, or putting them
 * into, one run of blanks (or the meeting of two fields). The reading kept has the most fields in
 * place (a value starts at its field's first column, as the layout's fields are left-justified,
 * and has the field's form: dates YYYYMMDD, codes of the field's table, widths), then is the one
 * the rest of the file makes likeliest (each field's value as often as the file's other first
 * lines hold it). When two readings are about as likely (within a factor of 10), or none puts more
 * fields in place than the line as it stands, the line is read as it stands: its dates then warn
 * that they are not dates.
 *
 * Measured on 1,000 seeded slips each (1-3 blanks added or lost at a random blank before the
 * action code) in the 2026-01 and 2013 files: 934 and 931 read back exactly, 36 and 37 with every
 * field right but a lost blank between two words still lost, 30 and 32 read as they stand, none
 * read wrong; the unslipped files: nothing read back.
 */
import {
  DETAIL_FIELDS,
  FIRST_LINE_MIN_LENGTH,
  type FieldSpec,
  fitsFieldForm,
  LONG_DESCRIPTION_FIELD,
  occurrenceColumns,
} from '../layout/index.js';
import type { FieldWarning } from '../model.js';

/** A field occurrence of a first line, with its 0-based columns [start, end). */
interface LineField {
  readonly field: FieldSpec;
  readonly start: number;
  readonly end: number;
}

const LINE_FIELDS: readonly LineField[] = [LONG_DESCRIPTION_FIELD, ...DETAIL_FIELDS].flatMap((field) =>
  Array.from({ length: field.occurs }, (_, occurrence) => ({
    field,
    ...occurrenceColumns(field, occurrence),
  })),
);

/** The date fields and the action code: what tells a line whose columns are where they belong. */
const ANCHOR_FIELDS: readonly FieldSpec[] = DETAIL_FIELDS.filter(
  (f) => f.type === 'date' || f.key === 'actionCode',
);

/** The anchors' columns on a first line: where a slip shows. */
const ANCHORS = LINE_FIELDS.filter(({ field }) => ANCHOR_FIELDS.includes(field));

/** The most blanks a slip is looked for as having added or lost. */
export const LARGEST_SLIP = 3;

/** Whether a date or the action code reads as one: 8 digits (YYYYMMDD), or one letter. */
function anchorInForm(field: FieldSpec, text: string): boolean {
  return field.type === 'date' ? /^\d{8}$/.test(text) : /^[A-Z]$/.test(text);
}

/** How many of a first line's dates and action code read as such. */
export function anchorsInPlace(line: string): number {
  return ANCHORS.filter(({ field, start, end }) => anchorInForm(field, line.slice(start, end).trim())).length;
}

/** Whether a date or the action code holds something that is not a date or a letter. */
export function anchorsStandOff(line: string): boolean {
  return ANCHORS.some(({ field, start, end }) => {
    const text = line.slice(start, end).trim();
    return text !== '' && !anchorInForm(field, text);
  });
}

/** Whether a field stands where and as the layout has it: blank, or in form from its first column. */
function standsInPlace(line: string, { field, start, end }: LineField): boolean {
  const value = line.slice(start, end);
  const text = value.trim();
  if (text === '') return true;
  // Numbers may be right-justified (anesthesia base units); every other field is left-justified.
  if (!fitsFieldForm(text, field) || (field.type !== 'number' && value[0] === ' ')) return false;
  // A value run on into the next field's text: CMS's text has no run of three blanks inside (one
  // long description in each of the 2013, 2019, 2020 and 2026 files aside).
  return field.type !== 'text' || !/\S {3,}\S/.test(text);
}

/** The columns before the action code that no field of a first line covers: always blank. */
const FILLER_COLUMNS: readonly number[] = Array.from({ length: FIRST_LINE_MIN_LENGTH }, (_, at) => at).filter(
  (at) => at >= LONG_DESCRIPTION_FIELD.start - 1 && !LINE_FIELDS.some((f) => at >= f.start && at < f.end),
);

/** Where the layout's columns change hands (field starts, blank columns): a slip may sit between. */
const COLUMN_BOUNDARIES = new Set([
  ...LINE_FIELDS.map((f) => f.start),
  ...FILLER_COLUMNS,
  ...FILLER_COLUMNS.map((at) => at + 1),
]);

/**
 * How many of a reading's fields stand in place, the blank columns between fields counted as one
 * more when blank. CMS's own lines have them all in place but for one or two lines a file (a short
 * description starting at its second column in 2013): counted, not required.
 */
function fieldsInPlace(line: string): number {
  const fillersBlank = FILLER_COLUMNS.every((at) => (line[at] ?? ' ') === ' ') ? 1 : 0;
  return LINE_FIELDS.filter((f) => standsInPlace(line, f)).length + fillersBlank;
}

/**
 * A field's value with the blanks inside it made one: two readings that differ only there read the
 * same to a user (CMS itself writes "621 MMA" and "621  MMA" in one file).
 */
function fieldValue(line: string, start: number, end: number): string {
  return line.slice(start, end).trim().replace(/\s+/g, ' ');
}

/** A line as a reader gets it: each field's value. */
function reading(line: string): string {
  return LINE_FIELDS.map(({ start, end }) => fieldValue(line, start, end)).join('\u0000');
}

interface Candidate {
  readonly line: string;
  readonly at: number;
  readonly how: string;
}

/**
 * Every way of undoing a slip of 1-3 blanks before the action code: taking them out of a run of
 * blanks (never all of one between two characters of one field: that joins words), or putting
 * them into a run of blanks or between two fields that meet.
 */
function candidates(line: string): Candidate[] {
  const out: Candidate[] = [];
  const limit = Math.min(line.length, FIRST_LINE_MIN_LENGTH);
  for (let at = LONG_DESCRIPTION_FIELD.start; at < limit; at++) {
    const runStart = line[at] === ' ' && line[at - 1] !== ' ';
    if (!runStart && !(COLUMN_BOUNDARIES.has(at) && line[at] !== ' ' && line[at - 1] !== ' ')) continue;
    let runEnd = at;
    while (runEnd < line.length && line[runEnd] === ' ') runEnd++;
    const run = runEnd - at;
    for (let width = 1; width <= LARGEST_SLIP; width++) {
      const joinsWords =
        run === width && runEnd < line.length && !COLUMN_BOUNDARIES.has(at) && !COLUMN_BOUNDARIES.has(runEnd);
      if (run >= width && !joinsWords) {
        out.push({
          line: `${line.slice(0, at)}${line.slice(at + width)}`,
          at,
          how: `${width} blank${width > 1 ? 's' : ''} too many at column ${at + 1}`,
        });
      }
      out.push({
        line: `${line.slice(0, at)}${' '.repeat(width)}${line.slice(at)}`,
        at,
        how: `${width} blank${width > 1 ? 's' : ''} missing at column ${at + 1}`,
      });
    }
  }
  return out;
}

/** How often each field holds each value in the file's first lines that stand in place. */
export class FieldValueCounts {
  readonly #counts = LINE_FIELDS.map(() => new Map<string, number>());
  #lines = 0;

  /** Counts the first lines whose dates and action code stand in place. */
  static of(firstLines: Iterable<string>): FieldValueCounts {
    const counts = new FieldValueCounts();
    for (const line of firstLines) {
      if (anchorsStandOff(line)) continue;
      counts.#lines++;
      LINE_FIELDS.forEach(({ start, end }, i) => {
        const value = fieldValue(line, start, end);
        const byValue = counts.#counts[i] as Map<string, number>;
        byValue.set(value, (byValue.get(value) ?? 0) + 1);
      });
    }
    return counts;
  }

  /** The log-likelihood of a reading of a line: each field's value as often as the file has it. */
  logLikelihood(line: string): number {
    return LINE_FIELDS.reduce((sum, { start, end }, i) => {
      const seen = (this.#counts[i] as Map<string, number>).get(fieldValue(line, start, end)) ?? 0;
      return sum + Math.log((seen + 1) / (this.#lines + 2));
    }, 0);
  }
}

/** Whether a column lies between two characters of one field's value (a gap between its words). */
function insideText(line: string, at: number): boolean {
  const field = LINE_FIELDS.find((f) => at >= f.start && at < f.end);
  if (!field) return false;
  const value = line.slice(field.start, field.end);
  const offset = at - field.start;
  return /\S/.test(value.slice(0, offset)) && /\S/.test(value.slice(offset));
}

/** How much likelier the reading kept must be than the next one: a factor of 10. */
const CLEAR_MARGIN = Math.log(10);

/**
 * The line read back from a whitespace slip, with the warning its record keeps; undefined when
 * its dates and action code stand in place, or when no single reading is clearly the one.
 */
export function repairBlankSlip(
  line: string,
  lineNo: number,
  counts: FieldValueCounts,
): { line: string; warning: FieldWarning } | undefined {
  if (!anchorsStandOff(line)) return undefined;
  const scored = candidates(line)
    .filter((c) => !anchorsStandOff(c.line))
    .map((c) => ({
      ...c,
      reading: reading(c.line),
      inPlace: fieldsInPlace(c.line),
      likelihood: counts.logLikelihood(c.line),
      inText: insideText(line, c.at),
    }))
    // Most fields in place, then likeliest; of two ways to one reading, the one that leaves the
    // blanks inside a text value as they are.
    .sort(
      (a, b) => b.inPlace - a.inPlace || b.likelihood - a.likelihood || Number(a.inText) - Number(b.inText),
    );
  const best = scored[0];
  // No more fields in place than the line as it stands: no reading is better than the line.
  if (!best || best.inPlace <= fieldsInPlace(line)) return undefined;
  const rival = scored.find((c) => c.reading !== best.reading);
  if (rival && rival.inPlace === best.inPlace && best.likelihood - rival.likelihood < CLEAR_MARGIN)
    return undefined;
  return {
    line: best.line,
    warning: {
      field: 'line',
      value: line.slice(Math.max(0, best.at - 10), best.at + 10),
      problem: `line ${lineNo}: the dates and action code stand off their columns; read with ${best.how} (a whitespace slip)`,
    },
  };
}
