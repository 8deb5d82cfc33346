/**
 * The HCPCS record as every layer sees it (ARCHITECTURE.md "Record JSON"), and small pure helpers.
 * Field positions, labels and definitions are not here: they live in `layout/`.
 */

export type RecordKind = 'procedure' | 'modifier';

/** A field value the CMS file gets wrong, kept as read and named here. */
export interface FieldWarning {
  readonly field: string;
  readonly value: string;
  readonly problem: string;
}

export interface HcpcsRecord {
  code: string;
  kind: RecordKind;
  release: string;
  longDescription: string;
  shortDescription: string | null;
  pricingIndicators: string[];
  multiplePricingIndicator: string | null;
  cimReferences: string[];
  mcmReferences: string[];
  statute: string | null;
  labCertifications: string[];
  crossReferences: string[];
  coverage: string | null;
  ascGroup: string | null;
  ascEffectiveDate: string | null;
  mogGroup: string | null;
  mogPolicyIndicator: string | null;
  mogEffectiveDate: string | null;
  processingNote: string | null;
  betos: string | null;
  typesOfService: string[];
  /** A number; the string as read when the file holds something that is not one (see warnings). */
  anesthesiaBaseUnits: number | string | null;
  addedDate: string | null;
  actionEffectiveDate: string | null;
  terminationDate: string | null;
  actionCode: string | null;
  warnings: FieldWarning[];
}

/**
 * A record with every field blank but its code, kind (a two-character code is a modifier) and
 * release: what a value is built on when no file gives the record (a code only a correction adds).
 * @example blankRecord('X4004', '2030-01').longDescription // ''
 */
export function blankRecord(code: string, release: string): HcpcsRecord {
  return {
    code,
    kind: code.length === 2 ? 'modifier' : 'procedure',
    release,
    longDescription: '',
    shortDescription: null,
    pricingIndicators: [],
    multiplePricingIndicator: null,
    cimReferences: [],
    mcmReferences: [],
    statute: null,
    labCertifications: [],
    crossReferences: [],
    coverage: null,
    ascGroup: null,
    ascEffectiveDate: null,
    mogGroup: null,
    mogPolicyIndicator: null,
    mogEffectiveDate: null,
    processingNote: null,
    betos: null,
    typesOfService: [],
    anesthesiaBaseUnits: null,
    addedDate: null,
    actionEffectiveDate: null,
    terminationDate: null,
    actionCode: null,
    warnings: [],
  };
}

/** Release ids are `YYYY-MM` of the quarter the release takes effect. */
export const RELEASE_ID = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Whether a code is active on an ISO date: CMS's termination date is the last date the code
 * may be used (record layout field 29).
 * @example isActiveOn({ terminationDate: '2020-12-31' }, '2021-01-01') // false
 */
export function isActiveOn(record: Pick<HcpcsRecord, 'terminationDate'>, isoDate: string): boolean {
  return record.terminationDate === null || !ISO_DATE.test(record.terminationDate)
    ? true
    : isoDate <= record.terminationDate;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Where an ISO date falls against a record's own dates (see {@link statusOnDate}). */
export type DateStatus = 'not-yet-effective' | 'in-effect' | 'terminated';

/**
 * A record's status on an ISO date by its own dates: before the date CMS added it (record layout
 * field 27) it is not yet effective; after its termination date (field 29, the last day of use) it
 * is terminated. A date CMS wrote in no date form decides nothing.
 * @example statusOnDate({ addedDate: '2024-01-01', terminationDate: null }, '2023-12-15') // 'not-yet-effective'
 */
export function statusOnDate(
  record: Pick<HcpcsRecord, 'addedDate' | 'terminationDate'>,
  isoDate: string,
): DateStatus {
  if (record.addedDate && ISO_DATE.test(record.addedDate) && isoDate < record.addedDate) {
    return 'not-yet-effective';
  }
  return isActiveOn(record, isoDate) ? 'in-effect' : 'terminated';
}
