/** Text summaries of releases and imports, shared by `import`, `releases` and `npm start`. */

import type { CorrectionsListSummary } from '../ingest/corrections.js';
import type { LayoutDifference } from '../ingest/layout-check.js';
import type { Reconciliation } from '../ingest/reconcile.js';
import type { ParsedRelease } from '../ingest/release.js';
import type { FieldWarning } from '../model.js';
import type { ReleaseInfo } from '../store/store.js';

export interface ImportSummary {
  readonly layoutDifferences: readonly LayoutDifference[];
  /** Why the release's record layout file was not compared with ours. */
  readonly layoutNotCompared?: string;
  readonly warnings: (FieldWarning & { code: string })[];
  readonly reconciliation?: Reconciliation;
  /** CMS's corrections lists found with the release, as read. */
  readonly corrections?: readonly CorrectionsListSummary[];
}

export function importSummary(release: ParsedRelease): ImportSummary {
  return {
    layoutDifferences: release.layoutDifferences,
    ...(release.layoutNotCompared ? { layoutNotCompared: release.layoutNotCompared } : {}),
    warnings: release.records.flatMap((r) => r.warnings.map((w) => ({ code: r.code, ...w }))),
    ...(release.reconciliation ? { reconciliation: release.reconciliation } : {}),
    ...(release.corrections?.length ? { corrections: release.corrections } : {}),
  };
}

const MAX_LISTED = 20;

function show(value: unknown): string {
  return Array.isArray(value)
    ? `[${value.join(', ')}]`
    : value === null || value === undefined
      ? '(blank)'
      : String(value);
}

export function formatReleaseSummary(
  release: ReleaseInfo,
  outcome?: string,
  summary?: ImportSummary,
): string {
  const c = release.counts;
  const lines = [
    `${release.key}${outcome ? ` ${outcome}` : ''}${release.superseded ? ' (superseded by a later revision)' : ''}: release ${release.id}, revision ${release.revision}, effective ${release.effectiveDate}`,
    `  records ${c.records}: ${c.procedures} procedure codes, ${c.modifiers} modifiers; ${c.active} active, ${c.terminated} terminated; ${c.processingNotes} processing notes; ${c.warnings} data-quality warnings`,
    '  source files:',
    ...release.files.map((f) => `    ${f.role.padEnd(18)} ${f.sha256.slice(0, 16)}  ${f.path}`),
  ];
  if (summary?.layoutNotCompared) {
    lines.push(
      `  the release's record layout file was not compared with ours (its format is not one this program reads): ${summary.layoutNotCompared}`,
    );
  }
  if (summary && summary.layoutDifferences.length > 0) {
    lines.push(`  the release's record layout file differs from the layout this program reads by:`);
    for (const d of summary.layoutDifferences) lines.push(`    field ${d.field} ${d.name}: ${d.problem}`);
  }
  for (const list of summary?.corrections ?? []) {
    lines.push(
      list.error
        ? `  CMS corrections list not read (the release is imported without it): ${list.file}: ${list.error}`
        : list.supersededBy
          ? `  CMS corrections list superseded, kept and not applied: ${list.entries} corrections in ${list.file}; ${list.supersededBy} is a later version of it that repeats at least half of its rows`
          : `  CMS corrections list: ${list.entries} corrections in ${list.file} (the records stay as published; check, search, FHIR and the NLM endpoint follow the list, show, history and diff name it)`,
    );
    for (const w of list.warnings) lines.push(`    ${w}`);
  }
  if (summary && summary.warnings.length > 0) {
    lines.push(`  warnings (${summary.warnings.length}):`);
    for (const w of summary.warnings.slice(0, MAX_LISTED)) {
      lines.push(`    ${w.code} ${w.field} "${w.value}": ${w.problem}`);
    }
    if (summary.warnings.length > MAX_LISTED)
      lines.push(`    ... ${summary.warnings.length - MAX_LISTED} more (--json lists all)`);
  }
  const rec = summary?.reconciliation;
  if (rec?.workbookNotRead) {
    lines.push(
      `  workbook not reconciled: it could not be read, so the records come from the TXT (source of record) alone: ${rec.workbookNotRead}`,
    );
  } else if (rec) {
    const total = rec.disagreements.length;
    const fields = Object.entries(rec.byField)
      .map(([field, n]) => `${field} ${n}`)
      .join(', ');
    lines.push(
      `  workbook reconciled with the TXT (source of record): ${rec.txtCount} codes in the TXT, ${rec.workbookCount} in the workbook; ${rec.onlyInTxt.length} only in the TXT, ${rec.onlyInWorkbook.length} only in the workbook; ${total} field disagreements${fields ? ` (${fields})` : ''}`,
    );
    for (const d of rec.disagreements.slice(0, MAX_LISTED)) {
      lines.push(`    ${d.code} ${d.field}: TXT ${show(d.txt)}, workbook ${show(d.workbook)}`);
    }
    if (total > MAX_LISTED) lines.push(`    ... ${total - MAX_LISTED} more (--json lists all)`);
  }
  return lines.join('\n');
}
