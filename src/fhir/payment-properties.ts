/**
 * What Medicare pays, as $lookup properties given only when asked by name (`property=asp-payment-limit`,
 * `dmepos-fee`, `pen-fee`): a DMEPOS code carries a fee per state and modifier (some 50 states times
 * three modifiers), too many to send with every lookup. The amounts are those of the imported
 * quarter in effect on $lookup's `date` (R4 OperationDefinition CodeSystem-lookup: "the date for
 * which the information should be returned"), else of the latest imported quarter. Each value
 * carries its billing unit or state, modifiers and quarter as subproperties (R4 $lookup
 * `property.subproperty`); a date no imported quarter covers is an error, never another quarter's
 * amounts.
 */
import type { CodeSystemProperty, ParametersParameter } from 'fhir/r4.js';
import { HcpcsError } from '../errors.js';
import { FhirError } from '../outcomes.js';
import { type FeePayment, type PaymentAnswer, paymentFor } from '../payment/payment-lookup.js';
import type { HcpcsStore } from '../store/store.js';

const ON_REQUEST =
  'Given by $lookup only when asked by name (property=...), for the quarter in effect on its date (default: the latest imported quarter)';

/** The payment properties a client asks for by name; `*` does not include them. */
export const PAYMENT_PROPERTIES: ReadonlySet<string> = new Set([
  'asp-payment-limit',
  'dmepos-fee',
  'pen-fee',
]);

/**
 * CodeSystem.property: the three payment properties and the subproperties their values carry.
 * @example PAYMENT_PROPERTY_DEFINITIONS.map((p) => p.code).includes('asp-payment-limit') // true
 */
export const PAYMENT_PROPERTY_DEFINITIONS: readonly CodeSystemProperty[] = [
  {
    code: 'asp-payment-limit',
    description: `Medicare Part B drug payment allowance limit per billing unit (CMS ASP pricing file, "Payment Limit"), in US dollars; subproperties payment-dosage (the billing unit, "HCPCS Code Dosage"), coinsurance-percent, payment-notes and the quarter. ${ON_REQUEST}.`,
    type: 'decimal',
  },
  {
    code: 'dmepos-fee',
    description: `DMEPOS fee schedule amount of one state, non-rural (CMS DMEPOS fee schedule, "(NR)" column), in US dollars: one value per fee row (modifiers) and state; subproperties payment-state, payment-modifier, rural-fee, ceiling, floor, dmepos-category and the quarter. ${ON_REQUEST}.`,
    type: 'decimal',
  },
  {
    code: 'pen-fee',
    description: `Parenteral and enteral nutrition (PEN) fee schedule amount of one state, non-rural, in US dollars: one value per fee row (modifiers) and state; subproperties as dmepos-fee (PEN has no ceiling, floor or category). ${ON_REQUEST}.`,
    type: 'decimal',
  },
  {
    code: 'payment-dosage',
    description: 'subproperty: the billing unit a payment limit is per (1 MG)',
    type: 'string',
  },
  { code: 'coinsurance-percent', description: 'subproperty: the co-insurance percentage', type: 'decimal' },
  {
    code: 'payment-notes',
    description: 'subproperty: the ASP pricing file note of the code',
    type: 'string',
  },
  { code: 'payment-state', description: 'subproperty: the state (or territory) of a fee', type: 'code' },
  {
    code: 'payment-modifier',
    description: 'subproperty: a modifier of a fee row (NU, RR, UE ...), repeated for two',
    type: 'code',
  },
  {
    code: 'rural-fee',
    description: 'subproperty: the rural fee of the state, "(R)" column',
    type: 'decimal',
  },
  { code: 'ceiling', description: 'subproperty: the fee schedule ceiling of a DMEPOS row', type: 'decimal' },
  { code: 'floor', description: 'subproperty: the fee schedule floor of a DMEPOS row', type: 'decimal' },
  {
    code: 'dmepos-category',
    description: 'subproperty: the DMEPOS payment category (CATG), its label as description',
    type: 'code',
  },
  {
    code: 'payment-quarter-start',
    description: 'subproperty: the first day the amounts apply',
    type: 'dateTime',
  },
  {
    code: 'payment-quarter-end',
    description: 'subproperty: the last day the amounts apply',
    type: 'dateTime',
  },
  {
    code: 'payment-dataset',
    description: 'subproperty: the imported payment file the amounts come from (asp-2025-01_v1)',
    type: 'string',
  },
];

