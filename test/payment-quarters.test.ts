/**
 * Payment through several quarters, end to end: CMS's real January 2025 payment files
 * (../shared/cms-payment) and a second quarter written from them at test time with known edits
 * (support/payment-quarter.ts), imported by the compiled CLI into a real SQLite file beside the
 * 2023-01 code release (the release in effect in 2025 among the samples). Covers `hcpcs history` and
 * `payment-diff` over both quarters (ASP and DMEPOS), `hcpcs releases`, `check --with-payment` (CLI
 * and POST /api/check on a real HTTP server), the code page's timeline and the releases page, and
 * the FHIR $lookup payment properties (each answer valid against the R4 JSON schema).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OperationOutcome, Parameters, ParametersParameter } from 'fhir/r4.js';
import { Client } from 'fhir-kit-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { HcpcsStore } from '../src/store/store.js';
import { cliSandbox } from './support/cli.js';
import { REPO_ROOT } from './support/cms.js';
import { useTestServer } from './support/http.js';
import { PAYMENT_DIR, writeAprilQuarter } from './support/payment-quarter.js';
import { r4SchemaCheck, type SchemaCheck } from './support/r4-schema.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const { dir, db, hcpcs } = cliSandbox('hcpcs-payment-quarters-');
let schemaValid: SchemaCheck;

beforeAll(() => {
  for (const path of [
    PAYMENT_DIR,
    writeAprilQuarter(dir),
    resolve(REPO_ROOT, '../shared/cms-more/2023-01'),
  ]) {
    const result = hcpcs('import', path);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }
  schemaValid = r4SchemaCheck(['Parameters', 'OperationOutcome']);
}, 180_000);

const server = useTestServer(() => HcpcsStore.open(db, { readonly: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('hcpcs releases lists the payment datasets', () => {
  it('--payments --json: kind, quarter, revision, rows and the sha256 of each source file', () => {
    const result = hcpcs('releases', '--payments', '--json');
    expect(result.status).toBe(0);
    const datasets = JSON.parse(result.stdout) as {
      key: string;
      kind: string;
      quarter: string;
      revision: number;
      rows: number;
      files: { name: string; sha256: string; rows: number }[];
    }[];
    console.log(datasets.map((d) => `${d.key} ${d.rows} rows`).join('\n'));
    expect(datasets.map((d) => [d.key, d.kind, d.quarter, d.revision, d.rows])).toEqual([
      ['asp-2025-01_v1', 'asp', '2025-01', 1, 877],
      ['asp-2025-04_v1', 'asp', '2025-04', 1, 877],
      ['dmepos-2025-01_v1', 'dmepos', '2025-01', 1, 3487],
      ['dmepos-2025-04_v1', 'dmepos', '2025-04', 1, 3487],
      ['pen-2025-01_v1', 'pen', '2025-01', 1, 50],
    ]);
    const dmepos = datasets[2]?.files.find((f) => f.name === 'DMEPOS_JAN.csv');
    expect(dmepos).toMatchObject({
      rows: 3487,
      sha256: sha256(join(PAYMENT_DIR, 'dmepos/2025-01/DMEPOS_JAN.csv')),
    });
    expect(datasets[3]?.files[0]?.sha256).toBe(sha256(join(dir, 'payment-2025-04/dmepos-2025-04.csv')));
  });

  it('the text lists the code releases, then the payment datasets; --json keeps its array of releases', () => {
    const text = hcpcs('releases').stdout;
    expect(text).toMatch(/^2023-01_v3: release 2023-01, revision 3/);
    expect(text).toContain(
      '\n\nPayment datasets:\n\nasp-2025-01_v1: ASP drug pricing 2025-01, revision 1, 2025-01-01 to 2025-03-31\n  rows 877\n',
    );
    expect(text).toContain(
      'pen-2025-01_v1: PEN fee schedule 2025-01, revision 1, 2025-01-01 to 2025-03-31\n  rows 50\n',
    );
    const releases = JSON.parse(hcpcs('releases', '--json').stdout) as { key: string }[];
    expect(releases.map((r) => r.key)).toEqual(['2023-01_v3']);
  });
});

describe('payment through the quarters', () => {
  it('hcpcs history J1640: the ASP limit per quarter with its change', () => {
    const result = hcpcs('history', 'J1640');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      [
        'J1640: payment by quarter',
        '  ASP payment limit',
        '    2025-01-01 to 2025-03-31  33.122 per 1 MG  asp-2025-01_v1',
        '    2025-04-01 to 2025-06-30  34.015 per 1 MG (+0.893)  asp-2025-04_v1',
      ].join('\n'),
    );
    const json = JSON.parse(hcpcs('history', 'J1640', '--json').stdout);
    expect(json.payment.asp).toEqual([
      {
        dataset: 'asp-2025-01_v1',
        start: '2025-01-01',
        end: '2025-03-31',
        paymentLimit: '33.122',
        dosage: '1 MG',
        coinsurancePercent: '19.200',
        change: null,
      },
      {
        dataset: 'asp-2025-04_v1',
        start: '2025-04-01',
        end: '2025-06-30',
        paymentLimit: '34.015',
        dosage: '1 MG',
        coinsurancePercent: '19.200',
        change: 0.893,
      },
    ]);
    expect(json.payment.fees).toEqual([]);
  });

  it('hcpcs history E0776: each DMEPOS fee row by quarter, what moved, dropped and new rows', () => {
    const text = hcpcs('history', 'E0776').stdout;
    expect(text).toContain(
      [
        '  DMEPOS fee schedule, E0776 NU',
        '    2025-01-01 to 2025-03-31  ceiling 0.00, floor 0.00, 53 state fees  dmepos-2025-01_v1',
        '    2025-04-01 to 2025-06-30  CA (NR) 178.89 -> 181.00  dmepos-2025-04_v1',
        '  DMEPOS fee schedule, E0776 RR',
        '    2025-01-01 to 2025-03-31  ceiling 0.00, floor 0.00, 53 state fees  dmepos-2025-01_v1',
        '    2025-04-01 to 2025-06-30  no change  dmepos-2025-04_v1',
        '  DMEPOS fee schedule, E0776 UE',
        '    2025-01-01 to 2025-03-31  ceiling 0.00, floor 0.00, 53 state fees  dmepos-2025-01_v1',
        '    2025-04-01 to 2025-06-30  not listed  dmepos-2025-04_v1',
        '  DMEPOS fee schedule, E0776 RR KU',
        '    2025-01-01 to 2025-03-31  not listed  dmepos-2025-01_v1',
        '    2025-04-01 to 2025-06-30  ceiling 0.00, floor 0.00, 53 state fees  dmepos-2025-04_v1',
      ].join('\n'),
    );
    // The PEN schedule lists E0776 (the IV pole of a pump) too: one quarter, no ceiling or floor.
    expect(text).toContain(
      '  PEN fee schedule, E0776 NU BA\n    2025-01-01 to 2025-03-31  53 state fees  pen-2025-01_v1',
    );
  });

  it('by state and modifier: hcpcs history E0776 --state CA --modifier NU', () => {
    const json = JSON.parse(hcpcs('history', 'E0776', '--state', 'CA', '--modifier', 'NU', '--json').stdout);
    const dmepos = json.payment.fees.filter((s: { schedule: string }) => s.schedule === 'dmepos');
    expect(dmepos).toEqual([
      {
        schedule: 'dmepos',
        key: 'E0776 NU',
        modifiers: ['NU'],
        quarters: [
          {
            dataset: 'dmepos-2025-01_v1',
            start: '2025-01-01',
            end: '2025-03-31',
            listed: true,
            ceiling: '0.00',
            floor: '0.00',
            fees: { CA: { nonRural: '178.89', rural: '180.96' } },
            changes: [],
          },
          {
            dataset: 'dmepos-2025-04_v1',
            start: '2025-04-01',
            end: '2025-06-30',
            listed: true,
            ceiling: '0.00',
            floor: '0.00',
            fees: { CA: { nonRural: '181.00', rural: '180.96' } },
            changes: [{ field: 'CA (NR)', from: '178.89', to: '181.00' }],
          },
        ],
      },
    ]);
    const text = hcpcs('history', 'E0776', '--state', 'CA', '--modifier', 'RR').stdout;
    expect(text).toContain(
      '  DMEPOS fee schedule, E0776 RR\n    2025-01-01 to 2025-03-31  CA 17.89 non-rural, 21.97 rural  dmepos-2025-01_v1\n    2025-04-01 to 2025-06-30  CA 17.89 non-rural, 21.97 rural; no change  dmepos-2025-04_v1',
    );
    const bad = hcpcs('history', 'E0776', '--state', 'ZZ');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^hcpcs: state: "ZZ" is not a state of the DMEPOS fee schedule/);
  });

  it('payment-diff of two ASP quarters: new, dropped and changed amounts', () => {
    const json = JSON.parse(hcpcs('payment-diff', 'asp-2025-01', 'asp-2025-04', '--json').stdout);
    expect(json).toEqual({
      from: 'asp-2025-01_v1',
      to: 'asp-2025-04_v1',
      added: ['J9999'],
      dropped: ['J9035'],
      changed: [{ key: 'J1640', fields: { paymentLimit: ['33.122', '34.015'] } }],
    });
  });

  it('payment-diff of two DMEPOS quarters: rows by code and modifiers, state fees by column', () => {
    const result = hcpcs('payment-diff', 'dmepos-2025-01', 'dmepos-2025-04_v1');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'dmepos-2025-01_v1 -> dmepos-2025-04_v1: 1 new, 1 dropped, 1 changed',
        '  new      E0776 RR KU',
        '  dropped  E0776 UE',
        '  changed  E0776 NU: CA (NR) 178.89 -> 181.00',
        '',
      ].join('\n'),
    );
    const mixed = hcpcs('payment-diff', 'asp-2025-01', 'dmepos-2025-04');
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('asp-2025-01_v1 and dmepos-2025-04_v1 are of different schedules');
  });

  it('each date is answered from its own quarter', () => {
    const limit = (date: string) =>
      JSON.parse(hcpcs('payment', 'J1640', '--date', date, '--json').stdout).asp.paymentLimit;
    expect([limit('2025-03-31'), limit('2025-04-01')]).toEqual(['33.122', '34.015']);
  });
});

describe('check --with-payment', () => {
  const claims = () => {
    const path = join(dir, 'claims.csv');
    writeFileSync(
      path,
      'code,date,modifier,dose\nJ1640,2025-02-15,,250 mg\nJ1640,2025-05-01,JW,250 mg\nJ1640,2025-08-01,,5 ml\nE0776,2025-02-15,NU,\nJ1640,not a date,,\n',
    );
    return path;
  };

  it('a batch: the payment limit in effect on each line and the dose in billing units, or why not', () => {
    const result = hcpcs('check', '--file', claims(), '--with-payment');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'line,code,date,modifiers,valid,status,release,replaced_by,coverage,payable_by_medicare,reasons,warnings,error,dose,payment_limit,payment_dosage,payment_quarter,units,billing_units,payment_notes',
    );
    const payment = (line: string | undefined) => line?.split(',').slice(-7).join(',');
    expect(payment(lines[1])).toBe('250 mg,33.122,1 MG,asp-2025-01_v1,250,250,');
    expect(payment(lines[2])).toBe('250 mg,34.015,1 MG,asp-2025-04_v1,250,250,');
    expect(lines[3]).toMatch(
      /,5 ml,,,,,,"no imported ASP pricing file covers 2025-08-01: the imported quarters are 2025-01-01 to 2025-03-31, 2025-04-01 to 2025-06-30 \| dose: 5 ml is a volume, but J1640 is billed per 1 MG \(mass\): the units are incompatible"$/,
    );
    expect(payment(lines[4])).toBe(
      ',,,,,,E0776 is not in the ASP pricing file in effect on 2025-02-15 (asp-2025-01_v1)',
    );
    expect(lines[5]).toMatch(/^6,J1640,not a date,,false,error,.*,,,,,,,$/);
  });

  it('as NDJSON, a payment object per line', () => {
    const rows = hcpcs('check', '--file', claims(), '--with-payment', '--json')
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({
      line: 2,
      code: 'J1640',
      valid: true,
      payment: {
        paymentLimit: '33.122',
        dosage: '1 MG',
        quarter: { dataset: 'asp-2025-01_v1', start: '2025-01-01', end: '2025-03-31' },
        dose: '250 mg',
        units: 250,
        billingUnits: 250,
        notes: [],
      },
    });
    expect(rows[4]).not.toHaveProperty('payment');
  });

  it('one code: --dose gives its billing units beside the limit', () => {
    const result = hcpcs('check', 'J1640', '--date', '2025-02-15', '--dose', '250 mg');
    expect(result.stdout).toContain(
      '  payment limit: 33.122 per 1 MG (2025-01-01 to 2025-03-31, asp-2025-01_v1)\n  billing units: 250 mg = 250 units\n',
    );
    const outside = JSON.parse(
      hcpcs('check', 'J1640', '--date', '2025-07-01', '--with-payment', '--json').stdout,
    );
    expect(outside.payment).toEqual({
      paymentLimit: null,
      dosage: null,
      quarter: null,
      dose: null,
      units: null,
      billingUnits: null,
      notes: [
        'no imported ASP pricing file covers 2025-07-01: the imported quarters are 2025-01-01 to 2025-03-31, 2025-04-01 to 2025-06-30',
      ],
    });
  });

  it('POST /api/check?with-payment=true, CSV and NDJSON', async () => {
    const csv = await fetch(`${server.url}/api/check?with-payment=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'code,date,dose\nJ1640,2025-05-01,125 mg\n',
    });
    expect(csv.status).toBe(200);
    const [header, row] = (await csv.text()).trimEnd().split('\n');
    expect(header).toMatch(
      /,error,dose,payment_limit,payment_dosage,payment_quarter,units,billing_units,payment_notes$/,
    );
    expect(row).toMatch(/^2,J1640,2025-05-01,,true,valid,.*,125 mg,34.015,1 MG,asp-2025-04_v1,125,125,$/);
    const ndjson = await fetch(`${server.url}/api/check?with-payment=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: '{"code":"J1640","date":"2025-02-15","dose":"0.5 g"}\n',
    });
    expect(JSON.parse(await ndjson.text()).payment).toMatchObject({
      paymentLimit: '33.122',
      units: 500,
      billingUnits: 500,
    });
    const plain = await fetch(`${server.url}/api/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'code,date\nJ1640,2025-05-01\n',
    });
    expect((await plain.text()).split('\n')[0]).toMatch(/,error$/);
    const bad = await fetch(`${server.url}/api/check?with-payment=yes`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'J1640,2025-05-01\n',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe(
      'parameter with-payment: Invalid option: expected one of "true"|"false"',
    );
  });
});

describe('the payment API', () => {
  it('GET /api/payments, /api/codes/{code}/payment/history and /api/payments/diff answer as the CLI', async () => {
    const datasets = (await server.getJson<{ key: string; kind: string; rows: number }[]>('/api/payments'))
      .body;
    expect(datasets.map((d) => `${d.key} ${d.kind} ${d.rows}`)).toEqual([
      'asp-2025-01_v1 asp 877',
      'asp-2025-04_v1 asp 877',
      'dmepos-2025-01_v1 dmepos 3487',
      'dmepos-2025-04_v1 dmepos 3487',
      'pen-2025-01_v1 pen 50',
    ]);
    const history = await server.getJson<{ asp: { paymentLimit: string }[]; fees: { key: string }[] }>(
      '/api/codes/E0776/payment/history?state=CA&modifier=NU',
    );
    expect(history.body).toEqual(
      JSON.parse(
        hcpcs('payment', 'E0776', '--history', '--state', 'CA', '--modifier', 'NU', '--json').stdout,
      ),
    );
    expect(history.body.fees.map((s) => s.key)).toEqual(['E0776 NU', 'E0776 NU BA', 'E0776 NU KE']);
    const diff = await server.getJson<{ changed: unknown[] }>(
      '/api/payments/diff?from=dmepos-2025-01&to=dmepos-2025-04',
    );
    expect(diff.body).toEqual(
      JSON.parse(hcpcs('payment-diff', 'dmepos-2025-01', 'dmepos-2025-04', '--json').stdout),
    );
    const missing = await server.getJson<{ message: string }>(
      '/api/payments/diff?from=asp-2024-10&to=asp-2025-01',
    );
    expect(missing.res.status).toBe(404);
    expect(missing.body.message).toBe(
      'no payment dataset "asp-2024-10": imported are asp-2025-01_v1, asp-2025-04_v1, dmepos-2025-01_v1, dmepos-2025-04_v1, pen-2025-01_v1',
    );
  });
});

describe('pages', () => {
  const text = (html: string, start: string, end: string) => {
    const from = html.indexOf(start);
    return html
      .slice(from, html.indexOf(end, from))
      .replace(/<[^>]+>/g, ' ')
      .replace(/&gt;/g, '>')
      .replace(/\s+/g, ' ');
  };

  it('the code page shows the ASP limit and the DMEPOS fees by quarter', async () => {
    const j1640 = await (await fetch(`${server.url}/codes/J1640`)).text();
    expect(text(j1640, '<section aria-labelledby="payment-h"', '</section>')).toContain(
      'ASP payment limit by quarter 2025-01-01 to 2025-03-31: 33.122 per 1 MG 2025-04-01 to 2025-06-30: 34.015 per 1 MG (+0.893)',
    );
    const e0776 = await (await fetch(`${server.url}/codes/E0776`)).text();
    expect(text(e0776, '<section aria-labelledby="payment-h"', '</section>')).toContain(
      'Fee schedule by quarter DMEPOS E0776 NU 2025-01-01 to 2025-03-31: ceiling 0.00, floor 0.00, 53 state fees 2025-04-01 to 2025-06-30: CA (NR) 178.89 -> 181.00 DMEPOS E0776 RR 2025-01-01 to 2025-03-31: ceiling 0.00, floor 0.00, 53 state fees 2025-04-01 to 2025-06-30: no change DMEPOS E0776 UE 2025-01-01 to 2025-03-31: ceiling 0.00, floor 0.00, 53 state fees 2025-04-01 to 2025-06-30: not listed',
    );
    // A code the latest quarter dropped still shows how its limit moved.
    const j9035 = await (await fetch(`${server.url}/codes/J9035`)).text();
    expect(text(j9035, '<section aria-labelledby="payment-h"', '</section>')).toContain(
      'ASP payment limit by quarter 2025-01-01 to 2025-03-31: 73.190 per 10 MG 2025-04-01 to 2025-06-30: not listed',
    );
  });

  it('the releases page lists the payment datasets', async () => {
    const html = await (await fetch(`${server.url}/releases`)).text();
    const table = text(html, '<h2 id="payment-datasets"', '</table>');
    expect(table).toContain(
      `dmepos-2025-01_v1 DMEPOS fee schedule 2025-01-01 to 2025-03-31 3,487 DMEPOS_JAN.csv ${sha256(join(PAYMENT_DIR, 'dmepos/2025-01/DMEPOS_JAN.csv')).slice(0, 16)}`,
    );
    expect(table).toContain('pen-2025-01_v1 PEN fee schedule 2025-01-01 to 2025-03-31 50 DMEPEN_JAN.csv');
  });
});

describe('FHIR $lookup payment properties, only when asked', () => {
  const lookup = async (query: string) => {
    const res = await fetch(`${server.url}/fhir/CodeSystem/$lookup?system=${SYSTEM}&${query}`);
    return { status: res.status, body: schemaValid((await res.json()) as Parameters | OperationOutcome) };
  };
  const properties = (body: Parameters | OperationOutcome, code: string) =>
    ((body as Parameters).parameter ?? []).filter(
      (p) => p.name === 'property' && p.part?.[0]?.valueCode === code,
    );
  const sub = (code: string, value: Omit<ParametersParameter, 'name'>, description?: string) => ({
    name: 'subproperty',
    part: [
      { name: 'code', valueCode: code },
      { name: 'value', ...value },
      ...(description ? [{ name: 'description', valueString: description }] : []),
    ],
  });

  it('asp-payment-limit on a date: the limit in effect, its billing unit and quarter', async () => {
    const { status, body } = await lookup('code=J1640&date=2025-02-15&property=asp-payment-limit');
    expect(status).toBe(200);
    expect(properties(body, 'asp-payment-limit')).toEqual([
      {
        name: 'property',
        part: [
          { name: 'code', valueCode: 'asp-payment-limit' },
          { name: 'value', valueDecimal: 33.122 },
          sub('payment-dosage', { valueString: '1 MG' }),
          sub('coinsurance-percent', { valueDecimal: 19.2 }),
          sub('payment-notes', { valueString: 'Inflation-adjusted coinsurance' }),
          sub('payment-quarter-start', { valueDateTime: '2025-01-01' }),
          sub('payment-quarter-end', { valueDateTime: '2025-03-31' }),
          sub('payment-dataset', { valueString: 'asp-2025-01_v1' }),
        ],
      },
    ]);
    const april = await lookup('code=J1640&date=2025-05-01&property=asp-payment-limit');
    expect(properties(april.body, 'asp-payment-limit')[0]?.part?.[1]).toEqual({
      name: 'value',
      valueDecimal: 34.015,
    });
  });

  it('not returned unless asked: no property, or *, gives none', async () => {
    for (const query of ['code=J1640&date=2025-02-15', 'code=J1640&date=2025-02-15&property=*']) {
      const { body } = await lookup(query);
      expect(properties(body, 'asp-payment-limit')).toEqual([]);
      expect(properties(body, 'coverage')).toHaveLength(1);
    }
  });

  it('dmepos-fee: one value per fee row and state, non-rural, with the rural fee, modifier and category', async () => {
    const { body } = await lookup('code=E0776&date=2025-02-15&property=dmepos-fee');
    const fees = properties(body, 'dmepos-fee');
    expect(fees).toHaveLength(3 * 53);
    const california = fees.find(
      (p) => JSON.stringify(p).includes('"valueCode":"CA"') && JSON.stringify(p).includes('"valueCode":"NU"'),
    );
    expect(california).toEqual({
      name: 'property',
      part: [
        { name: 'code', valueCode: 'dmepos-fee' },
        { name: 'value', valueDecimal: 178.89 },
        sub('payment-state', { valueCode: 'CA' }, 'California'),
        sub('payment-modifier', { valueCode: 'NU' }, 'Purchased, New'),
        sub('rural-fee', { valueDecimal: 180.96 }),
        sub('ceiling', { valueDecimal: 0 }),
        sub('floor', { valueDecimal: 0 }),
        sub('dmepos-category', { valueCode: 'IN' }, 'Inexpensive and Other Routinely Purchased Items'),
        sub('payment-quarter-start', { valueDateTime: '2025-01-01' }),
        sub('payment-quarter-end', { valueDateTime: '2025-03-31' }),
        sub('payment-dataset', { valueString: 'dmepos-2025-01_v1' }),
      ],
    });
  });

  it('a date no imported quarter covers is not-found on date, never another quarter', async () => {
    const { status, body } = await lookup('code=J1640&date=2025-08-15&property=asp-payment-limit');
    expect(status).toBe(404);
    const outcome = body as OperationOutcome;
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'not-found', expression: ['date'] });
    expect(outcome.issue[0]?.diagnostics).toContain(
      'no imported ASP pricing file covers 2025-08-15: the imported quarters are 2025-01-01 to 2025-03-31, 2025-04-01 to 2025-06-30',
    );
  });

  it('through a FHIR client (fhir-kit-client), POSTed Parameters', async () => {
    const client = new Client({ baseUrl: `${server.url}/fhir` });
    const answer = schemaValid(
      (await client.operation({
        name: 'lookup',
        resourceType: 'CodeSystem',
        method: 'POST',
        input: {
          resourceType: 'Parameters',
          parameter: [
            { name: 'system', valueUri: SYSTEM },
            { name: 'code', valueCode: 'J1640' },
            { name: 'date', valueDateTime: '2025-02-15T10:00:00Z' },
            { name: 'property', valueCode: 'asp-payment-limit' },
            { name: 'property', valueCode: 'display' },
          ],
        },
      })) as Parameters,
    );
    expect(answer.parameter?.map((p) => p.name)).toEqual([
      'name',
      'version',
      'display',
      'designation',
      'property',
    ]);
    expect(properties(answer, 'asp-payment-limit')[0]?.part?.[1]).toEqual({
      name: 'value',
      valueDecimal: 33.122,
    });
  });
});
