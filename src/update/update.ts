/**
 * `hcpcs update`: finds every Alpha-Numeric HCPCS File CMS links from its HCPCS pages (or any page
 * or local folder given), downloads those not yet in the releases folder, records each file's
 * sha256, then imports them, each release in its own transaction. One failure (a page that
 * answers 404, a link to a zip that is not an HCPCS file, a file cut short, a release that fails
 * to import) is reported for that file; the others go on and are kept, and the report says
 * something failed.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import lockfile from 'proper-lockfile';
import { HcpcsError } from '../errors.js';
import { type PlannedRelease, planReleases, releaseFromLink, releaseFromName } from '../ingest/release.js';
import { looksLikeZip } from '../ingest/zip-archive.js';
import { DEFAULT_TRANSFER, downloadFile, fetchPage, type TransferOptions } from './download.js';
import {
  fileNameOf,
  isAlphaNumericFile,
  isListPage,
  isReleasePage,
  linksOf,
  type PageLink,
  pageKey,
} from './links.js';

/**
 * CMS's pages `hcpcs update` reads by default: the HCPCS Quarterly Update page (this year's
 * quarters, linked as "/files/zip/january-2026-alpha-numeric-hcpcs-file.zip") and the Alpha-Numeric
 * HCPCS archive (a table of items, one page per year's file, ".../alpha-numeric-hcpcs-items/
 * 2013-alpha-numeric-hcpcs-file"). Both moved in CMS's 2023 redesign from
 * /Medicare/Coding/HCPCSReleaseCodeSets/HCPCS-Quarterly-Update and .../Alpha-Numeric-HCPCS, which
 * redirect here; item pages and zips of older years keep their /Medicare/Coding/... addresses.
 */
export const CMS_HCPCS_PAGES: readonly string[] = [
  'https://www.cms.gov/medicare/coding-billing/healthcare-common-procedure-system/quarterly-update',
  'https://www.cms.gov/medicare/coding-billing/healthcare-common-procedure-system/alpha-numeric',
];

/** Where the sha256 of every downloaded file is recorded, in the releases folder. */
export const MANIFEST_NAME = '.hcpcs-downloads.json';
const LOCK_NAME = '.hcpcs-update.lock';
/** How far from a source page links are followed: the archive it links, then each year's page. */
const MAX_DEPTH = 2;
/** Pages read in one run at most: the sources and the item pages they link. */
const MAX_PAGES = 400;

export interface ManifestEntry {
  readonly name: string;
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
  readonly downloadedAt: string;
}

export type FileStatus = 'held' | 'older' | 'would-download' | 'downloaded' | 'failed';

export interface FileOutcome {
  readonly url: string;
  readonly name: string;
  /**
   * The release (YYYY-MM) and revision its link speaks of; once downloaded, those the files
   * inside it name, which the import uses (CMS's zip "july-2024-alpha-numeric-hcpcs-file.zip"
   * holds "HCPC2024_JUL_ANWEB_v3.xlsx": revision 3).
   */
  release?: string;
  revision: number;
  /** Why the release or revision changed once the files inside were read. */
  note?: string;
  status: FileStatus;
  sha256?: string;
  size?: number;
  resumedFrom?: number;
  error?: string;
}

export interface ImportOutcome {
  readonly file: string;
  readonly releases: { key: string; outcome: string; records: number }[];
  readonly error?: string;
}

export interface UpdateReport {
  readonly dir: string;
  readonly pages: { url: string; files: number; error?: string }[];
  readonly files: FileOutcome[];
  readonly imports: ImportOutcome[];
  /** False when any page, file or import failed. */
  readonly ok: boolean;
}

export interface UpdateEvents {
  readonly page?: (url: string) => void;
  readonly downloadStart?: (file: FileOutcome) => void;
  readonly downloadProgress?: (file: FileOutcome, received: number, total: number | undefined) => void;
  readonly downloadEnd?: (file: FileOutcome) => void;
  readonly retry?: (message: string, attempt: number) => void;
  readonly importEnd?: (outcome: ImportOutcome) => void;
}

