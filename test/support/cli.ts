/**
 * CLI-test support: the real `bin/hcpcs.js` run as a child process (node, as a user runs it) in a
 * temporary folder of its own, with HCPCS_DB pointing at a database file in that folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './cms.js';

/** The CLI entry point the tests run. */
export const HCPCS_BIN = join(REPO_ROOT, 'bin/hcpcs.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliSandbox {
  /** The temporary folder the CLI runs in (its working directory). */
  readonly dir: string;
  /** The database file HCPCS_DB names (not created here). */
  readonly db: string;
  /** Runs `node bin/hcpcs.js ...args` to the end. */
  hcpcs(...args: string[]): CliResult;
  /** Writes a fixture file at `name` (a path inside `dir`, folders made); returns its path. */
  write(name: string, content: string | Uint8Array): string;
}

/**
 * A fresh temporary folder (named `prefix` + random) and a runner of the CLI inside it.
 * @example const { db, hcpcs } = cliSandbox('hcpcs-cli-'); expect(hcpcs('releases').status).toBe(0);
 */
export function cliSandbox(prefix: string, env: Record<string, string> = {}): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'hcpcs.sqlite');
  const hcpcs = (...args: string[]): CliResult => {
    const result = spawnSync(process.execPath, [HCPCS_BIN, ...args], {
      cwd: dir,
      env: { ...process.env, HCPCS_DB: db, ...env },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const write = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  return { dir, db, hcpcs, write };
}

/**
 * Runs the CLI in `dir` (HCPCS_DB: `dir`/hcpcs.sqlite) without blocking this process: a server
 * the test started here (a local site shaped like CMS's) answers the CLI meanwhile.
 * @example const run = await hcpcsAsync(dir, 'update', '--source', `${site.url}/quarterly-update`);
 */
export function hcpcsAsync(dir: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HCPCS_BIN, ...args], {
      cwd: dir,
      env: { ...process.env, HCPCS_DB: join(dir, 'hcpcs.sqlite') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
