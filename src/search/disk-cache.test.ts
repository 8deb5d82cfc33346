/**
 * The disk copies of derived values: found again by the same key, derived again when the key
 * changes or the copy is broken, never an error.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSampleStore, tempDbPath } from '../../test/support/cms.js';
import {
  correctionsFile,
  correctionsWorkbook,
  testRecord,
  testRelease,
} from '../../test/support/fixtures.js';
import { HcpcsStore } from '../store/store.js';
import { cached } from './disk-cache.js';
import { indexFor, searchCodes } from './search-codes.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcpcs-disk-cache-'));
  process.env.HCPCS_SEARCH_CACHE = dir;
});

const json = {
  encode: (v: unknown) => Buffer.from(JSON.stringify(v)),
  decode: (b: Buffer) => JSON.parse(b.toString('utf8')) as unknown,
};

describe('cached', () => {
  it('derives once, then reads the copy; a new key derives again and replaces the old copy', () => {
    let derived = 0;
    const derive = () => ({ n: ++derived });
    expect(cached('thing', ['a'], json.encode, json.decode, derive)).toEqual({ n: 1 });
    expect(cached('thing', ['a'], json.encode, json.decode, derive)).toEqual({ n: 1 });
    expect(cached('thing', ['b'], json.encode, json.decode, derive)).toEqual({ n: 2 });
    expect(readdirSync(dir).filter((f) => f.startsWith('thing-'))).toHaveLength(1);
  });
  it('derives again when the copy is broken', () => {
    cached('broken', ['a'], json.encode, json.decode, () => 1);
    const [file] = readdirSync(dir).filter((f) => f.startsWith('broken-'));
    writeFileSync(join(dir, file as string), '{not json');
    expect(cached('broken', ['a'], json.encode, json.decode, () => 2)).toBe(2);
  });
  it('derives without a copy when the folder cannot be made', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    process.env.HCPCS_SEARCH_CACHE = join(file, 'cache'); // under a file: ENOTDIR
    expect(cached('x', ['a'], json.encode, json.decode, () => 3)).toBe(3);
  });
});

describe('the index on disk', () => {
  it('a second store (as a new process would) reads the index the first built, with equal results', () => {
    const first = openSampleStore();
    const built = indexFor(first, '2026-01_v1');
    first.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('index-2026-01_v1-'))).toHaveLength(1);
    const second = openSampleStore();
    const loaded = indexFor(second, '2026-01_v1');
    expect(loaded).not.toBe(built);
    expect(loaded.terms).toEqual(built.terms);
    expect(loaded.stats).toEqual(built.stats);
    expect(searchCodes(second, 'abelcet').hits.map((h) => [h.code, h.via])).toEqual([
      ['J0287', 'drug-table'],
      ['J0289', 'drug-table'],
      ['J0288', 'drug-table'],
    ]);
    second.close();
  });

  it("a release its corrections read with other releases' records: a release imported later makes a new copy", () => {
    const path = tempDbPath();
    const first = HcpcsStore.open(path);
    const x8008 = (description: string) => testRecord('X8008', description, { addedDate: '2020-01-01' });
    first.importRelease({
      ...testRelease('2040-01', [x8008('At least two orders for the same high-risk medication')]),
      files: [
        correctionsFile(
          'HCPC2040_Corrections_ALPHA.xlsx',
          correctionsWorkbook([
            ['X8008', 'Should not have been updated - revert back to 2039 description', null],
          ]),
        ),
      ],
    });
    // No 2039 release yet: the words stay words, and the index (and its copy) has the file's words.
    expect(searchCodes(first, 'doohickey', { release: '2040-01_v1' }).hits).toEqual([]);
    first.importRelease(testRelease('2039-10', [x8008('Doohickey, first of its kind')]));
    first.close();
    // A new process: the copy of 2040-01's index made before 2039-10 came is not the one it reads.
    const second = HcpcsStore.open(path);
    expect(searchCodes(second, 'doohickey', { release: '2040-01_v1' }).hits.map((h) => h.code)).toEqual([
      'X8008',
    ]);
    second.close();
  });
});
