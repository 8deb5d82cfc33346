/**
 * CodeSystem read and search as FHIR R4 RESTful search defines them (http.html#read,
 * search.html): one CodeSystem per release; `_summary` and `_elements` shape each resource
 * (marked SUBSETTED when they leave something out); search filters by url (any alias of the
 * HCPCS system), system, version, name, title, status and _id, sorts by `_sort`, and pages with
 * `_count` and `_offset`, linking first/previous/next/last pages. Concepts (9,000 per release)
 * come only when asked for, and in a search only for a page of one CodeSystem.
 */
import type { Bundle, BundleLink, CodeSystem } from 'fhir/r4.js';
import { normalizeCode } from '../code.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { codeSystemResource } from './code-system.js';
import { conceptIndex } from './concept-index.js';
import { codesAddedByCorrections } from './corrected-concept.js';
import { type ParamSpec, parseQueryParameters } from './parameters.js';
import { isHcpcsSystem } from './system.js';

/** FHIR's tag for a resource that leaves out elements (search.html#summary). */
const SUBSETTED = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
};

/** Most CodeSystems on one search page. */
const MAX_PAGE_SIZE = 100;

const SUMMARY_VALUES = ['true', 'false', 'text', 'data', 'count'];
/** CodeSystem elements marked Σ (in the summary) in FHIR R4 that this server fills. */
const SUMMARY_ELEMENTS = new Set([
  'resourceType',
  'id',
  'meta',
  'url',
  'identifier',
  'version',
  'name',
  'title',
  'status',
  'experimental',
  'date',
  'publisher',
  'caseSensitive',
  'hierarchyMeaning',
  'compositional',
  'versionNeeded',
  'content',
  'count',
  'filter',
  'property',
]);
/** Elements FHIR requires of every CodeSystem: kept whatever `_elements` says. */
const MANDATORY_ELEMENTS = ['resourceType', 'id', 'meta', 'status', 'content'];

/** Sort keys of `_sort` (a leading `-` for descending); releases are in date order already. */
const SORT_KEYS = new Set(['version', 'date', '_id']);

type Query = Readonly<Record<string, string>>;

/** The query parameters a read takes (besides `_format`, checked for every FHIR request). */
export const CODE_SYSTEM_READ_PARAMETERS: readonly string[] = ['_summary', '_elements'];
/** The query parameters a search reads; others are ignored (FHIR search, handling=lenient). */
export const CODE_SYSTEM_SEARCH_PARAMETERS: readonly string[] = [
  ...['url', 'system', 'version', '_id', 'status', 'code', 'date', 'identifier'],
  ...['name', 'name:exact', 'name:contains', 'title', 'title:exact', 'title:contains'],
  ...['_sort', '_count', '_offset', ...CODE_SYSTEM_READ_PARAMETERS],
];

/** What `_summary` and `_elements` ask of a CodeSystem. */
export interface Shape {
  readonly summary: string | undefined;
  readonly elements: readonly string[] | undefined;
  /** The concepts are asked for: the costly part (about 9,000 a release, ~8 MB of JSON). */
  readonly withConcepts: boolean;
  /**
   * The whole resource, concepts included, nothing left out (`_summary=false`, or `data`: the
   * resource has no text to leave out): the same bytes for every such request of a release.
   */
  readonly whole: boolean;
}

/**
 * The shape `_summary` and `_elements` ask for; an unknown `_summary` is refused.
 * @example codeSystemShape({ _summary: 'false' }).whole // true
 */
export function codeSystemShape(query: Query): Shape {
  const summary = query._summary;
  if (summary !== undefined && !SUMMARY_VALUES.includes(summary)) {
    throw new FhirError(
      'invalid',
      `_summary: "${summary.slice(0, 20)}" is not true, false, text, data or count`,
      '_summary',
    );
  }
  const elements = query._elements
    ?.split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const withConcepts = summary === 'false' || summary === 'data' || (elements?.includes('concept') ?? false);
  const given = elements?.length ? elements : undefined;
  return { summary, elements: given, withConcepts, whole: withConcepts && given === undefined };
}

function subsetted(resource: CodeSystem, keep: (element: string) => boolean): CodeSystem {
  const out = Object.fromEntries(Object.entries(resource).filter(([k]) => keep(k))) as unknown as CodeSystem;
  return { ...out, meta: { ...resource.meta, tag: [{ ...SUBSETTED }] } };
}

