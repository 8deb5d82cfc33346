/**
 * Imports every sample release in ../shared/cms and ../shared/cms-more once into a database that tests read
 * (HCPCS_TEST_SAMPLE_DB). Reading the workbooks takes seconds, so the database is cached under
 * node_modules/.cache, keyed by a hash of the code that writes it (ingest, layout, store) and of
 * the sample files' names, sizes and times: any change to either builds it anew.
 * It also unpacks the packaged Chromium once, before the test files start together (unless
 * HCPCS_CHROMIUM names the machine's own); a failure there is left to the browser tests to report.
 * And it compiles src/ as `npm run build` does (tsc, tsconfig.build.json) into a folder of the cache
 * keyed by a hash of the sources, named to bin/hcpcs.js by HCPCS_DIST (HCPCS_TEST_DIST for the
 * package test): the CLI tests run compiled code, as users do, and never a stale dist/.
 * Every temporary folder the tests make (each `mkdtemp(tmpdir())`, the CLI processes they start,
 * Chromium's profile) lands under one folder of this run, named to the test processes by TMPDIR
 * and removed when the run ends: a run leaves nothing behind in the machine's /tmp.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';
import { packagedChromium } from './support/chromium.js';

const root = resolve(import.meta.dirname, '..');
const sampleDirs = [resolve(root, '../shared/cms'), resolve(root, '../shared/cms-more')];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function fingerprint(): string {
  const hash = createHash('sha256');
  const code = ['src/ingest', 'src/layout', 'src/store', 'src/model.ts'].flatMap((p) => {
    const full = join(root, p);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
  for (const file of code.filter((f) => !f.endsWith('.test.ts')).sort())
    hash.update(file).update(readFileSync(file));
  for (const file of sampleDirs.flatMap(filesUnder).sort()) {
    const s = statSync(file);
    hash.update(`${file}:${s.size}:${s.mtimeMs}`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * src/ compiled into node_modules/.cache/hcpcs-test-dist/<hash of the sources, tsconfigs and package.json>/dist,
 * beside a copy of package.json (as in the package: the CLI reads its version from ../../package.json).
 * Type errors are the typecheck's to report (`npm run typecheck`): emitted without checking
 * (--noCheck), which gives the same JavaScript in a fraction of the time.
 */
function compiledSources(): string {
  const hash = createHash('sha256');
  for (const file of [
    ...filesUnder(join(root, 'src')),
    join(root, 'tsconfig.json'),
    join(root, 'tsconfig.build.json'),
    join(root, 'package.json'),
  ]
    .filter((f) => !/\.test\.tsx?$/.test(f))
    .sort())
    hash.update(file).update(readFileSync(file));
  const cacheDir = join(root, 'node_modules/.cache/hcpcs-test-dist');
  const dir = join(cacheDir, hash.digest('hex').slice(0, 16));
  mkdirSync(cacheDir, { recursive: true });
  for (const name of readdirSync(cacheDir)) {
    const old = join(cacheDir, name);
    if (old !== dir && Date.now() - statSync(old).mtimeMs > 3_600_000)
      rmSync(old, { recursive: true, force: true });
  }
  if (existsSync(join(dir, 'dist/cli/main.js'))) return join(dir, 'dist');
  const building = `${dir}.${process.pid}.tmp`;
  mkdirSync(building);
  copyFileSync(join(root, 'package.json'), join(building, 'package.json'));
  const tsc = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      ...['-p', join(root, 'tsconfig.build.json'), '--outDir', join(building, 'dist')],
      ...['--tsBuildInfoFile', join(building, 'dist/.tsbuildinfo'), '--noCheck'],
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (tsc.status !== 0) throw new Error(`compiling src/ for the tests failed:\n${tsc.stdout}${tsc.stderr}`);
  try {
    renameSync(building, dir);
  } catch {
    // Another run built the same sources meanwhile: theirs is in place (and may be in use).
    rmSync(building, { recursive: true, force: true });
  }
  return join(dir, 'dist');
}

/**
 * One temporary folder for the whole run, named by TMPDIR (TMP and TEMP on Windows) to the test
 * processes, which start after this setup and inherit its environment. Open to other users (0755):
 * the read-only database tests run the CLI as `nobody` on folders made under it.
 */
function runTemporaryFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-test-run-'));
  chmodSync(dir, 0o755);
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = dir;
  return dir;
}

export default async function setup(): Promise<() => void> {
  const temporary = runTemporaryFolder();
  if (!process.env.HCPCS_CHROMIUM) await packagedChromium().catch(() => undefined);
  process.env.HCPCS_DIST = process.env.HCPCS_TEST_DIST = compiledSources();
  const cacheDir = join(root, 'node_modules/.cache/hcpcs-test');
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `sample-${fingerprint()}.sqlite`);
  // Databases of older code versions pile up while the code changes; drop those unused for an hour.
  for (const name of readdirSync(cacheDir)) {
    const file = join(cacheDir, name);
    if (file.startsWith(path)) continue;
    if (Date.now() - statSync(file).mtimeMs > 3_600_000) rmSync(file, { force: true });
  }
  if (!existsSync(path)) {
    const building = `${path}.${process.pid}.tmp`;
    const store = HcpcsStore.open(building);
    try {
      for (const release of readReleases(sampleDirs)) store.importRelease(release);
    } finally {
      store.close();
    }
    rmSync(`${building}-wal`, { force: true });
    rmSync(`${building}-shm`, { force: true });
    renameSync(building, path);
  }
  process.env.HCPCS_TEST_SAMPLE_DB = path;
  return () => rmSync(temporary, { recursive: true, force: true });
}
