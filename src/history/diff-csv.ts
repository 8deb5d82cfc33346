/**
 * A release diff as CSV: one row per added, removed, terminated or reactivated code, per field
 * change and per correction CMS published to either release (`corrected`). The one builder of
 * these rows: `hcpcs diff --csv`, `/api/diff?format=csv` and the pages' `/diff.csv` all call
 * {@link diffToCsv}, so each carries the same columns and descriptions.
 */
import type { HcpcsStore } from '../store/store.js';
import { csvRow } from './csv.js';
import type { ReleaseDiff } from './release-diff.js';

export const DIFF_CSV_COLUMNS = [
  'from',
  'to',
  'change',
  'code',
  'field',
  'label',
  'old_value',
  'new_value',
  'old_meaning',
  'new_meaning',
  'description',
] as const;

/** A code's long description in a release (`from` for removed codes, `to` for the others). */
export type DiffDescription = (code: string, side: 'from' | 'to') => string | null | undefined;

/**
 * The long descriptions of a diff's codes as the two releases hold them (read from the store's
 * shared snapshots of the releases, not one query per row).
 */
function storedDescriptions(store: HcpcsStore, diff: ReleaseDiff): DiffDescription {
  const catalog = store.catalog();
  const byCode = { from: catalog.snapshot(diff.from).byCode, to: catalog.snapshot(diff.to).byCode };
  return (code, side) => byCode[side].get(code)?.longDescription;
}

/**
 * The diff as CSV text with a header row; lists are joined with `|`. Each row carries the code's
 * long description (of the `to` release; of `from` for a removed code), so a reader of the added
 * and terminated codes need not look each one up.
 * @example diffToCsv(store, diffReleases(store, '2025-10_v1', '2025-10_v4')).split('\n')[1] // '2025-10_v1,2025-10_v4,changed,L6034,longDescription,...'
 */
export function diffToCsv(store: HcpcsStore, diff: ReleaseDiff): string {
  const describe = storedDescriptions(store, diff);
  const lines = [DIFF_CSV_COLUMNS.join(',')];
  // Every row has all columns, so a reader can index them by the header.
  const row = (change: string, code: string, rest: unknown[], side: 'from' | 'to' = 'to') =>
    lines.push(
      csvRow([
        diff.from,
        diff.to,
        change,
        code,
        ...rest,
        ...Array(6 - rest.length).fill(''),
        describe(code, side) ?? '',
      ]),
    );
  for (const code of diff.added) row('added', code, []);
  for (const r of diff.removedDetails) {
    row(
      r.terminationDate ? 'removed' : 'removed-without-termination',
      r.code,
      ['terminationDate', 'Termination Date', r.terminationDate, ''],
      'from',
    );
  }
  for (const t of diff.terminatedDetails) {
    row('terminated', t.code, ['terminationDate', 'Termination Date', '', t.terminationDate]);
  }
  for (const code of diff.reactivated) row('reactivated', code, []);
  for (const c of diff.changed) {
    row('changed', c.code, [c.field, c.label, c.from, c.to, c.fromMeaning ?? '', c.toMeaning ?? '']);
  }
  // CMS's corrections to either release: the kind in `field`, the whole sentence (CMS's words, date,
  // list and row, what it changes) in `label`; the file as published is what the rows above compare.
  for (const c of diff.corrections) row('corrected', c.code, [c.kind, c.message]);
  return `${lines.join('\n')}\n`;
}
