import { describe, expect, it } from 'vitest';
import { CsvReader } from './csv-reader.js';

function readAll(chunks: string[]) {
  const reader = new CsvReader();
  return [...chunks.flatMap((c) => reader.push(c)), ...reader.end()];
}

describe('CsvReader', () => {
  const text = '\uFEFFcode,date,modifiers\r\nJ1412,2024-01-15,"LT,RT"\r\n"A""1",,\n"multi\nline",x,y';
  const expected = [
    { line: 1, fields: ['code', 'date', 'modifiers'] },
    { line: 2, fields: ['J1412', '2024-01-15', 'LT,RT'] },
    { line: 3, fields: ['A"1', '', ''] },
    { line: 4, fields: ['multi\nline', 'x', 'y'] },
  ];

  it('reads quotes, doubled quotes, CRLF, a BOM and a quoted line break', () => {
    expect(readAll([text])).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(readAll(chunks)).toEqual(expected);
    }
  });

  it('reports an unterminated quote at the line it opened on', () => {
    expect(readAll(['a,b\n"open,c\nmore'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['open,c\nmore'], error: 'a quoted field opened on line 2 is never closed' },
    ]);
  });
});

/** `text` fed in chunks of `size` characters, the records of each push kept apart. */
function pushes(reader: CsvReader, text: string, size: number) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(reader.push(text.slice(i, i + size)));
  return out;
}

describe('CsvReader bounds (one oversized line)', () => {
  const huge = 'x'.repeat(5_000_000);

  it('answers a line over 64 KiB with an error at its line and reads the next lines', () => {
    expect(readAll([`a,b\n${huge}\nc,d\n`])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: 'longer than 65536 bytes' },
      { line: 3, fields: ['c', 'd'] },
    ]);
  });

  it('reports a long line as soon as it passes the limit, holding nothing of it', () => {
    const reader = new CsvReader();
    const records = pushes(reader, `a,b\n${huge}\nc,d\n`, 65_536);
    // The second push holds bytes 65,533 to 131,068 of the long line: it passes the limit there,
    // long before its end (in the last push), so the reader did not wait for the end to drop it.
    expect(records[0]).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(records[1]).toEqual([{ line: 2, fields: [], error: 'longer than 65536 bytes' }]);
    expect(records.slice(2, -1).flat()).toEqual([]);
    expect(records.at(-1)).toEqual([{ line: 3, fields: ['c', 'd'] }]);
  });

  it('answers a line of 5 MB of commas by its length, not by 5 million fields', () => {
    expect(readAll([`${','.repeat(5_000_000)}\r\nc,d`])).toEqual([
      { line: 1, fields: [], error: 'longer than 65536 bytes' },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('ends an unterminated quote at the limit, at the line it opened on, and resyncs at the next line', () => {
    const swallowed = 'J1640,2026-01-01\n'.repeat(5_000); // 85,000 bytes inside the open quote
    const records = readAll([`code,date\nJ1412,"2026\n${swallowed}Z9999,2026-02-01\n`]);
    expect(records.slice(0, 2)).toEqual([
      { line: 1, fields: ['code', 'date'] },
      {
        line: 2,
        fields: [],
        error: 'longer than 65536 bytes (a quoted field opened on line 2 is not closed within them)',
      },
    ]);
    // Line 2 gives the record 12 bytes (`J1412,"2026` and its line break), each swallowed line 17:
    // byte 65,537 falls in line 3 + floor((65,537 - 12 - 1) / 17) = 3,857; reading resumes at 3,858.
    expect(records[2]).toEqual({ line: 3_858, fields: ['J1640', '2026-01-01'] });
    expect(records.at(-1)).toEqual({ line: 5_003, fields: ['Z9999', '2026-02-01'] });
    expect(records).toHaveLength(2 + (5_002 - 3_858) + 1 + 1);
  });

  it('counts UTF-8 bytes and takes a record of exactly the limit, whatever the chunks', () => {
    const text = 'é,abcdef\nab,cdefghij\nabcdefghij\n"é,\n,"\n';
    for (let size = 1; size <= 9; size++) {
      const reader = new CsvReader({ maxLineBytes: 10, maxFields: 3 });
      expect([...pushes(reader, text, size).flat(), ...reader.end()]).toEqual([
        { line: 1, fields: ['é', 'abcdef'] },
        { line: 2, fields: [], error: 'longer than 10 bytes' },
        { line: 3, fields: ['abcdefghij'] },
        { line: 4, fields: ['é,\n,'] },
      ]);
    }
  });

  it('answers a record with too many fields by their count and keeps the first ones', () => {
    const reader = new CsvReader({ maxLineBytes: 100, maxFields: 3 });
    expect([...reader.push('a,b,c,d,e\nf,g\n'), ...reader.end()]).toEqual([
      { line: 1, fields: ['a', 'b', 'c'], error: '5 fields: at most 3 a line' },
      { line: 2, fields: ['f', 'g'] },
    ]);
  });

  it('reads the default field limit as 256', () => {
    expect(readAll([`${'a,'.repeat(299)}a\nb\n`])).toEqual([
      { line: 1, fields: Array(256).fill('a'), error: '300 fields: at most 256 a line' },
      { line: 2, fields: ['b'] },
    ]);
  });
});
