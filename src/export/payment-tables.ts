/**
 * The imported payment quarters as analysts' tables, beside the code tables: every quarter of the
 * ASP pricing file and of the DMEPOS / PEN fee schedules (every revision, `superseded` marking the
 * replaced ones), the ASP payment limits per billing unit, and the DMEPOS / PEN fees one row per
 * state. Amounts are exact decimals (the file's text; CMS writes at most three decimals), dates of
 * the quarter as dates on every row, so "the limit in effect on a date" is one range condition.
 * Read through the store's payment datasets, as `hcpcs payment` reads them.
 */
import type { AspRow, FeeRow } from '../ingest/payment/payment-file.js';
import {
  DMEPOS_CATEGORIES,
  DMEPOS_JURISDICTIONS,
  DMEPOS_MODIFIERS,
  DMEPOS_STATES,
} from '../layout/dmepos-readme.js';
import type { PaymentDatasetInfo } from '../store/payment-store.js';
import type { HcpcsStore } from '../store/store.js';
import { type CellValue, type ColumnSpec, col, type TableSpec } from './table-spec.js';

/** The columns every payment row carries: which quarter (and revision) it is of, and its dates. */
const QUARTER_COLUMNS: readonly ColumnSpec[] = [
  col('quarter', 'text', false, 'payment_quarters.key: schedule, quarter and revision, e.g. asp-2025-01_v1'),
  col('effective_from', 'date', false, 'first day of the quarter the file covers'),
  col('effective_to', 'date', false, 'last day of that quarter'),
  col(
    'superseded',
    'boolean',
    false,
    'a later revision of the same quarter is imported (hcpcs payment answers from the latest)',
  ),
];

export const PAYMENT_QUARTERS_TABLE: TableSpec = {
  name: 'payment_quarters',
  description:
    'every imported quarter of the CMS payment files (ASP pricing, DMEPOS and PEN fee schedules), every revision',
  primaryKey: ['key'],
  columns: [
    col('key', 'text', false, 'schedule, quarter and revision, e.g. asp-2025-01_v1'),
    col('schedule', 'text', false, 'asp (ASP pricing file), dmepos or pen (fee schedules)'),
    col('id', 'text', false, 'YYYY-MM of the quarter'),
    col('revision', 'integer', false, 'revision of the quarter (1 = first imported)'),
    col('superseded', 'boolean', false, 'a later revision of the same quarter is imported'),
    col('effective_from', 'date', false, 'first day of the quarter, as the file states it'),
    col('effective_to', 'date', false, 'last day of the quarter'),
    col('imported_at', 'timestamp', false, 'when hcpcs imported it'),
    col('row_count', 'integer', false, 'rows of the file (one per code, or per code and modifiers)'),
    col('source_files', 'text[]', false, 'the files read, with their sha256: "name sha256"'),
  ],
};

const amount = (name: string, description: string) =>
  col(name, 'decimal', true, `${description}; null where the file leaves it blank`);

export const ASP_LIMITS_TABLE: TableSpec = {
  name: 'asp_limits',
  description:
    'ASP pricing file: the Medicare Part B drug payment allowance limit per billing unit, one row per code and quarter',
  primaryKey: ['quarter', 'code'],
  columns: [
    ...QUARTER_COLUMNS,
    col('code', 'text', false, 'HCPCS code (Level II, or a CPT vaccine or immune globulin code)'),
    col(
      'short_description',
      'text',
      true,
      "the file's short description; null for CPT codes (AMA descriptors are never kept)",
    ),
    col('dosage', 'text', false, 'the billing unit the limit is per ("HCPCS Code Dosage", e.g. 1 MG)'),
    col(
      'payment_limit',
      'decimal',
      true,
      'payment limit per billing unit; null where the file writes N/A (no limit: see notes)',
    ),
    amount('coinsurance_percent', 'co-insurance percentage'),
    amount('vaccine_awp_percent', 'vaccine AWP percentage'),
    amount('vaccine_limit', 'vaccine limit'),
    amount('blood_awp_percent', 'blood AWP percentage'),
    amount('blood_limit', 'blood limit'),
    amount('clotting_factor', 'clotting factor furnishing fee'),
    col('notes', 'text', true, "the file's notes"),
    col('file_row', 'integer', false, 'row of the CMS file'),
  ],
};

