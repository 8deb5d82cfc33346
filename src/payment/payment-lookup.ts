/**
 * What Medicare pays for a code on a date: the ASP payment limit per billing unit (Part B drugs)
 * and the DMEPOS / PEN fees per state, non-rural and rural, by modifier, each from the quarter in
 * effect on that date. A date no imported quarter holds is said so, never answered from another
 * quarter. Amounts are the files' text; categories, jurisdictions, modifiers and states decoded
 * from the DMEPOS read-me (layout/dmepos-readme.ts).
 */
import { HcpcsError } from '../errors.js';
import type { AspRow, FeeRow, PaymentSchedule, StateFee } from '../ingest/payment/payment-file.js';
import {
  DMEPOS_CATEGORIES,
  DMEPOS_JURISDICTIONS,
  DMEPOS_MODIFIERS,
  DMEPOS_STATES,
} from '../layout/dmepos-readme.js';
import type { PaymentDatasetInfo } from '../store/payment-store.js';
import type { HcpcsStore } from '../store/store.js';

export interface PaymentQuery {
  /** ISO date of service; the latest imported quarter when absent. */
  readonly date?: string | undefined;
  readonly state?: string | undefined;
  readonly modifier?: string | undefined;
  readonly rural?: boolean | undefined;
}

export interface Quarter {
  readonly dataset: string;
  readonly start: string;
  readonly end: string;
}

export interface AspPayment {
  readonly quarter: Quarter;
  /** The billing unit the limit is per ("1 MG"): ASP "HCPCS Code Dosage". */
  readonly dosage: string;
  readonly paymentLimit: string;
  /** The file's text ("19.200") and the percentage as a number (19.2). */
  readonly coinsurancePercent: string | null;
  readonly coinsurance: number | null;
  readonly vaccineAwpPercent: string | null;
  readonly vaccineLimit: string | null;
  readonly bloodAwpPercent: string | null;
  readonly bloodLimit: string | null;
  readonly clottingFactor: string | null;
  readonly notes: string | null;
  /** Null for CPT codes: their descriptors are the AMA's and never shown. */
  readonly shortDescription: string | null;
}

export interface Decoded {
  readonly code: string;
  readonly label: string | null;
}

export interface StateAmount extends StateFee {
  readonly state: string;
  readonly name: string;
  /** The fee that applies: rural with `rural`, non-rural otherwise. */
  readonly fee: string;
}

export interface FeePayment {
  readonly schedule: 'dmepos' | 'pen';
  readonly quarter: Quarter;
  readonly modifiers: readonly Decoded[];
  readonly jurisdiction: Decoded | null;
  readonly category: Decoded | null;
  readonly ceiling: string | null;
  readonly floor: string | null;
  readonly description: string | null;
  readonly states: readonly StateAmount[];
}

export interface PaymentAnswer {
  readonly code: string;
  readonly date: string | null;
  readonly state: string | null;
  readonly modifier: string | null;
  readonly rural: boolean;
  readonly asp: AspPayment | null;
  readonly fees: readonly FeePayment[];
  /** What could not be answered and why (no quarter imported for the date, code not listed). */
  readonly notes: readonly string[];
}

const SCHEDULE_NAMES: Readonly<Record<PaymentSchedule, string>> = {
  asp: 'ASP pricing file',
  dmepos: 'DMEPOS fee schedule',
  pen: 'PEN fee schedule',
};

function usage(message: string): HcpcsError {
  return new HcpcsError('HCPCS_E_USAGE', message);
}

/** Checks and normalises the query; a bad value is a usage error naming the parameter. */
export function paymentQuery(code: string, query: PaymentQuery): { code: string } & PaymentQuery {
  const normal = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{5}$/.test(normal))
    throw usage(`code: "${code.slice(0, 40)}" is not a 5-character HCPCS code (J1640)`);
  const date = query.date?.trim();
  if (
    date !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
  ) {
    throw usage(`date: "${date.slice(0, 40)}" is not a date YYYY-MM-DD (2025-02-15)`);
  }
  const state = query.state?.trim().toUpperCase();
  if (state !== undefined && !(state in DMEPOS_STATES)) {
    throw usage(
      `state: "${state.slice(0, 40)}" is not a state of the DMEPOS fee schedule (${Object.keys(DMEPOS_STATES).join(', ')})`,
    );
  }
  const modifier = query.modifier?.trim().toUpperCase();
  if (modifier !== undefined && !/^[A-Z0-9]{2}$/.test(modifier)) {
    throw usage(`modifier: "${modifier.slice(0, 40)}" is not a two-character modifier (NU, RR, UE)`);
  }
  return { code: normal, date, state, modifier, rural: Boolean(query.rural) };
}

function quarterOf(dataset: PaymentDatasetInfo): Quarter {
  return { dataset: dataset.key, start: dataset.period.start, end: dataset.period.end };
}

