/**
 * From gathered files to releases: gives each file a role, finds each release's id (`YYYY-MM`) and
 * revision (CMS's `_v2`, `_v3` ...) from file names (then folder and zip names, then content),
 * reads the records (the fixed-width TXT is the source of record; a workbook beside it is
 * reconciled with it), the processing notes, the record layout and the README.
 */
import { HcpcsError, inputError } from '../errors.js';
import { RECORD_LENGTH } from '../layout/index.js';
import type { HcpcsRecord } from '../model.js';
import { readAlphaIndexSync } from './alpha-index.js';
import { forcedReason, unterminatedLineError, workbookCountError } from './completeness.js';
import {
  CORRECTIONS_READER,
  type CorrectionsListSummary,
  type CorrectionsReading,
  correctionFilesToRead,
  rowsOfReading,
  summarizeCorrections,
  supersededLists,
  tryReadCorrections,
} from './corrections.js';
import { decodeWindows1252, looksLikeFixedWidth, readFixedWidth } from './fixed-width.js';
import { compareLayout, type LayoutDifference, layoutNotUnderstood } from './layout-check.js';
import type { ImportLimits } from './limits.js';
import { looksLikeProcessingNotes, parseProcessingNotes } from './processing-notes.js';
import { type Reconciliation, reconcile, workbookNotRead } from './reconcile.js';
import { finishRecord } from './record-builder.js';
import { parseRecordLayout } from './record-layout-file.js';
import { gatherSources, type SourceFile, type SourceRole } from './sources.js';
import { readTableOfDrugsSync } from './table-of-drugs.js';
import { looksLikeWorkbook, readWorkbook } from './workbook.js';

export interface ReleaseFile {
  readonly path: string;
  readonly name: string;
  readonly role: SourceRole;
  readonly sha256: string;
  readonly size: number;
  /** Kept for files later steps read again (transaction reports, NOC list, PDFs, notes, layout). */
  readonly bytes?: Uint8Array;
  /**
   * A corrections list as read, by the reader's version (CORRECTIONS_READER): the store keeps the
   * list beside its bytes. Only on the file read of each list (its workbook over its PRN).
   */
  readonly corrections?: { readonly reader: number; readonly reading: CorrectionsReading };
}

/**
 * A term of the CMS Alpha-Numeric Index (`index`) or Table of Drugs (`drug-table`) and the codes it
 * leads to, read from the year's PDF at import so that no search has to read the PDF.
 */
export interface ReferenceTermEntry {
  readonly source: 'index' | 'drug-table';
  readonly text: string;
  readonly codes: readonly string[];
  /** First and last code of ranges, as printed ("E0950", "E1030"). */
  readonly ranges: readonly (readonly [string, string])[];
}

export interface ParsedRelease {
  readonly id: string;
  readonly revision: number;
  /** The file the records come from (the TXT when there is one). */
  readonly sourceOfRecord: string;
  readonly records: HcpcsRecord[];
  readonly files: ReleaseFile[];
  readonly processingNotes: Map<string, string>;
  readonly readme?: string;
  readonly recordLayout?: string;
  /** How the release's own record layout file differs from ours (empty: same record, or not compared). */
  readonly layoutDifferences: readonly LayoutDifference[];
  /** Why the release's record layout file was not compared with ours (a format not understood). */
  readonly layoutNotCompared?: string;
  /** CMS's disclaimer text above the first record. */
  readonly preamble?: string;
  readonly reconciliation?: Reconciliation;
  /** The completeness checks that refused a file and `force` let pass, as their messages. */
  readonly forced?: readonly string[];
  /** The terms of the release's Alpha-Numeric Index and Table of Drugs PDFs (none: no PDFs). */
  readonly referenceTerms?: readonly ReferenceTermEntry[];
  /**
   * CMS's corrections lists found with the release, as read (kept as files; history and validity
   * read them from the store). A list that cannot be read is named with why, never fatal.
   */
  readonly corrections?: readonly CorrectionsListSummary[];
}

export interface ReadOptions {
  /** Overrides the release id found from names and content. */
  readonly release?: string;
  /**
   * Imports a file a completeness check refuses (a TXT without a line end after its last record,
   * a TXT lacking codes its workbook has); the release lists what was let through in `forced`.
   */
  readonly force?: boolean;
  /** Overrides the size limits (tests use small ones). */
  readonly limits?: Partial<ImportLimits>;
}

