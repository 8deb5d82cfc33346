/**
 * Reads CMS's corrections list: what CMS changed in a release after publishing it ("2019
 * ALPHA-NUMERIC HCPCS CORRECTIONS", 2019-HCPCS-Alpha-Numeric-Corrections.zip: HCPC2019_Corrections_ALPHA
 * and a second list _v2, each as XLSX and as a PRN print of the same rows). A row names a code, CMS's
 * words for the correction ("ADD CODE", "Discontinue", "Change Cov to C and Price to 39", "Removed in
 * error - add back to file"), the date it takes effect, and the values it gives (columns SHORT DESC
 * ... ASC DATE, blank where the correction does not give one).
 *
 * The words are free text: they are kept as CMS wrote them, and the kind of correction is read
 * from them (a code added, discontinued or put back; else a change). The values are read by their
 * columns into the record layout's fields. A row whose words are all of the forms of
 * CLAUSE_FORMS ("Change xref code to J7203", "Add Lab Cert code 220", "Remove xref code Q0080",
 * "add Action Effective date") gets from the words the values its cells do not give, said so; a
 * row with any clause not of these forms keeps its words alone. Words that say otherwise than the
 * row's cells are a warning, and the cells stand. The PRN print
 * cuts every column to its printed width ("Change Ac", "01/01/201"), so it is read only when no
 * workbook of the list is at hand, and then for code, words and date alone.
 */
import type * as XLSX from '@e965/xlsx';
import { isCodeShaped } from '../code.js';
import { type ErrorLocation, formatLocation, inputError } from '../errors.js';
import { type FieldSpec, fieldByKey, fitsFieldForm, RECORD_FIELDS } from '../layout/index.js';
import { CORRECTIONS_HEADINGS, canonicalHeading, normalizeHeading } from '../layout/workbook-headings.js';
import { isoDate } from './record-builder.js';
import { cellDate, cellText, looksLikeWorkbook, openWorkbook } from './workbook.js';

/**
 * The version of this reader: raised whenever what it reads from a list changes, so that a list the
 * store kept as read by an older version is read again from its file (store table corrections_read).
 * 5: date cells read as their own day in every time zone (version 4 and older, run west of
 * Greenwich, kept every date of CMS's 2019 lists a day early: 2018-12-31 for 2019-01-01).
 */
export const CORRECTIONS_READER = 5;

/**
 * - `add`: the release should have held the code ("ADD CODE").
 * - `discontinue`: the code ends on the correction's date ("Discontinue").
 * - `add-back`: the release lost a record it should have kept ("Removed in error - add back to file").
 * - `change`: anything else; the values the row gives, and CMS's words, say what.
 */
