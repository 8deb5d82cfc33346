/**
 * The record spans of schema.ts: which stored record version each code is in each held release,
 * as runs of consecutive held releases. Releases are placed by their ordinal (date, then revision),
 * so one imported out of date order (2013 after 2026, a `_v2` of a quarter held, a replaced one)
 * splits the runs it falls into, and a removed one narrows or joins the runs around it: the other
 * releases' answers never change.
 */
import { HcpcsError } from '../errors.js';
import type { HcpcsRecord } from '../model.js';
import type { SqlDatabase } from './database.js';

/** Revisions a quarter can have: the ordinal gives each quarter room for this many. */
const REVISIONS_PER_QUARTER = 1000;

/**
 * A release's place among all releases, in the order of its id (YYYY-MM), then revision:
 * `2025-10` revision 4 is 202510004. Gaps between ordinals leave room for any release imported
 * later, so no stored span is ever renumbered.
 * @example releaseOrdinal('2025-10', 4) // 202510004
 */
export function releaseOrdinal(id: string, revision: number): number {
  if (!Number.isInteger(revision) || revision < 1 || revision >= REVISIONS_PER_QUARTER) {
    throw new HcpcsError(
      'HCPCS_E_USAGE',
      `release ${id} revision ${revision} is not a whole number from 1 to ${REVISIONS_PER_QUARTER - 1}`,
    );
  }
  return Number(id.replace('-', '')) * REVISIONS_PER_QUARTER + revision;
}

/**
 * The JSON a record version is stored as. The record's `release` (its release id, the one field
 * every quarter changes) is kept as '' and filled in on reading, so that an unchanged record is
 * one version across releases.
 */
export function storedRecordJson(record: HcpcsRecord, releaseId: string): string {
  return JSON.stringify(record.release === releaseId ? { ...record, release: '' } : record);
}

interface Span {
  readonly code: string;
  readonly first: number;
  readonly last: number;
  readonly version: number;
  readonly record: string;
}

/** The spans around a release's place: the one holding it inside, or those ending and starting beside it. */
interface Around {
  containing?: Span;
  before?: Span;
  after?: Span;
}

/**
 * The `last` of a span that runs through the latest held release, whatever releases are appended
 * after it: appending a release leaves the span of every unchanged record as it is, so an import
 * writes only what changed.
 */
export const OPEN_END = Number.MAX_SAFE_INTEGER;

/** The held ordinals next to `ordinal` (itself excluded). */
function neighbours(db: SqlDatabase, ordinal: number): { prev: number | null; next: number | null } {
  return db
    .prepare(
      `SELECT (SELECT MAX(ordinal) FROM releases WHERE ordinal < @ordinal) AS prev,
              (SELECT MIN(ordinal) FROM releases WHERE ordinal > @ordinal) AS next`,
    )
    .get({ ordinal }) as { prev: number | null; next: number | null };
}

/**
 * Places a release's records at `ordinal` (a release not yet held there: new, or just removed by
 * {@link removeSpans}): a record equal to its neighbour's version extends that span, a changed one
 * starts a span, and a span running across the place is split where the release differs.
 */
export function placeRecords(
  db: SqlDatabase,
  ordinal: number,
  releaseId: string,
  records: readonly HcpcsRecord[],
): void {
  const { prev, next } = neighbours(db, ordinal);
  // The end of a span that reaches the release's place: the next held release, or open.
  const end = next ?? OPEN_END;
  // Spans that hold prev or next (or run open past prev): as first and last are held ordinals (or
  // open) and nothing is held between prev and next but this release, the spans that meet
  // [prev, next].
  const rows = db
    .prepare(
      `SELECT s.code, s.first, s.last, s.version, v.record FROM record_spans s
         JOIN record_versions v ON v.id = s.version
       WHERE s.last >= ? AND s.first <= ?`,
    )
    .all(prev ?? ordinal, next ?? ordinal) as Span[];
  const around = new Map<string, Around>();
  for (const span of rows) {
    const entry = around.get(span.code) ?? {};
    if (prev !== null && span.first <= prev && span.last >= end) entry.containing = span;
    else if (span.last === prev) entry.before = span;
    else entry.after = span;
    around.set(span.code, entry);
  }
  const insert = db.prepare('INSERT INTO record_spans (code, first, last, version) VALUES (?, ?, ?, ?)');
  const setLast = db.prepare('UPDATE record_spans SET last = ? WHERE code = ? AND first = ?');
  const setFirst = db.prepare('UPDATE record_spans SET first = ? WHERE code = ? AND first = ?');
  const remove = db.prepare('DELETE FROM record_spans WHERE code = ? AND first = ?');
  /** Cuts a span running across this release into the parts before and after it (if any). */
  const split = (span: Span) => {
    setLast.run(prev, span.code, span.first);
    if (next !== null) insert.run(span.code, next, span.last, span.version);
  };
  const placed = new Set<string>();
  for (const record of records) {
    const json = storedRecordJson(record, releaseId);
    const { containing, before, after } = around.get(record.code) ?? {};
    placed.add(record.code);
    if (containing?.record === json) continue;
    const version =
      before?.record === json
        ? before.version
        : after?.record === json
          ? after.version
          : versionOf(db, record, json);
    if (containing) {
      split(containing);
      insert.run(record.code, ordinal, next === null ? OPEN_END : ordinal, version);
      continue;
    }
    const left = before?.version === version ? before : undefined;
    const right = after?.version === version ? after : undefined;
    if (left && right) {
      remove.run(record.code, right.first);
      setLast.run(right.last, record.code, left.first);
    } else if (left) setLast.run(next === null ? OPEN_END : ordinal, record.code, left.first);
    else if (right) setFirst.run(ordinal, record.code, right.first);
    else insert.run(record.code, ordinal, next === null ? OPEN_END : ordinal, version);
  }
  for (const [code, { containing }] of around) {
    if (containing && !placed.has(code)) split(containing);
  }
}

