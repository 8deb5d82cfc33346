/**
 * `npm run bench:export`: the analysts' exports as the history grows (the sample releases imported
 * one by one; after each, the time and size of every format, beside reading every record of the
 * store once, the floor any export pays), then the README's "valid on the date of service" query
 * over 100,000 claim lines in PostgreSQL (a throwaway cluster, when installed) and in DuckDB over
 * the Parquet files, beside `hcpcs check`'s batch (checkBatch) on the same lines. Medians of
 * BENCH_RUNS runs (default 3); each engine's count of lines not valid is printed to show they agree.
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';
import { claimLines, claimsCsv, readmeQuery } from '../test/support/export-queries.js';
import { postgresMissing, startPostgres } from '../test/support/postgres.js';
import { measure, RUNS } from './timing.js';

const ROOT = resolve(import.meta.dirname, '..');
const CMS = resolve(ROOT, '../shared/cms');
const CLAIMS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-export-'));

const ms = (n: number) => n.toFixed(0).padStart(7);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2).padStart(6)} MB`;
function sizeOf(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : s.size;
}

async function writeChunks(chunks: Iterable<string>, path: string): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  await pipeline(Readable.from(chunks), createWriteStream(path));
}

try {
  const dbPath = join(dir, 'hcpcs.sqlite');
  const store = HcpcsStore.open(dbPath);
  console.log(`export of the whole history after each sample release is imported (ms, median of ${RUNS})`);
  console.log(
    'releases  latest        read all records   dataset  postgres script       parquet              duckdb               fhir ndjson',
  );
  for (const release of readReleases([CMS])) {
    store.importRelease(release);
    const releases = store.releases();
    const baseline = await measure(() => {
      for (const r of releases) for (const _ of store.records(r.key));
    });
    const dataset = await measure(() => exportDataset(store));
    const { tables } = exportDataset(store);
    const latest = releases.at(-1)?.key;
    const sql = join(dir, 'hcpcs.sql');
    const tSql = await measure(() => writeChunks(postgresScript(tables, latest), sql));
    const parquet = join(dir, 'parquet');
    const tParquet = await measure(() => writeParquetDir(parquet, tables));
    const duck = join(dir, 'export.duckdb');
    const tDuck = await measure(() => writeDuckDbFile(duck, tables));
    const fhir = join(dir, 'codesystems.ndjson');
    const tFhir = await measure(() => writeChunks(fhirNdjson(store, releases), fhir));
    console.log(
      `${String(releases.length).padStart(8)}  ${(latest ?? '').padEnd(12)} ${ms(baseline)}         ${ms(dataset)}  ${ms(tSql)} ${mb(sizeOf(sql))}  ${ms(tParquet)} ${mb(sizeOf(parquet))}  ${ms(tDuck)} ${mb(sizeOf(duck))}  ${ms(tFhir)} ${mb(sizeOf(fhir))}`,
    );
  }
  console.log(
    '(dataset: the tables built once from the store, shared by postgres, parquet and duckdb, whose columns are the writing alone; fhir builds its own CodeSystems)',
  );

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

  const { tables } = exportDataset(store);
  const parquet = join(dir, 'parquet');
  await writeParquetDir(parquet, tables);
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duck.run('CREATE SCHEMA hcpcs');
  for (const t of ['releases', 'codes', 'validity', 'labels'])
    await duck.run(`CREATE VIEW hcpcs.${t} AS SELECT * FROM '${join(parquet, `${t}.parquet`)}'`);
  await duck.run(
    `CREATE TABLE claims AS SELECT * FROM read_csv('${table}', header = true, columns = {'claim_id': 'INTEGER', 'line': 'INTEGER', 'code': 'VARCHAR', 'date_of_service': 'DATE'})`,
  );
  let invalidInDuck = 0;
  const tDuck = await measure(async () => {
    invalidInDuck = (await duck.runAndReadAll(query)).currentRowCount;
  });
  console.log(`  DuckDB over the Parquet files           ${ms(tDuck)}   not valid: ${invalidInDuck}`);
  duck.closeSync();
  instance.closeSync();

  const missing = postgresMissing();
  if (missing) console.log(`  PostgreSQL: not measured: ${missing}`);
  else {
    const pg = await startPostgres();
    try {
      await loadIntoPostgres(pg.url, tables, store.releases().at(-1)?.key);
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
      await client.end();
      console.log(`  PostgreSQL 15 (pg client, rows fetched) ${ms(tPg)}   not valid: ${invalidInPg}`);
    } finally {
      pg.stop();
    }
  }
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
