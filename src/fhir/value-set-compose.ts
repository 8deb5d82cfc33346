/**
 * Value sets over HCPCS Level II: the implicit ones a code system defines (R4 CodeSystem "?fhir_vs":
 * `<system>?fhir_vs` for every code, `<system>?fhir_vs=isa/X` for X and what it subsumes), and a
 * ValueSet sent with the request (R4 `valueSet` parameter, or the terminology ecosystem's
 * `tx-resource` named by `url`) whose compose this server evaluates: `include.concept`,
 * `include.filter` on the published properties and the hierarchy (`=`, `in`, `not-in`, `exists`,
 * `regex`, `is-a`, `descendent-of`, `is-not-a`), `include.valueSet` naming an implicit value set,
 * `exclude`, several includes and a `version` per include (a release). A compose over another
 * system is refused `not-supported` naming it. Group concepts are abstract and never members.
 */
import type { ValueSet, ValueSetComposeInclude, ValueSetComposeIncludeFilter } from 'fhir/r4.js';
import { normalizeCode } from '../code.js';
import type { HcpcsRecord } from '../model.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { conceptIndex } from './concept-index.js';
import { ancestorCodes, isGroupCode } from './hierarchy.js';
import type { OperationInput, ResourceValue } from './parameters.js';
import { PROPERTY_DEFINITIONS, recordProperties } from './properties.js';
import { fhirVersion, selectRelease } from './release-catalog.js';
import { HCPCS_ALL_CODES_VALUE_SET, HCPCS_SYSTEM, isHcpcsSystem } from './system.js';

/** One member of a value set: a code and the release it is taken from. */
export interface Member {
  readonly record: HcpcsRecord;
  readonly release: ReleaseInfo;
}

/** A value set as the operations use it. */
export interface ValueSetScope {
  /** The canonical URL (with `|version` when one was asked) for messages and echoes. */
  readonly url: string;
  /** The ValueSet resource itself (its compose), for the answer of $expand and for reads. */
  readonly resource: ValueSet;
  /** False for the implicit all-codes value set: every code of the release is a member. */
  readonly explicit: boolean;
  /** The release a `valueSetVersion` (or the URL's `|version`) of an implicit value set pins. */
  readonly release?: ReleaseInfo;
  /** The release holding a code as a member, or undefined when it is not one. */
  member(code: string): ReleaseInfo | undefined;
  /** Every member, in include order (codes in CMS file order within an include). */
  members(): readonly Member[];
}

const IS_A = '?fhir_vs=isa/';

/** The FHIR id of an implicit value set: `hcpcs-all`, `hcpcs-isa-J1600-J1699`. */
export function implicitValueSetId(isa: string | undefined): string {
  return isa === undefined ? 'hcpcs-all' : `hcpcs-isa-${isa}`;
}

/** Splits `url|version`. */
function canonical(url: string): { url: string; version?: string } {
  const bar = url.indexOf('|');
  return bar < 0 ? { url } : { url: url.slice(0, bar), version: url.slice(bar + 1) };
}

/**
 * What an implicit value set URL names: `{ isa: undefined }` for all codes, `{ isa: 'J' }` for
 * is-a J; undefined when the URL is no implicit HCPCS value set.
 * @example implicitOf('http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs=isa/J') // { isa: 'J' }
 */
export function implicitOf(url: string): { isa: string | undefined } | undefined {
  const q = url.indexOf('?');
  if (q <= 0 || !isHcpcsSystem(url.slice(0, q))) return undefined;
  const rest = url.slice(q);
  if (rest === '?fhir_vs') return { isa: undefined };
  if (rest.startsWith(IS_A) && rest.length > IS_A.length)
    return { isa: normalizeCode(rest.slice(IS_A.length)) };
  return undefined;
}

