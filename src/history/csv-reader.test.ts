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
