/**
 * Caching of read answers. The data changes only on import, so a GET answer is a function of the
 * URL and the data version. Hence: the ETag is computed BEFORE answering (a weak tag of data
 * version and URL) and a matching If-None-Match gets 304 without any work; every 200 carries the
 * ETag and Cache-Control; and the bodies of recent answers are kept in memory (bounded in bytes;
 * the least recently used go first, by the second-chance "clock" approximation of LRU), so a
 * repeated request costs a map lookup, not a query. A new data version empties the cache. Errors,
 * streamed answers and answers marked no-cache are never kept.
 *
 * The bound counts the whole entry, not only its body: the key, the kept headers, the header list
 * written to the socket and a fixed estimate of the objects around them (with only the
 * bodies counted, 50 clients sending unique 8 KB targets and 6.6 KB Accept headers exhausted the
 * heap in ~130 s). And what a key may hold is limited, so that a client cannot make entries large
 * or make every request a new one: the target is kept only up to {@link MAX_KEPT_TARGET_LENGTH}
 * characters and only when the route reads every query parameter in it ({@link routeQuery});
 * Accept-Encoding, Accept and Origin enter the key as what they select (a coding, JSON or not,
 * an allowed origin), never as the client worded them.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { HcpcsStore } from '../../store/store.js';
import { negotiatedEncoding } from './compression.js';
import { acceptsJson } from './security.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The query parameters the matched route reads (see {@link routeQuery}). */
    routeQuery: ReadonlySet<string>;
    /** Set when the answer depends on more than the key holds (see {@link notToKeep}). */
    notToKeep: true;
  }
}

/** How long clients and proxies may reuse an answer before revalidating (seconds). */
export const MAX_AGE = 300;
/** Default memory for kept answers. */
export const DEFAULT_CACHE_BYTES = 64 * 1_048_576;
/**
 * Larger entries are not kept: an unfiltered $expand (2 MB) is, so that asking it again costs no
 * build; a whole CodeSystem with concepts (8 MB) is kept apart (routes/fhir/whole-code-systems.ts).
 */
export const MAX_ENTRY_BYTES = 4 * 1_048_576;
/**
 * Longer targets (path and query) are answered but not kept: a key stays small, and the answers
 * worth keeping (a code, a search, a FHIR operation) have short targets. A batch of 1,000 codes in
 * `GET /api/codes?codes=` is longer, is rarely asked twice, and still gets its ETag and 304.
 */
export const MAX_KEPT_TARGET_LENGTH = 1_024;
/**
 * What an entry costs besides its strings and body bytes: the Map slot, the entry object, the
 * [name, value] pairs, the wire list, the ETag and length strings, the Buffer and its ArrayBuffer
 * (with malloc's rounding). Measured on Node 20 x64 (heap and ArrayBuffer bytes after gc, 50,000
 * entries shaped as a code lookup's: 9 headers, 200-byte body): 2,787 bytes an entry, of which
 * 506 are characters and body, and {@link entryBytes} counts 3,036 with this estimate.
 */
export const ENTRY_OVERHEAD_BYTES = 2_048;
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
  /**
   * Bytes @hono/node-server and the front path write straight to the socket; a Buffer (over the
   * answer's own ArrayBuffer, no copy) spares node:http converting a plain Uint8Array each time.
   */
  readonly body: Uint8Array<ArrayBuffer>;
  /** Every header of the answer as sent (security, CORS, Vary ...), but ETag and Content-Length. */
  readonly headers: [string, string][];
  /**
   * All headers as the flat [name, value, ...] list node:http writes without re-validating an
   * object, ETag and Content-Length included; built on the first repeat. An entry is per target
   * and per data version (the cache empties when the version changes), so it never goes stale.
   */
  wire?: string[];
  /** Used since the eviction sweep last passed it: spared once, then moved to the newest end. */
  used?: boolean;
}

/**
 * The memory an entry holds, as the bound counts it: every string at two bytes a character (V8
 * keeps a string with any non-Latin-1 character at two), the wire list's slots (8 bytes each; it
 * shares the header strings), the body, and {@link ENTRY_OVERHEAD_BYTES}.
 */
export function entryBytes(key: string, kept: Pick<Kept, 'body' | 'headers'>): number {
  let characters = key.length;
  for (const [name, value] of kept.headers) characters += name.length + value.length;
  const wireSlots = 2 * kept.headers.length + 4;
  return ENTRY_OVERHEAD_BYTES + 2 * characters + 8 * wireSlots + kept.body.byteLength;
}

