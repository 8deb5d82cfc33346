/**
 * Billing units of a dose: how many of the code's dosage units ("J1640 Hemin, 1 mg": per 1 MG) a
 * dose is. The dosage comes from the ASP file's "HCPCS Code Dosage" of the quarter in effect, else
 * from the code's long description ("..., per 10 mg", "..., 1 mg"). Units of another kind (a volume
 * for a per-mg code) or a dosage that is not one fixed amount ("Less than or equal to 100 MG") are
 * refused: guessing a conversion would bill the wrong amount.
 */
import { HcpcsError } from '../errors.js';
import type { AspRow } from '../ingest/payment/payment-file.js';
import { ASP_COLUMNS } from '../layout/asp-file.js';
import type { HcpcsStore } from '../store/store.js';

/** Each unit's kind and its size in the kind's base unit (mg, ml, unit, IU, each). */
const UNITS: Readonly<Record<string, { kind: string; factor: number; name: string }>> = {
  mcg: { kind: 'mass', factor: 0.001, name: 'MCG' },
  microgram: { kind: 'mass', factor: 0.001, name: 'MCG' },
  micrograms: { kind: 'mass', factor: 0.001, name: 'MCG' },
  ug: { kind: 'mass', factor: 0.001, name: 'MCG' },
  mg: { kind: 'mass', factor: 1, name: 'MG' },
  g: { kind: 'mass', factor: 1000, name: 'G' },
  gm: { kind: 'mass', factor: 1000, name: 'G' },
  ml: { kind: 'volume', factor: 1, name: 'ML' },
  cc: { kind: 'volume', factor: 1, name: 'ML' },
  l: { kind: 'volume', factor: 1000, name: 'L' },
  unit: { kind: 'units', factor: 1, name: 'UNITS' },
  units: { kind: 'units', factor: 1, name: 'UNITS' },
  u: { kind: 'units', factor: 1, name: 'UNITS' },
  iu: { kind: 'international units', factor: 1, name: 'IU' },
  'i.u.': { kind: 'international units', factor: 1, name: 'IU' },
  each: { kind: 'each', factor: 1, name: 'EACH' },
};

export interface Quantity {
  readonly amount: number;
  readonly unit: string;
}

const QUANTITY = /^(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([a-z.]+)$/i;

/** "250 mg" -> {amount: 250, unit: 'mg'}; undefined when not an amount and a known unit. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  const unit = match?.[2]?.toLowerCase();
  if (!match || !unit || !(unit in UNITS)) return undefined;
  return { amount: Number((match[1] as string).replace(/,/g, '')), unit };
}

/** The dosage a long description states: its last "per 10 mg" or ", 1 mg". */
export function dosageOfDescription(description: string): Quantity | undefined {
  const matches = [
    ...description.matchAll(
      /(?:per|,)\s*((?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*(?:mcg|mg|gm|g|ml|cc|units?|iu)\b)/gi,
    ),
  ];
  const last = matches[matches.length - 1];
  return last ? parseQuantity(last[1] as string) : undefined;
}

export interface UnitsAnswer {
  readonly code: string;
  readonly dose: string;
  /** The code's billing unit, as its source writes it ("1 MG"). */
  readonly dosage: string;
  readonly source: string;
  /** Dose over dosage, exactly. */
  readonly units: number;
  /** Whole billing units: CMS bills units of service in whole numbers, a part unit counting as one. */
  readonly billingUnits: number;
}

function usage(message: string): HcpcsError {
  return new HcpcsError('HCPCS_E_USAGE', message);
}

/** The dose as an amount and a unit, or a usage error naming the units it may be in. */
function requireDose(dose: string): NonNullable<ReturnType<typeof parseQuantity>> {
  const given = parseQuantity(dose);
  if (!given) {
    throw usage(
      `dose: "${dose.slice(0, 40)}" is not an amount and a unit (250 mg; units: ${[...new Set(Object.values(UNITS).map((u) => u.name))].join(', ')})`,
    );
  }
  return given;
}

/** The ASP file's heading of the billing-unit column (layout/asp-file.ts). */
const DOSAGE_HEADING = ASP_COLUMNS.find((c) => c.key === 'dosage')?.heading;

/** Where an ASP row's billing unit comes from, as an answer names it. */
export function aspDosageSource(datasetKey: string): string {
  return `ASP "${DOSAGE_HEADING}" (${datasetKey})`;
}

/**
 * Converts a dose into the code's billing units.
 * @example billingUnits(store, 'J1640', '250 mg').units // 250
 */
export function billingUnits(store: HcpcsStore, rawCode: string, dose: string, date?: string): UnitsAnswer {
  const code = rawCode.trim().toUpperCase();
  requireDose(dose);
  let dosageText: string | undefined;
  let source = '';
  const asp = store.payments.inEffect('asp', date);
  const row = asp ? (store.payments.rows(asp.key, code)[0] as AspRow | undefined) : undefined;
  if (row && asp) {
    dosageText = row.dosage;
    source = aspDosageSource(asp.key);
  } else {
    const latest = store.latestRecordOfCode(code);
    const description = latest?.record.longDescription ?? '';
    const found = dosageOfDescription(description);
    if (found && latest) {
      dosageText = `${found.amount} ${UNITS[found.unit]?.name}`;
      source = `the long description of ${latest.releaseKey} ("${description}")`;
    }
  }
  if (!dosageText) {
    throw new HcpcsError(
      'HCPCS_E_NOT_FOUND',
      `${code} has no dosage: it is in no imported ASP file${date ? ` in effect on ${date}` : ''} and its long description states no "per X mg/ml/units"`,
    );
  }
  return unitsOfDose(code, dose, dosageText, source);
}

/**
 * A dose in billing units of `dosageText` (the code's billing unit, from `source`): for a caller
 * that has the ASP row already (a claim pricer).
 * @example unitsOfDose('J1640', '250 mg', '1 MG', aspDosageSource('asp-2025-01_v1')).billingUnits // 250
 */
export function unitsOfDose(code: string, dose: string, dosageText: string, source: string): UnitsAnswer {
  const given = requireDose(dose);
  const per = parseQuantity(dosageText);
  if (!per) {
    throw new HcpcsError(
      'HCPCS_E_INPUT',
      `${code}'s dosage "${dosageText}" (${source}) is not one fixed amount and unit, so a dose cannot be converted into its billing units`,
    );
  }
  const from = UNITS[given.unit] as (typeof UNITS)[string];
  const to = UNITS[per.unit] as (typeof UNITS)[string];
  if (from.kind !== to.kind) {
    throw usage(
      `dose: ${dose.trim()} is ${from.kind === 'units' || from.kind === 'each' ? `in ${from.kind}` : `a ${from.kind}`}, but ${code} is billed per ${dosageText} (${to.kind}): the units are incompatible`,
    );
  }
  // Rounded to 9 significant decimals: 0.1 + 0.2 style binary noise must not turn 3 units into 3.0000000004.
  const units = Number(((given.amount * from.factor) / (per.amount * to.factor)).toPrecision(12));
  return { code, dose: dose.trim(), dosage: dosageText, source, units, billingUnits: Math.ceil(units) };
}
