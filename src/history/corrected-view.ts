/**
 * A code as `show`, `GET /api/codes/{code}` and the code page give it in one release: the file's
 * record with what CMS's corrections to the release's quarter say of it beside (recordCorrections).
 * A code the file lacks and a corrections list adds or puts back (J1095 in 2019-01) is given as the
 * corrections leave it on the release's first day, the same record `check`, search and FHIR answer
 * from (corrected-code.ts), marked `notInFile`.
 */
import { fitsCodeField, normalizeCode } from '../code.js';
import { HcpcsError } from '../errors.js';
import { codeNotFoundMessage, type RecordView, recordView, viewOfRecord } from '../store/record-view.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { historyContext } from './context.js';
import { codeAsCorrected, type RecordCorrections, recordCorrections } from './corrected-code.js';
import { correctionSentence, correctionView } from './corrections.js';

export interface CorrectedCodeView extends RecordView, RecordCorrections {
  /**
   * Set when the release's file as published lacks the code and CMS's corrections add it: why the
   * record shown is theirs (their values over the nearest file's record of the code, else over an
   * empty record). Absent: the record is the file's.
   */
  readonly notInFile?: string;
}

/**
 * The code's view in the release (a normalized code), or undefined when neither the file nor a
 * correction holds it.
 * @example correctedCodeView(store, release2019, 'J1095')?.notInFile // 'the 2019-01_v1 file as published lacks J1095; ...'
 */
export function correctedCodeView(
  store: HcpcsStore,
  release: ReleaseInfo,
  code: string,
): CorrectedCodeView | undefined {
  const context = historyContext(store);
  const view = recordView(store, release, code);
  if (view) return { ...view, ...recordCorrections(context, release, view) };
  const corrected = codeAsCorrected(context, release, code, undefined, release.effectiveDate);
  if (!corrected?.added || !corrected.record) return undefined;
  return {
    ...viewOfRecord(store, release, corrected.record),
    // Each correction with the values it gives: there is no record as published to change.
    corrections: corrected.corrections.map((c) => correctionView(c, undefined)),
    correctedStatus: null,
    notInFile: `the ${release.key} file as published lacks ${code}; ${correctionSentence(corrected.added)} adds it, so the record is as CMS's corrections give it: their values over the nearest file's record of the code`,
  };
}

/**
 * {@link correctedCodeView} of a code as a user typed it: HCPCS_E_NOT_FOUND with
 * codeNotFoundMessage when neither the file nor a correction holds it.
 */
export function codeViewWithCorrections(
  store: HcpcsStore,
  release: ReleaseInfo,
  input: string,
): CorrectedCodeView {
  const code = normalizeCode(input);
  const view = fitsCodeField(code) ? correctedCodeView(store, release, code) : undefined;
  if (!view) throw new HcpcsError('HCPCS_E_NOT_FOUND', codeNotFoundMessage(store, code, release));
  return view;
}
