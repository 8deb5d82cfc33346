/**
 * Search over the HCPCS codes of a release: codes (exact, prefix, range, modifiers, several at
 * once) and words (prefixes, abbreviations, typos, numbers and units, lay terms of the CMS
 * Alpha-Numeric Index and Table of Drugs), with filters. The index of a release is built once per
 * data version and kept on the store's snapshot of the release.
 */
import { deserialize, serialize } from 'node:v8';
import { HcpcsError } from '../errors.js';
import { releaseAsCorrected } from '../history/corrected-release.js';
import { type HcpcsRecord, isActiveOn, statusOnDate } from '../model.js';
import type { HcpcsStore } from '../store/store.js';
import { cached } from './disk-cache.js';
import { inEffectFirst } from './in-effect-first.js';
import { checkQuery, parseQuery } from './query.js';
import { type MatchDetails, rankWords } from './rank.js';
import { loadReferences, referenceSources } from './references.js';
import { buildIndex, type IndexedDoc, lowerBound, type SearchIndex } from './search-index.js';

export { MAX_QUERY_LENGTH } from './query.js';
export type { ReferenceTerm, SearchIndex } from './search-index.js';

export interface SearchOptions {
  /** Release id or key (`2025-10`, `2025-10_v1`); default: the latest release. */
  release?: string;
  /** Hits to return (1..1000); default 20. */
  limit?: number;
  /** Hits to skip; default 0. */
  offset?: number;
  /** `active`: in force on `date`; `terminated`: not; `all` (default). */
  status?: 'active' | 'terminated' | 'all';
  /** ISO date for `status` and each hit's status; default: the release's effective date. */
  date?: string;
  kind?: 'procedure' | 'modifier';
  /** A code range (`J1000-J1099`), a prefix or first letter (`J`, `E01`). */
  range?: string;
  /** BETOS code or its prefix (`O1E`, `O1`). */
  betos?: string;
  /** Coverage code (`C`, `D`, `I`, `M`, `S`). */
  coverage?: string;
  /** One of the record's pricing indicators (`51`). */
  pricingIndicator?: string;
  /** true: only "not otherwise classified" codes; false: none of them. */
  noc?: boolean;
  /**
   * false: only records matching every word, never partial matches (the NLM Clinical Tables
   * semantics); default true.
   */
  partial?: boolean;
  /**
   * `in-effect-first`: the hits in effect on `date` (see {@link statusOnDate}) before the others,
   * across the whole ranking, relevance order kept within each group; `relevance` (default): as ranked.
   */
  order?: 'relevance' | 'in-effect-first';
}

export interface SearchHit {
  code: string;
  shortDescription: string | null;
  longDescription: string;
  status: 'active' | 'terminated';
  release: string;
  /** Words of the record that matched (lower case), or the code, for highlighting. */
  matched: string[];
  kind: 'procedure' | 'modifier';
  score: number;
  /** Matched some, not all, of the query's words (such hits follow when fewer than 10 match all). */
  partial: boolean;
  /** Found through a lay term of the CMS Alpha-Numeric Index or Table of Drugs, not the description. */
  via?: 'index' | 'drug-table';
  /** The index or drug-table terms that led here. */
  references?: string[];
  /** A "not otherwise classified/specified" code (CMS NOC list or description). */
  noc: boolean;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** The release key searched. */
  release: string;
  /** Whether no record matches every word (all hits are partial). */
  partial: boolean;
  /** The query as read (control characters and broken text removed). */
  query: string;
}

const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

/**
 * The search index of a release, built once per data version on the store's shared snapshot of
 * the release (so a re-import is seen by the next search); a fresh process takes it from the disk
 * copy the last build left (see disk-cache.ts), else builds it.
 * @example const index = indexFor(store, store.resolveRelease(undefined) as string);
 */
