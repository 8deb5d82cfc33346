/**
 * `hcpcs export --format postgres|parquet|duckdb` end to end: the real CLI on a copy of the sample
 * database (every CMS sample release, and CMS's January 2025 payment files imported beside them),
 * its PostgreSQL script loaded by psql into a throwaway PostgreSQL cluster
 * (test/support/postgres.ts) and loaded directly with --to, its Parquet files read by DuckDB; the
 * README's queries run there must answer as `hcpcs check`, `hcpcs diff` and `hcpcs payment` do.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA_VERSION } from '../src/export/table-spec.js';
import { paymentFor } from '../src/payment/payment-lookup.js';
import { HcpcsStore } from '../src/store/store.js';
import { cliSandbox, HCPCS_BIN } from './support/cli.js';
import { cms, REPO_ROOT, sampleDbPath } from './support/cms.js';
import {
  type ClaimLine,
  claimLines,
  claimsCsv,
  invalidPerCheck,
  readmeQuery,
} from './support/export-queries.js';
import { type PostgresCluster, postgresMissing, psqlPath, startPostgres } from './support/postgres.js';

/** The exports' cache of code versions (src/export/dataset-cache.ts): the sandbox's own, not the user's. */
const cacheHome = mkdtempSync(join(tmpdir(), 'hcpcs-export-cache-'));
const { dir, db, hcpcs } = cliSandbox('hcpcs-export-engines-', { XDG_CACHE_HOME: cacheHome });
const small = join(dir, 'small.sqlite');

