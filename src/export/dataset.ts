/**
 * The whole imported history as the tables analysts load into their own engines (PostgreSQL,
 * DuckDB, Parquet): every release, every code version with the days `hcpcs check` calls it valid,
 * the layout's code tables and CMS's corrections lists. One description of the tables (names,
 * typed columns, keys), one set of rows: the PostgreSQL and DuckDB writers only spell the types and
 * values in their dialect.
 */
import { createHash } from 'node:crypto';
import { ACTION_FIELDS } from '../history/compare.js';
import { historyContext } from '../history/context.js';
import { correctionSource } from '../history/corrections.js';
import { addDays, addMonths } from '../history/dates.js';
import { createChecker } from '../history/validity.js';
import { CODE_TABLES, RECORD_FIELDS } from '../layout/index.js';
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { type CodeVersionRows, cachedCodeVersions } from './dataset-cache.js';
import {
  ASP_LIMITS_TABLE,
  FEES_TABLE,
  PAYMENT_LABELS,
  PAYMENT_QUARTERS_TABLE,
  PAYMENT_TABLES,
  paymentRows,
} from './payment-tables.js';
import { type CellValue, type ColumnSpec, col, type ExportTable, type TableSpec } from './table-spec.js';

export type { CellValue, ColumnSpec, ColumnType, ExportTable, TableSpec } from './table-spec.js';
export { EXPORT_SCHEMA_VERSION } from './table-spec.js';

/** `longDescription` -> `long_description`. */
export function columnName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The CMS fields of the record layout as typed columns (lists for fields that occur more than once). */
const FIELD_COLUMNS: readonly ColumnSpec[] = RECORD_FIELDS.filter((f) => f.key !== 'code').map((f) =>
  col(
    columnName(f.key),
    f.occurs > 1 ? 'text[]' : f.type === 'date' ? 'date' : f.type === 'number' ? 'integer' : 'text',
    f.key !== 'longDescription',
    `${f.label} (record layout field ${f.number})${f.type === 'date' || f.type === 'number' ? '; null when the file holds no valid value (kept as read in warnings)' : ''}`,
  ),
);

export const RELEASES_TABLE: TableSpec = {
  name: 'releases',
  description: 'every imported CMS release and revision, oldest first',
  primaryKey: ['key'],
  columns: [
    col('key', 'text', false, 'release id and CMS revision, e.g. 2025-10_v4'),
    col('id', 'text', false, 'YYYY-MM of the quarter the release takes effect'),
    col('revision', 'integer', false, 'CMS revision of the quarter (_v2, _v3 ...)'),
    col('seq', 'integer', false, 'order of the release among all imported ones (1 = oldest)'),
    col('effective_date', 'date', false, 'first day of the quarter'),
    col('superseded', 'boolean', false, 'a later revision of the same quarter is imported'),
    col('source_of_record', 'text', false, 'the file the records were read from'),
    col('imported_at', 'timestamp', false, 'when hcpcs imported it'),
    col('record_count', 'integer', false, 'records (codes and modifiers)'),
    col('procedure_count', 'integer', false, 'procedure codes'),
    col('modifier_count', 'integer', false, 'modifiers'),
    col('active_count', 'integer', false, 'records active on the effective date'),
    col('terminated_count', 'integer', false, 'records terminated on the effective date'),
  ],
};

