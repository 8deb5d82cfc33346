/**
 * The payment readers over CMS's real January 2025 files (../shared/cms-payment, never copied into
 * the repository): every row read, every amount the file's text, the XLS and the CSV of the ASP
 * quarter (and the DMEPOS CSV and XLSX) agreeing row by row; bad input named by file, row, column.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvReader } from '../../history/csv-reader.js';
import { ASP_COLUMNS } from '../../layout/asp-file.js';
import { type PaymentDataset, readPaymentDatasets } from './payment-datasets.js';
import { type AspRow, type FeeRow, readPaymentFile } from './payment-file.js';

const PAYMENT_DIR = resolve(import.meta.dirname, '../../../../shared/cms-payment');
const ASP_ZIP = join(PAYMENT_DIR, 'asp/2025-01/january-2025-asp-pricing-file.zip');
const DMEPOS_CSV = join(PAYMENT_DIR, 'dmepos/2025-01/DMEPOS_JAN.csv');
const PEN_CSV = join(PAYMENT_DIR, 'dmepos/2025-01/DMEPEN_JAN.csv');

/** The CSV's records as an independent RFC 4180 reader sees them (the project's claim-file reader). */
function csvRecords(bytes: Uint8Array): string[][] {
  const reader = new CsvReader();
  const records = [...reader.push(new TextDecoder('windows-1252').decode(bytes)), ...reader.end()];
  return records.map((r) => r.fields.map((f) => f.replace(/\u00A0/g, ' ').trim()));
}

function dataRows(records: string[][], header: string): string[][] {
  const at = records.findIndex((r) => r[0] === header);
  return records.slice(at + 1).filter((r) => r.some((c) => c !== ''));
}

let datasets: PaymentDataset[];
beforeAll(() => {
  datasets = readPaymentDatasets([PAYMENT_DIR]);
});

describe('the January 2025 payment files', () => {
  it('are recognised by content, with the quarter from the file and every source file kept with its sha256', () => {
    const summary = datasets.map((d) => ({
      schedule: d.schedule,
      id: d.id,
      period: d.period,
      rows: d.rows.length,
      files: d.files.map((f) => [f.name, f.rows, f.sha256.length]),
    }));
    console.log('payment datasets read:', JSON.stringify(summary.map((s) => [s.schedule, s.id, s.rows])));
    expect(summary).toEqual([
      {
        schedule: 'asp',
        id: '2025-01',
        period: { start: '2025-01-01', end: '2025-03-31' },
        rows: 877,
        files: [
          ['section 508 version of Jan 2025 ASP Pricing File updated 030725.csv', 877, 64],
          ['Jan 2025 ASP Pricing File updated 030725.xls', 877, 64],
        ],
      },
      {
        schedule: 'pen',
        id: '2025-01',
        period: { start: '2025-01-01', end: '2025-03-31' },
        rows: 50,
        files: [['DMEPEN_JAN.csv', 50, 64]],
      },
      {
        schedule: 'dmepos',
        id: '2025-01',
        period: { start: '2025-01-01', end: '2025-03-31' },
        rows: 3487,
        files: [
          ['DMEPOS_JAN.csv', 3487, 64],
          ['DMEPOS_JAN.xlsx', 3487, 64],
        ],
      },
    ]);
  });

  it('ASP: J1640 is 33.122 per 1 MG, co-insurance 19.200, "Inflation-adjusted coinsurance"; CPT rows keep code and amount, not the AMA descriptor', () => {
    const asp = datasets.find((d) => d.schedule === 'asp') as PaymentDataset;
    const j1640 = asp.rows.find((r) => r.code === 'J1640') as AspRow;
    expect(j1640).toMatchObject({
      code: 'J1640',
      shortDescription: 'Hemin, 1 mg',
      dosage: '1 MG',
      amounts: { paymentLimit: '33.122', coinsurancePercent: '19.200' },
      notes: 'Inflation-adjusted coinsurance',
    });
    const cpt = asp.rows.find((r) => r.code === '90371') as AspRow;
    expect(cpt).toMatchObject({
      code: '90371',
      shortDescription: null,
      dosage: '1 ML',
      amounts: { paymentLimit: '146.312' },
    });
    expect(
      asp.rows.filter((r) => /^\d/.test(r.code)).every((r) => (r as AspRow).shortDescription === null),
    ).toBe(true);
    // A9606 (radium Ra-223) has "N/A" for its limit, kept as written.
    expect((asp.rows.find((r) => r.code === 'A9606') as AspRow).amounts.paymentLimit).toBe('N/A');
  });

  it("ASP: every amount of every row equals the CSV's text, and the XLS agrees row by row", () => {
    const members = unzipSync(readFileSync(ASP_ZIP));
    const csvName = Object.keys(members).find((n) => n.endsWith('.csv')) as string;
    const xlsName = Object.keys(members).find((n) => n.endsWith('.xls')) as string;
    const rows = dataRows(csvRecords(members[csvName] as Uint8Array), 'HCPCS Code');
    const fromCsv = readPaymentFile(members[csvName] as Uint8Array, csvName);
    const fromXls = readPaymentFile(members[xlsName] as Uint8Array, xlsName);
    expect(fromCsv?.rows.length).toBe(rows.length);
    expect(fromXls?.rows.length).toBe(rows.length);
    let compared = 0;
    rows.forEach((cells, i) => {
      const csvRow = fromCsv?.rows[i] as AspRow;
      const xlsRow = fromXls?.rows[i] as AspRow;
      expect(csvRow.code).toBe(cells[0]);
      for (const [key, text] of Object.entries(csvRow.amounts)) {
        const column = ASP_COLUMNS.findIndex((c) => c.key === key);
        expect(text ?? '').toBe(cells[column]);
        compared++;
      }
      const { row: _a, ...csvContent } = csvRow;
      const { row: _b, ...xlsContent } = xlsRow;
      expect(xlsContent).toEqual(csvContent);
    });
    console.log(
      `ASP: ${rows.length} rows, ${compared} amount cells compared with the CSV text, CSV and XLS agree`,
    );
  });

  it("DMEPOS and PEN: every fee, ceiling and floor equals the CSV's text", () => {
    for (const [path, leading] of [
      [DMEPOS_CSV, 7],
      [PEN_CSV, 3],
    ] as const) {
      const bytes = readFileSync(path);
      const records = csvRecords(bytes);
      const header = records.find((r) => r[0] === 'HCPCS') as string[];
      const rows = dataRows(records, 'HCPCS');
      const read = readPaymentFile(bytes, path);
      expect(read?.rows.length).toBe(rows.length);
      let compared = 0;
      rows.forEach((cells, i) => {
        const row = read?.rows[i] as FeeRow;
        expect([row.code, row.modifier ?? '', row.modifier2 ?? '']).toEqual(cells.slice(0, 3));
        if (leading === 7) expect([row.ceiling, row.floor]).toEqual([cells[5], cells[6]]);
        for (let c = leading; c < header.length - 1; c += 2) {
          const state = (header[c] as string).slice(0, 2);
          expect(row.fees[state]).toEqual({ nonRural: cells[c], rural: cells[c + 1] });
          compared += 2;
        }
      });
      console.log(`${path.split('/').pop()}: ${rows.length} rows, ${compared} fee cells equal the CSV text`);
    }
  });
});

