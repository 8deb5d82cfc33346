/**
 * `npm run bench:export`: the analysts' exports as the history grows (every sample release of
 * ../shared/cms and ../shared/cms-more imported one by one, then CMS's January 2025 payment files;
 * after each step, the time and size of every format, beside reading every record of the store
 * once, the floor any export pays). The code version tables are timed twice in the same run: built
 * (what every `hcpcs export` run paid before the cache) and read from the cache a later run finds
 * (src/export/dataset-cache.ts); a whole export run is either plus the writing. Then the README's
 * "valid on the date of service" query over 100,000 claim lines in PostgreSQL (a throwaway
 * cluster) and in DuckDB over the Parquet files, beside `hcpcs check`'s batch (checkBatch) on the
 * same lines. Whole `hcpcs export` processes (the compiled CLI: the script builds it first) are
 * timed with an empty cache and with the cache of an earlier run. Medians of BENCH_RUNS runs (default 3); each engine's count of lines not valid is
 * printed to show they agree.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportDataset } from '../src/export/dataset.js';
import { writeDuckDbFile, writeParquetDir } from '../src/export/duckdb.js';
import { fhirNdjson } from '../src/export/fhir.js';
import { loadIntoPostgres, postgresScript } from '../src/export/postgres.js';
import { checkBatch } from '../src/history/index.js';
import { readPaymentDatasets } from '../src/ingest/payment/payment-datasets.js';
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';
import { claimLines, claimsCsv, readmeQuery } from '../test/support/export-queries.js';
import { postgresMissing, startPostgres } from '../test/support/postgres.js';
import { measure, RUNS, time } from './timing.js';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = [resolve(ROOT, '../shared/cms'), resolve(ROOT, '../shared/cms-more')];
const PAYMENTS = resolve(ROOT, '../shared/cms-payment');
const CLAIMS = 100_000;
const TABLES = ['releases', 'codes', 'validity', 'labels', 'payment_quarters', 'asp_limits', 'dmepos_fees'];
const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-export-'));
const dbPath = join(dir, 'hcpcs.sqlite');
const cacheDir = join(dir, 'cache');

const ms = (n: number) => n.toFixed(0).padStart(6);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2).padStart(6)} MB`;
function sizeOf(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : s.size;
}

async function writeChunks(chunks: Iterable<string>, path: string): Promise<void> {
  await pipeline(Readable.from(chunks), createWriteStream(path));
}

/** One line of figures for the store as it is now. */
async function exportFigures(store: HcpcsStore, label: string): Promise<void> {
  const releases = store.releases();
  const baseline = await measure(() => {
    for (const r of releases) for (const _ of store.records(r.key));
  });
  const built = await measure(() => exportDataset(store));
  // The first call fills the cache (as the first export run after an import does); then timed hits.
  exportDataset(store, { cacheDir });
  const cached = await measure(() => exportDataset(store, { cacheDir }));
  const { tables } = exportDataset(store, { cacheDir });
  const latest = releases.at(-1)?.key;
  const sql = join(dir, 'hcpcs.sql');
  const tSql = await measure(() => writeChunks(postgresScript(tables, latest), sql));
  const parquet = join(dir, 'parquet');
  const tParquet = await measure(() => writeParquetDir(parquet, tables));
  const duck = join(dir, 'export.duckdb');
  const tDuck = await measure(() => writeDuckDbFile(duck, tables));
  const fhir = join(dir, 'fhir.ndjson');
  const tFhir = await measure(() => writeChunks(fhirNdjson(store, releases), fhir));
  const run = (write: number) => `${ms(built + write)} ${ms(cached + write)}`;
  console.log(
    `${label.padEnd(22)} ${ms(baseline)}  ${ms(built)} ${ms(cached)}  ${ms(tSql)} ${mb(sizeOf(sql))} ${run(tSql)}  ${ms(tParquet)} ${mb(sizeOf(parquet))} ${run(tParquet)}  ${ms(tDuck)} ${mb(sizeOf(duck))} ${run(tDuck)}  ${ms(tFhir)} ${mb(sizeOf(fhir))}`,
  );
}