export const CORRECTION_KINDS = ['add', 'discontinue', 'add-back', 'change'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/**
 * A value a correction gives for one layout field, in the record JSON's form (ISO dates, lists;
 * null, or an empty list, for a value the words remove).
 */
export interface CorrectedValue {
  /** The record JSON key of the layout field (`coverage`, `typesOfService` ...). */
  readonly field: string;
  readonly value: string | string[] | null;
  /**
   * Words that add one value to a repeated field (layout "occurs" above 1) or take one from it
   * (2018 "Add Lab Cert code 220", 2017 "Remove xref code Q0080"): `value` is added to, or taken
   * from, the record's values, the others kept. Absent: `value` is the field's whole value.
   */
  readonly operation?: 'add' | 'remove';
}

export interface CorrectionEntry {
  readonly code: string;
  /** CMS's words, trimmed. */
  readonly action: string;
  readonly kind: CorrectionKind;
  /** ISO date the correction takes effect, or null when the row gives none that is a date. */
  readonly effectiveDate: string | null;
  /** The EFF DATE cell as written, when it is not a date ("01/0/12019"). */
  readonly effectiveDateAsWritten: string | null;
  readonly values: CorrectedValue[];
  /** Some of the values were read from CMS's words (the row gives them in no value column). */
  readonly valuesFromWords?: true;
  /**
   * Words that put back an earlier year's values (2018's G9637 "Should not have been updated -
   * revert back to 2017 description"): the year, and the fields. The values are the code's in the
   * latest release held of that year, looked up where the releases are (history/corrections.ts).
   */
  readonly revertTo?: { readonly year: string; readonly fields: readonly string[] };
  readonly comments: string | null;
  readonly location: ErrorLocation;
}

export interface CorrectionsList {
  readonly file: string;
  readonly format: 'workbook' | 'prn';
  /** The list's title line ("2019 ALPHA-NUMERIC HCPCS CORRECTIONS"), or null. */
  readonly title: string | null;
  readonly entries: CorrectionEntry[];
  /** Rows kept with a problem, or skipped: each says where and what. */
  readonly warnings: { readonly location: ErrorLocation; readonly problem: string }[];
}

/**
 * The kind of correction CMS's words say. "Removed in error - add back" is tested before "add":
 * it names a code put back, not a new one; "Add "YY" ASC Ind" adds a value, not a code.
 * @example correctionKind('Removed in error - add back to file') // 'add-back'
 */
export function correctionKind(action: string): CorrectionKind {
  const words = action.toLowerCase();
  if (/removed in error|add(ed)? back|reinstat|restore/.test(words)) return 'add-back';
  if (
    /^\s*(add(ed)?|new)(\s+(new\s+)?codes?)?\s*$/.test(words) ||
    /^\s*add(ed)?\s+(new\s+)?codes?\b/.test(words)
  )
    return 'add';
  if (/discontin|^\s*delete|terminate/.test(words)) return 'discontinue';
  return 'change';
}

/** The layout field of each corrections heading (normalized), by the workbook column it maps to. */
const FIELD_BY_HEADING: ReadonlyMap<string, FieldSpec> = new Map(
  RECORD_FIELDS.flatMap((field) =>
    field.workbookColumns.slice(0, 1).map((column): [string, FieldSpec] => [normalizeHeading(column), field]),
  ),
);

function fieldOfHeading(heading: string): FieldSpec | undefined {
  const normal = normalizeHeading(heading);
  const mapped = CORRECTIONS_HEADINGS[normal];
  return FIELD_BY_HEADING.get(mapped ? normalizeHeading(mapped) : canonicalHeading(heading));
}

/**
 * YYYYMMDD of a date CMS's lists write by hand: M/D/YY (the list's own cells, "1/1/19") or
 * M/D/YYYY; a two-digit year is 20YY (the lists begin in the 2000s). Whether it is a calendar
 * date is isoDate's to say.
 */
function writtenDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [month, day] = [Number(match[1]), Number(match[2])];
  const year = (match[3] as string).length === 2 ? `20${match[3]}` : (match[3] as string);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** A cell's text, trimmed (the lists pad their words: "Discontinue "). */
function text(cell: XLSX.CellObject | undefined): string {
  return cellText(cell).trim();
}

type Warnings = CorrectionsList['warnings'][number][];

/**
 * Text as the record JSON holds the field: a repeated field's occurrences split at commas or
 * blanks ("9,F" for TOS), a zero-padded field's digits padded. `misfits` are the parts out of the
 * field's form (the record layout's), kept as written.
 */
function writtenValue(field: FieldSpec, written: string): { value: string | string[]; misfits: string[] } {
  const parts = field.occurs > 1 ? written.split(/[\s,;]+/).filter((p) => p !== '') : [written];
  const misfits = parts.filter((part) => {
    const form = field.zeroPadded && /^\d+$/.test(part) ? part.padStart(field.length, '0') : part;
    return field.type !== 'text' && !fitsFieldForm(form, field);
  });
  return { value: field.occurs > 1 ? parts : written, misfits };
}

/**
 * A value cell as the record JSON holds the field: a date field's date as ISO, else as
 * writtenValue reads it, a value out of the field's form kept as written with a warning.
 */
function fieldValue(
  field: FieldSpec,
  cell: XLSX.CellObject | undefined,
  location: ErrorLocation,
  warnings: Warnings,
): CorrectedValue | undefined {
  if (field.type === 'date') {
    const date = isoDate(cellDate(cell) ?? writtenDate(text(cell)) ?? '');
    if (date) return { field: field.key, value: date };
  }
  const written = text(cell);
  if (written === '') return undefined;
  const { value, misfits } = writtenValue(field, written);
  for (const part of misfits) {
    warnings.push({
      location,
      problem: `${field.label} "${part}" is not in the form the record layout gives it; kept as written`,
    });
  }
  return { field: field.key, value };
}

/**
 * A clause of CMS's words as read: the field it names and the value it gives, in the record JSON's
 * form; `named` for a field named with no value ("add Action Effective date").
 */
type WordsClause = {
  readonly field: FieldSpec;
  readonly value: CorrectedValue['value'];
  readonly named?: true;
};

const VERBS = /^(change|add|remove)\b\s*/i;

/**
 * Each verb's clause forms, tried in turn, with their field and value groups: "Cov to C" (change);
 * ""YY" ASC Ind" or "Lab Cert code 220" (add); ""YY" ASC Ind", "xref code Q0080" or "ASC Start
 * date of 01/01/2019" (remove: a value named is the one removed; a field alone is emptied); a field
 * alone after change or add ("add Action Effective date"), named without its value. A form counts
 * only where its field group is a heading or layout name and its value has the field's form.
 */
const CLAUSE_FORMS: Readonly<Record<string, readonly { form: RegExp; field: number; value?: number }[]>> = {
  change: [
    { form: /^(.+?)\s+to\s+"?([^"\s]+)"?$/i, field: 1, value: 2 },
    { form: /^(.+)$/, field: 1 },
  ],
  add: [
    { form: /^"([^"]+)"\s+(.+)$/, field: 2, value: 1 },
    { form: /^(.+?)\s+"?([^"\s]+)"?$/, field: 1, value: 2 },
    { form: /^(.+)$/, field: 1 },
  ],
  remove: [
    { form: /^"([^"]+)"\s+(.+?)(?:\s+of\s+\S+)?$/i, field: 2, value: 1 },
    { form: /^(.+?)\s+"?([^"\s]+)"?$/, field: 1, value: 2 },
    { form: /^(.+?)(?:\s+of\s+\S+)?$/i, field: 1 },
  ],
};

