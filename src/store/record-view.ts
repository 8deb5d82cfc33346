/**
 * The record JSON with everything beside the values (ARCHITECTURE.md "Record JSON"): decoded
 * meanings, CMS definitions, labels, the status, and the processing note's text. `show`, the API
 * and the pages all build on this; the field-by-field presentation (`presentFields`) is made only
 * by the two that print it (the CLI's text and the code page), not here for JSON to drop.
 */

import { fitsCodeField, notACodeMessage, notInReleaseMessage } from '../code.js';
import type { DecodedValues } from '../layout/describe.js';
import { decodedValues, fieldDefinitions, type RecordStatus, recordStatus } from '../layout/describe.js';
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from './store.js';

export interface RecordView extends HcpcsRecord {
  readonly releaseKey: string;
  readonly status: RecordStatus;
  readonly decoded: DecodedValues;
  readonly definitions: Readonly<Record<string, string>>;
  readonly processingNoteText: { readonly text: string; readonly fromRelease: string } | null;
}

/**
 * The full view of one code in one release, or undefined when the release does not hold it.
 * @example recordView(store, '2025-10_v4', 'J1640')?.decoded.coverage // 'Special coverage instructions apply'
 */
export function recordView(store: HcpcsStore, release: ReleaseInfo, code: string): RecordView | undefined {
  const record = store.record(release.key, code);
  return record ? viewOfRecord(store, release, record) : undefined;
}

/** The full view of a record shown as `release`'s (the file's own, or one as CMS's corrections give it). */
export function viewOfRecord(store: HcpcsStore, release: ReleaseInfo, record: HcpcsRecord): RecordView {
  const note = record.processingNote ? store.processingNote(release.key, record.processingNote) : undefined;
  return {
    ...record,
    releaseKey: release.key,
    status: recordStatus(record, release.effectiveDate),
    decoded: decodedValues(record),
    definitions: fieldDefinitions(),
    processingNoteText: note ? { text: note.text, fromRelease: note.releaseKey } : null,
  };
}

/**
 * Why a release holds no record for a (normalized) code: not something the code field can hold,
 * or not in this release, naming the releases that do hold it.
 * @example codeNotFoundMessage(store, 'C9053', release) // 'C9053 is not in release 2020-01_v1 (it is in 2020-04_v1, ...)'
 */
export function codeNotFoundMessage(store: HcpcsStore, code: string, release: ReleaseInfo): string {
  if (!fitsCodeField(code)) return notACodeMessage(code);
  const elsewhere = store.releaseKeysOfCode(code);
  return notInReleaseMessage(code, `release ${release.key}`, elsewhere);
}