export const CODES_TABLE: TableSpec = {
  name: 'codes',
  description:
    'one row per code version: a run of consecutive releases holding the same record, with its release range and the days hcpcs check calls it valid',
  primaryKey: ['version_id'],
  columns: [
    col('version_id', 'integer', false, 'row id (stable within one export only)'),
    col('code', 'text', false, 'HCPCS code or modifier, trimmed'),
    col('kind', 'text', false, 'procedure or modifier'),
    col('first_release', 'text', false, 'first release (key) of the run'),
    col('last_release', 'text', false, 'last release (key) of the run'),
    col('first_seq', 'integer', false, 'releases.seq of first_release'),
    col('last_seq', 'integer', false, 'releases.seq of last_release'),
    col('effective_from', 'date', false, 'effective date of first_release'),
    col(
      'effective_to',
      'date',
      true,
      'last day before the next release that does not hold this version; null while the latest release holds it',
    ),
    col(
      'valid_from',
      'date',
      true,
      'first day hcpcs check calls the code valid answering from this version (null: never)',
    ),
    col('valid_to', 'date', true, 'last such day; null: open-ended (see table validity for gaps)'),
    col(
      'content_hash',
      'text',
      false,
      'sha256 of the CMS field values hcpcs diff compares (all but the action code and action effective date)',
    ),
    ...FIELD_COLUMNS,
    col('warnings', 'text[]', false, 'field values the file gets wrong: "field: problem (value as read)"'),
  ],
};

export const VALIDITY_TABLE: TableSpec = {
  name: 'validity',
  description:
    'the days on which hcpcs check calls a code valid, as closed date spans, each with the code version it answers from',
  primaryKey: ['code', 'valid_from'],
  columns: [
    col('code', 'text', false, 'HCPCS code or modifier'),
    col('valid_from', 'date', false, 'first valid day'),
    col('valid_to', 'date', true, 'last valid day; null: open-ended (valid in and after the latest release)'),
    col('version_id', 'integer', false, 'codes.version_id of the version whose record answers'),
  ],
};

export const LABELS_TABLE: TableSpec = {
  name: 'labels',
  description:
    'decoded meanings of coded columns: of codes (the record layout code tables) and of dmepos_fees (the DMEPOS read-me)',
  primaryKey: ['field', 'code'],
  columns: [
    col(
      'field',
      'text',
      false,
      'column of codes (coverage, pricing_indicators, betos ...) or of a payment table (dmepos_fees.category ...)',
    ),
    col('code', 'text', false, 'value as the file holds it'),
    col('label', 'text', false, "the layout's (or read-me's) label"),
    col('code_table', 'text', false, 'name of the code table'),
  ],
};

/** The columns that place a corrections list: the release it came with and the quarter it corrects. */
const CORRECTIONS_LIST_RELEASE = [
  col('release', 'text', false, 'releases.key of the release the list was imported with'),
  col('release_id', 'text', false, 'the quarter (YYYY-MM) whose file it corrects, in any revision'),
];

export const CORRECTIONS_TABLE: TableSpec = {
  name: 'corrections',
  description:
    "CMS's corrections lists: one row per correction CMS published to a release's file after the release, of the lists in force (corrections_lists names the others). The codes table holds the files as published; validity follows these corrections",
  primaryKey: ['release', 'position'],
  columns: [
    ...CORRECTIONS_LIST_RELEASE,
    col(
      'position',
      'integer',
      false,
      "order among the release's corrections: lists in order, rows in theirs",
    ),
    col('code', 'text', false, 'HCPCS code or modifier corrected'),
    col(
      'kind',
      'text',
      false,
      "add, discontinue, add-back or change, as hcpcs reads CMS's words (a correction that adds a code the file lacks, ends one it holds, puts back one removed in error, or changes values)",
    ),
    col('action', 'text', false, "CMS's words (the list's ACTION column)"),
    col(
      'effective_date',
      'date',
      true,
      'the day it takes effect; null when the list gives none that is a date',
    ),
    col('effective_date_as_written', 'text', true, 'the EFF DATE cell as written when it is not a date'),
    col(
      'corrected_values',
      'text[]',
      false,
      'the values it gives, "column: value" with codes table column names (lists joined by ", "; empty for a value it removes; "column: add value" or "column: remove value" for one value added to or taken from a repeated field)',
    ),
    col('comments', 'text', true, "the list's COMMENTS cell"),
    col('source', 'text', false, 'the list file, sheet and row it is written on'),
  ],
};

