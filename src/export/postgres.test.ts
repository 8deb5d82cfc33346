import { describe, expect, it } from 'vitest';
import type { ExportTable } from './dataset.js';
import { copyRows, copyStatement } from './postgres.js';

const table: ExportTable = {
  name: 'codes',
  description: 'test',
  primaryKey: ['code'],
  columns: [
    { name: 'code', type: 'text', nullable: false, description: '' },
    { name: 'list', type: 'text[]', nullable: false, description: '' },
    { name: 'flag', type: 'boolean', nullable: true, description: '' },
    { name: 'n', type: 'integer', nullable: true, description: '' },
  ],
  rows: [
    ['A\tB\\C\nD\rE', ['x "y"', 'back\\slash', ''], true, 7],
    ['\\.', [], null, null],
  ],
};

describe('PostgreSQL COPY text', () => {
  it('escapes tabs, line ends and backslashes; arrays as quoted literals; \\N for null', () => {
    expect([...copyRows(table)].join('')).toBe(
      'A\\tB\\\\C\\nD\\rE\t{"x \\\\"y\\\\"","back\\\\\\\\slash",""}\tt\t7\n\\\\.\t{}\t\\N\t\\N\n',
    );
  });

  it('names the columns it copies', () => {
    expect(copyStatement(table)).toBe('COPY hcpcs.codes (code, list, flag, n) FROM STDIN');
  });
});
