/**
 * `npm run bench:history`: diff of two full releases, history of 1,000 random codes, and a batch
 * check of 100,000 generated claim lines (library, and the CLI end to end). Each figure has a
 * baseline measured in the same run: what the store alone costs (reading both releases' records;
 * one query per code) and what reading the claim file alone costs (CSV parsing). Medians of
 * BENCH_RUNS runs (default 3). Uses HCPCS_BENCH_DB when set, else imports ../shared/cms into a
 * temporary database first.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CsvReader } from '../src/history/csv-reader.js';
import { batchRowToCsv, checkBatch, codeHistory, diffReleases } from '../src/history/index.js';
import { HcpcsStore } from '../src/store/store.js';
import { seededRandom } from '../test/support/random.js';
import { benchDatabase } from './sample-database.js';
import { measure, RUNS } from './timing.js';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-history-'));

const ms = (n: number) => n.toFixed(1);

const path = await benchDatabase(dir);
const open = () => HcpcsStore.open(path);

try {
  const store = open();
  const keys = store.releases().map((r) => r.key);
  const allCodes = [...new Set(keys.flatMap((key) => [...store.records(key)].map((r) => r.code)))].sort();
  const rows: string[][] = [['measure', 'baseline', 'baseline ms', 'ms', 'x baseline', 'rate']];

  // 1. Diff of two full releases (the two latest, and the widest span held).
  const pairs: [string, string][] = [
    [keys.at(-2) as string, keys.at(-1) as string],
    [keys[0] as string, keys.at(-1) as string],
  ];
  for (const [from, to] of pairs) {
    const records = (store.release(from)?.counts.records ?? 0) + (store.release(to)?.counts.records ?? 0);
    const baseline = await measure(() => {
      for (const _ of store.records(from));
      for (const _ of store.records(to));
    });
    let changes = 0;
    const t = await measure(() => {
      changes = diffReleases(store, from, to).summary.changes;
    });
    rows.push([
      `diff ${from} -> ${to} (${records} records, ${changes} field changes)`,
      'read both releases',
      ms(baseline),
      ms(t),
      (t / baseline).toFixed(2),
      `${Math.round((records / t) * 1000)} records/s`,
    ]);
  }

  // 2. History of 1,000 random codes, each run on a fresh store handle (no warm caches).
  const next = seededRandom(42);
  const sample = Array.from({ length: 1000 }, () => allCodes[Math.floor(next() * allCodes.length)] as string);
  const historyBaseline = await measure(() => {
    const s = open();
    for (const code of sample) s.recordsOfCode(code);
    s.close();
  });
  let events = 0;
  const historyTime = await measure(() => {
    const s = open();
    events = 0;
    for (const code of sample) events += codeHistory(s, code).events.length;
    s.close();
  });
  rows.push([
    `history of 1,000 random codes (${events} events)`,
    'recordsOfCode x 1,000',
    ms(historyBaseline),
    ms(historyTime),
    (historyTime / historyBaseline).toFixed(2),
    `${Math.round((1000 / historyTime) * 1000)} codes/s`,
  ]);

  // 3. Batch check of 100,000 generated claim lines: real codes, modifiers, dates 2018-2027, and
  //    a share of malformed codes and dates.
  const LINES = 100_000;
  const modifiers = allCodes.filter((c) => c.length === 2);
  const procedures = allCodes.filter((c) => c.length === 5);
  const gen = seededRandom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(gen() * list.length)] as T;
  const lines = ['code,date,modifiers'];
  for (let i = 0; i < LINES; i++) {
    const roll = gen();
    const code = roll < 0.02 ? pick(['j1412', 'J141', '00002143380', '99213', 'Z9999']) : pick(procedures);
    const date =
      roll > 0.99
        ? '2024-02-30'
        : `${2018 + Math.floor(gen() * 10)}-${String(1 + Math.floor(gen() * 12)).padStart(2, '0')}-${String(1 + Math.floor(gen() * 28)).padStart(2, '0')}`;
    const mods = gen() < 0.3 ? `"${pick(modifiers)} ${pick(modifiers)}"` : gen() < 0.5 ? pick(modifiers) : '';
    lines.push(`${code},${date},${mods}`);
  }
  const claims = join(dir, 'claims.csv');
  writeFileSync(claims, `${lines.join('\n')}\n`);
  const parseBaseline = await measure(async () => {
    const reader = new CsvReader();
    for await (const chunk of createReadStream(claims, { encoding: 'utf8' })) reader.push(chunk as string);
    reader.end();
  });
  const tally = { valid: 0, invalid: 0, errors: 0 };
  const batchTime = await measure(async () => {
    const s = open();
    tally.valid = tally.invalid = tally.errors = 0;
    let bytes = 0;
    for await (const row of checkBatch(s, createReadStream(claims), { defaultDate: '2026-02-01' })) {
      bytes += batchRowToCsv(row).length;
      if (row.error) tally.errors++;
      else if (row.result?.valid) tally.valid++;
      else tally.invalid++;
    }
    s.close();
    return bytes;
  });
  rows.push([
    `check --file: 100,000 claim lines (${tally.valid} valid, ${tally.invalid} not, ${tally.errors} malformed)`,
    'CSV parse only',
    ms(parseBaseline),
    ms(batchTime),
    (batchTime / parseBaseline).toFixed(2),
    `${Math.round((LINES / batchTime) * 1000)} lines/s`,
  ]);
  store.close();

  // The same batch through the CLI, output to a file: start-up, streaming and writing included.
  const out = join(dir, 'results.csv');
  const cliTime = await measure(() => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${join(ROOT, 'bin/hcpcs.js')}" check --file "${claims}" > "${out}"`],
      { env: { ...process.env, HCPCS_DB: path }, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`hcpcs check --file failed: ${result.stderr}`);
  });
  const helpTime = await measure(() => {
    spawnSync(process.execPath, [join(ROOT, 'bin/hcpcs.js'), '--help'], { encoding: 'utf8' });
  });
  rows.push([
    'hcpcs check --file (CLI, 100,000 lines, CSV to a file)',
    'hcpcs --help (start-up)',
    ms(helpTime),
    ms(cliTime),
    (cliTime / helpTime).toFixed(2),
    `${Math.round((LINES / cliTime) * 1000)} lines/s`,
  ]);

  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  console.log(`(medians of ${RUNS} runs)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
