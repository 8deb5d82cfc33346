/**
 * `hcpcs update` on files it already holds: CMS re-posts corrected Alpha-Numeric files at the same
 * address, so a held file is not current by its name alone. The real CLI as a child process, a
 * real HTTP server (test/support/cms-site.ts) answering conditional requests, real SQLite files;
 * the server's request log counts what was asked and sent.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hcpcsAsync } from './support/cli.js';
import { type CmsSite, startCmsSite } from './support/cms-site.js';
import { fileText, procedureLine } from './support/fixtures.js';

let site: CmsSite;
beforeAll(async () => {
  site = await startCmsSite();
});
afterAll(() => site.close());

const hcpcs = hcpcsAsync;

/** A small Alpha-Numeric HCPCS File: one record file, named as CMS names it inside the zip. */
const zipOf = (inner: string, ...codes: string[]) =>
  zipSync({ [inner]: new TextEncoder().encode(fileText(codes.map((code) => procedureLine(code)))) });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A new folder with a page linking `names` on `site` (a local --source) and a releases folder. */
function linkPage(
  site: CmsSite,
  names: readonly string[],
): { dir: string; releases: string; pagePath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-refetch-'));
  const pagePath = join(dir, 'quarterly-update.html');
  writeFileSync(
    pagePath,
    `<!DOCTYPE html><html><body>${names.map((n) => `<a href="${site.url}/files/zip/${n}">${n}</a>`).join('')}</body></html>`,
  );
  return { dir, releases: join(dir, 'releases'), pagePath };
}

interface FileReport {
  url: string;
  name: string;
  status: string;
  release?: string;
  revision: number;
  sha256?: string;
  size?: number;
  change?: string;
  server?: { etag?: string; lastModified?: string; contentLength?: number };
  previous?: { keptAs: string; sha256: string; release?: string; revision?: number };
  error?: string;
}
interface Report {
  ok: boolean;
  files: FileReport[];
  imports: { file: string; releases: { key: string; outcome: string; records: number }[]; error?: string }[];
}
interface Entry {
  name: string;
  sha256: string;
  size: number;
  downloadedAt: string;
  etag?: string;
  lastModified?: string;
  contentLength?: number;
  checkedAt?: string;
  previous?: { keptAs: string; sha256: string; size: number; etag?: string; replacedAt: string }[];
}

const page = (links: [string, string][]) =>
  `<!DOCTYPE html><html><body><main><ul>${links
    .map(([name, text]) => `<li><a href="/files/zip/${name}">${text} (ZIP)</a></li>`)
    .join('')}</ul></main></body></html>`;

/** The zip requests (method, path, status) the site answered since `from`. */
const zipRequests = (from: number) =>
  site.log
    .slice(from)
    .filter((r) => r.path.startsWith('/files/zip/'))
    .map((r) => `${r.method} ${r.path.slice('/files/zip/'.length)} ${r.status}`);

const byName = (report: Report) => Object.fromEntries(report.files.map((f) => [f.name, f]));
const manifestOf = (releases: string) =>
  Object.fromEntries(
    (JSON.parse(readFileSync(join(releases, '.hcpcs-downloads.json'), 'utf8')) as Entry[]).map((e) => [
      e.name,
      e,
    ]),
  );

