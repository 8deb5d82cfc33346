/**
 * The record JSON with everything beside the values (ARCHITECTURE.md "Record JSON"): decoded
 * meanings, CMS definitions, labels, the status, and the processing note's text. `show --json`,
 * the API and the pages all build on this.
 */

import type { DecodedValues } from '../layout/describe.js';
import {
  decodedValues,
  fieldDefinitions,
  type PresentedField,
  presentFields,
  type RecordStatus,
  recordStatus,
} from '../layout/describe.js';
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from './store.js';

export interface RecordView extends HcpcsRecord {
  readonly releaseKey: string;
  readonly status: RecordStatus;
  readonly decoded: DecodedValues;
  readonly definitions: Readonly<Record<string, string>>;
  readonly processingNoteText: { readonly text: string; readonly fromRelease: string } | null;
  readonly fields: readonly PresentedField[];
}

/**
 * The full view of one code in one release, or undefined when the release does not hold it.
 * @example recordView(store, '2025-10_v4', 'J1640')?.decoded.coverage // 'Special coverage instructions apply'
 */
export function recordView(store: HcpcsStore, release: ReleaseInfo, code: string): RecordView | undefined {
  const record = store.record(release.key, code);
  if (!record) return undefined;
  const note = record.processingNote ? store.processingNote(release.key, record.processingNote) : undefined;
  return {
    ...record,
    releaseKey: release.key,
    status: recordStatus(record, release.effectiveDate),
    decoded: decodedValues(record),
    definitions: fieldDefinitions(),
    processingNoteText: note ? { text: note.text, fromRelease: note.releaseKey } : null,
    fields: presentFields(record),
  };
}
