/**
 * `npm start`: imports every release under HCPCS_RELEASES (default ../shared/cms and
 * ../shared/cms-more, the sample set) into HCPCS_DB,
 * prints a summary per release (releases already imported from the same files are left as they
 * are), then serves the API, FHIR and the pages on PORT (default 8080) until interrupted.
 * `npm start -- --import-only` (or `hcpcs import <path>`) imports without serving.
 */
import { env, openStore, reportError, usageError, withStore } from './context.js';
import { formatPaymentSummary, readPayments, storePayments } from './import-payments.js';
import { importReleases } from './import-releases.js';
import { formatReleaseSummary } from './summary.js';

export async function start(options: { serve: boolean }): Promise<void> {
  const folders = env.releases();
  process.stdout.write(`Importing CMS releases from ${folders.join(', ')} into ${env.db()}\n\n`);
  const paymentFolders = env.payments();
  if (paymentFolders.length > 0)
    process.stdout.write(`Importing CMS payment files from ${paymentFolders.join(', ')}\n\n`);
  await withStore(
    (store) => {
      const payments = readPayments(paymentFolders, store);
      for (const { result, summary } of importReleases(store, folders)) {
        process.stdout.write(`${formatReleaseSummary(result.release, result.outcome, summary)}\n\n`);
      }
      for (const payment of storePayments(store, payments))
        process.stdout.write(`${formatPaymentSummary(payment)}\n\n`);
    },
    { write: true },
  );
  if (!options.serve) return;
  const { serveStore } = await import('./commands/serve.js');
  const port = env.port();
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535)
    throw usageError(`PORT: "${port}" is not a port number (0-65535)`);
  // Served read-only, as `hcpcs serve` does: the import above was the only writer.
  const store = openStore();
  try {
    await serveStore(store, { port: Number(port), hostname: process.env.HOST || '0.0.0.0' });
  } finally {
    store.close();
  }
}

try {
  await start({ serve: !process.argv.includes('--import-only') });
} catch (error) {
  process.exitCode = reportError(error, false);
}
