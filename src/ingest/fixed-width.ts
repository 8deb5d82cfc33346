/**
 * Reads the fixed-width "ANWEB" TXT file: 320-character records (CMS record layout), CRLF, LF or
 * CR-only line ends (an old Mac conversion), windows-1252 bytes. Tolerates what CMS's files are
 * seen to do (a free-text disclaimer before the first record, continuation lines cut after column
 * 91, blanks past column 320, blank lines) and stops with file:line on what would lose data (a file
 * cut inside its last record, an unknown record id, a continuation without its first line, a code
 * defined twice with different values, a line that is not a record). A record line that ends early
 * inside the file, or a record repeated whole, is kept as read, with a data-quality warning; a line
 * a whitespace slip shifted (a TAB, or blanks added or lost: blank-slip.ts) is read back to its
 * columns, with a warning.
 */
import { inputError } from '../errors.js';
import {
  CODE_FIELD,
  FIRST_LINE_MIN_LENGTH,
  type FieldSpec,
  LONG_DESCRIPTION_FIELD,
  occurrenceColumns,
  RECORD_ID_FIELD,
  RECORD_LENGTH,
  SEQUENCE_NUMBER_FIELD,
} from '../layout/index.js';
import type { FieldWarning } from '../model.js';
import {
  anchorsInPlace,
  anchorsStandOff,
  FieldValueCounts,
  LARGEST_SLIP,
  repairBlankSlip,
} from './blank-slip.js';
import { DraftCollector, lineRole, type RecordDraft } from './record-builder.js';

/**
 * Code (columns 1-5: procedure codes fill them, CMS right-aligns modifiers; a left-aligned
 * modifier is accepted too), 5-digit sequence number, a record id.
 */
const RECORD_SHAPE = /^(?=[ A-Z0-9]{5}\d{5}\S)(?: {3}[A-Z0-9]{2}|[A-Z0-9]{2} {3}|[A-Z0-9]{5})/;

export interface FixedWidthFile {
  readonly drafts: RecordDraft[];
  /** Free text before the first record (CMS's disclaimer), lines trimmed at the end. */
  readonly preamble: string;
  /** Free text after the last record (none in the files seen so far), kept rather than refused. */
  readonly trailer: string;
  readonly lineCount: number;
  /**
   * The last line when the file ends inside it, without a line end: CMS ends every line with
   * CRLF, so the file was cut there and what followed is missing. `record` says whether the line
   * is record-shaped; a cut inside the first 11 columns leaves a line that is not, which would
   * otherwise pass as free text after the last record. A record line as long as the file's other
   * lines of its kind is whole and not reported (see `whole`): only its line end is missing.
   */
  readonly unterminatedLastLine?: { readonly line: number; readonly text: string; readonly record: boolean };
}

/** A line end: CRLF (what CMS writes), LF, or CR alone. */
const LINE_END = /\r\n|\n|\r/;

/**
 * The lines of a file, without what is layout to a printer and never part of a record: a form
 * feed that starts a line (a page break of a file made for printing), and blanks, TABs and NULs
 * that end one when a TAB or NUL is among them (a writer padding with NULs, COBOL's LOW-VALUES,
 * where CMS pads with blanks; after the last character nothing can shift, so such a TAB is no
 * slip; a TAB inside the line still is, see repairTabs, and a NUL inside a field is kept and
 * warned).
 */
function splitLines(text: string): string[] {
  const lines = text.split(LINE_END);
  // Three searches for one character each are far faster than one regular expression over the text.
  if (!text.includes('\t') && !text.includes('\0') && !text.includes('\f')) return lines;
  return lines.map((raw) => {
    const line = raw.startsWith('\f') ? raw.replace(/^\f+/, '') : raw;
    return line.includes('\t') || line.includes('\0') ? withoutPaddingTabsOrNuls(line) : line;
  });
}

/**
 * A line without the blanks, TABs and NULs that end it when a TAB or NUL is among them. Scanned
 * from the end: a regular expression for it backtracks through every run of blanks, and a padded
 * line ends with hundreds (it cost 2019's import 200 ms).
 */