/** The ValueSet resource of an implicit value set in a release. */
export function implicitValueSet(isa: string | undefined, release: ReleaseInfo | undefined): ValueSet {
  const version = release ? fhirVersion(release) : undefined;
  const include: ValueSetComposeInclude = {
    system: HCPCS_SYSTEM,
    ...(version ? { version } : {}),
    ...(isa ? { filter: [{ property: 'concept', op: 'is-a', value: isa }] } : {}),
  };
  return {
    resourceType: 'ValueSet',
    id: implicitValueSetId(isa),
    url: isa ? `${HCPCS_SYSTEM}${IS_A}${isa}` : HCPCS_ALL_CODES_VALUE_SET,
    ...(version ? { version } : {}),
    name: isa ? `HCPCSLevelIIIsA${isa.replace(/[^A-Za-z0-9]/g, '')}` : 'HCPCSLevelIIAllCodes',
    title: isa
      ? `HCPCS Level II codes under ${isa}${version ? `, release ${version}` : ''}`
      : `All HCPCS Level II codes and modifiers${version ? `, release ${version}` : ''}`,
    status: 'active',
    compose: { include: [include] },
  };
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

const HIERARCHY_PROPERTIES = new Set(['concept', 'code']);
const PROPERTY_CODES = new Set(PROPERTY_DEFINITIONS.map((p) => p.code));

function isA(code: string, ancestor: string): boolean {
  return code === ancestor || ancestorCodes(code).includes(ancestor);
}

function regexOf(pattern: string, where: string): RegExp {
  if (pattern.length > 200)
    throw new FhirError('too-long', `${where}: a regex of more than 200 characters`, where);
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw new FhirError('invalid', `${where}: "${clip(pattern)}" is not a regular expression`, where);
  }
}

/** A compose filter as a test on a record of a release. */
function filterTest(
  filter: ValueSetComposeIncludeFilter,
  where: string,
): (record: HcpcsRecord, release: ReleaseInfo) => boolean {
  const { property, op, value } = filter;
  if (typeof property !== 'string' || typeof op !== 'string' || typeof value !== 'string') {
    throw new FhirError('required', `${where}: a filter needs property, op and value`, where);
  }
  const list = () => value.split(',').map(normalizeCode);
  if (HIERARCHY_PROPERTIES.has(property)) {
    const target = normalizeCode(value);
    switch (op) {
      case 'is-a':
        return (r) => isA(r.code, target);
      case 'descendent-of':
        return (r) => r.code !== target && isA(r.code, target);
      case 'is-not-a':
        return (r) => !isA(r.code, target);
      case '=':
        return (r) => r.code === target;
      case 'in':
        return (r) => list().includes(r.code);
      case 'not-in':
        return (r) => !list().includes(r.code);
      case 'regex': {
        const re = regexOf(value, where);
        return (r) => re.test(r.code);
      }
      default:
        throw new FhirError(
          'not-supported',
          `${where}: op "${clip(op, 20)}" on ${property} is not supported (is-a, descendent-of, is-not-a, =, in, not-in, regex)`,
          where,
        );
    }
  }
  if (!PROPERTY_CODES.has(property)) {
    throw new FhirError(
      'not-supported',
      `${where}: property "${clip(property, 40)}" is not a property of HCPCS Level II (concept, code, ${[...PROPERTY_CODES].join(', ')})`,
      where,
    );
  }
  const values = (r: HcpcsRecord, release: ReleaseInfo) =>
    recordProperties(r, release.effectiveDate)
      .filter((p) => p.code === property)
      .map((p) => String(p.value));
  switch (op) {
    case '=':
      return (r, rel) => values(r, rel).includes(value);
    case 'in': {
      const wanted = value.split(',').map((v) => v.trim());
      return (r, rel) => values(r, rel).some((v) => wanted.includes(v));
    }
    case 'not-in': {
      const unwanted = value.split(',').map((v) => v.trim());
      return (r, rel) => !values(r, rel).some((v) => unwanted.includes(v));
    }
    case 'exists':
      if (value !== 'true' && value !== 'false')
        throw new FhirError('invalid', `${where}: exists takes true or false`, where);
      return (r, rel) => values(r, rel).length > 0 === (value === 'true');
    case 'regex': {
      const re = regexOf(value, where);
      return (r, rel) => values(r, rel).some((v) => re.test(v));
    }
    default:
      throw new FhirError(
        'not-supported',
        `${where}: op "${clip(op, 20)}" on ${property} is not supported (=, in, not-in, exists, regex)`,
        where,
      );
  }
}