/** One clause, its verb given; undefined when it is of no form of its verb. */
function readClause(verb: string, clause: string): WordsClause | undefined {
  for (const shape of CLAUSE_FORMS[verb] ?? []) {
    const match = shape.form.exec(clause);
    const field = match ? fieldOfHeading(match[shape.field] as string) : undefined;
    if (!match || !field) continue;
    if (shape.value === undefined) {
      // A field alone: emptied by remove, named without its value by change and add.
      if (verb === 'remove') return { field, value: field.occurs > 1 ? [] : null };
      return { field, value: null, named: true };
    }
    const value = wordsValue(field, match[shape.value] as string);
    if (value === undefined) continue;
    // The value removed from a field of one value leaves it blank.
    if (verb === 'remove' && field.occurs === 1) return { field, value: null };
    return { field, value };
  }
  return undefined;
}

/** A value written in words as the record JSON holds it, or undefined when out of its field's form. */
function wordsValue(field: FieldSpec, value: string): CorrectedValue['value'] | undefined {
  if (field.type === 'date') return isoDate(writtenDate(value) ?? '') ?? undefined;
  const read = writtenValue(field, value);
  return read.misfits.length > 0 || !formChecked(field, value) ? undefined : read.value;
}

/**
 * Whether words can give this field's value: one whose form the layout fixes (a code of a code
 * table, digits, a date), or a cross reference (layout field 15), which is a HCPCS code. Free
 * text (descriptions, statute, manual references) is never read from words.
 */
function formChecked(field: FieldSpec, value: string): boolean {
  if (field.key === 'crossReferences') return isCodeShaped(value);
  return field.type !== 'text' || field.zeroPadded === true;
}

/**
 * The values CMS's words give, when every clause of them is read (see the module comment);
 * undefined when any is not, or a value is out of its field's form: words are kept, not guessed.
 * Clauses are joined by "and", or by "/" between names ("Change ASC Ind/ASC eff date"). A field
 * named without its value takes the value of the row's cell for it, else, for a date field, the
 * row's EFF DATE (`row`): 2019's A5513 "Change Action code to "F" and add Action Effective date" on
 * 01/01/2019, 2018's C9488 "Change ASC Ind/ASC eff date" on 04/01/2017 with ASC IND YY (the list
 * has no ASC date column). Values the cells give are not repeated here.
 * @example valuesFromWords('Change Cov to C and Price to 39') // [{ field: 'coverage', value: 'C' }, { field: 'pricingIndicators', value: ['39'] }]
 */
