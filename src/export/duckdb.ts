/**
 * The export as a DuckDB database file or as Parquet files, both written by DuckDB itself
 * (@duckdb/node-api, prebuilt binaries from the npm registry): rows go in through its appender with
 * typed values, and `COPY ... TO (FORMAT parquet)` writes Parquet with DuckDB's own writer (typed
 * columns, DATE logical type for dates, lists for repeated fields, zstd compression), so no second
 * Parquet library has to agree with DuckDB on types. Tables live in schema `hcpcs`, as in
 * PostgreSQL, so the README's queries run unchanged on both.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { CellValue, ColumnType, ExportTable } from './dataset.js';

export const DUCKDB_SCHEMA = 'hcpcs';

const DUCK_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  'text[]': 'VARCHAR[]',
  date: 'DATE',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
};

const DAY_MS = 86_400_000;

/**
 * Creates and fills the tables in `catalog` (names fully qualified: a file called hcpcs.duckdb is
 * a catalog named hcpcs, which `hcpcs.codes` alone would make ambiguous).
 */
async function createTables(
  connection: DuckDBConnection,
  catalog: string,
  tables: readonly ExportTable[],
): Promise<void> {
  const api = await import('@duckdb/node-api');
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${catalog}.${DUCKDB_SCHEMA}`);
  for (const table of tables) {
    const columns = table.columns.map(
      (c) => `${c.name} ${DUCK_TYPES[c.type]}${c.nullable ? '' : ' NOT NULL'}`,
    );
    await connection.run(
      `CREATE TABLE ${catalog}.${DUCKDB_SCHEMA}.${table.name} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey.join(', ')}))`,
    );
    const value = (type: ColumnType, cell: CellValue): DuckDBValue => {
      if (cell === null) return null;
      if (type === 'date') return api.dateValue(Date.parse(`${cell}T00:00:00Z`) / DAY_MS);
      if (type === 'timestamp') return api.timestampTZValue(BigInt(Date.parse(String(cell))) * 1000n);
      if (type === 'text[]') return api.listValue([...(cell as readonly string[])]);
      return cell as DuckDBValue;
    };
    const appender = await connection.createAppender(table.name, DUCKDB_SCHEMA, catalog);
    const types = table.columns.map((c) => c.type);
    const duckTypes = table.columns.map((c) =>
      c.type === 'text[]' ? api.LIST(api.VARCHAR) : c.type === 'date' ? api.DATE : undefined,
    );
    for (const row of table.rows) {
      row.forEach((cell, i) => {
        appender.appendValue(value(types[i] as ColumnType, cell), duckTypes[i]);
      });
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
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
    await connection.run(`ATTACH '${temporary.replace(/'/g, "''")}' AS export_target`);
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
        `COPY memory.${DUCKDB_SCHEMA}.${table.name} TO '${temporary.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`,
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
