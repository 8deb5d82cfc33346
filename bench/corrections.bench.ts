/**
 * `npm run bench:corrections`: what reading a release as CMS's corrections lists leave it costs
 * (src/history/corrected-release.ts), on each release the lists correct (2019-01 of the sample
 * set). Each figure has a baseline measured in the same run:
 * - FHIR $validate-code with a date, per code: the codes a correction names (the corrected path:
 *   their runs of releases, the corrections in force on the date) against the release's other
 *   codes (a set lookup);
 * - the release as corrected (releaseAsCorrected) on a fresh store, against reading the release's
 *   records there;
 * - the NLM-compatible table's first build on a fresh store (which applies the corrections by the
 *   same rule), against reading the release's records there;
 * - the search index built from the records as corrected, against the same build from the records
 *   as published.
 * Medians of BENCH_RUNS runs (default 3). Uses HCPCS_BENCH_DB when set, else imports ../shared/cms
 * into a temporary database first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseQueryParameters } from '../src/fhir/parameters.js';
import { HCPCS_SYSTEM } from '../src/fhir/system.js';
import { CODE_SYSTEM_VALIDATE_PARAMETERS, validateInCodeSystem } from '../src/fhir/validate-code.js';
import { historyContext } from '../src/history/context.js';
import { releaseAsCorrected } from '../src/history/corrected-release.js';
import { addMonths } from '../src/history/dates.js';
import { nlmTable } from '../src/search/nlm/index.js';
import { loadReferences } from '../src/search/references.js';
import { buildIndex } from '../src/search/search-index.js';
import { HcpcsStore } from '../src/store/store.js';
import { benchDatabase } from './sample-database.js';
import { measure, RUNS } from './timing.js';

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-corrections-'));
// The search index's disk copies go to a folder of this run only.
process.env.HCPCS_SEARCH_CACHE = join(dir, 'search-cache');

const ms = (n: number) => n.toFixed(1);

const path = await benchDatabase(dir);
const open = () => HcpcsStore.open(path, { readonly: true });

try {
  const store = open();
  const index = historyContext(store).corrections();
  const corrected = store.releases().filter((r) => index.ofQuarter(r.id).length > 0);
  if (corrected.length === 0) throw new Error('the database holds no release a corrections list corrects');
  const rows: string[][] = [['measure', 'release', 'baseline', 'baseline ms', 'ms', 'x baseline']];
  const row = (measure: string, key: string, baseline: string, base: number, t: number) =>
    rows.push([measure, key, baseline, ms(base), ms(t), (t / base).toFixed(2)]);

  for (const release of corrected) {
    const key = release.key;
    const named = new Set(index.ofQuarter(release.id).map((c) => c.code));
    const codes = [...store.records(key)].map((r) => r.code).concat([...named]);
    const date = addMonths(release.effectiveDate, 2);

    // 1. $validate-code with a date, per code (warmed: the concept index and the corrections read).
    const call = (code: string) =>
      validateInCodeSystem(
        store,
        parseQueryParameters(
          { url: [HCPCS_SYSTEM], code: [code], date: [date], version: [release.id] },
          CODE_SYSTEM_VALIDATE_PARAMETERS,
          '$validate-code',
        ),
      );
    for (const code of codes.slice(0, 500)) call(code);
    const others = codes.filter((c) => !named.has(c));
    const perCall = async (list: readonly string[]) =>
      // Each list called often enough to take some milliseconds.
      (await measure(() => {
        for (let i = 0; i < 20_000; i++) call(list[i % list.length] as string);
      })) / 20;
    const plain = await perCall(others);
    const correctedCalls = await perCall([...named]);
    row(
      `$validate-code with date: per 1,000 calls of the ${named.size} codes corrections name`,
      key,
      `the other ${others.length} codes`,
      plain,
      correctedCalls,
    );

    // 2. The release as corrected, on a fresh store (its records read first, as every reader does).
    const read = await measure(() => {
      const fresh = open();
      for (const _ of fresh.catalog().snapshot(key).records);
      fresh.close();
    });
    const asCorrected = await measure(() => {
      const fresh = open();
      for (const _ of fresh.catalog().snapshot(key).records);
      releaseAsCorrected(fresh, key);
      fresh.close();
    });
    row(
      'read the records, then the release as corrected (fresh store)',
      key,
      'read the records',
      read,
      asCorrected,
    );

    // 2b. The NLM-compatible table's first build on a fresh store (the search index read back from
    // its disk copy, written by the warm-up build here), beside reading the records there.
    nlmTable(store, key);
    const readRecords = await measure(() => {
      const fresh = open();
      for (const _ of fresh.records(key));
      fresh.close();
    });
    const nlm = await measure(() => {
      const fresh = open();
      nlmTable(fresh, key);
      fresh.close();
    });
    row('NLM table, first build (fresh store, index from disk)', key, 'read the records', readRecords, nlm);

    // 3. The search index built from the records as corrected, and as published.
    const snapshot = store.catalog().snapshot(key);
    const { references, nocCodes } = loadReferences(store, key, store.catalog().releases);
    const correctedRecords = releaseAsCorrected(store, key).records;
    const fromFile = await measure(() =>
      buildIndex(key, release.effectiveDate, snapshot.records, references, nocCodes),
    );
    const fromCorrected = await measure(() =>
      buildIndex(key, release.effectiveDate, correctedRecords, references, nocCodes),
    );
    row(
      `search index build (${correctedRecords.length} records as corrected)`,
      key,
      `from the ${snapshot.records.length} as published`,
      fromFile,
      fromCorrected,
    );
  }
  store.close();

  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  console.log(`(medians of ${RUNS} runs)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
