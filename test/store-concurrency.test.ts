/**
 * Two `hcpcs import` runs at once on one new database file: both finish with
 * exit 0, each release lands once (one run says imported, the other unchanged), and the data is
 * the same as a single import's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { HcpcsStore } from '../src/store/store.js';
import { cliSandbox, HCPCS_BIN } from './support/cli.js';
import { cms, openSampleStore } from './support/cms.js';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the CLI without waiting for it, so that two runs overlap. */
function start(args: readonly string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [HCPCS_BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, done };
}

/** Whether the process holds the file open (Linux /proc; false where there is none). */
function holdsOpen(child: ChildProcess, path: string): boolean {
  try {
    return readdirSync(`/proc/${child.pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${child.pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

it('two imports at once into one new file: both exit 0, each release imported once and unchanged once, data intact', async () => {
  const { dir, db } = cliSandbox('hcpcs-concurrent-');
  const folders = [cms('2026-01')];
  // A start line for both runs: this connection holds the write lock until both processes have
  // opened the file (each then waits on the lock to set up its tables), so that both go on at the
  // same moment, find the releases missing, read the workbooks (about a second) and reach the
  // write together, instead of the second finding them held because it started late.
  const gate = new Database(db);
  gate.pragma('journal_mode = WAL');
  gate.exec('BEGIN IMMEDIATE');
  const started = [1, 2].map(() => start(['import', ...folders, '--json'], { HCPCS_DB: db }, dir));
  for (let waited = 0; waited < 20_000 && !started.every((s) => holdsOpen(s.child, db)); waited += 20) {
    await sleep(20);
  }
  gate.exec('ROLLBACK');
  gate.close();
  const runs = await Promise.all(started.map((s) => s.done));
  for (const run of runs) {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  const outcomes = new Map<string, string[]>();
  for (const run of runs) {
    for (const { key, outcome } of JSON.parse(run.stdout) as { key: string; outcome: string }[]) {
      outcomes.set(key, [...(outcomes.get(key) ?? []), outcome].sort());
    }
  }
  expect(Object.fromEntries(outcomes)).toEqual({ '2026-01_v1': ['imported', 'unchanged'] });

  const store = HcpcsStore.open(db, { readonly: true });
  const sample = openSampleStore();
  try {
    const shape = (s: HcpcsStore, key: string) => {
      const { importedAt: _importedAt, superseded: _superseded, ...rest } = s.release(key) ?? {};
      return rest;
    };
    expect(store.releases().map((r) => r.key)).toEqual(['2026-01_v1']);
    for (const key of ['2026-01_v1']) {
      expect(shape(store, key)).toEqual(shape(sample, key));
      expect([...store.records(key)]).toEqual([...sample.records(key)]);
    }
  } finally {
    store.close();
    sample.close();
  }
}, 120_000);