export const FEES_TABLE: TableSpec = {
  name: 'dmepos_fees',
  description:
    'DMEPOS and PEN fee schedules: the fee per state, non-rural and rural, one row per code, modifiers, state and quarter',
  primaryKey: ['quarter', 'file_row', 'state'],
  columns: [
    ...QUARTER_COLUMNS,
    col('schedule', 'text', false, 'dmepos or pen'),
    col('code', 'text', false, 'HCPCS code'),
    col('modifier', 'text', true, 'first modifier (labels: dmepos_fees.modifier), null when none'),
    col('modifier2', 'text', true, 'second modifier, when two apply'),
    col('jurisdiction', 'text', true, 'JURIS (labels: dmepos_fees.jurisdiction); null in PEN'),
    col('category', 'text', true, 'CATG (labels: dmepos_fees.category); null in PEN'),
    amount('ceiling', 'ceiling'),
    amount('floor', 'floor'),
    col('state', 'text', false, 'state or territory (labels: dmepos_fees.state)'),
    col('non_rural', 'decimal', false, 'non-rural fee, the "(NR)" column'),
    col('rural', 'decimal', false, 'rural fee, the "(R)" column'),
    col('description', 'text', true, "the file's description"),
    col('file_row', 'integer', false, 'row of the CMS file'),
  ],
};

export const PAYMENT_TABLES: readonly TableSpec[] = [PAYMENT_QUARTERS_TABLE, ASP_LIMITS_TABLE, FEES_TABLE];

/** Code tables of the fee schedules' coded columns (the DMEPOS read-me), for the labels table. */
export const PAYMENT_LABELS: readonly {
  field: string;
  codeTable: string;
  entries: Readonly<Record<string, string>>;
}[] = [
  {
    field: 'dmepos_fees.jurisdiction',
    codeTable: 'DMEPOS read-me JURISDICTION',
    entries: DMEPOS_JURISDICTIONS,
  },
  { field: 'dmepos_fees.category', codeTable: 'DMEPOS read-me CATEGORY', entries: DMEPOS_CATEGORIES },
  { field: 'dmepos_fees.modifier', codeTable: 'DMEPOS read-me MODIFIER', entries: DMEPOS_MODIFIERS },
  { field: 'dmepos_fees.state', codeTable: 'DMEPOS read-me state columns', entries: DMEPOS_STATES },
];

/** An amount as the file writes it; "N/A" (no limit applies) and blanks as null. */
function decimal(text: string | null | undefined): string | null {
  return text && /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

function quarterCells(dataset: PaymentDatasetInfo): CellValue[] {
  return [dataset.key, dataset.period.start, dataset.period.end, dataset.superseded];
}

function aspCells(dataset: PaymentDatasetInfo, row: AspRow): CellValue[] {
  const a = row.amounts;
  return [
    ...quarterCells(dataset),
    row.code,
    // CPT codes (Level I: five digits) carry the AMA's descriptors: never exported.
    /^\d/.test(row.code) ? null : row.shortDescription,
    row.dosage,
    decimal(a.paymentLimit),
    decimal(a.coinsurancePercent),
    decimal(a.vaccineAwpPercent),
    decimal(a.vaccineLimit),
    decimal(a.bloodAwpPercent),
    decimal(a.bloodLimit),
    decimal(a.clottingFactor),
    row.notes,
    row.row,
  ];
}

function feeCells(dataset: PaymentDatasetInfo, row: FeeRow): CellValue[][] {
  return Object.entries(row.fees).map(([state, fee]) => [
    ...quarterCells(dataset),
    dataset.schedule,
    row.code,
    row.modifier,
    row.modifier2,
    row.jurisdiction,
    row.category,
    decimal(row.ceiling),
    decimal(row.floor),
    state,
    decimal(fee.nonRural),
    decimal(fee.rural),
    row.description,
    row.row,
  ]);
}

/** The rows of the three payment tables (empty when no payment file is imported). */
export function paymentRows(store: HcpcsStore): {
  quarters: CellValue[][];
  asp: CellValue[][];
  fees: CellValue[][];
} {
  const payments = store.payments;
  const quarters: CellValue[][] = [];
  const asp: CellValue[][] = [];
  const fees: CellValue[][] = [];
  for (const dataset of payments.datasets()) {
    quarters.push([
      dataset.key,
      dataset.schedule,
      dataset.id,
      dataset.revision,
      dataset.superseded,
      dataset.period.start,
      dataset.period.end,
      dataset.importedAt,
      dataset.rows,
      dataset.files.map((f) => `${f.name} ${f.sha256}`),
    ]);
    for (const row of payments.allRows(dataset.key)) {
      if (dataset.schedule === 'asp') asp.push(aspCells(dataset, row as AspRow));
      else fees.push(...feeCells(dataset, row as FeeRow));
    }
  }
  return { quarters, asp, fees };
}