/**
 * The id of the stored version equal to this record, stored now when no release holds it yet (a
 * version can come back: a revision that undoes a change, a release imported between two others).
 */
function versionOf(db: SqlDatabase, record: HcpcsRecord, json: string): number {
  const found = db
    .prepare('SELECT id FROM record_versions WHERE code = ? AND record = ?')
    .get(record.code, json) as { id: number } | undefined;
  if (found) return found.id;
  const { id } = db
    .prepare('INSERT INTO record_versions (code, kind, record) VALUES (?, ?, ?) RETURNING id')
    .get(record.code, record.kind, json) as { id: number };
  const reference = db.prepare('INSERT OR IGNORE INTO record_references (version, target) VALUES (?, ?)');
  for (const target of record.crossReferences) reference.run(id, target);
  return id;
}

/**
 * Takes the release at `ordinal` out of the spans (before its row in `releases` is deleted): a span
 * of it alone goes, a span starting or ending at it starts or ends at the held release next to it,
 * and two spans of one version that it alone kept apart become one. Versions no span holds any
 * more are deleted.
 */
export function removeSpans(db: SqlDatabase, ordinal: number): void {
  const { prev, next } = neighbours(db, ordinal);
  const touching = db
    .prepare(
      `SELECT DISTINCT version FROM record_spans
       WHERE last >= @ordinal AND first <= @ordinal AND (first = @ordinal OR last = @ordinal)`,
    )
    .all({ ordinal }) as { version: number }[];
  db.prepare('DELETE FROM record_spans WHERE last = @ordinal AND first = @ordinal').run({ ordinal });
  if (next === null) {
    // The latest release: a span starting at it held it alone; one ending at it now ends at the
    // latest release left, so it runs open.
    db.prepare('DELETE FROM record_spans WHERE last >= @ordinal AND first = @ordinal').run({ ordinal });
    db.prepare('UPDATE record_spans SET last = @open WHERE last = @ordinal').run({ open: OPEN_END, ordinal });
  } else {
    db.prepare('UPDATE record_spans SET first = @next WHERE last > @ordinal AND first = @ordinal').run({
      next,
      ordinal,
    });
    db.prepare('UPDATE record_spans SET last = @prev WHERE last = @ordinal').run({ prev, ordinal });
  }
  if (prev !== null && next !== null) {
    const joined = db
      .prepare(
        `SELECT a.code, a.first, b.last FROM record_spans a JOIN record_spans b
           ON b.code = a.code AND b.first = @next AND b.version = a.version
         WHERE a.last = @prev`,
      )
      .all({ prev, next }) as { code: string; first: number; last: number }[];
    const remove = db.prepare('DELETE FROM record_spans WHERE code = ? AND first = ?');
    const setLast = db.prepare('UPDATE record_spans SET last = ? WHERE code = ? AND first = ?');
    for (const span of joined) {
      remove.run(span.code, next);
      setLast.run(span.last, span.code, span.first);
    }
  }
  if (touching.length === 0) return;
  const unused = JSON.stringify(
    (
      db
        .prepare(
          `SELECT id FROM record_versions v WHERE id IN (SELECT value FROM json_each(?))
             AND NOT EXISTS (SELECT 1 FROM record_spans s WHERE s.code = v.code AND s.version = v.id)`,
        )
        .all(JSON.stringify(touching.map((t) => t.version))) as { id: number }[]
    ).map((v) => v.id),
  );
  db.prepare('DELETE FROM record_references WHERE version IN (SELECT value FROM json_each(?))').run(unused);
  db.prepare('DELETE FROM record_versions WHERE id IN (SELECT value FROM json_each(?))').run(unused);
}
