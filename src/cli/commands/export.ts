/**
 * `hcpcs export`: one release as NDJSON (record JSON) or CSV (lists joined with `|`); or the whole
 * history for analysts' engines (src/export): a PostgreSQL script or direct load, Parquet files, a
 * DuckDB database, FHIR CodeSystems as NDJSON or a collection Bundle.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { csvCell } from '../../history/csv.js';
import { RECORD_FIELDS } from '../../layout/index.js';
import type { HcpcsRecord } from '../../model.js';
import { usageError, withStore } from '../context.js';

const CSV_COLUMNS = [
  'code',
  'kind',
  'release',
  ...RECORD_FIELDS.filter((f) => f.key !== 'code').map((f) => f.key),
  'warnings',
];

/** One CSV line of a record (RFC 4180 quoting). */
export function csvLine(record: HcpcsRecord): string {
  return CSV_COLUMNS.map((column) =>
    column === 'warnings'
      ? csvCell(record.warnings.map((w) => `${w.field}: ${w.problem} (${w.value})`))
      : csvCell(record[column as keyof HcpcsRecord]),
  ).join(',');
}

export type ExportFormat = 'ndjson' | 'csv' | 'postgres' | 'parquet' | 'duckdb' | 'fhir' | 'fhir-bundle';

export async function exportCommand(options: {
  release?: string;
  format: ExportFormat;
  out?: string;
  to?: string;
}): Promise<void> {
  if (options.format !== 'ndjson' && options.format !== 'csv') {
    const { historyExport } = await import('./export-history.js');
    await historyExport({ ...options, format: options.format });
    return;
  }
  if (options.to) throw usageError('--to loads a database: use it with --format postgres');
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text)) resolve();
      else out.once('drain', resolve).once('error', reject);
    });
  await withStore(async (store) => {
    const key = store.resolveRelease(options.release) as string;
    if (options.format === 'csv') await write(`${CSV_COLUMNS.join(',')}\n`);
    let chunk = '';
    for (const record of store.records(key)) {
      chunk += options.format === 'csv' ? `${csvLine(record)}\n` : `${JSON.stringify(record)}\n`;
      if (chunk.length > 64 * 1024) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
  });
  if (options.out)
    await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject));
}
