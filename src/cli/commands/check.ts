/**
 * `hcpcs check <code> [--date D] [--modifier M]...`: validity on a date of service; and
 * `hcpcs check --file claims.csv`: one result row per claim line (CSV, or NDJSON with --json),
 * streamed. With `--with-payment`, each line also gets the ASP payment limit in effect on its date
 * and its dose (`--dose`, or a dose column) in billing units. A single check exits 0 when valid and
 * 1 when not; a batch exits 0 when it ran.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { HcpcsError } from '../../errors.js';
import {
  batchOutput,
  type CheckResult,
  checkBatch,
  checkCode,
  parseServiceDate,
} from '../../history/index.js';
import { describeQuarters, gapAround, missingQuarters } from '../../history/missing-quarters.js';
import { type ClaimLinePayment, createClaimPricer } from '../../payment/claim-payment.js';
import { printJson, usageError, withStore } from '../context.js';

/** `YYYY-MM` of the quarter a date (YYYY-MM-DD) falls in. */
function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}`;
}

interface CheckOptions {
  date?: string;
  modifier?: string[];
  file?: string;
  json?: boolean;
  withPayment?: boolean;
  dose?: string;
}

/** The payment lines of a single check: the limit per billing unit, the units of the dose, or why not. */
export function formatClaimPayment(payment: ClaimLinePayment): string {
  const lines: string[] = [];
  if (payment.paymentLimit !== null)
    lines.push(
      `  payment limit: ${payment.paymentLimit} per ${payment.dosage} (${payment.quarter?.start} to ${payment.quarter?.end}, ${payment.quarter?.dataset})`,
    );
  if (payment.units !== null)
    lines.push(
      `  billing units: ${payment.dose} = ${payment.units} units${payment.billingUnits !== payment.units ? ` (bill ${payment.billingUnits})` : ''}`,
    );
  for (const note of payment.notes) lines.push(`  payment: ${note}`);
  return lines.join('\n');
}

export function formatCheck(result: CheckResult): string {
  const verdict = result.valid ? 'VALID' : `NOT VALID (${result.status})`;
  const lines = [`${result.code} on ${result.date}: ${verdict}`];
  if (result.description) lines.push(`  ${result.description}`);
  for (const reason of result.reasons) lines.push(`  - ${reason}`);
  if (result.replacedBy.length) lines.push(`  replaced by: ${result.replacedBy.join(', ')}`);
  if (result.suggestion) lines.push(`  did you mean: ${result.suggestion}`);
  for (const m of result.modifiers)
    lines.push(`  modifier ${m.code}: ${m.valid ? 'valid' : `not valid (${m.status})`}`);
  if (result.coverage) {
    lines.push(
      `  coverage: ${result.coverage.code} = ${result.coverage.meaning}${result.coverage.payableByMedicare ? '' : ' (not payable by Medicare; validity is separate)'}`,
    );
  }
  // A correction that decided the verdict is in the reasons already; the others change values.
  for (const c of result.corrections) if (c.kind === 'change') lines.push(`  corrected: ${c.message}`);
  lines.push(
    `  answered from release ${result.release ?? '(none)'}; release in effect on ${result.date}: ${result.releaseInEffect ?? '(none imported)'}`,
  );
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text))
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

async function batch(path: string, options: CheckOptions): Promise<void> {
  let input: Readable;
  if (path === '-') input = process.stdin;
  else {
    try {
      await access(path);
    } catch {
      throw new HcpcsError('HCPCS_E_INPUT', `--file ${path}: no such file`);
    }
    input = createReadStream(path);
  }
  const defaultDate = options.date;
  await withStore(async (store) => {
    const output = batchOutput(store, options.json ? 'ndjson' : 'csv', Boolean(options.withPayment));
    if (output.header !== null) await writeOut(`${output.header}\n`);
    const counts = { rows: 0, valid: 0, invalid: 0, errors: 0 };
    const errorLines: number[] = [];
    let chunk = '';
    for await (const row of checkBatch(store, input, {
      source: path === '-' ? 'stdin' : path,
      ...(defaultDate ? { defaultDate } : {}),
    })) {
      counts.rows++;
      if (row.error) {
        counts.errors++;
        if (errorLines.length < 20) errorLines.push(row.line);
        process.stderr.write(`hcpcs: ${row.error}\n`);
      } else if (row.result?.valid) counts.valid++;
      else counts.invalid++;
      chunk += `${output.line(row)}\n`;
      if (chunk.length > 64 * 1024) {
        await writeOut(chunk);
        chunk = '';
      }
    }
    await writeOut(chunk);
    process.stderr.write(
      `hcpcs: checked ${counts.rows} rows: ${counts.valid} valid, ${counts.invalid} not valid, ${counts.errors} malformed${counts.errors ? ` (lines ${errorLines.join(', ')}${counts.errors > errorLines.length ? ', ...' : ''})` : ''}\n`,
    );
  });
}

export async function checkCommand(code: string | undefined, options: CheckOptions): Promise<void> {
  if (options.date !== undefined && !parseServiceDate(options.date)) {
    throw usageError(
      `--date "${options.date}" is not a date: use YYYY-MM-DD (also accepted: YYYYMMDD, MM/DD/YYYY)`,
    );
  }
  if (options.file !== undefined) {
    if (code !== undefined) throw usageError('give either a code or --file, not both');
    if (options.modifier?.length)
      throw usageError('--modifier applies to one code; in --file give a modifiers column');
    if (options.dose !== undefined)
      throw usageError('--dose applies to one code; in --file give a dose column (header "dose")');
    await batch(options.file, options);
    return;
  }
  if (code === undefined)
    throw usageError('give a code to check (hcpcs check J1412 --date 2024-01-15) or --file claims.csv');
  const withPayment = Boolean(options.withPayment || options.dose !== undefined);
  const { result, missing, payment } = await withStore((store) => {
    const result = checkCode(store, {
      code,
      ...(options.date ? { date: options.date } : {}),
      modifiers: options.modifier ?? [],
    });
    return {
      result,
      missing: missingQuarters(store.releases().map((r) => r.id)),
      payment: withPayment
        ? createClaimPricer(store)({ code: result.code, date: result.date, dose: options.dose })
        : undefined,
    };
  });
  // The run of quarters not imported around the date of service, when its quarter is one.
  const gap = gapAround(missing, quarterOf(result.date));
  if (options.json) printJson({ ...result, missingQuarters: gap, ...(payment ? { payment } : {}) });
  else {
    process.stdout.write(`${formatCheck(result)}\n`);
    if (payment) process.stdout.write(`${formatClaimPayment(payment)}\n`);
    if (gap.length)
      process.stdout.write(
        `  quarters not imported around ${result.date}: ${describeQuarters(gap)} (between the releases held before and after)\n`,
      );
  }
  if (!result.valid) process.exitCode = 1;
}
