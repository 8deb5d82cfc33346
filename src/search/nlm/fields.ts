/**
 * The fields of NLM's HCPCS table (https://clinicaltables.nlm.nih.gov/apidoc/hcpcs/v3/doc.html,
 * "Fields"), read from our records: what `df`, `sf`, `cf`, `ef` and `q` name.
 */
import { type HcpcsRecord, isActiveOn } from '../../model.js';
import { analyze } from './analyzer.js';

export const NLM_FIELDS = [
  'code',
  'display',
  'short_desc',
  'long_desc',
  'add_dt',
  'act_eff_dt',
  'term_dt',
  'obsolete',
  'is_noc',
] as const;
export type NlmField = (typeof NLM_FIELDS)[number];

/** Text fields are searched word by word; the others (dates, booleans) as one whole value. */
export const TEXT_FIELDS: ReadonlySet<NlmField> = new Set(['code', 'display', 'short_desc', 'long_desc']);
export const DATE_FIELDS: ReadonlySet<NlmField> = new Set(['add_dt', 'act_eff_dt', 'term_dt']);

export function isNlmField(name: string): name is NlmField {
  return (NLM_FIELDS as readonly string[]).includes(name);
}

export type NlmValue = string | boolean | null;

/** One record as NLM's table holds it, with each field's words for matching. */
export interface NlmDocument {
  readonly code: string;
  readonly values: Readonly<Record<NlmField, NlmValue>>;
  /** Lowercased words of each field (a date or boolean: its whole value); [] when blank. */
  readonly words: Readonly<Record<NlmField, readonly string[]>>;
  /**
   * The same words joined with spaces between and around (" injection hemin 1 mg "): a word is
   * found with one `includes(' ' + word + ' ')`, a prefix with `includes(' ' + prefix)`, much
   * faster than walking the words (words never hold a space).
   */
  readonly joined: Readonly<Record<NlmField, string>>;
}

/** NLM gives the CMS dates as the file does, YYYYMMDD. */
const compactDate = (iso: string | null) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : iso;

/**
 * A record as an NLM document. `obsolete`: terminated on the release's effective date;
 * `isNoc`: a "not otherwise classified" code (CMS's NOC list, or its description says so).
 * @example nlmDocument(record, '2026-01-01', false).values.add_dt // '19860101'
 */
export function nlmDocument(record: HcpcsRecord, effectiveDate: string, isNoc: boolean): NlmDocument {
  const values: Record<NlmField, NlmValue> = {
    code: record.code,
    display: record.longDescription,
    short_desc: record.shortDescription,
    long_desc: record.longDescription,
    add_dt: compactDate(record.addedDate),
    act_eff_dt: compactDate(record.actionEffectiveDate),
    term_dt: compactDate(record.terminationDate),
    obsolete: !isActiveOn(record, effectiveDate),
    is_noc: isNoc,
  };
  const words = {} as Record<NlmField, readonly string[]>;
  const joined = {} as Record<NlmField, string>;
  for (const field of NLM_FIELDS) {
    const value = values[field];
    // display is the long description: its words are long_desc's.
    if (field === 'long_desc') words[field] = words.display;
    else if (value === null || value === '') words[field] = [];
    else if (TEXT_FIELDS.has(field)) words[field] = analyze(String(value));
    else words[field] = [String(value).toLowerCase()];
    joined[field] = ` ${words[field].join(' ')} `;
  }
  return { code: record.code, values, words, joined };
}