const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01',
  JANUARY: '01',
  APR: '04',
  APRIL: '04',
  JUL: '07',
  JULY: '07',
  OCT: '10',
  OCTOBER: '10',
};

/** The quarters' month words as CMS spells them in names and link texts ("JAN", "April", ...). */
const MONTH_WORD = 'JANUARY|APRIL|JULY|OCTOBER|JAN|APR|JUL|OCT';

/**
 * A re-issue's revision as CMS marks it: `_v4` in file names, `-v2` in the site's zip names (its
 * file names are lower-case words joined by hyphens), `v3`, `(v2)` or `Version 2` in link texts.
 */
function revisionFromName(upper: string): number | undefined {
  const found =
    /(?:^|[_\-\s(.])V(\d{1,2})(?=[._\s)-]|$)/.exec(upper)?.[1] ??
    /(?<![A-Z])VERSION[\s_-]*(\d{1,2})(?!\d)/.exec(upper)?.[1];
  return found ? Number(found) : undefined;
}

/** What a name says of its release, and whether it named the quarter's month (not a bare year). */
function readName(name: string): { id?: string; revision?: number; monthNamed?: boolean } {
  const upper = name.toUpperCase();
  const revision = revisionFromName(upper);
  const rev = revision ? { revision } : {};
  const quarter = (year: string, month: string) => ({
    id: `${year}-${MONTHS[month] ?? ''}`,
    ...rev,
    monthNamed: true,
  });
  const monthName = new RegExp(`(?<!\\d)(20\\d\\d)[-_ ]?(${MONTH_WORD})(?![A-Z])`).exec(upper);
  if (monthName) return quarter(monthName[1] ?? '', monthName[2] ?? '');
  const monthFirst = new RegExp(`(?<![A-Z])(${MONTH_WORD})[-_ ]?(20\\d\\d)(?!\\d)`).exec(upper);
  if (monthFirst) return quarter(monthFirst[2] ?? '', monthFirst[1] ?? '');
  const numeric = /(?<!\d)(20\d\d)-(0[1-9]|1[0-2])(?!\d)/.exec(upper);
  if (numeric) return { id: `${numeric[1]}-${numeric[2]}`, ...rev, monthNamed: true };
  const year = /(?<!\d)(20\d\d)(?!\d)/.exec(upper)?.[1];
  // A month word apart from the year: "2017-alpha-numeric-hcpcs-file-april.zip" is April 2017.
  const apart = new RegExp(`(?<![A-Z])(${MONTH_WORD})(?![A-Z])`).exec(upper)?.[1];
  if (year && apart) return quarter(year, apart);
  if (year) return { id: `${year}-01`, ...rev };
  // The annual files of 2003-2014 were named by a two-digit year (03anweb.zip ... 14anweb.zip),
  // and so was the 2017 workbook (HCPC17_CONTR_ANWEB.xlsx).
  const twoDigit = /(?<![A-Z0-9])(\d\d)ANWEB/.exec(upper) ?? /(?<![A-Z0-9])HCPCS?(\d\d)(?!\d)/.exec(upper);
  if (twoDigit) return { id: `20${twoDigit[1]}-01`, ...rev };
  return rev;
}

/**
 * The release a file name speaks of, if any.
 * @example releaseFromName('HCPC2025_OCT_ANWEB_v4.xlsx') // { id: '2025-10', revision: 4 }
 */
export function releaseFromName(name: string): { id?: string; revision?: number } {
  const { monthNamed: _, ...found } = readName(name);
  return found;
}

/**
 * The release a link on CMS's pages speaks of: its zip's name, else its text. A quarter the text
 * names wins over a bare year in the name ("2017-alpha-numeric-hcpcs-file.zip" titled "April 2017
 * Alpha-Numeric HCPCS File"); a revision is the name's, else the text's ("... File - v2 (ZIP)").
 * @example releaseFromLink('april-2025-alpha-numeric-hcpcs-file-v2.zip', 'April 2025 Alpha-Numeric HCPCS File') // { id: '2025-04', revision: 2 }
 */
export function releaseFromLink(fileName: string, text: string): { id?: string; revision?: number } {
  const byName = readName(fileName);
  const byText = readName(text);
  const textIsSharper =
    byText.monthNamed && !byName.monthNamed && byName.id?.slice(0, 4) === byText.id?.slice(0, 4);
  const id = textIsSharper ? byText.id : (byName.id ?? byText.id);
  const revision = byName.revision ?? byText.revision;
  return { ...(id ? { id } : {}), ...(revision ? { revision } : {}) };
}

