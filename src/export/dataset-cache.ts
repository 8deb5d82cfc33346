/**
 * The code version rows kept between export runs. Building them asks `hcpcs check` at every point
 * where its answer can change, for every code: seconds, against milliseconds to read them back, and
 * every `hcpcs export` run (one per format) would otherwise build them again. One file per key,
 * written with node's structured clone serializer (v8.serialize: the rows back exactly, types and
 * nulls included, an order of magnitude faster to read than JSON). The key covers the imported
 * releases (key, import time and files: a re-import, a new revision or a corrections list added
 * changes it) and this build's own
 * code (the compiled files of the package), so neither newer data nor a newer hcpcs reads rows of
 * another. A cache that cannot be read or written is skipped: the export never fails for it.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { ReleaseInfo } from '../store/store.js';
import type { CellValue } from './table-spec.js';

/** The rows of `codes` and `validity`: the costly part of the export. */
export interface CodeVersionRows {
  readonly codes: CellValue[][];
  readonly validity: CellValue[][];
}

/** How many keys are kept: a few databases (or their copies) exported in turn all hit. */
const KEEP = 4;

/**
 * Where `hcpcs export` keeps them: `$XDG_CACHE_HOME/hcpcs/export`, by default `~/.cache/hcpcs/export`
 * (XDG Base Directory: non-essential data a program may delete and rebuild). Never beside the
 * database: reading a database must not write where it lies (it may be read-only).
 */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hcpcs', 'export');
}

let codeHash: string | undefined;

/** A hash of this build's code (every compiled module of the package: src/ under tsx, dist/ installed). */
function buildHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        hash.update(path.slice(root.length)).update(readFileSync(path));
    }
  };
  walk(root);
  codeHash = hash.digest('hex');
  return codeHash;
}

function cacheKey(releases: readonly ReleaseInfo[]): string {
  return (
    createHash('sha256')
      .update(buildHash())
      // The files too: a corrections list added to a held release (addCorrections) changes check's answers.
      .update(
        JSON.stringify(
          releases.map((r) => `${r.key}@${r.importedAt}:${r.files.map((f) => f.sha256).join(',')}`),
        ),
      )
      .digest('hex')
      .slice(0, 32)
  );
}

function read(file: string): CodeVersionRows | undefined {
  try {
    const value = deserialize(readFileSync(file)) as CodeVersionRows;
    const now = new Date();
    utimesSync(file, now, now);
    return Array.isArray(value.codes) && Array.isArray(value.validity) ? value : undefined;
  } catch {
    return undefined;
  }
}

function write(dir: string, file: string, rows: CodeVersionRows): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(rows));
    renameSync(temporary, file);
    const held = readdirSync(dir)
      .filter((n) => n.endsWith('.v8'))
      .map((n) => ({ path: join(dir, n), used: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const old of held.slice(KEEP)) rmSync(old.path, { force: true });
  } catch {
    // A cache that cannot be written (a read-only home, a full disk) only costs the next run time.
  }
}

/**
 * The code version rows of these releases from the cache in `dir`, or built by `build` and kept
 * there for the next run.
 */
export function cachedCodeVersions(
  dir: string,
  releases: readonly ReleaseInfo[],
  build: () => CodeVersionRows,
): CodeVersionRows {
  const file = join(dir, `code-versions-${cacheKey(releases)}.v8`);
  const held = read(file);
  if (held) return held;
  const rows = build();
  write(dir, file, rows);
  return rows;
}
