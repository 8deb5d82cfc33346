/**
 * A concept of a release as CMS's corrections to that release's quarter leave it on a day
 * (history/corrected-code.ts): $validate-code and $lookup answer from it, so that FHIR gives the
 * verdict `hcpcs check` and /api give on a corrected code. The CodeSystem resource and $expand
 * list the release's file as published.
 */

import { historyContext } from '../history/context.js';
import { type CorrectedCode, codeAsCorrected } from '../history/corrected-code.js';
import type { HcpcsStore } from '../store/store.js';
import type { ConceptIndex } from './concept-index.js';
import { type Concept, findConcept } from './concepts.js';

export interface CorrectedConcept {
  /** The concept as corrected: undefined when the file lacks the code and no correction adds it. */
  readonly concept: Concept | undefined;
  /** The concept as the release's file has it. */
  readonly published: Concept | undefined;
  /** What the corrections do to it; undefined when none names the code. */
  readonly corrected: CorrectedCode | undefined;
}

/**
 * @example conceptAsCorrected(store, index2019, 'C1890', '2019-01-01').concept?.display // 'No implantable/insertable device used with device-intensive procedures'
 */
export function conceptAsCorrected(
  store: HcpcsStore,
  index: ConceptIndex,
  code: string,
  day: string,
): CorrectedConcept {
  const published = findConcept(index, code);
  if (published?.type === 'group' || !index.correctedCodes.has(code))
    return { concept: published, published, corrected: undefined };
  const corrected = codeAsCorrected(historyContext(store), index.release, code, published?.record, day);
  const record = corrected?.record;
  if (!record) return { concept: published, published, corrected };
  const display = record.longDescription || published?.display || code;
  return { concept: { type: 'code', code, record, display }, published, corrected };
}
