/**
 * Turns the raw text of one CMS record (a first line plus its continuation lines, from the
 * fixed-width file or the workbook) into an {@link HcpcsRecord}: values trimmed and typed by the
 * layout, blanks to null, repeated fields to lists of their non-blank occurrences, and every value
 * the file gets wrong kept as read with a warning.
 */
import { type ErrorLocation, inputError } from '../errors.js';
import { DETAIL_FIELDS, type FieldSpec, lookupCode } from '../layout/index.js';
import type { FieldWarning, HcpcsRecord, RecordKind } from '../model.js';

/** Record identification codes (layout field 6). */
const FIRST_LINE_KIND: Readonly<Record<string, RecordKind>> = { '3': 'procedure', '7': 'modifier' };
const CONTINUATION_KIND: Readonly<Record<string, RecordKind>> = { '4': 'procedure', '8': 'modifier' };

export type LineRole = { first: true; kind: RecordKind } | { first: false; kind: RecordKind };

/** What a record identification code means, or undefined for a code the layout does not define. */
export function lineRole(recordId: string): LineRole | undefined {
  const first = FIRST_LINE_KIND[recordId];
  if (first) return { first: true, kind: first };
  const continuation = CONTINUATION_KIND[recordId];
  return continuation ? { first: false, kind: continuation } : undefined;
}

/** One record as read, before typing. `detail` gives the raw text of one occurrence of a field. */
export interface RecordDraft {
  readonly code: string;
  readonly kind: RecordKind;
  readonly location: ErrorLocation;
  readonly sequenceNumber: number;
  readonly descriptionParts: string[];
  readonly detail: (field: FieldSpec, occurrence: number) => string;
  /** What the reader noticed about the record's lines (a TAB read as blanks), kept on the record. */
  readonly lineWarnings: FieldWarning[];
}

/** One line (TXT) or row (workbook) of a record, as its reader found it. */
export interface RecordLine {
  readonly role: LineRole;
  readonly code: string;
  readonly sequenceNumber: number;
  readonly description: string;
  readonly location: ErrorLocation;
  readonly detail: RecordDraft['detail'];
  readonly warnings?: readonly FieldWarning[];
}

/** A record seen a second time, held until its continuation lines are in and it can be compared. */
interface Repeat {
  readonly draft: RecordDraft;
  readonly earlier: RecordDraft;
}

/** Whether two drafts of one code say the same: sequence number, description lines and every field. */
function sameDraft(a: RecordDraft, b: RecordDraft): boolean {
  if (a.sequenceNumber !== b.sequenceNumber || a.descriptionParts.length !== b.descriptionParts.length)
    return false;
  if (a.descriptionParts.some((part, i) => part !== b.descriptionParts[i])) return false;
  return DETAIL_FIELDS.every((field) => {
    for (let i = 0; i < field.occurs; i++) if (a.detail(field, i) !== b.detail(field, i)) return false;
    return true;
  });
}

/**
 * Collects drafts in file order and enforces the record structure shared by both file kinds:
 * a continuation line must follow its own first line, and a code appears once. A record repeated
 * whole (the same code, description and fields, continuation lines included) loses nothing read once:
 * it is kept once, with a data-quality warning, and the import goes on; a code given twice with
 * different values stops it (which of the two CMS meant, the file does not say).
 */
export class DraftCollector {
  readonly #drafts: RecordDraft[] = [];
  readonly #firstSeen = new Map<string, RecordDraft>();
  /** How this file kind names a place in messages ("line 3", "row 12"). */
  readonly #describe: (location: ErrorLocation) => string;
  #repeat: Repeat | undefined;

  constructor(describe: (location: ErrorLocation) => string) {
    this.#describe = describe;
  }

  add(line: RecordLine): void {
    if (line.role.first) {
      this.#settleRepeat();
      this.#addFirst(line);
    } else this.#addContinuation(line);
  }

  /** The records in file order, once every line is added (a repeat still open is settled). */
  finish(): RecordDraft[] {
    this.#settleRepeat();
    return this.#drafts;
  }