function withoutPaddingTabsOrNuls(line: string): string {
  let start = line.length;
  let padded = false;
  while (start > 0) {
    const ch = line[start - 1];
    if (ch === '\t' || ch === '\0') padded = true;
    else if (ch !== ' ') break;
    start--;
  }
  return padded ? line.slice(0, start) : line;
}

/** A character outside printable ASCII: one that may take more than one byte in UTF-8. */
const NOT_ASCII = /[^ -~\t\r\n]/;

/** What stands for a character's further UTF-8 bytes in a line read by byte columns. */
const BYTE_FILLER = '\ue000';

/**
 * A line as byte columns: each character takes one column per UTF-8 byte. A writer that pads
 * UTF-8 text to the layout's columns by bytes gives "é" (2 bytes) one column less than it takes as
 * a character, and every field after it stands that much to the left when the line is read as
 * characters. The fields drop the filler again (readFixedWidth).
 */
function byteColumns(line: string): string {
  let out = '';
  for (const ch of line) {
    out += ch;
    out += BYTE_FILLER.repeat(Buffer.byteLength(ch, 'utf8') - 1);
  }
  return out;
}

function slice(line: string, field: FieldSpec, occurrence = 0): string {
  const { start, end } = occurrenceColumns(field, occurrence);
  return line.slice(start, end);
}

/** The last column of the long description: a continuation line holds nothing after it. */
const DESCRIPTION_END = LONG_DESCRIPTION_FIELD.start + LONG_DESCRIPTION_FIELD.length - 1;

/**
 * The length the file gives its first lines and its continuation lines, when it gives nearly all
 * of them one (320 when padded, 91 where continuation lines are cut after the description);
 * undefined when lines end after their last character (2013) and their lengths vary.
 */
interface PaddedLengths {
  readonly first?: number;
  readonly continuation?: number;
}

function paddedLengths(lines: readonly string[]): PaddedLengths {
  const counts = { first: new Map<number, number>(), continuation: new Map<number, number>() };
  for (const line of lines) {
    if (!RECORD_SHAPE.test(line) || line.includes('\t')) continue;
    const role = lineRole(slice(line, RECORD_ID_FIELD));
    if (!role) continue;
    const byLength = role.first ? counts.first : counts.continuation;
    byLength.set(line.length, (byLength.get(line.length) ?? 0) + 1);
  }
  const common = (byLength: Map<number, number>) => {
    let total = 0;
    let best: [number, number] = [0, 0];
    for (const entry of byLength) {
      total += entry[1];
      if (entry[1] > best[1]) best = entry;
    }
    return total > 0 && best[1] >= total * 0.9 ? best[0] : undefined;
  };
  const first = common(counts.first);
  const continuation = common(counts.continuation);
  return { ...(first ? { first } : {}), ...(continuation ? { continuation } : {}) };
}

/**
 * A line with a TAB where the layout has blanks (a whitespace slip of an editor or a conversion:
 * the record layout is all fixed columns and has no TAB), read with the TAB as the run of blanks
 * that puts the line's fields back in their columns. The candidates: the TAB as one blank, as
 * blanks to the next 8-column tab stop, as blanks that pad the record to 320 columns, and as
 * blanks that end an unpadded first line at its action code; the one that puts most dates and
 * the action code where the layout has them wins; on a tie, the one that ends the line where the
 * layout ends lines, then the earlier candidate. Several TABs
 * on one line are each read to the next tab stop. The record keeps a warning saying so.
 */
