/**
 * `npm run bench:payment-sniff`: what recognising payment files by content adds to `hcpcs import`.
 * Every import first looks at each CSV / XLS / XLSX file's first rows for a payment header
 * (looksLikePaymentFile) to sort payment files from code releases. Per sample folder, beside three
 * baselines measured in the same run: gathering the files (read, unzip, sha256: the floor of any
 * import), reading them as the import does (readReleases, or readPaymentDatasets for the payment
 * folder), and parsing each file's first rows as a workbook or CSV (the sniff without its raw-text
 * word filter). Medians of BENCH_RUNS runs (default 3).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readPaymentDatasets } from '../src/ingest/payment/payment-datasets.js';
import { looksLikePaymentFile, PAYMENT_FILE_NAME } from '../src/ingest/payment/payment-file.js';
import { readSheetRows } from '../src/ingest/payment/sheet-rows.js';
import { readReleases } from '../src/ingest/release.js';
import { gatherSources } from '../src/ingest/sources.js';
import { measure, RUNS } from './timing.js';

const SHARED = resolve(import.meta.dirname, '../../shared');
const CMS = join(SHARED, 'cms');
const folders = [
  ...readdirSync(CMS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name, path: join(CMS, e.name), payment: false })),
  { name: 'cms-payment', path: join(SHARED, 'cms-payment'), payment: true },
].sort((a, b) => a.name.localeCompare(b.name));

const ms = (n: number) => n.toFixed(1);
const rows = [
  ['folder', 'files sniffed', 'gather ms', 'read ms', 'first rows ms', 'sniff ms', 'sniff % of read'],
];
let sniffTotal = 0;
let readTotal = 0;
let firstRowsTotal = 0;
for (const folder of folders) {
  const files = gatherSources([folder.path]);
  const candidates = files.filter((f) => PAYMENT_FILE_NAME.test(f.name));
  const gather = await measure(() => gatherSources([folder.path]));
  const read = await measure(() =>
    folder.payment ? readPaymentDatasets([folder.path]) : readReleases([folder.path]),
  );
  const firstRows = await measure(() =>
    candidates.map((f) => {
      try {
        return readSheetRows(f.bytes, f.name, 40);
      } catch {
        return [];
      }
    }),
  );
  const sniff = await measure(() => files.filter((f) => looksLikePaymentFile(f.bytes, f.name)));
  sniffTotal += sniff;
  readTotal += read;
  firstRowsTotal += firstRows;
  rows.push([
    folder.name,
    String(candidates.length),
    ms(gather),
    ms(read),
    ms(firstRows),
    ms(sniff),
    ((100 * sniff) / read).toFixed(1),
  ]);
}
rows.push([
  'all',
  '',
  '',
  ms(readTotal),
  ms(firstRowsTotal),
  ms(sniffTotal),
  ((100 * sniffTotal) / readTotal).toFixed(1),
]);
console.log(`payment-file sniffing at import (median of ${RUNS} runs)`);
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const r of rows)
  console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
