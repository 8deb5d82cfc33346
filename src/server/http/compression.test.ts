/**
 * Accept-Encoding negotiation (RFC 9110 §12.5.3): q-values, `*`, q=0 as "not acceptable", and
 * gzip first among equals. The same answer decides compression and which kept answer is sent.
 */
import { describe, expect, it } from 'vitest';
import { negotiatedEncoding } from './compression.js';

describe('negotiatedEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['br', undefined],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['gzip, deflate, br, zstd', 'gzip'],
    ['deflate, gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['gzip;q=0.5, deflate', 'deflate'],
    ['gzip;q=0, deflate;q=0.1', 'deflate'],
    ['gzip;q=0', undefined],
    ['*', 'gzip'],
    ['*;q=0.3, gzip;q=0', 'deflate'],
    ['br;q=1, *;q=0', undefined],
  ] as const)('%j -> %j', (header, coding) => {
    expect(negotiatedEncoding(header)).toBe(coding);
    // Asked again (remembered), the same.
    expect(negotiatedEncoding(header)).toBe(coding);
  });
});
