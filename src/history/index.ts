/**
 * History, release diffs and validity at a date of service, computed from the imported
 * releases by comparing field values through the record layout. The CLI and the server call these.
 *
 * @example
 * codeHistory(store, 'C9041').events        // [{ release, type: 'added' | 'terminated' | ..., ... }]
 * diffReleases(store, '2025-10_v1', '2025-10_v4').changed // [{ code: 'L6034', field: 'longDescription', from, to }]
 * checkCode(store, { code: 'J1412', date: '2023-12-15' }).status // 'not-yet-effective'
 */
export {
  lineTooLong,
  MAX_FIELDS_PER_LINE,
  MAX_LINE_BYTES,
  MAX_MODIFIERS_PER_LINE,
  tooManyModifiers,
} from './batch-limits.js';
export { type BatchOutput, batchOutput } from './batch-output.js';
export {
  BATCH_CSV_COLUMNS,
  type BatchOptions,
  type BatchRow,
  batchRowToCsv,
  batchRowToJson,
  checkBatch,
} from './check-batch.js';
export {
  type ActionCount,
  type CmsComparison,
  type CmsReconciliation,
  type ComparisonCategory,
  type ComputedKind,
  reconcileWithCms,
  storedTransactionReport,
} from './cms-reconcile.js';
export {
  type CodeHistory,
  codeHistory,
  type HistoryEvent,
  type HistoryEventType,
  type HistoryReleaseEntry,
} from './code-history.js';
export {
  ACTION_FIELDS,
  COMPARED_FIELDS,
  DESCRIPTION_FIELDS,
  type FieldChange,
  type FieldMeaning,
  type FieldValue,
  fieldChanges,
} from './compare.js';
export { csvCell, csvRow } from './csv.js';
export { parseServiceDate } from './dates.js';
export { DIFF_CSV_COLUMNS, type DiffDescription, diffToCsv } from './diff-csv.js';
export {
  type DiffCorrection,
  type DiffOptions,
  diffReleases,
  type ReleaseDiff,
  type ReleaseDiffSummary,
  type RemovedCode,
  type TerminatedCode,
} from './release-diff.js';
export {
  type Checker,
  type CheckInput,
  type CheckResult,
  type CheckStatus,
  type CoverageNote,
  checkCode,
  createChecker,
  NOT_PAYABLE_COVERAGE,
} from './validity.js';
