/**
 * A deliberately simple, separate implementation of NLM Clinical Tables' documented HCPCS search
 * rules (https://clinicaltables.nlm.nih.gov/apidoc/hcpcs/v3/doc.html), written for the tests to
 * hold the endpoint to: it shares no code with src/search/nlm. Words are found with the platform's
 * Unicode word segmentation (Elasticsearch's standard tokenizer follows the same UAX #29 rules).
 *
 * - terms: every word of the search string is "a part of a word" (a prefix) that some word of
 *   the searched fields (sf, default code and display) must start with ("implicit AND").
 * - q: constrains further; the tests express each q they send as a plain predicate.
 * - order (NLM documents none; the endpoint's README states this one): codes a term word is a
 *   prefix of first, then the rest, each in code order.
 */
import { indexFor } from '../../src/search/search-codes.js';
import type { HcpcsStore } from '../../src/store/store.js';

export interface ReferenceRecord {
  readonly code: string;
  readonly display: string;
  readonly short_desc: string | null;
  readonly long_desc: string;
  readonly add_dt: string | null;
  readonly act_eff_dt: string | null;
  readonly term_dt: string | null;
  readonly obsolete: boolean;
  readonly is_noc: boolean;
}
export type ReferenceField = keyof ReferenceRecord;

const yyyymmdd = (date: string | null) =>
  date === null ? null : date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1$2$3');

/** The latest release's records as NLM's table fields (is_noc taken from the search index's data). */
export function referenceRecords(store: HcpcsStore): ReferenceRecord[] {
  const release = store
    .releases()
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .at(-1);
  if (!release) throw new Error('no release imported');
  const index = indexFor(store, release.key);
  const noc = new Set(index.docs.filter((d) => d.noc).map((d) => d.code));
  return [...store.records(release.key)].map((r) => ({
    code: r.code,
    display: r.longDescription,
    short_desc: r.shortDescription,
    long_desc: r.longDescription,
    add_dt: yyyymmdd(r.addedDate),
    act_eff_dt: yyyymmdd(r.actionEffectiveDate),
    term_dt: yyyymmdd(r.terminationDate),
    // The termination date is the last day a code may be used (CMS record layout field 29).
    obsolete: r.terminationDate !== null && r.terminationDate < release.effectiveDate,
    is_noc: noc.has(r.code),
  }));
}

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
const seen = new Map<string, string[]>();
/** Lowercased words of a text (remembered: the same descriptions are split for every query). */
export function wordsOf(text: string | null): string[] {
  const key = text ?? '';
  let words = seen.get(key);
  if (!words) {
    words = [...segmenter.segment(key)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
    seen.set(key, words);
  }
  return words;
}

/** Whether `phrase`'s words appear one after another in `text`. */
export function hasPhrase(text: string | null, phrase: string): boolean {
  return ` ${wordsOf(text).join(' ')} `.includes(` ${wordsOf(phrase).join(' ')} `);
}

/** Whether `word` (lowercase) is one of `text`'s words. */
export function hasWord(text: string | null, word: string): boolean {
  return wordsOf(text).includes(word);
}

export interface ReferenceQuery {
  readonly terms: string;
  readonly sf?: readonly ReferenceField[];
  readonly where?: (r: ReferenceRecord) => boolean;
}

/** Every matching record, in order. */
export function referenceSearch(
  records: readonly ReferenceRecord[],
  query: ReferenceQuery,
): ReferenceRecord[] {
  const parts = wordsOf(query.terms);
  const fields = query.sf ?? ['code', 'display'];
  const found = records.filter(
    (r) =>
      (parts.length > 0 || query.where !== undefined) &&
      parts.every((p) => fields.some((f) => wordsOf(String(r[f] ?? '')).some((w) => w.startsWith(p)))) &&
      (query.where?.(r) ?? true),
  );
  const codeFirst = (r: ReferenceRecord) => (parts.some((p) => r.code.toLowerCase().startsWith(p)) ? 0 : 1);
  return found.sort(
    (a, b) => codeFirst(a) - codeFirst(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