/** The request headers an answer depends on besides its URL: what they select is part of the key. */
export interface KeyHeaders {
  readonly accept: string | undefined;
  readonly origin: string | undefined;
  readonly acceptEncoding: string | undefined;
}

/** Whose answers differ by Origin: with a list of allowed origins, CORS answers name the origin. */
export interface AnswerCacheOptions {
  /**
   * The origins CORS allows by name; an Origin not in it gets the same answer as none. Without a
   * list (CORS `*` or off) every Origin gets the same answer and Origin is not part of the key.
   */
  readonly corsOrigins?: readonly string[];
}

/**
 * The answers kept in memory: an LRU bounded in bytes (whole entries, see {@link entryBytes}),
 * keyed by request target and what the headers answers vary on select, emptied when the data
 * version changes.
 */
export class AnswerCache {
  readonly #store: HcpcsStore;
  readonly #max: number;
  readonly #corsOrigins: ReadonlySet<string> | undefined;
  #version = '';
  #bytes = 0;
  readonly #entries = new Map<string, Kept>();
  /** The data version asked this event-loop turn (see {@link version}). */
  #turnVersion: string | undefined;

  constructor(store: HcpcsStore, maxBytes: number, options: AnswerCacheOptions = {}) {
    this.#store = store;
    this.#max = maxBytes;
    this.#corsOrigins = options.corsOrigins && new Set(options.corsOrigins);
  }

  /** The bytes the kept entries hold, as the bound counts them (never above the bound). */
  get bytes(): number {
    return this.#bytes;
  }

  /** How many answers are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** False when the cache is switched off (no bytes): answers are then not even copied for it. */
  get keeps(): boolean {
    return this.#max > 0;
  }

  /**
   * The current data version (changes on import), asked of the store once per event-loop turn:
   * asking costs a SQLite call (~5 µs, a tenth of a kept answer's whole cost under load) and one
   * turn serves many requests. An import committed meanwhile is seen from the next turn on, as if
   * it had committed at the end of this one; answers kept under the old version are never served.
   */
  version(): string {
    if (this.#turnVersion === undefined) {
      this.#turnVersion = this.#store.catalog().dataVersion;
      setImmediate(() => {
        this.#turnVersion = undefined;
      });
    }
    return this.#turnVersion;
  }

  /** The weak ETag of a request target (path and query) under a data version. */
  etag(version: string, target: string): string {
    return `W/"${version}-${fnv1a(target)}"`;
  }

  /**
   * The key of a request, or undefined when its answer is not to be kept (a target longer than
   * {@link MAX_KEPT_TARGET_LENGTH}). Answers differ by content coding, not by how Accept-Encoding
   * words it; by whether Accept lets JSON through (FHIR refuses XML-only with 406), not by its
   * wording; by Origin only when CORS names allowed origins: the key holds what they select, so
   * its length is bounded by the target's.
   */
  key(target: string, headers: KeyHeaders): string | undefined {
    if (target.length > MAX_KEPT_TARGET_LENGTH) return undefined;
    const origin =
      headers.origin !== undefined && this.#corsOrigins?.has(headers.origin) ? headers.origin : '';
    return `${acceptsJson(headers.accept) ? '' : 'no-json'}\n${origin}\n${negotiatedEncoding(headers.acceptEncoding) ?? ''}\n${target}`;
  }

  get(version: string, key: string | undefined): Kept | undefined {
    if (key === undefined || version !== this.#version || this.#max === 0) return undefined;
    const kept = this.#entries.get(key);
    // A hit only marks the answer (clock, not strict LRU): reordering the map on every hit cost
    // more than the rest of answering from memory (bench:http, ~2.5 µs of ~30 µs a request).
    if (kept) kept.used = true;
    return kept;
  }

  set(version: string, key: string | undefined, kept: Kept): void {
    if (key === undefined) return;
    const size = entryBytes(key, kept);
    if (size > Math.min(this.#max, MAX_ENTRY_BYTES)) return;
    if (version !== this.#version) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#version = version;
    }
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= entryBytes(key, old);
    }
    // Room is made before the new answer goes in, sweeping from the oldest end: an answer used
    // since the sweep last passed it moves to the newest end instead of going. A map visits the
    // entries moved during the loop again, unmarked, so the sweep ends within two passes.
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes + size <= this.#max) break;
      this.#entries.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.#entries.set(oldest, entry);
      } else {
        this.#bytes -= entryBytes(oldest, entry);
      }
    }
    this.#entries.set(key, kept);
    this.#bytes += size;
  }
}

