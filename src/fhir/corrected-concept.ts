/**
 * A concept of a release as CMS's corrections to that release's quarter leave it on a day
 * (history/corrected-code.ts): $validate-code and $lookup answer from it, so that FHIR gives the
 * verdict `hcpcs check` and /api give on a corrected code, on any day (the concept index holds the
 * release as corrected on its first day).
 */

import { historyContext } from '../history/context.js';
import { type CorrectedCode, codeAsCorrected } from '../history/corrected-code.js';
import { correctedRecordsOf } from '../history/corrected-release.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
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
  const atStart = findConcept(index, code);
  if (atStart?.type === 'group' || !index.correctedCodes.has(code))
    return { concept: atStart, published: atStart, corrected: undefined };
  const own = index.published.get(code);
  const published: Concept | undefined = own
    ? { type: 'code', code, record: own, display: own.longDescription }
    : undefined;
  // On another day than the release's first, other corrections may be in force than the index's.
  const corrected = codeAsCorrected(historyContext(store), index.release, code, own, day);
  const record = corrected?.record;
  if (!record) return { concept: published, published, corrected };
  const display = record.longDescription || own?.longDescription || code;
  return { concept: { type: 'code', code, record, display }, published, corrected };
}

/**
 * How many codes the release's file lacks that CMS's corrections to its quarter add or put back:
 * what the release's CodeSystem counts beside its records, by releaseAsCorrected's rule
 * (correctedRecordsOf) without reading the release's records (a CodeSystem search lists every
 * release): only the corrected codes are looked up.
 * @example codesAddedByCorrections(store, release2019) // 6
 */
export function codesAddedByCorrections(store: HcpcsStore, release: ReleaseInfo): number {
  return correctedRecordsOf(store, release, (code) => store.record(release.key, code)).added.length;
}
