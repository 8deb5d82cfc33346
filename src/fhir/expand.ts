/**
 * ValueSet/$expand (ValueSet-expand) of a value set over HCPCS (see value-set-compose.ts): the
 * implicit all-codes value set (`<system>?fhir_vs`), an implicit is-a value set, or one sent
 * inline. For all codes, without `filter` the codes come in CMS file order; with `filter` the same
 * search as `/api/search` ranks them (codes, prefixes, words, abbreviations, typos). Paging follows
 * the spec: `offset` codes are skipped, at most `count` returned, `total` counts them all, and
 * `count=0` returns only the total. `activeOnly` keeps codes active on `date` (default: the
 * release's effective date); `date` also picks the release in effect that day; `system-version` /
 * `force-system-version` pick a release; `includeDesignations` adds the short description. The
 * expansion echoes the parameters that shaped it with `used-codesystem` (terminology ecosystem
 * convention), and says which R4 parameters it accepted without using them.
 */
import { createHash } from 'node:crypto';
import type { ParametersParameter, ValueSet, ValueSetExpansionContains } from 'fhir/r4.js';
import { isActiveOn } from '../model.js';
import { FhirError } from '../outcomes.js';
import { MAX_LIMIT, searchCodes } from '../search/search-codes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { SHORT_DESCRIPTION_USE } from './code-system.js';
import { conceptIndex } from './concept-index.js';
import type { OperationInput, ParamSpec } from './parameters.js';
import { fhirVersion, selectRelease } from './release-catalog.js';
import { HCPCS_SYSTEM, isHcpcsSystem } from './system.js';
import { implicitValueSet, resolveValueSet } from './value-set-compose.js';

export const EXPAND_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'valueSet', type: 'Resource' },
  { name: 'valueSetVersion', type: 'string' },
  { name: 'context', type: 'uri' },
  { name: 'contextDirection', type: 'code' },
  { name: 'filter', type: 'string' },
  { name: 'date', type: 'date' },
  { name: 'offset', type: 'integer' },
  { name: 'count', type: 'integer' },
  { name: 'includeDesignations', type: 'boolean' },
  { name: 'designation', type: 'string', repeats: true },
  { name: 'includeDefinition', type: 'boolean' },
  { name: 'activeOnly', type: 'boolean' },
  { name: 'excludeNested', type: 'boolean' },
  { name: 'excludeNotForUI', type: 'boolean' },
  { name: 'excludePostCoordinated', type: 'boolean' },
  { name: 'displayLanguage', type: 'code' },
  { name: 'exclude-system', type: 'uri', repeats: true },
  { name: 'system-version', type: 'uri', repeats: true },
  { name: 'check-system-version', type: 'uri', repeats: true },
  { name: 'force-system-version', type: 'uri', repeats: true },
  // Terminology ecosystem parameters (HL7 FHIR Tooling IG).
  { name: 'property', type: 'code', repeats: true },
  { name: 'tx-resource', type: 'Resource', repeats: true },
  { name: 'default-to-latest-version', type: 'boolean' },
];

/** Most codes one page may hold without a filter (a whole release holds about 9,000). */
export const MAX_EXPAND_COUNT = 10_000;

