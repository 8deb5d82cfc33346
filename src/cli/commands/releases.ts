/**
 * `hcpcs releases`: what is imported, with source files, sha256 and counts: the code releases, then
 * the payment datasets (ASP, DMEPOS, PEN quarters). `--json` keeps its array of code releases (its
 * contract); `--payments` lists the payment datasets alone (an array with `--json`).
 */

import { paymentDatasetJson } from '../../payment/payment-history.js';
import { printJson, withStore } from '../context.js';
import { formatPaymentSummary } from '../import-payments.js';
import { formatReleaseSummary } from '../summary.js';

export async function releasesCommand(options: { json?: boolean; payments?: boolean }): Promise<void> {
  const { releases, payments } = await withStore((store) => ({
    // Why a release's own record layout file was not compared with ours, kept from its import.
    releases: store
      .releases()
      .map((r) => ({ ...r, layoutNotCompared: store.release(r.key)?.layoutNotCompared ?? null })),
    payments: store.payments.datasets(),
  }));
  if (options.payments) {
    if (options.json) printJson(payments.map(paymentDatasetJson));
    else
      process.stdout.write(
        payments.length
          ? `${payments.map((dataset) => formatPaymentSummary({ dataset })).join('\n\n')}\n`
          : 'no payment file imported yet: hcpcs import <folder of CMS ASP / DMEPOS files>\n',
      );
    return;
  }
  if (options.json) {
    printJson(releases);
    return;
  }
  if (releases.length === 0 && payments.length === 0) {
    process.stdout.write('no release imported yet: hcpcs import <path>\n');
    return;
  }
  const parts = releases.map((r) => formatReleaseSummary(r));
  if (payments.length)
    parts.push(
      `Payment datasets:\n\n${payments.map((dataset) => formatPaymentSummary({ dataset })).join('\n\n')}`,
    );
  process.stdout.write(`${parts.join('\n\n')}\n`);
}