/** The members one include (or exclude) selects. */
function selectInclude(
  store: HcpcsStore,
  include: ValueSetComposeInclude,
  where: string,
  date: string | undefined,
  pinned: ReleaseInfo | undefined,
): Member[] {
  const tests: ((record: HcpcsRecord, release: ReleaseInfo) => boolean)[] = [];
  for (const [i, nested] of (include.valueSet ?? []).entries()) {
    const implicit = implicitOf(canonical(nested).url);
    if (!implicit) {
      throw new FhirError(
        'not-supported',
        `${where}.valueSet[${i}]: value set ${clip(nested)} is not known here: a compose may name only the implicit HCPCS value sets (${HCPCS_ALL_CODES_VALUE_SET}, ${HCPCS_SYSTEM}${IS_A}X)`,
        `${where}.valueSet[${i}]`,
      );
    }
    if (implicit.isa) {
      const isa = implicit.isa;
      tests.push((r) => isA(r.code, isa));
    }
  }
  if (include.system === undefined && tests.length === 0) {
    throw new FhirError('required', `${where}: an include needs a system or a valueSet`, where);
  }
  if (include.system !== undefined && !isHcpcsSystem(include.system)) {
    throw new FhirError(
      'not-supported',
      `${where}.system: code system ${clip(include.system)} is not supported: this server holds only HCPCS Level II (${HCPCS_SYSTEM})`,
      `${where}.system`,
    );
  }
  const release =
    include.version !== undefined
      ? selectRelease(store, { version: include.version })
      : (pinned ?? selectRelease(store, { date }));
  for (const [i, filter] of (include.filter ?? []).entries())
    tests.push(filterTest(filter, `${where}.filter[${i}]`));
  const index = conceptIndex(store, release);
  const concepts = include.concept ?? [];
  const records: HcpcsRecord[] =
    concepts.length > 0
      ? concepts
          .map((c) => (typeof c.code === 'string' ? index.records.get(normalizeCode(c.code)) : undefined))
          .filter((r): r is HcpcsRecord => r !== undefined)
      : index.codes.map((c) => index.records.get(c) as HcpcsRecord);
  return records.filter((r) => tests.every((t) => t(r, release))).map((record) => ({ record, release }));
}

/**
 * The members of a ValueSet's compose, includes in order, without the excluded codes.
 * @example composeMembers(store, { resourceType: 'ValueSet', status: 'active', compose: { include: [{ system, concept: [{ code: 'J1640' }] }] } }) // [{ record: J1640, release }]
 */
export function composeMembers(
  store: HcpcsStore,
  valueSet: ValueSet,
  date: string | undefined,
  pinned?: ReleaseInfo,
): Member[] {
  const compose = valueSet.compose;
  if (!compose || !Array.isArray(compose.include) || compose.include.length === 0) {
    throw new FhirError(
      'not-supported',
      'valueSet: only a ValueSet with a compose (include) can be evaluated here; an expansion alone is not used',
      'valueSet.compose',
    );
  }
  const seen = new Set<string>();
  const out: Member[] = [];
  for (const [i, include] of compose.include.entries()) {
    for (const m of selectInclude(store, include, `ValueSet.compose.include[${i}]`, date, pinned)) {
      if (seen.has(m.record.code)) continue;
      seen.add(m.record.code);
      out.push(m);
    }
  }
  const excluded = new Set<string>();
  for (const [i, exclude] of (compose.exclude ?? []).entries()) {
    for (const m of selectInclude(store, exclude, `ValueSet.compose.exclude[${i}]`, date, pinned))
      excluded.add(m.record.code);
  }
  return excluded.size > 0 ? out.filter((m) => !excluded.has(m.record.code)) : out;
}

