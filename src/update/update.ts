/**
 * `hcpcs update`: finds every Alpha-Numeric HCPCS File CMS links from its HCPCS pages (or any page
 * or local folder given), downloads those not yet in the releases folder, records each file's
 * sha256 and what the server said of it (ETag, Last-Modified, length), then imports them, each
 * release in its own transaction. A file already held is not taken for current by its name alone:
 * CMS re-posts corrected files at the same address, so the server is asked whether its copy
 * changed (a conditional HEAD) and a changed one is fetched again, the earlier copy kept. One failure (a page that
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
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import lockfile from 'proper-lockfile';
import { HcpcsError } from '../errors.js';
import {
  type PlannedRelease,
  planImport,
  planReleases,
  releaseFromLink,
  releaseFromName,
} from '../ingest/release.js';
import { filesUnder } from '../ingest/sources.js';
import { looksLikeZip } from '../ingest/zip-archive.js';
import {
  DEFAULT_TRANSFER,
  type Downloaded,
  downloadFile,
  fetchPage,
  type ProbeAnswer,
  probeFile,
  type ServerCopy,
  type TransferOptions,
  UnreachableError,
} from './download.js';
import {
  fileNameOf,
  isAlphaNumericFile,
  isCorrectionsFile,
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

/**
 * Held files asked at once whether they changed (conditional HEADs, checkHeld below): enough
 * to spare most of the round trips of a whole archive, few enough to stay a polite client.
 */
const CHECK_CONCURRENCY = 4;

/** Where the sha256 of every downloaded file is recorded, in the releases folder. */
export const MANIFEST_NAME = '.hcpcs-downloads.json';
/**
 * Where a copy CMS replaced at the same address is kept: a dot folder, so that importing the
 * releases folder reads CMS's current files only.
 */
export const PREVIOUS_DIR = '.previous';
const LOCK_NAME = '.hcpcs-update.lock';
/** How far from a source page links are followed: the archive it links, then each year's page. */
const MAX_DEPTH = 2;
/** Pages read in one run at most: the sources and the item pages they link. */
const MAX_PAGES = 400;

/** What the manifest says of a file downloaded and not yet imported (see ManifestEntry.importError). */
const NOT_YET_IMPORTED = 'downloaded; the run stopped before importing it';

/** A copy of a file CMS has since replaced at the same URL, kept under PREVIOUS_DIR. */
export interface PreviousCopy extends ServerCopy {
  /** Its path in the releases folder (".previous/2026-01-12-1a2b3c4d-name.zip"). */
  readonly keptAs: string;
  readonly sha256: string;
  readonly size: number;
  readonly downloadedAt?: string;
  readonly replacedAt: string;
}

/**
 * One file of the manifest. Manifests written before the server's validators were recorded hold
 * name, url, sha256, size and downloadedAt only: such a file is compared by its length once, and
 * the validators the server then sends are recorded for the next run.
 */
export interface ManifestEntry extends ServerCopy {
  readonly name: string;
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
  /** When these bytes were fetched. */
  readonly downloadedAt: string;
  /** When the server last said its copy is this one. */
  readonly checkedAt?: string;
  /** Earlier copies CMS replaced at this URL, the latest first. */
  readonly previous?: readonly PreviousCopy[];
  /**
   * Why the last import of these bytes failed (absent once one succeeded): the next run imports
   * the file again and says so, so a refused file is not forgotten once the server answers 304.
   */
  readonly importError?: string;
}

/**
 * held: in the folder and, when asked, the server's copy is the same (304, same validators or
 * length); changed: the server's copy changed (--dry-run: not fetched); refetched: fetched again
 * because it changed, the earlier copy kept; cannot-tell: the server sends no validator nor a
 * length to compare, the held copy is kept; check-failed: the server could not be asked (404,
 * offline), the held copy is kept.
 */
export type FileStatus =
  | 'held'
  | 'changed'
  | 'refetched'
  | 'cannot-tell'
  | 'check-failed'
  | 'older'
  | 'would-download'
  | 'downloaded'
  | 'failed';

