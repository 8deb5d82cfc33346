/**
 * A local HTTP server shaped like CMS's HCPCS pages, for `hcpcs update` and `serve --update-every`
 * tests (no test touches the internet): a quarterly-update page with absolute and relative links,
 * an archive page linking a year's item page, and the zips themselves (real CMS sample files,
 * read from ../shared, never copied into the repository) plus the ways a download goes wrong:
 * a redirect, a 404, a file that stalls once then resumes (HTTP Range), a body always cut short,
 * an HTML body where a zip belongs, a zip that is not an HCPCS file, a zip that fails to import.
 * Beside them, at CMS's own addresses, pages shaped like CMS's real ones (cms-pages.ts).
 * Each zip is served with an ETag and a Last-Modified date and answers conditional requests
 * (If-None-Match, If-Modified-Since: 304; If-Range on a resume), as a web server serving static
 * files does; a test can replace a zip at its address (CMS re-posting a corrected file), remove
 * it, serve it without validators or without a length, and add pages.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { cms } from './cms.js';
import { cmsPages, cmsPageZips } from './cms-pages.js';
import { procedureLine } from './fixtures.js';

export interface CmsSite {
  readonly url: string;
  /** How many requests each path received, and the Range headers sent for it. */
  readonly hits: Map<string, number>;
  readonly ranges: string[];
  /**
   * Every request in the order it arrived, with the status it was answered and how many other
   * requests were open when it arrived.
   */
  readonly log: readonly { method: string; path: string; open: number; readonly status: number }[];
  /**
   * Serves `bytes` at /files/zip/<name> from now on (a new ETag and a Last-Modified a day later
   * than the copy it replaces); `validators: false` sends neither, `length: false` no
   * Content-Length either (a chunked body); `etag` replaces the ETag made from the bytes (a server
   * that tags each upload, not each content); `sameUpload` keeps the Last-Modified of the copy it
   * replaces (another server of the site, tagging the same upload its own way).
   */
  serveZip(
    name: string,
    bytes: Uint8Array,
    options?: { validators?: boolean; length?: boolean; etag?: string; sameUpload?: boolean },
  ): void;
  /** /files/zip/<name> answers 404 from now on. */
  removeZip(name: string): void;
  setPage(path: string, html: string): void;
  /**
   * Holds every answer `ms` before giving it, from now on (a distant server), and starts counting
   * the requests open at once afresh.
   */
  holdAnswers(ms: number): void;
  /** The most requests open at once since the site started or since holdAnswers. */
  peakInFlight(): number;
  close(): Promise<void>;
}

interface Served {
  readonly bytes: Uint8Array;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly length: boolean;
}

/** The date the site's first copy of each zip was last modified; each replacement a day later. */
const FIRST_MODIFIED = Date.UTC(2026, 0, 12, 15, 0, 0);

const MORE = cms('..', 'cms-more');

