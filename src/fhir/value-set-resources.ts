/**
 * The implicit HCPCS value sets as ValueSet resources (R4 RESTful read and search): `hcpcs-all`
 * (`<system>?fhir_vs`) and `hcpcs-isa-X` (`<system>?fhir_vs=isa/X`, X a code or a group concept
 * of the published hierarchy), each in the latest release. A search without `url` lists the
 * all-codes value set and one is-a value set per letter section.
 */
import type { Bundle, ValueSet } from 'fhir/r4.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore } from '../store/store.js';
import { conceptIndex } from './concept-index.js';
import { selectRelease } from './release-catalog.js';
import { implicitOf, implicitValueSet } from './value-set-compose.js';

export const VALUE_SET_SEARCH_PARAMETERS = ['url', 'version', '_id', '_count'] as const;

function isaOfId(id: string): string | undefined | null {
  if (id === 'hcpcs-all') return undefined;
  if (id.startsWith('hcpcs-isa-') && id.length > 10) return id.slice(10);
  return null;
}

function valueSetOf(store: HcpcsStore, isa: string | undefined, version?: string): ValueSet | undefined {
  const release = selectRelease(store, version !== undefined ? { version } : {});
  if (isa !== undefined) {
    const index = conceptIndex(store, release);
    if (!index.records.has(isa) && !index.children.has(isa)) return undefined;
  }
  return implicitValueSet(isa, release);
}

/**
 * GET ValueSet/{id}.
 * @example readValueSet(store, 'hcpcs-isa-J').url // 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs=isa/J'
 */
export function readValueSet(store: HcpcsStore, id: string): ValueSet {
  const isa = isaOfId(id);
  const found = isa === null ? undefined : valueSetOf(store, isa);
  if (!found) {
    throw new FhirError(
      'not-found',
      `ValueSet/${id.slice(0, 64)} is not known: this server has hcpcs-all and hcpcs-isa-X (X a HCPCS code, block or section, e.g. hcpcs-isa-J)`,
    );
  }
  return found;
}

/**
 * GET ValueSet?url=&version=&_id=: a searchset Bundle.
 * @example searchValueSets(store, { url: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs' }, base, self).total // 1
 */
export function searchValueSets(
  store: HcpcsStore,
  query: Record<string, string>,
  base: string,
  self: string,
): Bundle {
  for (const name of Object.keys(query)) {
    if (!(VALUE_SET_SEARCH_PARAMETERS as readonly string[]).includes(name) && name !== '_format') {
      throw new FhirError(
        'not-supported',
        `ValueSet search has no parameter "${name.slice(0, 40)}" (it takes ${VALUE_SET_SEARCH_PARAMETERS.join(', ')})`,
        name,
      );
    }
  }
  let found: (ValueSet | undefined)[];
  if (query.url !== undefined) {
    const implicit = implicitOf(query.url);
    found = implicit ? [valueSetOf(store, implicit.isa, query.version)] : [];
  } else if (query._id !== undefined) {
    const isa = isaOfId(query._id);
    found = isa === null ? [] : [valueSetOf(store, isa, query.version)];
  } else {
    const release = selectRelease(store, query.version !== undefined ? { version: query.version } : {});
    const sections = conceptIndex(store, release).children.get('') ?? [];
    found = [
      implicitValueSet(undefined, release),
      ...sections.filter((s) => /^[A-Z]$/.test(s)).map((s) => implicitValueSet(s, release)),
    ];
  }
  const entries = found.filter((v): v is ValueSet => v !== undefined);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    link: [{ relation: 'self', url: self }],
    entry: entries.map((resource) => ({
      fullUrl: `${base}/ValueSet/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