/** The CLI with room for large outputs (a batch check of thousands of lines), on `database`. */
function cli(args: string[], database = db) {
  return spawnSync(process.execPath, [HCPCS_BIN, ...args], {
    cwd: dir,
    env: { ...process.env, HCPCS_DB: database, XDG_CACHE_HOME: cacheHome },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

let lines: ClaimLine[] = [];
/** `claim_id/line` of the lines hcpcs check calls not valid. */
let invalidByCheck: string[] = [];
/** `code change_type` of `hcpcs diff <previous quarter> <latest>`. */
let changesByDiff: string[] = [];
/** `release/code/kind` of CMS's corrections `hcpcs diff` names for the 2019 release. */
let correctionsByDiff: string[] = [];
let previousQuarter = '';
let latestRelease = '';
/** The date of service of the README's payment query, in the quarter of the sample payment files. */
const PAYMENT_DATE = '2025-02-15';
/**
 * `code/dosage/payment limit` of every ASP code `hcpcs check` calls valid on PAYMENT_DATE, as
 * `hcpcs payment <code> --date PAYMENT_DATE` answers (its library, paymentFor; the CLI itself for
 * a sample below). A limit the file writes N/A is '' (null in the engines).
 */
let drugLimits: string[] = [];
/** E0776 (IV pole) purchased new in California on PAYMENT_DATE, as `hcpcs payment` answers. */
let e0776 = { nonRural: '', rural: '' };

/** `code/dosage/limit` of an answer of hcpcs payment. */
function limitLine(answer: ReturnType<typeof paymentFor>): string {
  const limit = answer.asp?.paymentLimit ?? '';
  return `${answer.code}/${answer.asp?.dosage}/${/^\d/.test(limit) ? limit : ''}`;
}

beforeAll(() => {
  copyFileSync(sampleDbPath(), db);
  const payments = cli(['import', resolve(REPO_ROOT, '../shared/cms-payment')]);
  expect(payments.status, payments.stderr).toBe(0);
  const store = HcpcsStore.open(db, { readonly: true });
  try {
    lines = claimLines(store, 4000);
    const releases = store.releases();
    const latest = releases.at(-1);
    latestRelease = latest?.key ?? '';
    previousQuarter = releases.filter((r) => r.id < (latest?.id ?? '') && !r.superseded).at(-1)?.key ?? '';
    const asp = store.payments.inEffect('asp', PAYMENT_DATE);
    const aspCodes = asp ? store.payments.allRows(asp.key).map((r) => r.code) : [];
    writeFileSync(
      join(dir, 'asp-codes.csv'),
      `code,date_of_service\n${aspCodes.map((c) => `${c},${PAYMENT_DATE}`).join('\n')}\n`,
    );
    const check = cli(['check', '--file', join(dir, 'asp-codes.csv'), '--json']);
    const valid = check.stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { line: number; valid: boolean })
      .filter((r) => r.valid)
      .map((r) => aspCodes[r.line - 2] as string);
    drugLimits = valid.map((code) => limitLine(paymentFor(store, code, { date: PAYMENT_DATE }))).sort();
    const fee = paymentFor(store, 'E0776', { date: PAYMENT_DATE, state: 'CA', modifier: 'NU' }).fees.find(
      (f) => f.modifiers.length === 1,
    );
    e0776 = { nonRural: fee?.states[0]?.nonRural ?? '', rural: fee?.states[0]?.rural ?? '' };
  } finally {
    store.close();
  }
  writeFileSync(join(dir, 'claims.csv'), claimsCsv(lines));
  // The claims as a warehouse holds them, for the SQL engines.
  writeFileSync(
    join(dir, 'claims-table.csv'),
    `claim_id,line,code,date_of_service\n${lines.map((l) => `${l.claimId},${l.line},${l.code},${l.date}`).join('\n')}\n`,
  );
  const check = cli(['check', '--file', join(dir, 'claims.csv'), '--json']);
  expect(check.stdout.trim().split('\n'), check.stderr).toHaveLength(4000);
  invalidByCheck = invalidPerCheck(lines, check.stdout);

  const diff = JSON.parse(cli(['diff', previousQuarter, latestRelease, '--json']).stdout) as {
    added: string[];
    removed: string[];
    changed: { code: string }[];
  };
  const added = new Set(diff.added);
  changesByDiff = [
    ...diff.added.map((c) => `${c} added`),
    ...diff.removed.map((c) => `${c} removed`),
    ...[...new Set(diff.changed.map((c) => c.code))].filter((c) => !added.has(c)).map((c) => `${c} changed`),
  ].sort();

  const corrected = JSON.parse(cli(['diff', '2019-01', '2020-01', '--json']).stdout) as {
    corrections: { release: string; code: string; kind: string }[];
  };
  correctionsByDiff = corrected.corrections.map((c) => `${c.release}/${c.code}/${c.kind}`);
  expect(correctionsByDiff).toHaveLength(14);

  // An older, smaller store: only the January 2026 file (its TXT imports in a second).
  const importSmall = cli(['import', cms('2026-01')], small);
  expect(importSmall.status, importSmall.stderr).toBe(0);
});

describe('the claim lines and the last quarter asked about', () => {
  it('hold valid and not valid lines, and real changes', () => {
    expect(previousQuarter).toBe('2025-10_v4');
    expect(latestRelease).toBe('2026-01_v1');
    // Both answers occur in numbers, so equal answers below mean something.
    expect(invalidByCheck.length).toBeGreaterThan(500);
    expect(lines.length - invalidByCheck.length).toBeGreaterThan(1000);
    expect(changesByDiff.filter((c) => c.endsWith(' added')).length).toBeGreaterThan(50);
    expect(changesByDiff.filter((c) => c.endsWith(' changed')).length).toBeGreaterThan(50);
  });

  it('E0776 purchased new in California: 178.89 non-rural, 180.96 rural', () => {
    expect(e0776).toEqual({ nonRural: '178.89', rural: '180.96' });
  });

  it('the drug codes valid on 2025-02-15 with an ASP limit: 843 (the 34 CPT codes of the file are not HCPCS Level II), J1640 at 33.122 per 1 MG as the CLI says', () => {
    expect(drugLimits).toHaveLength(843);
    expect(drugLimits).toContain('J1640/1 MG/33.122');
    // A limit CMS writes N/A (radium Ra-223, priced at AWP as its note says).
    expect(drugLimits).toContain('A9606/1 microCurie/');
    // The CLI itself, for codes spread over the list: the same answers as its library above.
    const sample = [
      'J1640',
      ...drugLimits.filter((_, i) => i % 200 === 0).map((l) => l.split('/')[0] as string),
    ];
    for (const code of sample) {
      const cliAnswer = JSON.parse(
        cli(['payment', code, '--date', PAYMENT_DATE, '--json']).stdout,
      ) as ReturnType<typeof paymentFor>;
      expect(drugLimits).toContain(limitLine(cliAnswer));
    }
  });
});

const missing = postgresMissing();
if (missing && process.env.CI) throw new Error(`CI must run the PostgreSQL export tests: ${missing}`);

describe.skipIf(Boolean(missing))(`PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let pg: PostgresCluster;
  const psqlFile = (file: string, url: string) =>
    spawnSync(psqlPath() as string, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, url], {
      encoding: 'utf8',
    });
  /** Rows of a query as `a/b/c` strings (psql unaligned, `separator` between fields). */
  const rows = (sql: string, database = 'postgres', separator = '/') => {
    const result = spawnSync(
      psqlPath() as string,
      [
        '-X',
        '-q',
        '-A',
        '-t',
        '-F',
        separator,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        sql,
        pg.urlFor('postgres', database),
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.split('\n').filter((l) => l !== '');
  };

  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.stop());

  it('psql loads the script in one command; the README query finds exactly the lines hcpcs check calls not valid', () => {
    const script = join(dir, 'hcpcs.sql');
    const exported = hcpcs('export', '--format', 'postgres', '--out', script);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/releases 10, codes \d+, validity \d+, labels \d+/);
    // The first export of these releases built the code versions and left them for the next runs
    // (the --to, Parquet and DuckDB exports below read them, and must still answer as check does).
    expect(readdirSync(join(cacheHome, 'hcpcs/export'))).toHaveLength(1);
    const loaded = psqlFile(script, pg.url);
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(loaded.stderr).toBe('');
    expect(rows('SELECT key FROM hcpcs.releases ORDER BY seq')).toEqual([
      '2013-01_v1',
      '2019-01_v1',
      '2020-01_v1',
      '2020-04_v1',
      '2020-07_v1',
      '2020-10_v1',
      '2023-01_v3',
      '2025-10_v1',
      '2025-10_v4',
      '2026-01_v1',
    ]);
    const codeCount = Number(/codes (\d+)/.exec(exported.stdout)?.[1]);
    expect(rows('SELECT count(*) FROM hcpcs.codes')).toEqual([String(codeCount)]);
    // Typed columns and decoded labels.
    expect(
      rows(
        `SELECT c.added_date, c.termination_date, c.pricing_indicators[1], l.label FROM hcpcs.codes c
         JOIN hcpcs.labels l ON l.field = 'coverage' AND l.code = c.coverage
         WHERE c.code = 'C9041' ORDER BY c.last_seq DESC LIMIT 1`,
      ),
    ).toEqual(['2019-04-01/2020-06-30/53/Special coverage instructions apply']);
    // Text search over the descriptions.
    expect(
      rows(
        `SELECT code FROM hcpcs.codes WHERE last_release = '2026-01_v1'
         AND search @@ websearch_to_tsquery('english', 'hemin') ORDER BY code`,
      ),
    ).toEqual(['J1640']);

    rows('CREATE TABLE claims (claim_id integer, line integer, code text, date_of_service date)');
    rows(`\\copy claims FROM '${join(dir, 'claims-table.csv')}' WITH (FORMAT csv, HEADER true)`);
    const invalid = rows(readmeQuery('invalid-on-date-of-service'))
      .map((r) => r.split('/').slice(0, 2).join('/'))
      .sort();
    expect(invalid).toEqual(invalidByCheck);
  });

  it('the README query of the codes CMS corrected lists the corrections hcpcs diff names, typed', () => {
    expect(rows(readmeQuery('corrected-codes')).map((r) => r.split('/').slice(0, 3).join('/'))).toEqual(
      correctionsByDiff,
    );
    expect(
      rows(
        `SELECT effective_date, corrected_values[2], source FROM hcpcs.corrections
         WHERE code = 'B4105'`,
      ),
    ).toEqual([
      '2019-01-01/pricing_indicators: 39/HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 6',
    ]);
    // The row whose EFF DATE is no date: null, the cell kept as written.
    expect(
      rows(
        `SELECT coalesce(effective_date::text, 'null'), effective_date_as_written FROM hcpcs.corrections WHERE code = 'Q5111'`,
      ),
    ).toEqual(['null/01/0/12019']);
    // Both 2019 lists are in force: the _v2 file repeats none of the first list's rows, so it is an
    // addendum, not a revision (src/ingest/corrections.ts, supersededLists).
    expect(
      rows(
        `SELECT release, position, file, entries, status, coalesce(superseded_by, 'null')
         FROM hcpcs.corrections_lists ORDER BY release, position`,
      ),
    ).toEqual([
      '2019-01_v1/1/HCPC2019_Corrections_ALPHA.xlsx/11/in force/null',
      '2019-01_v1/2/HCPC2019_Corrections_ALPHA_v2.xlsx/3/in force/null',
    ]);
  });

  it('the README query of what changed last quarter lists the codes hcpcs diff lists', () => {
    const changes = rows(readmeQuery('changed-last-quarter'))
      .map((r) => r.split('/').slice(0, 2).join(' '))
      .sort();
    expect(changes).toEqual(changesByDiff);
  });

  it('the README query of drug codes with their current payment limit answers as hcpcs payment does (typed numeric amounts, quarters as dates)', () => {
    // Tabs between fields: some dosages hold a slash (2.5 MG/0.5 MG).
    const limits = rows(readmeQuery('drug-payment-limits'), 'postgres', '\t').map((r) => r.split('\t'));
    expect(limits.map((r) => r.slice(0, 3).join('/')).sort()).toEqual(drugLimits);
    expect(limits.find((r) => r[0] === 'J1640')).toEqual([
      'J1640',
      '1 MG',
      '33.122',
      '19.200',
      'asp-2025-01_v1',
      'Hemin, 1 mg',
    ]);
    expect(
      rows(
        `SELECT pg_typeof(payment_limit), pg_typeof(effective_from), effective_from, effective_to FROM hcpcs.asp_limits WHERE code = 'J1640'`,
      ),
    ).toEqual(['numeric/date/2025-01-01/2025-03-31']);
    expect(rows('SELECT schedule, count(*) FROM hcpcs.payment_quarters GROUP BY 1 ORDER BY 1')).toEqual([
      'asp/1',
      'dmepos/1',
      'pen/1',
    ]);
    // The README's fee of E0776 in California, purchased new (hcpcs payment E0776 --state CA --modifier NU).
    expect(rows(readmeQuery('fee-on-date'))).toEqual([
      `E0776/NU/${e0776.nonRural}/${e0776.rural}/IN/Inexpensive and Other Routinely Purchased Items`,
    ]);
    expect(
      rows(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'hcpcs' AND tablename IN ('asp_limits', 'dmepos_fees') ORDER BY 1`,
      ),
    ).toEqual(['asp_limits_on_date', 'asp_limits_pkey', 'dmepos_fees_on_date', 'dmepos_fees_pkey']);
  });

  it('--to loads directly; a newer export into the same database updates it in place (views on it stay)', () => {
    rows('CREATE DATABASE warehouse');
    const first = hcpcs('export', '--format', 'postgres', '--to', pg.urlFor('postgres', 'warehouse'));
    expect(first.status, first.stderr).toBe(0);
    // The smaller, older store first, then the full one.
    const older = cli(['export', '--format', 'postgres', '--to', pg.urlFor('postgres', 'warehouse')], small);
    expect(older.status, older.stderr).toBe(0);
    expect(rows('SELECT key FROM hcpcs.releases', 'warehouse')).toEqual(['2026-01_v1']);
    // The older store holds no payment files: its load empties the payment tables.
    expect(rows('SELECT count(*) FROM hcpcs.asp_limits', 'warehouse')).toEqual(['0']);
    rows('CREATE VIEW spans AS SELECT code, valid_from FROM hcpcs.validity', 'warehouse');
    rows('CREATE VIEW limits AS SELECT code, payment_limit FROM hcpcs.asp_limits', 'warehouse');
    const smallCount = Number(rows('SELECT count(*) FROM spans', 'warehouse')[0]);
    const newer = hcpcs('export', '--format', 'postgres', '--to', pg.urlFor('postgres', 'warehouse'));
    expect(newer.status, newer.stderr).toBe(0);
    expect(newer.stdout).toMatch(/^loaded into PostgreSQL \(schema hcpcs\): releases 10, codes \d+/);
    expect(rows('SELECT count(*) FROM hcpcs.releases', 'warehouse')).toEqual(['10']);
    expect(Number(rows('SELECT count(*) FROM spans', 'warehouse')[0])).toBeGreaterThan(smallCount);
    expect(rows('SELECT count(*) FROM limits', 'warehouse')).toEqual(['877']);
    // The table layout this build writes (4 since the corrections_lists table).
    expect(rows('SELECT schema_version, latest_release FROM hcpcs.export_info', 'warehouse')).toEqual([
      `${EXPORT_SCHEMA_VERSION}/2026-01_v1`,
    ]);
    expect(EXPORT_SCHEMA_VERSION).toBe(4);
    // The same answers as the script loaded by psql.
    expect(rows('SELECT count(*) FROM hcpcs.codes', 'warehouse')).toEqual(
      rows('SELECT count(*) FROM hcpcs.codes'),
    );
  });

  it('--to a server that refuses the connection: a clear error, exit 1', () => {
    const result = hcpcs(
      'export',
      '--format',
      'postgres',
      '--to',
      'postgres://postgres@127.0.0.1:1/postgres',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'hcpcs: --to: cannot connect to PostgreSQL at postgres@127.0.0.1:1/postgres (ECONNREFUSED): is the server running and the URL right? Nothing was loaded\n',
    );
  });

  it('--to as a user without rights: a clear error, nothing loaded, the rows already there unchanged', () => {
    rows('CREATE ROLE analyst LOGIN');
    rows('CREATE DATABASE locked');
    const denied = hcpcs('export', '--format', 'postgres', '--to', pg.urlFor('analyst', 'locked'));
    expect(denied.status).toBe(1);
    expect(denied.stderr).toMatch(
      /^hcpcs: --to: the PostgreSQL user lacks rights at analyst@127\.0\.0\.1:\d+\/locked: permission denied for database locked \(it needs CREATE on the database, or to own schema hcpcs\)\. Nothing was loaded: the transaction was rolled back\n$/,
    );
    expect(rows("SELECT count(*) FROM pg_namespace WHERE nspname = 'hcpcs'", 'locked')).toEqual(['0']);

    // Into the loaded warehouse, where the analyst may read but not write: the load fails partway
    // (after its schema checks), and the rows are those of the last good load.
    const counts =
      'SELECT (SELECT count(*) FROM hcpcs.codes), (SELECT count(*) FROM hcpcs.asp_limits), (SELECT count(*) FROM hcpcs.dmepos_fees)';
    const before = rows(counts, 'warehouse');
    expect(before[0]).toMatch(/^\d+\/877\/187461$/);
    rows(
      'GRANT USAGE ON SCHEMA hcpcs TO analyst; GRANT SELECT ON ALL TABLES IN SCHEMA hcpcs TO analyst',
      'warehouse',
    );
    rows('GRANT CREATE ON DATABASE warehouse TO analyst', 'warehouse');
    const partial = hcpcs('export', '--format', 'postgres', '--to', pg.urlFor('analyst', 'warehouse'));
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(
      /lacks rights .*permission denied for (table|schema) .*Nothing was loaded/,
    );
    expect(rows(counts, 'warehouse')).toEqual(before);
  });
});

