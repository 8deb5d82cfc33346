/**
 * The kept answers: bounded in bytes, least recently used out first (second-chance clock), emptied
 * by a new data version, and the front path (keptAnswer) only for plain GETs in the exact header
 * variant kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../test/support/cms.js';
import { HcpcsStore } from '../../store/store.js';
import {
  AnswerCache,
  ENTRY_OVERHEAD_BYTES,
  entryBytes,
  keptAnswer,
  MAX_ENTRY_BYTES,
  MAX_KEPT_TARGET_LENGTH,
} from './cache.js';

const store = HcpcsStore.open(tempDbPath());
afterAll(() => store.close());

const NO_HEADERS = { accept: undefined, origin: undefined, acceptEncoding: undefined };

function answer(bytes: number, text = 'x') {
  return {
    body: new Uint8Array(Buffer.alloc(bytes, text)) as Uint8Array<ArrayBuffer>,
    headers: [['content-type', 'application/json']] as [string, string][],
  };
}

/** The bytes an entry of `bytes` body bytes under a two-character target costs. */
const entryOf = (bytes: number) => entryBytes(`\n\n\n/a`, answer(bytes));

describe('AnswerCache', () => {
  it('keeps answers up to its byte bound; the oldest not used again go first', () => {
    const cache = new AnswerCache(store, 3 * entryOf(100));
    const key = (target: string) => cache.key(target, NO_HEADERS);
    cache.set('v1', key('/a'), answer(100));
    cache.set('v1', key('/b'), answer(100));
    cache.set('v1', key('/c'), answer(100));
    // /a used again: it gets a second chance, and /b (kept after it, never used) goes for /d.
    expect(cache.get('v1', key('/a'))?.body.byteLength).toBe(100);
    cache.set('v1', key('/d'), answer(100));
    expect(cache.get('v1', key('/b'))).toBeUndefined();
    expect(['/a', '/c', '/d'].map((t) => cache.get('v1', key(t))?.body.byteLength)).toEqual([100, 100, 100]);
    // One larger answer pushes out as many as it needs, used or not, but never itself.
    cache.set('v1', key('/e'), answer(2 * entryOf(100) + 100));
    expect(['/a', '/c', '/d', '/e'].map((t) => cache.get('v1', key(t)) !== undefined)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('replaces an answer under the same key without counting it twice', () => {
    const cache = new AnswerCache(store, 2 * entryOf(100) + 50);
    const key = cache.key('/a', NO_HEADERS);
    cache.set('v1', key, answer(100, 'a'));
    cache.set('v1', key, answer(100, 'b'));
    cache.set('v1', cache.key('/b', NO_HEADERS), answer(100));
    expect(Buffer.from(cache.get('v1', key)?.body ?? []).toString()).toBe('b'.repeat(100));
    expect(cache.bytes).toBe(2 * entryOf(100));
  });

  it('forgets everything when the data version changes', () => {
    const cache = new AnswerCache(store, 10_000);
    const key = cache.key('/a', NO_HEADERS);
    cache.set('v1', key, answer(10));
    expect(cache.get('v2', key)).toBeUndefined();
    cache.set('v2', cache.key('/b', NO_HEADERS), answer(10));
    expect(cache.get('v2', key)).toBeUndefined();
    expect(cache.get('v1', key)).toBeUndefined();
  });

  it('keeps no entry larger than 4 MiB, and nothing at all with a zero bound', () => {
    const cache = new AnswerCache(store, 64 * 1_048_576);
    // The whole entry counts: a body of the bound less the fixed overhead is too large with its
    // key and headers, 200 bytes less fits.
    cache.set('v1', cache.key('/big', NO_HEADERS), answer(MAX_ENTRY_BYTES - ENTRY_OVERHEAD_BYTES));
    expect(cache.get('v1', cache.key('/big', NO_HEADERS)) === undefined).toBe(true);
    cache.set('v1', cache.key('/fits', NO_HEADERS), answer(MAX_ENTRY_BYTES - ENTRY_OVERHEAD_BYTES - 200));
    expect(cache.get('v1', cache.key('/fits', NO_HEADERS)) === undefined).toBe(false);
    const off = new AnswerCache(store, 0);
    off.set('v1', off.key('/a', NO_HEADERS), answer(10));
    expect(off.get('v1', off.key('/a', NO_HEADERS))).toBeUndefined();
  });

  it('keys answers by the headers they vary on: Origin only when CORS names origins', () => {
    const cache = new AnswerCache(store, 10_000, { corsOrigins: ['https://x.example'] });
    const gzip = { ...NO_HEADERS, acceptEncoding: 'gzip' };
    cache.set('v1', cache.key('/a', gzip), answer(10));
    expect(cache.get('v1', cache.key('/a', NO_HEADERS))).toBeUndefined();
    expect(cache.get('v1', cache.key('/a', { ...gzip, origin: 'https://x.example' }))).toBeUndefined();
    expect(cache.get('v1', cache.key('/a', gzip))).toBeDefined();
    // An origin CORS does not allow gets the answer of no Origin (no CORS headers): one entry.
    expect(cache.key('/a', { ...gzip, origin: 'https://evil.example' })).toBe(cache.key('/a', gzip));
    // CORS `*` (no list): the answer is the same whatever the Origin.
    const open = new AnswerCache(store, 10_000);
    expect(open.key('/a', { ...NO_HEADERS, origin: 'https://x.example' })).toBe(open.key('/a', NO_HEADERS));
  });

  it('keys by whether Accept lets JSON through, not by its wording', () => {
    const cache = new AnswerCache(store, 10_000);
    const json = cache.key('/a', { ...NO_HEADERS, accept: 'application/json' });
    expect(cache.key('/a', { ...NO_HEADERS, accept: `${'text/x-junk, '.repeat(500)}*/*` })).toBe(json);
    expect(cache.key('/a', NO_HEADERS)).toBe(json);
    expect(cache.key('/a', { ...NO_HEADERS, accept: 'application/fhir+xml' })).not.toBe(json);
  });

  it('shares one answer between wordings of Accept-Encoding that choose the same coding', () => {
    const cache = new AnswerCache(store, 10_000);
    cache.set(
      'v1',
      cache.key('/a', { ...NO_HEADERS, acceptEncoding: 'gzip, deflate, br, zstd' }),
      answer(10),
    );
    for (const acceptEncoding of ['gzip', 'deflate;q=0.5, gzip', '*'])
      expect(
        cache.get('v1', cache.key('/a', { ...NO_HEADERS, acceptEncoding })),
        acceptEncoding,
      ).toBeDefined();
    for (const acceptEncoding of ['deflate', 'br', 'gzip;q=0', undefined])
      expect(
        cache.get('v1', cache.key('/a', { ...NO_HEADERS, acceptEncoding })),
        acceptEncoding,
      ).toBeUndefined();
  });
});

describe('AnswerCache bound (unique or oversized keys must not exhaust the heap)', () => {
  const bound = 100_000;
  const accept = 'text/plain;q=0.1, '.repeat(390); // 6.6 KB
  const headers = Array.from(
    { length: 12 },
    (_, i) => [`x-header-${i}`, 'v'.repeat(100)] as [string, string],
  );
  const headerCharacters = headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0);

  it('counts keys and kept headers, not only bodies: unique targets and a huge Accept stay under the bound', () => {
    const cache = new AnswerCache(store, bound);
    const keyOf = (i: number) =>
      cache.key(`/api/search?q=zzqqxx${i}&limit=${'9'.repeat(800)}`, { ...NO_HEADERS, accept });
    for (let i = 0; i < 500; i++) cache.set('v1', keyOf(i), { ...answer(100), headers });
    let held = 0;
    let counted = 0;
    for (let i = 0; i < 500; i++) {
      const key = keyOf(i);
      if (key === undefined || cache.get('v1', key) === undefined) continue;
      // What an entry holds at the very least: its key's and headers' characters and its body.
      held += key.length + headerCharacters + 100;
      counted += entryBytes(key, { ...answer(100), headers });
    }
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(bound);
    expect(cache.bytes).toBe(counted);
    expect(cache.bytes).toBeLessThanOrEqual(bound);
  });

  it(`keeps no answer to a target longer than ${MAX_KEPT_TARGET_LENGTH} characters`, () => {
    const cache = new AnswerCache(store, bound);
    const long = `/api/search?q=zzqqxx&_p=${'a'.repeat(8_000)}`;
    expect(cache.key(long, NO_HEADERS)).toBeUndefined();
    cache.set('v1', cache.key(long, NO_HEADERS), answer(10));
    expect(cache.size).toBe(0);
    expect(keptAnswer(cache, 'GET', long, {})).toBeUndefined();
    expect(cache.key('/a'.padEnd(MAX_KEPT_TARGET_LENGTH, 'a'), NO_HEADERS)).toBeDefined();
  });
});

describe('keptAnswer (the front path)', () => {
  const cache = new AnswerCache(store, 10_000);
  const version = cache.version();
  cache.set(version, cache.key('/api/releases', NO_HEADERS), answer(7));

  it('answers a plain GET with the kept headers, its ETag and its length', () => {
    const kept = keptAnswer(cache, 'GET', '/api/releases', {});
    expect(kept?.body.byteLength).toBe(7);
    expect(kept?.headers).toEqual([
      'content-type',
      'application/json',
      'etag',
      cache.etag(version, '/api/releases'),
      'content-length',
      '7',
    ]);
  });

  it('leaves conditional requests, other methods, other variants and unknown targets to the app', () => {
    expect(keptAnswer(cache, 'GET', '/api/releases', { 'if-none-match': '*' })).toBeUndefined();
    expect(keptAnswer(cache, 'HEAD', '/api/releases', {})).toBeUndefined();
    expect(keptAnswer(cache, 'POST', '/api/releases', {})).toBeUndefined();
    expect(keptAnswer(cache, 'GET', '/api/releases', { 'accept-encoding': 'gzip' })).toBeUndefined();
    expect(keptAnswer(cache, 'GET', '/api/releases?x=1', {})).toBeUndefined();
    expect(keptAnswer(cache, 'GET', undefined, {})).toBeUndefined();
  });
});
