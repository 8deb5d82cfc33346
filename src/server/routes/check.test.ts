import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../../test/support/cms.js';
import type { BatchRow } from '../../history/index.js';
import { ndjsonRows } from './check.js';

const store = useSampleStore();

/** The rows of `parts`, each with how many bytes the reader had asked for when it came. */
async function rowsOf(parts: Uint8Array[]) {
  let given = 0;
  async function* source() {
    for (const part of parts) {
      given += part.byteLength;
      yield part;
    }
  }
  const rows: { row: BatchRow; given: number }[] = [];
  for await (const row of ndjsonRows(store, source())) rows.push({ row, given });
  return rows;
}

const summary = (rows: { row: BatchRow }[]) =>
  rows.map(({ row }) => [row.line, row.result?.status ?? row.error]);

/** A JSON line of exactly `bytes` bytes checking J1640. */
const lineOf = (bytes: number) => {
  const head = '{"code":"J1640","date":"2026-02-01","note":"';
  return `${head}${'a'.repeat(bytes - head.length - 2)}"}`;
};

describe('ndjsonRows bounds (one oversized line)', () => {
  it('answers a 5 MB modifiers line as soon as it passes 64 KiB, then the next line', async () => {
    const chunk = Buffer.from('"LT",'.repeat(13_108).slice(0, 65_536));
    const head = Buffer.from('{"code":"J1640","modifiers":[');
    const rows = await rowsOf([
      head,
      ...Array(80).fill(chunk),
      Buffer.from('"LT"]}\n{"code":"J1640","date":"2026-02-01"}\n'),
    ]);
    expect(summary(rows)).toEqual([
      [1, 'line 1: longer than 65536 bytes'],
      [2, 'valid'],
    ]);
    // Answered with the first chunk that takes the line past the limit, long before its end.
    expect(rows[0]?.given).toBe(head.byteLength + 65_536);
  });

  it('takes a line of exactly 64 KiB and refuses one byte more, however the bytes are cut', async () => {
    const body = Buffer.from(`${lineOf(65_536)}\r\n${lineOf(65_537)}\n\n{"code":"é"}`);
    for (const size of [1_000, 65_536, 70_000, body.byteLength]) {
      const parts = Array.from({ length: Math.ceil(body.byteLength / size) }, (_, i) =>
        body.subarray(i * size, (i + 1) * size),
      );
      expect(summary(await rowsOf(parts))).toEqual([
        [1, 'valid'],
        [2, 'line 2: longer than 65536 bytes'],
        [4, 'malformed'],
      ]);
    }
  });

  it('answers a line with more than 10 modifiers by their count', async () => {
    const rows = await rowsOf([
      Buffer.from(
        `{"code":"J1640","modifiers":["LT","RT",1,2,3,4,5,6,7,8,9]}\n{"code":"J1640","modifier":"LT"}`,
      ),
    ]);
    expect(summary(rows)).toEqual([
      [1, 'line 1: 11 modifiers: at most 10 a line'],
      [2, 'valid'],
    ]);
    expect(rows[0]?.row.modifiers).toEqual(['LT', 'RT']);
  });
});
