/** `hcpcs import <path...>`: read releases, store each in one transaction, print what happened. */
import { printJson, withStore } from '../context.js';
import { formatPaymentSummary, readPayments, splitImportPaths, storePayments } from '../import-payments.js';
import { importReleases } from '../import-releases.js';
import { formatReleaseSummary } from '../summary.js';

export async function importCommand(
  paths: string[],
  options: { release?: string; replace?: boolean; force?: boolean; json?: boolean },
): Promise<void> {
  // Payment files (ASP, DMEPOS, PEN) are recognised by content and read first: a bad one stops the
  // import before any release is written.
  const split = splitImportPaths(paths);
  const { results, payments } = await withStore(
    (store) => {
      const work = readPayments(split.payments, store);
      return {
        results: split.releases.length > 0 ? importReleases(store, split.releases, options) : [],
        payments: storePayments(store, work),
      };
    },
    { write: true },
  );
  if (options.json) {
    printJson([
      ...results.map(({ result, summary, forced }) => ({
        outcome: result.outcome,
        ...result.release,
        ...summary,
        ...(forced ? { forced } : {}),
      })),
      ...payments.map(({ dataset, outcome }) => ({ outcome, payment: dataset })),
    ]);
    return;
  }
  for (const payment of payments) process.stdout.write(`${formatPaymentSummary(payment)}\n`);
  for (const { result, summary, forced } of results) {
    process.stdout.write(`${formatReleaseSummary(result.release, result.outcome, summary)}\n`);
    // What --force let through, so that the output says the release may be incomplete.
    for (const reason of forced ?? []) process.stdout.write(`  imported with --force although: ${reason}\n`);
  }
}
