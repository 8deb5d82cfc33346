/**
 * ConceptMap/$translate (FHIR R4 OperationDefinition ConceptMap-translate) over CMS's Cross
 * Reference Code (record layout field 15, XREF): a code names the codes that replace it or that
 * CMS relates it to, typically a terminated code naming its successor. Forward, a code gives its
 * cross references; with `reverse=true`, the codes whose cross references name it. Both are
 * HCPCS -> HCPCS, equivalence `relatedto` (R4 ConceptMapEquivalence: CMS does not say whether a
 * successor is wider or narrower).
 */
import type { Parameters, ParametersParameter } from 'fhir/r4.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore } from '../store/store.js';
import { conceptIndex } from './concept-index.js';
import { codedInput, requireHcpcsSystem } from './concepts.js';
import { notInRelease } from './lookup.js';
import type { OperationInput, ParamSpec } from './parameters.js';
import { fhirVersion, selectRelease } from './release-catalog.js';
import { HCPCS_SYSTEM, isHcpcsSystem } from './system.js';

/** The canonical URL of the cross-reference map (after the `?fhir_vs` convention of implicit value sets). */
export const HCPCS_XREF_CONCEPT_MAP = `${HCPCS_SYSTEM}?fhir_cm=xref`;

export const TRANSLATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'conceptMapVersion', type: 'string' },
  { name: 'code', type: 'code' },
  { name: 'system', type: 'uri' },
  { name: 'version', type: 'string' },
  { name: 'source', type: 'uri' },
  { name: 'coding', type: 'Coding' },
  { name: 'codeableConcept', type: 'CodeableConcept' },
  { name: 'target', type: 'uri' },
  { name: 'targetsystem', type: 'uri' },
  { name: 'reverse', type: 'boolean' },
  { name: 'date', type: 'date' },
];

/**
 * $translate.
 * @example translate(store, input) // Parameters: result true, match relatedto G0500 for a terminated code
 */
export function translate(store: HcpcsStore, input: OperationInput): Parameters {
  const url = input.string('url');
  if (url !== undefined && url.split('|')[0] !== HCPCS_XREF_CONCEPT_MAP) {
    throw new FhirError(
      'not-found',
      `concept map "${url.slice(0, 100)}" is not known: this server has ${HCPCS_XREF_CONCEPT_MAP} (CMS cross references)`,
      'url',
    );
  }
  const targetSystem = input.string('targetsystem');
  if (targetSystem !== undefined && !isHcpcsSystem(targetSystem)) {
    throw new FhirError(
      'not-supported',
      `targetsystem ${targetSystem.slice(0, 80)}: CMS cross references lead only to HCPCS Level II codes (${HCPCS_SYSTEM})`,
      'targetsystem',
    );
  }
  const coded = codedInput(
    input,
    {
      code: 'code',
      system: 'system',
      coding: 'coding',
      codeableConcept: 'codeableConcept',
      version: 'version',
    },
    '$translate',
  );
  requireHcpcsSystem(coded.system, coded.where === 'code' ? 'system' : coded.where);
  const release = selectRelease(store, { version: coded.version, date: input.string('date') });
  const index = conceptIndex(store, release);
  const record = index.records.get(coded.normalized);
  if (!record) throw new FhirError('not-found', notInRelease(store, coded.normalized, release), coded.where);
  const reverse = input.boolean('reverse') === true;
  const targets = reverse
    ? index.codes.filter((c) => index.records.get(c)?.crossReferences.includes(record.code))
    : record.crossReferences;
  const v = fhirVersion(release);
  const matches: ParametersParameter[] = targets.map((code) => {
    const target = index.records.get(code);
    return {
      name: 'match',
      part: [
        { name: 'equivalence', valueCode: 'relatedto' },
        {
          name: 'concept',
          valueCoding: {
            system: HCPCS_SYSTEM,
            version: v,
            code,
            ...(target ? { display: target.longDescription } : {}),
          },
        },
        { name: 'source', valueUri: HCPCS_XREF_CONCEPT_MAP },
      ],
    };
  });
  const message =
    matches.length > 0
      ? undefined
      : reverse
        ? `no code of HCPCS release ${v} names ${record.code} as its cross reference`
        : `${record.code} has no cross reference in HCPCS release ${v}`;
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'result', valueBoolean: matches.length > 0 },
      ...(message ? [{ name: 'message', valueString: message }] : []),
      ...matches,
    ],
  };
}