function scopeOf(
  store: HcpcsStore,
  resource: ValueSet,
  url: string,
  explicit: boolean,
  date: string | undefined,
  release: ReleaseInfo | undefined,
): ValueSetScope {
  let held: Member[] | undefined;
  let byCode: Map<string, ReleaseInfo> | undefined;
  const members = () => {
    held ??= composeMembers(store, resource, date, release);
    return held;
  };
  return {
    url,
    resource,
    explicit,
    ...(release ? { release } : {}),
    member(code) {
      if (!explicit) {
        const r = release ?? selectRelease(store, { date });
        return isGroupCode(code) ? undefined : r;
      }
      byCode ??= new Map(members().map((m) => [m.record.code, m.release]));
      return byCode.get(code);
    },
    members,
  };
}

/**
 * The value set an operation call names: `valueSet` (a resource), else `url` (optionally
 * `|version`) naming an implicit value set or a `tx-resource` ValueSet sent along.
 * `valueSetVersion` pins the release of an implicit value set.
 * @example resolveValueSet(store, input, '$expand').url // 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs'
 */
export function resolveValueSet(store: HcpcsStore, input: OperationInput, operation: string): ValueSetScope {
  const date = input.string('date');
  const given = input.resources('valueSet')[0];
  const asked = input.string('url');
  const checkValueSet = (r: ResourceValue, where: string): ValueSet => {
    if (r.resourceType !== 'ValueSet')
      throw new FhirError(
        'invalid',
        `${where}: expected a ValueSet, not a ${clip(r.resourceType, 40)}`,
        where,
      );
    return r as unknown as ValueSet;
  };
  if (given) {
    const vs = checkValueSet(given, 'valueSet');
    return scopeOf(store, vs, vs.url ?? asked ?? 'valueSet', true, date, undefined);
  }
  if (asked === undefined) {
    throw new FhirError(
      'required',
      `${operation} needs url or valueSet (this server has ${HCPCS_ALL_CODES_VALUE_SET} and ${HCPCS_SYSTEM}${IS_A}X)`,
      'url',
    );
  }
  const { url, version: urlVersion } = canonical(asked);
  const version = input.string('valueSetVersion') ?? urlVersion;
  const implicit = implicitOf(url);
  if (implicit) {
    const release = version !== undefined ? selectRelease(store, { version }) : undefined;
    if (implicit.isa !== undefined) {
      const isa = implicit.isa;
      const index = conceptIndex(store, release ?? selectRelease(store, { date }));
      if (!index.records.has(isa) && !index.children.has(isa)) {
        throw new FhirError(
          'not-found',
          `value set ${clip(asked)}: ${clip(isa, 20)} is not a HCPCS code or group in release ${fhirVersion(index.release)}`,
          'url',
        );
      }
    }
    const resource = implicitValueSet(implicit.isa, release);
    return scopeOf(
      store,
      resource,
      version ? `${url}|${version}` : url,
      implicit.isa !== undefined,
      date,
      release,
    );
  }
  for (const [i, r] of input.resources('tx-resource').entries()) {
    if (r.resourceType !== 'ValueSet') continue;
    const vs = checkValueSet(r, `tx-resource[${i}]`);
    if (vs.url === url && (version === undefined || vs.version === undefined || vs.version === version)) {
      return scopeOf(store, vs, asked, true, date, undefined);
    }
  }
  throw new FhirError(
    'not-found',
    `value set "${clip(asked, 100)}" is not known: this server has ${HCPCS_ALL_CODES_VALUE_SET}, ${HCPCS_SYSTEM}${IS_A}X, and value sets sent as valueSet or tx-resource`,
    'url',
  );
}
