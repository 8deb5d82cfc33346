/**
 * Copies of what search derives from a release (the PDF terms, the built index), kept on disk so
 * that a fresh process (each `hcpcs search`) need not derive them again. A copy is named by a hash
 * of everything it derives from (the release's files and import time, and the code that derives
 * it), so that a changed input or program never meets an old copy; a copy that cannot be read or
 * written is simply derived again. The folder is HCPCS_SEARCH_CACHE, or one of the user's own in
 * the system's temporary folder (made 0700, and not used when another user owns it).
 *
 * Processes share the folder without a lock: each writes a temporary file of its own and renames
 * it into place, which replaces the name atomically (POSIX rename(2)), so a reader finds a whole
 * copy or none, and two processes deriving the same copy at once both succeed. The copies never
 * live in the database: a read-only database, or a folder that cannot be written, only means each
 * process derives in memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

function cacheDir(): string | undefined {
  const chosen = process.env.HCPCS_SEARCH_CACHE;
  const dir = chosen || join(tmpdir(), `hcpcs-search-cache-${userInfo().uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const uid = process.getuid?.();
    // Someone else's folder in a shared temporary folder is not ours to read from.
    if (!chosen && uid !== undefined && statSync(dir).uid !== uid) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

let codeHash: string | undefined;

/**
 * A hash of the code that derives the cached values: every source file of the search layer, of
 * ingest (the PDF readers of the index's lay terms) and of history (the release as CMS's
 * corrections lists leave it, which the index is built from), as this process runs them. Whole
 * folders, so that a helper those files come to call is covered too.
 */
function derivingCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  const files = [here, join(here, '..', 'ingest'), join(here, '..', 'history')].flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.test\./.test(f))
      .sort()
      .map((f) => join(folder, f)),
  );
  for (const f of files) hash.update(relative(here, f)).update(readFileSync(f));
  codeHash = hash.digest('hex');
  return codeHash;
}

/**
 * The cached value for `key` (its parts hashed with the deriving code), else `derive()` stored
 * under it. Older copies with the same `name` are removed when a new one is written.
 * @example cached('index-2026-01_v1', [importedAt, sha256], serialize, deserialize, build)
 */
export function cached<T>(
  name: string,
  keyParts: readonly (string | Uint8Array)[],
  encode: (value: T) => Uint8Array,
  decode: (bytes: Buffer) => T,
  derive: () => T,
): T {
  const dir = cacheDir();
  if (!dir) return derive();
  const hash = createHash('sha256').update(derivingCodeHash());
  for (const part of keyParts) hash.update(part).update('\u0000');
  const safeName = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  const file = join(dir, `${safeName}-${hash.digest('hex').slice(0, 32)}.bin`);
  try {
    return decode(readFileSync(file));
  } catch {
    // not cached yet, or unreadable: derive it
  }
  const value = derive();
  try {
    // Unique even across containers sharing the folder (their process ids can be equal).
    const partial = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(partial, encode(value), { mode: 0o600 });
    renameSync(partial, file);
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`${safeName}-`) && old.endsWith('.bin') && join(dir, old) !== file) {
        rmSync(join(dir, old), { force: true });
      }
    }
  } catch {
    // a read-only or full disk only costs the next process the derivation again
  }
  return value;
}