function repairTabs(
  line: string,
  lineNo: number,
  padded: PaddedLengths,
): { line: string; warning: FieldWarning } | undefined {
  const at = line.indexOf('\t');
  if (at < 0) return undefined;
  const value = line.slice(Math.max(0, at - 10), at + 10).replace(/\t/g, '<TAB>');
  const toTabStops = (text: string) => {
    let out = '';
    for (const ch of text) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
    return out;
  };
  const problem = (read: string) =>
    `line ${lineNo}: a TAB at column ${at + 1} where the layout has blanks, read as ${read}`;
  if (line.indexOf('\t', at + 1) >= 0) {
    const read = 'blanks to the next 8-column tab stop, as every TAB on the line';
    return { line: toTabStops(line), warning: { field: 'line', value, problem: problem(read) } };
  }
  const rest = line.length - 1;
  const candidates: [number, string][] = [
    [1, 'one blank'],
    [8 - (at % 8), 'to the next 8-column tab stop'],
    [RECORD_LENGTH - rest, `padding the record to ${RECORD_LENGTH} columns`],
    [FIRST_LINE_MIN_LENGTH - rest, `ending the line at the action code, column ${FIRST_LINE_MIN_LENGTH}`],
  ];
  const continuation = lineRole(slice(line, RECORD_ID_FIELD))?.first === false;
  const usualLength = continuation ? padded.continuation : padded.first;
  let best: { line: string; score: number; width: number; how: string } | undefined;
  for (const [index, [width, how]] of candidates.entries()) {
    if (width < 1) continue;
    const candidate = `${line.slice(0, at)}${' '.repeat(width)}${line.slice(at + 1)}`;
    // The anchors decide. Where they cannot (a continuation line has none): a continuation line
    // holds nothing past its long description (record identification codes 4 and 8: "no detail
    // information"), and of the two readings that do not pad (one blank, to the tab stop) the one
    // that gives the line the length the file gives its other lines of that kind (when it pads
    // them) is the line as it was before the slip.
    const fits = !continuation || candidate.slice(DESCRIPTION_END).trim() === '';
    const usual = index < 2 && candidate.length === usualLength;
    const score = anchorsInPlace(candidate) * 4 + (fits ? 2 : 0) + (usual ? 1 : 0);
    if (!best || score > best.score) best = { line: candidate, score, width, how };
  }
  if (!best) return undefined;
  const read = `${best.width} blank(s), ${best.how}`;
  return { line: best.line, warning: { field: 'line', value, problem: problem(read) } };
}

/**
 * A line one to three columns off from its very start (a modifier's leading blanks trimmed away, a
 * blank typed before a code): put back when that makes it a record, and, for a first line, one
 * whose dates and action code then stand in their columns. Without this such a line reads as free
 * text: before the first record it would pass silently into the disclaimer.
 */
function realignedStart(
  line: string,
  lineNo: number,
  afterRecords: boolean,
): { line: string; warning: FieldWarning } | undefined {
  for (let width = 1; width <= LARGEST_SLIP; width++) {
    const blanks = ' '.repeat(width);
    const readings: [string, string][] = [[`${blanks}${line}`, `${width} blank(s) missing at its start`]];
    if (line.startsWith(blanks))
      readings.push([line.slice(width), `${width} blank(s) too many at its start`]);
    for (const [candidate, how] of readings) {
      if (!RECORD_SHAPE.test(candidate)) continue;
      const role = lineRole(slice(candidate, RECORD_ID_FIELD));
      // A continuation line has no dates to tell by: taken only after a record, whose code it must carry.
      if (
        !role ||
        (role.first ? anchorsStandOff(candidate) || anchorsInPlace(candidate) === 0 : !afterRecords)
      )
        continue;
      return {
        line: candidate,
        warning: {
          field: 'line',
          value: line.slice(0, 12),
          problem: `line ${lineNo}: the code, sequence number and record id stand off their columns; read with ${how}`,
        },
      };
    }
  }
  return undefined;
}

/** windows-1252 is what CMS writes; it maps every byte, so decoding never fails. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes);
}

/** Whether text looks like a fixed-width HCPCS file (a record-shaped line early on). */
export function looksLikeFixedWidth(text: string): boolean {
  const lines = splitLines(text.slice(0, 64 * 1024));
  return lines.some((l) => RECORD_SHAPE.test(l) && l.length >= 91);
}

/**
 * Whether a record line without a line end after it is whole: it has the length the file gives the
 * other lines of its kind (320 when padded, 91 for continuation lines cut after the description,
 * 293 where first lines end at their action code). Only the line end is missing then (a writer
 * that ends the last line without one). A last line of another length in such a file was cut, so
 * what followed it is missing too; a file whose line lengths vary gives no such length.
 */
