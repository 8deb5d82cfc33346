/**
 * How a code's payment moved across imported quarters (the ASP payment limit; the DMEPOS / PEN fees
 * per modifier and state), and what changed between two payment quarters of a schedule (new,
 * dropped and changed amounts). Superseded revisions are left out of a code's history: each quarter
 * is read as CMS last issued it.
 */
import { HcpcsError } from '../errors.js';
import type { AspRow, FeeRow, StateFee } from '../ingest/payment/payment-file.js';
import type { PaymentDatasetInfo, PaymentRow } from '../store/payment-store.js';
import type { HcpcsStore } from '../store/store.js';
import { paymentQuery } from './payment-lookup.js';

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

export interface FeeHistoryQuery {
  /** Only this state's fees (a DMEPOS state code, e.g. CA). */
  readonly state?: string | undefined;
  /** Only the rows with this modifier (first or second). */
  readonly modifier?: string | undefined;
}

/** One amount of a fee row that differs from the previous quarter listing the row. */
export interface FeeChange {
  /** `ceiling`, `floor`, or a state's fee: `CA (NR)` non-rural, `CA (R)` rural (the file's heading). */
  readonly field: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface FeeHistoryQuarter {
  readonly dataset: string;
  readonly start: string;
  readonly end: string;
  /** False when the quarter's file does not list the code with these modifiers. */
  readonly listed: boolean;
  readonly ceiling: string | null;
  readonly floor: string | null;
  /** The state fees (only the asked state's with `state`). */
  readonly fees: Readonly<Record<string, StateFee>>;
  /** What moved since the previous quarter listing the row (empty for the first). */
  readonly changes: readonly FeeChange[];
}

/** One fee row of a code (its modifiers) through the imported quarters of its schedule. */
export interface FeeHistorySeries {
  readonly schedule: 'dmepos' | 'pen';
  /** `E0776 NU`: the code and its modifiers, as the payment diff names rows. */
  readonly key: string;
  readonly modifiers: readonly string[];
  readonly quarters: readonly FeeHistoryQuarter[];
}

function feeAmounts(row: FeeRow, state: string | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = { ceiling: row.ceiling, floor: row.floor };
  for (const [code, fee] of Object.entries(row.fees)) {
    if (state !== undefined && code !== state) continue;
    out[`${code} (NR)`] = fee.nonRural;
    out[`${code} (R)`] = fee.rural;
  }
  return out;
}

/**
 * The DMEPOS and PEN fees of a code through every imported quarter, oldest first: one series per
 * fee row (code and modifiers), each quarter with its amounts and what moved since the previous
 * quarter that listed the row.
 * @example feeHistory(store, 'E0776', { state: 'CA', modifier: 'NU' })[0]?.quarters[0]?.fees.CA // { nonRural: '178.89', rural: '180.96' }
 */
export function feeHistory(store: HcpcsStore, code: string, query: FeeHistoryQuery = {}): FeeHistorySeries[] {
  const normal = code.trim().toUpperCase();
  const state = query.state?.trim().toUpperCase();
  const modifier = query.modifier?.trim().toUpperCase();
  const series: FeeHistorySeries[] = [];
  for (const schedule of ['dmepos', 'pen'] as const) {
    const quarters = store.payments.datasets().filter((d) => d.schedule === schedule && !d.superseded);
    const byQuarter = quarters.map((d) => ({
      dataset: d,
      rows: new Map(
        (store.payments.rows(d.key, normal) as FeeRow[])
          .filter((r) => modifier === undefined || r.modifier === modifier || r.modifier2 === modifier)
          .map((r) => [rowKey(r), r]),
      ),
    }));
    const keys = [...new Set(byQuarter.flatMap((q) => [...q.rows.keys()]))];
    for (const key of keys) {
      let previous: Record<string, string | null> | undefined;
      let modifiers: string[] = [];
      const entries = byQuarter.map(({ dataset, rows }): FeeHistoryQuarter => {
        const row = rows.get(key);
        const base = { dataset: dataset.key, start: dataset.period.start, end: dataset.period.end };
        if (!row) return { ...base, listed: false, ceiling: null, floor: null, fees: {}, changes: [] };
        modifiers = [row.modifier, row.modifier2].filter((m): m is string => m !== null);
        const now = feeAmounts(row, state);
        const before = previous;
        const changes = before
          ? [...new Set([...Object.keys(before), ...Object.keys(now)])]
              .filter((field) => (before[field] ?? null) !== (now[field] ?? null))
              .map((field) => ({ field, from: before[field] ?? null, to: now[field] ?? null }))
          : [];
        previous = now;
        const fees = Object.fromEntries(
          Object.entries(row.fees).filter(([s]) => state === undefined || s === state),
        );
        return { ...base, listed: true, ceiling: row.ceiling, floor: row.floor, fees, changes };
      });
      series.push({ schedule, key, modifiers, quarters: entries });
    }
  }
  return series;
}

/**
 * One quarter of a fee series in words: "not listed"; its state's fees (with `state`), or its
 * ceiling, floor and count of state fees where the series starts; then what moved since the
 * previous quarter listing it ("CA (NR) 178.89 -> 181.00", "no change"), at most `maxChanges`.
 * @example describeFeeQuarter(series.quarters[1], true) // 'CA (NR) 178.89 -> 181.00'
 */
export function describeFeeQuarter(
  quarter: FeeHistoryQuarter,
  listedBefore: boolean,
  maxChanges = Number.POSITIVE_INFINITY,
): string {
  if (!quarter.listed) return 'not listed';
  const parts: string[] = [];
  const states = Object.entries(quarter.fees);
  if (states.length === 1) {
    const [state, fee] = states[0] as [string, StateFee];
    parts.push(`${state} ${fee.nonRural} non-rural, ${fee.rural} rural`);
  } else if (!listedBefore) {
    // PEN rows have no ceiling and floor (its file has no such columns).
    const bounds =
      quarter.ceiling === null ? '' : `ceiling ${quarter.ceiling}, floor ${quarter.floor ?? '(blank)'}, `;
    parts.push(`${bounds}${states.length} state fees`);
  }
  if (listedBefore) {
    const shown = quarter.changes.slice(0, maxChanges);
    const more = quarter.changes.length - shown.length;
    parts.push(
      quarter.changes.length === 0
        ? 'no change'
        : `${shown.map((c) => `${c.field} ${c.from ?? '(blank)'} -> ${c.to ?? '(blank)'}`).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
  return parts.join('; ');
}

/** A code's payment through the imported quarters: the ASP limit (when any quarter lists it) and the fees. */
export interface PaymentHistory {
  readonly code: string;
  readonly asp: readonly PaymentHistoryEntry[];
  readonly fees: readonly FeeHistorySeries[];
}

/**
 * The ASP and fee-schedule history of a code; `asp` is empty when no imported ASP quarter lists it.
 * @example paymentHistory(store, 'J1640').asp.map((e) => e.paymentLimit) // ['33.122', '34.015']
 */
export function paymentHistory(store: HcpcsStore, code: string, query: FeeHistoryQuery = {}): PaymentHistory {
  const q = paymentQuery(code, { state: query.state, modifier: query.modifier });
  const asp = aspHistory(store, q.code);
  return {
    code: q.code,
    asp: asp.some((e) => e.paymentLimit !== null) ? asp : [],
    fees: feeHistory(store, q.code, q),
  };
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
  return feeAmounts(row, undefined);
}

/**
 * A payment dataset as `hcpcs releases --payments --json` and GET /api/payments list it: its kind
 * (schedule), quarter, revision, rows and each source file with its sha256.
 * @example paymentDatasetJson(store.payments.datasets()[0]).quarter // '2025-01'
 */
export function paymentDatasetJson(dataset: PaymentDatasetInfo) {
  return {
    key: dataset.key,
    kind: dataset.schedule,
    quarter: dataset.id,
    revision: dataset.revision,
    superseded: dataset.superseded,
    period: dataset.period,
    importedAt: dataset.importedAt,
    rows: dataset.rows,
    files: dataset.files,
  };
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