/** The zips the site serves: real CMS files, and small ones of our own for the bad cases. */
function zips(): Record<string, Uint8Array> {
  const line = procedureLine('A0001');
  const future = ['A0001', 'A0002', 'A0003'].map((code) => procedureLine(code)).join('\r\n');
  return {
    ...cmsPageZips(),
    // A release after every sample one, written by the test: what a new quarter looks like.
    '2027-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2027_A-N.txt': new TextEncoder().encode(`${future}\r\n`),
    }),
    '13anweb.zip': readFileSync(`${MORE}/2013/13anweb.zip`),
    'january-2023-alpha-numeric-hcpcs-file_v3.zip': zipSync({
      'HCPC2023_JAN_ANWEB_v3.xlsx': readFileSync(`${MORE}/2023-01/HCPC2023_JAN_ANWEB_v3.xlsx`),
    }),
    '2017-alpha-numeric-hcpcs-file.zip': zipSync({ 'readme.txt': new TextEncoder().encode('not HCPCS') }),
    // Found as a release when planned, refused when read (a code defined twice, with two different
    // descriptions): an import failure.
    '2018-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2018_A-N.txt': new TextEncoder().encode(
        `${line}\r\n${procedureLine('A0001', { longDescription: 'Another description' })}\r\n`,
      ),
    }),
  };
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><main>${body}</main></body></html>`;

/**
 * Starts the site on a free port of 127.0.0.1.
 * @example const site = await startCmsSite(); await fetch(`${site.url}/quarterly-update`)
 */
export async function startCmsSite(): Promise<CmsSite> {
  const files = new Map<string, Served>();
  let versions = 0;
  const serveZip: CmsSite['serveZip'] = (name, bytes, options = {}) => {
    const replaced = files.get(name);
    if (replaced && !options.sameUpload) versions += 1;
    const modified =
      options.sameUpload && replaced?.lastModified
        ? replaced.lastModified
        : new Date(FIRST_MODIFIED + versions * 86_400_000).toUTCString();
    const validators = options.validators !== false;
    files.set(name, {
      bytes,
      ...(validators
        ? {
            etag: options.etag ?? `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`,
            lastModified: modified,
          }
        : {}),
      length: options.length !== false,
    });
  };
  for (const [name, bytes] of Object.entries(zips())) serveZip(name, bytes);
  const hits = new Map<string, number>();
  const ranges: string[] = [];
  const log: { method: string; path: string; open: number; readonly status: number }[] = [];
  let origin = '';
  const pages: Record<string, () => string> = {
    ...cmsPages(() => origin),
    '/quarterly-update': () =>
      page(
        'HCPCS Quarterly Update',
        `<h2>Downloads</h2><ul>
          <li><a href="${origin}/files/zip/january-2023-alpha-numeric-hcpcs-file_v3.zip">January 2023 Alpha-Numeric HCPCS File (ZIP) - Updated</a></li>
          <li><a href="/files/zip/2014-alpha-numeric-hcpcs-file.zip">2014 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="files/zip/2015-alpha-numeric-hcpcs-file.zip">2015 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/2016-alpha-numeric-hcpcs-file.zip">2016 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/2017-alpha-numeric-hcpcs-file.zip">2017 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/2018-alpha-numeric-hcpcs-file.zip">2018 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/2023-hcpcs-record-layout.zip">2023 HCPCS Record Layout (ZIP)</a></li>
          <li><a href="/alpha-numeric-hcpcs-archive">Alpha-Numeric HCPCS archive</a></li>
        </ul>`,
      ),
    '/alpha-numeric-hcpcs-archive': () =>
      page(
        'Alpha-Numeric HCPCS',
        `<table><tr><td><a href="items/2013-alpha-numeric-hcpcs-file">2013 Alpha-Numeric HCPCS File</a></td></tr></table>`,
      ),
    '/items/2013-alpha-numeric-hcpcs-file': () =>
      page('2013 Alpha-Numeric HCPCS File', `<a href="../Medicare/old/13anweb.zip">13anweb.zip</a>`),
    '/future': () =>
      page(
        'HCPCS Quarterly Update',
        `<a href="/files/zip/2027-alpha-numeric-hcpcs-file.zip">January 2027 Alpha-Numeric HCPCS File</a>`,
      ),
    '/empty': () => page('HCPCS', '<p>Nothing to download this quarter.</p><a href="/">Home</a>'),
  };
  let stalled = false;
  let holdMs = 0;
  let inFlight = 0;
  let peak = 0;
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const { pathname: path, search } = new URL(request.url ?? '/', origin);
    const html = pages[`${path}${search}`] ?? pages[path];
    if (html) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html());
      return;
    }
    if (path === '/Medicare/old/13anweb.zip') {
      response.writeHead(301, { location: '/files/zip/13anweb.zip' }).end();
      return;
    }
    if (path === '/files/zip/2016-alpha-numeric-hcpcs-file.zip') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page('Page not found', 'Sorry'));
      return;
    }
    if (path === '/files/zip/2015-alpha-numeric-hcpcs-file.zip') {
      // Always cut short: Content-Length promises the whole zip, half arrives, the socket closes.
      const bytes = files.get('13anweb.zip')?.bytes as Uint8Array;
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': bytes.length });
      response.write(bytes.subarray(0, bytes.length >> 1), () => request.socket.destroy());
      return;
    }
    const name = path.startsWith('/files/zip/') ? path.slice('/files/zip/'.length) : '';
    const served = files.get(name);
    if (!served) {
      response.writeHead(404, { 'content-type': 'text/html' }).end(page('Page not found', 'Not found'));
      return;
    }
    const { bytes, etag, lastModified } = served;
    const validators = {
      ...(etag ? { etag } : {}),
      ...(lastModified ? { 'last-modified': lastModified } : {}),
    };
    // RFC 9110 section 13.2.2: If-None-Match decides when sent; else If-Modified-Since.
    const noneMatch = request.headers['if-none-match'];
    const modifiedSince = request.headers['if-modified-since'];
    const notModified =
      noneMatch !== undefined
        ? etag !== undefined && noneMatch.split(/\s*,\s*/).includes(etag)
        : modifiedSince !== undefined &&
          lastModified !== undefined &&
          Date.parse(lastModified) <= Date.parse(modifiedSince);
    if (notModified) {
      response.writeHead(304, validators).end();
      return;
    }
    const ifRange = request.headers['if-range'];
    const rangeHolds = ifRange === undefined || ifRange === etag || ifRange === lastModified;
    const range = rangeHolds ? /^bytes=(\d+)-$/.exec(request.headers.range ?? '') : null;
    const start = range ? Number(range[1]) : 0;
    const headers = {
      'content-type': 'application/zip',
      'accept-ranges': 'bytes',
      ...validators,
      ...(served.length ? { 'content-length': bytes.length - start } : {}),
      ...(range ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
    };
    response.writeHead(range ? 206 : 200, headers);
    if (name.includes('2023') && !stalled) {
      // The slow file: its first request sends a third, then nothing (the client's idle timeout
      // ends it); the retry resumes from what arrived.
      stalled = true;
      response.write(bytes.subarray(start, start + Math.floor(bytes.length / 3)));
      return;
    }
    response.end(bytes.subarray(start));
  };
  const server: Server = createServer((request, response) => {
    const { pathname: path } = new URL(request.url ?? '/', origin);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    log.push({
      method: request.method ?? 'GET',
      path,
      open: inFlight,
      get status() {
        return response.statusCode;
      },
    });
    if (request.headers.range) ranges.push(`${path} ${request.headers.range}`);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });
    if (holdMs > 0) setTimeout(() => answer(request, response), holdMs);
    else answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    hits,
    ranges,
    log,
    serveZip,
    removeZip: (name) => {
      files.delete(name);
    },
    setPage: (path, html) => {
      pages[path] = () => html;
    },
    holdAnswers: (ms) => {
      holdMs = ms;
      peak = inFlight;
    },
    peakInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