describe('hcpcs update on files already held', () => {
  it('fetches again and imports a zip CMS replaced at the same address, keeps the earlier copy, and asks of an unchanged one with a 304', async () => {
    const JULY = 'july-2022-alpha-numeric-hcpcs-file.zip';
    const OCTOBER = 'october-2022-alpha-numeric-hcpcs-file.zip';
    const july2 = zipOf('HCPC2022_JUL_ANWEB_v2.txt', 'A0001', 'A0002', 'A0003');
    const october = zipOf('HCPC2022_OCT_ANWEB.txt', 'A0001', 'A0002', 'A0004');
    site.serveZip(JULY, july2);
    site.serveZip(OCTOBER, october);
    site.setPage(
      '/refetch/quarterly',
      page([
        [JULY, 'July 2022 Alpha-Numeric HCPCS File'],
        [OCTOBER, 'October 2022 Alpha-Numeric HCPCS File'],
      ]),
    );
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-refetch-'));
    const releases = join(dir, 'releases');
    const args = ['update', '--source', `${site.url}/refetch/quarterly`, '--dir', releases];

    const first = await hcpcs(dir, ...args, '--json');
    expect(first.status, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as Report).imports.map((i) => i.releases.map((r) => r.key))).toEqual([
      ['2022-07_v2'],
      ['2022-10_v1'],
    ]);
    // What the server said is recorded per file beside its sha256.
    const recorded = manifestOf(releases);
    expect(recorded[JULY]).toMatchObject({
      sha256: sha256(july2),
      size: july2.length,
      etag: `"${sha256(july2).slice(0, 16)}"`,
      lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT',
      contentLength: july2.length,
    });
    // A manifest written before validators were recorded: October's entry as it was then.
    const { etag: _e, lastModified: _l, contentLength: _c, ...oldOctober } = recorded[OCTOBER] as Entry;
    writeFileSync(
      join(releases, '.hcpcs-downloads.json'),
      JSON.stringify([recorded[JULY], oldOctober], null, 2),
    );

    // CMS corrects July: the same address, a new revision inside.
    const july3 = zipOf('HCPC2022_JUL_ANWEB_v3.txt', 'A0001', 'A0002', 'A0003', 'A0005');
    site.serveZip(JULY, july3);

    let mark = site.log.length;
    const dry = await hcpcs(dir, ...args, '--dry-run', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    const dryFiles = byName(JSON.parse(dry.stdout) as Report);
    expect(dryFiles[JULY]).toMatchObject({
      status: 'changed',
      change: `ETag "${sha256(july2).slice(0, 16)}" is now "${sha256(july3).slice(0, 16)}"`,
      server: {
        etag: `"${sha256(july3).slice(0, 16)}"`,
        lastModified: 'Tue, 13 Jan 2026 15:00:00 GMT',
        contentLength: july3.length,
      },
    });
    // October's old entry has no validator: its length is compared.
    expect(dryFiles[OCTOBER]).toMatchObject({
      status: 'held',
      change: `same length, ${october.length} bytes (no validator to compare)`,
    });
    // A dry run asks (one HEAD each, no body) and downloads nothing.
    expect(zipRequests(mark)).toEqual([`HEAD ${JULY} 200`, `HEAD ${OCTOBER} 200`]);
    expect(sha256(readFileSync(join(releases, JULY)))).toBe(sha256(july2));
    const dryPlain = await hcpcs(dir, ...args, '--dry-run');
    expect(dryPlain.stdout).toContain(
      `changed on the server: ${JULY} (ETag "${sha256(july2).slice(0, 16)}" is now "${sha256(july3).slice(0, 16)}"); would re-fetch ${site.url}/files/zip/${JULY}`,
    );

    mark = site.log.length;
    const run = await hcpcs(dir, ...args, '--json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const keptAs = `.previous/2026-${recorded[JULY]?.downloadedAt.slice(5, 10)}-${sha256(july2).slice(0, 8)}-${JULY}`;
    expect(byName(report)[JULY]).toMatchObject({
      status: 'refetched',
      release: '2022-07',
      revision: 3,
      sha256: sha256(july3),
      size: july3.length,
      previous: { keptAs, sha256: sha256(july2), release: '2022-07', revision: 2 },
    });
    expect(byName(report)[OCTOBER]?.status).toBe('held');
    // July: asked, then fetched; October: asked only.
    expect(zipRequests(mark)).toEqual([`HEAD ${JULY} 200`, `HEAD ${OCTOBER} 200`, `GET ${JULY} 200`]);
    expect(report.imports).toEqual([
      { file: join(releases, JULY), releases: [{ key: '2022-07_v3', outcome: 'imported', records: 4 }] },
    ]);
    // The earlier copy is kept byte for byte, out of the folder's import (a dot folder).
    expect(sha256(readFileSync(join(releases, keptAs)))).toBe(sha256(july2));
    expect(sha256(readFileSync(join(releases, JULY)))).toBe(sha256(july3));
    expect(
      readdirSync(releases)
        .filter((n) => !n.startsWith('.'))
        .sort(),
    ).toEqual([JULY, OCTOBER]);
    const manifest = manifestOf(releases);
    expect(manifest[JULY]).toMatchObject({
      sha256: sha256(july3),
      etag: `"${sha256(july3).slice(0, 16)}"`,
      lastModified: 'Tue, 13 Jan 2026 15:00:00 GMT',
      previous: [
        { keptAs, sha256: sha256(july2), size: july2.length, etag: `"${sha256(july2).slice(0, 16)}"` },
      ],
    });
    // October's validators are recorded now that the server has sent them.
    expect(manifest[OCTOBER]).toMatchObject({
      sha256: sha256(october),
      etag: `"${sha256(october).slice(0, 16)}"`,
    });
    expect(manifest[OCTOBER]?.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const held = await hcpcs(dir, 'releases', '--json');
    expect((JSON.parse(held.stdout) as { key: string }[]).map((r) => r.key)).toEqual([
      '2022-07_v2',
      '2022-07_v3',
      '2022-10_v1',
    ]);

    // Nothing changed since: each held file is asked by a conditional HEAD and answered 304.
    mark = site.log.length;
    const again = await hcpcs(dir, ...args);
    expect(again.status, again.stderr).toBe(0);
    expect(zipRequests(mark)).toEqual([`HEAD ${JULY} 304`, `HEAD ${OCTOBER} 304`]);
    expect(again.stdout).toContain(
      `2 Alpha-Numeric HCPCS File link(s) found on 1 page(s); 2 already in ${releases}, 0 downloaded`,
    );
  }, 120_000);

  it('without validators compares lengths or says it cannot tell; a held file now 404 is kept and said; a correction under the same release is refused by the import', async () => {
    const names = {
      same: 'january-2021-alpha-numeric-hcpcs-file.zip',
      longer: 'april-2021-alpha-numeric-hcpcs-file.zip',
      silent: 'july-2021-alpha-numeric-hcpcs-file.zip',
      gone: 'october-2021-alpha-numeric-hcpcs-file.zip',
      clash: 'january-2022-alpha-numeric-hcpcs-file.zip',
    };
    const april = zipOf('HCPC2021_APR_ANWEB.txt', 'A0001', 'A0002');
    const january22 = zipOf('HCPC2022_JAN_ANWEB.txt', 'A0001', 'A0002', 'A0003');
    site.serveZip(names.same, zipOf('HCPC2021_JAN_ANWEB.txt', 'A0001', 'A0002'), { validators: false });
    site.serveZip(names.longer, april, { validators: false });
    site.serveZip(names.silent, zipOf('HCPC2021_JUL_ANWEB.txt', 'A0001', 'A0002'), {
      validators: false,
      length: false,
    });
    site.serveZip(names.gone, zipOf('HCPC2021_OCT_ANWEB.txt', 'A0001', 'A0002'));
    site.serveZip(names.clash, january22);
    site.setPage(
      '/refetch/no-validators',
      page([
        [names.same, 'January 2021 Alpha-Numeric HCPCS File'],
        [names.longer, 'April 2021 Alpha-Numeric HCPCS File'],
        [names.silent, 'July 2021 Alpha-Numeric HCPCS File'],
        [names.gone, 'October 2021 Alpha-Numeric HCPCS File'],
        [names.clash, 'January 2022 Alpha-Numeric HCPCS File'],
      ]),
    );
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-refetch-'));
    const releases = join(dir, 'releases');
    const args = ['update', '--source', `${site.url}/refetch/no-validators`, '--dir', releases];
    const first = await hcpcs(dir, ...args, '--json');
    expect(first.status, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as Report).files.map((f) => f.status)).toEqual(
      Array(5).fill('downloaded'),
    );

    // April re-posted, longer, as a second issue; October removed; January 2022 corrected under
    // the same name inside (the same release and revision, other records).
    const april2 = zipOf('HCPC2021_APR_ANWEB_v2.txt', 'A0001', 'A0002', 'A0006');
    site.serveZip(names.longer, april2, { validators: false });
    site.removeZip(names.gone);
    const january22b = zipOf('HCPC2022_JAN_ANWEB.txt', 'A0001', 'A0002', 'A0007');
    site.serveZip(names.clash, january22b);

    let mark = site.log.length;
    const dry = await hcpcs(dir, ...args, '--dry-run', '--json');
    const dryFiles = byName(JSON.parse(dry.stdout) as Report);
    expect(
      Object.values(names).map((n) => [dryFiles[n]?.status, dryFiles[n]?.change ?? dryFiles[n]?.error]),
    ).toEqual([
      [
        'held',
        `same length, ${readFileSync(join(releases, names.same)).length} bytes (no validator to compare)`,
      ],
      ['changed', `length ${april.length} bytes is now ${april2.length}`],
      [
        'cannot-tell',
        'the server sends no ETag, Last-Modified or Content-Length: cannot tell whether it changed',
      ],
      [
        'check-failed',
        `could not ask whether it changed (${site.url}/files/zip/${names.gone}: the server answered 404 Not Found); the held copy is kept`,
      ],
      ['changed', `ETag "${sha256(january22).slice(0, 16)}" is now "${sha256(january22b).slice(0, 16)}"`],
    ]);
    // A held file that could not be checked is a failure: exit 1, as a file that failed to download.
    expect(dry.status).toBe(1);
    expect(zipRequests(mark)).toEqual([
      `HEAD ${names.same} 200`,
      `HEAD ${names.longer} 200`,
      `HEAD ${names.silent} 200`,
      `HEAD ${names.gone} 404`,
      `HEAD ${names.clash} 200`,
    ]);

    mark = site.log.length;
    const run = await hcpcs(dir, ...args);
    expect(run.status, run.stderr).toBe(1);
    // Fetched only what changed, oldest release first: April 2021, January 2022 (a 404 is not
    // asked again).
    expect(zipRequests(mark).filter((r) => r.startsWith('GET'))).toEqual([
      `GET ${names.longer} 200`,
      `GET ${names.clash} 200`,
    ]);
    expect(zipRequests(mark)).toHaveLength(7);
    const aprilKept = readdirSync(join(releases, '.previous')).find((n) =>
      n.endsWith(names.longer),
    ) as string;
    expect(aprilKept).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\d-${sha256(april).slice(0, 8)}-${names.longer}$`),
    );
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      `5 Alpha-Numeric HCPCS File link(s) found on 1 page(s); 1 already in ${releases}, 2 re-fetched (changed on the server), 1 held whose change the server cannot tell, 1 held that could not be checked, 0 downloaded, 0 to download, 0 before --since, 0 failed`,
    );
    expect(lines).toContain(
      `re-fetched ${names.longer}: changed on the server (length ${april.length} bytes is now ${april2.length}); now 2021-04_v2, sha256 ${sha256(april2)}; the earlier copy (2021-04_v1, sha256 ${sha256(april)}) is kept as ${releases}/.previous/${aprilKept}`,
    );
    expect(lines).toContain(
      `file ${names.silent}: the server sends no ETag, Last-Modified or Content-Length: cannot tell whether it changed; the held copy is kept`,
    );
    expect(lines).toContain(
      `file ${names.gone}: could not ask whether it changed (${site.url}/files/zip/${names.gone}: the server answered 404 Not Found); the held copy is kept`,
    );
    const clashPath = join(releases, names.clash);
    expect(run.stdout).toContain(
      `import of ${clashPath}: ${clashPath}!HCPC2022_JAN_ANWEB.txt: release 2022-01_v1 is already imported from other files (sha256 `,
    );
    expect(run.stdout).toContain(
      `(CMS replaced ${names.clash} at the same address with other records under the same release and revision; the database keeps the earlier ones until \`hcpcs import --replace ${clashPath}\`)`,
    );
    expect(run.stderr).toContain(`re-fetching ${site.url}/files/zip/${names.longer}`);
    // The held copies stay: October's (404), July's (cannot tell); the corrected January 2022 is
    // in the folder, its earlier copy kept, the database unchanged for that release.
    expect(existsSync(join(releases, names.gone))).toBe(true);
    expect(sha256(readFileSync(clashPath))).toBe(sha256(january22b));
    const kept = readdirSync(join(releases, '.previous')).sort();
    expect(kept).toHaveLength(2);
    const held = await hcpcs(dir, 'releases', '--json');
    expect(
      (JSON.parse(held.stdout) as { key: string; counts: { records: number } }[]).map((r) => r.key),
    ).toEqual(['2021-01_v1', '2021-04_v1', '2021-04_v2', '2021-07_v1', '2021-10_v1', '2022-01_v1']);

    // The next run: the server answers 304 for the corrected file, but its import failed, so it
    // is imported again and the refusal said again (exit 1) until it is mended.
    const again = await hcpcs(dir, ...args, '--json');
    expect(again.status).toBe(1);
    const againReport = JSON.parse(again.stdout) as Report & { imports: { file: string; error?: string }[] };
    expect(byName(againReport)[names.clash]?.status).toBe('held');
    expect(againReport.imports.map((i) => [i.file, i.error?.split(':')[0]])).toEqual([
      [clashPath, 'imported again, as an earlier run did not import it'],
    ]);
    expect(againReport.imports[0]?.error).toContain(`\`hcpcs import --replace ${clashPath}\``);
    // Mended as the message says: the run after imports it without error and forgets the failure.
    const replaced = await hcpcs(dir, 'import', '--replace', clashPath);
    expect(replaced.status, replaced.stderr).toBe(0);
    const mended = await hcpcs(dir, ...args, '--json');
    const mendedReport = JSON.parse(mended.stdout) as { imports: { file: string; error?: string }[] };
    expect(mendedReport.imports.map((i) => [i.file, i.error])).toEqual([[clashPath, undefined]]);
    const lastRun = await hcpcs(dir, ...args, '--json');
    expect((JSON.parse(lastRun.stdout) as { imports: unknown[] }).imports).toEqual([]);
    expect(Object.values(manifestOf(releases)).filter((e) => 'importError' in e)).toEqual([]);

    // A run stopped between a download and its import (a server restarted during a background
    // update) leaves the manifest's mark: the next run imports the file. (The mark written by
    // hand here is the one a download writes before the import clears it.)
    const manifestPath = join(releases, '.hcpcs-downloads.json');
    const entries = JSON.parse(readFileSync(manifestPath, 'utf8')) as Entry[];
    writeFileSync(
      manifestPath,
      JSON.stringify(
        entries.map((e) =>
          e.name === names.same
            ? { ...e, importError: 'downloaded; the run stopped before importing it' }
            : e,
        ),
      ),
    );
    const resumed = await hcpcs(dir, ...args, '--json');
    const resumedReport = JSON.parse(resumed.stdout) as { imports: { file: string; error?: string }[] };
    expect(resumedReport.imports.map((i) => [i.file, i.error])).toEqual([
      [join(releases, names.same), undefined],
    ]);
    expect(Object.values(manifestOf(releases)).filter((e) => 'importError' in e)).toEqual([]);
  }, 120_000);

  /** `hcpcs update ... --json` run to its end with the exit code it must give: its report. */
  async function updateReport(dir: string, args: readonly string[], status = 0): Promise<Report> {
    const run = await hcpcs(dir, ...args);
    expect(run.status, run.stderr).toBe(status);
    return JSON.parse(run.stdout) as Report;
  }

  /** A page at `path` linking one zip the site serves, fetched and imported once by `hcpcs update`. */
  async function heldOnce(path: string, name: string, bytes: Uint8Array, title: string) {
    site.serveZip(name, bytes);
    site.setPage(path, page([[name, `${title} Alpha-Numeric HCPCS File`]]));
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-refetch-'));
    const releases = join(dir, 'releases');
    const args = ['update', '--source', `${site.url}${path}`, '--dir', releases, '--json'];
    expect((await hcpcs(dir, ...args)).status).toBe(0);
    return { dir, releases, args };
  }

  it('records new validators and imports nothing when the bytes fetched again are the same', async () => {
    const NAME = 'april-2022-alpha-numeric-hcpcs-file.zip';
    const april = zipOf('HCPC2022_APR_ANWEB.txt', 'A0001', 'A0002');
    const { dir, releases, args } = await heldOnce('/refetch/redated', NAME, april, 'April 2022');
    // Uploaded again unchanged: a new ETag and date, the same bytes.
    site.serveZip(NAME, april, { etag: '"upload-2"' });
    let mark = site.log.length;
    const report = await updateReport(dir, args);
    expect(report.files.map((f) => [f.status, f.change])).toEqual([
      [
        'held',
        `ETag "${sha256(april).slice(0, 16)}" is now "upload-2"; fetched again: the same bytes (sha256 ${sha256(april)})`,
      ],
    ]);
    expect(report.imports).toEqual([]);
    expect(zipRequests(mark)).toEqual([`HEAD ${NAME} 200`, `GET ${NAME} 200`]);
    expect(existsSync(join(releases, '.previous'))).toBe(false);
    expect(manifestOf(releases)[NAME]).toMatchObject({ sha256: sha256(april), etag: '"upload-2"' });
    mark = site.log.length;
    await hcpcs(dir, ...args);
    expect(zipRequests(mark)).toEqual([`HEAD ${NAME} 304`]);
  }, 60_000);

  it('another ETag with the same Last-Modified and length (a CDN node tagging its own way): not fetched again', async () => {
    const NAME = 'july-2022-alpha-numeric-hcpcs-file.zip';
    const july = zipOf('HCPC2022_JUL_ANWEB.txt', 'A0001', 'A0003');
    const { dir, releases, args } = await heldOnce('/refetch/cdn', NAME, july, 'July 2022');
    const recorded = manifestOf(releases)[NAME] as Entry;
    site.serveZip(NAME, july, { etag: '"node-2"', sameUpload: true });
    const mark = site.log.length;
    const report = await updateReport(dir, args);
    expect(report.files.map((f) => [f.status, f.change])).toEqual([
      [
        'held',
        `ETag "${sha256(july).slice(0, 16)}" is now "node-2", but the same Last-Modified ${recorded.lastModified} and length ${july.length} bytes: another server's tag for the same upload`,
      ],
    ]);
    expect(report.imports).toEqual([]);
    expect(zipRequests(mark)).toEqual([`HEAD ${NAME} 200`]);
    // The held copy is recorded with what this server said of it, as for any file checked held.
    expect(manifestOf(releases)[NAME]).toMatchObject({
      sha256: sha256(july),
      etag: '"node-2"',
      lastModified: recorded.lastModified,
    });
  }, 60_000);

  it('offline: the held copies stay, the first file says why, the others are not asked again', async () => {
    const away = await startCmsSite();
    const names = ['january-2020-alpha-numeric-hcpcs-file.zip', 'july-2020-alpha-numeric-hcpcs-file.zip'];
    away.serveZip(names[0] as string, zipOf('HCPC2020_JAN_ANWEB.txt', 'A0001'));
    away.serveZip(names[1] as string, zipOf('HCPC2020_JUL_ANWEB.txt', 'A0001', 'A0002'));
    const { dir, releases, pagePath } = linkPage(away, names);
    const args = ['update', '--source', pagePath, '--dir', releases, '--retries', '1', '--json'];
    expect((await hcpcs(dir, ...args)).status).toBe(0);
    await away.close();
    const run = await hcpcs(dir, ...args);
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as Report).files.map((f) => [f.status, f.error])).toEqual([
      [
        'check-failed',
        `could not ask whether it changed (${away.url}/files/zip/${names[0]}: ECONNREFUSED); the held copy is kept`,
      ],
      [
        'check-failed',
        `not asked whether it changed: ${away.url} did not answer for ${names[0]}; the held copy is kept`,
      ],
    ]);
    expect(
      readdirSync(releases)
        .filter((n) => !n.startsWith('.'))
        .sort(),
    ).toEqual(names);
  }, 60_000);

  it('asks a server whether its held files changed four at a time, its first file alone', async () => {
    const site = await startCmsSite();
    const months = ['january', 'april', 'july', 'october'];
    const names = [2016, 2017, 2018].flatMap((year) =>
      months.map((month) => `${month}-${year}-alpha-numeric-hcpcs-file.zip`),
    );
    for (const [i, name] of names.entries()) {
      const [month, year] = name.split('-') as [string, string];
      const mon = month.slice(0, 3).toUpperCase();
      site.serveZip(
        name,
        zipOf(`HCPC${year}_${mon}_ANWEB.txt`, 'A0001', `A${String(i + 2).padStart(4, '0')}`),
      );
    }
    const { dir, releases, pagePath } = linkPage(site, names);
    const args = ['update', '--source', pagePath, '--dir', releases, '--json'];
    try {
      expect((await hcpcs(dir, ...args)).status).toBe(0);
      // A distant server: each answer takes 200 ms, so the checks overlap as far as they may.
      site.holdAnswers(200);
      const logged = site.log.length;
      const run = await hcpcs(dir, ...args);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.files.map((f) => f.status)).toEqual(names.map(() => 'held'));
      const checks = site.log.slice(logged);
      expect(checks.map((c) => c.method)).toEqual(names.map(() => 'HEAD'));
      expect(checks.map((c) => c.status)).toEqual(names.map(() => 304));
      // Four at once, never more; the first file asked alone: nothing was open when it or the
      // second request arrived, so its answer came before any other file was asked.
      expect(site.peakInFlight()).toBe(4);
      expect(checks[0]?.path).toBe(`/files/zip/${names[0]}`);
      expect(checks.slice(0, 2).map((c) => c.open)).toEqual([0, 0]);
      expect(Math.max(...checks.map((c) => c.open))).toBe(3);
    } finally {
      await site.close();
    }
  }, 60_000);

  it('compares a file from a local --source folder by its sha256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-refetch-'));
    const source = join(dir, 'source');
    const releases = join(dir, 'releases');
    const NAME = 'april-2020-alpha-numeric-hcpcs-file.zip';
    mkdirSync(source);
    const first = zipOf('HCPC2020_APR_ANWEB.txt', 'A0001', 'A0002');
    writeFileSync(join(source, NAME), first);
    const args = ['update', '--source', source, '--dir', releases, '--json'];
    expect((await hcpcs(dir, ...args)).status).toBe(0);
    const unchanged = JSON.parse((await hcpcs(dir, ...args)).stdout) as Report;
    expect(unchanged.files.map((f) => [f.status, f.change])).toEqual([['held', 'same sha256']]);
    const second = zipOf('HCPC2020_APR_ANWEB_v2.txt', 'A0001', 'A0002', 'A0003');
    writeFileSync(join(source, NAME), second);
    const run = await hcpcs(dir, ...args);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => [f.status, f.change, f.release, f.revision, f.previous?.sha256])).toEqual([
      ['refetched', `the source file's sha256 is now ${sha256(second)}`, '2020-04', 2, sha256(first)],
    ]);
    expect(report.imports[0]?.releases).toEqual([{ key: '2020-04_v2', outcome: 'imported', records: 3 }]);
    expect(readdirSync(join(releases, '.previous'))).toHaveLength(1);
  }, 60_000);
});
