import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { type BatchRow, batchRowToCsv, batchRowToJson, checkBatch } from './check-batch.js';

const store = useSampleStore();

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

describe('checkBatch bounds (one oversized line)', () => {
  /** A 5 MB line in 64 KiB byte chunks, with how many bytes the reader had asked for at each row. */
  async function rowsOf(before: string, fill: string, after: string) {
    const chunk = Buffer.from(fill.repeat(Math.ceil(65_536 / fill.length)).slice(0, 65_536));
    let given = 0;
    async function* source() {
      for (const part of [Buffer.from(before), ...Array(80).fill(chunk), Buffer.from(after)]) {
        given += part.byteLength;
        yield part;
      }
    }
    const rows: { row: BatchRow; given: number }[] = [];
    for await (const row of checkBatch(store, source(), { source: 'claims.csv' })) rows.push({ row, given });
    return rows;
  }

  it('answers a 5 MB line by its line number as soon as it passes 64 KiB, then the next rows', async () => {
    const rows = await rowsOf('code,date\nJ1640,2026-02-01\n', 'x', '\nC9041,2020-08-01\n');
    expect(rows.map(({ row }) => [row.line, row.result?.status ?? row.error])).toEqual([
      [2, 'valid'],
      [3, 'claims.csv:3: longer than 65536 bytes'],
      [4, 'terminated'],
    ]);
    // Answered after at most two chunks of the long line: it was not read to its end first.
    expect(rows[1]?.given).toBeLessThanOrEqual(27 + 2 * 65_536);
  });

  it('answers a 5 MB line of commas and one of an unterminated quote the same way', async () => {
    const commas = await rowsOf('J1640,2026-02-01\n', ',', '\nC9041,2020-08-01\n');
    expect(commas.map(({ row }) => [row.line, row.result?.status ?? row.error])).toEqual([
      [1, 'valid'],
      [2, 'claims.csv:2: longer than 65536 bytes'],
      [3, 'terminated'],
    ]);
    const quote = await rowsOf('J1640,2026-02-01\nJ1640,"', 'LT ', '\nC9041,2020-08-01\n');
    expect(quote.map(({ row }) => [row.line, row.result?.status ?? row.error])).toEqual([
      [1, 'valid'],
      [
        2,
        'claims.csv:2: longer than 65536 bytes (a quoted field opened on line 2 is not closed within them)',
      ],
      [3, 'terminated'],
    ]);
  });

  it('answers a line with more than 10 modifiers by their count and goes on', async () => {
    const rows = await collect([
      `J1640,2026-02-01,${'LT,'.repeat(11)}RT\nJ1640,2026-02-01,"LT RT 59 JW XE XP XS XU 76 77"\n`,
    ]);
    expect(rows.map((r) => [r.line, r.result?.status ?? r.error])).toEqual([
      [1, 'claims.csv:1: 12 modifiers: at most 10 a line'],
      [2, 'valid'],
    ]);
    expect(rows[0]?.modifiers).toEqual(Array(10).fill('LT'));
    expect(rows[1]?.result?.modifiers).toHaveLength(10);
  });

  it('answers a line with more than 256 fields by their count', async () => {
    const rows = await collect([`J1640,2026-02-01${',LT'.repeat(300)}\nJ1640,2026-02-01\n`]);
    expect(rows.map((r) => [r.line, r.result?.status ?? r.error])).toEqual([
      [1, 'claims.csv:1: 302 fields: at most 256 a line'],
      [2, 'valid'],
    ]);
  });

  it('takes the header on the line after a first line over the limit', async () => {
    const rows = await collect([`${'x'.repeat(70_000)}\nDOS,HCPCS\n2020-08-01,C9041\n`]);
    expect(rows.map((r) => [r.line, r.result?.status ?? r.error])).toEqual([
      [1, 'claims.csv:1: longer than 65536 bytes'],
      [3, 'terminated'],
    ]);
  });
});
