/**
 * The store's tables. A record is kept whole as its record JSON (ARCHITECTURE.md), with the few
 * columns queries filter on beside it. Most records are the same from one quarter to the next, so
 * each distinct version of a record is kept once (`record_versions`) and each run of consecutive
 * held releases that hold one version is one row (`record_spans`): about 110 releases since 2001
 * cost little more than the records that actually changed, and an import writes only what changed.
 * Texts and files that releases repeat (the record layout file, the processing notes, the readme)
 * are kept once by content hash.
 */

/** Raised whenever a table changes; a database of another version is refused with a clear message. */
export const SCHEMA_VERSION = 6;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS releases (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  -- The release's place among all releases (see releaseOrdinal in record-spans.ts): YYYYMM * 1000
  -- + revision, so that a release imported out of date order takes its place without renumbering.
  ordinal INTEGER NOT NULL UNIQUE,
  effective_date TEXT NOT NULL,
  source_of_record TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  procedure_count INTEGER NOT NULL,
  modifier_count INTEGER NOT NULL,
  active_count INTEGER NOT NULL,
  terminated_count INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  note_count INTEGER NOT NULL,
  -- Hashes of texts in release_texts.
  readme TEXT REFERENCES release_texts(hash),
  record_layout TEXT REFERENCES release_texts(hash),
  preamble TEXT REFERENCES release_texts(hash),
  -- The codes in file order (one a line), only when the file's order is not the usual one
  -- (modifiers, then procedures, each by code): see records() in store.ts.
  record_order TEXT REFERENCES release_texts(hash),
  -- The processing notes set (processing_notes.notes) the release holds.
  notes TEXT,
  reconciliation TEXT,
  layout_differences TEXT NOT NULL DEFAULT '[]',
  layout_not_compared TEXT,
  UNIQUE (id, revision)
);
CREATE TABLE IF NOT EXISTS release_texts (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_files (
  release_key TEXT NOT NULL REFERENCES releases(key),
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  -- Whether the file's bytes are kept (in file_contents, by sha256).
  stored INTEGER NOT NULL,
  PRIMARY KEY (release_key, path)
);
CREATE TABLE IF NOT EXISTS file_contents (
  sha256 TEXT PRIMARY KEY,
  content BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS record_versions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS record_versions_by_code ON record_versions (code);
-- The codes a record version names in its cross-reference field (layout field 15, XREF): which
-- codes replace which, read without parsing every stored record.
CREATE TABLE IF NOT EXISTS record_references (
  version INTEGER NOT NULL REFERENCES record_versions(id),
  target TEXT NOT NULL,
  PRIMARY KEY (version, target)
) WITHOUT ROWID;
-- Code \`code\` is record version \`version\` in every held release whose ordinal lies in
-- [first, last]; first and last are always ordinals of held releases, and a code's spans never
-- overlap. Keyed by code first: a code's history is one range of the table; a release's records
-- are the spans around its ordinal, found through the index by last.
CREATE TABLE IF NOT EXISTS record_spans (
  code TEXT NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  version INTEGER NOT NULL REFERENCES record_versions(id),
  PRIMARY KEY (code, first)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_spans_by_last ON record_spans (last, first, version);
-- The lay terms of the CMS Alpha-Numeric Index and Table of Drugs PDFs (read at import: search
-- never reads a PDF). codes: JSON array; ranges: JSON array of [first, last] as printed.
CREATE TABLE IF NOT EXISTS reference_terms (
  release_key TEXT NOT NULL REFERENCES releases(key),
  source TEXT NOT NULL,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  codes TEXT NOT NULL,
  ranges TEXT NOT NULL,
  PRIMARY KEY (release_key, source, position)
) WITHOUT ROWID;
-- A corrections list file as ingest/corrections.ts read it at import (its CorrectionsList as JSON),
-- by the file's sha256: a process that needs the corrections reads this rather than parsing the
-- workbook again (some 60 ms and 9 MiB in a one-shot CLI call). \`reader\` is the reader's version
-- (CORRECTIONS_READER); a row of another version, or none, sends the reader back to the file.
-- Added without raising SCHEMA_VERSION: a database without it is read from the files, as before.
CREATE TABLE IF NOT EXISTS corrections_read (
  sha256 TEXT PRIMARY KEY,
  reader INTEGER NOT NULL,
  list TEXT NOT NULL
);
-- A set of processing notes, named by the hash of its content: releases that ship the same notes
-- file share one set.
CREATE TABLE IF NOT EXISTS processing_notes (
  notes TEXT NOT NULL,
  number TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (notes, number)
);
`;
