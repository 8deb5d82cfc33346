/**
 * The HCPCS store: releases (every revision), their source files, records and processing notes,
 * in one SQLite file. An import is one transaction per release: it lands whole or not at all.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { HcpcsError } from '../errors.js';
import type { LayoutDifference } from '../ingest/layout-check.js';
import type { Reconciliation } from '../ingest/reconcile.js';
import type { ParsedRelease, ReferenceTermEntry, ReleaseFile } from '../ingest/release.js';
import { type HcpcsRecord, isActiveOn, RELEASE_ID } from '../model.js';
import { openDatabase, type SqlDatabase, type SqlStatement } from './database.js';
import { nearestWithRole, type ReleaseFiles } from './nearest-release.js';
import { PAYMENT_SCHEMA, PaymentStore } from './payment-store.js';
import { placeRecords, releaseOrdinal, removeSpans } from './record-spans.js';
import { dataVersionOf, ReleaseCatalog } from './release-catalog.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

export interface SourceFileInfo {
  readonly path: string;
  readonly name: string;
  readonly role: string;
  readonly sha256: string;
  readonly size: number;
}

export interface ReleaseInfo {
  /** `YYYY-MM_vN`: the release id and CMS revision; unique. */
  readonly key: string;
  readonly id: string;
  readonly revision: number;
  /** Whether a later revision of the same quarter is imported. */
  readonly superseded: boolean;
  readonly effectiveDate: string;
  readonly sourceOfRecord: string;
  readonly importedAt: string;
  readonly counts: {
    readonly records: number;
    readonly procedures: number;
    readonly modifiers: number;
    readonly active: number;
    readonly terminated: number;
    readonly warnings: number;
    readonly processingNotes: number;
  };
  readonly files: readonly SourceFileInfo[];
}

export interface ReleaseDetail extends ReleaseInfo {
  readonly readme: string | null;
  readonly recordLayout: string | null;
  readonly preamble: string | null;
  readonly reconciliation: Reconciliation | null;
  readonly layoutDifferences: readonly LayoutDifference[];
  /** Why the release's own record layout file was not compared with ours (a format not understood). */
  readonly layoutNotCompared: string | null;
}

/** `corrections-added`: a release held got CMS corrections lists it lacked (addCorrections). */
export type ImportOutcome = 'imported' | 'unchanged' | 'replaced' | 'corrections-added';

export interface ImportResult {
  readonly release: ReleaseInfo;
  readonly outcome: ImportOutcome;
}

/** `2025-10_v4` from id and revision. */
export function releaseKey(id: string, revision: number): string {
  return `${id}_v${revision}`;
}

/** The columns of a release that its ReleaseInfo holds. */
type ReleaseListRow = Pick<
  ReleaseRow,
  | 'key'
  | 'id'
  | 'revision'
  | 'effective_date'
  | 'source_of_record'
  | 'imported_at'
  | 'record_count'
  | 'procedure_count'
  | 'modifier_count'
  | 'active_count'
  | 'terminated_count'
  | 'warning_count'
  | 'note_count'
>;

interface ReleaseRow {
  key: string;
  id: string;
  revision: number;
  ordinal: number;
  effective_date: string;
  source_of_record: string;
  source_sha256: string;
  imported_at: string;
  record_count: number;
  procedure_count: number;
  modifier_count: number;
  active_count: number;
  terminated_count: number;
  warning_count: number;
  note_count: number;
  /** Hashes of texts in release_texts. */
  readme: string | null;
  record_layout: string | null;
  preamble: string | null;
  record_order: string | null;
  notes: string | null;
  reconciliation: string | null;
  layout_differences: string;
  layout_not_compared: string | null;
}

/**
 * A run of consecutive held releases in which a code is one stored record version: `from` and `to`
 * (inclusive) are positions in `catalog().releases` (oldest first, revisions in order).
 */
export interface VersionRun {
  readonly version: number;
  /** One object per run, shared by its releases; `release` is the id of the run's first release. */
  readonly record: HcpcsRecord;
  readonly from: number;
  readonly to: number;
}

/** What a deleted release referred to that other releases may share. */
interface Shared {
  readonly texts: readonly string[];
  readonly notes: string | null;
  readonly contents: readonly string[];
}

/** The columns of `releases` that name a text of release_texts by its hash. */
const TEXT_COLUMNS = ['readme', 'record_layout', 'preamble', 'record_order'] as const;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The order records() gives when a release stores none: the order of CMS's files (modifiers, then
 * procedures, each by code, as the record layout lists them). A file in another order keeps its own.
 */
