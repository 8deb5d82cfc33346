/**
 * `npm run bench:update-checks`: how long `hcpcs update` takes to ask a distant server whether the
 * files it holds changed. A local server holds each answer BENCH_HOLD_MS (default 100, a
 * transatlantic round trip) and lists BENCH_FILES (default 40) release zips; a first update
 * downloads them, then updates with all held are timed (medians of BENCH_RUNS). Beside them, in
 * the same run: the same number of conditional HEADs sent one after another (what the checks cost
 * before they ran CHECK_CONCURRENCY at a time, src/update/update.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { updateReleases } from '../src/update/update.js';
import { fileText, procedureLine } from '../test/support/fixtures.js';
import { measure } from './timing.js';

const FILES = Number(process.env.BENCH_FILES ?? 40);
const HOLD_MS = Number(process.env.BENCH_HOLD_MS ?? 100);
const years = Array.from({ length: FILES }, (_, i) => 1980 + i);
const zips = new Map(
  years.map((year) => [
    `/files/${year}-alpha-numeric-hcpcs-file.zip`,
    zipSync({ [`HCPC${year}_A-N.txt`]: new TextEncoder().encode(fileText([procedureLine('A0001')])) }),
  ]),
);
const page = `<html><body>${years
  .map((y) => `<a href="/files/${y}-alpha-numeric-hcpcs-file.zip">${y} Alpha-Numeric HCPCS File (ZIP)</a>`)
  .join('\n')}</body></html>`;

const server = createServer((request, response) => {
  setTimeout(() => {
    if (request.url === '/page') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const body = zips.get(request.url ?? '');
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    const etag = `"${body.length}-${request.url?.length}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length, etag });
    response.end(request.method === 'HEAD' ? undefined : body);
  }, HOLD_MS);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-checks-'));
try {
  const first = await updateReleases({ sources: [`${origin}/page`], dir });
  const downloaded = first.files.filter((f) => f.status === 'downloaded').length;
  if (downloaded !== FILES) throw new Error(`the first update downloaded ${downloaded} of ${FILES} files`);
  const update = await measure(async () => {
    const again = await updateReleases({ sources: [`${origin}/page`], dir });
    if (again.files.some((f) => f.status !== 'held')) throw new Error('a file was not held');
  });
  // The page, then one conditional HEAD per file, one after another.
  const oneByOne = await measure(async () => {
    await (await fetch(`${origin}/page`)).text();
    for (const path of zips.keys()) {
      const etag = `"${zips.get(path)?.length}-${path.length}"`;
      await fetch(`${origin}${path}`, { method: 'HEAD', headers: { 'if-none-match': etag } });
    }
  });
  console.log(`${FILES} held files, each answer held ${HOLD_MS} ms`);
  console.log(`  hcpcs update, all held:          ${update.toFixed(0)} ms`);
  console.log(
    `  the same HEADs one after another: ${oneByOne.toFixed(0)} ms (${(oneByOne / update).toFixed(2)}x)`,
  );
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
