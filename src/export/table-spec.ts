/**
 * How an exported table is described once for every engine (PostgreSQL, DuckDB, Parquet): names,
 * typed columns with their descriptions, keys. The writers only spell the types in their dialect.
 */

/**
 * Column types every target engine has: text, lists of text, dates, integers, exact decimals
 * (amounts: PostgreSQL numeric, DuckDB and Parquet DECIMAL), booleans, instants.
 */
export type ColumnType = 'text' | 'text[]' | 'date' | 'integer' | 'decimal' | 'boolean' | 'timestamp';

/** A cell; a `decimal` cell is the exact decimal text ("33.122"), never a binary float. */
export type CellValue = string | number | boolean | readonly string[] | null;

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly description: string;
}

export interface TableSpec {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey: readonly string[];
}

export interface ExportTable extends TableSpec {
  /** Rows in column order. */
  readonly rows: readonly (readonly CellValue[])[];
}

/**
 * Raised whenever a table or column changes: a database loaded from another version refuses the
 * load. 2: the payment tables (payment_quarters, asp_limits, dmepos_fees). 3: corrections.
 * 4: corrections_lists.
 */
export const EXPORT_SCHEMA_VERSION = 4;

export const col = (name: string, type: ColumnType, nullable: boolean, description: string): ColumnSpec => ({
  name,
  type,
  nullable,
  description,
});
