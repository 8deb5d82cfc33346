/**
 * The ASP pricing file's columns, as data: CMS "Payment Allowance Limits for Medicare Part B
 * Drugs", the header row of the XLS and of its "section 508" CSV. This is the only place they live.
 */

/** Header cells in the file's order, compared case-insensitively; `key` names them in the store. */
export const ASP_COLUMNS = [
  { heading: 'HCPCS Code', key: 'code' },
  { heading: 'Short Description', key: 'shortDescription' },
  { heading: 'HCPCS Code Dosage', key: 'dosage' },
  { heading: 'Payment Limit', key: 'paymentLimit' },
  { heading: 'Co-insurance Percentage', key: 'coinsurancePercent' },
  { heading: 'Vaccine AWP%', key: 'vaccineAwpPercent' },
  { heading: 'Vaccine Limit', key: 'vaccineLimit' },
  { heading: 'Blood AWP%', key: 'bloodAwpPercent' },
  { heading: 'Blood limit', key: 'bloodLimit' },
  { heading: 'Clotting Factor', key: 'clottingFactor' },
  { heading: 'Notes', key: 'notes' },
] as const;

export type AspColumnKey = (typeof ASP_COLUMNS)[number]['key'];

/** The columns holding amounts or percentages: each must be a number where not blank. */
export const ASP_NUMERIC_COLUMNS: readonly AspColumnKey[] = [
  'paymentLimit',
  'coinsurancePercent',
  'vaccineAwpPercent',
  'vaccineLimit',
  'bloodAwpPercent',
  'bloodLimit',
  'clottingFactor',
];

/** The banner row stating the quarter: "Effective January 1, 2025 through March 31, 2025". */
export const ASP_PERIOD =
  /^Effective\s+([A-Za-z]+\s+\d{1,2},\s*\d{4})\s+through\s+([A-Za-z]+\s+\d{1,2},\s*\d{4})/i;

/** The DMEPOS and PEN banner row stating the quarter: "January 2025 Fee Schedule". */
export const FEE_SCHEDULE_PERIOD = /^([A-Za-z]+)\s+(\d{4})\s+Fee Schedule/i;
