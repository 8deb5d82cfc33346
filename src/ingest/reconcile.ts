/**
 * Compares the workbook of a release with its fixed-width TXT (the source of record), field by
 * field. CMS ships both with the same records; where CMS's own two files disagree, every
 * disagreement is reported per code and field. Whitespace inside descriptions is collapsed first:
 * the TXT wraps long descriptions at 80 columns, the workbook does not.
 */
import { RECORD_FIELDS } from '../layout/index.js';
import type { HcpcsRecord } from '../model.js';

export interface FieldDisagreement {
  readonly code: string;
  readonly field: string;
  readonly txt: unknown;
  readonly workbook: unknown;
}

export interface Reconciliation {
  readonly txtFile: string;
  readonly workbookFile: string;
  readonly txtCount: number;
  readonly workbookCount: number;
  readonly onlyInTxt: readonly string[];
  readonly onlyInWorkbook: readonly string[];
  readonly disagreements: readonly FieldDisagreement[];
  /** Disagreements per record field. */
  readonly byField: Readonly<Record<string, number>>;
  /** Why the workbook could not be read, when it could not: nothing was compared. */
  readonly workbookNotRead?: string;
}

function comparable(value: unknown): string {
  if (Array.isArray(value)) return value.map(comparable).join('|');
  if (value === null || value === undefined) return '';
  return String(value).replace(/\s+/g, ' ').trim();
}

const recordKey = (r: HcpcsRecord) => `${r.kind}:${r.code}`;

/**
 * Reconciles two readings of one release.
 * @example reconcile(txt, xlsx, 'a.txt', 'a.xlsx').byField // { actionEffectiveDate: 115, typesOfService: 2 }
 */
export function reconcile(
  txt: readonly HcpcsRecord[],
  workbook: readonly HcpcsRecord[],
  txtFile: string,
  workbookFile: string,
): Reconciliation {
  const fromWorkbook = new Map(workbook.map((r) => [recordKey(r), r]));
  const txtKeys = new Set(txt.map(recordKey));
  const disagreements: FieldDisagreement[] = [];
  const byField: Record<string, number> = {};
  for (const record of txt) {
    const other = fromWorkbook.get(recordKey(record));
    if (!other) continue;
    for (const field of RECORD_FIELDS) {
      const a = record[field.key as keyof HcpcsRecord];
      const b = other[field.key as keyof HcpcsRecord];
      if (comparable(a) !== comparable(b)) {
        disagreements.push({ code: record.code, field: field.key, txt: a, workbook: b });
        byField[field.key] = (byField[field.key] ?? 0) + 1;
      }
    }
  }
  return {
    txtFile,
    workbookFile,
    txtCount: txt.length,
    workbookCount: workbook.length,
    onlyInTxt: txt.filter((r) => !fromWorkbook.has(recordKey(r))).map((r) => r.code),
    onlyInWorkbook: workbook.filter((r) => !txtKeys.has(recordKey(r))).map((r) => r.code),
    disagreements,
    byField,
  };
}

/**
 * The reconciliation of a release whose workbook could not be read: the TXT's records alone,
 * nothing compared, and why.
 */
export function workbookNotRead(
  txt: readonly HcpcsRecord[],
  txtFile: string,
  workbookFile: string,
  why: string,
): Reconciliation {
  return {
    txtFile,
    workbookFile,
    txtCount: txt.length,
    workbookCount: 0,
    onlyInTxt: [],
    onlyInWorkbook: [],
    disagreements: [],
    byField: {},
    workbookNotRead: why,
  };
}