export interface UpdateOptions {
  readonly sources: readonly string[];
  readonly dir: string;
  /** Leave out files of releases before this year. */
  readonly since?: number;
  /** Find and list, download and import nothing. */
  readonly dryRun?: boolean;
  readonly transfer?: Partial<TransferOptions>;
  readonly events?: UpdateEvents;
  /** Imports one downloaded file; throws when it cannot. Absent: nothing is imported. */
  readonly importFile?: (path: string) => ImportOutcome['releases'];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A page (URL or local HTML file) or a local folder of files, as links. */
async function readSource(
  source: string,
  transfer: TransferOptions,
): Promise<{ url: string; links: PageLink[] }> {
  if (!/^https?:\/\//i.test(source)) {
    const path = resolve(source);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new HcpcsError('HCPCS_E_USAGE', `--source ${source}: no such URL, file or folder`);
    }
    const url = pathToFileURL(path).href;
    if (stat.isDirectory()) {
      const links = readdirSync(path)
        .filter((name) => !name.startsWith('.'))
        .map((name) => ({ url: pathToFileURL(join(path, name)).href, text: name }));
      return { url, links };
    }
    return { url, links: linksOf(readFileSync(path, 'utf8'), url) };
  }
  const page = await fetchPage(source, transfer);
  return { url: page.url, links: linksOf(page.html, page.url) };
}

/** Finds the file links of every source and of the release pages each links (two levels deep). */
async function findFiles(
  options: UpdateOptions,
  transfer: TransferOptions,
): Promise<{ pages: UpdateReport['pages']; links: PageLink[] }> {
  const pages: UpdateReport['pages'] = [];
  const files = new Map<string, PageLink>();
  const queue = options.sources.map((url) => ({ url, depth: 0 }));
  const seen = new Set(queue.map((q) => pageKey(q.url)));
  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const { url, depth } = queue.shift() as { url: string; depth: number };
    options.events?.page?.(url);
    try {
      const page = await readSource(url, transfer);
      seen.add(pageKey(page.url));
      const found = page.links.filter(isAlphaNumericFile);
      for (const link of found) if (!files.has(link.url)) files.set(link.url, link);
      // The next page of the same list is as deep as this one; a linked item page is one deeper.
      const follow = (link: PageLink) =>
        isListPage(link, page.url)
          ? depth
          : depth < MAX_DEPTH && isReleasePage(link, page.url)
            ? depth + 1
            : -1;
      const more = page.links
        .map((link) => ({ url: link.url, depth: follow(link) }))
        .filter((next) => next.depth >= 0 && !seen.has(pageKey(next.url)));
      for (const next of more) {
        seen.add(pageKey(next.url));
        queue.push(next);
      }
      if (depth === 0 && found.length === 0 && more.length === 0) {
        pages.push({ url, files: 0, error: 'no Alpha-Numeric HCPCS File link on this page' });
      } else pages.push({ url, files: new Set(found.map((link) => fileNameOf(link.url))).size });
    } catch (error) {
      if (error instanceof HcpcsError && error.code === 'HCPCS_E_USAGE') throw error;
      pages.push({ url, files: 0, error: message(error) });
    }
  }
  return { pages, links: [...files.values()] };
}

/**
 * Refuses bytes that are not a whole Alpha-Numeric HCPCS File: not a zip, a zip cut short or
 * damaged (every member checked against its CRC-32), or a zip with no HCPCS record file in it.
 * Returns the releases found in it, as the import will see them.
 */
