/**
 * How a code's payment moved across imported quarters, and what changed between two payment
 * quarters of a schedule (new, dropped and changed amounts). Superseded revisions are left out of a
 * code's history: each quarter is read as CMS last issued it.
 */
import { HcpcsError } from '../errors.js';
import type { AspRow, FeeRow } from '../ingest/payment/payment-file.js';
import type { PaymentDatasetInfo, PaymentRow } from '../store/payment-store.js';
import type { HcpcsStore } from '../store/store.js';

export interface PaymentHistoryEntry {
  readonly dataset: string;
  readonly start: string;
  readonly end: string;
  /** Null when the quarter's file does not list the code. */
  readonly paymentLimit: string | null;
  readonly dosage: string | null;
  readonly coinsurancePercent: string | null;
  /** The limit's change from the previous quarter listed, as a number (null for the first). */
  readonly change: number | null;
}

/**
 * The ASP payment limit of a code through every imported quarter, oldest first.
 * @example aspHistory(store, 'J1640').map((e) => e.paymentLimit) // ['33.122']
 */
export function aspHistory(store: HcpcsStore, code: string): PaymentHistoryEntry[] {
  const quarters = store.payments.datasets().filter((d) => d.schedule === 'asp' && !d.superseded);
  let previous: number | null = null;
  return quarters.map((d) => {
    const row = store.payments.rows(d.key, code.toUpperCase())[0] as AspRow | undefined;
    const limit = row?.amounts.paymentLimit ?? null;
    const value = limit !== null && /^\d/.test(limit) ? Number(limit) : null;
    const change = value !== null && previous !== null ? Number((value - previous).toFixed(3)) : null;
    if (value !== null) previous = value;
    return {
      dataset: d.key,
      start: d.period.start,
      end: d.period.end,
      paymentLimit: limit,
      dosage: row?.dosage ?? null,
      coinsurancePercent: row?.amounts.coinsurancePercent ?? null,
      change,
    };
  });
}

export interface PaymentChange {
  readonly key: string;
  /** Field -> [from, to], for the amounts (and dosage) that differ. */
  readonly fields: Readonly<Record<string, readonly [string | null, string | null]>>;
}

export interface PaymentDiff {
  readonly from: string;
  readonly to: string;
  readonly added: readonly string[];
  readonly dropped: readonly string[];
  readonly changed: readonly PaymentChange[];
}

function rowKey(row: PaymentRow): string {
  const fee = 'modifier' in row ? (row as FeeRow) : undefined;
  return [row.code, fee?.modifier, fee?.modifier2].filter(Boolean).join(' ');
}

/** The amounts of a row as flat fields: ASP amounts and dosage; fee ceiling, floor and state fees. */
function amounts(row: PaymentRow): Record<string, string | null> {
  if ('amounts' in row) return { dosage: row.dosage, ...row.amounts };
  const out: Record<string, string | null> = { ceiling: row.ceiling, floor: row.floor };
  for (const [state, fee] of Object.entries(row.fees)) {
    out[`${state} (NR)`] = fee.nonRural;
    out[`${state} (R)`] = fee.rural;
  }
  return out;
}

/** A dataset by key (`asp-2025-01_v1`) or by schedule and quarter (`asp-2025-01`: its latest revision). */
export function resolveDataset(store: HcpcsStore, ref: string): PaymentDatasetInfo {
  const all = store.payments.datasets();
  const found = all.find((d) => d.key === ref) ?? all.filter((d) => `${d.schedule}-${d.id}` === ref).at(-1);
  if (!found) {
    throw new HcpcsError(
      'HCPCS_E_NOT_FOUND',
      `no payment dataset "${ref}": imported are ${all.map((d) => d.key).join(', ') || 'none'}`,
    );
  }
  return found;
}

/**
 * New, dropped and changed amounts between two quarters of one schedule.
 * @example paymentDiff(store, 'asp-2025-01', 'asp-2025-04').changed.length
 */
export function paymentDiff(store: HcpcsStore, fromRef: string, toRef: string): PaymentDiff {
  const from = resolveDataset(store, fromRef);
  const to = resolveDataset(store, toRef);
  if (from.schedule !== to.schedule) {
    throw new HcpcsError(
      'HCPCS_E_USAGE',
      `${from.key} and ${to.key} are of different schedules: compare quarters of one schedule`,
    );
  }
  const before = new Map(store.payments.allRows(from.key).map((r) => [rowKey(r), r]));
  const after = new Map(store.payments.allRows(to.key).map((r) => [rowKey(r), r]));
  const changed: PaymentChange[] = [];
  for (const [key, row] of after) {
    const old = before.get(key);
    if (!old) continue;
    const a = amounts(old);
    const b = amounts(row);
    const fields: Record<string, readonly [string | null, string | null]> = {};
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if ((a[field] ?? null) !== (b[field] ?? null)) fields[field] = [a[field] ?? null, b[field] ?? null];
    }
    if (Object.keys(fields).length > 0) changed.push({ key, fields });
  }
  return {
    from: from.key,
    to: to.key,
    added: [...after.keys()].filter((k) => !before.has(k)),
    dropped: [...before.keys()].filter((k) => !after.has(k)),
    changed,
  };
}