/**
 * Every corrections list file held with a release, read or not. CMS sometimes publishes versions of
 * one list (2018: V1_ to V4_, each repeating the one before with changes); only the latest is in
 * force (src/ingest/corrections.ts, supersededLists), so the corrections table holds its rows
 * alone and this table names the others.
 */
export const CORRECTIONS_LISTS_TABLE: TableSpec = {
  name: 'corrections_lists',
  description:
    "CMS's corrections list files, one row per file held with a release: in force (its rows are in corrections), superseded by a later version of the same list, or not read",
  primaryKey: ['release', 'position'],
  columns: [
    ...CORRECTIONS_LIST_RELEASE,
    col(
      'position',
      'integer',
      false,
      "order among the release's lists: the order their rows take in corrections",
    ),
    col('file', 'text', false, 'the list file as named in its zip'),
    col('entries', 'integer', false, 'corrections read from it (0 for a file not read)'),
    col(
      'status',
      'text',
      false,
      'in force (its rows are in corrections), superseded (a later version of the list replaces it and none of its rows applies), or not read (error says why)',
    ),
    col(
      'superseded_by',
      'text',
      true,
      'the file of the later version that replaces it; null unless superseded',
    ),
    col('error', 'text', true, 'why the file could not be read as a corrections list; null when read'),
  ],
};

