/**
 * Caching of read answers. The data changes only on import, so an answer is a function of the URL
 * and the data version: the ETag is computed BEFORE answering (a weak tag of data version and
 * URL), a matching If-None-Match gets 304 without any work, and every 200 carries the ETag and
 * Cache-Control. Errors are never cached.
 */
import type { MiddlewareHandler } from 'hono';
import { releaseCatalog } from '../fhir/release-catalog.js';
import type { HcpcsStore } from '../store/store.js';

/** How long clients and proxies may reuse an answer before revalidating (seconds). */
export const MAX_AGE = 300;

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

/**
 * ETag, 304 and Cache-Control for GET and HEAD.
 * @example app.use('/api/*', conditionalGet(store))
 */
export function conditionalGet(store: HcpcsStore): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const url = c.req.url;
    const etag = `W/"${releaseCatalog(store).dataVersion}-${fnv1a(url.slice(url.indexOf('/', url.indexOf('//') + 2)))}"`;
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && matches(ifNoneMatch, etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': `public, max-age=${MAX_AGE}` });
    }
    await next();
    if (c.res.status === 200) {
      c.res.headers.set('ETag', etag);
      if (!c.res.headers.has('Cache-Control'))
        c.res.headers.set('Cache-Control', `public, max-age=${MAX_AGE}`);
      const vary = c.res.headers.get('Vary');
      if (!vary || !/accept-encoding/i.test(vary))
        c.res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    }
  };
}
