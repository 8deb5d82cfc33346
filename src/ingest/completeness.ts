/**
 * Is a record file whole? A TXT cut at a record boundary still parses, so what it holds is compared
 * with what should be there: the workbook CMS ships beside it, and the release it would replace.
 * Each check refuses with the reason, and `--force` lets it pass (the import then says what it let
 * through).
 */
import { type HcpcsError, inputError } from '../errors.js';
import type { Reconciliation } from './reconcile.js';

/**
 * How many fewer records than the release it replaces a file may hold: 10%. Releases only grow
 * by small steps: CMS keeps a terminated code in the file about four years, so codes leave as
 * slowly as they come, and a revision of a quarter (`_v2` ...) corrects a few records. In the
 * sample releases the count never falls: one quarter to the next grows under 1% (2020-01 7,079,
 * 2020-04 7,097, 2020-07 7,158, 2020-10 7,196; 2025-10 v1 and v4 both 8,846; 2026-01 9,006), one
 * year to the next 4% (2019-01 6,800, 2020-01 7,079). A cut file loses far more: `head -c 934012`
 * of the 2026 TXT keeps 1,821 of 9,006 records.
 */
export const RECORD_COUNT_DROP_LIMIT = 0.1;

const count = (n: number) => n.toLocaleString('en-US');

const FORCE_HINT = 'pass --force to import it anyway';

/**
 * A refusal as the import reports it once `--force` let it pass: the reason, without the hint.
 * @example forcedReason(error) // 'a.txt: holds 6,844 records, 24% fewer than ... is the file truncated?'
 */
export function forcedReason(error: HcpcsError): string {
  return error.message.replace(/;? pass --force to import it (as it is|anyway)$/, '');
}

/** The TXT ends inside its last line, without a line end: the file was cut. */
export function unterminatedLineError(
  file: string,
  last: { readonly line: number; readonly text: string; readonly record: boolean },
  recordLength: number,
): HcpcsError {
  const what = last.record
    ? `a record, without a line end (line ${last.line} has ${last.text.length} of the record's ${recordLength} characters)`
    : `a line, without a line end (line ${last.line} has ${last.text.length} characters, "${last.text.slice(0, 20)}")`;
  return inputError(
    `the file ends inside ${what}: it is truncated, and the records after it are missing; pass --force to import it as it is`,
    { file, line: last.line },
  );
}

/**
 * The workbook holds codes the TXT lacks. Codes only in the TXT are not a sign of a cut TXT (the
 * workbook is a zip whose CRC-32 is checked) and stay a reconciliation finding.
 */
export function workbookCountError(
  reconciliation: Reconciliation,
  workbookName: string,
): HcpcsError | undefined {
  const missing = reconciliation.onlyInWorkbook;
  if (missing.length === 0) return undefined;
  return inputError(
    `holds ${count(reconciliation.txtCount)} records, the workbook beside it (${workbookName}) ${count(reconciliation.workbookCount)}: ${count(missing.length)} codes of the workbook are missing from the TXT (the first: ${missing.slice(0, 3).join(', ')}); is the TXT truncated? ${FORCE_HINT}`,
    { file: reconciliation.txtFile },
  );
}

/**
 * A file holding far fewer records than the release it replaces (`--replace`, or a new revision of
 * a quarter already held).
 */
export function replacedCountError(
  file: string,
  records: number,
  replaced: { readonly key: string; readonly records: number },
): HcpcsError | undefined {
  if (records >= replaced.records * (1 - RECORD_COUNT_DROP_LIMIT)) return undefined;
  const fewer = Math.round((1 - records / replaced.records) * 100);
  return inputError(
    `holds ${count(records)} records, ${fewer}% fewer than the ${count(replaced.records)} of release ${replaced.key} it would replace (more than ${RECORD_COUNT_DROP_LIMIT * 100}% fewer): is the file truncated? ${FORCE_HINT}`,
    { file },
  );
}
