/** Timing helpers the benchmarks share: runs per figure (BENCH_RUNS, default 3) and their median. */

export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The middle value (the upper middle for an even count); 0 for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Milliseconds `fn` takes, awaited. */
export async function time(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Milliseconds a synchronous `fn` takes (no await: nothing else runs in between). */
export function timeSync(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of RUNS timings of `fn`, in milliseconds. */
export async function measure(fn: () => unknown): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await time(fn));
  return median(runs);
}