function releaseFromFile(file: SourceFile): { id?: string; revision?: number } {
  const own = releaseFromName(file.name);
  const outer = [...file.context].reverse().map(releaseFromName);
  // A zip or folder re-issued as `..._v2` around files named as before is revision 2 all the same.
  const revision = own.revision ?? outer.find((found) => found.revision)?.revision;
  const rev = revision ? { revision } : {};
  if (own.id) return { id: own.id, ...rev };
  const id = outer.find((found) => found.id)?.id;
  return id ? { id, ...rev } : rev;
}

/** The quarter of the latest action effective date: what a file with no dated name is for. */
function releaseFromContent(records: readonly HcpcsRecord[]): string | undefined {
  let latest = '';
  for (const r of records) {
    if (
      r.actionEffectiveDate &&
      /^\d{4}-\d{2}-\d{2}$/.test(r.actionEffectiveDate) &&
      r.actionEffectiveDate > latest
    )
      latest = r.actionEffectiveDate;
  }
  if (!latest) return undefined;
  const month = Number(latest.slice(5, 7));
  const quarterStart = String(month - ((month - 1) % 3)).padStart(2, '0');
  return `${latest.slice(0, 4)}-${quarterStart}`;
}

/**
 * Text as CMS wrote it: UTF-16 when it begins with a UTF-16 byte-order mark, UTF-8 when the bytes
 * are valid UTF-8, else windows-1252. A byte-order mark at the start and the DOS end-of-file mark
 * (Ctrl-Z, 0x1A, which DOS-era tools write after the last line) at the end are not text.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  const utf16 = utf16Of(bytes);
  if (utf16) text = new TextDecoder(utf16).decode(bytes);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
    }
  }
  return withoutEndOfFileMark(text.replace(/^\uFEFF/, ''));
}

/**
 * UTF-16 by its byte-order mark (Notepad's "Unicode" save writes FF FE): read as windows-1252 its
 * every other byte is a NUL, and no line is a record.
 */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

const DOS_END_OF_FILE = '\u001a';

/** What may pad a file past its end: the DOS end-of-file mark, and NULs filling out a block. */
const PAST_THE_END = new Set([DOS_END_OF_FILE, '\u0000']);

/**
 * The text without the end-of-file marks and NULs that only line ends and more of them follow. A
 * file cut short whose missing part a download tool filled with NULs is still seen as cut: the
 * text before them ends inside a line.
 */
function withoutEndOfFileMark(text: string): string {
  let tail = text.length;
  while (tail > 0 && /[\r\n]/.test(text[tail - 1] as string)) tail--;
  if (!PAST_THE_END.has(text[tail - 1] as string)) return text;
  let start = tail - 1;
  while (
    start > 0 &&
    (PAST_THE_END.has(text[start - 1] as string) || /[\r\n]/.test(text[start - 1] as string))
  )
    start--;
  // Keep the line end before the marks: the last record ends there.
  while (start < tail && /[\r\n]/.test(text[start] as string)) start++;
  return text.slice(0, start);
}

function classify(file: SourceFile): SourceRole {
  const name = file.name.toLowerCase();
  if (name.endsWith('.pdf'))
    return /drug/.test(name) ? 'table-of-drugs' : /index/.test(name) ? 'alpha-index' : 'other';
  if (/noc/.test(name)) return 'noc-list';
  if (/correction/.test(name)) return 'corrections';
  if (/trans|changes_by/.test(name)) return 'transaction-report';
  // Names seen across the years: HCPCREAD.TXT, HCPCREAD_13.txt, README.txt; proc_notes_2013.txt,
  // procnotes.txt, PROCESSING NOTES.txt; HCPCS2019_recordlayout.txt, HCPC_layout.txt.
  if (/readme|read_me|read me|hcpcread/.test(name)) return 'readme';
  if (/proc.?notes|processing.?notes/.test(name)) return 'processing-notes';
  if (/layout/.test(name) && !/\.(xlsx|xls)$/.test(name)) return 'record-layout';
  const workbook = /\.(xlsx|xls)$/.test(name) || looksLikeWorkbook(file.bytes);
  // The record files: ..._ANWEB..., CONTR_ANWEB, ANWEB_w_disclaimer, 13anweb, HCPC2013_A-N.
  if (/anweb|_a-n[._]/.test(name)) return workbook ? 'records-workbook' : 'records-txt';
  if (workbook) return 'records-workbook';
  const head = decodeText(file.bytes.subarray(0, 64 * 1024));
  if (looksLikeProcessingNotes(head)) return 'processing-notes';
  if (/CMS RIF REPORT|Contractor record description/i.test(head)) return 'record-layout';
  if (looksLikeFixedWidth(head)) return 'records-txt';
  return 'other';
}

