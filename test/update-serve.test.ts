/**
 * `hcpcs serve --update-every`: the server fetches and imports a new release in the background
 * from a local site shaped like CMS's, answers all the while, and serves the release once it is
 * committed.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HCPCS_BIN } from './support/cli.js';
import { sampleDbPath } from './support/cms.js';
import { type CmsSite, startCmsSite } from './support/cms-site.js';

let site: CmsSite;
beforeAll(async () => {
  site = await startCmsSite();
});
afterAll(() => site.close());

it('imports the new release in the background, answering meanwhile, then serves it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-serve-update-'));
  const db = join(dir, 'hcpcs.sqlite');
  copyFileSync(sampleDbPath(), db);
  const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--update-every', '24h'];
  const child = spawn(
    process.execPath,
    [HCPCS_BIN, ...args, '--update-source', `${site.url}/future`, '--update-dir', join(dir, 'releases')],
    { env: { ...process.env, HCPCS_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  try {
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
    const statuses: number[] = [];
    let keys: string[] = [];
    const deadline = Date.now() + 90_000;
    while (!keys.includes('2027-01_v1') && Date.now() < deadline) {
      const res = await fetch(`${url}/api/releases`);
      statuses.push(res.status);
      keys = ((await res.json()) as { key: string }[]).map((r) => r.key);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(keys).toContain('2027-01_v1');
    expect(keys).toHaveLength(11);
    // Every answer while the update ran was a 200.
    expect(statuses.length).toBeGreaterThan(1);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const code = (await (await fetch(`${url}/api/codes/A0002`)).json()) as { release: string };
    expect(code.release).toBe('2027-01');
    await new Promise((r) => setTimeout(r, 500));
    expect(out).toMatch(/update: +imported 2027-01_v1: imported, 3 records/);
    expect(out).toMatch(/update: ended, all well/);
  } finally {
    const exit = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }
}, 120_000);

it('--update-every takes a period from 1m to 30d', async () => {
  const child = spawn(process.execPath, [HCPCS_BIN, 'serve', '--update-every', 'daily'], {
    env: { ...process.env, HCPCS_DB: sampleDbPath() },
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  expect([code, err.trim()]).toEqual([
    2,
    'hcpcs: --update-every: "daily" is not a period from 1m to 30d (e.g. 30m, 24h, 7d)',
  ]);
});
