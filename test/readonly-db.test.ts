/**
 * A database the user may not write: `releases`, `show`, `search` and `serve`
 * read a file made read-only (file 0444, folder 0555) as another user, and nothing is written to
 * it. Root ignores file permissions, so when the tests run as root the CLI runs as `nobody` under
 * setpriv(1); without setpriv, it runs as root and the unchanged bytes, time and folder listing are
 * the only proof. A missing database and one of another schema give their messages.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCPCS_BIN } from './support/cli.js';
import { cms } from './support/cms.js';

const NOBODY = 65534;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
/** The command prefix that drops root's privileges, or none (not root, or no setpriv). */
const asAnotherUser =
  process.getuid?.() === 0 && hasSetpriv
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups']
    : [];

/** A folder the CLI's user can enter (mkdtemp makes 0700 folders, closed to `nobody`). */
function openFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

const root = openFolder('hcpcs-readonly-');
const folder = join(root, 'ro');
const db = join(folder, 'hcpcs.sqlite');
/** A search-cache folder the CLI's user cannot write either: search derives its index in memory. */
const searchCache = join(root, 'search-cache');

function command(args: readonly string[]): [string, string[]] {
  const argv = [...asAnotherUser, process.execPath, HCPCS_BIN, ...args];
  return [argv[0] as string, argv.slice(1)];
}

function environment(database: string): NodeJS.ProcessEnv {
  return { ...process.env, HCPCS_DB: database, HCPCS_SEARCH_CACHE: searchCache, HOME: root };
}

function hcpcs(args: readonly string[], database = db) {
  const [file, argv] = command(args);
  return spawnSync(file, argv, { cwd: root, env: environment(database), encoding: 'utf8' });
}

function fingerprint(): { sha256: string; mtimeMs: number; listing: string[] } {
  return {
    sha256: createHash('sha256').update(readFileSync(db)).digest('hex'),
    mtimeMs: statSync(db).mtimeMs,
    listing: readdirSync(folder),
  };
}

let before: ReturnType<typeof fingerprint>;

beforeAll(() => {
  mkdirSync(folder);
  mkdirSync(searchCache, { mode: 0o555 });
  chmodSync(searchCache, 0o555);
  // Imported as the owner (root here), as a release pipeline would, then made read-only.
  const imported = spawnSync(process.execPath, [HCPCS_BIN, 'import', cms('2026-01')], {
    cwd: root,
    env: { ...process.env, HCPCS_DB: db },
    encoding: 'utf8',
  });
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
  chmodSync(db, 0o444);
  chmodSync(folder, 0o555);
  before = fingerprint();
}, 120_000);

afterAll(() => {
  chmodSync(folder, 0o755);
});

describe('a read-only database file in a read-only folder', () => {
  it('the import left one self-contained file: rollback journal, no -wal or -shm beside it', () => {
    expect(before.listing).toEqual(['hcpcs.sqlite']);
    // File format read/write versions (header bytes 18 and 19): 1 rollback journal, 2 WAL
    // (https://sqlite.org/fileformat2.html#file_format_version_numbers).
    expect([...readFileSync(db).subarray(18, 20)]).toEqual([1, 1]);
  });

  it('hcpcs releases lists the release', () => {
    const result = hcpcs(['releases', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const releases = JSON.parse(result.stdout) as { key: string; counts: { records: number } }[];
    expect(releases.map((r) => [r.key, r.counts.records])).toEqual([['2026-01_v1', 9006]]);
  });

  it('hcpcs show J1640 shows the code', () => {
    const result = hcpcs(['show', 'J1640']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'J1640  Injection, hemin, 1 mg',
      'Procedure code · release 2026-01_v1 · status: active',
    ]);
  });

  it('hcpcs search hemin finds J1640 (its index built in memory: the cache folder cannot be written)', () => {
    const result = hcpcs(['search', 'hemin', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const found = JSON.parse(result.stdout) as { hits: { code: string }[] };
    expect(found.hits.map((h) => h.code)).toEqual(['J1640']);
    if (asAnotherUser.length > 0) expect(readdirSync(searchCache)).toEqual([]);
  });

  it('hcpcs serve answers GET /api/codes/J1640 over HTTP, then stops on SIGTERM', async () => {
    const [file, argv] = command(['serve', '--port', '0', '--host', '127.0.0.1']);
    const child = spawn(file, argv, { cwd: root, env: environment(db), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 60_000);
        child.on('exit', () => reject(new Error(`serve exited: ${out} ${err}`)));
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
      });
      expect(out).toContain(`hcpcs serving 1 release from ${db}`);
      const response = await fetch(`${url}/api/codes/J1640`);
      expect(response.status).toBe(200);
      const record = (await response.json()) as {
        code: string;
        releaseKey: string;
        shortDescription: string;
      };
      expect([record.code, record.releaseKey, record.shortDescription]).toEqual([
        'J1640',
        '2026-01_v1',
        'Hemin, 1 mg',
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(err).toBe('');
  });

  it('nothing was written: same bytes, same modification time, no file added beside it', () => {
    expect(fingerprint()).toEqual(before);
  });
});

describe('a database that cannot be read', () => {
  it('a missing database: exit 1 naming the path, and no file is created', () => {
    const missing = join(root, 'missing.sqlite');
    for (const args of [['releases'], ['show', 'J1640'], ['serve', '--port', '0']]) {
      const result = hcpcs(args, missing);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `hcpcs: no database at ${missing}: run hcpcs import <path> to import CMS releases (HCPCS_DB names the database file)\n`,
      );
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('a database of another schema version: the version message, the file unchanged', () => {
    const old = join(openFolder('hcpcs-old-schema-'), 'old.sqlite');
    const writer = new Database(old);
    writer.exec('CREATE TABLE releases (key TEXT PRIMARY KEY); PRAGMA user_version = 1');
    writer.close();
    const bytes = readFileSync(old);
    const result = hcpcs(['releases'], old);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'hcpcs: the database was written by another version of hcpcs (schema 1, this one uses 3): delete it or point HCPCS_DB at a new file, then import again (the CMS files are the source; nothing else is lost)\n',
    );
    expect(readFileSync(old).equals(bytes)).toBe(true);
  });
});
