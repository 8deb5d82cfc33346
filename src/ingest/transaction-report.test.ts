import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cms } from '../../test/support/cms.js';
import { HcpcsError } from '../errors.js';
import { readTransactionReport, type TransactionReport, transactionActions } from './transaction-report.js';

function countByAction(report: TransactionReport): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of report.entries) {
    const key = e.actions.join('+');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function actionMap(report: TransactionReport): Map<string, string> {
  return new Map(report.entries.map((e) => [e.code, e.actions.join('+')]));
}

describe('transactionActions', () => {
  it('maps the words of every report to the layout action codes', () => {
    expect(transactionActions('ADD')).toEqual(['A']);
    expect(transactionActions('Coverage and Long Desc Change')).toEqual(['B']);
    expect(transactionActions('Discontinued')).toEqual(['D']);
    expect(transactionActions('Re-activated')).toEqual(['R']);
    expect(transactionActions('Long/Short Description Change')).toEqual(['C', 'S']);
    expect(transactionActions('P')).toEqual(['P']);
    // The 2019 PRN cuts the words at its column width.
    expect(transactionActions('Long Description Chang')).toEqual(['C']);
    expect(transactionActions('Coverage and Long Desc')).toEqual(['B']);
    expect(transactionActions('Coverage')).toBeUndefined();
    expect(transactionActions('Renamed')).toBeUndefined();
  });
});

describe('readTransactionReport on CMS files', () => {
  it('reads the April 2020 XLSX below its disclaimer, one entry per code', () => {
    const path = cms('2020-04', 'HCPC2020_APR_ANWEB_Transaction Report.xlsx');
    const report = readTransactionReport(readFileSync(path), path);
    expect(report.format).toBe('xlsx');
    expect(report.sheet).toBe('Changes by HCPC code');
    expect(report.entries).toHaveLength(7097);
    expect(countByAction(report)).toEqual({ A: 18, C: 4, D: 1, N: 7074 });
    expect(report.warnings).toEqual([]);
    expect(report.entries.find((e) => e.code === 'C9053')).toMatchObject({
      actions: ['A'],
      text: 'ADD',
      shortDescription: 'Inj,  crizanlizumab-tmca',
    });
  });

  it('gives CS both description actions in July 2020', () => {
    const path = cms('2020-07', 'HCPC2020_JUL_ANWEB_Transaction Report.xlsx');
    const report = readTransactionReport(readFileSync(path), path);
    expect(report.entries.find((e) => e.code === 'CS')).toMatchObject({
      actions: ['C', 'S'],
      text: 'Long/Short Description Change',
    });
    expect(countByAction(report)).toEqual({ A: 61, C: 3, 'C+S': 1, D: 9, N: 7083, S: 1 });
  });

  it.each([
    [
      '2019',
      '2019-Alpha-Numeric-HCPCS-File.zip',
      'HCPC2019_Trans_Alpha.xlsx',
      ['Changes_by_HCPCSCode.prn', 'Changes_by_ActionCode.prn'],
      6800,
    ],
    [
      '2020',
      '2020-Alpha-Numeric-HCPCS-File.zip',
      'HCPC2020_TRANS_ALPHA_w_disclaimer.xlsx',
      ['Changes_by_HCPC.prn', 'Changes_by_ActionCode.prn'],
      7079,
    ],
  ])('reads the %s PRN reports to the same actions as the XLSX', (folder, zip, xlsx, prns, codes) => {
    const files = unzipSync(readFileSync(cms(folder, zip)));
    const fromXlsx = readTransactionReport(files[xlsx] as Uint8Array, xlsx);
    expect(fromXlsx.entries).toHaveLength(codes);
    for (const prn of prns) {
      const fromPrn = readTransactionReport(files[prn] as Uint8Array, prn);
      expect(fromPrn.format).toBe('prn');
      expect(fromPrn.warnings).toEqual([]);
      expect(actionMap(fromPrn)).toEqual(actionMap(fromXlsx));
    }
  });
});

describe('readTransactionReport on fixtures', () => {
  const prn = [
    'Note regarding coverage',
    '',
    '  HCPC/MOD         ACTION CD       SHORT DESCRIPTION              LONG DESCRIPTION',
    '      A1           No Change       Dressing for one wound         Dressing for one wound',
    '   C9035         Discontinued      Injection, aristada initio     Injection, aripiprazole lauroxil',
    '   J0001           Renamed         Something                      Something else',
    '   bad line',
  ].join('\r\n');

  it('reads PRN rows whose action is not under its heading, and keeps unknown words with a warning', () => {
    const report = readTransactionReport(new TextEncoder().encode(prn), 'x.prn');
    expect(report.entries.map((e) => [e.code, e.actions, e.text, e.shortDescription])).toEqual([
      ['A1', ['N'], 'No Change', 'Dressing for one wound'],
      ['C9035', ['D'], 'Discontinued', 'Injection, aristada initio'],
      ['J0001', [], 'Renamed', 'Something'],
    ]);
    expect(report.warnings).toEqual([
      {
        location: { file: 'x.prn', line: 6 },
        problem: 'action "Renamed" is not in the action code key; kept without an action code',
      },
      {
        location: { file: 'x.prn', line: 7 },
        problem: '"bad line" is not a code followed by an action; line skipped',
      },
    ]);
  });

  it('finds the header of an XLSX below a disclaimer, in any sheet', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Disclaimer'],
      [],
      ['HCPCS/MOD', 'TYPE OF CHANGE', 'SHORT DESCRIPTION', 'LONG DESCRIPTION'],
      ['   QQ', 'ADD', 'Qualified cdsm consulted', 'Ordering professional consulted'],
      ['J0295', 'Short Description Change', 'Ampicillin', 'Injection, ampicillin'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Report');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const report = readTransactionReport(bytes, 'r.xlsx');
    expect(report.entries.map((e) => [e.code, e.actions, e.location])).toEqual([
      ['QQ', ['A'], { file: 'r.xlsx', sheet: 'Report', row: 4 }],
      ['J0295', ['S'], { file: 'r.xlsx', sheet: 'Report', row: 5 }],
    ]);
  });

  it("reads 2017's and 2018's reports: HCPCS/Modifier Code and Type of Change alone, in XLSX and PRN", () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['HCPCS/Modifier Code', 'Type of Change'],
      [],
      ['   FX', 'ADD'],
      ['A4224', 'Coverage & Long Desc Change'],
      ['E0627', 'Misc Change (TOS, BETOS)'],
      ['G0130', 'No change'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Changes by HCPCS Code');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const expected = [
      ['FX', ['A']],
      ['A4224', ['B']],
      ['E0627', ['T']],
      ['G0130', ['N']],
    ];
    const xlsx = readTransactionReport(bytes, 'HCPCS2017_Trans Report_Alpha.xlsx');
    expect([xlsx.entries.map((e) => [e.code, e.actions]), xlsx.warnings]).toEqual([expected, []]);
    const print = [
      'HCPCS/Modifier CodeType of Change',
      '',
      'FX                 ADD',
      'A4224              Coverage & Long Desc Change',
      'E0627              Misc Change (TOS, BETOS)',
      'G0130              No change',
    ].join('\r\n');
    const prnReport = readTransactionReport(
      new TextEncoder().encode(print),
      'HCPCS2017_Trans Report_ChangesbyHCPC.prn',
    );
    expect([
      prnReport.entries.map((e) => [e.code, e.actions, e.shortDescription]),
      prnReport.warnings,
    ]).toEqual([expected.map((e) => [...e, null]), []]);
  });

  it('names the file when no header is found', () => {
    const error = (() => {
      try {
        readTransactionReport(new TextEncoder().encode('just text\r\n'), 'notes.prn');
      } catch (e) {
        return e;
      }
    })() as HcpcsError;
    expect(error).toBeInstanceOf(HcpcsError);
    expect(error.code).toBe('HCPCS_E_INPUT');
    expect(error.message).toBe(
      'notes.prn: no transaction report header (HCPC/MOD ... ACTION CD or TYPE OF CHANGE) found',
    );
  });
});