export function verifyReleaseZip(path: string, bytes: Uint8Array): PlannedRelease[] {
  if (!looksLikeZip(bytes)) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16)).replace(/[^\x20-\x7e]/g, '.');
    throw new HcpcsError(
      'HCPCS_E_INPUT',
      `not a zip file (a zip begins with "PK"; this one begins with "${head}", ${bytes.length} bytes)`,
    );
  }
  try {
    return planReleases([path]);
  } catch (error) {
    const text = message(error).replace(`${path}: `, '');
    throw new HcpcsError('HCPCS_E_INPUT', `not a whole Alpha-Numeric HCPCS File: ${text}`);
  }
}

function readManifest(dir: string): ManifestEntry[] {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as ManifestEntry[];
  } catch {
    return [];
  }
}

async function recordInManifest(dir: string, entry: ManifestEntry): Promise<void> {
  const entries = readManifest(dir).filter((e) => e.name !== entry.name);
  entries.push(entry);
  const temp = join(dir, `${MANIFEST_NAME}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(entries, null, 2)}\n`);
  renameSync(temp, join(dir, MANIFEST_NAME));
}

/** A local file "downloaded": copied through the same check and rename as a download. */
function copyLocal(url: string, dir: string, name: string) {
  const source = new URL(url).pathname;
  const partialDir = join(dir, '.partial');
  mkdirSync(partialDir, { recursive: true });
  const partial = join(partialDir, name);
  try {
    copyFileSync(decodeURIComponent(source), partial);
    const bytes = readFileSync(partial);
    const planned = verifyReleaseZip(partial, bytes);
    const path = join(dir, name);
    renameSync(partial, path);
    return {
      planned,
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      resumedFrom: 0,
    };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * The name a download is saved under: its link's, or, when that name does not read as the release
 * and revision the link says (the release is in the link's text only: "hcpcs-file-jan.zip" titled
 * "January 2025 Alpha-Numeric HCPCS File"), that release put in front, so that the import, now or
 * of the folder later, reads the same release from it whatever the records' dates suggest.
 * @example savedName('hcpcs-file-jan.zip', '2025-01', 1) // '2025-01-hcpcs-file-jan.zip'
 */
export function savedName(name: string, release: string | undefined, revision: number): string {
  const read = releaseFromName(name);
  if (!release || (read.id === release && (read.revision ?? 1) === revision)) return name;
  return `${release}${revision > 1 ? `_v${revision}` : ''}-${name}`;
}

/**
 * Takes the release and revision of a downloaded file from the files inside it (what the import
 * reads, so that the report and the database agree) and says so when they differ from what its
 * link said.
 */
function readContents(
  file: FileOutcome,
  linkRevision: number | undefined,
  planned: readonly PlannedRelease[],
): void {
  const named = planned.filter((plan): plan is PlannedRelease & { id: string } => plan.id !== undefined);
  const first = named[0];
  if (!first) return;
  const source = basename(first.sourceOfRecord);
  const keys = [...new Set(named.map((plan) => `${plan.id}_v${plan.revision}`))];
  if (keys.length > 1) {
    file.note = `the files inside are ${keys.length} releases (${keys.join(', ')}), each imported as named`;
  } else if (file.release && first.id !== file.release) {
    file.note = `the link says release ${file.release} but the files inside say ${first.id} (${source}): imported as ${first.id}`;
  } else if (linkRevision !== undefined && first.revision !== linkRevision) {
    file.note = `the link says revision ${linkRevision} but the files inside say ${first.revision} (${source}): imported as ${first.id}_v${first.revision}`;
  }
  file.release = first.id;
  file.revision = first.revision;
}

async function lockDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, { lockfilePath: join(dir, LOCK_NAME), stale: 120_000, update: 30_000 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new HcpcsError(
        'HCPCS_E_CONFLICT',
        `another hcpcs update is running on ${dir} (lock ${join(dir, LOCK_NAME)}); try again when it ends`,
      );
    }
    throw error;
  }
}

/**
 * Finds, downloads and imports what CMS published and the folder does not hold.
 * @example await updateReleases({ sources: CMS_HCPCS_PAGES, dir: '/srv/cms-hcpcs', importFile })
 */