function usualOrder(a: { kind: string; code: string }, b: { kind: string; code: string }): number {
  const byKind = Number(a.kind !== 'modifier') - Number(b.kind !== 'modifier');
  if (byKind !== 0) return byKind;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function inUsualOrder(records: readonly HcpcsRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    if (usualOrder(records[i - 1] as HcpcsRecord, records[i] as HcpcsRecord) >= 0) return false;
  }
  return true;
}

/**
 * A view of the database that prepares each SQL text once: requests ask the same few queries over
 * and over, and preparing costs more than running them.
 */
function withStatementCache(db: SqlDatabase): SqlDatabase {
  const statements = new Map<string, SqlStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}

/**
 * The time of an import: now, and always after the import it replaces, so that the data version
 * (made of each release's key and import time) changes even when both fall in one millisecond.
 */
function importTime(replaced: string | undefined): string {
  const now = Date.now();
  const after = replaced ? Date.parse(replaced) + 1 : 0;
  return new Date(Math.max(now, after)).toISOString();
}

/** A stored record version as held by one release: its release id filled in (see storedRecordJson). */
function inRelease(record: HcpcsRecord, releaseId: string): HcpcsRecord {
  if (record.release === '') record.release = releaseId;
  return record;
}

/** A stored record version's JSON, parsed, as held by one release. */
function parseStored(json: string, releaseId: string): HcpcsRecord {
  return inRelease(JSON.parse(json) as HcpcsRecord, releaseId);
}

/**
 * A run of a code's record version, its record parsed on first use: a validity check reads the
 * record of one run or two of the code's many, a history all of them.
 */
class StoredRun implements VersionRun {
  #json: string | undefined;
  #record: HcpcsRecord | undefined;
  readonly #releaseId: string;

  constructor(
    readonly version: number,
    json: string,
    releaseId: string,
    readonly from: number,
    readonly to: number,
  ) {
    this.#json = json;
    this.#releaseId = releaseId;
  }

  get record(): HcpcsRecord {
    if (!this.#record) {
      this.#record = parseStored(this.#json as string, this.#releaseId);
      this.#json = undefined;
    }
    return this.#record;
  }
}

/**
 * The held releases' ordinals, at their positions in `catalog.releases` (release order: id, then
 * revision, the order of the ordinals). Kept on the catalog, so read again after an import.
 */
function heldOrdinals(catalog: ReleaseCatalog): readonly number[] {
  return catalog.derived('held-release-ordinals', (c) =>
    c.releases.map((r) => releaseOrdinal(r.id, r.revision)),
  );
}

