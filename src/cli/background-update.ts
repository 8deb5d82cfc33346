/**
 * `hcpcs serve --update-every 24h`: runs `hcpcs update` now and then every period, in a child
 * process, so that the server keeps answering while files download and workbooks are read (an
 * import is synchronous work that would stall the event loop). The child writes the database;
 * the server, reading it, serves a new release once its transaction is committed. Runs never
 * overlap: a run still going when the next is due makes that one wait for the next period.
 */
import { spawn } from 'node:child_process';
import { usageError } from './context.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A period such as `30m`, `24h` or `7d`, in milliseconds (at least a minute, at most 30 days).
 * @example periodOf('24h', '--update-every') // 86_400_000
 */
export function periodOf(text: string, name: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0) : Number.NaN;
  if (!(ms >= 60_000 && ms <= 30 * 86_400_000))
    throw usageError(`${name}: "${text}" is not a period from 1m to 30d (e.g. 30m, 24h, 7d)`);
  return ms;
}

export interface BackgroundUpdates {
  stop(): void;
}

/**
 * Starts the updates: `args` are `hcpcs update`'s (sources, folder); `log` gets each line the
 * child prints, and the outcome of each run.
 */
export function startBackgroundUpdates(
  everyMs: number,
  args: readonly string[],
  log: (line: string) => void,
): BackgroundUpdates {
  let running: ReturnType<typeof spawn> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    const entry = process.argv[1] ?? '';
    const child = spawn(process.execPath, [entry, 'update', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    log(`update: started (${[entry, 'update', ...args].join(' ')})`);
    const lines = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(`update: ${line}`);
    };
    child.stdout?.on('data', lines);
    child.stderr?.on('data', lines);
    child.on('close', (code) => {
      running = undefined;
      log(`update: ended, ${code === 0 ? 'all well' : `exit ${code} (something failed; the rest is kept)`}`);
    });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  setImmediate(run);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      running?.kill('SIGTERM');
    },
  };
}
