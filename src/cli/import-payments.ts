/**
 * The payment side of `hcpcs import` and `npm start`: which of the named paths hold CMS payment
 * files (recognised by content), reading them into datasets (every file checked before anything
 * is written), storing them in one transaction, and the summary printed per dataset.
 */
import { inputError } from '../errors.js';
import { type PaymentDataset, readPaymentDatasets } from '../ingest/payment/payment-datasets.js';
import { looksLikePaymentFile, PAYMENT_FILE_NAME } from '../ingest/payment/payment-file.js';
import { gatherSources } from '../ingest/sources.js';
import type { PaymentImportResult } from '../store/payment-store.js';
import type { HcpcsStore } from '../store/store.js';

/** Files a payment folder may hold beside the tables: CMS's read-me PDFs (DMEREAD, DMEBACK), a README. */
const PAYMENT_COMPANION = /\.(pdf|md)$|(^|[/!])read ?me[^/]*$/i;

/**
 * Sorts import paths: those holding payment files (and at most their PDF read-mes) and the others
 * (code releases). A path mixing both is refused: each is imported from its own folder or zip.
 */
export function splitImportPaths(paths: readonly string[]): { payments: string[]; releases: string[] } {
  const payments: string[] = [];
  const releases: string[] = [];
  for (const path of paths) {
    const files = gatherSources([path]);
    const payment = files.filter((f) => looksLikePaymentFile(f.bytes, f.name));
    if (payment.length === 0) {
      releases.push(path);
      continue;
    }
    const other = files.find((f) => !payment.includes(f) && !PAYMENT_COMPANION.test(f.name));
    if (other) {
      throw inputError(
        `holds CMS payment files (${payment[0]?.path}) and other files (${other.path}): import payment files and code releases from separate folders or zips`,
        { file: path },
      );
    }
    payments.push(path);
  }
  return { payments, releases };
}

/** What an import found: datasets read, or the keys of those already held from the same files. */
export type PaymentWork = { readonly read: PaymentDataset[] } | { readonly held: string[] };

/**
 * Reads the payment files under the paths, checked whole; nothing is written. When every payment
 * file there is already held (the same sha256), nothing is read again: `npm start` on the same
 * folder costs a hash of the files, not a parse of the DMEPOS workbook (seconds).
 */
export function readPayments(paths: readonly string[], store: HcpcsStore): PaymentWork {
  if (paths.length === 0) return { read: [] };
  const candidates = gatherSources(paths).filter((f) => PAYMENT_FILE_NAME.test(f.name));
  const held = candidates.map((f) => store.payments.datasetOfFile(f.sha256));
  if (candidates.length > 0 && held.every((key) => key !== undefined))
    return { held: [...new Set(held as string[])] };
  return { read: readPaymentDatasets(paths) };
}

export function storePayments(store: HcpcsStore, work: PaymentWork): PaymentImportResult[] {
  if ('held' in work) {
    return work.held.flatMap((key) => {
      const dataset = store.payments.dataset(key);
      return dataset ? [{ dataset, outcome: 'unchanged' as const }] : [];
    });
  }
  return work.read.length === 0 ? [] : store.payments.importDatasets(work.read);
}

const SCHEDULE_NAMES = {
  asp: 'ASP drug pricing',
  dmepos: 'DMEPOS fee schedule',
  pen: 'PEN fee schedule',
} as const;

/** An import's outcome per dataset, or (without `outcome`) a dataset held, as `hcpcs releases` lists it. */
export function formatPaymentSummary({
  dataset,
  outcome,
}: {
  readonly dataset: PaymentImportResult['dataset'];
  readonly outcome?: PaymentImportResult['outcome'];
}): string {
  return [
    `${dataset.key}${outcome ? ` ${outcome}` : ''}${dataset.superseded ? ' (superseded by a later revision)' : ''}: ${SCHEDULE_NAMES[dataset.schedule]} ${dataset.id}, revision ${dataset.revision}, ${dataset.period.start} to ${dataset.period.end}`,
    `  rows ${dataset.rows}`,
    '  source files:',
    ...dataset.files.map((f) => `    ${String(f.rows).padStart(6)} rows ${f.sha256.slice(0, 16)}  ${f.path}`),
  ].join('\n');
}
