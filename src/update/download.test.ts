/**
 * probeFile, fetchPage and downloadFile against a real HTTP server: a server that refuses HEAD
 * (405) is asked by a conditional GET, whose body is not read; every request names this program
 * in its User-Agent; a 503 or 429 with Retry-After is waited out, or not retried when it asks for
 * longer than the run waits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../version.js';
import { DEFAULT_TRANSFER, downloadFile, fetchPage, probeFile } from './download.js';

const requests: { method: string; url: string; at: number; headers: IncomingHttpHeaders }[] = [];
/** How many times each busy path has been asked. */
const busy = new Map<string, number>();
const server = createServer((request, response) => {
  requests.push({
    method: request.method ?? '',
    url: request.url ?? '',
    at: Date.now(),
    headers: request.headers,
  });
  const url = request.url ?? '';
  if (url.startsWith('/busy/')) {
    // The first request to each is refused with the wait the path names; the next one served.
    const asked = (busy.get(url) ?? 0) + 1;
    busy.set(url, asked);
    const [, , status, wait] = url.split('/');
    if (asked === 1) {
      response.writeHead(Number(status), { 'retry-after': decodeURIComponent(wait ?? '') }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p>served</p>');
    return;
  }
  if (request.method === 'HEAD') {
    response.writeHead(405, { allow: 'GET' }).end();
    return;
  }
  if (request.url === '/gone.zip') {
    response.writeHead(404).end();
    return;
  }
  if (request.headers['if-none-match'] === '"v1"') {
    response.writeHead(304, { etag: '"v1"' }).end();
    return;
  }
  response.writeHead(200, { etag: '"v2"', 'content-length': 1_000_000 }).end(Buffer.alloc(1_000_000));
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const transfer = { ...DEFAULT_TRANSFER, retries: 0 };

it('asks by a conditional GET when HEAD is refused: 304 when unchanged, the new validators when not', async () => {
  requests.length = 0;
  expect(await probeFile(`${origin}/a.zip`, { etag: '"v1"' }, transfer)).toEqual({
    status: 304,
    method: 'GET',
    etag: '"v1"',
  });
  expect(requests.map((r) => [r.method, r.headers['if-none-match']])).toEqual([
    ['HEAD', '"v1"'],
    ['GET', '"v1"'],
  ]);
  expect(await probeFile(`${origin}/a.zip`, { etag: '"v0"' }, transfer)).toEqual({
    status: 200,
    method: 'GET',
    etag: '"v2"',
    contentLength: 1_000_000,
  });
});

it('throws what the server answered for a file it no longer has', async () => {
  await expect(probeFile(`${origin}/gone.zip`, {}, transfer)).rejects.toThrow(
    `${origin}/gone.zip: the server answered 404 Not Found`,
  );
});

it('every request names this program and its version in the User-Agent: the page, the check and the download', async () => {
  requests.length = 0;
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-download-'));
  try {
    await fetchPage(`${origin}/busy/200/0`, transfer);
    await probeFile(`${origin}/a.zip`, {}, transfer);
    await downloadFile(`${origin}/a.zip`, dir, 'a.zip', () => {}, transfer);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const agent = `hcpcs/${PACKAGE_VERSION} (HCPCS Level II release importer; Node.js ${process.versions.node})`;
  expect(requests.map((r) => [r.method, r.headers['user-agent']])).toEqual([
    ['GET', agent],
    ['HEAD', agent],
    ['GET', agent],
    ['GET', agent],
  ]);
  expect(PACKAGE_VERSION).toMatch(/^\d+\.\d+\.\d+/);
});

it('waits out a 503 Retry-After (seconds, or an HTTP-date) before asking again, then the backoff', async () => {
  const quick = { ...DEFAULT_TRANSFER, retries: 2, backoffMs: 10 };
  const retries: string[] = [];
  for (const waitFromNow of [() => '1', () => new Date(Date.now() + 3_000).toUTCString()]) {
    const wait = waitFromNow();
    requests.length = 0;
    const url = `${origin}/busy/503/${encodeURIComponent(wait)}`;
    const page = await fetchPage(url, { ...quick, onRetry: (message) => retries.push(message) });
    expect(page.html).toBe('<p>served</p>');
    const [first, second] = requests;
    expect(requests).toHaveLength(2);
    // An HTTP-date has one-second resolution: at least 1 s either way.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  }
  expect(retries[0]).toBe(
    `${origin}/busy/503/1: the server answered 503 Service Unavailable and asks to be asked again in 1 s`,
  );
  expect(retries).toHaveLength(2);
});

it('a 429 asking for longer than the run waits is not asked again: the error says when to run again', async () => {
  requests.length = 0;
  const url = `${origin}/busy/429/3600`;
  await expect(probeFile(url, {}, { ...DEFAULT_TRANSFER, retries: 3, backoffMs: 10 })).rejects.toThrow(
    `${url}: the server answered 429 Too Many Requests and asks to be asked again in 3600 s, longer than this run waits (120 s): run it again later`,
  );
  expect(requests).toHaveLength(1);
});
