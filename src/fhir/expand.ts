/**
 * ValueSet/$expand (ValueSet-expand) of the implicit value set of every HCPCS code
 * (`<system>?fhir_vs`). Without `filter` the codes come in CMS file order; with `filter` the same
 * search as `/api/search` ranks them (codes, prefixes, words, abbreviations, typos). Paging follows
 * the spec: `offset` codes are skipped, at most `count` returned, `total` counts them all, and
 * `count=0` returns only the total. `activeOnly` keeps codes active on `date` (default: the
 * release's effective date); `date` also picks the release in effect that day; `system-version` /
 * `force-system-version` pick a release; `includeDesignations` adds the short description.
 */
import { createHash } from 'node:crypto';
import type { ParametersParameter, ValueSet, ValueSetExpansionContains } from 'fhir/r4.js';
import { isActiveOn } from '../model.js';
import { FhirError } from '../outcomes.js';
import { MAX_LIMIT, searchCodes } from '../search/index.js';
import type { HcpcsStore } from '../store/store.js';
import { SHORT_DESCRIPTION_USE } from './code-system.js';
import { conceptIndex } from './concept-index.js';
import type { OperationInput, ParamSpec } from './parameters.js';
import { fhirVersion, releaseCatalog, selectRelease } from './release-catalog.js';
import { HCPCS_ALL_CODES_VALUE_SET, HCPCS_SYSTEM, isAllCodesValueSet, isHcpcsSystem } from './system.js';

export const EXPAND_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'valueSetVersion', type: 'string' },
  { name: 'filter', type: 'string' },
  { name: 'date', type: 'date' },
  { name: 'offset', type: 'integer' },
  { name: 'count', type: 'integer' },
  { name: 'includeDesignations', type: 'boolean' },
  { name: 'activeOnly', type: 'boolean' },
  { name: 'displayLanguage', type: 'code' },
  { name: 'excludeNested', type: 'boolean' },
  { name: 'excludeNotForUI', type: 'boolean' },
  { name: 'excludePostCoordinated', type: 'boolean' },
  { name: 'includeDefinition', type: 'boolean' },
  { name: 'system-version', type: 'uri', repeats: true },
  { name: 'force-system-version', type: 'uri', repeats: true },
  { name: 'check-system-version', type: 'uri', repeats: true },
];

/** Most codes one page may hold without a filter (a whole release holds about 9,000). */
export const MAX_EXPAND_COUNT = 10_000;

interface Hit {
  readonly code: string;
  readonly display: string;
  readonly short: string | null;
  readonly inactive: boolean;
}

/** The version a `system|version` canonical names for HCPCS, if it names HCPCS. */
function hcpcsVersion(canonicals: readonly string[], where: string): string | undefined {
  for (const c of canonicals) {
    const bar = c.indexOf('|');
    if (bar < 0) throw new FhirError('invalid', `${where}: "${c.slice(0, 80)}" is not system|version`, where);
    if (isHcpcsSystem(c.slice(0, bar))) return c.slice(bar + 1);
  }
  return undefined;
}

/** Expansions of more codes than this are costly (an unfiltered one is ~9,000 codes, 2 MB). */
export const COSTLY_EXPANSION_CODES = 1_000;

/**
 * $expand. `costly` is called before an expansion of more than {@link COSTLY_EXPANSION_CODES}
 * codes is built: the server's build budget, which may refuse it (the operation knows nothing of
 * HTTP or load).
 * @example expand(store, input).expansion?.contains?.[0]?.code // 'J1640' for filter=hemin
 */