describe('bad payment files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-payment-'));
  const banner =
    'Payment Allowance Limits for Medicare Part B Drugs\n\n"Effective January 1, 2025 through March 31, 2025"\n\n';
  const header = `${ASP_COLUMNS.map((c) => c.heading).join(',')}\n`;
  const good = 'J1640,"Hemin, 1 mg",1 MG,33.122,19.200,,,,,,Inflation-adjusted coinsurance\n';
  const feeHeader = 'HCPCS,Mod,Mod2,JURIS,CATG,Ceiling,Floor,AL (NR),AL (R),AK (NR),AK (R),Description\n';
  const feeBanner = 'January 2025 Fee Schedule\n\n';

  function folder(name: string, files: Record<string, string>): string {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
    return path;
  }

  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'shifted header',
      { 'asp.csv': `${banner},${header}${good}` },
      /asp\.csv row 5: column "HCPCS Code": the header row has "" in column 1 where the layout has "HCPCS Code"/,
    ],
    [
      'non-numeric amount',
      { 'asp.csv': `${banner}${header}${good}J9999,Chemo,1 MG,12.5x,20.000,,,,,,\n` },
      /asp\.csv row 7: column "Payment Limit": "12\.5x" is not a number/,
    ],
    [
      'duplicated code+modifier',
      {
        'fees.csv': `${feeBanner}${feeHeader}E0776,NU,,D,IN,0.00,0.00,170.02,170.02,1.00,1.00,Iv pole\nE0776,RR,,D,IN,0.00,0.00,17.00,17.00,1.00,1.00,Iv pole\nE0776,NU,,D,IN,0.00,0.00,171.02,171.02,1.00,1.00,Iv pole\n`,
      },
      /fees\.csv row 6: column "HCPCS": E0776 NU \(code and modifiers\) is listed twice \(rows 4 and 6\)/,
    ],
    [
      'unknown state column',
      {
        'fees.csv': `${feeBanner}${feeHeader.replace('AK (NR),AK (R)', 'ZZ (NR),ZZ (R)')}E0776,NU,,D,IN,0.00,0.00,1.00,1.00,1.00,1.00,Iv pole\n`,
      },
      /fees\.csv row 3: column "ZZ \(NR\)": column 10 is not a known state's fee column/,
    ],
    [
      'fee that is not a number',
      { 'fees.csv': `${feeBanner}${feeHeader}E0776,NU,,D,IN,0.00,0.00,1.00,1.0O,1.00,1.00,Iv pole\n` },
      /fees\.csv row 4: column "AL \(R\)": "1\.0O" is not a number/,
    ],
  ];
  it.each(cases)('%s: the error names the file, the row and the column', (name, files, message) => {
    const path = folder(name.replace(/\W+/g, '-'), { ...files, 'good.csv': `${banner}${header}${good}` });
    expect(() => readPaymentDatasets([path])).toThrow(message);
  });

  it('the same quarter in two formats that disagree is refused, naming the row', () => {
    const path = folder('disagree', {
      'a.csv': `${banner}${header}${good}`,
      'b.csv': `${banner}${header}${good.replace('33.122', '33.123')}`,
    });
    expect(() => readPaymentDatasets([path])).toThrow(/b\.csv: row 6 \(J1640\) differs from .*a\.csv row 6/);
  });
});
