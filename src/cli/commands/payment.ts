/** `hcpcs payment <code>`: what Medicare pays for the code (ASP limit, DMEPOS / PEN fees) on a date. */
import {
  describeFeeQuarter,
  type PaymentHistory,
  paymentDiff,
  paymentHistory,
} from '../../payment/payment-history.js';
import { type PaymentAnswer, paymentFor } from '../../payment/payment-lookup.js';
import { printJson, withStore } from '../context.js';

/** "19.200" -> "19.2 %": the file's percentage without its padding zeros. */
function percentText(value: number | null, text: string | null): string {
  return value === null ? (text ?? '(blank)') : `${value} %`;
}

export function formatPayment(answer: PaymentAnswer): string {
  const lines = [
    `${answer.code}: Medicare payment${answer.date ? ` on ${answer.date}` : ' (latest imported quarter)'}`,
  ];
  const asp = answer.asp;
  if (asp) {
    lines.push(
      '',
      `ASP drug payment limit (${asp.quarter.start} to ${asp.quarter.end}, ${asp.quarter.dataset})`,
      `  payment limit ${asp.paymentLimit} per ${asp.dosage}`,
      `  co-insurance ${percentText(asp.coinsurance, asp.coinsurancePercent)}`,
    );
    if (asp.vaccineLimit) lines.push(`  vaccine limit ${asp.vaccineLimit} (AWP ${asp.vaccineAwpPercent} %)`);
    if (asp.bloodLimit) lines.push(`  blood limit ${asp.bloodLimit} (AWP ${asp.bloodAwpPercent} %)`);
    if (asp.clottingFactor) lines.push(`  clotting factor ${asp.clottingFactor}`);
    if (asp.notes) lines.push(`  note: ${asp.notes}`);
  }
  for (const fee of answer.fees) {
    const modifiers = fee.modifiers.map((m) => `${m.code}${m.label ? ` (${m.label})` : ''}`).join(' + ');
    lines.push(
      '',
      `${fee.schedule === 'dmepos' ? 'DMEPOS' : 'PEN'} fee schedule (${fee.quarter.start} to ${fee.quarter.end}, ${fee.quarter.dataset})${modifiers ? `, modifier ${modifiers}` : ', no modifier'}`,
    );
    if (fee.category)
      lines.push(`  category ${fee.category.code}: ${fee.category.label ?? '(not in the read-me)'}`);
    if (fee.jurisdiction)
      lines.push(
        `  jurisdiction ${fee.jurisdiction.code}: ${fee.jurisdiction.label ?? '(not in the read-me)'}`,
      );
    if (fee.ceiling !== null) lines.push(`  ceiling ${fee.ceiling}, floor ${fee.floor}`);
    lines.push(`  ${'state'.padEnd(24)} ${'non-rural'.padStart(10)} ${'rural'.padStart(10)}`);
    for (const s of fee.states) {
      lines.push(`  ${`${s.state} ${s.name}`.padEnd(24)} ${s.nonRural.padStart(10)} ${s.rural.padStart(10)}`);
    }
  }
  for (const note of answer.notes) lines.push('', note);
  return lines.join('\n');
}

const FEE_SCHEDULE_NAMES = { dmepos: 'DMEPOS', pen: 'PEN' } as const;

/**
 * How a code's payment moved per quarter: the ASP limit with its change, and for each DMEPOS / PEN
 * fee row (modifiers) the amounts that moved since the previous quarter listing it. Empty when no
 * payment file lists the code.
 */
export function formatPaymentHistory(history: PaymentHistory): string {
  const lines: string[] = [];
  if (history.asp.length) {
    lines.push('  ASP payment limit');
    for (const e of history.asp) {
      const change = e.change === null ? '' : ` (${e.change >= 0 ? '+' : ''}${e.change})`;
      lines.push(
        `    ${e.start} to ${e.end}  ${e.paymentLimit === null ? 'not listed' : `${e.paymentLimit} per ${e.dosage}${change}`}  ${e.dataset}`,
      );
    }
  }
  for (const series of history.fees) {
    lines.push(`  ${FEE_SCHEDULE_NAMES[series.schedule]} fee schedule, ${series.key}`);
    series.quarters.forEach((q, i) => {
      const listedBefore = series.quarters.slice(0, i).some((p) => p.listed);
      lines.push(`    ${q.start} to ${q.end}  ${describeFeeQuarter(q, listedBefore)}  ${q.dataset}`);
    });
  }
  return lines.length ? [`${history.code}: payment by quarter`, ...lines].join('\n') : '';
}

export async function paymentCommand(
  code: string,
  options: {
    date?: string;
    state?: string;
    modifier?: string;
    rural?: boolean;
    history?: boolean;
    json?: boolean;
  },
): Promise<void> {
  if (options.history) {
    const history = await withStore((store) => paymentHistory(store, code, options));
    if (options.json) printJson(history);
    else
      process.stdout.write(
        `${formatPaymentHistory(history) || `${history.code} is in no imported payment file`}\n`,
      );
    return;
  }
  const answer = await withStore((store) => paymentFor(store, code, options));
  if (options.json) printJson(answer);
  else process.stdout.write(`${formatPayment(answer)}\n`);
}

export async function paymentDiffCommand(
  from: string,
  to: string,
  options: { json?: boolean },
): Promise<void> {
  const diff = await withStore((store) => paymentDiff(store, from, to));
  if (options.json) {
    printJson(diff);
    return;
  }
  const lines = [
    `${diff.from} -> ${diff.to}: ${diff.added.length} new, ${diff.dropped.length} dropped, ${diff.changed.length} changed`,
  ];
  for (const key of diff.added) lines.push(`  new      ${key}`);
  for (const key of diff.dropped) lines.push(`  dropped  ${key}`);
  for (const change of diff.changed) {
    const fields = Object.entries(change.fields).map(
      ([field, [a, b]]) => `${field} ${a ?? '(blank)'} -> ${b ?? '(blank)'}`,
    );
    lines.push(`  changed  ${change.key}: ${fields.join('; ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
