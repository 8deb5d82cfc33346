/**
 * The export as PostgreSQL: a script `psql -f` loads in one transaction, or a direct load through
 * the `pg` client with COPY streams (pg-copy-streams: COPY FROM STDIN is PostgreSQL's bulk path,
 * and the same COPY text serves both). Everything lives in schema `hcpcs`; a load replaces its rows
 * in one transaction, so loading a newer export updates the database in place and readers see the
 * old rows until it commits.
 */
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HcpcsError } from '../errors.js';
import {
  type CellValue,
  type ColumnType,
  EXPORT_SCHEMA_VERSION,
  EXPORT_TABLES,
  type ExportTable,
  type TableSpec,
} from './dataset.js';

export const PG_SCHEMA = 'hcpcs';

const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  'text[]': 'text[]',
  date: 'date',
  integer: 'integer',
  // Unconstrained numeric keeps each amount exactly as CMS writes it (33.122, 0.00).
  decimal: 'numeric',
  boolean: 'boolean',
  timestamp: 'timestamptz',
};

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function createTable(table: TableSpec): string {
  const columns = table.columns.map((c) => `  ${c.name} ${PG_TYPES[c.type]}${c.nullable ? '' : ' NOT NULL'}`);
  // Text search over both descriptions (PostgreSQL "Indexing for full text search": a stored
  // generated tsvector with a GIN index).
  if (table.name === 'codes') {
    columns.push(
      "  search tsvector GENERATED ALWAYS AS (to_tsvector('english', long_description || ' ' || coalesce(short_description, ''))) STORED",
    );
  }
  const comments = [
    `COMMENT ON TABLE ${PG_SCHEMA}.${table.name} IS ${literal(table.description)};`,
    ...table.columns.map(
      (c) => `COMMENT ON COLUMN ${PG_SCHEMA}.${table.name}.${c.name} IS ${literal(c.description)};`,
    ),
  ];
  return [
    `CREATE TABLE IF NOT EXISTS ${PG_SCHEMA}.${table.name} (\n${columns.join(',\n')},\n  PRIMARY KEY (${table.primaryKey.join(', ')})\n);`,
    ...comments,
  ].join('\n');
}

/**
 * The statements before the data: schema, tables, indexes, a check that the database holds no
 * export of another table layout, a lock that makes two loads wait for each other, and the
 * deletion of the rows the load replaces. Runs inside the load's transaction.
 */
export function postgresPreamble(): string {
  return `SET LOCAL client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA};
CREATE TABLE IF NOT EXISTS ${PG_SCHEMA}.export_info (
  schema_version integer NOT NULL,
  exported_at timestamptz NOT NULL,
  latest_release text
);
DO $$
DECLARE held integer;
BEGIN
  SELECT schema_version INTO held FROM ${PG_SCHEMA}.export_info LIMIT 1;
  IF held IS NOT NULL AND held <> ${EXPORT_SCHEMA_VERSION} THEN
    RAISE EXCEPTION 'schema ${PG_SCHEMA} holds an hcpcs export of table layout %, this export writes layout ${EXPORT_SCHEMA_VERSION}: DROP SCHEMA ${PG_SCHEMA} CASCADE, then load again', held;
  END IF;
END $$;
LOCK TABLE ${PG_SCHEMA}.export_info IN EXCLUSIVE MODE;
${EXPORT_TABLES.map(createTable).join('\n')}
CREATE INDEX IF NOT EXISTS codes_code ON ${PG_SCHEMA}.codes (code, first_seq, last_seq);
CREATE INDEX IF NOT EXISTS codes_search ON ${PG_SCHEMA}.codes USING gin (search);
CREATE INDEX IF NOT EXISTS validity_on_date ON ${PG_SCHEMA}.validity (code, valid_from, valid_to);
CREATE INDEX IF NOT EXISTS asp_limits_on_date ON ${PG_SCHEMA}.asp_limits (code, effective_from, effective_to);
CREATE INDEX IF NOT EXISTS dmepos_fees_on_date ON ${PG_SCHEMA}.dmepos_fees (code, state, effective_from, effective_to);
DELETE FROM ${PG_SCHEMA}.export_info;
${EXPORT_TABLES.map((t) => `DELETE FROM ${PG_SCHEMA}.${t.name};`).join('\n')}
`;
}