try {
  const store = HcpcsStore.open(dbPath);
  console.log(`export of the whole history after each import (ms, median of ${RUNS}; sizes of the output)`);
  console.log(
    `${'imported (latest)'.padEnd(22)} ${'read'.padStart(6)}  ${'dataset'.padStart(13)}  ${'postgres script'.padEnd(44)}  ${'parquet'.padEnd(44)}  ${'duckdb'.padEnd(44)}  fhir ndjson`,
  );
  console.log(
    `${''.padEnd(22)} ${'all'.padStart(6)}  ${'built'.padStart(6)} ${'cached'.padStart(6)}  ${'write'.padStart(6)} ${'size'.padStart(9)} ${'run, was'.padStart(13)} ${'now'.padStart(6)}  ${'write'.padStart(6)} ${'size'.padStart(9)} ${'run, was'.padStart(13)} ${'now'.padStart(6)}  ${'write'.padStart(6)} ${'size'.padStart(9)} ${'run, was'.padStart(13)} ${'now'.padStart(6)}  ${'write'.padStart(6)} ${'size'.padStart(9)}`,
  );
  for (const release of readReleases(SAMPLES)) {
    store.importRelease(release);
    const releases = store.releases();
    await exportFigures(store, `${releases.length} (${releases.at(-1)?.key})`);
  }
  const tPayments = await time(() => store.payments.importDatasets(readPaymentDatasets([PAYMENTS])));
  await exportFigures(store, '+ payment files');
  console.log(
    `(dataset: every table's rows, with the code versions (codes, validity) built by asking the checker, or read from the cache a later run finds; run: an export run's own work, was = built + write, now = cached + write; the payment files imported in ${ms(tPayments).trim()} ms)`,
  );

  // Whole `hcpcs export` processes (the compiled CLI, as users run it), with an empty cache (every
  // run before the cache) and with the cache an earlier run left.
  const cliRun = (args: string[], cacheHome: string) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/hcpcs.js'), 'export', ...args], {
      env: { ...process.env, HCPCS_DB: dbPath, XDG_CACHE_HOME: cacheHome },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`hcpcs export ${args.join(' ')}: ${result.stderr}`);
  };
  const warm = mkdtempSync(join(dir, 'warm-'));
  cliRun(['--format', 'postgres', '--out', join(dir, 'cli.sql')], warm);
  console.log(
    `\nhcpcs export runs, whole processes (ms, median of ${RUNS}): empty cache, cache of an earlier run`,
  );
  for (const [format, out] of [
    ['postgres', 'cli.sql'],
    ['parquet', 'cli-parquet'],
    ['duckdb', 'cli.duckdb'],
  ] as const) {
    const args = ['--format', format, '--out', join(dir, out)];
    const cold = await measure(() => cliRun(args, mkdtempSync(join(dir, 'cold-'))));
    const cached = await measure(() => cliRun(args, warm));
    console.log(`  ${format.padEnd(9)} ${ms(cold)} ${ms(cached)}`);
  }

  const lines = claimLines(store, CLAIMS);
  const csv = join(dir, 'claims.csv');
  writeFileSync(csv, claimsCsv(lines));
  const table = join(dir, 'claims-table.csv');
  writeFileSync(
    table,
    `claim_id,line,code,date_of_service\n${lines.map((l) => `${l.claimId},${l.line},${l.code},${l.date}`).join('\n')}\n`,
  );
  const query = readmeQuery('invalid-on-date-of-service');
  console.log(
    `\n"valid on the date of service" for ${CLAIMS.toLocaleString('en-US')} claim lines (ms, median of ${RUNS})`,
  );

  let invalidByCheck = 0;
  const tCheck = await measure(async () => {
    invalidByCheck = 0;
    for await (const row of checkBatch(store, createReadStream(csv), {}))
      if ('result' in row && row.result && !row.result.valid) invalidByCheck++;
  });
  console.log(`  hcpcs check (checkBatch, CSV in)        ${ms(tCheck)}   not valid: ${invalidByCheck}`);

  const { tables } = exportDataset(store, { cacheDir });
  const parquet = join(dir, 'parquet');
  await writeParquetDir(parquet, tables);
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duck.run('CREATE SCHEMA hcpcs');
  for (const t of TABLES)
    await duck.run(`CREATE VIEW hcpcs.${t} AS SELECT * FROM '${join(parquet, `${t}.parquet`)}'`);
  await duck.run(
    `CREATE TABLE claims AS SELECT * FROM read_csv('${table}', header = true, columns = {'claim_id': 'INTEGER', 'line': 'INTEGER', 'code': 'VARCHAR', 'date_of_service': 'DATE'})`,
  );
  let invalidInDuck = 0;
  const tDuck = await measure(async () => {
    invalidInDuck = (await duck.runAndReadAll(query)).currentRowCount;
  });
  console.log(`  DuckDB over the Parquet files           ${ms(tDuck)}   not valid: ${invalidInDuck}`);
  const drugQuery = readmeQuery('drug-payment-limits');
  let drugsInDuck = 0;
  const tDrugsDuck = await measure(async () => {
    drugsInDuck = (await duck.runAndReadAll(drugQuery)).currentRowCount;
  });
  duck.closeSync();
  instance.closeSync();
  console.log(
    `  (README "drug codes with their current payment limit": DuckDB over Parquet ${ms(tDrugsDuck).trim()} ms, ${drugsInDuck} rows)`,
  );

  const missing = postgresMissing();
  if (missing) console.log(`  PostgreSQL: not measured: ${missing}`);
  else {
    const pg = await startPostgres();
    try {
      const tLoad = await time(() => loadIntoPostgres(pg.url, tables, store.releases().at(-1)?.key));
      pg.psql('CREATE TABLE claims (claim_id integer, line integer, code text, date_of_service date)');
      pg.psql(`\\copy claims FROM '${table}' WITH (FORMAT csv, HEADER true)`);
      pg.psql('ANALYZE claims');
      const { default: pgClient } = await import('pg');
      const client = new pgClient.Client({ connectionString: pg.url });
      await client.connect();
      let invalidInPg = 0;
      const tPg = await measure(async () => {
        invalidInPg = (await client.query(query)).rowCount ?? 0;
      });
      let drugsInPg = 0;
      const tDrugsPg = await measure(async () => {
        drugsInPg = (await client.query(drugQuery)).rowCount ?? 0;
      });
      await client.end();
      console.log(`  PostgreSQL 15 (pg client, rows fetched) ${ms(tPg)}   not valid: ${invalidInPg}`);
      console.log(
        `  (README "drug codes with their current payment limit": PostgreSQL ${ms(tDrugsPg).trim()} ms, ${drugsInPg} rows)`,
      );
      console.log(
        `export --to PostgreSQL of the whole history with the payment tables: ${ms(tLoad).trim()} ms`,
      );
    } finally {
      pg.stop();
    }
  }
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