export interface FileOutcome {
  readonly url: string;
  readonly name: string;
  /**
   * True for CMS's corrections list of a release (not a release file): imported after the
   * release's files, into the release it corrects; its revision is the list's.
   */
  readonly corrections?: boolean;
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
  /** For a held file: how the server's copy compares with it ("not modified (304)", "ETag ... is now ..."). */
  change?: string;
  /** What the server said of its copy when asked or downloaded from. */
  server?: ServerCopy;
  /** For a refetched file: the copy it replaced, where it is kept and what it held. */
  previous?: { keptAs: string; sha256: string; release?: string; revision?: number };
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
  /** A held file found changed on the server, or whose change could not be told or asked. */
  readonly check?: (file: FileOutcome) => void;
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
      // Its files at any depth: a folder kept as HCPCS_RELEASES is (one subfolder per release, as
      // ../shared/cms) is a source as it stands. Dot folders are left out (earlier copies, see
      // refetch).
      const links = filesUnder(path)
        .sort()
        .map((relative) => ({ url: pathToFileURL(join(path, relative)).href, text: basename(relative) }));
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
): Promise<{ pages: UpdateReport['pages']; links: PageLink[]; corrections: ReadonlySet<string> }> {
  const pages: UpdateReport['pages'] = [];
  const files = new Map<string, PageLink>();
  const corrections = new Set<string>();
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
      for (const link of page.links.filter(isCorrectionsFile)) {
        if (files.has(link.url)) continue;
        files.set(link.url, link);
        corrections.add(link.url);
      }
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
  return { pages, links: [...files.values()], corrections };
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

/**
 * Refuses bytes that are not a whole CMS corrections zip: not a zip, cut short or damaged, or
 * holding anything but corrections lists (a release file under a corrections name is not taken
 * for one).
 */
export function verifyCorrectionsZip(path: string, bytes: Uint8Array): void {
  if (!looksLikeZip(bytes)) {
    throw new HcpcsError('HCPCS_E_INPUT', `not a zip file (a zip begins with "PK"; ${bytes.length} bytes)`);
  }
  let plan: ReturnType<typeof planImport>;
  try {
    plan = planImport([path]);
  } catch (error) {
    throw new HcpcsError(
      'HCPCS_E_INPUT',
      `not a whole CMS corrections zip: ${message(error).replace(`${path}: `, '')}`,
    );
  }
  if (plan.releases.length > 0 || plan.corrections.length === 0) {
    throw new HcpcsError(
      'HCPCS_E_INPUT',
      'not a CMS corrections zip: it holds release files, not only corrections lists; its link is read as a corrections list',
    );
  }
}

export function readManifest(dir: string): ManifestEntry[] {
  try {
    const entries: unknown = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
    return Array.isArray(entries) ? (entries as ManifestEntry[]) : [];
  } catch {
    return [];
  }
}

/** Rewrites the manifest (whole, by rename: a reader never sees half of it) with `change` applied. */
async function changeManifest(
  dir: string,
  change: (entries: ManifestEntry[]) => ManifestEntry[],
): Promise<void> {
  const entries = change(readManifest(dir));
  const temp = join(dir, `${MANIFEST_NAME}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(entries, null, 2)}\n`);
  renameSync(temp, join(dir, MANIFEST_NAME));
}

const recordInManifest = (dir: string, entry: ManifestEntry) =>
  changeManifest(dir, (entries) => [...entries.filter((e) => e.name !== entry.name), entry]);

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A local file "downloaded": copied through the same check and rename as a download. */
function copyLocal(
  url: string,
  dir: string,
  name: string,
  verify: (path: string, bytes: Uint8Array) => void,
): Downloaded {
  const source = new URL(url).pathname;
  const partialDir = join(dir, '.partial');
  mkdirSync(partialDir, { recursive: true });
  const partial = join(partialDir, name);
  try {
    copyFileSync(decodeURIComponent(source), partial);
    const bytes = readFileSync(partial);
    verify(partial, bytes);
    const path = join(dir, name);
    renameSync(partial, path);
    return { path, name, sha256: sha256Of(bytes), size: bytes.length, resumedFrom: 0 };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** A held file as the server is asked about it: its validators as recorded, its length on disk. */
export interface HeldCopy extends ServerCopy {
  readonly size: number;
}

/** Entity tags compared weakly (RFC 9110 section 8.8.3.2): "W/" marks no other tag. */
const sameTag = (a: string, b: string) => a.replace(/^W\//, '') === b.replace(/^W\//, '');

/**
 * Whether the server's copy of a held file changed, from its answer to a conditional request:
 * 304, or the strongest thing both sides name (ETag, then Last-Modified, then the length). Another
 * ETag with the same Last-Modified and length is another server's tag, not a new file. A server
 * that sends none of them cannot tell (undefined): the held copy is kept rather than fetched
 * again on every run.
 * @example changeOf({ size: 10, etag: '"a"' }, { status: 200, method: 'HEAD', etag: '"b"' }).changed // true
 */
export function changeOf(
  held: HeldCopy,
  answer: ProbeAnswer,
): { changed: boolean | undefined; reason: string } {
  if (answer.status === 304) return { changed: false, reason: 'not modified (304)' };
  if (held.etag && answer.etag) {
    if (sameTag(held.etag, answer.etag)) return { changed: false, reason: `same ETag ${answer.etag}` };
    // Servers behind one name (a CDN's nodes, a pool of origins) may each tag the same file their
    // own way (an ETag made from the inode, as Apache's default FileETag does). A file uploaded
    // anew gets a new Last-Modified; the same date and the same length mean the same upload.
    if (
      held.lastModified &&
      answer.lastModified &&
      Date.parse(held.lastModified) === Date.parse(answer.lastModified) &&
      answer.contentLength === held.size
    ) {
      return {
        changed: false,
        reason: `ETag ${held.etag} is now ${answer.etag}, but the same Last-Modified ${answer.lastModified} and length ${held.size} bytes: another server's tag for the same upload`,
      };
    }
    return { changed: true, reason: `ETag ${held.etag} is now ${answer.etag}` };
  }
  if (held.lastModified && answer.lastModified) {
    return Date.parse(held.lastModified) === Date.parse(answer.lastModified)
      ? { changed: false, reason: `same Last-Modified ${answer.lastModified}` }
      : { changed: true, reason: `Last-Modified ${held.lastModified} is now ${answer.lastModified}` };
  }
  if (answer.contentLength !== undefined) {
    return answer.contentLength === held.size
      ? { changed: false, reason: `same length, ${held.size} bytes (no validator to compare)` }
      : { changed: true, reason: `length ${held.size} bytes is now ${answer.contentLength}` };
  }
  return {
    changed: undefined,
    reason: 'the server sends no ETag, Last-Modified or Content-Length: cannot tell whether it changed',
  };
}

/**
 * Asks whether the source's copy of a held file changed: the server by a conditional HEAD, a
 * local file by its sha256. Sets the file's status (held, changed, cannot-tell, check-failed);
 * returns why the check failed, if it did.
 */
async function checkHeld(
  file: FileOutcome,
  heldPath: string,
  entry: ManifestEntry | undefined,
  transfer: TransferOptions,
): Promise<unknown> {
  const size = statSync(heldPath).size;
  try {
    if (file.url.startsWith('file:')) {
      const source = readFileSync(decodeURIComponent(new URL(file.url).pathname));
      const same = sha256Of(source) === sha256Of(readFileSync(heldPath));
      file.status = same ? 'held' : 'changed';
      file.change = same ? 'same sha256' : `the source file's sha256 is now ${sha256Of(source)}`;
      return;
    }
    const held: HeldCopy = {
      size,
      ...(entry?.etag ? { etag: entry.etag } : {}),
      ...(entry?.lastModified ? { lastModified: entry.lastModified } : {}),
    };
    const answer = await probeFile(file.url, held, transfer);
    const { changed, reason } = changeOf(held, answer);
    const { status: _status, method: _method, ...server } = answer;
    file.server = server;
    file.change = reason;
    file.status = changed === undefined ? 'cannot-tell' : changed ? 'changed' : 'held';
  } catch (error) {
    file.status = 'check-failed';
    file.error = `could not ask whether it changed (${message(error)}); the held copy is kept`;
    return error;
  }
  return undefined;
}

/** Where a replaced copy is kept: its fetch date and sha256 prefix in front of its name. */
function previousName(
  name: string,
  sha256: string,
  downloadedAt: string | undefined,
  heldPath: string,
): string {
  const date = (downloadedAt ?? statSync(heldPath).mtime.toISOString()).slice(0, 10);
  return `${PREVIOUS_DIR}/${date}-${sha256.slice(0, 8)}-${name}`;
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

/** A hard link when the file system allows (no copy of the bytes), else a copy. */
function keepCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  if (existsSync(to)) return; // the same copy, kept by an earlier run that stopped before its rename
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** The release and revision a held file's contents name (for the report of what replaced it). */
function releaseOfHeld(path: string): { release?: string; revision?: number } {
  try {
    const first = planReleases([path]).find((plan) => plan.id !== undefined);
    return first?.id ? { release: first.id, revision: first.revision } : {};
  } catch {
    return {};
  }
}

/**
 * Downloads one file (new, or held and changed on the server) through the partial file, the
 * checks and the rename; a changed file's earlier copy is kept under PREVIOUS_DIR before the new
 * one takes its name, and stays the folder's until the new one is whole and verified. True when
 * there is something new to import.
 */
async function fetchOne(
  file: FileOutcome,
  dir: string,
  entry: ManifestEntry | undefined,
  linkRevision: number | undefined,
  { transfer, events }: { transfer: TransferOptions; events: UpdateEvents },
): Promise<boolean> {
  const path = join(dir, file.name);
  const refetch = file.status === 'changed';
  const held = refetch ? readFileSync(path) : undefined;
  const heldSha = held ? sha256Of(held) : undefined;
  const heldRelease = refetch ? releaseOfHeld(path) : {};
  // A partial download left by an earlier run is of the copy CMS has since replaced.
  if (refetch) rmSync(join(dir, '.partial', file.name), { force: true });
  events.downloadStart?.(file);
  let planned: PlannedRelease[] = [];
  let keptAs: string | undefined;
  const verify = (partial: string, bytes: Uint8Array) => {
    if (file.corrections) verifyCorrectionsZip(partial, bytes);
    else planned = verifyReleaseZip(partial, bytes);
    if (heldSha === undefined || sha256Of(bytes) === heldSha) return;
    keptAs = previousName(file.name, heldSha, entry?.downloadedAt, path);
    keepCopy(path, join(dir, keptAs));
  };
  try {
    const done = file.url.startsWith('file:')
      ? copyLocal(file.url, dir, file.name, verify)
      : await downloadFile(file.url, dir, file.name, verify, {
          ...transfer,
          onProgress: (received, total) => events.downloadProgress?.(file, received, total),
          ...(events.retry ? { onRetry: events.retry } : {}),
        });
    const now = new Date().toISOString();
    const server: ServerCopy = {
      ...(done.etag ? { etag: done.etag } : {}),
      ...(done.lastModified ? { lastModified: done.lastModified } : {}),
      ...(done.contentLength !== undefined ? { contentLength: done.contentLength } : {}),
    };
    const record = { name: file.name, url: file.url, sha256: done.sha256, size: done.size, ...server };
    if (!file.url.startsWith('file:')) file.server = server;
    if (refetch && keptAs === undefined) {
      // New validators, the same bytes (a server that re-dated the file): nothing to import.
      file.status = 'held';
      file.change = `${file.change}; fetched again: the same bytes (sha256 ${done.sha256})`;
      await recordInManifest(dir, {
        ...record,
        downloadedAt: entry?.downloadedAt ?? now,
        checkedAt: now,
        ...(entry?.previous ? { previous: entry.previous } : {}),
      });
      events.downloadEnd?.(file);
      return false;
    }
    readContents(file, linkRevision, planned);
    Object.assign(file, {
      status: refetch ? 'refetched' : 'downloaded',
      sha256: done.sha256,
      size: done.size,
      resumedFrom: done.resumedFrom,
    });
    const previous: PreviousCopy[] = [];
    if (keptAs !== undefined && heldSha !== undefined && held) {
      file.previous = { keptAs, sha256: heldSha, ...heldRelease };
      previous.push({
        keptAs,
        sha256: heldSha,
        size: held.length,
        ...(entry?.downloadedAt ? { downloadedAt: entry.downloadedAt } : {}),
        ...(entry?.etag ? { etag: entry.etag } : {}),
        ...(entry?.lastModified ? { lastModified: entry.lastModified } : {}),
        replacedAt: now,
      });
    }
    previous.push(...(entry?.previous ?? []));
    await recordInManifest(dir, {
      ...record,
      downloadedAt: now,
      ...(previous.length > 0 ? { previous } : {}),
      // Cleared by the import that follows; left by a run stopped before it (a server restarted
      // during a background update), so that the next run imports the file.
      importError: NOT_YET_IMPORTED,
    });
  } catch (error) {
    file.status = 'failed';
    file.error = refetch ? `${message(error)}; the held copy is kept` : message(error);
  }
  events.downloadEnd?.(file);
  return file.status === 'downloaded' || file.status === 'refetched';
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
    const { pages, links, corrections } = await findFiles(options, transfer);
    const manifest = new Map(readManifest(dir).map((entry) => [entry.name, entry]));
    const files: FileOutcome[] = [];
    const linkRevisions = new Map<FileOutcome, number | undefined>();
    const beforeSince = new Set<FileOutcome>();
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
      const older = Boolean(options.since && year !== undefined && year < options.since);
      const held = existsSync(join(dir, name));
      const status: FileStatus = held ? 'held' : older ? 'older' : 'would-download';
      const file: FileOutcome = {
        url: link.url,
        name,
        ...(corrections.has(link.url) ? { corrections: true } : {}),
        ...(release ? { release } : {}),
        // CMS's convention: a file without a `_vN` mark is the first issue (revision 1).
        revision: revision ?? 1,
        status,
      };
      files.push(file);
      linkRevisions.set(file, revision);
      if (older) beforeSince.add(file);
    }
    // Held files: is the source's copy still the one held? (A held file before --since is left
    // alone, as a new one would be.) Asked CHECK_CONCURRENCY at a time: each is one small request,
    // and the whole archive is some 110 files, which one after another wait 110 round trips.
    // A server that did not answer at all (after its retries) is not asked again for each of
    // the other files it serves: offline, every held file would cost the whole backoff.
    const unreachable = new Map<string, string>();
    const checkOne = async (file: FileOutcome): Promise<ManifestEntry | undefined> => {
      const heldPath = join(dir, file.name);
      const entry = manifest.get(file.name);
      const origin = new URL(file.url).origin;
      const down = unreachable.get(origin);
      if (down) {
        file.status = 'check-failed';
        file.error = `not asked whether it changed: ${down}; the held copy is kept`;
        options.events?.check?.(file);
        return undefined;
      }
      const failed = await checkHeld(file, heldPath, entry, transfer);
      if (failed instanceof UnreachableError) {
        unreachable.set(origin, `${origin} did not answer for ${file.name}`);
      }
      if (file.status !== 'held') {
        options.events?.check?.(file);
        return undefined;
      }
      if (file.url.startsWith('file:')) return undefined;
      // Remember what the server said: a manifest written before validators were recorded, or
      // a file put in the folder by hand, is asked by a conditional request from now on.
      const bytes = entry ? undefined : readFileSync(heldPath);
      return {
        ...(entry ?? {
          name: file.name,
          url: file.url,
          sha256: sha256Of(bytes as Uint8Array),
          size: (bytes as Uint8Array).length,
          downloadedAt: statSync(heldPath).mtime.toISOString(),
        }),
        ...file.server,
        checkedAt: new Date().toISOString(),
      };
    };
    const limit = pLimit(CHECK_CONCURRENCY);
    // Each server's first file is asked alone, its others after it: a server that does not
    // answer is asked once, not once for every file in flight. Promise.all keeps the files'
    // order, whatever order the answers come in.
    const firstOfServer = new Map<string, Promise<unknown>>();
    const checked = await Promise.all(
      files
        .filter((f) => f.status === 'held' && !beforeSince.has(f))
        .map((file) => {
          const origin = new URL(file.url).origin;
          const first = firstOfServer.get(origin);
          const check = () => limit(() => checkOne(file));
          if (first) return first.then(check);
          const asked = check();
          firstOfServer.set(origin, asked);
          return asked;
        }),
    );
    const confirmed = checked.filter((entry): entry is ManifestEntry => entry !== undefined);
    if (!options.dryRun && confirmed.length > 0) {
      const byName = new Map(confirmed.map((entry) => [entry.name, entry]));
      await changeManifest(dir, (entries) => [
        ...entries.filter((e) => !byName.has(e.name)),
        ...byName.values(),
      ]);
    }
    const imports: ImportOutcome[] = [];
    // Oldest release first and each quarter's revisions in the order CMS issued them: the import
    // checks a release against the latest one it holds of that quarter, as it would have been.
    // A corrections list after every revision of its quarter: it goes to the latest one held.
    const order = (file: FileOutcome) =>
      `${file.release ?? '9999-99'}_v${file.corrections ? '999~' : ''}${String(file.revision).padStart(3, '0')}`;
    const wanted = options.dryRun
      ? []
      : files
          .filter((f) => f.status === 'would-download' || f.status === 'changed')
          .sort((a, b) => order(a).localeCompare(order(b)));
    // Held files whose last import failed (a correction the store refused, an import cut short):
    // imported again after the downloads, so that the failure is said again until it is mended.
    const failedBefore = options.dryRun
      ? []
      : files.filter(
          (f) =>
            !wanted.includes(f) &&
            f.status !== 'failed' &&
            manifest.get(f.name)?.importError !== undefined &&
            existsSync(join(dir, f.name)),
        );
    for (const file of [...wanted, ...failedBefore]) {
      const again = failedBefore.includes(file);
      const fetched =
        again ||
        (await fetchOne(file, dir, manifest.get(file.name), linkRevisions.get(file), {
          transfer,
          events: options.events ?? {},
        }));
      if (!fetched || !options.importFile) continue;
      const path = join(dir, file.name);
      let outcome: ImportOutcome;
      try {
        outcome = { file: path, releases: options.importFile(path) };
      } catch (error) {
        const conflict = error instanceof HcpcsError && error.code === 'HCPCS_E_CONFLICT';
        const replaced = (file.status === 'refetched' || again) && conflict;
        outcome = {
          file: path,
          releases: [],
          error: `${again ? 'imported again, as an earlier run did not import it: ' : ''}${
            replaced
              ? `${message(error)} (CMS replaced ${file.name} at the same address with other records under the same release and revision; the database keeps the earlier ones until \`hcpcs import --replace ${path}\`)`
              : message(error)
          }`,
        };
      }
      // The failure is remembered with the file (and forgotten once an import succeeds).
      await changeManifest(dir, (entries) =>
        entries.map((entry) => {
          if (entry.name !== file.name) return entry;
          const { importError: _, ...rest } = entry;
          return outcome.error ? { ...rest, importError: outcome.error } : rest;
        }),
      );
      imports.push(outcome);
      options.events?.importEnd?.(outcome);
    }
    const ok =
      pages.every((p) => !p.error) &&
      files.every((f) => f.status !== 'failed' && f.status !== 'check-failed') &&
      imports.every((i) => !i.error);
    return { dir, pages, files, imports, ok };
  } finally {
    await unlock();
  }
}
