/**
 * `npm run bench`: time to read and to import each sample release, and records per second.
 * Baseline in the same run: reading the same bytes and splitting them into lines (the floor any
 * reader pays). Each figure is the median of several runs; absolute times on a shared machine are
 * noisy, the ratio to the baseline less so.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeText, readReleases } from '../src/ingest/release.js';
import { gatherSources } from '../src/ingest/sources.js';
import { HcpcsStore } from '../src/store/store.js';
import { median, timeSync as time } from './timing.js';

const CMS = resolve(import.meta.dirname, '../../shared/cms');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-'));
const rows: string[][] = [
  [
    'release',
    'source',
    'records',
    'baseline ms',
    'read ms',
    'store ms',
    'total ms',
    'records/s',
    'x baseline',
  ],
];
try {
  for (const folder of readdirSync(CMS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const path = join(CMS, folder);
    const baseline: number[] = [];
    const read: number[] = [];
    const store: number[] = [];
    let records = 0;
    let source = '';
    for (let run = 0; run < RUNS; run++) {
      baseline.push(
        time(() => {
          for (const f of gatherSources([path])) decodeText(f.bytes).split('\n');
        }),
      );
      let releases: ReturnType<typeof readReleases> = [];
      read.push(
        time(() => {
          releases = readReleases([path]);
        }),
      );
      const db = HcpcsStore.open(join(dir, `${folder}-${run}.sqlite`));
      store.push(
        time(() => {
          for (const r of releases) db.importRelease(r);
        }),
      );
      db.close();
      records = releases.reduce((n, r) => n + r.records.length, 0);
      source = releases
        .map((r) => (r.sourceOfRecord.match(/\.(txt|xlsx|xls)$/i)?.[1] ?? '?').toUpperCase())
        .join('+');
      if (releases.some((r) => r.reconciliation)) source += ' (+workbook reconciled)';
    }
    const total = median(read) + median(store);
    rows.push([
      folder,
      source,
      String(records),
      median(baseline).toFixed(0),
      median(read).toFixed(0),
      median(store).toFixed(0),
      total.toFixed(0),
      Math.round((records / total) * 1000).toLocaleString('en-US'),
      (total / median(baseline)).toFixed(1),
    ]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`import benchmark, median of ${RUNS} runs (Node ${process.version})`);
for (const row of rows)
  console.log(row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