export function expand(
  store: HcpcsStore,
  input: OperationInput,
  costly: (codes: number) => void = () => {},
): ValueSet {
  const url = input.string('url');
  if (url === undefined) {
    throw new FhirError(
      'required',
      `$expand needs url (this server expands ${HCPCS_ALL_CODES_VALUE_SET})`,
      'url',
    );
  }
  if (!isAllCodesValueSet(url)) {
    throw new FhirError(
      'not-found',
      `value set "${url.slice(0, 100)}" is not known: this server expands ${HCPCS_ALL_CODES_VALUE_SET}`,
      'url',
    );
  }
  const language = input.string('displayLanguage');
  if (language !== undefined && !/^en(-|$)/i.test(language)) {
    throw new FhirError(
      'not-supported',
      `displayLanguage ${language.slice(0, 20)}: HCPCS descriptions exist only in English (en)`,
      'displayLanguage',
    );
  }
  const version =
    hcpcsVersion(input.strings('force-system-version'), 'force-system-version') ??
    hcpcsVersion(input.strings('system-version'), 'system-version') ??
    hcpcsVersion(input.strings('check-system-version'), 'check-system-version');
  const date = input.string('date');
  const release = selectRelease(store, { version, date });
  const filter = input.string('filter')?.trim() || undefined;
  const offset = input.wholeNumber('offset', 1_000_000) ?? 0;
  const requested = input.wholeNumber('count', MAX_EXPAND_COUNT);
  const activeOnly = input.boolean('activeOnly') === true;
  const designations = input.boolean('includeDesignations') === true;
  const onDate = date ?? release.effectiveDate;

  let total: number;
  let hits: Hit[];
  if (filter) {
    // The search pages at most MAX_LIMIT hits; a larger count gets a shorter page (the spec lets a
    // server return fewer), with total and offset telling the client how to go on.
    const count = Math.min(requested ?? MAX_LIMIT, MAX_LIMIT);
    const found = searchCodes(store, filter, {
      release: release.key,
      limit: Math.max(count, 1),
      offset,
      status: activeOnly ? 'active' : 'all',
      date: onDate,
    });
    total = found.total;
    hits = (count === 0 ? [] : found.hits).map((h) => ({
      code: h.code,
      display: h.longDescription,
      short: h.shortDescription,
      inactive: h.status !== 'active',
    }));
  } else {
    const index = conceptIndex(store, release);
    const records = index.codes.map((c) => index.records.get(c)).filter((r) => r !== undefined);
    const kept = activeOnly ? records.filter((r) => isActiveOn(r, onDate)) : records;
    total = kept.length;
    const page = kept.slice(offset, offset + (requested ?? MAX_EXPAND_COUNT));
    if (page.length > COSTLY_EXPANSION_CODES) costly(page.length);
    hits = page.map((r) => ({
      code: r.code,
      display: r.longDescription,
      short: r.shortDescription,
      inactive: !isActiveOn(r, onDate),
    }));
  }

  const v = fhirVersion(release);
  const contains: ValueSetExpansionContains[] = hits.map((h) => ({
    system: HCPCS_SYSTEM,
    version: v,
    code: h.code,
    display: h.display,
    ...(h.inactive ? { inactive: true } : {}),
    ...(designations && h.short
      ? { designation: [{ language: 'en', use: { ...SHORT_DESCRIPTION_USE }, value: h.short }] }
      : {}),
  }));
  const parameter: ParametersParameter[] = [{ name: 'version', valueUri: `${HCPCS_SYSTEM}|${v}` }];
  if (filter) parameter.push({ name: 'filter', valueString: filter });
  if (date) parameter.push({ name: 'date', valueDateTime: date });
  if (activeOnly) parameter.push({ name: 'activeOnly', valueBoolean: true });
  if (designations) parameter.push({ name: 'includeDesignations', valueBoolean: true });
  parameter.push({ name: 'offset', valueInteger: offset });
  if (requested !== undefined) parameter.push({ name: 'count', valueInteger: requested });

  // The same request on the same data names the same expansion.
  const identity = [
    releaseCatalog(store).dataVersion,
    release.key,
    filter,
    date,
    activeOnly,
    designations,
    offset,
    requested,
  ];
  const hash = createHash('sha1').update(JSON.stringify(identity)).digest('hex');
  const identifier = `urn:uuid:${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;

  return {
    resourceType: 'ValueSet',
    url: HCPCS_ALL_CODES_VALUE_SET,
    version: v,
    name: 'HCPCSLevelIIAllCodes',
    title: `All HCPCS Level II codes and modifiers, release ${v}`,
    status: 'active',
    compose: { include: [{ system: HCPCS_SYSTEM, version: v }] },
    expansion: {
      identifier,
      timestamp: new Date().toISOString(),
      total,
      offset,
      parameter,
      ...(contains.length > 0 ? { contains } : {}),
    },
  };
}