export const EXPORT_TABLES: readonly TableSpec[] = [
  RELEASES_TABLE,
  CODES_TABLE,
  VALIDITY_TABLE,
  LABELS_TABLE,
  CORRECTIONS_TABLE,
  CORRECTIONS_LISTS_TABLE,
  ...PAYMENT_TABLES,
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOrNull(value: string | null): string | null {
  return value && ISO_DATE.test(value) ? value : null;
}

function fieldCells(record: HcpcsRecord): CellValue[] {
  return RECORD_FIELDS.filter((f) => f.key !== 'code').map((f) => {
    const value = record[f.key as keyof HcpcsRecord] as string | number | string[] | null;
    if (Array.isArray(value)) return value;
    if (f.type === 'date') return dateOrNull(value as string | null);
    if (f.type === 'number') return typeof value === 'number' && Number.isInteger(value) ? value : null;
    return value;
  });
}

/** What identifies a version: every field value and warning, not the release that holds it. */
function versionIdentity(record: HcpcsRecord): string {
  const { release: _release, ...rest } = record;
  return JSON.stringify(rest);
}

/** The values `hcpcs diff` compares (src/history/compare.ts: not the action fields) as one hash. */
function contentHash(record: HcpcsRecord): string {
  const values = RECORD_FIELDS.filter((f) => f.key !== 'code' && !ACTION_FIELDS.includes(f.key)).map(
    (f) => record[f.key as keyof HcpcsRecord] ?? null,
  );
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

interface Version {
  readonly id: number;
  readonly code: string;
  record: HcpcsRecord;
  firstSeq: number;
  lastSeq: number;
}

/**
 * The days `hcpcs check` calls `code` valid, as spans of the code version that answers. The
 * checker (src/history/validity.ts) compares a date only with CMS's added and termination dates and
 * with release effective dates and the ends of their quarters, so its answer is the same on every
 * day between two of those points: asking it once per point gives every span exactly.
 */
function validSpans(
  answer: (date: string) => Version | undefined,
  points: readonly string[],
): { from: string; to: string | null; version: Version }[] {
  const spans: { from: string; to: string | null; version: Version }[] = [];
  let open: { from: string; version: Version } | undefined;
  for (const point of points) {
    const version = answer(point);
    if (open && version === open.version) continue;
    if (open) spans.push({ from: open.from, to: addDays(point, -1), version: open.version });
    open = version ? { from: point, version } : undefined;
  }
  if (open) spans.push({ from: open.from, to: null, version: open.version });
  return spans;
}

export interface ExportDataset {
  readonly releases: readonly ReleaseInfo[];
  readonly tables: readonly ExportTable[];
}

/**
 * Every code version of the releases with the days `hcpcs check` calls it valid, read through the
 * store's public methods and the history checker.
 */
export function codeVersionRows(store: HcpcsStore, releases: readonly ReleaseInfo[]): CodeVersionRows {
  const seqOf = new Map(releases.map((r, i) => [r.key, i + 1]));
  const versions: Version[] = [];
  const current = new Map<string, Version>();
  const identities = new Map<Version, string>();
  const occurrenceDates = new Map<string, Set<string>>();
  releases.forEach((release, index) => {
    const seq = index + 1;
    for (const record of store.records(release.key)) {
      const identity = versionIdentity(record);
      const previous = current.get(record.code);
      if (previous && previous.lastSeq === seq - 1 && identities.get(previous) === identity) {
        previous.lastSeq = seq;
        previous.record = record;
      } else {
        const version: Version = {
          id: versions.length + 1,
          code: record.code,
          record,
          firstSeq: seq,
          lastSeq: seq,
        };
        versions.push(version);
        identities.set(version, identity);
        current.set(record.code, version);
      }
      const dates = occurrenceDates.get(record.code) ?? new Set<string>();
      occurrenceDates.set(record.code, dates);
      if (record.addedDate && ISO_DATE.test(record.addedDate)) dates.add(record.addedDate);
      if (record.terminationDate && ISO_DATE.test(record.terminationDate))
        dates.add(addDays(record.terminationDate, 1));
    }
  });

  // CMS's corrections move check's answer at their own dates (a code discontinued from a day
  // inside a quarter): those dates are points too.
  const corrections = historyContext(store).corrections();
  for (const [code, dates] of occurrenceDates) {
    for (const c of corrections.of(code)) if (c.effectiveDate) dates.add(c.effectiveDate);
  }
  const releaseAt = (seq: number) => releases[seq - 1] as ReleaseInfo;
  const checker = createChecker(store);
  const releasePoints = releases.flatMap((r) => [r.effectiveDate, addMonths(r.effectiveDate, 3)]);
  const versionOf = new Map<string, Version>();
  for (const v of versions) for (let s = v.firstSeq; s <= v.lastSeq; s++) versionOf.set(`${v.code}@${s}`, v);
  const validity: CellValue[][] = [];
  const envelope = new Map<Version, { from: string; to: string | null }>();
  for (const [code, dates] of [...occurrenceDates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const points = [...new Set([...releasePoints, ...dates])].sort();
    const answer = (date: string) => {
      const result = checker.check({ code, date });
      return result.valid && result.release
        ? versionOf.get(`${code}@${seqOf.get(result.release)}`)
        : undefined;
    };
    for (const span of validSpans(answer, points)) {
      const version = span.version;
      validity.push([code, span.from, span.to, version.id]);
      const seen = envelope.get(version);
      envelope.set(version, {
        from: seen ? seen.from : span.from,
        to: span.to === null || seen?.to === null ? null : span.to,
      });
    }
  }

  const latestSeq = releases.length;
  const codes = versions.map((v): CellValue[] => {
    const valid = envelope.get(v);
    return [
      v.id,
      v.code,
      v.record.kind,
      releaseAt(v.firstSeq).key,
      releaseAt(v.lastSeq).key,
      v.firstSeq,
      v.lastSeq,
      releaseAt(v.firstSeq).effectiveDate,
      v.lastSeq === latestSeq ? null : addDays(releaseAt(v.lastSeq + 1).effectiveDate, -1),
      valid?.from ?? null,
      valid ? valid.to : null,
      contentHash(v.record),
      ...fieldCells(v.record),
      v.record.warnings.map((w) => `${w.field}: ${w.problem} (${w.value})`),
    ];
  });

  return { codes, validity };
}

/** The corrections lists of the releases, release by release (CORRECTIONS_TABLE). */
function correctionRows(store: HcpcsStore, releases: readonly ReleaseInfo[]): CellValue[][] {
  const index = historyContext(store).corrections();
  const rows: CellValue[][] = [];
  for (const release of releases) {
    const own = index.ofQuarter(release.id).filter((c) => c.release === release.key);
    own.forEach((c, i) => {
      rows.push([
        release.key,
        release.id,
        i + 1,
        c.code,
        c.kind,
        c.action,
        c.effectiveDate,
        c.effectiveDateAsWritten,
        c.values.map(
          ({ field, value, operation }) =>
            `${columnName(field)}: ${operation ? `${operation} ` : ''}${Array.isArray(value) ? value.join(', ') : (value ?? '')}`,
        ),
        c.comments,
        correctionSource(c),
      ]);
    });
  }
  return rows;
}

/** The corrections list files of the releases, release by release (CORRECTIONS_LISTS_TABLE). */
function correctionsListRows(store: HcpcsStore, releases: readonly ReleaseInfo[]): CellValue[][] {
  const index = historyContext(store).corrections();
  return releases.flatMap((release) =>
    index
      .listsOfQuarter(release.id)
      .filter((list) => list.release === release.key)
      .map((list, i) => [
        release.key,
        release.id,
        i + 1,
        list.file,
        list.entries,
        list.error ? 'not read' : list.supersededBy ? 'superseded' : 'in force',
        list.supersededBy ?? null,
        list.error,
      ]),
  );
}

export interface ExportOptions {
  /**
   * A folder where the code version rows are kept between runs (src/export/dataset-cache.ts),
   * keyed by the imported releases and this build's code: a later export of the same releases
   * reads them instead of asking the checker again. Absent: always built.
   */
  readonly cacheDir?: string | undefined;
}

/**
 * Every table of the export, read through the store's public methods and the history checker.
 * @example exportDataset(store).tables.find((t) => t.name === 'codes')?.rows.length // 17502
 */
export function exportDataset(store: HcpcsStore, options: ExportOptions = {}): ExportDataset {
  const releases = store.releases();
  const { codes, validity } = options.cacheDir
    ? cachedCodeVersions(options.cacheDir, releases, () => codeVersionRows(store, releases))
    : codeVersionRows(store, releases);
  const labels: CellValue[][] = [];
  for (const field of RECORD_FIELDS) {
    if (!field.table || !CODE_TABLES.includes(field.table)) continue;
    for (const entry of field.table.entries)
      labels.push([columnName(field.key), entry.code, entry.label, field.table.name]);
  }
  for (const table of PAYMENT_LABELS)
    for (const [code, label] of Object.entries(table.entries))
      labels.push([table.field, code, label, table.codeTable]);
  const payments = paymentRows(store);

  return {
    releases,
    tables: [
      {
        ...RELEASES_TABLE,
        rows: releases.map((r, i) => [
          r.key,
          r.id,
          r.revision,
          i + 1,
          r.effectiveDate,
          r.superseded,
          r.sourceOfRecord,
          r.importedAt,
          r.counts.records,
          r.counts.procedures,
          r.counts.modifiers,
          r.counts.active,
          r.counts.terminated,
        ]),
      },
      { ...CODES_TABLE, rows: codes },
      { ...VALIDITY_TABLE, rows: validity },
      { ...LABELS_TABLE, rows: labels },
      { ...CORRECTIONS_TABLE, rows: correctionRows(store, releases) },
      { ...CORRECTIONS_LISTS_TABLE, rows: correctionsListRows(store, releases) },
      { ...PAYMENT_QUARTERS_TABLE, rows: payments.quarters },
      { ...ASP_LIMITS_TABLE, rows: payments.asp },
      { ...FEES_TABLE, rows: payments.fees },
    ],
  };
}
