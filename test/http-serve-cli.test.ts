/**
 * `hcpcs serve` end to end: the CLI starts a server on a free port over HCPCS_DB, answers, and
 * stops cleanly (exit 0) on SIGTERM; a bad port is a usage error (exit 2).
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { HCPCS_BIN } from './support/cli.js';
import { cms, REPO_ROOT, sampleDbPath, tempDbPath } from './support/cms.js';

it('serves the API and FHIR until SIGTERM', async () => {
  const db = tempDbPath();
  copyFileSync(sampleDbPath(), db);
  const child = spawn(process.execPath, [HCPCS_BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, HCPCS_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
  });
  expect(out).toContain('hcpcs serving 10 releases from');
  const releases = (await (await fetch(`${url}/api/releases`)).json()) as unknown[];
  expect(releases).toHaveLength(10);
  const metadata = (await (await fetch(`${url}/fhir/metadata`)).json()) as { resourceType: string };
  expect(metadata.resourceType).toBe('CapabilityStatement');
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
});

it('refuses a bad port with a usage error', async () => {
  const child = spawn(process.execPath, [HCPCS_BIN, 'serve', '--port', '99999'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  expect(code).toBe(2);
  expect(err).toBe('hcpcs: --port: "99999" is not a port number (0-65535)\n');
});

it('npm start imports the releases, prints the summary, then serves; --import-only stops after importing', async () => {
  const db = tempDbPath();
  const env = { ...process.env, HCPCS_DB: db, HCPCS_RELEASES: cms('2026-01'), PORT: '0', HOST: '127.0.0.1' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 110_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
  });
  expect(out).toContain('2026-01_v1 imported: release 2026-01, revision 1');
  expect(out).toContain('hcpcs serving 1 release from');
  const record = (await (await fetch(`${url}/api/codes/J1640`)).json()) as { releaseKey: string };
  expect(record.releaseKey).toBe('2026-01_v1');
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);

  const again = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts', '--import-only'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let second = '';
  again.stdout.on('data', (chunk: Buffer) => {
    second += chunk.toString();
  });
  expect(await new Promise<number | null>((resolve) => again.on('exit', (code) => resolve(code)))).toBe(0);
  expect(second).toContain('2026-01_v1 unchanged');
  expect(second).not.toContain('serving');
}, 240_000);