export function valuesFromWords(
  words: string,
  row?: { readonly date: string | null; readonly cells: readonly CorrectedValue[] },
): CorrectedValue[] | undefined {
  const values: CorrectedValue[] = [];
  let verb: string | undefined;
  for (const part of words.trim().split(/\s+and\s+|(?<=[a-z])\s*\/\s*(?=[a-z])/i)) {
    const said = VERBS.exec(part);
    if (said) verb = (said[1] as string).toLowerCase();
    const clause = verb ? readClause(verb, part.slice(said?.[0].length ?? 0).trim()) : undefined;
    if (!clause) return undefined;
    const { field, value } = clause;
    if (clause.named) {
      if (row?.cells.some((cell) => cell.field === field.key)) continue;
      if (field.type !== 'date' || !row?.date) return undefined;
      values.push({ field: field.key, value: row.date });
      continue;
    }
    // One value added to, or taken from, a repeated field: the record's others stay.
    const operation =
      field.occurs > 1 && Array.isArray(value) && value.length > 0 && (verb === 'add' || verb === 'remove')
        ? verb
        : undefined;
    values.push({ field: field.key, value, ...(operation ? { operation } : {}) });
  }
  return values.length > 0 || row?.cells.length ? values : undefined;
}

/**
 * The year and fields of words that put back an earlier year's description ("revert back to 2017
 * description": both descriptions; "... 2017 long description": the long one), or undefined.
 * @example revertOfWords('Should not have been updated - revert back to 2017 description') // { year: '2017', fields: ['longDescription', 'shortDescription'] }
 */
export function revertOfWords(words: string): CorrectionEntry['revertTo'] {
  const match =
    /\brevert(?:ed)?\s+(?:back\s+)?to\s+(?:the\s+)?((?:19|20)\d\d)\s+(?:(long|short)\s+)?desc(?:ription)?s?\b/i.exec(
      words,
    );
  if (!match) return undefined;
  const which = match[2]?.toLowerCase();
  const fields =
    which === 'long'
      ? ['longDescription']
      : which === 'short'
        ? ['shortDescription']
        : ['longDescription', 'shortDescription'];
  return { year: match[1] as string, fields };
}

/** Where a row's words, read, say otherwise than its value cells (the cells are kept). */
function wordsDisagreeing(words: readonly CorrectedValue[], cells: readonly CorrectedValue[]): string[] {
  const shown = (v: CorrectedValue['value']) => (Array.isArray(v) ? v.join(',') : (v ?? '(blank)'));
  return words.flatMap((w) => {
    const cell = cells.find((c) => c.field === w.field);
    // A value added or taken away is one of the field's values: a cell giving them all is no contradiction.
    if (!cell || w.operation || shown(cell.value) === shown(w.value)) return [];
    const label = fieldByKey(w.field)?.label ?? w.field;
    return [`the words say ${label} ${shown(w.value)}, the cell ${shown(cell.value)}; the cell is kept`];
  });
}