/** The statement after the data: what was loaded, and when. */
export function postgresEpilogue(latestRelease: string | undefined): string {
  return `INSERT INTO ${PG_SCHEMA}.export_info VALUES (${EXPORT_SCHEMA_VERSION}, now(), ${latestRelease ? literal(latestRelease) : 'NULL'});
ANALYZE ${EXPORT_TABLES.map((t) => `${PG_SCHEMA}.${t.name}`).join(', ')};
`;
}

/** The COPY statement of a table, columns named (the generated tsvector is left to the server). */
export function copyStatement(table: TableSpec): string {
  return `COPY ${PG_SCHEMA}.${table.name} (${table.columns.map((c) => c.name).join(', ')}) FROM STDIN`;
}

/** COPY text format escapes (PostgreSQL docs, COPY "Text Format"). */
function copyEscape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** An array literal element, double-quoted (PostgreSQL docs, "Array Value Input"). */
function arrayElement(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function copyCell(value: CellValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return copyEscape(value);
  return copyEscape(`{${value.map(arrayElement).join(',')}}`);
}

/** A table's rows as COPY text, in chunks of about 64 KiB. */
export function* copyRows(table: ExportTable): Generator<string> {
  let chunk = '';
  for (const row of table.rows) {
    chunk += `${row.map(copyCell).join('\t')}\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The whole export as one psql script (`psql -v ON_ERROR_STOP=1 -f FILE`; the script sets it too). */
export function* postgresScript(
  tables: readonly ExportTable[],
  latestRelease: string | undefined,
): Generator<string> {
  yield `-- HCPCS Level II history exported by hcpcs (table layout ${EXPORT_SCHEMA_VERSION}). Load: psql -f FILE postgres://...
-- One transaction: it lands whole or not at all, and replaces an earlier load in place.
\\set ON_ERROR_STOP on
-- The data is UTF-8 whatever the database's encoding (the server converts it).
SET client_encoding = 'UTF8';
BEGIN;
${postgresPreamble()}`;
  for (const table of tables) {
    yield `${copyStatement(table)};\n`;
    yield* copyRows(table);
    yield '\\.\n';
  }
  yield `${postgresEpilogue(latestRelease)}COMMIT;\n`;
}

/** Where a connection URL points, without its password, for messages. */
function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the given URL';
  }
}

function loadError(url: string, error: unknown): HcpcsError {
  const target = describeTarget(url);
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (
    e.code === 'ECONNREFUSED' ||
    e.code === 'ENOTFOUND' ||
    e.code === 'ETIMEDOUT' ||
    e.code === 'EHOSTUNREACH'
  )
    return new HcpcsError(
      'HCPCS_E_INPUT',
      `--to: cannot connect to PostgreSQL at ${target} (${e.code}): is the server running and the URL right? Nothing was loaded`,
    );
  // SQLSTATE class 28: invalid authorization; 42501: insufficient privilege; 3D000: no such database.
  if (e.code?.startsWith('28'))
    return new HcpcsError(
      'HCPCS_E_INPUT',
      `--to: PostgreSQL at ${target} refused the login: ${message}. Nothing was loaded`,
    );
  if (e.code === '42501')
    return new HcpcsError(
      'HCPCS_E_INPUT',
      `--to: the PostgreSQL user lacks rights at ${target}: ${message} (it needs CREATE on the database, or to own schema ${PG_SCHEMA}). Nothing was loaded: the transaction was rolled back`,
    );
  return new HcpcsError(
    'HCPCS_E_INPUT',
    `--to: loading into PostgreSQL at ${target} failed: ${message}${e.code ? ` (SQLSTATE ${e.code})` : ''}. Nothing was loaded: the transaction was rolled back`,
  );
}

/**
 * Loads the export into the database at `url` in one transaction (COPY FROM STDIN per table).
 * On any error the transaction is rolled back and the error names the target and the cause.
 */
export async function loadIntoPostgres(
  url: string,
  tables: readonly ExportTable[],
  latestRelease: string | undefined,
): Promise<void> {
  // Imported when used: only `export --to` needs the PostgreSQL client.
  const { default: pg } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {
    // A connection lost mid-load surfaces as the failed query; the event would otherwise crash.
  });
  try {
    await client.connect();
  } catch (error) {
    throw loadError(url, error);
  }
  try {
    await client.query('BEGIN');
    await client.query(postgresPreamble());
    for (const table of tables) {
      const stream = client.query(copyFrom(copyStatement(table))) as Writable;
      await pipeline(copyRows(table), stream);
    }
    await client.query(postgresEpilogue(latestRelease));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw loadError(url, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