interface Group {
  id?: string;
  revision: number;
  txt: SourceFile[];
  workbooks: SourceFile[];
  aux: { file: SourceFile; role: SourceRole }[];
}

/** Throws a completeness refusal, or with `force` notes it and goes on. */
function refuseUnlessForced(error: HcpcsError | undefined, force: boolean, forced: string[]): void {
  if (!error) return;
  if (!force) throw error;
  forced.push(forcedReason(error));
}

function readRecordsFile(
  file: SourceFile,
  kind: 'txt' | 'workbook',
  release: string,
  check: (error: HcpcsError | undefined) => void = () => {},
) {
  if (kind === 'txt') {
    const parsed = readFixedWidth(decodeText(file.bytes), file.path);
    if (parsed.unterminatedLastLine)
      check(unterminatedLineError(file.path, parsed.unterminatedLastLine, RECORD_LENGTH));
    return { records: parsed.drafts.map((d) => finishRecord(d, release)), preamble: aroundRecords(parsed) };
  }
  const parsed = readWorkbook(file.bytes, file.path);
  return { records: parsed.drafts.map((d) => finishRecord(d, release)), preamble: aroundRecords(parsed) };
}

/** CMS's free text around the records, as the release keeps it: a trailer is rare enough to share the slot. */
function aroundRecords({ preamble, trailer }: { preamble: string; trailer: string }): string {
  return trailer ? `${preamble}\n\n(after the last record)\n${trailer}` : preamble;
}

/** Roles whose bytes are kept in the store for later reading. */
const KEPT_ROLES: ReadonlySet<SourceRole> = new Set([
  'processing-notes',
  'record-layout',
  'readme',
  'transaction-report',
  'noc-list',
  'corrections',
  'alpha-index',
  'table-of-drugs',
]);

/** A release found among the files, not read yet: enough to tell whether it is imported already. */
export interface PlannedRelease {
  /** Undefined when no name says it: reading the content tells. */
  readonly id: string | undefined;
  readonly revision: number;
  readonly sourceOfRecord: string;
  /** sha256 of the source of record. */
  readonly sha256: string;
  /**
   * The CMS corrections lists found with it: a release held already gets those it lacks (CMS
   * publishes a list after the release), without the release being read again.
   */
  corrections(): readonly ReleaseFile[];
  read(): ParsedRelease;
}

/** Corrections lists given with no record file: they go to the held release they correct. */
export interface PlannedCorrections {
  /** The release id their names say (`2019-01` for HCPC2019_Corrections_ALPHA), or undefined. */
  readonly id: string | undefined;
  readonly files: readonly ReleaseFile[];
}

export interface ImportPlan {
  readonly releases: readonly PlannedRelease[];
  readonly corrections: readonly PlannedCorrections[];
}

/**
 * Reads every release found under `paths`.
 * @example readReleases(['../shared/cms/2026-01']).map((r) => r.id) // ['2026-01']
 */
export function readReleases(paths: readonly string[], options: ReadOptions = {}): ParsedRelease[] {
  return planReleases(paths, options).map((plan) => plan.read());
}

/**
 * Finds the releases under `paths` and what they are made of, reading only names and a little
 * content; each release's records are read by its `read()`.
 */
export function planReleases(paths: readonly string[], options: ReadOptions = {}): PlannedRelease[] {
  const plan = planImport(paths, options);
  if (plan.releases.length === 0) {
    const files = plan.corrections.flatMap((c) => c.files);
    throw inputError(
      `only CMS corrections lists, no Alpha-Numeric HCPCS record file (fixed-width TXT or ANWEB workbook) among ${files.length} files`,
      { file: paths.join(', ') },
    );
  }
  return [...plan.releases];
}

/**
 * The companion files as the store takes them; each corrections list read once, from its
 * workbook (its PRN print is the same rows, cut), named by file name as the history layer names
 * it when it reads a list itself.
 */