function percent(text: string | null): number | null {
  return text === null || !/^-?\d+(\.\d+)?$/.test(text) ? null : Number(text);
}

function aspPayment(row: AspRow, dataset: PaymentDatasetInfo): AspPayment {
  return {
    quarter: quarterOf(dataset),
    dosage: row.dosage,
    paymentLimit: row.amounts.paymentLimit ?? '',
    coinsurancePercent: row.amounts.coinsurancePercent,
    coinsurance: percent(row.amounts.coinsurancePercent),
    vaccineAwpPercent: row.amounts.vaccineAwpPercent,
    vaccineLimit: row.amounts.vaccineLimit,
    bloodAwpPercent: row.amounts.bloodAwpPercent,
    bloodLimit: row.amounts.bloodLimit,
    clottingFactor: row.amounts.clottingFactor,
    notes: row.notes,
    shortDescription: /^\d/.test(row.code) ? null : row.shortDescription,
  };
}

function decode(code: string | null, table: Readonly<Record<string, string>>): Decoded | null {
  return code === null ? null : { code, label: table[code] ?? null };
}

function feePayment(
  schedule: 'dmepos' | 'pen',
  row: FeeRow,
  dataset: PaymentDatasetInfo,
  query: PaymentQuery,
): FeePayment {
  const states = Object.entries(row.fees)
    .filter(([state]) => query.state === undefined || state === query.state)
    .map(([state, fee]) => ({
      state,
      name: DMEPOS_STATES[state] ?? state,
      ...fee,
      fee: query.rural ? fee.rural : fee.nonRural,
    }));
  return {
    schedule,
    quarter: quarterOf(dataset),
    modifiers: [row.modifier, row.modifier2]
      .filter((m): m is string => m !== null)
      .map((m) => decode(m, DMEPOS_MODIFIERS) as Decoded),
    jurisdiction: decode(row.jurisdiction, DMEPOS_JURISDICTIONS),
    category: decode(row.category, DMEPOS_CATEGORIES),
    ceiling: row.ceiling,
    floor: row.floor,
    description: row.description,
    states,
  };
}

/**
 * The payment answer for a code (see {@link PaymentAnswer}).
 * @example paymentFor(store, 'J1640', { date: '2025-02-15' }).asp?.paymentLimit // '33.122'
 */
export function paymentFor(store: HcpcsStore, code: string, query: PaymentQuery = {}): PaymentAnswer {
  const q = paymentQuery(code, query);
  const payments = store.payments;
  const held = payments.datasets();
  if (held.length === 0) {
    throw new HcpcsError(
      'HCPCS_E_NOT_FOUND',
      'no payment files are imported: run hcpcs import <folder of CMS ASP / DMEPOS files> (npm start imports HCPCS_PAYMENTS)',
    );
  }
  const notes: string[] = [];
  let asp: AspPayment | null = null;
  const fees: FeePayment[] = [];
  let inEffect = 0;
  for (const schedule of ['asp', 'dmepos', 'pen'] as const) {
    const quarters = held.filter((d) => d.schedule === schedule && !d.superseded);
    if (quarters.length === 0) continue;
    const dataset = payments.inEffect(schedule, q.date);
    if (!dataset) {
      notes.push(
        `no imported ${SCHEDULE_NAMES[schedule]} covers ${q.date}: the imported quarters are ${quarters.map((d) => `${d.period.start} to ${d.period.end}`).join(', ')}`,
      );
      continue;
    }
    inEffect++;
    const rows = payments.rows(dataset.key, q.code);
    if (schedule === 'asp') {
      const row = rows[0] as AspRow | undefined;
      if (row) asp = aspPayment(row, dataset);
      continue;
    }
    const matching = (rows as FeeRow[]).filter(
      (r) => q.modifier === undefined || r.modifier === q.modifier || r.modifier2 === q.modifier,
    );
    if (rows.length > 0 && matching.length === 0) {
      notes.push(
        `${q.code} has no ${SCHEDULE_NAMES[schedule]} fee with modifier ${q.modifier} in ${dataset.id}: its modifiers are ${[...new Set(rows.map((r) => [(r as FeeRow).modifier, (r as FeeRow).modifier2].filter(Boolean).join(' ') || '(none)'))].join(', ')}`,
      );
    }
    for (const row of matching) fees.push(feePayment(schedule, row, dataset, q));
  }
  if (inEffect === 0) {
    throw new HcpcsError(
      'HCPCS_E_NOT_FOUND',
      `no imported payment quarter covers ${q.date}: ${notes.join('; ')}`,
    );
  }
  if (!asp && fees.length === 0 && notes.length === 0) {
    notes.push(`${q.code} is in no imported payment file in effect${q.date ? ` on ${q.date}` : ''}`);
  }
  return {
    code: q.code,
    date: q.date ?? null,
    state: q.state ?? null,
    modifier: q.modifier ?? null,
    rural: Boolean(q.rural),
    asp,
    fees,
    notes,
  };
}
