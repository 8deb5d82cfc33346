/**
 * How codes are grouped into named sections (the browse pages show them). It is CMS data, so it
 * lives with the layout. HCPCS Level II codes are grouped by their first letter
 * ("Level II alphanumeric procedure and modifier codes comprise the A to V range", CMS README of
 * the 2019 and 2020 files); within a letter, the named ranges below are the range entries of the
 * CMS "2019 HCPCS Alpha-Numeric Index" (2019-HCPCS-Index.pdf, published beside the 2019 file),
 * each with its index page and the entry exactly as the index prints it. A letter section is
 * described by the BETOS categories of its codes (record layout field 23, BETOS_TB), counted
 * from the release itself, so no name is made up here.
 *
 * `sections.test.ts` proves every entry below is in the index PDF as quoted.
 */

export interface NamedRange {
  /** First and last code of the range, inclusive, as the index prints them. */
  readonly from: string;
  readonly to: string;
  /** The name people read ("Transportation services, including ambulance"). */
  readonly name: string;
  /** The index entry exactly as printed (heading, then sub-entry), for the citation. */
  readonly indexEntry: readonly string[];
  /** Page of the 2019 Alpha-Numeric Index. */
  readonly indexPage: number;
}

export const INDEX_SOURCE = 'CMS 2019 HCPCS Alpha-Numeric Index (2019-HCPCS-Index.pdf)';

export const NAMED_RANGES: readonly NamedRange[] = [
  {
    from: 'A0021',
    to: 'A0999',
    name: 'Transportation services, including ambulance',
    indexEntry: ['Transportation', 'service, including ambulance, A0021-A0999'],
    indexPage: 44,
  },
  {
    from: 'A4206',
    to: 'A8999',
    name: 'Medical and surgical supplies',
    indexEntry: ['Medical and surgical supplies, A4206-A8999'],
    indexPage: 27,
  },
  {
    from: 'A9000',
    to: 'A9999',
    name: 'Administrative, miscellaneous and investigational',
    indexEntry: ['Administrative, Miscellaneous and Investigational, A9000-A9999'],
    indexPage: 1,
  },
  {
    from: 'B4149',
    to: 'B4156',
    name: 'Nutrition: enteral formulae',
    indexEntry: ['Nutrition', 'enteral formulae, B4149-B4156'],
    indexPage: 40,
  },
  {
    from: 'B4164',
    to: 'B5200',
    name: 'Nutrition: parenteral nutrition',
    indexEntry: ['Nutrition', 'parenteral nutrition, B4164-B5200'],
    indexPage: 40,
  },
  {
    from: 'E0100',
    to: 'E1830',
    name: 'Durable medical equipment (DME)',
    indexEntry: ['Durable medical equipment (DME), E0100-E1830, K Codes'],
    indexPage: 14,
  },
  {
    from: 'E2500',
    to: 'E2599',
    name: 'Speech generating device',
    indexEntry: ['Speech generating device, E2500-E2599'],
    indexPage: 40,
  },
  {
    from: 'J0120',
    to: 'J7320',
    name: 'Injections',
    indexEntry: ['Injections (see also drug name), J0120-J7320'],
    indexPage: 23,
  },
  {
    from: 'J7500',
    to: 'J7599',
    name: 'Drugs: immunosuppressive',
    indexEntry: ['Drugs (see also Table of Drugs)', 'immunosuppressive, J7500-J7599'],
    indexPage: 14,
  },
  {
    from: 'J7608',
    to: 'J7699',
    name: 'Inhalation solutions',
    indexEntry: ['Inhalation solution (see also drug name), J7608-J7699'],
    indexPage: 23,
  },
  {
    from: 'J8500',
    to: 'J9999',
    name: 'Drugs: chemotherapy',
    indexEntry: ['Drugs (see also Table of Drugs)', 'chemotherapy, J8500-J9999'],
    indexPage: 14,
  },
  {
    from: 'L0100',
    to: 'L0200',
    name: 'Orthotic devices: cervical',
    indexEntry: ['Orthotic devices', 'cervical, L0100-L0200'],
    indexPage: 31,
  },
  {
    from: 'L5000',
    to: 'L5999',
    name: 'Prosthesis: lower extremities',
    indexEntry: ['Disarticulation', 'lower extremities, prosthesis, L5000-L5999'],
    indexPage: 13,
  },
  {
    from: 'L6000',
    to: 'L7499',
    name: 'Upper limb prosthesis',
    indexEntry: ['Upper limb prosthesis, L6000-L7499'],
    indexPage: 45,
  },
  {
    from: 'L8600',
    to: 'L8690',
    name: 'Prosthesis: implants',
    indexEntry: ['Prosthesis', 'implants, L8600-L8690'],
    indexPage: 36,
  },
  {
    from: 'P2028',
    to: 'P3001',
    name: 'Chemistry and toxicology tests',
    indexEntry: ['Chemistry and toxicology tests, P2028-P3001'],
    indexPage: 9,
  },
  {
    from: 'P9010',
    to: 'P9615',
    name: 'Pathology and laboratory tests, miscellaneous',
    indexEntry: ['Pathology and laboratory tests, miscellaneous, P9010-P9615'],
    indexPage: 33,
  },
  {
    from: 'Q4100',
    to: 'Q4204',
    name: 'Skin substitutes',
    indexEntry: ['Skin', 'substitute, Q4100-Q4204'],
    indexPage: 39,
  },
  {
    from: 'R0070',
    to: 'R0076',
    name: 'Radiology service',
    indexEntry: ['Radiology service, R0070-R0076'],
    indexPage: 37,
  },
  {
    from: 'V2020',
    to: 'V2799',
    name: 'Vision services',
    indexEntry: ['Vision service, V2020-V2799'],
    indexPage: 46,
  },
  {
    from: 'V5000',
    to: 'V5299',
    name: 'Hearing devices',
    indexEntry: ['Hearing devices, V5000-V5169, V5171-V5179, V5181-V5209, V5211-V5219, V5221-V5299'],
    indexPage: 19,
  },
];

/** `A0021-A0999`: the id of a range in URLs. */
export function rangeId(range: Pick<NamedRange, 'from' | 'to'>): string {
  return `${range.from}-${range.to}`;
}

/** The named ranges of one letter, in code order. */
export function rangesOfLetter(letter: string): NamedRange[] {
  return NAMED_RANGES.filter((r) => r.from.charAt(0) === letter);
}

/**
 * Whether `code` is within a range (codes of one letter compare as strings: same length, same letter).
 * @example inRange('A0425', { from: 'A0021', to: 'A0999' }) // true
 */
export function inRange(code: string, range: Pick<NamedRange, 'from' | 'to'>): boolean {
  return code.length === range.from.length && code >= range.from && code <= range.to;
}
