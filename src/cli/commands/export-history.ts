/**
 * `hcpcs export --format postgres|parquet|duckdb|fhir|fhir-bundle`: every imported release, for
 * the engines analysts run (src/export). Files are written beside their target and renamed into
 * place, so a failed export never leaves half a file; `--to` loads in one transaction.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportDataset } from '../../export/dataset.js';
import { defaultCacheDir } from '../../export/dataset-cache.js';
import { writeDuckDbFile, writeParquetDir } from '../../export/duckdb.js';
import { fhirBundle, fhirNdjson, publishedValueSets } from '../../export/fhir.js';
import { loadIntoPostgres, postgresScript } from '../../export/postgres.js';
import { usageError, withStore } from '../context.js';

export interface HistoryExportOptions {
  readonly format: 'postgres' | 'parquet' | 'duckdb' | 'fhir' | 'fhir-bundle';
  readonly out?: string | undefined;
  readonly to?: string | undefined;
  readonly release?: string | undefined;
}

/** Writes text chunks to `out` (a file, renamed into place when complete) or standard output. */
async function writeText(chunks: Iterable<string>, out: string | undefined): Promise<void> {
  if (!out) {
    await pipeline(Readable.from(chunks), process.stdout, { end: false });
    return;
  }
  const temporary = join(dirname(out), `.${out.split(/[/\\]/).at(-1)}.tmp-${process.pid}`);
  try {
    await pipeline(Readable.from(chunks), createWriteStream(temporary));
    renameSync(temporary, out);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export async function historyExport(options: HistoryExportOptions): Promise<void> {
  const { format, out, to } = options;
  if (options.release)
    throw usageError(`--release: --format ${format} exports every imported release; leave --release out`);
  if (to && format !== 'postgres') throw usageError('--to loads a database: use it with --format postgres');
  if (to && out) throw usageError('--to and --out: give one (load the database, or write the script)');
  if (to && !/^postgres(ql)?:\/\//.test(to))
    throw usageError(`--to "${to}" is not a PostgreSQL URL: use postgres://user@host:port/database`);
  if ((format === 'parquet' || format === 'duckdb') && !out)
    throw usageError(
      `--format ${format} needs --out (${format === 'parquet' ? 'a folder for the .parquet files' : 'the .duckdb file to write'})`,
    );
  await withStore(async (store) => {
    if (format === 'fhir' || format === 'fhir-bundle') {
      const releases = store.releases();
      await writeText((format === 'fhir' ? fhirNdjson : fhirBundle)(store, releases), out);
      if (out)
        process.stdout.write(
          `wrote ${releases.length} CodeSystems and ${publishedValueSets(store).length} ValueSets to ${out}\n`,
        );
      return;
    }
    const { releases, tables } = exportDataset(store, { cacheDir: defaultCacheDir() });
    const counts = tables.map((t) => `${t.name} ${t.rows.length}`).join(', ');
    const latest = releases.at(-1)?.key;
    if (format === 'postgres' && to) {
      await loadIntoPostgres(to, tables, latest);
      process.stdout.write(`loaded into PostgreSQL (schema hcpcs): ${counts}\n`);
    } else if (format === 'postgres') {
      await writeText(postgresScript(tables, latest), out);
      if (out) process.stdout.write(`wrote ${out} (load: psql -f ${out} <database>): ${counts}\n`);
    } else if (format === 'duckdb') {
      await writeDuckDbFile(out as string, tables);
      process.stdout.write(`wrote ${out} (schema hcpcs): ${counts}\n`);
    } else {
      const files = await writeParquetDir(out as string, tables);
      process.stdout.write(`wrote ${files.length} Parquet files to ${out}: ${counts}\n`);
    }
  });
}
