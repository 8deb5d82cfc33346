/**
 * A Vitest reporter that prints, after the run, where the time went: the wall time of the whole
 * run, each kind of test (unit tests beside the code, end-to-end tests under test/, browser tests,
 * the package test) with its files' time added up, and the slowest files. A file's time is its
 * import (collect) plus its tests and hooks; files run in parallel, so the sums exceed the wall time.
 * Used beside the default reporter (vitest.config.ts, .ci/run).
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const KINDS: readonly [string, RegExp][] = [
  ['package (pack, install, run)', /^test\/package\.test\.ts$/],
  ['browser (Chromium)', /^test\/browser-/],
  ['end to end (test/)', /^test\//],
  ['unit (src/)', /^src\//],
];

export default class TimeReporter implements Reporter {
  #started = performance.now();

  onTestRunStart(): void {
    this.#started = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length === 0) return;
    const wall = performance.now() - this.#started;
    const files = modules.map((m) => {
      const d = m.diagnostic();
      return { file: relative(process.cwd(), m.moduleId), ms: d.collectDuration + d.duration };
    });
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
    const lines = [`\nWhere the test time went (wall ${s(wall).trim()}; files run in parallel):`];
    const kindOf = (file: string) => KINDS.find(([, re]) => re.test(file))?.[0] ?? 'other';
    const totals = new Map<string, { ms: number; count: number }>();
    for (const f of files) {
      const t = totals.get(kindOf(f.file)) ?? { ms: 0, count: 0 };
      totals.set(kindOf(f.file), { ms: t.ms + f.ms, count: t.count + 1 });
    }
    for (const [kind, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms)) {
      lines.push(`  ${s(t.ms)}  ${kind}, ${t.count} file${t.count === 1 ? '' : 's'}`);
    }
    lines.push('  slowest files:');
    for (const f of [...files].sort((a, b) => b.ms - a.ms).slice(0, 10))
      lines.push(`  ${s(f.ms)}  ${f.file}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
