/**
 * One concept of a release as the operations see it: a code (a record of the file) or a group
 * concept of the published hierarchy; and the reading of a code, system and display from the
 * different ways FHIR operations let a client send them (code + system, Coding, CodeableConcept).
 */
import type { CodeableConcept, Coding } from 'fhir/r4.js';
import { normalizeCode } from '../code.js';
import { type HcpcsRecord, isActiveOn } from '../model.js';
import { FhirError } from '../outcomes.js';
import { type ConceptIndex, hasGroup } from './concept-index.js';
import { groupDisplay, isGroupCode, parentCode } from './hierarchy.js';
import type { OperationInput } from './parameters.js';
import { isHcpcsSystem } from './system.js';

export type Concept =
  | { readonly type: 'code'; readonly code: string; readonly record: HcpcsRecord; readonly display: string }
  | { readonly type: 'group'; readonly code: string; readonly display: string };

/**
 * The concept a code names in a release, or undefined.
 * @example findConcept(index, 'J1640')?.display // 'Injection, hemin, 1 mg'
 */
export function findConcept(index: ConceptIndex, code: string): Concept | undefined {
  const record = index.records.get(code);
  if (record) return { type: 'code', code, record, display: record.longDescription };
  if (isGroupCode(code) && hasGroup(index, code)) return { type: 'group', code, display: groupDisplay(code) };
  return undefined;
}

/** Whether the concept's code is active on a date (group concepts always are). */
export function conceptActiveOn(concept: Concept, date: string): boolean {
  return concept.type === 'group' || isActiveOn(concept.record, date);
}

/** The children of a concept in a release. */
export function conceptChildren(index: ConceptIndex, concept: Concept): readonly string[] {
  return concept.type === 'group' ? (index.children.get(concept.code) ?? []) : [];
}

/** The parent of a concept, when the release holds it. */
export function conceptParent(index: ConceptIndex, code: string): string | undefined {
  const parent = parentCode(code);
  return parent !== undefined && hasGroup(index, parent) ? parent : undefined;
}

/** A code as a client sent it, with where it came from (for messages). */
export interface CodedInput {
  readonly code: string;
  /** Upper-cased, trimmed: HCPCS codes are upper case; the CodeSystem says caseSensitive false. */
  readonly normalized: string;
  readonly system: string | undefined;
  readonly display: string | undefined;
  readonly version: string | undefined;
  readonly where: string;
}

/** Parameter names an operation uses for a code. */
export interface CodedNames {
  readonly code: string;
  readonly system?: string;
  readonly version?: string;
  readonly coding?: string;
  readonly codeableConcept?: string;
}

function fromCoding(coding: Coding, where: string, display: string | undefined): CodedInput {
  if (!coding.code) throw new FhirError('required', `${where} has no code`, where);
  return {
    code: coding.code,
    normalized: normalizeCode(coding.code),
    system: coding.system,
    display: coding.display ?? display,
    version: coding.version,
    where,
  };
}

/**
 * The one code of an operation call, from `code` (+ system), a Coding or a CodeableConcept; a
 * CodeableConcept gives its first HCPCS coding (or its first coding, which then fails as another
 * system).
 * @example codedInput(input, { code: 'code', system: 'system', coding: 'coding' }).normalized // 'J1640'
 */
export function codedInput(input: OperationInput, names: CodedNames, operation: string): CodedInput {
  const display = input.string('display');
  const code = input.string(names.code);
  if (code !== undefined) {
    return {
      code,
      normalized: normalizeCode(code),
      system: names.system ? input.string(names.system) : undefined,
      display,
      version: names.version ? input.string(names.version) : undefined,
      where: names.code,
    };
  }
  const coding = names.coding ? input.coding(names.coding) : undefined;
  if (coding) return fromCoding(coding, names.coding as string, display);
  const concept: CodeableConcept | undefined = names.codeableConcept
    ? input.codeableConcept(names.codeableConcept)
    : undefined;
  if (concept) {
    const codings = concept.coding ?? [];
    const chosen = codings.find((c) => c.system !== undefined && isHcpcsSystem(c.system)) ?? codings[0];
    if (!chosen)
      throw new FhirError('required', `${names.codeableConcept} has no coding`, names.codeableConcept);
    return fromCoding(chosen, names.codeableConcept as string, display);
  }
  const accepted = [names.code, names.coding, names.codeableConcept].filter(Boolean).join(', ');
  throw new FhirError('required', `${operation} needs a code: give one of ${accepted}`, names.code);
}

/** Refuses a system other than HCPCS (any alias) with not-found, as FHIR servers do for unknown systems. */
export function requireHcpcsSystem(system: string | undefined, where: string): void {
  if (system !== undefined && !isHcpcsSystem(system)) {
    throw new FhirError(
      'not-found',
      `code system "${system.slice(0, 80)}" is not known to this server: it serves HCPCS Level II (http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets)`,
      where,
    );
  }
}
