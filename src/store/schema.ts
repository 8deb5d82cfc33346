/**
 * The store's tables. A record is kept whole as its record JSON (ARCHITECTURE.md), with the few
 * columns queries filter on beside it. Most records are the same from one quarter to the next, so
 * each distinct version of a record is kept once (`record_versions`) and a release lists the
 * versions it holds (`release_records`): about 110 releases since 2001 cost little more than the
 * records that actually changed.
 */

/** Raised whenever a table changes; a database of another version is refused with a clear message. */
export const SCHEMA_VERSION = 5;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS releases (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  revision INTEGER NOT NULL,
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
  readme TEXT,
  record_layout TEXT,
  preamble TEXT,
  reconciliation TEXT,
  layout_differences TEXT NOT NULL DEFAULT '[]',
  UNIQUE (id, revision)
);
CREATE TABLE IF NOT EXISTS source_files (
  release_key TEXT NOT NULL REFERENCES releases(key),
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB,
  PRIMARY KEY (release_key, path)
);
CREATE TABLE IF NOT EXISTS record_versions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  termination_date TEXT,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS record_versions_by_code ON record_versions (code);
-- A small number per release: release_records names its release by it (a few bytes, where the
-- key text would be repeated in each of ~9,000 rows and their index, every release).
CREATE TABLE IF NOT EXISTS release_numbers (
  number INTEGER PRIMARY KEY,
  release_key TEXT NOT NULL UNIQUE REFERENCES releases(key)
);
-- Keyed by code first: a code's history is one range of the table; a release's records in file
-- order are one range of the index.
CREATE TABLE IF NOT EXISTS release_records (
  code TEXT NOT NULL,
  release INTEGER NOT NULL REFERENCES release_numbers(number),
  position INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (code, release)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS release_records_in_order ON release_records (release, position);
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
CREATE TABLE IF NOT EXISTS processing_notes (
  release_key TEXT NOT NULL REFERENCES releases(key),
  number TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (release_key, number)
);
`;
