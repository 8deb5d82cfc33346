/**
 * Security headers on every answer, and the limits on what a request may carry: URL length, body
 * size, content types. Limits answer with a clear 4xx.
 *
 * Pages get a strict Content-Security-Policy (they load their one stylesheet and script from this
 * server) and Cross-Origin-Opener-Policy. Every other answer (JSON, FHIR JSON, CSV, errors) loads
 * nothing, so it gets `default-src 'none'; frame-ancestors 'none'`, as the OWASP REST Security
 * Cheat Sheet recommends for API responses, and no opener policy (a header for documents only).
 * All get nosniff, no referrer and no framing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Adds the security headers to every response, errors included. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (headers.get('Content-Type')?.startsWith('text/html')) {
      headers.set('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    } else {
      headers.set('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
    }
    for (const name in COMMON_HEADERS) headers.set(name, COMMON_HEADERS[name] as string);
  };
}

export interface Limits {
  /** Longest URL (path and query) accepted; longer: 414. */
  readonly maxUrlLength: number;
  /** Largest request body for JSON and FHIR calls; larger: 413. */
  readonly maxBodyBytes: number;
  /** Largest body of a batch check (POST /api/check), read as a stream. */
  readonly maxBatchBytes: number;
  /** Most codes in one lookup call. */
  readonly maxLookupCodes: number;
  /**
   * Most CodeSystems with concepts built a second (whole ones are kept once built; see
   * routes/fhir/whole-code-systems.ts); more: 503 with Retry-After.
   */
  readonly costlyBuildsPerSecond: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxUrlLength: 8_192,
  maxBodyBytes: 1_048_576,
  maxBatchBytes: 64 * 1_048_576,
  maxLookupCodes: 1_000,
  costlyBuildsPerSecond: 2,
};

/** Refuses URLs longer than the limit with 414. */
export function urlLimit(limits: Limits): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    if (url.length - start > limits.maxUrlLength) {
      throw new HttpError(
        414,
        `the URL is longer than ${limits.maxUrlLength} characters: send long lists in a POST body`,
      );
    }
    await next();
  };
}

/**
 * Whether an Accept header lets a JSON answer through. Every answer under /api and /fhir is JSON
 * (or CSV by a parameter); only an Accept asking for XML and neither JSON nor any type is refused
 * (406 under /fhir). The answer cache keys on this, not on the header's wording.
 * @example acceptsJson('application/fhir+xml') // false
 */
export function acceptsJson(accept: string | undefined): boolean {
  const wanted = (accept ?? '').toLowerCase();
  return !wanted.includes('xml') || wanted.includes('json') || wanted.includes('*/*');
}

/** The media type of a request, lower case, without parameters. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Refuses a content type not in `accepted` with 415. */
export function requireContentType(c: Context, accepted: readonly string[]): string {
  const type = mediaType(c);
  if (!accepted.includes(type)) {
    throw new HttpError(
      415,
      `${c.req.method} ${c.req.path} takes ${accepted.join(' or ')}, not ${type ? `"${type.slice(0, 60)}"` : 'a body without Content-Type'}`,
    );
  }
  return type;
}

/**
 * The body of a request as text, refused with 413 past `maxBytes` (by Content-Length, or while
 * reading when there is none), and with 400 when it is not UTF-8.
 */
export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw new HttpError(413, `the request body is larger than ${maxBytes} bytes`);
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new HttpError(413, `the request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return utf8Text(Buffer.concat(chunks));
}

/**
 * Bytes of a request body as text, refused with 400 when they are not UTF-8 (RFC 8259 §8.1: JSON
 * exchanged between systems SHALL be UTF-8): a lenient decoder would turn them into U+FFFD and
 * answer about codes the client never sent.
 */
export function utf8Text(bytes: Uint8Array | ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'the request body is not UTF-8 text (invalid byte sequence)');
  }
}

/** The body parsed as JSON, with a clear 400 when it is not. */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(c, maxBytes);
  if (text.trim() === '') throw new HttpError(400, 'the request body is empty: send a JSON document');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `the request body is not JSON: ${(error as Error).message.slice(0, 120)}`);
  }
}

/**
 * A handler for the methods a path does not answer: 405 with Allow (204 for a plain OPTIONS).
 * @example app.all('/api/releases', methodNotAllowed(['GET']))
 */
export function methodNotAllowed(allowed: readonly string[]): MiddlewareHandler {
  const allow = [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])].join(
    ', ',
  );
  return async (c) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    throw new HttpError(405, `${c.req.method} ${c.req.path}: this path answers ${allowed.join(', ')}`, {
      Allow: allow,
    });
  };
}
