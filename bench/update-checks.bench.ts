/**
 * `npm run bench:update-checks`: how long `hcpcs update` takes to ask a distant server whether the
 * files it holds changed. The tests' CMS-shaped site (test/support/cms-site.ts) lists BENCH_FILES
 * (default 40) release zips and holds each answer BENCH_HOLD_MS (default 100, a transatlantic
 * round trip); a first update downloads them, then updates with all held are timed (medians of
 * BENCH_RUNS). Beside them, in the same run: the page and one HEAD per file sent one after another
 * (what the checks cost before they ran CHECK_CONCURRENCY at a time, src/update/update.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { updateReleases } from '../src/update/update.js';
import { startCmsSite } from '../test/support/cms-site.js';
import { fileText, procedureLine } from '../test/support/fixtures.js';
import { measure } from './timing.js';

const FILES = Number(process.env.BENCH_FILES ?? 40);
const HOLD_MS = Number(process.env.BENCH_HOLD_MS ?? 100);
// Years the site serves nothing else under (its own fixtures are 2013-2027).
const years = Array.from({ length: FILES }, (_, i) => 1960 + i);
const names = years.map((year) => `${year}-alpha-numeric-hcpcs-file.zip`);

const site = await startCmsSite();
for (const [i, name] of names.entries()) {
  const text = fileText([procedureLine('A0001')]);
  site.serveZip(name, zipSync({ [`HCPC${years[i]}_A-N.txt`]: new TextEncoder().encode(text) }));
}
site.setPage(
  '/bench',
  `<html><body>${names.map((n) => `<a href="/files/zip/${n}">${n}</a>`).join('\n')}</body></html>`,
);
const source = `${site.url}/bench`;
const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-checks-'));
try {
  const first = await updateReleases({ sources: [source], dir });
  const downloaded = first.files.filter((f) => f.status === 'downloaded').length;
  if (downloaded !== FILES) throw new Error(`the first update downloaded ${downloaded} of ${FILES} files`);
  site.holdAnswers(HOLD_MS);
  const update = await measure(async () => {
    const again = await updateReleases({ sources: [source], dir });
    if (again.files.some((f) => f.status !== 'held')) throw new Error('a file was not held');
  });
  const oneByOne = await measure(async () => {
    await (await fetch(source)).text();
    for (const name of names) await fetch(`${site.url}/files/zip/${name}`, { method: 'HEAD' });
  });
  console.log(`${FILES} held files, each answer held ${HOLD_MS} ms`);
  console.log(`  hcpcs update, all held:           ${update.toFixed(0)} ms`);
  console.log(
    `  the same HEADs one after another: ${oneByOne.toFixed(0)} ms (${(oneByOne / update).toFixed(2)}x)`,
  );
} finally {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
