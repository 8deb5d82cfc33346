/**
 * The payment side of a claim line (`hcpcs check --with-payment`, POST /api/check?with-payment=true):
 * the ASP payment limit in effect on the line's date of service and, when the line gives a dose, the
 * dose in the code's billing units (units.ts). A line no imported ASP quarter covers, a code the
 * quarter's file does not list or a dose that cannot be converted leaves those fields blank and says
 * why in `notes`, never an amount from another quarter.
 */
import { HcpcsError } from '../errors.js';
import type { AspRow } from '../ingest/payment/payment-file.js';
import type { PaymentDatasetInfo } from '../store/payment-store.js';
import type { HcpcsStore } from '../store/store.js';
import type { Quarter } from './payment-lookup.js';
import { aspDosageSource, billingUnits, unitsOfDose } from './units.js';

export interface ClaimLine {
  readonly code: string;
  /** ISO date of service. */
  readonly date: string;
  /** The dose given ("250 mg"), when the line has one. */
  readonly dose?: string | undefined;
}

export interface ClaimLinePayment {
  /** The ASP payment limit per billing unit, as the file writes it ("33.122"). */
  readonly paymentLimit: string | null;
  /** The billing unit the limit is per ("1 MG"). */
  readonly dosage: string | null;
  readonly quarter: Quarter | null;
  readonly dose: string | null;
  /** The dose over the billing unit, exactly, and in whole units as billed. */
  readonly units: number | null;
  readonly billingUnits: number | null;
  /** Why a field is blank. */
  readonly notes: readonly string[];
}

/** Columns the payment adds to the batch CSV output, in order (see {@link claimPaymentCells}). */
export const CLAIM_PAYMENT_CSV_COLUMNS = [
  'dose',
  'payment_limit',
  'payment_dosage',
  'payment_quarter',
  'units',
  'billing_units',
  'payment_notes',
] as const;

/**
 * The cells of {@link CLAIM_PAYMENT_CSV_COLUMNS} for a line's payment (blank cells without one);
 * notes joined with ` | ` as the batch's reasons are.
 * @example claimPaymentCells(payment) // ['250 mg', '33.122', '1 MG', 'asp-2025-01_v1', 250, 250, '']
 */
export function claimPaymentCells(payment: ClaimLinePayment | undefined): (string | number)[] {
  if (!payment) return ['', '', '', '', '', '', ''];
  return [
    payment.dose ?? '',
    payment.paymentLimit ?? '',
    payment.dosage ?? '',
    payment.quarter?.dataset ?? '',
    payment.units ?? '',
    payment.billingUnits ?? '',
    payment.notes.join(' | '),
  ];
}

function describe(quarters: readonly PaymentDatasetInfo[]): string {
  return quarters.map((d) => `${d.period.start} to ${d.period.end}`).join(', ');
}

/**
 * A pricer of claim lines over one store: the ASP quarter of each date is looked up once.
 * @example createClaimPricer(store)({ code: 'J1640', date: '2025-02-15', dose: '250 mg' }).billingUnits // 250
 */
export function createClaimPricer(store: HcpcsStore): (line: ClaimLine) => ClaimLinePayment {
  const quarters = store.payments.datasets().filter((d) => d.schedule === 'asp' && !d.superseded);
  const byDate = new Map<string, PaymentDatasetInfo | undefined>();
  const inEffect = (date: string) => {
    if (!byDate.has(date)) byDate.set(date, store.payments.inEffect('asp', date));
    return byDate.get(date);
  };
  return (line) => {
    const code = line.code.trim().toUpperCase();
    const dose = line.dose?.trim() ? line.dose.trim() : null;
    const notes: string[] = [];
    let row: AspRow | undefined;
    const dataset = quarters.length ? inEffect(line.date) : undefined;
    if (quarters.length === 0) notes.push('no ASP pricing file is imported');
    else if (!dataset)
      notes.push(
        `no imported ASP pricing file covers ${line.date}: the imported quarters are ${describe(quarters)}`,
      );
    else {
      row = store.payments.rows(dataset.key, code)[0] as AspRow | undefined;
      if (!row)
        notes.push(`${code} is not in the ASP pricing file in effect on ${line.date} (${dataset.key})`);
    }
    let units: number | null = null;
    let whole: number | null = null;
    if (dose !== null && /^[A-Z0-9]{5}$/.test(code)) {
      try {
        // The ASP row found above gives the billing unit; without one, billingUnits looks further
        // (the long description).
        const answer =
          row && dataset
            ? unitsOfDose(code, dose, row.dosage, aspDosageSource(dataset.key))
            : billingUnits(store, code, dose, line.date);
        units = answer.units;
        whole = answer.billingUnits;
      } catch (error) {
        if (!(error instanceof HcpcsError)) throw error;
        notes.push(error.message);
      }
    }
    return {
      paymentLimit: row?.amounts.paymentLimit ?? null,
      dosage: row?.dosage ?? null,
      quarter:
        row && dataset
          ? { dataset: dataset.key, start: dataset.period.start, end: dataset.period.end }
          : null,
      dose,
      units,
      billingUnits: whole,
      notes,
    };
  };
}
