/**
 * What Medicare pays, end to end over CMS's real January 2025 payment files (../shared/cms-payment):
 * `hcpcs import` (the compiled CLI, a real SQLite file), `hcpcs payment`, and
 * GET /api/codes/{code}/payment on a real HTTP server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HcpcsStore } from '../src/store/store.js';
import { cliSandbox } from './support/cli.js';
import { REPO_ROOT } from './support/cms.js';
import { fetchJson, useTestServer } from './support/http.js';

const PAYMENT_DIR = resolve(REPO_ROOT, '../shared/cms-payment');
const { dir, db, hcpcs } = cliSandbox('hcpcs-payment-');
let firstImport = '';

beforeAll(() => {
  const result = hcpcs('import', PAYMENT_DIR);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  firstImport = result.stdout;
  // One code release beside them, for the code page.
  expect(hcpcs('import', resolve(REPO_ROOT, '../shared/cms/2025-10')).status).toBe(0);
});

const server = useTestServer(() => HcpcsStore.open(db, { readonly: true }));

describe('hcpcs import of the payment files', () => {
  it('stores the three datasets with every data row of the files, each source file with its sha256', () => {
    console.log(firstImport);
    expect(firstImport).toMatch(
      /asp-2025-01_v1 imported: ASP drug pricing 2025-01, revision 1, 2025-01-01 to 2025-03-31\n {2}rows 877\n/,
    );
    expect(firstImport).toMatch(/dmepos-2025-01_v1 imported: .*\n {2}rows 3487\n/);
    expect(firstImport).toMatch(/pen-2025-01_v1 imported: .*\n {2}rows 50\n/);
    expect(firstImport).toMatch(
      / {7}877 rows [0-9a-f]{16} {2}.*january-2025-asp-pricing-file\.zip!Jan 2025 ASP Pricing File updated 030725\.xls/,
    );
    expect(firstImport).toMatch(/ {6}3487 rows [0-9a-f]{16} {2}.*DMEPOS_JAN\.xlsx/);
  });

  it('is idempotent: the same files again are "unchanged"', () => {
    const again = hcpcs('import', PAYMENT_DIR);
    expect(again.status).toBe(0);
    expect(again.stdout.match(/ unchanged:/g)).toHaveLength(3);
  });

  it('refuses a bad file naming file, row and column, and writes nothing', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'asp.csv'),
      'Payment Allowance Limits\n"Effective April 1, 2025 through June 30, 2025"\nHCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit,Co-insurance Percentage,Vaccine AWP%,Vaccine Limit,Blood AWP%,Blood limit,Clotting Factor,Notes\nJ1640,Hemin,1 MG,33.50,20.000\nJ1641,Hemin,1 MG,abc,20.000\n',
    );
    writeFileSync(
      join(bad, 'fees.csv'),
      'April 2025 Fee Schedule\nHCPCS,Mod,Mod2,JURIS,CATG,Ceiling,Floor,AL (NR),AL (R),Description\nE0776,NU,,D,IN,0,0,1.00,1.00,Iv pole\n',
    );
    const result = hcpcs('import', bad);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\/asp\.csv row 5: column "Payment Limit": "abc" is not a number/);
    const store = HcpcsStore.open(db, { readonly: true });
    expect(store.payments.datasets().map((d) => d.key)).toEqual([
      'asp-2025-01_v1',
      'dmepos-2025-01_v1',
      'pen-2025-01_v1',
    ]);
    store.close();
  });
});

describe('hcpcs payment', () => {
  it('J1640 on 2025-02-15: payment limit 33.122 per 1 MG, co-insurance 19.2 %, "Inflation-adjusted coinsurance"', () => {
    const text = hcpcs('payment', 'J1640', '--date', '2025-02-15');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'payment limit 33.122 per 1 MG\n  co-insurance 19.2 %\n  note: Inflation-adjusted coinsurance',
    );
    const json = JSON.parse(hcpcs('payment', 'J1640', '--date', '2025-02-15', '--json').stdout);
    expect(json.asp).toMatchObject({
      quarter: { dataset: 'asp-2025-01_v1', start: '2025-01-01', end: '2025-03-31' },
      dosage: '1 MG',
      paymentLimit: '33.122',
      coinsurancePercent: '19.200',
      coinsurance: 19.2,
      notes: 'Inflation-adjusted coinsurance',
    });
  });

  it('a date outside every imported quarter says so', () => {
    const result = hcpcs('payment', 'J1640', '--date', '2025-04-01');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'no imported payment quarter covers 2025-04-01: no imported ASP pricing file covers 2025-04-01: the imported quarters are 2025-01-01 to 2025-03-31',
    );
  });

  it('E0776 in California, purchased new, rural: the DMEPOS fee with its category decoded', () => {
    const json = JSON.parse(
      hcpcs('payment', 'E0776', '--state', 'CA', '--modifier', 'NU', '--rural', '--json').stdout,
    );
    expect(json.fees[0]).toMatchObject({
      schedule: 'dmepos',
      modifiers: [{ code: 'NU', label: 'Purchased, New' }],
      category: { code: 'IN', label: 'Inexpensive and Other Routinely Purchased Items' },
      jurisdiction: { code: 'D', label: 'DMEMAC jurisdiction' },
      ceiling: '0.00',
      floor: '0.00',
      states: [{ state: 'CA', name: 'California', nonRural: '178.89', rural: '180.96', fee: '180.96' }],
    });
  });

  it('a CPT row keeps code and amount, never the AMA descriptor', () => {
    const out = hcpcs('payment', '90371', '--json').stdout;
    expect(JSON.parse(out).asp).toMatchObject({
      paymentLimit: '146.312',
      dosage: '1 ML',
      shortDescription: null,
    });
    expect(out).not.toMatch(/Hep b ig/i);
  });

  it('a bad state is a usage error naming the parameter', () => {
    const result = hcpcs('payment', 'E0776', '--state', 'XX');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^hcpcs: state: "XX" is not a state of the DMEPOS fee schedule/);
  });
});

describe('hcpcs units', () => {
  it('J1640 --dose "250 mg" is 250 units of 1 MG (the ASP dosage); a volume is refused', () => {
    const json = JSON.parse(hcpcs('units', 'J1640', '--dose', '250 mg', '--json').stdout);
    expect(json).toEqual({
      code: 'J1640',
      dose: '250 mg',
      dosage: '1 MG',
      source: 'ASP "HCPCS Code Dosage" (asp-2025-01_v1)',
      units: 250,
      billingUnits: 250,
    });
    expect(hcpcs('units', 'J1640', '--dose', '250 mg').stdout).toContain('J1640: 250 mg = 250 units of 1 MG');
    const volume = hcpcs('units', 'J1640', '--dose', '5 ml');
    expect(volume.status).toBe(2);
    expect(volume.stderr).toContain(
      'dose: 5 ml is a volume, but J1640 is billed per 1 MG (mass): the units are incompatible',
    );
  });
});

describe('GET /api/codes/{code}/payment', () => {
  it('answers the amounts in effect on the date', async () => {
    const { res, body } = await fetchJson<{ asp: Record<string, unknown> }>(
      `${server.url}/api/codes/J1640/payment?date=2025-02-15`,
    );
    expect(res.status).toBe(200);
    expect(body.asp).toMatchObject({ paymentLimit: '33.122', dosage: '1 MG', coinsurance: 19.2 });
  });

  it('state, modifier and rural select the fee', async () => {
    const { body } = await fetchJson<{ fees: { states: unknown[] }[] }>(
      `${server.url}/api/codes/E0776/payment?state=CA&modifier=NU&rural=true`,
    );
    expect(body.fees[0]?.states).toEqual([
      { state: 'CA', name: 'California', nonRural: '178.89', rural: '180.96', fee: '180.96' },
    ]);
  });

  it('404 for a date outside every quarter, 400 for a bad parameter', async () => {
    const outside = await fetchJson<{ code: string; message: string }>(
      `${server.url}/api/codes/J1640/payment?date=2024-12-31`,
    );
    expect(outside.res.status).toBe(404);
    expect(outside.body.message).toContain('no imported payment quarter covers 2024-12-31');
    const bad = await fetchJson<{ message: string }>(`${server.url}/api/codes/J1640/payment?date=2025-13-45`);
    expect(bad.res.status).toBe(400);
    expect(bad.body.message).toContain('date: "2025-13-45" is not a date');
  });
});

describe('the code page', () => {
  const section = (html: string) => {
    const start = html.indexOf('<section aria-labelledby="payment-h"');
    return html
      .slice(start, html.indexOf('</section>', start))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  };

  it('/codes/J1640?date=2025-02-15 shows the Medicare payment in effect then', async () => {
    const res = await fetch(`${server.url}/codes/J1640?date=2025-02-15`);
    expect(res.status).toBe(200);
    expect(section(await res.text())).toBe(
      ' Medicare payment ASP drug payment limit (2025-01-01 to 2025-03-31) Payment limit 33.122 per 1 MG Co-insurance 19.2 % Notes Inflation-adjusted coinsurance ',
    );
  });

  it('E0776: DMEPOS fees per state by modifier, the category decoded; a date outside every quarter says so', async () => {
    const e0776 = section(await (await fetch(`${server.url}/codes/E0776`)).text());
    expect(e0776).toContain(
      'DMEPOS fee schedule, modifier NU (Purchased, New) (2025-01-01 to 2025-03-31) Category IN : Inexpensive and Other Routinely Purchased Items',
    );
    expect(e0776).toContain('CA California 178.89 180.96');
    const outside = section(await (await fetch(`${server.url}/codes/J1640?date=2025-05-01`)).text());
    expect(outside).toContain('no imported payment quarter covers 2025-05-01');
  });
});