type Part = ParametersParameter;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal part, or none for a blank or "N/A" amount (no value is better than a made-up one). */
function decimal(code: string, text: string | null): Part[] {
  return text !== null && DECIMAL.test(text)
    ? [{ name: 'subproperty', part: sub(code, { valueDecimal: Number(text) }) }]
    : [];
}

function sub(code: string, value: Omit<Part, 'name'>, description?: string | null): Part[] {
  return [
    { name: 'code', valueCode: code },
    { name: 'value', ...value },
    ...(description ? [{ name: 'description', valueString: description }] : []),
  ];
}

function subproperty(code: string, value: Omit<Part, 'name'>, description?: string | null): Part {
  return { name: 'subproperty', part: sub(code, value, description) };
}

function quarterParts(quarter: { dataset: string; start: string; end: string }): Part[] {
  return [
    subproperty('payment-quarter-start', { valueDateTime: quarter.start }),
    subproperty('payment-quarter-end', { valueDateTime: quarter.end }),
    subproperty('payment-dataset', { valueString: quarter.dataset }),
  ];
}

function property(code: string, amount: number, subproperties: Part[]): Part {
  return {
    name: 'property',
    part: [{ name: 'code', valueCode: code }, { name: 'value', valueDecimal: amount }, ...subproperties],
  };
}

function aspProperty(answer: PaymentAnswer): Part[] {
  const asp = answer.asp;
  if (!asp || !DECIMAL.test(asp.paymentLimit)) return [];
  return [
    property('asp-payment-limit', Number(asp.paymentLimit), [
      subproperty('payment-dosage', { valueString: asp.dosage }),
      ...decimal('coinsurance-percent', asp.coinsurancePercent),
      ...(asp.notes ? [subproperty('payment-notes', { valueString: asp.notes })] : []),
      ...quarterParts(asp.quarter),
    ]),
  ];
}

function feeProperties(fee: FeePayment): Part[] {
  return fee.states.flatMap((state) =>
    DECIMAL.test(state.nonRural)
      ? [
          property(`${fee.schedule}-fee`, Number(state.nonRural), [
            subproperty('payment-state', { valueCode: state.state }, state.name),
            ...fee.modifiers.map((m) => subproperty('payment-modifier', { valueCode: m.code }, m.label)),
            ...decimal('rural-fee', state.rural),
            ...decimal('ceiling', fee.ceiling),
            ...decimal('floor', fee.floor),
            ...(fee.category
              ? [subproperty('dmepos-category', { valueCode: fee.category.code }, fee.category.label)]
              : []),
            ...quarterParts(fee.quarter),
          ]),
        ]
      : [],
  );
}

const SCHEDULE_OF: Readonly<Record<string, string>> = {
  'asp-payment-limit': 'ASP pricing file',
  'dmepos-fee': 'DMEPOS fee schedule',
  'pen-fee': 'PEN fee schedule',
};

/**
 * The payment properties asked for, of a code on a date (YYYY-MM-DD, or a dateTime whose day is
 * taken): empty when the code is in none of those files. A date no imported quarter of an asked
 * schedule covers, or no payment file imported at all, is a not-found error on `date`.
 * @example paymentProperties(store, 'J1640', '2025-02-15', ['asp-payment-limit'])[0]?.part?.[1] // { name: 'value', valueDecimal: 33.122 }
 */
export function paymentProperties(
  store: HcpcsStore,
  code: string,
  date: string | undefined,
  wanted: readonly string[],
): ParametersParameter[] {
  const asked = wanted.filter((p) => PAYMENT_PROPERTIES.has(p));
  if (asked.length === 0 || !/^[A-Z0-9]{5}$/i.test(code)) return [];
  const day = date?.slice(0, 10);
  let answer: PaymentAnswer;
  try {
    answer = paymentFor(store, code, day ? { date: day } : {});
  } catch (error) {
    if (error instanceof HcpcsError && error.code === 'HCPCS_E_NOT_FOUND')
      throw new FhirError('not-found', error.message, day ? 'date' : 'property');
    throw error;
  }
  for (const name of asked) {
    const uncovered = answer.notes.find((n) => n.startsWith(`no imported ${SCHEDULE_OF[name]} covers`));
    if (uncovered) throw new FhirError('not-found', `property ${name}: ${uncovered}`, 'date');
  }
  const out: ParametersParameter[] = [];
  if (asked.includes('asp-payment-limit')) out.push(...aspProperty(answer));
  for (const fee of answer.fees) if (asked.includes(`${fee.schedule}-fee`)) out.push(...feeProperties(fee));
  return out;
}