/**
 * Declares the query parameters a route reads, for the answer cache: an answer to a target with
 * any other parameter (`?q=x&_u=1`: the route ignores `_u`) is answered as usual but not kept,
 * so that unique junk parameters cannot turn every request into a new entry. A route that
 * declares nothing has its answers kept only for targets without a query.
 * @example app.use('/api/search', routeQuery(['q', 'limit', 'offset']))
 */
export function routeQuery(names: Iterable<string>): MiddlewareHandler {
  const known: ReadonlySet<string> = new Set(names);
  return async (c, next) => {
    c.set('routeQuery', known);
    await next();
  };
}

/**
 * Marks an answer as not to be kept in memory: it depends on something the key does not hold
 * (the Host header, when no public URL is configured). It still gets its ETag: caches downstream
 * key on the whole URL, Host included (RFC 9111 §2), so they do not mix hosts.
 */
export function notToKeep(c: Context): void {
  c.set('notToKeep', true);
}

/** Whether every query parameter of the target is one the matched route reads. */
function readsEveryParameter(c: Context, target: string): boolean {
  const at = target.indexOf('?');
  if (at < 0) return true;
  const known = c.get('routeQuery');
  if (!known) return false;
  for (const name of new URLSearchParams(target.slice(at + 1)).keys()) if (!known.has(name)) return false;
  return true;
}

function keepable(res: Response): boolean {
  const cacheControl = res.headers.get('Cache-Control');
  const type = res.headers.get('Content-Type') ?? '';
  return (
    res.status === 200 &&
    (cacheControl === null || cacheControl === CACHE_CONTROL) &&
    /json|csv/.test(type) &&
    !type.includes('ndjson')
  );
}

/**
 * ETag, 304, Cache-Control and kept answers for GET and HEAD. Registered first, so that a kept
 * answer is the whole answer as it was sent (security and CORS headers included) and a hit runs
 * no other middleware.
 * @example app.use('/api/*', cachedGet(new AnswerCache(store, DEFAULT_CACHE_BYTES)))
 */
export function cachedGet(cache: AnswerCache): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const url = c.req.url;
    const target = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    // A check without a date is about today: its answer changes at midnight, not on import.
    if (target.startsWith('/api/check')) return next();
    const version = cache.version();
    const etag = cache.etag(version, target);
    const key = cache.key(target, {
      accept: c.req.header('accept'),
      origin: c.req.header('origin'),
      acceptEncoding: c.req.header('accept-encoding'),
    });
    const kept = cache.get(version, key);
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && matches(ifNoneMatch, etag)) {
      // A 304 carries the headers the 200 would have (CORS, Vary, security), not its body's.
      const headers = new Headers((kept?.headers ?? []).filter(([name]) => !/^content-/.test(name)));
      headers.set('ETag', etag);
      headers.set('Cache-Control', CACHE_CONTROL);
      return new Response(null, { status: 304, headers });
    }
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
    if (
      cache.keeps &&
      key !== undefined &&
      keepable(res) &&
      c.get('notToKeep') !== true &&
      readsEveryParameter(c, target) &&
      cache.get(version, key) === undefined
    ) {
      const body = Buffer.from(await res.arrayBuffer());
      const headers = [...res.headers].filter(([name]) => name !== 'content-length');
      // Replaced whole: Hono's setter would otherwise merge headers through a stream copy.
      c.res = undefined;
      c.res = new Response(body, { status: 200, headers });
      cache.set(version, key, { body, headers: headers.filter(([name]) => name !== 'etag') });
    }
  };
}

/** A request header as one value, as the Fetch API's Headers would give it. */
function oneValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The kept answer of a plain GET as Node's HTTP server received it, or undefined: lets the
 * listener answer a repeated request without building a Request, a Context or a Response.
 * Conditional requests and targets not in the normal form go through the app.
 */
export function keptAnswer(
  cache: AnswerCache,
  method: string | undefined,
  target: string | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): { headers: string[]; body: Uint8Array } | undefined {
  if (method !== 'GET' || !target || headers['if-none-match'] !== undefined) return undefined;
  const key = cache.key(target, {
    accept: oneValue(headers.accept),
    origin: oneValue(headers.origin),
    acceptEncoding: oneValue(headers['accept-encoding']),
  });
  if (key === undefined) return undefined;
  const version = cache.version();
  const kept = cache.get(version, key);
  if (!kept) return undefined;
  kept.wire ??= [
    ...kept.headers.flat(),
    'etag',
    cache.etag(version, target),
    'content-length',
    String(kept.body.byteLength),
  ];
  return { headers: kept.wire, body: kept.body };
}
