/**
 * Gathers the files an import names: a CMS zip (read in memory, nested zips too), a folder
 * (searched recursively), or a single file. Every file keeps the path it was found at, its bytes
 * and its sha256, and gets a role from its name and content.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { inputError } from '../errors.js';

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

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

function expandZip(bytes: Uint8Array, path: string, context: readonly string[], out: SourceFile[]): void {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw inputError(`cannot read the zip: ${(error as Error).message}`, { file: path });
  }
  const members = Object.entries(entries).filter(
    ([name, data]) => !name.endsWith('/') && !/(^|\/)(__MACOSX|\.DS_Store)/.test(name) && data.length >= 0,
  );
  if (members.length === 0) throw inputError('the zip holds no files', { file: path });
  for (const [name, data] of members) {
    addFile(
      data,
      `${path}!${name}`,
      basename(name),
      [...context, basename(path.split('!').pop() ?? path)],
      out,
    );
  }
}

function addFile(
  bytes: Uint8Array,
  path: string,
  name: string,
  context: readonly string[],
  out: SourceFile[],
): void {
  if (isZip(bytes) && /\.zip$/i.test(name)) {
    expandZip(bytes, path, context, out);
    return;
  }
  out.push({ path, name, bytes, sha256: sha256(bytes), context });
}

function walk(dir: string, root: string, out: SourceFile[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else if (entry.isFile()) {
      const rel = relative(root, full);
      addFile(
        readFileSync(full),
        full,
        entry.name,
        [basename(root), ...rel.split(/[\\/]/).slice(0, -1)],
        out,
      );
    }
  }
}

/**
 * Reads every file under the given paths (zip, folder or file).
 * @example gatherSources(['../shared/cms/2026-01']).map((f) => f.name)
 */
export function gatherSources(paths: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw inputError('no such file or folder', { file: path });
    }
    if (stat.isDirectory()) walk(path, path, out);
    else addFile(readFileSync(path), path, basename(path), [], out);
  }
  return out;
}
