/**
 * What some code-table entries imply beyond their labels, stated once here so that the layers
 * above read it instead of writing CMS codes of their own.
 * @example NOT_PAYABLE_COVERAGE.includes('I') // true: coverage I is "Not payable by Medicare"
 */

/**
 * Coverage codes (layout field 16, COVERAGE table) under which Medicare does not pay: I "Not payable
 * by Medicare", M "Non-covered by Medicare", S "Non-covered by Medicare statute".
 */
export const NOT_PAYABLE_COVERAGE: readonly string[] = ['I', 'M', 'S'];

/**
 * The record fields ACTION code P speaks of: "Payment change (MOG, pricing indicator codes,
 * anesthesia base units, Ambulatory Surgical Centers)".
 */
export const PAYMENT_CHANGE_FIELDS: readonly string[] = [
  'pricingIndicators',
  'multiplePricingIndicator',
  'mogGroup',
  'mogPolicyIndicator',
  'mogEffectiveDate',
  'anesthesiaBaseUnits',
  'ascGroup',
  'ascEffectiveDate',
];

/** The record fields ACTION code T speaks of: "Miscellaneous change (BETOS, type of service)". */
export const MISCELLANEOUS_CHANGE_FIELDS: readonly string[] = ['betos', 'typesOfService'];

/** The record fields holding descriptions (layout fields 7 and 8); all other changes are administrative. */
export const DESCRIPTION_FIELDS: readonly string[] = ['longDescription', 'shortDescription'];

/**
 * The record fields each ACTION code that names fields speaks of: C "Change in long description",
 * S "Change in short description", P and T above. The other actions (A add, D discontinue,
 * R re-activate, B, F, N) speak of the code's life or of "administrative data" in general.
 */
export const ACTION_CHANGED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  C: ['longDescription'],
  S: ['shortDescription'],
  P: PAYMENT_CHANGE_FIELDS,
  T: MISCELLANEOUS_CHANGE_FIELDS,
};