function keptFiles(aux: readonly { file: SourceFile; role: SourceRole }[]): ReleaseFile[] {
  const lists = new Set(
    correctionFilesToRead(aux.filter((a) => a.role === 'corrections').map((a) => a.file)),
  );
  return aux.map(({ file, role }) => ({
    path: file.path,
    name: file.name,
    role,
    sha256: file.sha256,
    size: file.bytes.length,
    ...(KEPT_ROLES.has(role) ? { bytes: file.bytes } : {}),
    ...(lists.has(file)
      ? { corrections: { reader: CORRECTIONS_READER, reading: tryReadCorrections(file.bytes, file.name) } }
      : {}),
  }));
}

/**
 * Like {@link planReleases}, and files that are only CMS corrections lists (a corrections zip on
 * its own) are planned to join the release they correct instead of being refused.
 */
export function planImport(paths: readonly string[], options: ReadOptions = {}): ImportPlan {
  const files = gatherSources(paths, options.limits);
  const groups: Group[] = [];
  const aux: { file: SourceFile; role: SourceRole }[] = [];
  for (const file of files) {
    const role = classify(file);
    if (role === 'records-txt' || role === 'records-workbook') {
      const found = releaseFromFile(file);
      const id = options.release ?? found.id;
      const revision = found.revision ?? 1;
      let group = groups.find((g) => g.id === id && g.revision === revision && id !== undefined);
      if (!group) {
        group = { ...(id ? { id } : {}), revision, txt: [], workbooks: [], aux: [] };
        groups.push(group);
      }
      // The same bytes twice (a zip and its files extracted beside it, imported as one folder)
      // are one file: read once, from where they were found first.
      const held = role === 'records-txt' ? group.txt : group.workbooks;
      if (!held.some((f) => f.sha256 === file.sha256)) held.push(file);
    } else {
      aux.push({ file, role });
    }
  }
  if (groups.length === 0 && aux.length > 0 && aux.every((a) => a.role === 'corrections')) {
    const byId = new Map<string | undefined, { file: SourceFile; role: SourceRole }[]>();
    for (const item of aux) {
      const id = options.release ?? releaseFromFile(item.file).id;
      const listed = byId.get(id) ?? [];
      if (!listed.some((l) => l.file.sha256 === item.file.sha256)) byId.set(id, [...listed, item]);
    }
    return { releases: [], corrections: [...byId].map(([id, listed]) => ({ id, files: keptFiles(listed) })) };
  }
  if (groups.length === 0) {
    const where = paths.join(', ');
    const single = files.length === 1 ? files[0] : undefined;
    throw inputError(
      single?.bytes.length === 0
        ? 'the file is empty (0 bytes)'
        : single
          ? 'not an Alpha-Numeric HCPCS record file (neither a 320-character fixed-width TXT nor an ANWEB workbook)'
          : `no Alpha-Numeric HCPCS record file (fixed-width TXT or ANWEB workbook) among ${files.length} files`,
      { file: single?.path ?? where },
    );
  }
  for (const item of aux) {
    const found = releaseFromFile(item.file);
    const id = options.release ?? found.id;
    const sameId = groups.filter((g) => g.id === id);
    const target =
      sameId.find((g) => g.revision === (found.revision ?? 1)) ??
      sameId.find((g) =>
        [...g.txt, ...g.workbooks].some((f) => f.context.join('/') === item.file.context.join('/')),
      ) ??
      sameId.sort((a, b) => b.revision - a.revision)[0] ??
      (groups.length === 1 ? groups[0] : undefined);
    if (target && !target.aux.some((a) => a.file.sha256 === item.file.sha256)) target.aux.push(item);
  }
  const releases = groups.map((group) => {
    const primary = (group.txt[0] ?? group.workbooks[0]) as SourceFile;
    return {
      id: group.id,
      revision: group.revision,
      sourceOfRecord: primary.path,
      sha256: primary.sha256,
      corrections: () => keptFiles(group.aux.filter((a) => a.role === 'corrections')),
      read: () => readGroup(group, Boolean(options.force)),
    };
  });
  return { releases, corrections: [] };
}