/** The position of the first held release whose ordinal is at least `ordinal` (binary search). */
function firstAtOrAfter(held: readonly number[], ordinal: number): number {
  let low = 0;
  let high = held.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((held[middle] as number) < ordinal) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class HcpcsStore {
  readonly #db: SqlDatabase;
  #catalog: ReleaseCatalog | undefined;
  /** SQLite's data_version and this connection's imports when the catalog was last checked. */
  #checkedChange = '';
  #imports = 0;

  /**
   * A store over an open database. Writable: the tables are created (in one immediate transaction,
   * so two processes opening a new file at once do not both create them). Read-only: nothing is
   * written, and a database without the tables is refused.
   */
  constructor(db: SqlDatabase, options: { readonly?: boolean; path?: string } = {}) {
    this.#db = withStatementCache(db);
    try {
      if (options.readonly) this.#checkVersion({ required: true, path: options.path });
      else
        this.#db
          .transaction(() => {
            // Check the version before creating tables: an older database keeps its old tables.
            this.#checkVersion({ required: false });
            this.#db.exec(SCHEMA);
            this.#db.exec(PAYMENT_SCHEMA);
            this.#db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
          })
          .immediate();
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  #checkVersion(options: { required: boolean; path?: string | undefined }): void {
    const version = (this.#db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version === 0 && options.required) {
      throw new HcpcsError(
        'HCPCS_E_NOT_FOUND',
        `no hcpcs tables in the database${options.path ? ` ${options.path}` : ''}: run hcpcs import <path> to import CMS releases into it`,
      );
    }
    if (version !== 0 && version !== SCHEMA_VERSION) {
      throw new HcpcsError(
        'HCPCS_E_CONFLICT',
        `the database was written by another version of hcpcs (schema ${version}, this one uses ${SCHEMA_VERSION}): delete it or point HCPCS_DB at a new file, then import again (the CMS files are the source; nothing else is lost)`,
      );
    }
  }

  /**
   * Opens the store in a SQLite file. For writing (import), the file is created when missing;
   * read-only (every command but import), a missing file is an error naming the path, and nothing
   * is written, so a file on a read-only volume or of another user can be served.
   * @example const store = HcpcsStore.open('./data/hcpcs.sqlite', { readonly: true })
   */
  static open(path: string, options: { readonly?: boolean } = {}): HcpcsStore {
    if (options.readonly && path !== ':memory:' && !existsSync(path)) {
      throw new HcpcsError(
        'HCPCS_E_NOT_FOUND',
        `no database at ${path}: run hcpcs import <path> to import CMS releases (HCPCS_DB names the database file)`,
      );
    }
    return new HcpcsStore(openDatabase(path, options), { ...options, path });
  }

  /**
   * The release catalog of the data as it is now (see release-catalog.ts): the same object until
   * a release is imported or replaced, through this store or by another process, then a new one.
   * Cheap to ask: one `PRAGMA data_version` (SQLite changes it when another connection commits;
   * this connection's own imports are counted here, as SQLite does not report them).
   * @example store.catalog().latest?.key // '2026-01_v1'
   */
  catalog(): ReleaseCatalog {
    const { data_version } = this.#db.prepare('PRAGMA data_version').get() as { data_version: number };
    const change = `${data_version}:${this.#imports}`;
    if (this.#catalog && change === this.#checkedChange) return this.#catalog;
    this.#checkedChange = change;
    const imported =
      // Payment datasets count too: a payment import changes answers the server keeps (the payment
      // route, the code page).
      (
        this.#db
          .prepare(
            // The count of a release's files too: corrections lists join a release held (addCorrections).
            "SELECT key || '@' || imported_at || '+' || (SELECT count(*) FROM source_files f WHERE f.release_key = releases.key) AS k FROM releases UNION ALL SELECT key || '@' || imported_at FROM payment_datasets ORDER BY k",
          )
          .all() as {
          k: string;
        }[]
      ).map((r) => r.k);
    const dataVersion = dataVersionOf(imported);
    // Another table written (or a release imported unchanged): the catalog and all kept on it stay.
    if (this.#catalog?.dataVersion === dataVersion) return this.#catalog;
    this.#catalog = new ReleaseCatalog({
      dataVersion,
      releases: this.releases(),
      readRecords: (key) => this.records(key),
    });
    return this.#catalog;
  }

  /** The payment datasets (ASP, DMEPOS, PEN) held beside the releases. */
  get payments(): PaymentStore {
    return new PaymentStore(this.#db);
  }

  close(): void {
    this.#db.close();
  }

  /** Whether release `id` revision `revision` is imported from a source of record with this sha256. */
  holds(id: string, revision: number, sha256: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM releases WHERE id = ? AND revision = ? AND source_sha256 = ?')
        .get(id, revision, sha256) !== undefined
    );
  }

  /**
   * Stores a release in one transaction. The same files again change nothing; other files for a
   * release id and revision already held are refused unless `replace` is set.
   */
  importRelease(release: ParsedRelease, options: { replace?: boolean } = {}): ImportResult {
    if (!RELEASE_ID.test(release.id)) {
      throw new HcpcsError('HCPCS_E_USAGE', `release id "${release.id}" is not YYYY-MM (e.g. 2026-01)`);
    }
    const key = releaseKey(release.id, release.revision);
    const primary = release.files.find((f) => f.path === release.sourceOfRecord);
    const sha = primary?.sha256 ?? '';
    const effectiveDate = `${release.id}-01`;
    const active = release.records.filter((r) => isActiveOn(r, effectiveDate)).length;
    const ordinal = releaseOrdinal(release.id, release.revision);
    const write = this.#db.transaction((): ImportOutcome => {
      // Whether the release is held is read inside the write transaction: another import (a second
      // process) may have stored it since this one started reading its files.
      const existing = this.#db
        .prepare('SELECT source_sha256, imported_at FROM releases WHERE key = ?')
        .get(key) as { source_sha256: string; imported_at: string } | undefined;
      if (existing && existing.source_sha256 === sha && !options.replace) return 'unchanged';
      if (existing && !options.replace) {
        throw new HcpcsError(
          'HCPCS_E_CONFLICT',
          `release ${key} is already imported from other files (sha256 ${existing.source_sha256.slice(0, 12)}...): pass --replace to replace it, or --release to import it under another id`,
          { file: release.sourceOfRecord },
        );
      }
      const replaced = existing ? this.#deleteRelease(key) : undefined;
      const order = inUsualOrder(release.records) ? undefined : release.records.map((r) => r.code).join('\n');
      this.#db
        .prepare(
          `INSERT INTO releases (key, id, revision, ordinal, effective_date, source_of_record, source_sha256, imported_at,
             record_count, procedure_count, modifier_count, active_count, terminated_count, warning_count, note_count,
             readme, record_layout, preamble, record_order, notes, reconciliation, layout_differences, layout_not_compared)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          key,
          release.id,
          release.revision,
          ordinal,
          effectiveDate,
          release.sourceOfRecord,
          sha,
          importTime(existing?.imported_at),
          release.records.length,
          release.records.filter((r) => r.kind === 'procedure').length,
          release.records.filter((r) => r.kind === 'modifier').length,
          active,
          release.records.length - active,
          release.records.reduce((n, r) => n + r.warnings.length, 0),
          release.processingNotes.size,
          this.#storeText(release.readme),
          this.#storeText(release.recordLayout),
          this.#storeText(release.preamble),
          this.#storeText(order),
          this.#storeNotes(release.processingNotes),
          release.reconciliation ? JSON.stringify(release.reconciliation) : null,
          JSON.stringify(release.layoutDifferences),
          release.layoutNotCompared ?? null,
        );
      const insertFile = this.#db.prepare(
        'INSERT INTO source_files (release_key, path, name, role, sha256, size, stored) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const insertContent = this.#db.prepare(
        'INSERT OR IGNORE INTO file_contents (sha256, content) VALUES (?, ?)',
      );
      for (const f of release.files) {
        insertFile.run(key, f.path, f.name, f.role, f.sha256, f.size, f.bytes ? 1 : 0);
        if (f.bytes) insertContent.run(f.sha256, Buffer.from(f.bytes));
        if (f.corrections?.reading.list)
          this.#keepCorrectionsRead(f.sha256, f.corrections.reader, f.corrections.reading.list);
      }
      placeRecords(this.#db, ordinal, release.id, release.records);
      const insertTerm = this.#db.prepare(
        'INSERT INTO reference_terms (release_key, source, position, text, codes, ranges) VALUES (?, ?, ?, ?, ?, ?)',
      );
      (release.referenceTerms ?? []).forEach((t, position) => {
        insertTerm.run(key, t.source, position, t.text, JSON.stringify(t.codes), JSON.stringify(t.ranges));
      });
      if (replaced) this.#dropUnshared(replaced);
      return existing ? 'replaced' : 'imported';
    });
    // BEGIN IMMEDIATE: the check and the writes are one unit. Under a deferred BEGIN two imports
    // both read "not held", and the later one fails on the UNIQUE key (or with SQLITE_BUSY, when
    // its read snapshot is older than the other's commit); here the later one waits for the write
    // lock (BUSY_TIMEOUT_MS), then finds the release and reports it unchanged.
    const outcome = write.immediate();
    this.#imports++;
    return { release: this.release(key) as ReleaseInfo, outcome };
  }

  /**
   * Adds to a held release the corrections lists (role `corrections`) it does not hold yet (by
   * content), in one transaction; returns how many were added. CMS publishes a release's
   * corrections after the release: the release's records stay as they are.
   */
  addCorrections(key: string, files: readonly ReleaseFile[]): number {
    const add = this.#db.transaction((): number => {
      if (!this.#db.prepare('SELECT 1 FROM releases WHERE key = ?').get(key)) {
        throw new HcpcsError('HCPCS_E_NOT_FOUND', `release ${key} is not imported`);
      }
      const held = new Set(
        (
          this.#db
            .prepare("SELECT sha256 FROM source_files WHERE release_key = ? AND role = 'corrections'")
            .all(key) as { sha256: string }[]
        ).map((r) => r.sha256),
      );
      const insertFile = this.#db.prepare(
        'INSERT OR IGNORE INTO source_files (release_key, path, name, role, sha256, size, stored) VALUES (?, ?, ?, ?, ?, ?, 1)',
      );
      const insertContent = this.#db.prepare(
        'INSERT OR IGNORE INTO file_contents (sha256, content) VALUES (?, ?)',
      );
      let added = 0;
      for (const f of files) {
        if (f.role !== 'corrections' || !f.bytes || held.has(f.sha256)) continue;
        held.add(f.sha256);
        added += insertFile.run(key, f.path, f.name, f.role, f.sha256, f.size).changes;
        insertContent.run(f.sha256, Buffer.from(f.bytes));
        if (f.corrections?.reading.list)
          this.#keepCorrectionsRead(f.sha256, f.corrections.reader, f.corrections.reading.list);
      }
      return added;
    });
    const added = add.immediate();
    if (added > 0) this.#imports++;
    return added;
  }

  #keepCorrectionsRead(sha256: string, reader: number, list: unknown): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO corrections_read (sha256, reader, list) VALUES (?, ?, ?)')
      .run(sha256, reader, JSON.stringify(list));
  }

  /**
   * A corrections list file as the import read it (CorrectionsList JSON), when it was kept by this
   * reader's version; undefined otherwise (then the file is read again). A database written before
   * the table existed, opened read-only, has none.
   */
  correctionsRead(sha256: string, reader: number): string | undefined {
    try {
      const row = this.#db
        .prepare('SELECT list FROM corrections_read WHERE sha256 = ? AND reader = ?')
        .get(sha256, reader) as { list: string } | undefined;
      return row?.list;
    } catch {
      return undefined;
    }
  }

  /** Keeps a text once by its content hash; returns the hash (null for no text). */
  #storeText(text: string | undefined): string | null {
    if (text === undefined) return null;
    const hash = sha256(text);
    this.#db.prepare('INSERT OR IGNORE INTO release_texts (hash, text) VALUES (?, ?)').run(hash, text);
    return hash;
  }

  #text(hash: string | null): string | null {
    if (hash === null) return null;
    const row = this.#db.prepare('SELECT text FROM release_texts WHERE hash = ?').get(hash) as
      | { text: string }
      | undefined;
    return row?.text ?? null;
  }

  /** Keeps a set of processing notes once by the hash of its content; returns the hash (null: none). */
  #storeNotes(notes: ReadonlyMap<string, string>): string | null {
    if (notes.size === 0) return null;
    const hash = sha256(JSON.stringify([...notes]));
    if (this.#db.prepare('SELECT 1 FROM processing_notes WHERE notes = ? LIMIT 1').get(hash)) return hash;
    const insert = this.#db.prepare('INSERT INTO processing_notes (notes, number, text) VALUES (?, ?, ?)');
    for (const [number, text] of notes) insert.run(hash, number, text);
    return hash;
  }

  /**
   * Deletes a release and its rows (its records leave the spans first: record-spans.ts); returns
   * what it referred to that other releases may share, for {@link #dropUnshared}.
   */
  #deleteRelease(key: string): Shared {
    const row = this.#db.prepare('SELECT * FROM releases WHERE key = ?').get(key) as ReleaseRow;
    const contents = (
      this.#db.prepare('SELECT sha256 FROM source_files WHERE release_key = ? AND stored').all(key) as {
        sha256: string;
      }[]
    ).map((f) => f.sha256);
    removeSpans(this.#db, row.ordinal);
    for (const table of ['reference_terms', 'source_files', 'releases']) {
      this.#db
        .prepare(`DELETE FROM ${table} WHERE ${table === 'releases' ? 'key' : 'release_key'} = ?`)
        .run(key);
    }
    return {
      texts: TEXT_COLUMNS.flatMap((c) => (row[c] === null ? [] : [row[c]])),
      notes: row.notes,
      contents,
    };
  }

  /** Deletes the texts, notes and file contents a deleted release held that no release holds now. */
  #dropUnshared(shared: Shared): void {
    this.#db
      .prepare(
        `DELETE FROM release_texts WHERE hash IN (SELECT value FROM json_each(?)) AND NOT EXISTS
           (SELECT 1 FROM releases l WHERE ${TEXT_COLUMNS.map((c) => `l.${c} = release_texts.hash`).join(' OR ')})`,
      )
      .run(JSON.stringify(shared.texts));
    if (shared.notes !== null) {
      this.#db
        .prepare(
          'DELETE FROM processing_notes WHERE notes = @notes AND NOT EXISTS (SELECT 1 FROM releases WHERE notes = @notes)',
        )
        .run({ notes: shared.notes });
    }
    this.#db
      .prepare(
        `DELETE FROM file_contents WHERE sha256 IN (SELECT value FROM json_each(?)) AND NOT EXISTS
           (SELECT 1 FROM source_files f WHERE f.sha256 = file_contents.sha256 AND f.stored)`,
      )
      .run(JSON.stringify(shared.contents));
    // A corrections list's kept reading goes with the last file of its content.
    this.#db
      .prepare(
        `DELETE FROM corrections_read WHERE sha256 IN (SELECT value FROM json_each(?)) AND NOT EXISTS
           (SELECT 1 FROM source_files f WHERE f.sha256 = corrections_read.sha256)`,
      )
      .run(JSON.stringify(shared.contents));
  }

  /** The source files of the releases, by release key, in the order they were stored. */
  #files(key?: string): Map<string, SourceFileInfo[]> {
    const rows = this.#db
      .prepare(
        `SELECT release_key, path, name, role, sha256, size FROM source_files
         WHERE @key IS NULL OR release_key = @key ORDER BY rowid`,
      )
      .all({ key: key ?? null }) as (SourceFileInfo & { release_key: string })[];
    const byRelease = new Map<string, SourceFileInfo[]>();
    for (const { release_key, ...file } of rows) {
      const files = byRelease.get(release_key) ?? [];
      files.push(file);
      byRelease.set(release_key, files);
    }
    return byRelease;
  }

  #info(
    row: ReleaseListRow,
    latestRevision: number,
    files: ReadonlyMap<string, SourceFileInfo[]>,
  ): ReleaseInfo {
    return {
      key: row.key,
      id: row.id,
      revision: row.revision,
      superseded: row.revision < latestRevision,
      effectiveDate: row.effective_date,
      sourceOfRecord: row.source_of_record,
      importedAt: row.imported_at,
      counts: {
        records: row.record_count,
        procedures: row.procedure_count,
        modifiers: row.modifier_count,
        active: row.active_count,
        terminated: row.terminated_count,
        warnings: row.warning_count,
        processingNotes: row.note_count,
      },
      files: files.get(row.key) ?? [],
    };
  }

  /** Every imported release, oldest first, revisions in order. */
  releases(): ReleaseInfo[] {
    // The columns a ReleaseInfo holds (not the stored reconciliation and layout texts, which only a
    // release's details show): the catalog reads this list whenever the data changes.
    const rows = this.#db
      .prepare(
        `SELECT key, id, revision, effective_date, source_of_record, imported_at, record_count, procedure_count,
                modifier_count, active_count, terminated_count, warning_count, note_count
         FROM releases ORDER BY id, revision`,
      )
      .all() as ReleaseListRow[];
    const latest = new Map<string, number>();
    for (const r of rows) latest.set(r.id, Math.max(latest.get(r.id) ?? 0, r.revision));
    // The files of every release in one query, not one per release (the catalog reads this list
    // whenever the data changes, and a store may hold a hundred releases).
    const files = this.#files();
    return rows.map((r) => this.#info(r, latest.get(r.id) ?? r.revision, files));
  }

  /** One release with its texts, by key or reference (see {@link resolveRelease}). */
  release(ref: string): ReleaseDetail | undefined {
    const key = this.resolveRelease(ref, { required: false });
    if (!key) return undefined;
    const row = this.#db.prepare('SELECT * FROM releases WHERE key = ?').get(key) as ReleaseRow | undefined;
    if (!row) return undefined;
    const latest = (
      this.#db.prepare('SELECT MAX(revision) AS r FROM releases WHERE id = ?').get(row.id) as { r: number }
    ).r;
    return {
      ...this.#info(row, latest, this.#files(row.key)),
      readme: this.#text(row.readme),
      recordLayout: this.#text(row.record_layout),
      preamble: this.#text(row.preamble),
      reconciliation: row.reconciliation ? (JSON.parse(row.reconciliation) as Reconciliation) : null,
      layoutDifferences: JSON.parse(row.layout_differences) as LayoutDifference[],
      layoutNotCompared: row.layout_not_compared,
    };
  }

  /**
   * The key of the release a user means: `2025-10` is its latest revision, `2025-10_v1` one revision,
   * nothing the latest release.
   */
  resolveRelease(ref: string | undefined, options: { required?: boolean } = {}): string | undefined {
    return this.catalog().resolve(ref, options)?.key;
  }

  /** One record of a release (key from {@link resolveRelease}), by trimmed upper-case code. */
  record(releaseKeyValue: string, code: string): HcpcsRecord | undefined {
    // The code's span with the greatest start at or before the release (spans never overlap), if
    // it reaches the release.
    const row = this.#db
      .prepare(
        `SELECT v.record, l.id AS release FROM releases l
           JOIN record_spans s ON s.code = ? AND s.first <= l.ordinal AND s.last >= l.ordinal
           JOIN record_versions v ON v.id = s.version
         WHERE l.key = ?`,
      )
      .get(code, releaseKeyValue) as { record: string; release: string } | undefined;
    return row ? parseStored(row.record, row.release) : undefined;
  }

  /** Every record of a release, in file order. */
  *records(releaseKeyValue: string): IterableIterator<HcpcsRecord> {
    const release = this.#db
      .prepare('SELECT id, ordinal, record_order FROM releases WHERE key = ?')
      .get(releaseKeyValue) as { id: string; ordinal: number; record_order: string | null } | undefined;
    if (!release) return;
    const rows = this.#db
      .prepare(
        `SELECT s.code, v.kind, v.record FROM record_spans s JOIN record_versions v ON v.id = s.version
         WHERE s.last >= @ordinal AND s.first <= @ordinal`,
      )
      .all({ ordinal: release.ordinal }) as { code: string; kind: string; record: string }[];
    const order = this.#text(release.record_order);
    if (order === null) {
      rows.sort(usualOrder);
      for (const row of rows) yield parseStored(row.record, release.id);
      return;
    }
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const code of order.split('\n')) {
      const row = byCode.get(code);
      if (row) yield parseStored(row.record, release.id);
    }
  }

  /**
   * The codes whose stored record version differs between two releases (keys), in code order, with
   * the record each holds (absent where the release does not hold the code). A code of one version
   * in both is left out: the two records are equal but for their release id (storedRecordJson), so
   * a diff of two quarters reads the few percent that changed, not every record of both.
   */
  recordsThatDiffer(
    fromKey: string,
    toKey: string,
  ): { code: string; before: HcpcsRecord | undefined; after: HcpcsRecord | undefined }[] {
    const release = this.#db.prepare('SELECT id, ordinal FROM releases WHERE key = ?');
    const from = release.get(fromKey) as { id: string; ordinal: number } | undefined;
    const to = release.get(toKey) as { id: string; ordinal: number } | undefined;
    if (!from || !to)
      throw new HcpcsError('HCPCS_E_NOT_FOUND', `release ${from ? toKey : fromKey} is not imported`);
    // Each release's spans are those around its ordinal (record_spans in schema.ts). From each
    // span of `from`, the code's span in `to` through the primary key (code, first); then the
    // codes only `to` holds. Records are read for the codes whose versions differ, and only those.
    const rows = this.#db
      .prepare(
        `WITH differing AS (
             SELECT a.code, a.version AS before, b.version AS after
               FROM record_spans a
               LEFT JOIN record_spans b ON b.code = a.code AND b.first <= @to AND b.last >= @to
              WHERE a.last >= @from AND a.first <= @from AND b.version IS NOT a.version
             UNION ALL
             SELECT b.code, NULL, b.version
               FROM record_spans b
              WHERE b.last >= @to AND b.first <= @to
                AND NOT EXISTS (SELECT 1 FROM record_spans a WHERE a.code = b.code AND a.first <= @from AND a.last >= @from))
         SELECT d.code, va.record AS before, vb.record AS after
           FROM differing d
           LEFT JOIN record_versions va ON va.id = d.before
           LEFT JOIN record_versions vb ON vb.id = d.after
          ORDER BY d.code`,
      )
      .all({ from: from.ordinal, to: to.ordinal }) as {
      code: string;
      before: string | null;
      after: string | null;
    }[];
    return rows.map((row) => ({
      code: row.code,
      before: row.before === null ? undefined : parseStored(row.before, from.id),
      after: row.after === null ? undefined : parseStored(row.after, to.id),
    }));
  }

  /**
   * The code in every release that holds it, oldest first: `[releaseKey, record]`. Each stored
   * version is parsed once: the releases that share it get shallow copies with their own release
   * id (the records are read-only to every reader). `version` names the stored version: two
   * releases with one version hold equal records but for their release id, so a reader comparing
   * them (history) need not.
   */
  recordsOfCode(code: string): { releaseKey: string; record: HcpcsRecord; version: number }[] {
    const catalog = this.catalog();
    const releases = catalog.releases;
    return this.#spansOfCode(code, catalog).flatMap(({ version, json, from, to }) => {
      const stored = JSON.parse(json) as HcpcsRecord;
      return releases.slice(from, to + 1).map((release) => ({
        releaseKey: release.key,
        record: inRelease({ ...stored }, release.id),
        version,
      }));
    });
  }

  /**
   * The code in the latest held release that holds it, with that release's key (one record read,
   * whatever the releases held).
   */
  latestRecordOfCode(code: string): { releaseKey: string; record: HcpcsRecord } | undefined {
    const catalog = this.catalog();
    const held = heldOrdinals(catalog);
    const span = this.#db
      .prepare(
        `SELECT s.first, s.last, v.record FROM record_spans s JOIN record_versions v ON v.id = s.version
         WHERE s.code = ? ORDER BY s.first DESC LIMIT 1`,
      )
      .get(code) as { first: number; last: number; record: string } | undefined;
    if (!span) return undefined;
    const release = catalog.releases[firstAtOrAfter(held, span.last + 1) - 1];
    if (!release || releaseOrdinal(release.id, release.revision) < span.first) return undefined;
    return { releaseKey: release.key, record: parseStored(span.record, release.id) };
  }

  /**
   * The keys of the held releases that hold the code, oldest first: read from its spans alone,
   * without a record (for "it is in ..." messages).
   */
  releaseKeysOfCode(code: string): string[] {
    const catalog = this.catalog();
    const held = heldOrdinals(catalog);
    const spans = this.#db
      .prepare('SELECT first, last FROM record_spans WHERE code = ? ORDER BY first')
      .all(code) as { first: number; last: number }[];
    return spans.flatMap((span) =>
      catalog.releases
        .slice(firstAtOrAfter(held, span.first), firstAtOrAfter(held, span.last + 1))
        .map((release) => release.key),
    );
  }

  /**
   * The code's stored versions through the held releases, oldest first: one run per span of
   * consecutive held releases sharing a version, as positions in `catalog().releases`. One record
   * object per run, not per release, and no work per release held: history and validity read each
   * release's fields from the run, so a code's history costs by its versions, not by the releases.
   * `catalog`: the catalog the positions refer to, when the caller holds one (else the current).
   */
  versionsOfCode(code: string, catalog: ReleaseCatalog = this.catalog()): VersionRun[] {
    const releases = catalog.releases;
    return this.#spansOfCode(code, catalog).map(
      ({ version, json, from, to }) =>
        new StoredRun(version, json, (releases[from] as ReleaseInfo).id, from, to),
    );
  }

  /** The code's record spans as positions in `catalog().releases`; spans covering none are left out. */
  #spansOfCode(
    code: string,
    catalog: ReleaseCatalog,
  ): { version: number; json: string; from: number; to: number }[] {
    const spans = this.#db
      .prepare(
        `SELECT s.first, s.last, s.version, v.record FROM record_spans s JOIN record_versions v ON v.id = s.version
         WHERE s.code = ? ORDER BY s.first`,
      )
      .all(code) as { first: number; last: number; version: number; record: string }[];
    if (spans.length === 0) return [];
    const held = heldOrdinals(catalog);
    const found: { version: number; json: string; from: number; to: number }[] = [];
    for (const span of spans) {
      // Span ends are ordinals of held releases (record_spans in schema.ts), found by bisection:
      // a code costs the same whatever the number of releases held.
      const from = firstAtOrAfter(held, span.first);
      const to = firstAtOrAfter(held, span.last + 1) - 1;
      if (from <= to) found.push({ version: span.version, json: span.record, from, to });
    }
    return found;
  }

  /**
   * Every cross-reference (record layout field 15, XREF) in any release: `source`'s record names
   * `target`. Distinct pairs, from the references kept beside the record versions.
   */
  crossReferences(): { source: string; target: string }[] {
    return this.#db
      .prepare(
        `SELECT DISTINCT r.target, v.code AS source FROM record_references r
           JOIN record_versions v ON v.id = r.version`,
      )
      .all() as { source: string; target: string }[];
  }

  /**
   * A processing note's text: from the release's own notes file, or else from the nearest release
   * that ships one (quarterly workbooks come without it; see nearest-release.ts). Says which.
   */
  processingNote(releaseKeyValue: string, number: string): { text: string; releaseKey: string } | undefined {
    const key = nearestWithRole(
      this.#releasesForRole(releaseKeyValue, 'processing-notes'),
      releaseKeyValue,
      'processing-notes',
    );
    if (!key) return undefined;
    const row = this.#db
      .prepare(
        'SELECT p.text FROM releases l JOIN processing_notes p ON p.notes = l.notes WHERE l.key = ? AND p.number = ?',
      )
      .get(key, number) as { text: string } | undefined;
    return row ? { text: row.text, releaseKey: key } : undefined;
  }

  /**
   * Just what nearestWithRole reads, in one query: the release asked about and every release with
   * files of `role` (a code view asks this on every request; `releases()` reads far more).
   */
  #releasesForRole(releaseKeyValue: string, role: string): ReleaseFiles[] {
    const rows = this.#db
      .prepare(
        `SELECT key, effective_date, revision,
                EXISTS (SELECT 1 FROM source_files f WHERE f.release_key = releases.key AND f.role = ?) AS has
         FROM releases WHERE key = ? OR has`,
      )
      .all(role, releaseKeyValue) as { key: string; effective_date: string; revision: number; has: number }[];
    return rows.map((r) => ({
      key: r.key,
      effectiveDate: r.effective_date,
      revision: r.revision,
      files: r.has ? [{ role }] : [],
    }));
  }

  /**
   * The Alpha-Numeric Index (`index`) or Table of Drugs (`drug-table`) terms the import read from a
   * release's PDFs, in the PDF's order.
   */
  referenceTerms(releaseKeyValue: string, source: ReferenceTermEntry['source']): ReferenceTermEntry[] {
    const rows = this.#db
      .prepare(
        'SELECT text, codes, ranges FROM reference_terms WHERE release_key = ? AND source = ? ORDER BY position',
      )
      .all(releaseKeyValue, source) as { text: string; codes: string; ranges: string }[];
    return rows.map((r) => ({
      source,
      text: r.text,
      codes: JSON.parse(r.codes) as string[],
      ranges: JSON.parse(r.ranges) as [string, string][],
    }));
  }

  /** The stored bytes of a release's source files with a role (transaction reports, PDFs ...). */
  sourceFileContents(
    releaseKeyValue: string,
    role: string,
  ): { path: string; name: string; sha256: string; content: Buffer }[] {
    return this.#db
      .prepare(
        `SELECT f.path, f.name, f.sha256, c.content FROM source_files f JOIN file_contents c ON c.sha256 = f.sha256
         WHERE f.release_key = ? AND f.role = ? AND f.stored ORDER BY f.rowid`,
      )
      .all(releaseKeyValue, role) as { path: string; name: string; sha256: string; content: Buffer }[];
  }
}
