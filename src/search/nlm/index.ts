/**
 * Search by NLM Clinical Tables' documented rules
 * (https://clinicaltables.nlm.nih.gov/apidoc/hcpcs/v3/doc.html): `terms` words are prefixes that
 * must all match a word of the search fields (`sf`, default code and display); `q` further
 * constrains with Elasticsearch query-string syntax. No typo tolerance, abbreviations or synonyms:
 * those belong to this server's own search, offered here only when asked for (`fuzzy`).
 */
import { correctedRecordsOf } from '../../history/corrected-release.js';
import type { HcpcsStore } from '../../store/store.js';
import { indexFor, searchCodes } from '../search-codes.js';
import type { SearchIndex } from '../search-index.js';
import { analyze } from './analyzer.js';
import { type NlmDocument, type NlmField, nlmDocument } from './fields.js';
import { matchesQuery, matchesTerms } from './match.js';
import type { QueryNode } from './query-string.js';

export { analyze } from './analyzer.js';
export { isNlmField, NLM_FIELDS, type NlmDocument, type NlmField, type NlmValue } from './fields.js';
export { matchesQuery } from './match.js';
export { parseQueryString, type QueryNode, QueryStringError } from './query-string.js';

export interface NlmTable {
  readonly documents: readonly NlmDocument[];
  readonly byCode: ReadonlyMap<string, NlmDocument>;
}

// Keyed by the release's search index, so that the table is rebuilt exactly when the index is
// (a re-import of the release) and dropped with it.
const tables = new WeakMap<SearchIndex, NlmTable>();

/**
 * A release's records as NLM documents, in code order.
 * @example nlmTable(store, '2026-01_v1').byCode.get('J1640')?.values.short_desc // 'Hemin, 1 mg'
 */
export function nlmTable(store: HcpcsStore, releaseKey: string): NlmTable {
  const index = indexFor(store, releaseKey);
  let table = tables.get(index);
  if (!table) {
    const isNoc = (code: string) => index.docs[index.byCode.get(code) ?? -1]?.noc ?? false;
    const release = store.catalog().byKey.get(releaseKey);
    const byCode = new Map<string, NlmDocument>();
    for (const r of store.records(releaseKey))
      byCode.set(r.code, nlmDocument(r, index.effectiveDate, isNoc(r.code)));
    // NLM's table holds one record per code and no word beside it: the release as CMS's corrections
    // leave it on its first day (history/corrected-release.ts), a code they add included, so that
    // this endpoint answers as `hcpcs check`, the search and FHIR do.
    const corrected = release
      ? correctedRecordsOf(store, release, (code) => store.record(releaseKey, code)).records
      : [];
    for (const [code, record] of corrected)
      byCode.set(code, nlmDocument(record, index.effectiveDate, isNoc(code)));
    const documents = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    table = { documents, byCode };
    tables.set(index, table);
  }
  return table;
}

export interface NlmQuery {
  readonly terms: string;
  /** `sf`: the fields `terms` is matched against. */
  readonly searchFields: readonly NlmField[];
  /** `q`, parsed; undefined when absent. */
  readonly query?: QueryNode;
  /** Our typo-tolerant, abbreviation-aware ranked search for `terms` instead of NLM's prefixes. */
  readonly fuzzy?: boolean;
}

/**
 * Every matching document, in this endpoint's order: records whose code a `terms` word starts
 * (the code typed) first, then the others, each group in code order. NLM documents no order.
 * With no words in `terms`, only `q` decides (nothing when it is absent too).
 * @example nlmMatches(store, key, { terms: 'wheelchair J1640', searchFields: ['code', 'display'] }) // []
 */
export function nlmMatches(store: HcpcsStore, releaseKey: string, query: NlmQuery): NlmDocument[] {
  const table = nlmTable(store, releaseKey);
  const filter = (docs: readonly NlmDocument[]) =>
    query.query ? docs.filter((d) => matchesQuery(d, query.query as QueryNode)) : [...docs];
  if (query.fuzzy) return filter(rankedByOurSearch(store, releaseKey, query.terms, table));
  const words = analyze(query.terms);
  if (words.length === 0) return query.query ? filter(table.documents) : [];
  const matched = filter(table.documents.filter((d) => matchesTerms(d, words, query.searchFields)));
  const byCode = (d: NlmDocument) => words.some((w) => d.words.code[0]?.startsWith(w));
  return [...matched.filter(byCode), ...matched.filter((d) => !byCode(d))];
}

/** Our own search's complete hits (every word found, typos and abbreviations allowed), ranked. */
function rankedByOurSearch(
  store: HcpcsStore,
  releaseKey: string,
  terms: string,
  table: NlmTable,
): NlmDocument[] {
  if (terms.trim() === '') return [];
  const found: NlmDocument[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = searchCodes(store, terms, { release: releaseKey, partial: false, limit: 1000, offset });
    if (page.partial) return [];
    for (const hit of page.hits) {
      const doc = table.byCode.get(hit.code);
      if (doc) found.push(doc);
    }
    if (offset + 1000 >= page.total) return found;
  }
}

/**
 * Suggestions for a value that matched nothing (autocomplete-lhc's `suggest=1&field_val=...`
 * request, "suggestions that are close to what the user typed"): our typo-tolerant search's best
 * hits, partial ones included.
 * @example nlmSuggestions(store, key, 'whelchair', 7).map((d) => d.code) // ['KA', 'E1088', ...]
 */
export function nlmSuggestions(
  store: HcpcsStore,
  releaseKey: string,
  value: string,
  limit: number,
): NlmDocument[] {
  if (value.trim() === '' || limit === 0) return [];
  const table = nlmTable(store, releaseKey);
  return searchCodes(store, value, { release: releaseKey, limit })
    .hits.map((h) => table.byCode.get(h.code))
    .filter((d): d is NlmDocument => d !== undefined);
}
