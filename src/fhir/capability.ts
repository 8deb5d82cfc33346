/**
 * What this terminology server can do: the CapabilityStatement of `GET /fhir/metadata` and the
 * TerminologyCapabilities of `GET /fhir/metadata?mode=terminology` (FHIR R4 "Capability
 * Statement", terminology-server profile).
 */
import type { CapabilityStatement, TerminologyCapabilities } from 'fhir/r4.js';
import type { HcpcsStore } from '../store/store.js';
import { PAYMENT_PROPERTY_DEFINITIONS } from './payment-properties.js';
import { PROPERTY_DEFINITIONS } from './properties.js';
import { fhirVersion } from './release-catalog.js';
import { HCPCS_SYSTEM } from './system.js';
import { HCPCS_XREF_CONCEPT_MAP } from './translate.js';

export const SOFTWARE = { name: 'hcpcs', version: '0.1.0' } as const;

const OPERATION = 'http://hl7.org/fhir/OperationDefinition';

function statementDate(store: HcpcsStore): string {
  return store
    .catalog()
    .releases.reduce((d, r) => (r.importedAt > d ? r.importedAt : d), '2026-01-01T00:00:00.000Z');
}

/** What both metadata resources say about this server, in their element order (FHIR R4). */
function serverIdentity(store: HcpcsStore, url: string) {
  return {
    id: 'hcpcs-terminology-server',
    url,
    version: SOFTWARE.version,
    name: 'HCPCSTerminologyServer',
    title: 'HCPCS Level II terminology server',
    status: 'active' as const,
    experimental: false,
    date: statementDate(store),
  };
}

/**
 * The CapabilityStatement.
 * @example capabilityStatement(store, 'http://localhost:8080/fhir').fhirVersion // '4.0.1'
 */
export function capabilityStatement(store: HcpcsStore, baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    ...serverIdentity(store, `${baseUrl}/metadata`),
    publisher: 'hcpcs',
    description:
      'Read-only FHIR R4 terminology server for CMS HCPCS Level II: one CodeSystem per imported release, $lookup, $validate-code, $subsumes; $expand and $validate-code of the implicit value sets and of value sets over HCPCS sent inline; ConceptMap/$translate over CMS cross references; batch Bundles.',
    kind: 'instance',
    instantiates: ['http://hl7.org/fhir/CapabilityStatement/terminology-server'],
    software: { ...SOFTWARE },
    implementation: { description: 'hcpcs FHIR R4 terminology server', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: 'GET and POST (a Parameters body, application/fhir+json) for every operation.',
        resource: [
          {
            type: 'CodeSystem',
            profile: 'http://hl7.org/fhir/StructureDefinition/CodeSystem',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: '_id', type: 'token' },
              { name: 'url', type: 'uri' },
              { name: 'version', type: 'token' },
              { name: 'name', type: 'string' },
              { name: 'title', type: 'string' },
              { name: 'status', type: 'token' },
              { name: 'system', type: 'uri' },
              { name: 'code', type: 'token' },
              { name: 'date', type: 'date' },
              { name: 'identifier', type: 'token' },
            ],
            operation: [
              { name: 'lookup', definition: `${OPERATION}/CodeSystem-lookup` },
              { name: 'validate-code', definition: `${OPERATION}/CodeSystem-validate-code` },
              { name: 'subsumes', definition: `${OPERATION}/CodeSystem-subsumes` },
            ],
          },
          {
            type: 'ValueSet',
            profile: 'http://hl7.org/fhir/StructureDefinition/ValueSet',
            documentation:
              'The implicit value sets hcpcs-all (?fhir_vs) and hcpcs-isa-X (?fhir_vs=isa/X); $expand and $validate-code also take a ValueSet over HCPCS as valueSet or tx-resource.',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: '_id', type: 'token' },
              { name: 'url', type: 'uri' },
              { name: 'version', type: 'token' },
            ],
            operation: [
              { name: 'expand', definition: `${OPERATION}/ValueSet-expand` },
              { name: 'validate-code', definition: `${OPERATION}/ValueSet-validate-code` },
            ],
          },
          {
            type: 'ConceptMap',
            profile: 'http://hl7.org/fhir/StructureDefinition/ConceptMap',
            documentation: `CMS cross references (record layout field 15) as the concept map ${HCPCS_XREF_CONCEPT_MAP}.`,
            operation: [{ name: 'translate', definition: `${OPERATION}/ConceptMap-translate` }],
          },
        ],
        interaction: [
          { code: 'batch', documentation: 'GET and POST entries; transaction is refused (read-only).' },
        ],
      },
    ],
  };
}

/**
 * The TerminologyCapabilities.
 * @example terminologyCapabilities(store, base).codeSystem?.[0]?.uri // 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'
 */
export function terminologyCapabilities(store: HcpcsStore, baseUrl: string): TerminologyCapabilities {
  const catalog = store.catalog();
  return {
    resourceType: 'TerminologyCapabilities',
    ...serverIdentity(store, `${baseUrl}/metadata?mode=terminology`),
    kind: 'instance',
    software: { ...SOFTWARE },
    implementation: { description: 'hcpcs FHIR R4 terminology server', url: baseUrl },
    lockedDate: false,
    codeSystem: [
      {
        uri: HCPCS_SYSTEM,
        version: catalog.releases.map((r) => ({
          code: fhirVersion(r),
          isDefault: r === catalog.latest,
          compositional: false,
          language: ['en'],
          property: [...PROPERTY_DEFINITIONS, ...PAYMENT_PROPERTY_DEFINITIONS].map((p) => p.code),
        })),
        subsumption: true,
      },
    ],
    expansion: {
      hierarchical: false,
      paging: true,
      incomplete: false,
      parameter: [
        { name: 'filter' },
        { name: 'count' },
        { name: 'offset' },
        { name: 'activeOnly' },
        { name: 'date' },
        { name: 'includeDesignations' },
        { name: 'system-version' },
        { name: 'force-system-version' },
        { name: 'check-system-version' },
        { name: 'valueSetVersion' },
        { name: 'displayLanguage' },
        { name: 'exclude-system' },
        { name: 'valueSet' },
        { name: 'tx-resource' },
      ],
      textFilter:
        'filter is the HCPCS search: codes (exact, prefix, J1000-J1099 ranges, modifiers), words as prefixes, CMS abbreviations, one-edit typos; ranked, exact codes first.',
    },
    codeSearch: 'all',
    validateCode: { translations: false },
    translation: { needsMap: false },
  };
}
