/**
 * The package as a user gets it: built (`npm run build`'s tsc into a staging copy, so the
 * repository's own dist/ is never half-written under another run: the global setup's build of the
 * sources as checked out, HCPCS_TEST_DIST), packed with `npm pack`,
 * installed with `npm install ./hcpcs-*.tgz` into an empty folder, and run from there with no
 * repository and no TypeScript: --help, --version, show before any import, import of one sample
 * release, show, search, and serve answering /healthz, the API, a page and its stylesheet.
 *
 * better-sqlite3 compiles from source on install (about 100 s of one core here). Unless
 * HCPCS_PACKAGE_TEST_COMPILE=1, the install is handed the binary `npm ci` already compiled for this
 * repository (same better-sqlite3 version, same Node) through better-sqlite3's own offline
 * mechanism (prebuild-install's local prebuilds folder): the install scripts still run and load it,
 * only the C compile is skipped. The other packages come from the npm cache (`--prefer-offline`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/store/schema.js';
import { CMS_DIR, REPO_ROOT } from './support/cms.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

/** The environment of a user's shell: none of npm's run-script variables, no test switches. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_/.test(name)) continue;
    if (/^npm_config_/.test(name) && !/^npm_config_(nodedir|cache|userconfig)$/.test(name)) continue;
    if (/^(HCPCS_|VITEST|NODE_OPTIONS$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

function must(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result.stdout;
}

const timings: Record<string, number> = {};
function timed<T>(step: string, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
}

describe('the packed package, installed into an empty folder', () => {
  let tmp = '';
  let app = '';
  let env: NodeJS.ProcessEnv = {};
  let server: ChildProcess | undefined;
  const hcpcs = (...args: string[]) =>
    spawnSync(join(app, 'node_modules/.bin/hcpcs'), args, { cwd: app, env, encoding: 'utf8' });

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'hcpcs-package-'));
    const stage = join(tmp, 'stage');
    mkdirSync(stage);
    for (const entry of ['package.json', 'README.md', 'bin']) {
      cpSync(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
    }
    // The sources compiled by the global setup (tsconfig.build.json, as `npm run build`), else here.
    const compiled = process.env.HCPCS_TEST_DIST;
    if (compiled) cpSync(compiled, join(stage, 'dist'), { recursive: true });
    else
      timed('build', () =>
        must(
          process.execPath,
          [
            join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
            '-p',
            join(REPO_ROOT, 'tsconfig.build.json'),
            '--outDir',
            join(stage, 'dist'),
            '--tsBuildInfoFile',
            join(stage, 'dist/.tsbuildinfo'),
          ],
          REPO_ROOT,
          userEnv(),
        ),
      );
    // The build ran just above (the staging copy's `prepare` would look for tsc in the stage).
    timed('pack', () =>
      must(
        'npm',
        ['pack', '--ignore-scripts', '--pack-destination', tmp, '--loglevel=error'],
        stage,
        userEnv(),
      ),
    );
    const tarball = readdirSync(tmp).find((f) => f.startsWith(`${pkg.name}-`) && f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack made no ${pkg.name}-*.tgz in ${tmp}`);

    const installEnv: Record<string, string> = {};
    if (process.env.HCPCS_PACKAGE_TEST_COMPILE !== '1') {
      const sqlite = join(REPO_ROOT, 'node_modules/better-sqlite3');
      const version = (JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string })
        .version;
      const glibc = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
        ?.glibcVersionRuntime;
      const libc = process.platform === 'linux' && !glibc ? 'musl' : '';
      const prebuilds = join(tmp, 'prebuilds');
      mkdirSync(prebuilds);
      const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}${libc}-${process.arch}.tar.gz`;
      must('tar', ['-czf', join(prebuilds, name), 'build/Release/better_sqlite3.node'], sqlite, userEnv());
      installEnv.npm_config_better_sqlite3_local_prebuilds = prebuilds;
    }
    app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "hcpcs-user", "private": true }\n');
    timed('install', () =>
      must(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(tmp, tarball)],
        app,
        userEnv(installEnv),
      ),
    );
    env = userEnv({
      HCPCS_DB: join(app, 'data/hcpcs.sqlite'),
      HCPCS_SEARCH_CACHE: join(tmp, 'search-cache'),
    });
    console.log(`package test: ${JSON.stringify(timings)} ms`);
  }, 600_000);

  afterAll(() => {
    server?.kill('SIGTERM');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('installs the runtime dependencies only, and no TypeScript sources', () => {
    const installed = readdirSync(join(app, 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['better-sqlite3', 'hono', 'commander', pkg.name]));
    for (const dev of ['tsx', 'typescript', 'vitest', 'playwright-core', 'minisearch', 'autocannon']) {
      expect(installed).not.toContain(dev);
    }
    expect(installed).not.toContain('@sparticuz');
    expect(existsSync(join(app, 'node_modules', pkg.name, 'dist/cli/main.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', pkg.name, 'src'))).toBe(false);
  });

  it('npx hcpcs --help and --version', () => {
    const help = spawnSync('npx', ['--no-install', 'hcpcs', '--help'], { cwd: app, env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hcpcs/);
    const version = hcpcs('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(`hcpcs ${pkg.version} (database schema ${SCHEMA_VERSION})`);
  });

  it('show before any import says nothing is imported and how to import, exit 1', () => {
    const result = hcpcs('show', 'J1640');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/hcpcs import/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('imports a release, shows and finds a code', () => {
    const imported = hcpcs('import', join(CMS_DIR, '2026-01'));
    expect(imported.status, imported.stderr).toBe(0);
    const show = hcpcs('show', 'J1640', '--json');
    expect(show.status, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ code: 'J1640', release: '2026-01' });
    const search = hcpcs('search', 'hemin', '--json');
    expect(search.status, search.stderr).toBe(0);
    const hits = (JSON.parse(search.stdout) as { hits: { code: string }[] }).hits.map((h) => h.code);
    expect(hits).toContain('J1640');
  });

  it('serves the health check, the API, a page and its stylesheet', async () => {
    const child = spawn(
      join(app, 'node_modules/.bin/hcpcs'),
      ['serve', '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: app,
        env,
      },
    );
    server = child;
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk;
        const found = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (found) resolve(found[1]!);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk;
      });
      child.once('exit', (code) => reject(new Error(`hcpcs serve exited ${code}: ${err}`)));
    });
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', releases: 1, latest: '2026-01_v1' });
    const code = await fetch(`${origin}/api/codes/J1640`);
    expect(code.status).toBe(200);
    expect(await code.json()).toMatchObject({ code: 'J1640' });
    const page = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const css = await fetch(`${origin}/static/hcpcs.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
