/** `hcpcs history <code>`: the code through every imported release, with lifecycle events. */
import { HcpcsError } from '../../errors.js';
import { fieldValueText as show } from '../../history/compare.js';
import { type CodeHistory, codeHistory, type FieldChange } from '../../history/index.js';
import { describeQuarters, missingQuarters } from '../../history/missing-quarters.js';
import { paymentHistory } from '../../payment/payment-history.js';
import { printJson, withStore } from '../context.js';
import { formatPaymentHistory } from './payment.js';

/** "Pricing Indicator Code: 00 (Service not separately priced...) -> 39 (Parenteral and Enteral Nutrition)" */
export function formatChange(change: FieldChange): string {
  const meaning = (m: FieldChange['fromMeaning']) =>
    m === undefined || m === null || (Array.isArray(m) && m.length === 0) ? '' : ` (${show(m)})`;
  return `${change.label}: ${show(change.from)}${meaning(change.fromMeaning)} -> ${show(change.to)}${meaning(change.toMeaning)}${change.whitespaceOnly ? ' [spaces only]' : ''}`;
}

type ReleaseEntry = CodeHistory['releases'][number];

/**
 * The releases as lines, consecutive releases of one status and action code on one line: with
 * every quarter since 2001 held, a code's releases run to some 110, most of them alike.
 */
function releaseLines(releases: readonly ReleaseEntry[]): string[] {
  const lines: string[] = [];
  const says = (r: ReleaseEntry) =>
    `${r.present ? r.status : 'absent'}${r.actionCode ? `  (action code ${r.actionCode})` : ''}`;
  for (let from = 0; from < releases.length; ) {
    const first = releases[from] as ReleaseEntry;
    let to = from;
    while (to + 1 < releases.length && says(releases[to + 1] as ReleaseEntry) === says(first)) to++;
    const last = releases[to] as ReleaseEntry;
    lines.push(
      from === to
        ? `  ${first.release.padEnd(11)} ${first.effectiveDate}  ${says(first)}`
        : `  ${first.release} to ${last.release}  ${first.effectiveDate} to ${last.effectiveDate}  ${says(first)}  (${to - from + 1} releases)`,
    );
    from = to + 1;
  }
  return lines;
}

export function formatHistory(history: CodeHistory, missing: readonly string[] = []): string {
  const lines = [`${history.code}  ${history.description ?? ''}`.trimEnd(), ''];
  lines.push(`Releases (${history.releases.length} imported):`, ...releaseLines(history.releases));
  lines.push('', 'Events:');
  for (const e of history.events) {
    lines.push(`  ${e.release.padEnd(11)} ${e.type}: ${e.message}`);
    for (const c of e.changes ?? []) lines.push(`      ${formatChange(c)}`);
  }
  if (history.replacedBy.length) lines.push('', `Replaced by (XREF): ${history.replacedBy.join(', ')}`);
  if (history.replaces.length)
    lines.push('', `Replaces (named in their XREF): ${history.replaces.join(', ')}`);
  if (history.notes.length || missing.length) {
    lines.push('', 'What the files do not say:');
    for (const n of history.notes) lines.push(`  ${n}`);
    if (missing.length)
      lines.push(
        `  ${missing.length} quarters between the releases held are not imported: ${describeQuarters(missing)}`,
      );
  }
  return lines.join('\n');
}

export async function historyCommand(
  code: string,
  options: { json?: boolean; state?: string; modifier?: string },
): Promise<void> {
  const { history, missing, payment } = await withStore((store) => ({
    history: codeHistory(store, code),
    missing: missingQuarters(store.releases().map((r) => r.id)),
    // How the payment moved per quarter, beside the code's releases (only with payment files imported).
    payment:
      store.payments.datasets().length > 0 && /^[A-Za-z0-9]{5}$/.test(code.trim())
        ? paymentHistory(store, code, options)
        : undefined,
  }));
  const paid = payment && (payment.asp.length > 0 || payment.fees.length > 0) ? payment : undefined;
  if (history.firstSeen === null && !paid) {
    throw new HcpcsError('HCPCS_E_NOT_FOUND', `${history.code} is in no imported release`);
  }
  // The quarters with no release held between the first and the last: the history cannot see into them.
  if (options.json) printJson({ ...history, missingQuarters: missing, ...(paid ? { payment: paid } : {}) });
  else {
    const text =
      history.firstSeen === null
        ? `${history.code} is in no imported release`
        : formatHistory(history, missing);
    process.stdout.write(`${text}${paid ? `\n\n${formatPaymentHistory(paid)}` : ''}\n`);
  }
}
