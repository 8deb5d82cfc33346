/**
 * Bad input to search, in process, over every sample release: a clear message or an empty result,
 * never a crash or a syntax error (nothing in a query is syntax).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HcpcsError } from '../src/errors.js';
import { searchCodes } from '../src/search/search-codes.js';
import type { HcpcsStore } from '../src/store/store.js';
import { openSampleStore } from './support/cms.js';

let store: HcpcsStore;
beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-search-cache-'));
  store = openSampleStore();
});
afterAll(() => store.close());

describe('queries that ask for nothing give an empty result', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['!!!', '!!!'],
    ['"', '"'],
    ['*', '*'],
    ['--', '--'],
    ['()', '()'],
    ['"*"', '"*"'],
    ['\u0000\u0007\u001b', ''],
    ['\ufffd\ufffd', ''],
  ])('%j', (query, cleaned) => {
    expect(searchCodes(store, query)).toEqual({
      total: 0,
      hits: [],
      release: '2026-01_v1',
      partial: false,
      query: cleaned,
    });
  });
});

describe('FTS and SQL syntax are plain words', () => {
  it('NEAR( finds words starting with "near"', () => {
    const result = searchCodes(store, 'NEAR(', { limit: 50 });
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.matched.some((w) => w.startsWith('near')))).toBe(true);
  });
  it('OR is a word, not an operator: "hemin OR insulin" needs both', () => {
    const result = searchCodes(store, 'hemin OR insulin');
    expect(result.partial).toBe(true);
    expect(result.hits.every((h) => h.partial)).toBe(true);
  });
  it.each([
    ['"hemin"', 'J1640'],
    ['hemin*', 'J1640'],
    ["hemin' OR 1=1 --", 'J1640'],
    ['hemin; DROP TABLE records', 'J1640'],
    ['NEAR(hemin 1 mg)', 'J1640'],
    ['-hemin', 'J1640'],
  ])('%j still finds %s first', (query, code) => {
    expect(searchCodes(store, query).hits[0]?.code).toBe(code);
  });
});

describe('broken text', () => {
  it('control characters separate words', () => {
    expect(searchCodes(store, '\u0000hemin\u0007').hits[0]?.code).toBe('J1640');
    expect(searchCodes(store, 'standard\twheelchair\n').hits[0]?.code).toBe('K0001');
  });
  it('invalid UTF-8 (decoded to U+FFFD) and lone surrogates separate words', () => {
    const decoded = Buffer.from([0x68, 0x65, 0x6d, 0x69, 0x6e, 0xff, 0xfe]).toString('utf8');
    expect(decoded).toBe('hemin\ufffd\ufffd');
    expect(searchCodes(store, decoded).hits[0]?.code).toBe('J1640');
    expect(searchCodes(store, '\ud800hemin\udc00').hits[0]?.code).toBe('J1640');
  });
  it('emoji and other scripts are no words, and do no harm', () => {
    expect(searchCodes(store, '🦽 standard wheelchair').hits[0]?.code).toBe('K0001');
    expect(searchCodes(store, 'ώдж中文').total).toBe(0);
  });
});

describe('long queries', () => {
  it('10,000 characters: a usage error that names the parameter and the limit', () => {
    let error: unknown;
    try {
      searchCodes(store, 'wheelchair '.repeat(910));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HcpcsError);
    expect((error as HcpcsError).code).toBe('HCPCS_E_USAGE');
    expect((error as HcpcsError).message).toBe('query: 10010 characters is too long; at most 1000');
  });
  it('up to the limit: answered (only the first 32 words count)', () => {
    const query = `standard wheelchair ${'wheelchair '.repeat(90)}`.slice(0, 1000);
    expect(query).toHaveLength(1000);
    const result = searchCodes(store, query);
    expect(result.hits[0]?.code).toBe('K0001');
  });
  it('a query that is not text: a usage error', () => {
    expect(() => searchCodes(store, 42 as never)).toThrow('query: must be text');
  });
});