function shaped(store: HcpcsStore, release: ReleaseInfo, shape: Shape): CodeSystem {
  const full = shape.withConcepts
    ? codeSystemResource(release, conceptIndex(store, release))
    : codeSystemResource(release, undefined, codesAddedByCorrections(store, release));
  if (shape.elements) {
    const keep = new Set([...MANDATORY_ELEMENTS, ...shape.elements]);
    return subsetted(full, (k) => keep.has(k));
  }
  if (shape.summary === 'text') return subsetted(full, (k) => MANDATORY_ELEMENTS.includes(k));
  if (shape.summary === 'true') return subsetted(full, (k) => SUMMARY_ELEMENTS.has(k));
  return full;
}

/**
 * One CodeSystem (a read), shaped by `_summary` / `_elements`.
 * @example readCodeSystem(store, release, { _elements: 'version,count' }).meta?.tag?.[0]?.code // 'SUBSETTED'
 */
export function readCodeSystem(store: HcpcsStore, release: ReleaseInfo, query: Query): CodeSystem {
  return shaped(store, release, codeSystemShape(query));
}

/** The paging controls of a search, read as the operations read their integer parameters. */
const PAGING_PARAMETERS: readonly ParamSpec[] = [
  { name: '_count', type: 'integer' },
  { name: '_offset', type: 'integer' },
];

function paging(query: Query): { count: number; offset: number } {
  const given: Record<string, string[]> = {};
  for (const { name } of PAGING_PARAMETERS) {
    const text = query[name];
    if (text !== undefined) given[name] = [text];
  }
  const input = parseQueryParameters(given, PAGING_PARAMETERS, 'CodeSystem search');
  return {
    count: input.wholeNumber('_count', MAX_PAGE_SIZE) ?? MAX_PAGE_SIZE,
    offset: input.wholeNumber('_offset', 1_000_000_000) ?? 0,
  };
}

function matchesString(value: string | undefined, wanted: string, modifier: string | undefined): boolean {
  const v = (value ?? '').toLowerCase();
  const w = wanted.toLowerCase();
  if (modifier === 'exact') return value === wanted;
  if (modifier === 'contains') return v.includes(w);
  return v.startsWith(w);
}

/** A release and the CodeSystem it becomes: a search compares what a read shows. */
interface Candidate {
  readonly release: ReleaseInfo;
  readonly resource: CodeSystem;
}

/** FHIR date search (search.html#date): a prefix (eq, ne, gt, lt, ge, le; eq when none) and a day. */
function matchesDate(date: string | undefined, text: string): boolean {
  const m = /^(eq|ne|gt|lt|ge|le)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m)
    throw new FhirError(
      'invalid',
      `date: "${text.slice(0, 30)}" is not a FHIR date search (e.g. ge2025-01-01)`,
      'date',
    );
  if (date === undefined) return false;
  // A partial date is the range it covers: 2025 is 2025-01-01 to 2025-12-31.
  const low = `${m[2]}-${m[3] ?? '01'}-${m[4] ?? '01'}`;
  const high = `${m[2]}-${m[3] ?? '12'}-${m[4] ?? '31'}`;
  const day = date.slice(0, 10);
  switch (m[1] ?? 'eq') {
    case 'eq':
      return day >= low && day <= high;
    case 'ne':
      return day < low || day > high;
    case 'gt':
      return day > high;
    case 'lt':
      return day < low;
    case 'ge':
      return day >= low;
    default:
      return day <= high;
  }
}

/** FHIR token search on identifier: `system|value`, `|value` or `value`; the OID alone also names it. */
function matchesIdentifier(resource: CodeSystem, token: string): boolean {
  const bar = token.indexOf('|');
  const system = bar >= 0 ? token.slice(0, bar) : undefined;
  const value = bar >= 0 ? token.slice(bar + 1) : token;
  return (resource.identifier ?? []).some(
    (i) =>
      (system === undefined || system === '' || i.system === system) &&
      (i.value === value || (system === undefined && i.value === `urn:oid:${value}`)),
  );
}

/** Whether a search asks for strict handling (FHIR http.html#prefer: `Prefer: handling=strict`). */
export function prefersStrict(prefer: string | undefined): boolean {
  return prefer !== undefined && /(^|[;,\s])handling\s*=\s*strict\b/i.test(prefer);
}