describe('DuckDB over the Parquet files, and the DuckDB database', () => {
  const out = join(dir, 'parquet');
  const TABLES = [
    'releases',
    'codes',
    'validity',
    'labels',
    'corrections',
    'corrections_lists',
    'payment_quarters',
    'asp_limits',
    'dmepos_fees',
  ];

  async function duck(setup: string[], path = ':memory:') {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const sql of setup) await connection.run(sql);
    const query = async (sql: string) =>
      (await connection.runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => String(v)));
    const close = () => {
      connection.closeSync();
      instance.closeSync();
    };
    return { query, close };
  }

  const claimsTable = () =>
    `CREATE TABLE claims AS SELECT * FROM read_csv('${join(dir, 'claims-table.csv')}', header = true,
       columns = {'claim_id': 'INTEGER', 'line': 'INTEGER', 'code': 'VARCHAR', 'date_of_service': 'DATE'})`;

  it('writes one Parquet file per table with typed columns; the README queries answer as check and diff do', async () => {
    const exported = hcpcs('export', '--format', 'parquet', '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(TABLES.map((t) => `${t}.parquet`).sort());
    const { query, close } = await duck([
      'CREATE SCHEMA hcpcs',
      ...TABLES.map((t) => `CREATE VIEW hcpcs.${t} AS SELECT * FROM '${join(out, `${t}.parquet`)}'`),
      claimsTable(),
    ]);
    try {
      const types = Object.fromEntries(
        (await query(`SELECT column_name, column_type FROM (DESCRIBE hcpcs.codes)`)).map(([n, t]) => [n, t]),
      );
      expect(types).toMatchObject({
        code: 'VARCHAR',
        added_date: 'DATE',
        termination_date: 'DATE',
        valid_from: 'DATE',
        pricing_indicators: 'VARCHAR[]',
        anesthesia_base_units: 'INTEGER',
        first_seq: 'INTEGER',
      });
      const invalid = (await query(readmeQuery('invalid-on-date-of-service')))
        .map((r) => `${r[0]}/${r[1]}`)
        .sort();
      expect(invalid).toEqual(invalidByCheck);
      const changes = (await query(readmeQuery('changed-last-quarter'))).map((r) => `${r[0]} ${r[1]}`).sort();
      expect(changes).toEqual(changesByDiff);
      const corrected = (await query(readmeQuery('corrected-codes'))).map((r) => r.slice(0, 3).join('/'));
      expect(corrected).toEqual(correctionsByDiff);

      const aspTypes = Object.fromEntries(
        (await query(`SELECT column_name, column_type FROM (DESCRIBE hcpcs.asp_limits)`)).map(([n, t]) => [
          n,
          t,
        ]),
      );
      expect(aspTypes).toMatchObject({
        payment_limit: 'DECIMAL(18,3)',
        effective_from: 'DATE',
        effective_to: 'DATE',
      });
      const limits = await query(readmeQuery('drug-payment-limits'));
      // DuckDB hands decimals to JavaScript as numbers (33.122); the files' text has trailing zeros.
      const asText = (limit: string) => (limit === 'null' ? '' : limit);
      expect(limits.map((r) => `${r[0]}/${r[1]}/${asText(r[2] as string)}`).sort()).toEqual(
        drugLimits.map((l) => l.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')),
      );
      expect(await query(readmeQuery('fee-on-date'))).toEqual([
        ['E0776', 'NU', e0776.nonRural, e0776.rural, 'IN', 'Inexpensive and Other Routinely Purchased Items'],
      ]);
      expect(limits.find((r) => r[0] === 'J1640')?.slice(0, 5)).toEqual([
        'J1640',
        '1 MG',
        '33.122',
        '19.2',
        'asp-2025-01_v1',
      ]);
    } finally {
      close();
    }
  });

  it('writes a DuckDB database with the same tables', async () => {
    const file = join(dir, 'codes.duckdb');
    const exported = hcpcs('export', '--format', 'duckdb', '--out', file);
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(`${file}.wal`)).toBe(false);
    // A copy to add the claims table to, as an analyst would.
    const copy = join(dir, 'analyst.duckdb');
    copyFileSync(file, copy);
    const { query, close } = await duck([claimsTable()], copy);
    try {
      const counts = await query(
        'SELECT (SELECT count(*) FROM hcpcs.releases), (SELECT count(*) FROM hcpcs.codes), (SELECT count(*) FROM hcpcs.asp_limits)',
      );
      expect(counts[0]?.[2]).toBe('877');
      expect(`releases 10, codes ${counts[0]?.[1]}`).toBe(
        /releases 10, codes \d+/.exec(exported.stdout)?.[0],
      );
      const invalid = (await query(readmeQuery('invalid-on-date-of-service')))
        .map((r) => `${r[0]}/${r[1]}`)
        .sort();
      expect(invalid).toEqual(invalidByCheck);
    } finally {
      close();
    }
  });

  it('--format parquet without --out, or --to with another format: usage errors', () => {
    expect(hcpcs('export', '--format', 'parquet').stderr).toBe(
      'hcpcs: --format parquet needs --out (a folder for the .parquet files)\n',
    );
    const to = hcpcs('export', '--format', 'duckdb', '--out', 'x.duckdb', '--to', 'postgres://localhost/x');
    expect(to.status).toBe(2);
    expect(to.stderr).toBe('hcpcs: --to loads a database: use it with --format postgres\n');
  });
});
