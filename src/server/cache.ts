/**
 * Caching of read answers. The data changes only on import, so a GET answer is a function of the
 * URL and the data version. Hence: the ETag is computed BEFORE answering (a weak tag of data
 * version and URL) and a matching If-None-Match gets 304 without any work; every 200 carries the
 * ETag and Cache-Control; and the bodies of recent answers are kept in memory (least recently used
 * first out, bounded in bytes), so a repeated request costs a map lookup, not a query. A new data
 * version empties the cache. Errors, streamed answers and answers marked no-cache are never kept.
 */
import type { MiddlewareHandler } from 'hono';
import { releaseCatalog } from '../fhir/release-catalog.js';
import type { HcpcsStore } from '../store/store.js';

/** How long clients and proxies may reuse an answer before revalidating (seconds). */
export const MAX_AGE = 300;
/** Default memory for kept answers. */
export const DEFAULT_CACHE_BYTES = 64 * 1_048_576;
/** Larger answers are not kept (a whole CodeSystem with concepts is several MB). */
const MAX_ENTRY_BYTES = 1_048_576;
const CACHE_CONTROL = `public, max-age=${MAX_AGE}`;

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.slice(2);
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === etag || tag === bare || tag === `W/${bare}`;
  });
}

interface Kept {
  /** A Uint8Array, which @hono/node-server writes straight to the socket. */
  readonly body: Uint8Array<ArrayBuffer>;
  readonly headers: [string, string][];
}

/** A byte-bounded LRU of answer bodies, emptied when the data version changes. */
class AnswerCache {
  readonly #max: number;
  #version = '';
  #bytes = 0;
  readonly #entries = new Map<string, Kept>();

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  get(version: string, key: string): Kept | undefined {
    if (version !== this.#version) return undefined;
    const kept = this.#entries.get(key);
    if (kept) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
    }
    return kept;
  }

  set(version: string, key: string, kept: Kept): void {
    if (version !== this.#version) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#version = version;
    }
    this.#entries.set(key, kept);
    this.#bytes += kept.body.byteLength;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#max) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.byteLength;
    }
  }
}

function keepable(res: Response): boolean {
  const cacheControl = res.headers.get('Cache-Control');
  const type = res.headers.get('Content-Type') ?? '';
  const length = Number(res.headers.get('Content-Length') ?? 0);
  return (
    res.status === 200 &&
    !res.headers.has('Content-Encoding') &&
    (cacheControl === null || cacheControl === CACHE_CONTROL) &&
    /json|csv/.test(type) &&
    !type.includes('ndjson') &&
    length <= MAX_ENTRY_BYTES
  );
}

/**
 * ETag, 304, Cache-Control and kept answers for GET and HEAD; `maxBytes` 0 keeps no answers.
 * @example app.use('/api/*', cachedGet(store, DEFAULT_CACHE_BYTES))
 */
export function cachedGet(store: HcpcsStore, maxBytes: number): MiddlewareHandler {
  const cache = maxBytes > 0 ? new AnswerCache(maxBytes) : undefined;
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const url = c.req.url;
    const target = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    const version = releaseCatalog(store).dataVersion;
    const etag = `W/"${version}-${fnv1a(target)}"`;
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && matches(ifNoneMatch, etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': CACHE_CONTROL });
    }
    // Accept decides formats and Origin the CORS headers kept with the answer: both in the key.
    const key = `${c.req.header('accept') ?? ''}\n${c.req.header('origin') ?? ''}\n${target}`;
    const kept = cache?.get(version, key);
    if (kept) {
      const res = new Response(kept.body, { status: 200, headers: kept.headers });
      res.headers.set('ETag', etag);
      return res;
    }
    await next();
    const res = c.res;
    if (res.status !== 200) return;
    res.headers.set('ETag', etag);
    if (!res.headers.has('Cache-Control')) res.headers.set('Cache-Control', CACHE_CONTROL);
    const vary = res.headers.get('Vary');
    if (!vary || !/accept-encoding/i.test(vary))
      res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (cache && keepable(res)) {
      const body = new Uint8Array(await res.arrayBuffer());
      const headers = [...res.headers].filter(([name]) => name !== 'content-length');
      // Replaced whole: Hono's setter would otherwise merge headers through a stream copy.
      c.res = undefined;
      c.res = new Response(body, { status: 200, headers });
      if (body.byteLength <= MAX_ENTRY_BYTES) {
        cache.set(version, key, { body, headers: headers.filter(([name]) => name !== 'etag') });
      }
    }
  };
}
