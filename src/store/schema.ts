/**
 * The store's tables. A record is kept whole as its record JSON (ARCHITECTURE.md), with the few
 * columns queries filter on beside it.
 */

/** Raised whenever a table changes; a database of another version is refused with a clear message. */
export const SCHEMA_VERSION = 3;

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
CREATE TABLE IF NOT EXISTS records (
  release_key TEXT NOT NULL REFERENCES releases(key),
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  termination_date TEXT,
  record TEXT NOT NULL,
  PRIMARY KEY (release_key, code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_code ON records (code);
CREATE TABLE IF NOT EXISTS processing_notes (
  release_key TEXT NOT NULL REFERENCES releases(key),
  number TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (release_key, number)
);
`;
