/**
 * The text of a batch check's rows (`hcpcs check --file`, POST /api/check): CSV with its header row
 * or NDJSON, with or without the payment of each claim line (the ASP limit in effect on its date
 * and its dose in billing units: payment/claim-payment.ts) beside the validity.
 */
import {
  CLAIM_PAYMENT_CSV_COLUMNS,
  type ClaimLinePayment,
  claimPaymentCells,
  createClaimPricer,
} from '../payment/claim-payment.js';
import type { HcpcsStore } from '../store/store.js';
import { BATCH_CSV_COLUMNS, type BatchRow, batchRowToCsv, batchRowToJson } from './check-batch.js';
import { csvRow } from './csv.js';

export interface BatchOutput {
  /** The CSV header line (without line end), or null for NDJSON. */
  readonly header: string | null;
  /** One output line (without line end) for a row. */
  line(row: BatchRow): string;
}

/**
 * The writer of a batch's rows in a format, with the payment columns when asked.
 * @example const out = batchOutput(store, 'csv', true); out.line(row) // '2,J1640,2025-02-15,,true,...,250 mg,33.122,1 MG,asp-2025-01_v1,250,250,'
 */
export function batchOutput(store: HcpcsStore, format: 'csv' | 'ndjson', withPayment: boolean): BatchOutput {
  if (!withPayment) {
    return {
      header: format === 'csv' ? BATCH_CSV_COLUMNS.join(',') : null,
      line: format === 'csv' ? batchRowToCsv : batchRowToJson,
    };
  }
  const price = createClaimPricer(store);
  // A malformed line has no date of service to price on: its payment cells stay blank.
  const payment = (row: BatchRow): ClaimLinePayment | undefined =>
    row.result ? price({ code: row.result.code, date: row.result.date, dose: row.dose }) : undefined;
  if (format === 'csv') {
    return {
      header: [...BATCH_CSV_COLUMNS, ...CLAIM_PAYMENT_CSV_COLUMNS].join(','),
      line: (row) => `${batchRowToCsv(row)},${csvRow(claimPaymentCells(payment(row)))}`,
    };
  }
  return {
    header: null,
    line: (row) => {
      const priced = payment(row);
      return batchRowToJson(row, priced ? { payment: priced } : {});
    },
  };
}