export async function updateReleases(options: UpdateOptions): Promise<UpdateReport> {
  const transfer: TransferOptions = { ...DEFAULT_TRANSFER, ...options.transfer };
  const dir = resolve(options.dir);
  if (!options.dryRun) {
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new HcpcsError(
        'HCPCS_E_INPUT',
        `${dir}: the releases folder cannot be written (${(error as { code?: string }).code ?? message(error)}); pass --dir or set HCPCS_RELEASES`,
      );
    }
  }
  const unlock = options.dryRun ? async () => {} : await lockDir(dir);
  try {
    const { pages, links } = await findFiles(options, transfer);
    const files: FileOutcome[] = [];
    const linkRevisions = new Map<FileOutcome, number | undefined>();
    const names = new Set<string>();
    for (const link of links) {
      // One download per name: the same zip is linked twice on a page, with and without a query
      // string, or from both its year's item page and the quarterly page.
      const linkName = basename(fileNameOf(link.url));
      if (names.has(linkName)) continue;
      names.add(linkName);
      const { id: release, revision } = releaseFromLink(linkName, link.text);
      const name = savedName(linkName, release, revision ?? 1);
      const year = release ? Number(release.slice(0, 4)) : undefined;
      const held = existsSync(join(dir, name));
      const status: FileStatus = held
        ? 'held'
        : options.since && year !== undefined && year < options.since
          ? 'older'
          : 'would-download';
      const file: FileOutcome = {
        url: link.url,
        name,
        ...(release ? { release } : {}),
        // CMS's convention: a file without a `_vN` mark is the first issue (revision 1).
        revision: revision ?? 1,
        status,
      };
      files.push(file);
      linkRevisions.set(file, revision);
    }
    const imports: ImportOutcome[] = [];
    // Oldest release first and each quarter's revisions in the order CMS issued them: the import
    // checks a release against the latest one it holds of that quarter, as it would have been.
    const order = (file: FileOutcome) =>
      `${file.release ?? '9999-99'}_v${String(file.revision).padStart(3, '0')}`;
    const wanted = options.dryRun
      ? []
      : files.filter((f) => f.status === 'would-download').sort((a, b) => order(a).localeCompare(order(b)));
    for (const file of wanted) {
      options.events?.downloadStart?.(file);
      try {
        let planned: PlannedRelease[] = [];
        const done = file.url.startsWith('file:')
          ? copyLocal(file.url, dir, file.name)
          : await downloadFile(
              file.url,
              dir,
              file.name,
              (path, bytes) => {
                planned = verifyReleaseZip(path, bytes);
              },
              {
                ...transfer,
                onProgress: (received, total) => options.events?.downloadProgress?.(file, received, total),
                ...(options.events?.retry ? { onRetry: options.events.retry } : {}),
              },
            );
        readContents(file, linkRevisions.get(file), 'planned' in done ? done.planned : planned);
        Object.assign(file, {
          status: 'downloaded',
          sha256: done.sha256,
          size: done.size,
          resumedFrom: done.resumedFrom,
        });
        await recordInManifest(dir, {
          name: file.name,
          url: file.url,
          sha256: done.sha256,
          size: done.size,
          downloadedAt: new Date().toISOString(),
        });
      } catch (error) {
        file.status = 'failed';
        file.error = message(error);
      }
      options.events?.downloadEnd?.(file);
      if (file.status !== 'downloaded' || !options.importFile) continue;
      const path = join(dir, file.name);
      let outcome: ImportOutcome;
      try {
        outcome = { file: path, releases: options.importFile(path) };
      } catch (error) {
        outcome = { file: path, releases: [], error: message(error) };
      }
      imports.push(outcome);
      options.events?.importEnd?.(outcome);
    }
    const ok =
      pages.every((p) => !p.error) &&
      files.every((f) => f.status !== 'failed') &&
      imports.every((i) => !i.error);
    return { dir, pages, files, imports, ok };
  } finally {
    await unlock();
  }
}