export function indexFor(store: HcpcsStore, releaseKey: string): SearchIndex {
  const catalog = store.catalog();
  return catalog.snapshot(releaseKey).derived('search-index', (snapshot) => {
    const info = snapshot.release;
    const source = info.files.find((f) => f.path === info.sourceOfRecord)?.sha256 ?? '';
    // A release CMS's corrections lists correct is read with other releases' records (the nearest
    // file's record under a code a list adds, an earlier year's descriptions a list puts back): its
    // copy is named by every release held too, so that one imported later is never missed.
    const corrected = catalog.releases.some(
      (r) => r.id === info.id && r.files.some((f) => f.role === 'corrections'),
    );
    return cached(
      `index-${releaseKey}-${source.slice(0, 12)}`,
      [
        releaseKey,
        info.importedAt,
        ...info.files.map((f) => f.sha256),
        ...referenceSources(catalog.releases, releaseKey),
        ...(corrected ? catalog.releases.map((r) => `${r.key}@${r.importedAt}`) : []),
      ],
      (value) => serialize(value),
      (bytes) => deserialize(bytes) as SearchIndex,
      () => buildReleaseIndex(store, releaseKey),
    );
  });
}

/**
 * Builds the index of a release from the store's snapshot of it as corrected (no cache of the index
 * itself; the PDF terms may come from theirs).
 */
export function buildReleaseIndex(store: HcpcsStore, releaseKey: string): SearchIndex {
  const catalog = store.catalog();
  const snapshot = catalog.snapshot(releaseKey);
  const { references, nocCodes } = loadReferences(store, releaseKey, catalog.releases);
  // The release as CMS's corrections leave it: a code they add is found, one they end is terminated.
  const { records } = releaseAsCorrected(store, releaseKey);
  return buildIndex(releaseKey, snapshot.release.effectiveDate, records, references, nocCodes);
}

function usage(message: string): HcpcsError {
  return new HcpcsError('HCPCS_E_USAGE', message);
}

