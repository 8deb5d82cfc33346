/**
 * Start-up of the compiled CLI (`npm run bench:startup`, part of `npm run bench`): the wall time of
 * whole processes, `hcpcs show J1640 --json` on a database holding one imported release, beside
 * bare `node -e 0` in the same run, taken in turn so that both see the same machine load. Median
 * of RUNS (10, STARTUP_BENCH_RUNS overrides) after one warm-up each. The aim: under
 * 150 ms, or under twice bare node. The same command run from the TypeScript sources through tsx
 * (as bin/hcpcs.js did before there was a build) is printed beside, for what compiling saves.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/hcpcs.js');
const RELEASE = resolve(ROOT, '../shared/cms/2026-01');
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 10);

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench:startup: dist/ is missing: run `npm run build` first (npm run bench:startup does)');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-startup-'));
const db = join(dir, 'hcpcs.sqlite');
const { HCPCS_DIST: _dist, ...baseEnv } = process.env;
const env = { ...baseEnv, HCPCS_DB: db };

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

function run(c: Case): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, c.args, { cwd: ROOT, env: c.env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${c.name} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

try {
  const imported = spawnSync(process.execPath, [BIN, 'import', RELEASE], { env, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);

  const cases: Case[] = [
    { name: 'node -e 0', args: ['-e', '0'], env },
    { name: 'hcpcs show J1640 --json (dist)', args: [BIN, 'show', 'J1640', '--json'], env },
    { name: 'hcpcs --version (dist)', args: [BIN, '--version'], env },
    {
      name: 'hcpcs show J1640 --json (tsx, source)',
      args: ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'show', 'J1640', '--json'],
      env,
    },
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (const c of cases) run(c); // warm-up: file cache, the database's pages
  for (let i = 0; i < RUNS; i++) for (const c of cases) times.get(c.name)!.push(run(c));

  const node = median(times.get('node -e 0')!);
  console.log(`start-up, wall time of the whole process, median of ${RUNS} (ms)`);
  for (const c of cases) {
    const m = median(times.get(c.name)!);
    const spread = times.get(c.name)!.map((t) => t.toFixed(0));
    console.log(
      `  ${c.name.padEnd(40)} ${m.toFixed(1).padStart(7)}  ${(m / node).toFixed(2)}x node   [${spread.join(' ')}]`,
    );
  }
  const show = median(times.get('hcpcs show J1640 --json (dist)')!);
  const met = show < 150 || show < 2 * node;
  console.log(
    `  aim (under 150 ms, or under 2x node): ${met ? 'met' : 'NOT met'} (${show.toFixed(1)} ms, ${(show / node).toFixed(2)}x)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
