/**
 * The export as a DuckDB database file or as Parquet files, both written by DuckDB itself
 * (@duckdb/node-api, prebuilt binaries from the npm registry): rows go in through its JSON reader
 * with the column types given, and `COPY ... TO (FORMAT parquet)` writes Parquet with DuckDB's own writer (typed
 * columns, DATE logical type for dates, lists for repeated fields, zstd compression), so no second
 * Parquet library has to agree with DuckDB on types. Tables live in schema `hcpcs`, as in
 * PostgreSQL, so the README's queries run unchanged on both.
 */
import { createWriteStream, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType, ExportTable } from './dataset.js';

export const DUCKDB_SCHEMA = 'hcpcs';

const DUCK_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  'text[]': 'VARCHAR[]',
  date: 'DATE',
  integer: 'INTEGER',
  // CMS writes amounts with at most three decimals (ASP limits: 33.122; fees: 178.89).
  decimal: 'DECIMAL(18,3)',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
};

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The rows as JSON objects, one a line, in chunks of about 64 KiB: each object spelled from its
 * quoted keys and values (no object built per row, and one stream write per chunk, not per row:
 * the DMEPOS fees are 190,000 rows).
 */
function* ndjsonChunks(names: readonly string[], rows: ExportTable['rows']): Generator<string> {
  const keys = names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`);
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < keys.length; i++) line += keys[i] + JSON.stringify(row[i] ?? null);
    chunk += `${line}}\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Creates and fills the tables in `catalog` (names fully qualified: a file called hcpcs.duckdb is
 * a catalog named hcpcs, which `hcpcs.codes` alone would make ambiguous). Rows reach DuckDB as
 * newline-delimited JSON read by its own JSON reader with the column types given: one native bulk
 * read instead of a call into the binding per value (its appender took seconds for 12,000 rows).
 */
async function createTables(
  connection: DuckDBConnection,
  catalog: string,
  tables: readonly ExportTable[],
): Promise<void> {
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${catalog}.${DUCKDB_SCHEMA}`);
  const staging = mkdtempSync(join(tmpdir(), 'hcpcs-duckdb-'));
  try {
    for (const table of tables) {
      const columns = table.columns.map(
        (c) => `${c.name} ${DUCK_TYPES[c.type]}${c.nullable ? '' : ' NOT NULL'}`,
      );
      await connection.run(
        `CREATE TABLE ${catalog}.${DUCKDB_SCHEMA}.${table.name} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey.join(', ')}))`,
      );
      const file = join(staging, `${table.name}.ndjson`);
      const names = table.columns.map((c) => c.name);
      await pipeline(Readable.from(ndjsonChunks(names, table.rows)), createWriteStream(file));
      const types = table.columns.map((c) => `${sqlString(c.name)}: ${sqlString(DUCK_TYPES[c.type])}`);
      await connection.run(
        `INSERT INTO ${catalog}.${DUCKDB_SCHEMA}.${table.name} SELECT ${names.join(', ')}
         FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${types.join(', ')}})`,
      );
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A path beside `target` to write to first: a failed export leaves the old file or folder whole. */
function temporaryBeside(target: string): string {
  return join(dirname(target), `.${target.split(/[/\\]/).at(-1)}.tmp-${process.pid}`);
}

/**
 * Writes the tables into a new DuckDB database file at `path` (replacing one that is there only
 * once the new one is complete).
 */
export async function writeDuckDbFile(path: string, tables: readonly ExportTable[]): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const temporary = temporaryBeside(path);
  rmSync(temporary, { force: true });
  rmSync(`${temporary}.wal`, { force: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH ${sqlString(temporary)} AS export_target`);
    await createTables(connection, 'export_target', tables);
    await connection.run('DETACH export_target');
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
    throw error;
  }
  connection.closeSync();
  instance.closeSync();
  renameSync(temporary, path);
}

/**
 * Writes one Parquet file per table (`releases.parquet`, `codes.parquet` ...) into `dir`, created
 * when missing; each file replaces an older one only once every file is written.
 */
export async function writeParquetDir(dir: string, tables: readonly ExportTable[]): Promise<string[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const written: string[] = [];
  try {
    await createTables(connection, 'memory', tables);
    for (const table of tables) {
      const temporary = temporaryBeside(join(dir, `${table.name}.parquet`));
      written.push(temporary);
      await connection.run(
        `COPY memory.${DUCKDB_SCHEMA}.${table.name} TO ${sqlString(temporary)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    throw error;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return tables.map((table, i) => {
    const target = join(dir, `${table.name}.parquet`);
    renameSync(written[i] as string, target);
    return target;
  });
}