  #addFirst({ code, role, location, sequenceNumber, description, detail, warnings }: RecordLine): void {
    const key = `${role.kind}:${code}`;
    const draft: RecordDraft = {
      code,
      kind: role.kind,
      location,
      sequenceNumber,
      descriptionParts: [description],
      detail,
      lineWarnings: [...(warnings ?? [])],
    };
    const earlier = this.#firstSeen.get(key);
    if (earlier) {
      this.#repeat = { draft, earlier };
      return;
    }
    this.#firstSeen.set(key, draft);
    this.#drafts.push(draft);
  }

  /** A repeated record, now whole: read once when it says what the first did, else refused. */
  #settleRepeat(): void {
    const repeat = this.#repeat;
    if (!repeat) return;
    this.#repeat = undefined;
    const { draft, earlier } = repeat;
    if (!sameDraft(draft, earlier)) {
      throw inputError(
        `duplicate ${draft.kind} code ${draft.code}: already defined at ${this.#describe(earlier.location)}`,
        draft.location,
      );
    }
    earlier.lineWarnings.push({
      field: 'line',
      value: draft.code,
      problem: `${this.#describe(draft.location)}: the same record again as ${this.#describe(earlier.location)} (the same code, description and fields): read once`,
    });
  }

  #addContinuation({ code, role, sequenceNumber, description, location, warnings }: RecordLine): void {
    const kind = role.kind;
    const last = this.#repeat?.draft ?? this.#drafts[this.#drafts.length - 1];
    if (!last || last.code !== code || last.kind !== kind) {
      throw inputError(
        `continuation line of ${kind} ${code} without its first line (record identification code ${kind === 'procedure' ? 3 : 7} for ${code} must come before it)`,
        location,
      );
    }
    if (sequenceNumber <= last.sequenceNumber) {
      throw inputError(
        `continuation line of ${code} has sequence number ${sequenceNumber}, not after ${last.sequenceNumber}`,
        location,
      );
    }
    (last as { sequenceNumber: number }).sequenceNumber = sequenceNumber;
    last.descriptionParts.push(description);
    last.lineWarnings.push(...(warnings ?? []));
  }
}

const ISO_DATE = /^\d{8}$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYYMMDD` (layout EDIT RULES) to ISO, or undefined when it is not a calendar date. */
export function isoDate(text: string): string | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || day < 1 || day > days) return undefined;
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Joins long-description lines as CMS means them: each line trimmed, one space between. */
export function joinDescription(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
}

/**
 * C0 and C1 control characters other than tab, LF and CR (whitespace). CMS's text never holds
 * them: a NUL or the like in a field is damage (a bad conversion, a flipped bit), so the value is
 * kept as read and the record says so. windows-1252 decodes its five unassigned bytes (81, 8D,
 * 8F, 90, 9D) to C1 controls, so those are caught too.
 */
function isControlCharacter(code: number): boolean {
  const whitespace = code === 0x09 || code === 0x0a || code === 0x0d;
  return (code < 0x20 && !whitespace) || (code >= 0x7f && code <= 0x9f);
}

function controlCharacterWarning(field: string, text: string, warnings: FieldWarning[]): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControlCharacter(code)) continue;
    warnings.push({
      field,
      value: text,
      problem: `holds the control character U+${code.toString(16).toUpperCase().padStart(4, '0')} (not text; the file may be damaged)`,
    });
    return;
  }
}

function typedValue(field: FieldSpec, raw: string, warnings: FieldWarning[]): string | number | null {
  const text = raw.trim();
  if (text === '') return null;
  controlCharacterWarning(field.key, text, warnings);
  switch (field.type) {
    case 'date': {
      // The layout types the dates NUM (length 8, unsigned, YYYYMMDD): a zero-filled NUM field is
      // a mainframe extract's empty value, so 00000000 (or a workbook's 0) says "no date".
      if (/^0+$/.test(text)) return null;
      const iso = isoDate(text);
      if (iso) return iso;
      warnings.push({ field: field.key, value: text, problem: 'not a date (the layout says YYYYMMDD)' });
      return text;
    }
    case 'number': {
      if (/^\d+$/.test(text)) return Number(text);
      warnings.push({ field: field.key, value: text, problem: 'not a number' });
      return text;
    }
    case 'code': {
      if (field.table && lookupCode(field.table, text) === undefined) {
        warnings.push({
          field: field.key,
          value: text,
          problem: `not in the code table ${field.table.name}`,
        });
      }
      return text;
    }
    default:
      return text;
  }
}

/**
 * Types a draft into a record of `release`.
 * @example finishRecord(draft, '2026-01').pricingIndicators // ['51']
 */
export function finishRecord(draft: RecordDraft, release: string): HcpcsRecord {
  const warnings: FieldWarning[] = [...draft.lineWarnings];
  const longDescription = joinDescription(draft.descriptionParts);
  controlCharacterWarning('longDescription', longDescription, warnings);
  // Every record gets its properties in one order, so all share one object shape (fast to build,
  // to serialise and to compare).
  const record = {
    code: draft.code,
    kind: draft.kind,
    release,
    longDescription,
  } as Record<string, unknown>;
  for (const field of DETAIL_FIELDS) {
    if (field.occurs > 1) {
      const list: unknown[] = [];
      for (let i = 0; i < field.occurs; i++) {
        const value = typedValue(field, draft.detail(field, i), warnings);
        if (value !== null) list.push(value);
      }
      record[field.key] = list;
    } else {
      record[field.key] = typedValue(field, draft.detail(field, 0), warnings);
    }
  }
  record.warnings = warnings;
  return record as unknown as HcpcsRecord;
}