function filtered(
  store: HcpcsStore,
  candidates: readonly Candidate[],
  query: Query,
  strict: boolean,
): Candidate[] {
  let kept = [...candidates];
  for (const [key, value] of Object.entries(query)) {
    const [name, modifier] = key.split(':');
    if (value.length > 1_000) throw new FhirError('too-long', `${name}: longer than 1000 characters`, name);
    const values = value.split(',');
    switch (name) {
      case 'url':
      case 'system':
        if (!values.some((v) => isHcpcsSystem(v))) kept = [];
        break;
      case 'version':
        kept = kept.filter(({ resource }) => values.includes(resource.version ?? ''));
        break;
      case '_id':
        kept = kept.filter(({ resource }) => values.includes(resource.id ?? ''));
        break;
      case 'status':
        kept = kept.filter(({ resource }) => values.includes(resource.status));
        break;
      case 'name':
      case 'title':
        kept = kept.filter(({ resource }) => values.some((v) => matchesString(resource[name], v, modifier)));
        break;
      case 'code':
        // The CodeSystems (releases) that hold one of the codes.
        kept = kept.filter(({ release }) => {
          const records = conceptIndex(store, release).records;
          return values.some((v) => records.has(normalizeCode(v)));
        });
        break;
      case 'date':
        kept = kept.filter(({ resource }) => matchesDate(resource.date, value));
        break;
      case 'identifier':
        kept = kept.filter(({ resource }) => values.some((v) => matchesIdentifier(resource, v)));
        break;
      default:
        // FHIR search: unknown parameters are ignored (handling=lenient, the default), refused
        // when the client prefers handling=strict (http.html#prefer).
        if (strict && !CODE_SYSTEM_SEARCH_PARAMETERS.includes(key) && key !== '_format') {
          throw new FhirError(
            'not-supported',
            `CodeSystem search has no parameter "${key.slice(0, 40)}" (Prefer: handling=strict; it takes ${CODE_SYSTEM_SEARCH_PARAMETERS.join(', ')})`,
            key,
          );
        }
        break;
    }
  }
  return kept;
}

function sorted(candidates: Candidate[], sort: string | undefined): Candidate[] {
  if (sort === undefined) return candidates;
  const keys = sort.split(',').map((k) => k.trim());
  for (const key of keys) {
    if (!SORT_KEYS.has(key.replace(/^-/, ''))) {
      throw new FhirError(
        'not-supported',
        `_sort: "${key.slice(0, 30)}" is not supported (version, date or _id, with - for descending)`,
        '_sort',
      );
    }
  }
  // Every supported key orders releases as they are stored (by date, revisions in order): only
  // the direction of the first key matters.
  return keys[0]?.startsWith('-') ? [...candidates].reverse() : candidates;
}

/**
 * A CodeSystem search: a searchset Bundle of one page, with `self`, `first`, `last` and, where
 * there are such pages, `previous` and `next` links (the request URL with `_offset` changed).
 * @example searchCodeSystems(store, { version: '2026-01' }, 'http://h/fhir', 'http://h/fhir/CodeSystem?version=2026-01').total // 1
 */
export function searchCodeSystems(
  store: HcpcsStore,
  query: Query,
  base: string,
  selfUrl: string,
  /**
   * Called before a page's concepts are built, after the search is known to be answerable: a
   * request refused as too costly (concepts of several CodeSystems) spends no build budget.
   */
  beforeConcepts: () => void = () => {},
  strict = false,
): Bundle {
  const shape = codeSystemShape(query);
  const candidates = store.catalog().releases.map((release) => ({
    release,
    resource: codeSystemResource(release, undefined, codesAddedByCorrections(store, release)),
  }));
  const matches = sorted(filtered(store, candidates, query, strict), query._sort);
  const { count, offset } = paging(query);
  const page = shape.summary === 'count' ? [] : matches.slice(offset, offset + count);
  if (shape.withConcepts && page.length > 1) {
    throw new FhirError(
      'too-costly',
      `concepts (about 9,000 a release) come with one CodeSystem at a time: read CodeSystem/{id}, or search with _count=1 (this search matches ${matches.length})`,
      query._elements !== undefined ? '_elements' : '_summary',
    );
  }
  if (shape.withConcepts && page.length > 0) beforeConcepts();
  const pageUrl = (at: number) => {
    const url = new URL(selfUrl);
    url.searchParams.set('_offset', String(at));
    return url.toString();
  };
  const link: BundleLink[] = [{ relation: 'self', url: selfUrl }];
  if (shape.summary !== 'count' && count > 0) {
    const lastOffset = Math.max(0, Math.floor((matches.length - 1) / count) * count);
    link.push({ relation: 'first', url: pageUrl(0) });
    if (offset > 0) link.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - count)) });
    if (offset + count < matches.length) link.push({ relation: 'next', url: pageUrl(offset + count) });
    link.push({ relation: 'last', url: pageUrl(lastOffset) });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link,
    ...(shape.summary === 'count'
      ? {}
      : {
          entry: page.map(({ release }) => {
            const resource = shaped(store, release, shape);
            return {
              fullUrl: `${base}/CodeSystem/${resource.id}`,
              resource,
              search: { mode: 'match' as const },
            };
          }),
        }),
  };
}