function readList(bytes: Uint8Array, file: string): CorrectionsList {
  const workbook = openWorkbook(bytes, file);
  for (const sheet of workbook.SheetNames) {
    const rows = ((workbook.Sheets[sheet] as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ??
      []) as (XLSX.CellObject | undefined)[][];
    const limit = Math.min(rows.length, 50);
    for (let r = 0; r < limit; r++) {
      const headings = (rows[r] ?? []).map((c) => normalizeHeading(text(c)));
      const codeColumn = headings.findIndex((h) => ['CODE', 'HCPC', 'HCPCS', 'HCPCSCODE'].includes(h));
      const actionColumn = headings.findIndex((h) => h === 'ACTION' || h === 'CORRECTION');
      if (codeColumn < 0 || actionColumn < 0) continue;
      const dateColumn = headings.findIndex((h) => ['EFFDATE', 'EFFECTIVEDATE', 'EFFDT'].includes(h));
      const commentsColumn = headings.findIndex((h) => h === 'COMMENTS' || h === 'COMMENT');
      const valueColumns: { column: number; field: FieldSpec }[] = [];
      (rows[r] ?? []).forEach((cell, column) => {
        if ([codeColumn, actionColumn, dateColumn, commentsColumn].includes(column)) return;
        const heading = text(cell);
        const field = heading ? fieldOfHeading(heading) : undefined;
        if (field && !valueColumns.some((v) => v.field === field)) valueColumns.push({ column, field });
      });
      const title =
        rows
          .slice(0, r)
          .flatMap((row) => (row ?? []).map((c) => text(c)))
          .find((t) => t !== '') ?? null;
      const entries: CorrectionEntry[] = [];
      const warnings: Warnings = [];
      for (let i = r + 1; i < rows.length; i++) {
        const row = rows[i] ?? [];
        const code = text(row[codeColumn]).toUpperCase();
        const action = text(row[actionColumn]);
        if (!code && !action) continue;
        const location: ErrorLocation = { file, sheet, row: i + 1 };
        if (!isCodeShaped(code)) {
          warnings.push({ location, problem: `"${code}" is not a HCPCS code or modifier; row skipped` });
          continue;
        }
        const dateCell = dateColumn >= 0 ? row[dateColumn] : undefined;
        const written = text(dateCell);
        const date = isoDate(cellDate(dateCell) ?? writtenDate(written) ?? '');
        if (!date && written) {
          warnings.push({
            location,
            problem: `EFF DATE "${written}" is not a date; the correction is kept without one`,
          });
        }
        const kind = correctionKind(action);
        const cells = valueColumns.flatMap(
          ({ column, field }) => fieldValue(field, row[column], location, warnings) ?? [],
        );
        // Words are read for a change only: an added code's words ("ADD CODE") give no values.
        const fromWords =
          kind === 'change' ? valuesFromWords(action, { date: date ?? null, cells }) : undefined;
        for (const problem of fromWords ? wordsDisagreeing(fromWords, cells) : [])
          warnings.push({ location, problem });
        // The cells stand; the words give the fields no cell gives.
        const added = (fromWords ?? []).filter((w) => !cells.some((c) => c.field === w.field));
        const revert = kind === 'change' ? revertOfWords(action) : undefined;
        entries.push({
          code,
          action,
          kind,
          effectiveDate: date ?? null,
          effectiveDateAsWritten: !date && written ? written : null,
          values: [...cells, ...added],
          ...(added.length > 0 ? { valuesFromWords: true as const } : {}),
          ...(revert && cells.length === 0 && added.length === 0 ? { revertTo: revert } : {}),
          comments: commentsColumn >= 0 ? text(row[commentsColumn]) || null : null,
          location,
        });
      }
      return { file, format: 'workbook', title, entries, warnings };
    }
  }
  throw inputError('no sheet has a corrections header (CODE and ACTION) in its first 50 rows', { file });
}

/**
 * The PRN print: code, then CMS's words up to the EFF DATE heading's column, then the date. The
 * value columns are cut to their printed width and not aligned under their headings, so they are
 * not read.
 */
function readPrn(bytes: Uint8Array, file: string): CorrectionsList {
  const lines = new TextDecoder('windows-1252').decode(bytes).split(/\r?\n/);
  const headerIndex = lines.findIndex(
    (l) => /\bCODE\b/.test(l) && /\bACTION\b/.test(l) && /EFF DATE/.test(l),
  );
  if (headerIndex < 0) throw inputError('no corrections header (CODE, ACTION, EFF DATE) found', { file });
  const dateStart = (lines[headerIndex] as string).indexOf('EFF DATE');
  const title =
    lines
      .slice(0, headerIndex)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? null;
  const entries: CorrectionEntry[] = [];
  const warnings: Warnings = [
    {
      location: { file },
      problem:
        'read from the PRN print, which cuts every column to its printed width: only code, words and date are read',
    },
  ];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const location: ErrorLocation = { file, line: i + 1 };
    const match = /^\s*(\S+)\s+(.*)$/.exec(line.slice(0, dateStart));
    if (!match || !isCodeShaped(match[1] as string)) {
      warnings.push({
        location,
        problem: `"${line.trim().slice(0, 40)}" is not a code followed by words; line skipped`,
      });
      continue;
    }
    // The date column is cut to its printed width too ("01/01/201" for 01/01/2019 in an ADD CODE row).
    const written = /^[\d/]*/.exec(line.slice(dateStart))?.[0] ?? '';
    const date = isoDate(writtenDate(written) ?? '');
    if (!date && written) {
      warnings.push({
        location,
        problem: `EFF DATE "${written}" is not a date; the correction is kept without one`,
      });
    }
    const action = (match[2] as string).trim();
    entries.push({
      code: match[1] as string,
      action,
      kind: correctionKind(action),
      effectiveDate: date ?? null,
      effectiveDateAsWritten: !date && written ? written : null,
      values: [],
      comments: null,
      location,
    });
  }
  return { file, format: 'prn', title, entries, warnings };
}

