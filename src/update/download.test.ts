/**
 * probeFile against a real HTTP server: a server that refuses HEAD (405) is asked by a
 * conditional GET, whose body is not read.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TRANSFER, probeFile } from './download.js';

const requests: { method: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((request, response) => {
  requests.push({ method: request.method ?? '', headers: request.headers });
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