interface Hit {
  readonly code: string;
  readonly display: string;
  readonly short: string | null;
  readonly inactive: boolean;
  /** The release of a member of a compose with a version per include. */
  readonly version?: string;
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

/** Expansion parameters echoed back as given (R4 ValueSet.expansion.parameter: "A parameter that controlled the expansion process"). */
const ECHOED = [
  'filter',
  'date',
  'activeOnly',
  'includeDesignations',
  'designation',
  'includeDefinition',
  'excludeNested',
  'excludeNotForUI',
  'excludePostCoordinated',
  'displayLanguage',
  'exclude-system',
  'system-version',
  'check-system-version',
  'force-system-version',
  'property',
  'default-to-latest-version',
  'valueSetVersion',
] as const;

/** Parameters R4 defines that change nothing here, each with why (said in the expansion). */
const NOT_USED: Record<string, string> = {
  context: 'this server has no value sets bound to elements',
  contextDirection: 'this server has no value sets bound to elements',
  excludeNested: 'expansions are flat (TerminologyCapabilities expansion.hierarchical false)',
  excludeNotForUI: 'every HCPCS code is for use in a UI; group concepts are never in an expansion',
  excludePostCoordinated: 'HCPCS Level II has no post-coordination',
  includeDefinition: 'HCPCS codes have no definitions besides their descriptions',
  designation: 'HCPCS has one designation, the short description (includeDesignations)',
  property: 'the properties of a code are given by CodeSystem/$lookup',
};

function echoOf(input: OperationInput, name: string): ParametersParameter[] {
  const spec = EXPAND_PARAMETERS.find((p) => p.name === name);
  if (!spec || !input.has(name)) return [];
  if (spec.type === 'boolean') return [{ name, valueBoolean: input.boolean(name) as boolean }];
  if (spec.type === 'date') return [{ name, valueDateTime: input.string(name) as string }];
  if (spec.type === 'uri') return input.strings(name).map((v) => ({ name, valueUri: v }));
  if (spec.type === 'code') return input.strings(name).map((v) => ({ name, valueCode: v }));
  return input.strings(name).map((v) => ({ name, valueString: v }));
}

function matchesText(words: readonly string[], h: Hit): boolean {
  const text = `${h.code} ${h.display} ${h.short ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

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
  const scope = resolveValueSet(store, input, '$expand');
  const version =
    hcpcsVersion(input.strings('force-system-version'), 'force-system-version') ??
    hcpcsVersion(input.strings('system-version'), 'system-version') ??
    hcpcsVersion(input.strings('check-system-version'), 'check-system-version');
  const date = input.string('date');
  const release = scope.release ?? selectRelease(store, { version, date });
  const filter = input.string('filter')?.trim() || undefined;
  const offset = input.wholeNumber('offset', 1_000_000) ?? 0;
  const asked = input.integer('count');
  if (asked !== undefined && asked < 0) throw new FhirError('invalid', `count: ${asked} is below 0`, 'count');
  // R4 $expand count: "the server may return fewer"; a count above the page limit is clamped and said.
  const requested = asked === undefined ? undefined : Math.min(asked, MAX_EXPAND_COUNT);
  const activeOnly = input.boolean('activeOnly') === true;
  const designations = input.boolean('includeDesignations') === true;
  const onDate = date ?? release.effectiveDate;
  const excluded = input.strings('exclude-system').some((s) => isHcpcsSystem(s.split('|')[0] as string));
  const notes: string[] = [];
  if (asked !== undefined && requested !== asked) {
    notes.push(
      `count ${asked} is above the page limit ${MAX_EXPAND_COUNT}: at most ${MAX_EXPAND_COUNT} codes are returned`,
    );
  }
  const language = input.string('displayLanguage');
  if (language !== undefined && !/^en(-|$)/i.test(language)) {
    notes.push(
      `displayLanguage ${language.slice(0, 20)}: HCPCS descriptions exist only in English, so displays are in English`,
    );
  }
  for (const name of input.names()) {
    const why = NOT_USED[name];
    if (why) notes.push(`${name} was accepted and not used: ${why}`);
  }

  let total: number;
  let hits: Hit[];
  const used = new Set<ReleaseInfo>();
  if (excluded) {
    total = 0;
    hits = [];
  } else if (scope.explicit) {
    const members = scope.members().map((m) => ({
      hit: {
        code: m.record.code,
        display: m.record.longDescription,
        short: m.record.shortDescription,
        inactive: !isActiveOn(m.record, date ?? m.release.effectiveDate),
        version: fhirVersion(m.release),
      },
      release: m.release,
    }));
    const words = filter?.toLowerCase().split(/\s+/) ?? [];
    const kept = members.filter((m) => (!activeOnly || !m.hit.inactive) && matchesText(words, m.hit));
    for (const m of kept) used.add(m.release);
    if (kept.length === 0) used.add(release);
    total = kept.length;
    const page = kept.slice(offset, offset + (requested ?? MAX_EXPAND_COUNT));
    if (page.length > COSTLY_EXPANSION_CODES) costly(page.length);
    hits = page.map((m) => m.hit);
  } else if (filter) {
    used.add(release);
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
    used.add(release);
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
    version: h.version ?? v,
    code: h.code,
    display: h.display,
    ...(h.inactive ? { inactive: true } : {}),
    ...(designations && h.short
      ? { designation: [{ language: 'en', use: { ...SHORT_DESCRIPTION_USE }, value: h.short }] }
      : {}),
  }));
  const usedVersions = [...used].map((r) => `${HCPCS_SYSTEM}|${fhirVersion(r)}`);
  const parameter: ParametersParameter[] = [
    ...usedVersions.map((u) => ({ name: 'version', valueUri: u })),
    ...usedVersions.map((u) => ({ name: 'used-codesystem', valueUri: u })),
  ];
  for (const name of ECHOED) parameter.push(...echoOf(input, name));
  parameter.push({ name: 'offset', valueInteger: offset });
  if (requested !== undefined) parameter.push({ name: 'count', valueInteger: requested });
  for (const note of notes) parameter.push({ name: 'warning', valueString: note });

  // The same request on the same data names the same expansion.
  const identity = [
    store.catalog().dataVersion,
    scope.url,
    scope.explicit ? JSON.stringify(scope.resource.compose) : '',
    release.key,
    filter,
    date,
    activeOnly,
    designations,
    offset,
    requested,
    excluded,
  ];
  const hash = createHash('sha1').update(JSON.stringify(identity)).digest('hex');
  const identifier = `urn:uuid:${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;

  const {
    id: _id,
    expansion: _old,
    ...resource
  } = scope.explicit ? scope.resource : implicitValueSet(undefined, release);
  return {
    ...resource,
    resourceType: 'ValueSet',
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
