/**
 * `hcpcs update` end to end against a local site shaped like CMS's (test/support/cms-site.ts):
 * the real CLI as a child process, a real HTTP server, real SQLite files, the real CMS zips.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hcpcsAsync } from './support/cli.js';
import { cms } from './support/cms.js';
import { ARCHIVE_PAGE, QUARTERLY_PAGE } from './support/cms-pages.js';
import { type CmsSite, startCmsSite } from './support/cms-site.js';

const cmsMore = (folder: string) => cms('..', 'cms-more', folder);

let site: CmsSite;
beforeAll(async () => {
  site = await startCmsSite();
});
afterAll(() => site.close());

const hcpcs = hcpcsAsync;

interface Report {
  ok: boolean;
  pages: { url: string; files: number; error?: string }[];
  files: {
    url: string;
    name: string;
    status: string;
    release?: string;
    revision: number;
    corrections?: boolean;
    note?: string;
    sha256?: string;
    size?: number;
    resumedFrom?: number;
    error?: string;
  }[];
  imports: { file: string; releases: { key: string; outcome: string; records: number }[]; error?: string }[];
}

describe('hcpcs update', () => {
  it('downloads and imports what the pages link, refuses each bad file clearly, keeps what succeeded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-update-'));
    const releases = join(dir, 'releases');
    const run = await hcpcs(
      dir,
      ...['update', '--source', `${site.url}/quarterly-update`, '--dir', releases],
      ...['--timeout', '1', '--retries', '1', '--json'],
    );
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    const byName = Object.fromEntries(report.files.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual([
      '13anweb.zip',
      '2014-alpha-numeric-hcpcs-file.zip',
      '2015-alpha-numeric-hcpcs-file.zip',
      '2016-alpha-numeric-hcpcs-file.zip',
      '2017-alpha-numeric-hcpcs-file.zip',
      '2018-alpha-numeric-hcpcs-file.zip',
      'january-2023-alpha-numeric-hcpcs-file_v3.zip',
    ]);
    // The redirect followed; the real 2013 zip's sha256 recorded.
    expect(byName['13anweb.zip']).toMatchObject({ status: 'downloaded', release: '2013-01', size: 980_575 });
    expect(byName['13anweb.zip']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The slow file stalled past the timeout once and was resumed from where it stopped.
    const slow = byName['january-2023-alpha-numeric-hcpcs-file_v3.zip'];
    expect(slow?.status).toBe('downloaded');
    expect(
      site.ranges.some((r) => r.startsWith('/files/zip/january-2023-alpha-numeric-hcpcs-file_v3.zip bytes=')),
    ).toBe(true);
    const fail = (name: string) => byName[name]?.error ?? '';
    expect(byName['2014-alpha-numeric-hcpcs-file.zip']?.status).toBe('failed');
    expect(fail('2014-alpha-numeric-hcpcs-file.zip')).toBe(
      `${site.url}/files/zip/2014-alpha-numeric-hcpcs-file.zip: the server answered 404 Not Found`,
    );
    expect(site.hits.get('/files/zip/2014-alpha-numeric-hcpcs-file.zip')).toBe(1); // a 404 is not retried
    expect(fail('2015-alpha-numeric-hcpcs-file.zip')).toMatch(
      /2015-alpha-numeric-hcpcs-file\.zip: (cut short: \d+ of 980575 bytes arrived|the transfer broke after \d+ bytes)/,
    );
    expect(fail('2016-alpha-numeric-hcpcs-file.zip')).toMatch(
      /refused, not a zip file \(a zip begins with "PK"; this one begins with "<!DOCTYPE html><", 101 bytes\)/,
    );
    expect(fail('2017-alpha-numeric-hcpcs-file.zip')).toMatch(
      /refused, not a whole Alpha-Numeric HCPCS File: 2017-alpha-numeric-hcpcs-file\.zip!readme\.txt: not an Alpha-Numeric HCPCS record file/,
    );
    // The 2018 zip downloaded whole but its release fails to import: said for that file.
    expect(byName['2018-alpha-numeric-hcpcs-file.zip']?.status).toBe('downloaded');
    const imports = Object.fromEntries(report.imports.map((i) => [i.file.slice(releases.length + 1), i]));
    expect(imports['2018-alpha-numeric-hcpcs-file.zip']?.error).toMatch(/duplicate procedure code A0001/);
    expect(imports['13anweb.zip']?.releases).toEqual([
      { key: '2013-01_v1', outcome: 'imported', records: 5951 },
    ]);
    expect(imports['january-2023-alpha-numeric-hcpcs-file_v3.zip']?.releases).toEqual([
      { key: '2023-01_v3', outcome: 'imported', records: 7785 },
    ]);
    // The record layout zip is a companion file, not an Alpha-Numeric file: never fetched.
    expect(site.hits.get('/files/zip/2023-hcpcs-record-layout.zip')).toBeUndefined();
    // Nothing half-written in the folder: only the whole files, the manifest and no partial left.
    expect(readdirSync(releases).sort()).toEqual([
      '.hcpcs-downloads.json',
      '.partial',
      '13anweb.zip',
      '2018-alpha-numeric-hcpcs-file.zip',
      'january-2023-alpha-numeric-hcpcs-file_v3.zip',
    ]);
    expect(readdirSync(join(releases, '.partial'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(releases, '.hcpcs-downloads.json'), 'utf8')) as {
      name: string;
      sha256: string;
    }[];
    expect(manifest.map((m) => m.name).sort()).toEqual([
      '13anweb.zip',
      '2018-alpha-numeric-hcpcs-file.zip',
      'january-2023-alpha-numeric-hcpcs-file_v3.zip',
    ]);
    // The database holds the two releases that imported, whole.
    const held = await hcpcs(dir, 'releases', '--json');
    expect(
      (JSON.parse(held.stdout) as { key: string; counts: { records: number } }[]).map((r) => [
        r.key,
        r.counts.records,
      ]),
    ).toEqual([
      ['2013-01_v1', 5951],
      ['2023-01_v3', 7785],
    ]);

    // Again from the archive: the file is held, nothing is fetched, all is well (exit 0).
    const again = await hcpcs(
      dir,
      'update',
      '--source',
      `${site.url}/alpha-numeric-hcpcs-archive`,
      '--dir',
      releases,
    );
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('1 Alpha-Numeric HCPCS File link(s) found on 2 page(s); 1 already in');
    expect(again.stderr).toContain(`reading ${site.url}/items/2013-alpha-numeric-hcpcs-file`);
  }, 120_000);

  it('--dry-run and --since list without downloading; a page with no links and a lock are errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-update-'));
    const releases = join(dir, 'releases');
    const dry = await hcpcs(
      dir,
      'update',
      '--source',
      `${site.url}/alpha-numeric-hcpcs-archive`,
      '--dir',
      releases,
      '--dry-run',
    );
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      `would download ${site.url}/Medicare/old/13anweb.zip (release 2013-01, revision 1)`,
    );
    expect(existsSync(releases)).toBe(false);
    const since = await hcpcs(
      dir,
      'update',
      '--source',
      `${site.url}/alpha-numeric-hcpcs-archive`,
      '--dir',
      releases,
      '--since',
      '2014',
      '--json',
    );
    expect((JSON.parse(since.stdout) as Report).files).toEqual([
      {
        url: `${site.url}/Medicare/old/13anweb.zip`,
        name: '13anweb.zip',
        release: '2013-01',
        revision: 1,
        status: 'older',
      },
    ]);
    // A local folder as the source: its zips are the links, in its subfolders too (one per release).
    const local = await hcpcs(dir, 'update', '--source', cmsMore('2013'), '--dir', releases, '--dry-run');
    expect(local.stdout).toContain(
      `would download file://${cmsMore('2013')}/13anweb.zip (release 2013-01, revision 1)`,
    );
    const tree = await hcpcs(dir, 'update', '--source', cmsMore('.'), '--dir', releases, '--dry-run');
    expect(tree.stdout).toContain(
      `would download file://${cmsMore('2013')}/13anweb.zip (release 2013-01, revision 1)`,
    );
    // A folder of symbolic links to downloads held elsewhere; a link to nothing is named.
    const linked = join(dir, 'linked');
    mkdirSync(linked);
    symlinkSync(join(cmsMore('2013'), '13anweb.zip'), join(linked, '13anweb.zip'));
    symlinkSync(cms('2019'), join(linked, 'cms-2019'));
    // A link back up the tree: the folder is read once (a recursive readdir followed it 40 deep).
    symlinkSync(linked, join(linked, 'up'));
    const viaLink = await hcpcs(dir, 'update', '--source', linked, '--dir', releases, '--dry-run');
    expect(viaLink.status, viaLink.stderr).toBe(0);
    expect(viaLink.stdout.match(/would download .*2019-Alpha-Numeric-HCPCS-File\.zip/g)).toHaveLength(1);
    expect(viaLink.stdout).toContain(
      `would download file://${linked}/13anweb.zip (release 2013-01, revision 1)`,
    );
    expect(viaLink.stdout).toContain(
      `would download file://${linked}/cms-2019/2019-Alpha-Numeric-HCPCS-File.zip (release 2019-01, revision 1)`,
    );
    symlinkSync(join(dir, 'gone.zip'), join(linked, 'gone.zip'));
    const broken = await hcpcs(dir, 'update', '--source', linked, '--dir', releases, '--dry-run');
    expect(broken.status).toBe(1);
    expect(`${broken.stdout}${broken.stderr}`).toContain(
      `${join(linked, 'gone.zip')}: a symbolic link to nothing: it points to ${join(dir, 'gone.zip')}, which does not exist`,
    );
    const copied = await hcpcs(
      dir,
      'update',
      '--source',
      cmsMore('2013'),
      '--dir',
      join(dir, 'local'),
      '--json',
    );
    expect(copied.status, copied.stderr).toBe(0);
    const copy = JSON.parse(copied.stdout) as Report;
    expect(copy.files.map((f) => [f.name, f.status, f.size])).toEqual([
      ['13anweb.zip', 'downloaded', 980_575],
    ]);
    expect(copy.imports[0]?.releases).toEqual([{ key: '2013-01_v1', outcome: 'imported', records: 5951 }]);
    const empty = await hcpcs(dir, 'update', '--source', `${site.url}/empty`, '--dir', releases);
    expect(empty.status).toBe(1);
    expect(empty.stdout).toContain(`page ${site.url}/empty: no Alpha-Numeric HCPCS File link on this page`);
    const missing = await hcpcs(dir, 'update', '--source', `${site.url}/no-such-page`, '--dir', releases);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain(
      `page ${site.url}/no-such-page: ${site.url}/no-such-page: the server answered 404 Not Found`,
    );
    mkdirSync(join(releases, '.hcpcs-update.lock'), { recursive: true });
    const locked = await hcpcs(
      dir,
      'update',
      '--source',
      `${site.url}/alpha-numeric-hcpcs-archive`,
      '--dir',
      releases,
    );
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain(`another hcpcs update is running on ${releases}`);
    const bad = await hcpcs(dir, 'update', '--since', '13', '--dir', releases);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, 'hcpcs: --since: "13" is not a year (YYYY)']);
  }, 60_000);
});

describe("hcpcs update on pages shaped like CMS's (test/support/cms-pages.ts)", () => {
  const OLD = '/Medicare/Coding/HCPCSReleaseCodeSets';

  it('finds every Alpha-Numeric HCPCS File on the quarterly page and the archive, with its release and revision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-update-'));
    const zipsFetched = () => [...site.hits.keys()].filter((path) => /\.zip$/i.test(path));
    const before = zipsFetched();
    const run = await hcpcs(
      dir,
      ...['update', '--source', `${site.url}${QUARTERLY_PAGE}`, '--source', `${site.url}${ARCHIVE_PAGE}`],
      ...['--dir', join(dir, 'releases'), '--dry-run', '--json'],
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const at = (url: string) => url.slice(site.url.length);
    // The archive's second page (?page=1) is read; its "First"/"Previous" links (?page=0) are the
    // first page again; the record layout, NOC and corrections items are not read.
    expect(report.pages.map((p) => [at(p.url), p.files])).toEqual([
      [QUARTERLY_PAGE, 12],
      [ARCHIVE_PAGE, 0],
      [
        '/medicare/coding-billing/healthcare-common-procedure-system/alpha-numeric-hcpcs-items/2024-alpha-numeric-hcpcs-file',
        1,
      ],
      [
        `${OLD}/Alpha-Numeric-HCPCS-Items/2018-Alpha-Numeric-HCPCS-File-.html?DLPage=1&DLEntries=10&DLSort=0&DLSortDir=descending`,
        1,
      ],
      [`${ARCHIVE_PAGE}?page=1`, 0],
      [`${OLD}/Alpha-Numeric-HCPCS-Items/2016-Alpha-Numeric-HCPCS-File.html`, 1],
      [`${OLD}/Alpha-Numeric-HCPCS-Items/2015-Alpha-Numeric-HCPCS-File`, 1],
      [`${OLD}/Alpha-Numeric-HCPCS-Items/2013-Alpha-Numeric-HCPCS-File`, 1],
      [`${OLD}/Alpha-Numeric-HCPCS-Items/2012-Alpha-Numeric-HCPCS-File`, 1],
      [`${OLD}/Alpha-Numeric-HCPCS-Items/2005-Alpha-Numeric-HCPCS-File`, 1],
    ]);
    // Each zip once (a link repeated, with a fragment or a query string, is one file); the
    // record layout, NOC codes and the Index/Table of Drugs zips left alone; the corrections lists
    // (also "jan-2026-v2.zip", titled Corrections - v2) taken as such.
    expect(report.files.map((f) => [at(f.url), f.release, f.revision, f.status])).toEqual([
      ['/files/zip/january-2026-alpha-numeric-hcpcs-file.zip', '2026-01', 1, 'would-download'],
      [
        '/files/zip/october-2025-alpha-numeric-hcpcs-file-updated-11-14-2025.zip',
        '2025-10',
        4,
        'would-download',
      ],
      ['/files/zip/october-2025-alpha-numeric-hcpcs-file.zip', '2025-10', 1, 'would-download'],
      ['/files/zip/july-2025-alpha-numeric-hcpcs-file.zip?v=2', '2025-07', 1, 'would-download'],
      ['/files/zip/april-2025-alpha-numeric-hcpcs-file-v2.zip', '2025-04', 2, 'would-download'],
      ['/files/zip/april-2025-alpha-numeric-hcpcs-file.zip', '2025-04', 1, 'would-download'],
      ['/files/zip/hcpcs-file-jan.zip', '2025-01', 1, 'would-download'],
      ['/files/zip/october-2024-alpha-numeric-hcpcs-files.zip', '2024-10', 1, 'would-download'],
      ['/files/zip/july-2024-alpha-numeric-hcpcs-file.zip', '2024-07', 1, 'would-download'],
      ['/files/zip/APRIL-2024-ALPHA-NUMERIC-HCPCS-FILES.ZIP', '2024-04', 1, 'would-download'],
      ['/files/zip/2024-alpha-numeric-hcpcs-file.zip', '2024-01', 1, 'would-download'],
      ['/files/zip/2017-alpha-numeric-hcpcs-file-april.zip', '2017-04', 1, 'would-download'],
      ['/files/zip/january-2026-alpha-numeric-hcpcs-corrections.zip', '2026-01', 1, 'would-download'],
      ['/files/zip/jan-2026-v2.zip', '2026-01', 2, 'would-download'],
      [`${OLD}/Downloads/2018-Alpha-Numeric-HCPCS-File.zip`, '2018-01', 1, 'would-download'],
      [
        `${OLD}/Downloads/2016-Alpha-Numeric-HCPCS-File.zip?agree=yes&next=Accept`,
        '2016-01',
        1,
        'would-download',
      ],
      [`${OLD}/Downloads/2015-Annual-Alpha-Numeric-HCPCS-File.zip`, '2015-01', 1, 'would-download'],
      [`${OLD}/Downloads/13anweb.zip`, '2013-01', 1, 'would-download'],
      [`${OLD}/downloads/12anweb.zip`, '2012-01', 1, 'would-download'],
      [`${OLD}/Downloads/05ANWEB.ZIP`, '2005-01', 1, 'would-download'],
    ]);
    // A dry run reads pages only.
    expect(zipsFetched()).toEqual(before);
  }, 60_000);

  it("saves each download under its link's name and imports it as the release the files inside name", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-update-'));
    const releases = join(dir, 'releases');
    const args = ['update', '--source', `${site.url}${QUARTERLY_PAGE}`, '--dir', releases, '--since', '2024'];
    const run = await hcpcs(dir, ...args, '--json');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    // Once downloaded, a file's release and revision are those the files inside name: July 2024's
    // zip holds HCPC2024_JUL_ANWEB_v3 (revision 3); April 2025's "-v2" zip holds a file named as
    // the first issue (revision 2 all the same); the zip posted as April 2024 holds January's
    // second issue (said, and imported once, as 2024-01_v2). A link whose name does not read as
    // the release its text says is saved with that release in front, so that this import and any
    // later import of the folder read the same: "hcpcs-file-jan.zip" names nothing inside and its
    // records' dates say 2020, its text January 2025; October 2025's "-updated-11-14-2025.zip" is
    // titled v4.
    expect(report.files.map((f) => [f.name, f.release, f.revision, f.status, f.note])).toEqual([
      ['january-2026-alpha-numeric-hcpcs-file.zip', '2026-01', 1, 'downloaded', undefined],
      [
        '2025-10_v4-october-2025-alpha-numeric-hcpcs-file-updated-11-14-2025.zip',
        '2025-10',
        4,
        'downloaded',
        undefined,
      ],
      ['october-2025-alpha-numeric-hcpcs-file.zip', '2025-10', 1, 'downloaded', undefined],
      ['july-2025-alpha-numeric-hcpcs-file.zip', '2025-07', 2, 'downloaded', undefined],
      ['april-2025-alpha-numeric-hcpcs-file-v2.zip', '2025-04', 2, 'downloaded', undefined],
      ['april-2025-alpha-numeric-hcpcs-file.zip', '2025-04', 1, 'downloaded', undefined],
      ['2025-01-hcpcs-file-jan.zip', '2025-01', 1, 'downloaded', undefined],
      ['october-2024-alpha-numeric-hcpcs-files.zip', '2024-10', 1, 'downloaded', undefined],
      ['july-2024-alpha-numeric-hcpcs-file.zip', '2024-07', 3, 'downloaded', undefined],
      [
        'APRIL-2024-ALPHA-NUMERIC-HCPCS-FILES.ZIP',
        '2024-01',
        2,
        'downloaded',
        'the link says release 2024-04 but the files inside say 2024-01 (APRIL-2024-ALPHA-NUMERIC-HCPCS-FILES.ZIP!HCPC2024_JAN_ANWEB_v2.txt): imported as 2024-01',
      ],
      ['2024-alpha-numeric-hcpcs-file.zip', '2024-01', 1, 'downloaded', undefined],
      ['2017-alpha-numeric-hcpcs-file-april.zip', '2017-04', 1, 'older', undefined],
      ['january-2026-alpha-numeric-hcpcs-corrections.zip', '2026-01', 1, 'downloaded', undefined],
      ['jan-2026-v2.zip', '2026-01', 2, 'downloaded', undefined],
    ]);
    // What the report says is what the import stored, one release per file, oldest first; the
    // corrections lists last of their quarter, into the release they correct (2026-01_v1).
    const imported = report.imports.map((i) => [
      i.file.slice(releases.length + 1),
      i.releases.map((r) => `${r.key} ${r.outcome}`),
    ]);
    const releaseFiles = report.files.filter((f) => f.status === 'downloaded' && !f.corrections);
    expect(imported).toEqual([
      ...releaseFiles
        .sort((a, b) => `${a.release}_v${a.revision}`.localeCompare(`${b.release}_v${b.revision}`))
        .map((f) => [f.name, [`${f.release}_v${f.revision} imported`]]),
      ['january-2026-alpha-numeric-hcpcs-corrections.zip', ['2026-01_v1 corrections-added']],
      ['jan-2026-v2.zip', ['2026-01_v1 corrections-added']],
    ]);
    const a0004 = await hcpcs(dir, 'check', 'A0004', '--date', '2026-02-15');
    expect(a0004.stdout).toContain('A0004 on 2026-02-15: NOT VALID (terminated)');
    expect(a0004.stdout).toContain(`CMS's corrections to 2026-01: "Discontinue", effective 2026-02-01`);
    expect(
      readdirSync(releases)
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(
      report.files
        .filter((f) => f.status === 'downloaded')
        .map((f) => f.name)
        .sort(),
    );
    const held = await hcpcs(dir, 'releases', '--json');
    expect((JSON.parse(held.stdout) as { key: string }[]).map((r) => r.key)).toEqual([
      '2024-01_v1',
      '2024-01_v2',
      '2024-07_v3',
      '2024-10_v1',
      '2025-01_v1',
      '2025-04_v1',
      '2025-04_v2',
      '2025-07_v2',
      '2025-10_v1',
      '2025-10_v4',
      '2026-01_v1',
    ]);
    // Run again: every file is held, nothing is fetched.
    const again = await hcpcs(dir, ...args);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      '12 Alpha-Numeric HCPCS File link(s) and 2 corrections list link(s) found on 1 page(s); 13 already in',
    );
  }, 60_000);
});
