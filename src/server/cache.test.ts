/**
 * The kept answers: bounded in bytes, least recently used out first (second-chance clock), emptied
 * by a new data version, and the front path (keptAnswer) only for plain GETs in the exact header
 * variant kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { HcpcsStore } from '../store/store.js';
import { AnswerCache, keptAnswer } from './cache.js';

const store = HcpcsStore.open(tempDbPath());
afterAll(() => store.close());

const NO_HEADERS = { accept: undefined, origin: undefined, acceptEncoding: undefined };

function answer(bytes: number, text = 'x') {
  return {
    body: new Uint8Array(Buffer.alloc(bytes, text)) as Uint8Array<ArrayBuffer>,
    headers: [['content-type', 'application/json']] as [string, string][],
  };
}

describe('AnswerCache', () => {
  it('keeps answers up to its byte bound; the oldest not used again go first', () => {
    const cache = new AnswerCache(store, 300);
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
    cache.set('v1', key('/e'), answer(250));
    expect(['/a', '/c', '/d', '/e'].map((t) => cache.get('v1', key(t)) !== undefined)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('replaces an answer under the same key without counting it twice', () => {
    const cache = new AnswerCache(store, 250);
    const key = cache.key('/a', NO_HEADERS);
    cache.set('v1', key, answer(100, 'a'));
    cache.set('v1', key, answer(100, 'b'));
    cache.set('v1', cache.key('/b', NO_HEADERS), answer(100));
    expect(Buffer.from(cache.get('v1', key)?.body ?? []).toString()).toBe('b'.repeat(100));
  });

  it('forgets everything when the data version changes', () => {
    const cache = new AnswerCache(store, 1_000);
    const key = cache.key('/a', NO_HEADERS);
    cache.set('v1', key, answer(10));
    expect(cache.get('v2', key)).toBeUndefined();
    cache.set('v2', cache.key('/b', NO_HEADERS), answer(10));
    expect(cache.get('v2', key)).toBeUndefined();
    expect(cache.get('v1', key)).toBeUndefined();
  });

  it('keeps nothing larger than 1 MiB, and nothing at all with a zero bound', () => {
    const cache = new AnswerCache(store, 64 * 1_048_576);
    cache.set('v1', cache.key('/big', NO_HEADERS), answer(1_048_577));
    expect(cache.get('v1', cache.key('/big', NO_HEADERS))).toBeUndefined();
    const off = new AnswerCache(store, 0);
    off.set('v1', off.key('/a', NO_HEADERS), answer(10));
    expect(off.get('v1', off.key('/a', NO_HEADERS))).toBeUndefined();
  });

  it('keys answers by the headers they vary on', () => {
    const cache = new AnswerCache(store, 1_000);
    const gzip = { ...NO_HEADERS, acceptEncoding: 'gzip' };
    cache.set('v1', cache.key('/a', gzip), answer(10));
    expect(cache.get('v1', cache.key('/a', NO_HEADERS))).toBeUndefined();
    expect(cache.get('v1', cache.key('/a', { ...gzip, origin: 'https://x.example' }))).toBeUndefined();
    expect(cache.get('v1', cache.key('/a', gzip))).toBeDefined();
  });

  it('shares one answer between wordings of Accept-Encoding that choose the same coding', () => {
    const cache = new AnswerCache(store, 1_000);
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

describe('keptAnswer (the front path)', () => {
  const cache = new AnswerCache(store, 1_000);
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