function checkOptions(options: SearchOptions): { limit: number; offset: number } {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw usage(`limit: "${options.limit}" is not a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw usage(`offset: "${options.offset}" is not a whole number >= 0`);
  if (options.status !== undefined && !['active', 'terminated', 'all'].includes(options.status)) {
    throw usage(`status: "${options.status}" is not one of active, terminated, all`);
  }
  if (options.order !== undefined && !['relevance', 'in-effect-first'].includes(options.order)) {
    throw usage(`order: "${options.order}" is not one of relevance, in-effect-first`);
  }
  if (options.kind !== undefined && !['procedure', 'modifier'].includes(options.kind)) {
    throw usage(`kind: "${options.kind}" is not one of procedure, modifier`);
  }
  if (options.date !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(options.date)) {
    throw usage(`date: "${options.date}" is not an ISO date (YYYY-MM-DD)`);
  }
  return { limit, offset };
}

/** A code filter from `range`: `J1000-J1099`, `J`, `E01`. */
function rangeFilter(range: string | undefined): ((code: string) => boolean) | undefined {
  if (range === undefined || range.trim() === '') return undefined;
  const r = range.trim().toUpperCase();
  const span = /^([A-Z0-9]{1,5})\s*-\s*([A-Z0-9]{1,5})$/.exec(r);
  if (span) {
    const [from, to] = [span[1] as string, span[2] as string];
    return (code) => code >= from && (code <= to || code.startsWith(to));
  }
  if (/^[A-Z0-9]{1,5}$/.test(r)) return (code) => code.startsWith(r);
  throw usage(`range: "${range}" is not a code range (J1000-J1099), a prefix (E01) or a letter (J)`);
}

const acceptAll = (_doc: IndexedDoc): boolean => true;

/** The filter the options ask for, over indexed records. */
function docFilter(options: SearchOptions, onDate: string): (doc: IndexedDoc) => boolean {
  const inRange = rangeFilter(options.range);
  const status = options.status ?? 'all';
  const betos = options.betos?.trim().toUpperCase();
  const coverage = options.coverage?.trim().toUpperCase();
  const pricing = options.pricingIndicator?.trim();
  const unfiltered =
    options.kind === undefined &&
    inRange === undefined &&
    status === 'all' &&
    !betos &&
    !coverage &&
    !pricing &&
    options.noc === undefined;
  // One function for every unfiltered search: a closure made per search, called for every record
  // a query reaches, would be optimized anew by V8 for each search.
  if (unfiltered) return acceptAll;
  return (doc) =>
    (options.kind === undefined || doc.kind === options.kind) &&
    (inRange === undefined || inRange(doc.code)) &&
    (status === 'all' || isActiveOn(doc, onDate) === (status === 'active')) &&
    (!betos || (doc.betos ?? '').startsWith(betos)) &&
    (!coverage || doc.coverage === coverage) &&
    (!pricing || doc.pricingIndicators.includes(pricing)) &&
    (options.noc === undefined || doc.noc === options.noc);
}

/** A code hit: a record of the release searched, or (`elsewhere`) only in an earlier release. */
type CodeHit = { d: number } | { elsewhere: { releaseKey: string; record: HcpcsRecord } };

/**
 * Code hits: exact codes in the order typed, then prefixes and ranges in code order. An exact code
 * the release lacks comes from the latest release that holds it when `lookElsewhere` (the
 * release was not chosen): coders look up codes CMS has dropped.
 */
function codeHits(
  store: HcpcsStore,
  index: SearchIndex,
  parts: ReturnType<typeof parseQuery>['codes'],
  lookElsewhere: boolean,
): CodeHit[] {
  const exact: CodeHit[] = [];
  const spans: CodeHit[] = [];
  for (const part of parts) {
    if (part.type === 'exact') {
      const d = index.byCode.get(part.code);
      if (d !== undefined) exact.push({ d });
      else if (lookElsewhere) {
        const latest = store.latestRecordOfCode(part.code);
        if (latest) exact.push({ elsewhere: latest });
      }
      continue;
    }
    const from = part.type === 'prefix' ? part.prefix : part.from;
    for (let at = lowerBound(index.sortedCodes, from); at < index.sortedCodes.length; at++) {
      const code = index.sortedCodes[at] as string;
      if (part.type === 'prefix' ? !code.startsWith(part.prefix) : code > part.to) break;
      spans.push({ d: index.byCode.get(code) as number });
    }
  }
  const seen = new Set<string>();
  return [...exact, ...spans].filter((h) => {
    const key = 'd' in h ? String(h.d) : h.elsewhere.record.code;
    return !seen.has(key) && seen.add(key);
  });
}

/** A hit for a code the release searched no longer holds, as its latest release has it. */
function elsewhereHit(found: { releaseKey: string; record: HcpcsRecord }, score: number): SearchHit {
  const r = found.record;
  return {
    code: r.code,
    shortDescription: r.shortDescription,
    longDescription: r.longDescription,
    status: 'terminated',
    release: found.releaseKey,
    matched: [r.code],
    kind: r.kind,
    score,
    partial: false,
    noc: /\bnot otherwise (?:classified|specified)\b/i.test(r.longDescription),
  };
}

/**
 * A record of the index as a hit (a function of the module, not a closure per search: V8
 * optimizes it once).
 */
function hitOf(
  index: SearchIndex,
  onDate: string,
  d: number,
  score: number,
  partial: boolean,
  details?: MatchDetails,
): SearchHit {
  const doc = index.docs[d] as IndexedDoc;
  const hit: SearchHit = {
    code: doc.code,
    shortDescription: doc.shortDescription,
    longDescription: doc.longDescription,
    status: isActiveOn(doc, onDate) ? 'active' : 'terminated',
    release: index.releaseKey,
    matched: details ? details.matched : [doc.code],
    kind: doc.kind,
    score: Math.round(score * 1000) / 1000,
    partial,
    noc: doc.noc,
  };
  if (details?.via) hit.via = details.via;
  if (details && details.references.length > 0) hit.references = details.references;
  return hit;
}

/**
 * Searches the codes of a release.
 * @example
 * searchCodes(store, 'hemin').hits[0].code // 'J1640'
 * searchCodes(store, 'J1000-J1099', { limit: 5 }).total // codes in the range
 * searchCodes(store, 'abelcet').hits[0].via // 'drug-table'
 */
export function searchCodes(store: HcpcsStore, query: string, options: SearchOptions = {}): SearchResult {
  checkQuery(query);
  const { limit, offset } = checkOptions(options);
  const releaseKey = store.resolveRelease(options.release) as string;
  const index = indexFor(store, releaseKey);
  const parsed = parseQuery(query, index);
  const onDate = options.date ?? index.effectiveDate;
  const accept = docFilter(options, onDate);
  const release = index.releaseKey;
  const dayBefore = new Date(Date.parse(index.effectiveDate) - 86_400_000).toISOString().slice(0, 10);
  const ordered: { d: number; score: number; elsewhere?: { releaseKey: string; record: HcpcsRecord } }[] = [];
  const codeDocs = new Set<number>();
  for (const h of codeHits(store, index, parsed.codes, options.release === undefined)) {
    const score = 1000 - ordered.length / 1000;
    if ('d' in h) {
      if (!accept(index.docs[h.d] as IndexedDoc)) continue;
      codeDocs.add(h.d);
      ordered.push({ d: h.d, score });
      continue;
    }
    // Gone from this release: terminated here whatever its record says.
    const r = h.elsewhere.record;
    const asDoc = {
      ...r,
      noc: false,
      terminationDate: r.terminationDate && r.terminationDate < dayBefore ? r.terminationDate : dayBefore,
    };
    if (accept(asDoc as unknown as IndexedDoc)) ordered.push({ d: -1, score, elsewhere: h.elsewhere });
  }
  // A query of codes only (`LT`, `J16`) is answered from the code list alone: no word search.
  const ranking =
    parsed.words.length > 0 ? rankWords(index, parsed.words, accept, options.partial !== false) : undefined;
  // The ranked records not already listed as code hits, by position in the ranking.
  const positions: number[] | undefined =
    ranking && codeDocs.size > 0
      ? Array.from({ length: ranking.size }, (_, i) => i).filter((i) => !codeDocs.has(ranking.docAt(i)))
      : undefined;
  const wordCount = positions ? positions.length : (ranking?.size ?? 0);
  const partial = ordered.length === 0 && ranking !== undefined && ranking.partial;
  // Only the page becomes hits: code hits first, then the ranked words (with `in-effect-first`,
  // that sequence reordered as a whole before it is paged).
  const count = ordered.length + wordCount;
  /** The record of the i-th ranked word hit. */
  const wordDoc = (i: number) =>
    (ranking as NonNullable<typeof ranking>).docAt(positions ? (positions[i] as number) : i);
  // The records the index was built from: the release as CMS's corrections leave it.
  const records =
    options.order === 'in-effect-first' ? releaseAsCorrected(store, releaseKey).byCode : undefined;
  const sequence = records
    ? inEffectFirst(count, (i) => {
        const o = ordered[i];
        // A code the release searched no longer holds is in effect on no date of it.
        if (o?.elsewhere) return false;
        const doc = index.docs[o ? o.d : wordDoc(i - ordered.length)] as IndexedDoc;
        const record = records.get(doc.code);
        return record !== undefined && statusOnDate(record, onDate) === 'in-effect';
      })
    : undefined;
  const hits: SearchHit[] = [];
  for (let n = offset; n < offset + limit && n < count; n++) {
    const i = sequence ? (sequence[n] as number) : n;
    const o = ordered[i];
    if (o) {
      hits.push(o.elsewhere ? elsewhereHit(o.elsewhere, o.score) : hitOf(index, onDate, o.d, o.score, false));
      continue;
    }
    if (!ranking) break;
    const at = positions ? (positions[i - ordered.length] as number) : i - ordered.length;
    const d = ranking.docAt(at);
    hits.push(hitOf(index, onDate, d, ranking.scoreAt(at), ranking.partialAt(at), ranking.details(d)));
  }
  return {
    total: count,
    hits,
    release,
    partial,
    query: parsed.text,
  };
}
