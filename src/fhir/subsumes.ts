/**
 * CodeSystem/$subsumes (CodeSystem-subsumes) over the published hierarchy: letter section ->
 * hundred-block -> code. In: codeA, codeB (or codingA, codingB), system, version. Out: outcome
 * (equivalent | subsumes | subsumed-by | not-subsumed). Both codes must be in the release.
 */
import type { Coding, Parameters } from 'fhir/r4.js';
import { normalizeCode } from '../code.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { conceptIndex } from './concept-index.js';
import { findConcept, requireHcpcsSystem } from './concepts.js';
import { subsumption } from './hierarchy.js';
import { notInRelease } from './lookup.js';
import type { OperationInput, ParamSpec } from './parameters.js';
import { selectRelease } from './release-catalog.js';

export const SUBSUMES_PARAMETERS: readonly ParamSpec[] = [
  { name: 'codeA', type: 'code' },
  { name: 'codeB', type: 'code' },
  { name: 'system', type: 'uri' },
  { name: 'version', type: 'string' },
  { name: 'codingA', type: 'Coding' },
  { name: 'codingB', type: 'Coding' },
];

function side(input: OperationInput, which: 'A' | 'B'): { code: string; where: string } {
  const code = input.string(`code${which}`);
  if (code !== undefined) return { code: normalizeCode(code), where: `code${which}` };
  const coding: Coding | undefined = input.coding(`coding${which}`);
  if (coding?.code) {
    requireHcpcsSystem(coding.system, `coding${which}`);
    return { code: normalizeCode(coding.code), where: `coding${which}` };
  }
  throw new FhirError('required', `$subsumes needs code${which} or coding${which}`, `code${which}`);
}

/**
 * $subsumes.
 * @example subsumes(store, input) // Parameters [{ name: 'outcome', valueCode: 'subsumes' }]
 */
export function subsumes(store: HcpcsStore, input: OperationInput, fixed?: ReleaseInfo): Parameters {
  requireHcpcsSystem(input.string('system'), 'system');
  const a = side(input, 'A');
  const b = side(input, 'B');
  const release = fixed ?? selectRelease(store, { version: input.string('version') });
  const index = conceptIndex(store, release);
  for (const s of [a, b]) {
    if (!findConcept(index, s.code))
      throw new FhirError('not-found', notInRelease(store, s.code, release), s.where);
  }
  return {
    resourceType: 'Parameters',
    parameter: [{ name: 'outcome', valueCode: subsumption(a.code, b.code) }],
  };
}
