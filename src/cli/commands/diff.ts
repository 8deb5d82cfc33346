/** `hcpcs diff <from> <to>`: field-level changes between two imported releases, optionally beside CMS's report. */
import {
  type CmsReconciliation,
  csvRow,
  diffReleases,
  diffToCsv,
  type ReleaseDiff,
  reconcileWithCms,
} from '../../history/index.js';
import type { HcpcsStore } from '../../store/store.js';
import { printJson, usageError, withStore } from '../context.js';
import { formatChange } from './history.js';

interface DiffOptions {
  json?: boolean;
  csv?: boolean;
  summary?: boolean;
  againstCms?: boolean;
  actionFields?: boolean;
}

function summaryText(diff: ReleaseDiff): string[] {
  const s = diff.summary;
  const lines = [
    `${diff.from} (${diff.fromEffectiveDate}) -> ${diff.to} (${diff.toEffectiveDate})`,
    `  added: ${s.added}${diff.addedAlreadyTerminated.length ? ` (${diff.addedAlreadyTerminated.length} already terminated)` : ''}`,
    `  removed: ${s.removed}${s.removedWithoutTermination ? ` (${s.removedWithoutTermination} without a termination date)` : ''}`,
    `  terminated: ${s.terminated}`,
    `  reactivated: ${s.reactivated}`,
    `  changed: ${s.changes} field changes in ${s.changedCodes} codes`,
  ];
  for (const [field, n] of Object.entries(s.byField)) lines.push(`    ${field}: ${n}`);
  if (s.corrections > 0) {
    const quarters = [...new Set(diff.corrections.map((c) => c.releaseId))].join(' and ');
    lines.push(`  CMS's corrections to ${quarters}: ${s.corrections} (the files are compared as published)`);
  }
  return lines;
}

function describe(store: HcpcsStore, key: string, code: string): string {
  const record = store.record(key, code);
  return record ? `${code}  ${record.shortDescription ?? record.longDescription}` : code;
}

function fullText(store: HcpcsStore, diff: ReleaseDiff): string[] {
  const lines = summaryText(diff);
  // A code CMS corrected in either release is marked where it is listed; the corrections follow.
  const corrected = new Set(diff.corrections.map((c) => c.code));
  const mark = (code: string) => (corrected.has(code) ? "  [CMS's corrections: see below]" : '');
  const section = (title: string, codes: string[], key: string, extra?: (code: string) => string) => {
    if (codes.length === 0) return;
    lines.push('', `${title} (${codes.length}):`);
    for (const code of codes)
      lines.push(`  ${describe(store, key, code)}${extra ? extra(code) : ''}${mark(code)}`);
  };
  section('Added', diff.added, diff.to);
  const removed = new Map(diff.removedDetails.map((r) => [r.code, r]));
  section('Removed', diff.removed, diff.from, (code) => {
    const r = removed.get(code);
    return r?.terminationDate
      ? `  (termination date ${r.terminationDate})`
      : '  (no termination date: the files do not say when it ended)';
  });
  const terminated = new Map(diff.terminatedDetails.map((t) => [t.code, t]));
  section('Terminated', diff.terminated, diff.to, (code) => {
    const t = terminated.get(code);
    return t
      ? `  (last day ${t.terminationDate}${t.replacedBy.length ? `, replaced by ${t.replacedBy.join(', ')}` : ''})`
      : '';
  });
  section('Reactivated', diff.reactivated, diff.to);
  if (diff.changed.length > 0) {
    lines.push('', `Field changes (${diff.changed.length}):`);
    let current = '';
    for (const c of diff.changed) {
      if (c.code !== current) {
        current = c.code;
        lines.push(`  ${c.code}${mark(c.code)}`);
      }
      lines.push(`    ${formatChange(c)}`);
    }
  }
  if (diff.corrections.length > 0) {
    lines.push(
      '',
      `CMS's corrections (${diff.corrections.length}): published after the release they correct; the records above are the files as published`,
    );
    for (const c of diff.corrections) lines.push(`  ${c.code.padEnd(5)}  ${c.message}`);
  }
  return lines;
}

function cmsText(r: CmsReconciliation, summaryOnly: boolean): string[] {
  const lines = [
    '',
    `Against CMS's transaction report (${r.report.file.split(/[\\/!]/).pop()}, ${r.report.codes} codes):`,
    `  agree: ${r.agree}   disagree: ${r.disagree}`,
  ];
  for (const a of r.byAction.filter((x) => x.listed > 0)) {
    lines.push(`    ${a.action} ${a.label}: listed ${a.listed}, agree ${a.agree}, disagree ${a.disagree}`);
  }
  lines.push('  disagreements by kind:');
  for (const [category, n] of Object.entries(r.byCategory)) lines.push(`    ${category}: ${n}`);
  if (!summaryOnly && r.comparisons.length > 0) {
    lines.push(
      '',
      'Code by code (CMS action beside the computed change; "No Change" codes without one left out):',
    );
    for (const c of r.comparisons) {
      const computed = [...c.computed.kinds.filter((k) => k !== 'changed'), ...c.computed.fields].join(', ');
      lines.push(
        `  ${c.code.padEnd(5)}  CMS: ${c.cmsText ?? '(not listed)'}  computed: ${computed || 'no change'}  ${c.agrees ? 'agree' : `DISAGREE [${c.category}] ${c.reason}`}`,
      );
    }
  }
  return lines;
}

export const CMS_CSV_COLUMNS = [
  'code',
  'cms_actions',
  'cms_text',
  'computed_kinds',
  'computed_fields',
  'agrees',
  'category',
  'reason',
];

export async function diffCommand(from: string, to: string, options: DiffOptions): Promise<void> {
  if (options.json && options.csv) throw usageError('--json and --csv exclude each other: choose one');
  await withStore((store) => {
    const diff = diffReleases(store, from, to, { includeActionFields: Boolean(options.actionFields) });
    const cms = options.againstCms ? reconcileWithCms(store, diff) : undefined;
    if (options.json) {
      if (options.summary) {
        printJson({
          from: diff.from,
          to: diff.to,
          summary: diff.summary,
          ...(cms ? { againstCms: { ...cms, comparisons: undefined, disagreements: undefined } } : {}),
        });
      } else printJson(cms ? { ...diff, againstCms: cms } : diff);
      return;
    }
    if (options.csv) {
      if (cms) {
        const rows = cms.comparisons.map((c) =>
          csvRow([
            c.code,
            c.cmsActions,
            c.cmsText,
            c.computed.kinds,
            c.computed.fields,
            c.agrees,
            c.category,
            c.reason,
          ]),
        );
        process.stdout.write(`${[CMS_CSV_COLUMNS.join(','), ...rows].join('\n')}\n`);
      } else process.stdout.write(diffToCsv(store, diff));
      return;
    }
    const lines = options.summary ? summaryText(diff) : fullText(store, diff);
    if (cms) lines.push(...cmsText(cms, Boolean(options.summary)));
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