/**
 * Reads a corrections list, workbook (XLSX or XLS) or PRN print (told apart by content).
 * @example readCorrections(bytes, 'HCPC2019_Corrections_ALPHA.xlsx').entries.map((e) => e.code) // ['A5513', 'B4105', 'C1890', ...]
 */
export function readCorrections(bytes: Uint8Array, file: string): CorrectionsList {
  return looksLikeWorkbook(bytes) ? readList(bytes, file) : readPrn(bytes, file);
}

/** A corrections list file as read: its list, or why it cannot be read. */
export type CorrectionsReading =
  | { readonly list: CorrectionsList; readonly error?: undefined }
  | { readonly list?: undefined; readonly error: string };

/** {@link readCorrections}, a file that cannot be read answered with why rather than thrown. */
export function tryReadCorrections(bytes: Uint8Array, file: string): CorrectionsReading {
  try {
    return { list: readCorrections(bytes, file) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** What the import and the history say of a list as read. */
export interface CorrectionsListSummary {
  readonly file: string;
  readonly format: CorrectionsList['format'] | null;
  readonly entries: number;
  /** Each `file [sheet] row N: problem`. */
  readonly warnings: string[];
  /** Why the list could not be read at all, or null. */
  readonly error: string | null;
  /**
   * The file of a later version of the list that replaces it (supersededLists): the list is kept
   * with the release and named, and none of its corrections is applied. Absent: the list is in force.
   */
  readonly supersededBy?: string;
}

export function summarizeCorrections(
  file: string,
  reading: CorrectionsReading,
  supersededBy?: string,
): CorrectionsListSummary {
  const { list } = reading;
  if (!list) return { file, format: null, entries: 0, warnings: [], error: reading.error };
  return {
    file,
    format: list.format,
    entries: list.entries.length,
    warnings: list.warnings.map((w) => `${formatLocation(w.location)}: ${w.problem}`),
    error: null,
    ...(supersededBy ? { supersededBy } : {}),
  };
}

/**
 * A list's rows as supersededLists compares them: code and words, in lower case with single spaces
 * ("c9488 change asc ind/asc eff date"); none for a list that could not be read.
 */
export function rowsOfReading(reading: CorrectionsReading): string[] {
  return reading.list?.entries.map((e) => `${e.code} ${e.action.toLowerCase().replace(/\s+/g, ' ')}`) ?? [];
}

/**
 * The files to read of a release's corrections: each list once, its workbook when there is one
 * (a PRN of the same name is the same rows, cut), and no read-me ("HCPC2018_Corrections_README.txt"
 * says how the zip was put together: no list). Lists by name, each list's versions in version order
 * (listVersion): the first list, then `_v2`; V1_ ... V4_.
 */
export function correctionFilesToRead<T extends { readonly name: string }>(files: readonly T[]): T[] {
  const stem = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();
  const isWorkbook = (name: string) => /\.xlsx?$/i.test(name);
  const chosen = new Map<string, T>();
  for (const file of files) {
    if (/read.?me/i.test(file.name)) continue;
    const earlier = chosen.get(stem(file.name));
    if (!earlier || (!isWorkbook(earlier.name) && isWorkbook(file.name))) chosen.set(stem(file.name), file);
  }
  const order = (file: T) => listVersion(file.name);
  return [...chosen.values()].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x.list.localeCompare(y.list) || x.version - y.version || a.name.localeCompare(b.name);
  });
}

/**
 * Which list a corrections file is a version of, and which version, from its name. CMS numbers
 * the versions of one list before the name (2018: V1_HCPC2018_Corrections_ANWEB.xlsx ...
 * V4_HCPC2018_Corrections_ANWEB.xlsx) or after it (2019: HCPC2019_Corrections_ALPHA.xlsx, then
 * HCPC2019_Corrections_ALPHA_v2.xlsx; also "ver", "rev", "version"); a name without a number is
 * version 1. A date ending the name, as CMS dates other files of a quarter
 * ("..._Addendum_B.12212022.xlsx": MMDDYYYY, MMDDYY, YYYYMMDD), orders the versions by that date,
 * after any numbered one.
 * @example listVersion('V3_HCPC2018_Corrections_ANWEB.xlsx') // { list: 'hcpc2018_corrections_anweb', version: 3 }
 */
export function listVersion(name: string): { readonly list: string; readonly version: number } {
  const stem = name.replace(/\.[^.]*$/, '').toLowerCase();
  const before = /^(?:v|ver|rev|version)\s*(\d+)[\s_-]+(.+)$/.exec(stem);
  if (before) return { list: before[2] as string, version: Number(before[1]) };
  const after = /^(.+?)[\s_-]+(?:v|ver|rev|version)\s*(\d+)$/.exec(stem);
  if (after) return { list: after[1] as string, version: Number(after[2]) };
  const dated = /^(.+?)[\s_.-]+([\d.-]{6,10})$/.exec(stem);
  const day = dated ? nameDate((dated[2] as string).replace(/[.-]/g, '')) : undefined;
  if (dated && day) return { list: dated[1] as string, version: day };
  return { list: stem, version: 1 };
}

/** YYYYMMDD (as a number) of a date in a file name: MMDDYYYY, MMDDYY or YYYYMMDD; else undefined. */
function nameDate(digits: string): number | undefined {
  const parts =
    digits.length === 8 && /^(19|20)/.test(digits)
      ? [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)]
      : digits.length === 8
        ? [digits.slice(4, 8), digits.slice(0, 2), digits.slice(2, 4)]
        : digits.length === 6
          ? [`20${digits.slice(4, 6)}`, digits.slice(0, 2), digits.slice(2, 4)]
          : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return year * 10_000 + month * 100 + day;
}

