/**
 * CodeSystem/$lookup (FHIR R4 OperationDefinition CodeSystem-lookup): the display, designations and
 * properties of one code (or group concept) in one release. In: code + system, or coding; version;
 * date (the release in effect that day); property (which properties; all when absent, except the
 * payment amounts, given only when named: payment-properties.ts). Out: name, version, display,
 * designation, property (code, value, description = code-table label; subproperty for payments).
 */
import type { Parameters, ParametersParameter } from 'fhir/r4.js';
import { isCodeShaped, notInReleaseMessage } from '../code.js';
import { correctionView } from '../history/corrections.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { SHORT_DESCRIPTION_USE } from './code-system.js';
import { conceptIndex } from './concept-index.js';
import { codedInput, conceptChildren, conceptParent, requireHcpcsSystem } from './concepts.js';
import { conceptAsCorrected } from './corrected-concept.js';
import { isGroupCode } from './hierarchy.js';
import { clip, type OperationInput, type ParamSpec } from './parameters.js';
import { PAYMENT_PROPERTIES, paymentProperties } from './payment-properties.js';
import { PROPERTY_DEFINITIONS, type PropertyValue, recordProperties, valueKey } from './properties.js';
import { fhirVersion, selectRelease } from './release-catalog.js';

/**
 * Property names a client may ask for: ours, `*`, the R4 standard properties (CodeSystem
 * "Properties": url, name, version, display, definition, designation, parent, child; the first
 * six are the standard outputs, always given, and HCPCS codes have no definition besides their
 * descriptions) and `abstract` (true for the group concepts, which are not codes).
 */
const ASKABLE = new Set([
  ...PROPERTY_DEFINITIONS.map((p) => p.code),
  ...PAYMENT_PROPERTIES,
  '*',
  'url',
  'display',
  'designation',
  'definition',
  'name',
  'version',
  'abstract',
]);

export const LOOKUP_PARAMETERS: readonly ParamSpec[] = [
  { name: 'code', type: 'code' },
  { name: 'system', type: 'uri' },
  { name: 'version', type: 'string' },
  { name: 'coding', type: 'Coding' },
  { name: 'date', type: 'date' },
  { name: 'displayLanguage', type: 'code' },
  { name: 'property', type: 'code', repeats: true },
];

function propertyParameter(p: PropertyValue): ParametersParameter {
  return {
    name: 'property',
    part: [
      { name: 'code', valueCode: p.code },
      { name: 'value', [valueKey(p.type)]: p.value } as ParametersParameter,
      ...(p.description ? [{ name: 'description', valueString: p.description }] : []),
    ],
  };
}

/** Says where else a code is, for not-found messages. */
export function notInRelease(store: HcpcsStore, code: string, release: ReleaseInfo): string {
  if (!isCodeShaped(code) && !isGroupCode(code)) {
    return `"${code.slice(0, 40)}" is not a HCPCS Level II code (a letter and four digits, e.g. J1640, or a two-character modifier, e.g. LT)`;
  }
  const elsewhere = store.releaseKeysOfCode(code);
  return notInReleaseMessage(code, `HCPCS release ${fhirVersion(release)}`, elsewhere);
}

/**
 * $lookup. `fixed` is the release of an instance-level call (`CodeSystem/{id}/$lookup`).
 * @example lookup(store, input).parameter?.find((p) => p.name === 'display')?.valueString // 'Injection, hemin, 1 mg'
 */
export function lookup(store: HcpcsStore, input: OperationInput, fixed?: ReleaseInfo): Parameters {
  const coded = codedInput(
    input,
    { code: 'code', system: 'system', coding: 'coding', version: 'version' },
    '$lookup',
  );
  requireHcpcsSystem(coded.system, coded.where === 'code' ? 'system' : coded.where);
  const release =
    fixed ??
    selectRelease(store, { version: coded.version ?? input.string('version'), date: input.string('date') });
  const index = conceptIndex(store, release);
  // Properties say what holds at the release's start (status: see PROPERTY_DEFINITIONS), and so do
  // CMS's corrections put in: those dated by then.
  const { concept, published, corrected } = conceptAsCorrected(
    store,
    index,
    coded.normalized,
    release.effectiveDate,
  );
  if (!concept) throw new FhirError('not-found', notInRelease(store, coded.normalized, release), coded.where);

  const wanted = input.strings('property');
  for (const name of wanted) {
    if (!ASKABLE.has(name)) {
      throw new FhirError(
        'not-supported',
        `property "${clip(name, 40)}" is not defined for HCPCS (properties: ${[...PROPERTY_DEFINITIONS.map((p) => p.code), ...PAYMENT_PROPERTIES].join(', ')})`,
        'property',
      );
    }
  }
  const all = wanted.length === 0 || wanted.includes('*');
  const properties: PropertyValue[] = [];
  if (concept.type === 'code') properties.push(...recordProperties(concept.record, release.effectiveDate));
  else properties.push({ code: 'notSelectable', type: 'boolean', value: true });
  const asPublished = published?.type === 'code' ? published.record : undefined;
  for (const c of corrected?.corrections ?? [])
    properties.push({ code: 'correction', type: 'string', value: correctionView(c, asPublished).message });
  if (wanted.includes('abstract'))
    properties.push({ code: 'abstract', type: 'boolean', value: concept.type === 'group' });
  const parent = conceptParent(index, concept.code);
  if (parent) properties.push({ code: 'parent', type: 'code', value: parent });
  for (const child of conceptChildren(index, concept))
    properties.push({ code: 'child', type: 'code', value: child });

  const parameter: ParametersParameter[] = [
    { name: 'name', valueString: 'HCPCS Level II' },
    { name: 'version', valueString: fhirVersion(release) },
    { name: 'display', valueString: concept.display },
  ];
  if (concept.type === 'code' && concept.record.shortDescription) {
    parameter.push({
      name: 'designation',
      part: [
        { name: 'language', valueCode: 'en' },
        { name: 'use', valueCoding: { ...SHORT_DESCRIPTION_USE } },
        { name: 'value', valueString: concept.record.shortDescription },
      ],
    });
  }
  for (const p of properties) if (all || wanted.includes(p.code)) parameter.push(propertyParameter(p));
  if (concept.type === 'code')
    parameter.push(...paymentProperties(store, concept.code, input.string('date'), wanted));
  return { resourceType: 'Parameters', parameter };
}
