import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import type { HcpcsStore } from '../store/store.js';
import { type BatchRow, batchRowToCsv, batchRowToJson, checkBatch } from './check-batch.js';

let store: HcpcsStore;
beforeAll(() => {
  store = openSampleStore();
});
afterAll(() => store.close());

async function collect(source: Iterable<string> | Readable, defaultDate?: string): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  for await (const row of checkBatch(store, source, {
    source: 'claims.csv',
    ...(defaultDate ? { defaultDate } : {}),
  }))
    rows.push(row);
  return rows;
}

describe('checkBatch', () => {
  const csv = [
    'code,date,modifiers',
    'J1412,2023-12-15,',
    'C9041,2020-08-01,"LT RT"',
    ',2024-01-01,',
    'J1640,2024-13-01,',
    '',
    'J1640,,JW',
    'A4226,11/01/2020,',
  ].join('\n');

  it('writes one row per claim line, reports malformed rows by line and goes on', async () => {
    const rows = await collect([csv], '2026-02-01');
    expect(rows.map((r) => [r.line, r.result?.status ?? r.error])).toEqual([
      [2, 'not-yet-effective'],
      [3, 'terminated'],
      [4, 'claims.csv:4: no code in column 1'],
      [5, 'claims.csv:5: date "2024-13-01" is not a date (use YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)'],
      [7, 'valid'],
      [8, 'valid'],
    ]);
    expect(rows[1]?.modifiers).toEqual(['LT', 'RT']);
    expect(rows[4]?.result?.date).toBe('2026-02-01');
    expect(rows[5]?.result?.date).toBe('2020-11-01');
  });

  it('gives the same rows from a byte stream cut anywhere', async () => {
    const bytes = Buffer.from(csv);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) =>
      bytes.subarray(i * 5, i * 5 + 5),
    );
    const fromStream = await collect(Readable.from(chunks), '2026-02-01');
    expect(fromStream).toEqual(await collect([csv], '2026-02-01'));
  });

  it('takes columns by position without a header, modifiers in any later column', async () => {
    const rows = await collect(['J1640,2026-02-01,LT,ZZ\n']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.result).toMatchObject({ status: 'invalid-modifier', valid: false });
    expect(rows[0]?.modifiers).toEqual(['LT', 'ZZ']);
  });

  it('finds columns by heading aliases (HCPCS, DOS, Modifier1..)', async () => {
    const rows = await collect(['DOS,Modifier1,HCPCS,Modifier2\n2020-08-01,LT,C9041,RT\n']);
    expect(rows[0]).toMatchObject({ code: 'C9041', date: '2020-08-01', modifiers: ['LT', 'RT'] });
  });

  it('renders CSV and NDJSON rows', async () => {
    const [row, bad] = await collect(['code,date\nC9041,2020-08-01\nJ1640,x\n']);
    expect(batchRowToCsv(row as BatchRow)).toBe(
      '2,C9041,2020-08-01,,false,terminated,2020-07_v1,J7169,D,true,"terminated on 2020-06-30 (last day of use), replaced by J7169 (release 2020-07_v1)",,',
    );
    expect(JSON.parse(batchRowToJson(bad as BatchRow))).toEqual({
      line: 3,
      code: 'J1640',
      date: 'x',
      modifiers: [],
      valid: false,
      status: 'error',
      error: 'claims.csv:3: date "x" is not a date (use YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)',
    });
    expect(JSON.parse(batchRowToJson(row as BatchRow))).toMatchObject({
      line: 2,
      code: 'C9041',
      status: 'terminated',
    });
  });
});