function readGroup(group: Group, force: boolean): ParsedRelease {
  const forced: string[] = [];
  const check = (error: HcpcsError | undefined) => refuseUnlessForced(error, force, forced);
  const [txt, extraTxt] = group.txt;
  if (extraTxt) {
    throw inputError(`two fixed-width record files for one release: ${txt?.path} and ${extraTxt.path}`, {
      file: extraTxt.path,
    });
  }
  const [workbook, extraWorkbook] = group.workbooks;
  if (extraWorkbook && !txt) {
    throw inputError(`two record workbooks for one release: ${workbook?.path} and ${extraWorkbook.path}`, {
      file: extraWorkbook.path,
    });
  }
  const primary = (txt ?? workbook) as SourceFile;
  const provisionalId = group.id ?? 'unknown';
  const main = readRecordsFile(primary, txt ? 'txt' : 'workbook', provisionalId, check);
  const id = group.id ?? releaseFromContent(main.records);
  if (!id) {
    throw inputError('cannot tell which release this is from its name or content: pass --release YYYY-MM', {
      file: primary.path,
    });
  }
  const records = group.id ? main.records : main.records.map((r) => ({ ...r, release: id }));
  let reconciliation: Reconciliation | undefined;
  if (txt && workbook) {
    try {
      const other = readRecordsFile(workbook, 'workbook', id);
      reconciliation = reconcile(records, other.records, txt.path, workbook.path);
    } catch (error) {
      // The TXT is the source of record: a workbook beside it that cannot be read (damaged, a
      // header that cannot be matched) is said, and the release is imported from the TXT.
      if (!(error instanceof HcpcsError)) throw error;
      reconciliation = workbookNotRead(records, txt.path, workbook.path, error.message);
    }
    check(workbookCountError(reconciliation, workbook.name));
  }
  const text = (role: SourceRole) => {
    const file = group.aux.find((a) => a.role === role)?.file;
    return file ? decodeText(file.bytes) : undefined;
  };
  const notesText = text('processing-notes');
  const readme = text('readme');
  const recordLayout = text('record-layout');
  const layoutFile = recordLayout ? parseRecordLayout(recordLayout) : undefined;
  const layoutNotCompared = layoutFile ? layoutNotUnderstood(layoutFile) : undefined;
  const files: ReleaseFile[] = [
    ...[txt, ...group.workbooks].flatMap((f) =>
      f
        ? [
            {
              path: f.path,
              name: f.name,
              role: f === txt ? ('records-txt' as const) : ('records-workbook' as const),
              sha256: f.sha256,
              size: f.bytes.length,
            },
          ]
        : [],
    ),
    ...keptFiles(group.aux),
  ];
  return {
    id,
    revision: group.revision,
    sourceOfRecord: primary.path,
    records,
    files,
    processingNotes: notesText ? parseProcessingNotes(notesText) : new Map(),
    ...(readme ? { readme } : {}),
    ...(recordLayout ? { recordLayout } : {}),
    layoutDifferences: layoutFile && !layoutNotCompared ? compareLayout(layoutFile) : [],
    ...(layoutNotCompared ? { layoutNotCompared } : {}),
    ...(main.preamble ? { preamble: main.preamble } : {}),
    ...(reconciliation ? { reconciliation } : {}),
    ...(forced.length > 0 ? { forced } : {}),
    referenceTerms: group.aux.flatMap(({ file, role }) => referenceTermsOf(file, role)),
    corrections: correctionsListsOf(files),
  };
}

/** What the import says of the corrections lists among `files` (as keptFiles read them). */
export function correctionsListsOf(files: readonly ReleaseFile[]): CorrectionsListSummary[] {
  const read = files.flatMap((file) =>
    file.corrections
      ? [
          {
            name: file.name,
            path: file.path,
            reading: file.corrections.reading,
            rows: rowsOfReading(file.corrections.reading),
          },
        ]
      : [],
  );
  const superseded = supersededLists(read);
  return read.map((list) => summarizeCorrections(list.path, list.reading, superseded.get(list)?.name));
}

/** The terms of an Alpha-Numeric Index or Table of Drugs PDF (other files: none). */
function referenceTermsOf(file: SourceFile, role: SourceRole): ReferenceTermEntry[] {
  if (!/\.pdf$/i.test(file.name)) return [];
  if (role === 'alpha-index') {
    return readAlphaIndexSync(file.bytes, file.path).map((e) => ({
      source: 'index',
      text: e.term,
      codes: e.codes,
      ranges: e.ranges,
    }));
  }
  if (role === 'table-of-drugs') {
    return readTableOfDrugsSync(file.bytes, file.path).map((e) => ({
      source: 'drug-table',
      text: e.name,
      codes: e.codes,
      ranges: e.ranges,
    }));
  }
  return [];
}
