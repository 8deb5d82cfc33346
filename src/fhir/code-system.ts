/**
 * The HCPCS CodeSystem resource of a release (one CodeSystem per imported release and revision,
 * `version` = release id), with the properties of {@link PROPERTY_DEFINITIONS}, and its concepts,
 * nested by the published hierarchy, when a client asks for them.
 */
import type { CodeSystem, CodeSystemConcept, CodeSystemConceptProperty } from 'fhir/r4.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import type { ConceptIndex } from './concept-index.js';
import { groupDisplay } from './hierarchy.js';
import { PAYMENT_PROPERTY_DEFINITIONS } from './payment-properties.js';
import { PROPERTY_DEFINITIONS, recordProperties, valueKey } from './properties.js';
import { fhirVersion } from './release-catalog.js';
import { HCPCS_OID, HCPCS_SYSTEM } from './system.js';

/** The designation use of a short description (SNOMED CT "Synonym", as terminology servers use it). */
export const SHORT_DESCRIPTION_USE = {
  system: 'http://snomed.info/sct',
  code: '900000000000013009',
  display: 'Synonym (core metadata concept)',
} as const;

/**
 * The resource id of a release's CodeSystem.
 * @example codeSystemId({ id: '2025-10', key: '2025-10_v1', superseded: true }) // 'hcpcs-2025-10-v1'
 */
export function codeSystemId(release: Pick<ReleaseInfo, 'id' | 'key' | 'superseded'>): string {
  return `hcpcs-${fhirVersion(release).replace('_', '-')}`;
}

/** The release behind a CodeSystem id, or undefined. */
export function releaseOfCodeSystemId(store: HcpcsStore, id: string): ReleaseInfo | undefined {
  return store.catalog().releases.find((r) => codeSystemId(r) === id);
}

function conceptOf(index: ConceptIndex, code: string): CodeSystemConcept {
  const record = index.records.get(code);
  if (!record) {
    return {
      code,
      display: groupDisplay(code),
      property: [{ code: 'notSelectable', valueBoolean: true }],
      concept: (index.children.get(code) ?? []).map((child) => conceptOf(index, child)),
    };
  }
  return {
    code,
    display: record.longDescription,
    ...(record.shortDescription
      ? {
          designation: [
            { language: 'en', use: { ...SHORT_DESCRIPTION_USE }, value: record.shortDescription },
          ],
        }
      : {}),
    property: recordProperties(record, index.release.effectiveDate).map(
      (p) => ({ code: p.code, [valueKey(p.type)]: p.value }) as CodeSystemConceptProperty,
    ),
  };
}

/** Top-level concepts: the letter sections, then the codes outside the hierarchy (modifiers). */
function concepts(index: ConceptIndex): CodeSystemConcept[] {
  const top = index.children.get('') ?? [];
  const inHierarchy = new Set(top);
  const outside = index.codes.filter((c) => index.records.get(c)?.kind === 'modifier' && !inHierarchy.has(c));
  return [...top, ...outside].map((code) => conceptOf(index, code));
}

/**
 * The CodeSystem of a release; with `index`, its concepts too (content `complete`), else none
 * (content `not-present`, `count` still the number of codes). The concepts are the release as CMS's
 * corrections lists leave it (concept-index.ts): `added` codes the file lacks are counted too
 * (given by the index when there is one; codesAddedByCorrections otherwise).
 * @example codeSystemResource(release).url // 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'
 */
export function codeSystemResource(
  release: ReleaseInfo,
  index?: ConceptIndex,
  added = index?.added ?? 0,
): CodeSystem {
  const version = fhirVersion(release);
  const corrected =
    added > 0
      ? ` CMS's corrections lists to this quarter add ${added} codes the file lacks; the concepts are the release as corrected on its first day.`
      : '';
  return {
    resourceType: 'CodeSystem',
    id: codeSystemId(release),
    meta: { lastUpdated: release.importedAt },
    url: HCPCS_SYSTEM,
    identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:oid:${HCPCS_OID}` }],
    version,
    name: 'HCPCSLevelII',
    title: `HCPCS Level II (CMS Alpha-Numeric HCPCS), release ${version}`,
    status: release.superseded ? 'retired' : 'active',
    experimental: false,
    date: release.effectiveDate,
    publisher: 'Centers for Medicare & Medicaid Services (CMS)',
    description: `The CMS Healthcare Common Procedure Coding System Level II codes and modifiers of release ${release.key}, effective ${release.effectiveDate}, read from ${release.sourceOfRecord.split('/').at(-1)}: ${release.counts.procedures} procedure codes and ${release.counts.modifiers} modifiers (${release.counts.active} active, ${release.counts.terminated} terminated).${corrected} Concepts are grouped by letter section and hundred-block (abstract grouping concepts).`,
    copyright: 'HCPCS Level II codes and descriptions are published by CMS and are in the public domain.',
    caseSensitive: false,
    hierarchyMeaning: 'is-a',
    compositional: false,
    versionNeeded: false,
    content: index ? 'complete' : 'not-present',
    count: release.counts.records + added,
    property: [...PROPERTY_DEFINITIONS, ...PAYMENT_PROPERTY_DEFINITIONS].map((p) => ({ ...p })),
    ...(index ? { concept: concepts(index) } : {}),
  };
}