function whole(line: string, usual: PaddedLengths): boolean {
  const role = lineRole(slice(line, RECORD_ID_FIELD));
  if (!role || line.includes('\t')) return false;
  return line.length === (role.first ? usual.first : usual.continuation);
}

/**
 * Parses a fixed-width HCPCS file.
 * @example readFixedWidth(text, 'HCPC2026_JAN_ANWEB.txt').drafts.length // 8,600 or so
 */
export function readFixedWidth(text: string, file: string): FixedWidthFile {
  const lines = splitLines(text);
  // How long the file's lines usually are, learnt once and only when needed: by a file with a TAB,
  // or by a last line without a line end (whole).
  let usual: PaddedLengths | undefined;
  const usualLengths = () => {
    usual ??= paddedLengths(lines);
    return usual;
  };
  const padded = text.includes('\t') ? usualLengths() : {};
  const endsWithNewline = /[\r\n]$/.test(text);
  const collector = new DraftCollector((where) => `line ${where.line}`);
  const preamble: string[] = [];
  // Text after a record is allowed only if no record follows it: a trailer, not a broken line.
  const trailer: { line: number; text: string }[] = [];
  let started = false;
  let lastRecordIndex = -1;
  /** What the file's first lines hold, field by field: learnt when a line first needs it. */
  let valueCounts: FieldValueCounts | undefined;
  const firstLine = (line: string) =>
    RECORD_SHAPE.test(line) && !line.includes('\t') && lineRole(slice(line, RECORD_ID_FIELD))?.first === true;
  const countsOfValues = () => {
    valueCounts ??= FieldValueCounts.of(lines.filter(firstLine));
    return valueCounts;
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i] ?? '';
    const tabsRead = started || RECORD_SHAPE.test(raw) ? repairTabs(raw, lineNo, padded) : undefined;
    let line = tabsRead?.line ?? raw;
    // Not a record, or one with a record id the layout does not define: perhaps shifted at its start.
    const startRead =
      line.trim() === '' || (RECORD_SHAPE.test(line) && lineRole(slice(line, RECORD_ID_FIELD)))
        ? undefined
        : realignedStart(line, lineNo, started);
    if (startRead) line = startRead.line;
    const location = { file, line: lineNo };
    if (line.trim() === '') continue;
    if (!RECORD_SHAPE.test(line)) {
      if (!started) preamble.push(line.trimEnd());
      else trailer.push({ line: lineNo, text: line.trimEnd() });
      continue;
    }
    const stray = trailer[0];
    if (stray) {
      throw inputError(
        `not a HCPCS record: expected a 5-character code, a 5-digit sequence number and a record identification code, found "${stray.text.slice(0, 40)}"`,
        { file, line: stray.line },
      );
    }
    started = true;
    lastRecordIndex = i;
    const recordId = slice(line, RECORD_ID_FIELD);
    const role = lineRole(recordId);
    if (!role) {
      throw inputError(
        `unknown record identification code "${recordId}" in column ${RECORD_ID_FIELD.start} (the layout defines 3, 4, 7 and 8)`,
        location,
      );
    }
    // Asked once per line: the dates and action code of most lines stand in place.
    const standsOff = role.first && anchorsStandOff(line);
    // A first line of UTF-8 text written by byte columns: no slip, so no warning.
    const byBytes = standsOff && NOT_ASCII.test(line) ? byteColumns(line) : undefined;
    const readByBytes = byBytes !== undefined && !anchorsStandOff(byBytes);
    if (readByBytes) line = byBytes;
    // A first line whose dates or action code stand off their columns, with no TAB to say why.
    const slipRead =
      !tabsRead && standsOff && !readByBytes ? repairBlankSlip(line, lineNo, countsOfValues()) : undefined;
    if (slipRead) line = slipRead.line;
    // The file's last line, with no line end after it, is where a cut file stops: a record there
    // that does not reach its last field (a first line: the action code; a continuation line: the
    // end of its description) lost the rest, so the import stops rather than keep half a record.
    const cutAtEnd =
      i === lines.length - 1 &&
      !endsWithNewline &&
      line.length < (role.first ? FIRST_LINE_MIN_LENGTH : DESCRIPTION_END);
    if (cutAtEnd || line.length < LONG_DESCRIPTION_FIELD.start) {
      throw inputError(
        `record is ${line.length} characters long: ${role.first ? `a first line must reach column ${FIRST_LINE_MIN_LENGTH} (the action code) of the ${RECORD_LENGTH}-character record` : 'the line is cut inside the long description'}${cutAtEnd ? ' (is the file truncated?)' : ''}`,
        location,
      );
    }
    const warnings: FieldWarning[] = [];
    if (startRead) warnings.push(startRead.warning);
    if (tabsRead) warnings.push(tabsRead.warning);
    if (slipRead) warnings.push(slipRead.warning);
    // A first line that ends before the action code inside the file (a line end follows it): a
    // writer that trims trailing blanks shortens a record whose last fields are blank this way.
    // Kept as read, the columns past its end blank, with a data-quality warning; it never stops
    // the import.
    if (role.first && line.length < FIRST_LINE_MIN_LENGTH) {
      warnings.push({
        field: 'line',
        value: String(line.length),
        problem: `line ${lineNo}: record is ${line.length} characters long and ends before the action code (column ${FIRST_LINE_MIN_LENGTH}): the fields past column ${line.length} read as blank`,
      });
    }
    // Text past the record's last column: most often blanks a whitespace slip added inside the
    // line pushed its end there. A slip in an official file is kept as read (the fields at the
    // layout's columns) with a data-quality warning; it never stops the import.
    if (line.length > RECORD_LENGTH && line.slice(RECORD_LENGTH).trim() !== '') {
      warnings.push({
        field: 'line',
        value: line.slice(RECORD_LENGTH).trim().slice(0, 20),
        problem: `line ${lineNo}: record is ${line.length} characters long and holds text past column ${RECORD_LENGTH} (blanks added inside the line push its end there): read at the layout's columns, the text past column ${RECORD_LENGTH} left out`,
      });
    }
    const field = (spec: FieldSpec, occurrence?: number) =>
      readByBytes ? slice(line, spec, occurrence).replaceAll(BYTE_FILLER, '') : slice(line, spec, occurrence);
    collector.add({
      role,
      code: slice(line, CODE_FIELD).trim(),
      sequenceNumber: Number(slice(line, SEQUENCE_NUMBER_FIELD)),
      description: field(LONG_DESCRIPTION_FIELD),
      location,
      detail: field,
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  }
  if (!started) {
    throw inputError(
      'no HCPCS record found: this is not a fixed-width Alpha-Numeric HCPCS file (records are 320 characters: code, sequence number, record identification code 3/4/7/8, ...)',
      { file },
    );
  }
  while (preamble.length > 0 && preamble[preamble.length - 1] === '') preamble.pop();
  const lastLine = lines[lines.length - 1] ?? '';
  // Blanks shorter than the code field count too: a cut inside a modifier's leading blanks leaves
  // them (CMS right-aligns modifiers in columns 1-5), and the records after them are missing. A
  // longer run of blanks is a blank line (2026-01 ends with one of 296).
  const cutInBlanks = lastLine !== '' && lastLine.trim() === '' && lastLine.length < CODE_FIELD.length;
  const unterminated =
    !endsWithNewline &&
    (lastLine.trim() !== '' || cutInBlanks) &&
    !(lastRecordIndex === lines.length - 1 && whole(lastLine, usualLengths()));
  return {
    ...(unterminated
      ? {
          unterminatedLastLine: {
            line: lines.length,
            text: lastLine,
            record: lastRecordIndex === lines.length - 1,
          },
        }
      : {}),
    drafts: collector.finish(),
    preamble: preamble.join('\n'),
    trailer: trailer.map((t) => t.text).join('\n'),
    lineCount: lines.length,
  };
}
