/**
 * Content coding of answers: one negotiation (RFC 9110 §12.5.3, Accept-Encoding with q-values and
 * `*`) decides both which coding an answer is compressed with and which kept answer a request
 * may get, so that clients that word Accept-Encoding differently ("gzip, deflate, br, zstd" from a
 * browser, "gzip" from a script) share one kept answer per coding.
 */
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';

/** The codings this server produces, preferred first when a client rates them alike. */
const CODINGS = ['gzip', 'deflate'] as const;
export type ContentCoding = (typeof CODINGS)[number];

/**
 * Distinct Accept-Encoding values are few; their answers are remembered, up to this many, and
 * only for values no longer than real ones (a client can send 16 KB of it, and every distinct value would be kept).
 */
const MAX_REMEMBERED = 256;
const MAX_REMEMBERED_LENGTH = 128;
const remembered = new Map<string, ContentCoding | undefined>();

/**
 * The coding an answer to this Accept-Encoding gets: the one rated highest (q > 0, explicitly or
 * through `*`), gzip first among equals; undefined for none (identity).
 * @example negotiatedEncoding('deflate;q=0.5, gzip;q=0') // 'deflate'
 */
export function negotiatedEncoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  if (acceptEncoding === undefined) return undefined;
  if (remembered.has(acceptEncoding)) return remembered.get(acceptEncoding);
  const ratings = parseAccept(acceptEncoding);
  const rating = (coding: string) =>
    ratings.find((r) => r.type.toLowerCase() === coding)?.q ?? ratings.find((r) => r.type === '*')?.q ?? 0;
  let best: { coding: ContentCoding; q: number } | undefined;
  for (const coding of CODINGS) {
    const q = rating(coding);
    if (q > 0 && (best === undefined || q > best.q)) best = { coding, q };
  }
  if (acceptEncoding.length > MAX_REMEMBERED_LENGTH) return best?.coding;
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(acceptEncoding, best?.coding);
  return best?.coding;
}

/**
 * Compresses answers of 1 KiB or more with the negotiated coding (Hono's compressor, given that
 * one coding, so that it cannot decide otherwise). Vary: Accept-Encoding on cacheable answers is
 * the answer cache's to add, whatever the coding.
 */
export function compression(): MiddlewareHandler {
  const compressors = { gzip: compress({ encoding: 'gzip' }), deflate: compress({ encoding: 'deflate' }) };
  return (c, next) => {
    const coding = negotiatedEncoding(c.req.header('accept-encoding'));
    return coding ? compressors[coding](c, next) : next();
  };
}
