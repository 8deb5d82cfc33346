/**
 * $validate-code on the CodeSystem (CodeSystem-validate-code) and on the implicit all-codes value
 * set (ValueSet-validate-code). A code is valid when the release holds it; with `date`, when it is
 * also active that day in the release then in effect (CMS's termination date is the last day of
 * use); a `display` must be the long or short description. Group concepts are in the CodeSystem
 * but abstract: valid there unless `abstract=false`, and never members of the value set.
 * Out: result, message (why not, or a hint), display, code, system, version.
 */
import type { Parameters, ParametersParameter } from 'fhir/r4.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { conceptIndex } from './concept-index.js';
import { type CodedInput, codedInput, conceptActiveOn, findConcept } from './concepts.js';
import { notInRelease } from './lookup.js';
import type { OperationInput, ParamSpec } from './parameters.js';
import { fhirVersion, selectRelease } from './release-catalog.js';
import { HCPCS_ALL_CODES_VALUE_SET, HCPCS_SYSTEM, isAllCodesValueSet, isHcpcsSystem } from './system.js';

/** The input parameters both $validate-code operations share, after the ones naming the code. */
const COMMON_VALIDATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'display', type: 'string' },
  { name: 'coding', type: 'Coding' },
  { name: 'codeableConcept', type: 'CodeableConcept' },
  { name: 'date', type: 'date' },
  { name: 'abstract', type: 'boolean' },
  { name: 'displayLanguage', type: 'code' },
];

export const CODE_SYSTEM_VALIDATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'code', type: 'code' },
  { name: 'version', type: 'string' },
  ...COMMON_VALIDATE_PARAMETERS,
];

export const VALUE_SET_VALIDATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'valueSetVersion', type: 'string' },
  { name: 'code', type: 'code' },
  { name: 'system', type: 'uri' },
  { name: 'systemVersion', type: 'string' },
  ...COMMON_VALIDATE_PARAMETERS,
];

const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

interface Check {
  readonly coded: CodedInput;
  readonly release: ReleaseInfo;
  readonly date: string | undefined;
  readonly abstractAllowed: boolean;
}

function result(
  valid: boolean,
  message: string | undefined,
  coded: CodedInput,
  release: ReleaseInfo | undefined,
  display?: string,
): Parameters {
  const parameter: ParametersParameter[] = [{ name: 'result', valueBoolean: valid }];
  if (message) parameter.push({ name: 'message', valueString: message });
  if (display) parameter.push({ name: 'display', valueString: display });
  parameter.push({ name: 'code', valueCode: coded.normalized });
  if (release) {
    parameter.push({ name: 'system', valueUri: HCPCS_SYSTEM });
    parameter.push({ name: 'version', valueString: fhirVersion(release) });
  } else if (coded.system) parameter.push({ name: 'system', valueUri: coded.system });
  return { resourceType: 'Parameters', parameter };
}

function check(store: HcpcsStore, { coded, release, date, abstractAllowed }: Check): Parameters {
  const index = conceptIndex(store, release);
  const concept = findConcept(index, coded.normalized);
  if (!concept) return result(false, notInRelease(store, coded.normalized, release), coded, release);
  if (concept.type === 'group' && !abstractAllowed) {
    return result(
      false,
      `${concept.code} is an abstract grouping concept, not a code that can be used`,
      coded,
      release,
      concept.display,
    );
  }
  if (date && !conceptActiveOn(concept, date) && concept.type === 'code') {
    return result(
      false,
      `${concept.code} is not valid on ${date}: terminated on ${concept.record.terminationDate} (HCPCS release ${fhirVersion(release)})`,
      coded,
      release,
      concept.display,
    );
  }
  if (coded.display !== undefined && concept.type === 'code') {
    const said = squash(coded.display);
    const names = [concept.record.longDescription, concept.record.shortDescription].filter(
      (d): d is string => !!d,
    );
    if (!names.some((d) => squash(d) === said)) {
      return result(
        false,
        `the display "${coded.display.slice(0, 100)}" is not a display of ${concept.code}: use "${names.join('" or "')}"`,
        coded,
        release,
        concept.display,
      );
    }
  }
  const hints: string[] = [];
  if (concept.type === 'code' && !date && !conceptActiveOn(concept, release.effectiveDate)) {
    hints.push(
      `${concept.code} is inactive in release ${fhirVersion(release)}: terminated on ${concept.record.terminationDate}`,
    );
  }
  if (coded.normalized !== coded.code) hints.push(`the code is written ${coded.normalized}`);
  return result(true, hints.join('; ') || undefined, coded, release, concept.display);
}

/**
 * CodeSystem/$validate-code.
 * @example validateInCodeSystem(store, input) // Parameters with result true, display 'Injection, hemin, 1 mg'
 */
export function validateInCodeSystem(
  store: HcpcsStore,
  input: OperationInput,
  fixed?: ReleaseInfo,
): Parameters {
  const coded = codedInput(
    input,
    { code: 'code', system: 'url', coding: 'coding', codeableConcept: 'codeableConcept', version: 'version' },
    '$validate-code',
  );
  if (coded.system !== undefined && !isHcpcsSystem(coded.system)) {
    if (coded.where === 'code') {
      throw new FhirError(
        'not-found',
        `code system "${coded.system.slice(0, 80)}" is not known to this server`,
        'url',
      );
    }
    return result(
      false,
      `the coding's system ${coded.system.slice(0, 80)} is not HCPCS Level II`,
      coded,
      undefined,
    );
  }
  const date = input.string('date');
  const release = fixed ?? selectRelease(store, { version: coded.version ?? input.string('version'), date });
  return check(store, { coded, release, date, abstractAllowed: input.boolean('abstract') !== false });
}

/**
 * ValueSet/$validate-code against the implicit all-codes value set.
 * @example validateInValueSet(store, input) // Parameters with result true|false and a message
 */
export function validateInValueSet(store: HcpcsStore, input: OperationInput): Parameters {
  const url = input.string('url');
  if (url === undefined) {
    throw new FhirError(
      'required',
      `ValueSet/$validate-code needs url (this server has ${HCPCS_ALL_CODES_VALUE_SET})`,
      'url',
    );
  }
  if (!isAllCodesValueSet(url)) {
    throw new FhirError(
      'not-found',
      `value set "${url.slice(0, 100)}" is not known: this server has ${HCPCS_ALL_CODES_VALUE_SET}`,
      'url',
    );
  }
  const coded = codedInput(
    input,
    {
      code: 'code',
      system: 'system',
      coding: 'coding',
      codeableConcept: 'codeableConcept',
      version: 'systemVersion',
    },
    '$validate-code',
  );
  if (coded.where === 'code' && coded.system === undefined) {
    throw new FhirError(
      'required',
      'a code needs its system (http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets)',
      'system',
    );
  }
  if (coded.system !== undefined && !isHcpcsSystem(coded.system)) {
    return result(
      false,
      `the system ${coded.system.slice(0, 80)} is not in value set ${HCPCS_ALL_CODES_VALUE_SET}`,
      coded,
      undefined,
    );
  }
  const date = input.string('date');
  const release = selectRelease(store, { version: coded.version, date });
  return check(store, { coded, release, date, abstractAllowed: false });
}
