/**
 * Gathers the files an import names: a CMS zip (read in memory, nested zips too, every member
 * checked against its CRC-32 and sizes), a folder (searched recursively), or a single file. Every
 * file keeps the path it was found at, its bytes and its sha256, and gets a role from its name and
 * content. Sizes are checked against `IMPORT_LIMITS` before anything is read or inflated.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { inputError } from '../errors.js';
import { FILE_LIMIT_REASON, formatBytes, IMPORT_LIMITS, type ImportLimits } from './limits.js';
import { isSelfExtractingZip, readZip, type ZipBudget } from './zip-archive.js';

export type SourceRole =
  | 'records-txt'
  | 'records-workbook'
  | 'processing-notes'
  | 'record-layout'
  | 'readme'
  | 'transaction-report'
  | 'noc-list'
  | 'corrections'
  | 'alpha-index'
  | 'table-of-drugs'
  | 'other';

export interface SourceFile {
  /** Where it was found: a path, with `!member` for a file inside a zip. */
  readonly path: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  /** The names of the zip(s) and folders around it, innermost last, for release detection. */
  readonly context: readonly string[];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Files that are never CMS's, in a zip or a folder: what macOS leaves beside the real files
 * (__MACOSX, .DS_Store), the owner file Office keeps beside a workbook open in Excel (`~$` and the
 * name, a few bytes naming the user: importing a folder while its workbook is open met "two
 * record workbooks"), and Windows' folder files (Thumbs.db, desktop.ini).
 */
const NOT_A_FILE = /(^|[\\/])(__MACOSX|\.DS_Store|~\$|(Thumbs\.db|desktop\.ini)$)/i;

/**
 * A zip member's file name without its folders. The zip format separates folders with "/"
 * (APPNOTE.TXT 4.4.17.1), but some Windows tools write "\", which a file name cannot hold.
 */
function memberFileName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/**
 * A path's file or folder, following a symbolic link: a link to nothing is refused naming where it
 * points, and a path that cannot be read with the system's reason, never a bare ENOENT.
 */
function statFollowingLinks(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    let target: string;
    try {
      target = readlinkSync(path);
    } catch {
      throw inputError(`cannot be read (${(error as Error).message})`, { file: path });
    }
    throw inputError(`a symbolic link to nothing: it points to ${target}, which does not exist`, {
      file: path,
    });
  }
}

/** The zips a member sits in: the outermost zip's budget, and how many zips deep it is. */
interface ZipNesting {
  readonly budget: ZipBudget;
  readonly depth: number;
}

/** One import's reading: the limits, and the bytes read so far. */
class SourceReader {
  readonly files: SourceFile[] = [];
  readonly #limits: ImportLimits;
  #read = 0;

  constructor(limits: ImportLimits) {
    this.#limits = limits;
  }

  /** Counts bytes against the import's total before they are read or inflated. */
  #spend(bytes: number, where: string): void {
    if (this.#read + bytes > this.#limits.importBytes) {
      throw inputError(
        `this import would read more than ${formatBytes(this.#limits.importBytes)} in all (the limit for one import); import fewer files at a time`,
        { file: where },
      );
    }
    this.#read += bytes;
  }

  /** A file on disk, measured before it is read (readFileSync fails past 2 GiB without naming the file). */
  readFromDisk(path: string, name: string, size: number, context: readonly string[]): void {
    const zip = /\.zip$/i.test(name);
    const limit = zip ? this.#limits.zipBytes : this.#limits.fileBytes;
    if (size > limit) {
      throw inputError(
        `the file is ${formatBytes(size)}, over the limit of ${formatBytes(limit)} for one ${zip ? 'zip' : `file (${FILE_LIMIT_REASON})`}; refused before reading it`,
        { file: path },
      );
    }
    this.#spend(size, path);
    this.#add(readFileSync(path), path, name, context, undefined);
  }

  /** `inside`: the zips around the file (their shared budget, how many) when it is a member. */
  #add(
    bytes: Uint8Array,
    path: string,
    name: string,
    context: readonly string[],
    inside: ZipNesting | undefined,
  ): void {
    // A name ending in .zip is read as a zip whatever its first bytes: a damaged or empty zip is
    // then said to be one, not "not a fixed-width file". An .exe that holds a zip is a
    // self-extracting archive, the form the HCPCS files once came in (HCPCREAD: "provided in a
    // self-extracting, compressed file").
    if (/\.zip$/i.test(name) || (/\.exe$/i.test(name) && isSelfExtractingZip(bytes))) {
      this.#expandZip(bytes, path, name, context, inside);
      return;
    }
    this.files.push({ path, name, bytes, sha256: sha256(bytes), context });
  }

  #expandZip(
    bytes: Uint8Array,
    path: string,
    name: string,
    context: readonly string[],
    outer: ZipNesting | undefined,
  ): void {
    const depth = (outer?.depth ?? 0) + 1;
    if (depth > this.#limits.zipDepth) {
      throw inputError(
        `a zip nested ${depth} deep (a zip inside a zip inside ...); at most ${this.#limits.zipDepth} levels are read`,
        { file: path },
      );
    }
    // One budget from the outermost zip down: nested zips share their outer zip's total.
    const budget: ZipBudget = outer?.budget ?? {
      memberBytes: this.#limits.fileBytes,
      totalBytes: this.#limits.zipBytes,
      spent: 0,
      beforeInflating: (size, where) => this.#spend(size, where),
    };
    const members = readZip(bytes, path, budget, { skip: (name) => NOT_A_FILE.test(name) });
    if (members.length === 0) throw inputError('the zip holds no files', { file: path });
    const here = [...context, name];
    for (const member of members) {
      this.#add(member.bytes, `${path}!${member.name}`, memberFileName(member.name), here, { budget, depth });
    }
  }

  /** Reads the files under `dir` (filesUnder). */
  walk(dir: string): void {
    for (const rel of filesUnder(dir)) {
      const full = join(dir, rel);
      const folders = rel.split(sep).slice(0, -1);
      this.readFromDisk(full, basename(rel), statSync(full).size, [basename(dir), ...folders]);
    }
  }
}

/**
 * The files under `dir` at any depth, as paths relative to it, each folder's in name order. Dot
 * files and folders and files that are never CMS's (NOT_A_FILE) are left out. A symbolic link is
 * followed to its file or folder (a release folder of links to downloads held elsewhere); each
 * folder is read once, so a link back up the tree does not loop, and a link to nothing is an error
 * that names it, not a file silently missing.
 */
export function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (folder: string, prefix: string) => {
    const real = realpathSync(folder);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || NOT_A_FILE.test(entry.name)) continue;
      const full = join(folder, entry.name);
      const target = entry.isSymbolicLink() ? statFollowingLinks(full) : entry;
      const rel = prefix ? join(prefix, entry.name) : entry.name;
      if (target.isDirectory()) visit(full, rel);
      else if (target.isFile()) files.push(rel);
    }
  };
  visit(dir, '');
  return files;
}

/**
 * Reads every file under the given paths (zip, folder or file).
 * @example gatherSources(['../shared/cms/2026-01']).map((f) => f.name)
 */
export function gatherSources(paths: readonly string[], limits: Partial<ImportLimits> = {}): SourceFile[] {
  const reader = new SourceReader({ ...IMPORT_LIMITS, ...limits });
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw inputError('no such file or folder', { file: path });
    }
    if (stat.isDirectory()) reader.walk(path);
    else reader.readFromDisk(path, basename(path), stat.size, []);
  }
  return reader.files;
}