/**
 * The share of an earlier version's rows a later version of the same list must repeat to be a
 * revision of it rather than an addendum to it (see supersededLists).
 */
const REVISION_SHARE = 0.5;

/**
 * The lists of one quarter that a later version of the same list replaces, each with the latest
 * version that does. CMS publishes later versions of both kinds: 2018's V2, V3 and V4 each repeat
 * the version before with changes (V3 takes back V2's adds of G9978 and G9979, V4 drops those rows
 * and says "DO NOT ADD" of V3's G9989 and G9990), so V4 alone is in force; 2019's _v2 gives three
 * rows for DA, C1890 and J7329, an addendum to the first list (whose C1890 row says otherwise):
 * both are in force. So a later version repeating at least half of an earlier version's rows (code
 * and words, rowsOfReading) is taken as its revision, and the earlier is superseded; one repeating
 * fewer adds to it, even where it corrects the same codes again. A list that could not be read (no
 * rows) neither replaces nor is replaced.
 * @example supersededLists([v1, v2, v3, v4]) // Map { v1 => v4, v2 => v4, v3 => v4 } for 2018
 */
export function supersededLists<T extends { readonly name: string; readonly rows: readonly string[] }>(
  lists: readonly T[],
): Map<T, T> {
  const superseded = new Map<T, T>();
  for (const earlier of lists) {
    const { list, version } = listVersion(earlier.name);
    const rows = new Set(earlier.rows);
    if (rows.size === 0) continue;
    let latest: { by: T; version: number } | undefined;
    for (const later of lists) {
      const other = listVersion(later.name);
      if (other.list !== list || other.version <= version) continue;
      const repeated = new Set(later.rows.filter((row) => rows.has(row))).size;
      if (repeated >= rows.size * REVISION_SHARE && (!latest || other.version > latest.version)) {
        latest = { by: later, version: other.version };
      }
    }
    if (latest) superseded.set(earlier, latest.by);
  }
  return superseded;
}
